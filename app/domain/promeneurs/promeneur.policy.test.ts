import { describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { ROLES, type RoleCode } from "~/domain/comptes/roles";
import { buildActor } from "../../../tests/factories/actor";
import { PROMENEUR_TRANSITIONS, type PromeneurTransition } from "./promeneur.labels";
import {
  canModifierPromeneur,
  canReadPromeneur,
  canTransition,
  isPromeneurLuiMeme,
  type PromeneurCible,
  type PromeneurPublicCible,
  publicAccess,
} from "./promeneur.policy";

const OWN = "04";
const OTHER = "05";
const OWN_STRUCTURE = "11111111-1111-4111-8111-111111111111";
const OTHER_STRUCTURE = "22222222-2222-4222-8222-222222222222";
const ACTOR_ID = "00000000-0000-4000-8000-000000000001";
const SOMEONE_ELSE = "00000000-0000-4000-8000-000000000099";

/** The one role of each test actor, held in 04 (the referent for OWN_STRUCTURE; national everywhere). */
const actors: Record<RoleCode, Actor> = {
  national: buildActor({ role: "national" }),
  coordinateur: buildActor({ role: "coordinateur" }),
  copil: buildActor({ role: "copil" }),
  referent: buildActor({ role: "referent", structureId: OWN_STRUCTURE }),
  promeneur: buildActor({ role: "promeneur" }),
  evaluateur: buildActor({ role: "evaluateur" }),
};

/** The four promeneurs each question is asked about, in the order of the table's columns. */
const cibles: [label: string, cible: PromeneurCible][] = [
  ["son département, sa structure", { departement: OWN, structureId: OWN_STRUCTURE, proposePar: SOMEONE_ELSE }],
  ["son département, autre structure", { departement: OWN, structureId: OTHER_STRUCTURE, proposePar: SOMEONE_ELSE }],
  ["autre département, sa structure", { departement: OTHER, structureId: OWN_STRUCTURE, proposePar: SOMEONE_ELSE }],
  [
    "autre département, autre structure",
    { departement: OTHER, structureId: OTHER_STRUCTURE, proposePar: SOMEONE_ELSE },
  ],
];

type Cellules = [
  ownDepOwnStructure: boolean,
  ownDepOtherStructure: boolean,
  otherDepOwnStructure: boolean,
  otherDepOtherStructure: boolean,
];

const T = true;
const F = false;

/**
 * Expected answer of `canTransition` for each transition and role, about a promeneur proposed by
 * someone else. Written out by hand: changing a rule in promeneur.policy.ts must change this table.
 */
const matrix: Record<PromeneurTransition, Record<RoleCode, Cellules>> = {
  proposer: {
    national: [F, F, F, F],
    coordinateur: [F, F, F, F],
    copil: [F, F, F, F],
    referent: [T, F, F, F],
    promeneur: [F, F, F, F],
    evaluateur: [F, F, F, F],
  },
  accepter: {
    national: [F, F, F, F],
    coordinateur: [T, T, F, F],
    copil: [F, F, F, F],
    referent: [F, F, F, F],
    promeneur: [F, F, F, F],
    evaluateur: [F, F, F, F],
  },
  refuser: {
    national: [F, F, F, F],
    coordinateur: [T, T, F, F],
    copil: [F, F, F, F],
    referent: [F, F, F, F],
    promeneur: [F, F, F, F],
    evaluateur: [F, F, F, F],
  },
  enregistrer_charte: {
    national: [F, F, F, F],
    coordinateur: [T, T, F, F],
    copil: [F, F, F, F],
    referent: [F, F, F, F],
    promeneur: [F, F, F, F],
    evaluateur: [F, F, F, F],
  },
  enregistrer_formation: {
    national: [F, F, F, F],
    coordinateur: [T, T, F, F],
    copil: [F, F, F, F],
    referent: [F, F, F, F],
    promeneur: [F, F, F, F],
    evaluateur: [F, F, F, F],
  },
  activer: {
    national: [F, F, F, F],
    coordinateur: [T, T, F, F],
    copil: [F, F, F, F],
    referent: [F, F, F, F],
    promeneur: [F, F, F, F],
    evaluateur: [F, F, F, F],
  },
  suspendre: {
    national: [F, F, F, F],
    coordinateur: [T, T, F, F],
    copil: [F, F, F, F],
    referent: [F, F, F, F],
    promeneur: [F, F, F, F],
    evaluateur: [F, F, F, F],
  },
  reactiver: {
    national: [F, F, F, F],
    coordinateur: [T, T, F, F],
    copil: [F, F, F, F],
    referent: [F, F, F, F],
    promeneur: [F, F, F, F],
    evaluateur: [F, F, F, F],
  },
  enregistrer_sortie: {
    national: [F, F, F, F],
    coordinateur: [T, T, F, F],
    copil: [F, F, F, F],
    referent: [T, F, F, F],
    promeneur: [F, F, F, F],
    evaluateur: [F, F, F, F],
  },
};

/** Expected answer of `canReadPromeneur`, same columns. */
const lecture: Record<RoleCode, Cellules> = {
  national: [T, T, T, T],
  coordinateur: [T, T, F, F],
  copil: [F, F, F, F],
  referent: [T, F, F, F],
  promeneur: [F, F, F, F],
  evaluateur: [F, F, F, F],
};

const cases = Object.entries(matrix).flatMap(([transition, byRole]) =>
  Object.entries(byRole).map(([role, expected]) => ({
    transition: transition as PromeneurTransition,
    role: role as RoleCode,
    expected,
  })),
);

describe("matrice des transitions d'un promeneur (canTransition)", () => {
  it("couvre chaque transition pour les six rôles", () => {
    expect(Object.keys(matrix).sort()).toEqual([...PROMENEUR_TRANSITIONS].sort());
    for (const byRole of Object.values(matrix)) expect(Object.keys(byRole).sort()).toEqual([...ROLES].sort());
    expect(cases).toHaveLength(PROMENEUR_TRANSITIONS.length * ROLES.length);
  });

  it.each(cases)("$transition pour le rôle $role : $expected", (c) => {
    const answers = cibles.map(([, cible]) => canTransition(actors[c.role], c.transition, cible));
    expect(answers).toEqual(c.expected);
  });

  it("ne donne rien à un visiteur non connecté ni à un compte sans rôle", () => {
    const [, cible] = cibles[0] as [string, PromeneurCible];
    for (const transition of PROMENEUR_TRANSITIONS) {
      expect(canTransition(null, transition, cible)).toBe(false);
      expect(canTransition(undefined, transition, cible)).toBe(false);
      expect(canTransition(buildActor(), transition, cible)).toBe(false);
    }
  });
});

describe("décision sur sa propre proposition", () => {
  const coordinateurReferent = buildActor(
    { role: "coordinateur", departement: OWN },
    { role: "referent", departement: OWN, structureId: OWN_STRUCTURE },
  );
  const saProposition: PromeneurCible = { departement: OWN, structureId: OWN_STRUCTURE, proposePar: ACTOR_ID };

  it("laisse un coordinateur aussi référent proposer un professionnel de sa structure", () => {
    expect(canTransition(coordinateurReferent, "proposer", { departement: OWN, structureId: OWN_STRUCTURE })).toBe(
      true,
    );
    expect(canTransition(coordinateurReferent, "proposer", { departement: OWN, structureId: OTHER_STRUCTURE })).toBe(
      false,
    );
  });

  it("interdit à un coordinateur aussi référent d'accepter sa propre proposition", () => {
    expect(canTransition(coordinateurReferent, "accepter", saProposition)).toBe(false);
  });

  it("interdit aussi l'acceptation à un coordinateur seul qui serait l'auteur de la proposition", () => {
    expect(canTransition(actors.coordinateur, "accepter", saProposition)).toBe(false);
  });

  it("laisse l'auteur refuser (retirer) sa proposition et conduire la suite du parcours", () => {
    expect(canTransition(coordinateurReferent, "refuser", saProposition)).toBe(true);
    for (const transition of [
      "enregistrer_charte",
      "enregistrer_formation",
      "activer",
      "suspendre",
      "reactiver",
      "enregistrer_sortie",
    ] as const) {
      expect(canTransition(coordinateurReferent, transition, saProposition)).toBe(true);
    }
  });

  it("laisse un autre coordinateur du département accepter la même proposition", () => {
    const autre = { ...actors.coordinateur, userId: "00000000-0000-4000-8000-000000000002" };
    expect(canTransition(autre, "accepter", saProposition)).toBe(true);
  });
});

describe("rôles multiples et périmètre", () => {
  it("additionne les rôles d'une personne, chacun dans son département", () => {
    const actor = buildActor(
      { role: "referent", departement: OWN, structureId: OWN_STRUCTURE },
      { role: "coordinateur", departement: OTHER },
    );
    const chezLui = { departement: OWN, structureId: OWN_STRUCTURE, proposePar: SOMEONE_ELSE };
    const ailleurs = { departement: OTHER, structureId: OTHER_STRUCTURE, proposePar: SOMEONE_ELSE };
    expect(canTransition(actor, "proposer", chezLui)).toBe(true);
    expect(canTransition(actor, "accepter", chezLui)).toBe(false);
    expect(canTransition(actor, "activer", chezLui)).toBe(false);
    expect(canTransition(actor, "accepter", ailleurs)).toBe(true);
    expect(canTransition(actor, "proposer", ailleurs)).toBe(false);
    expect(canTransition(actor, "activer", { ...ailleurs, departement: "06" })).toBe(false);
  });

  it("ne laisse pas un référent de deux structures agir sur une troisième", () => {
    const third = "33333333-3333-4333-8333-333333333333";
    const actor = buildActor(
      { role: "referent", structureId: OWN_STRUCTURE },
      { role: "referent", structureId: OTHER_STRUCTURE },
    );
    expect(canTransition(actor, "enregistrer_sortie", { departement: OWN, structureId: OTHER_STRUCTURE })).toBe(true);
    expect(canTransition(actor, "enregistrer_sortie", { departement: OWN, structureId: third })).toBe(false);
  });
});

describe("lecture de la fiche d'un promeneur (canReadPromeneur)", () => {
  it.each(Object.entries(lecture).map(([role, expected]) => ({ role: role as RoleCode, expected })))(
    "pour le rôle $role : $expected",
    (c) => {
      expect(cibles.map(([, cible]) => canReadPromeneur(actors[c.role], cible))).toEqual(c.expected);
    },
  );

  it("ne donne rien à un visiteur non connecté", () => {
    expect(canReadPromeneur(null, { departement: OWN, structureId: OWN_STRUCTURE })).toBe(false);
  });
});

describe("accès aux pages du promeneur : fiche publique, horaires, profils, territoire (publicAccess)", () => {
  const cible = (overrides: Partial<PromeneurPublicCible> = {}): PromeneurPublicCible => ({
    departement: OWN,
    structureId: OWN_STRUCTURE,
    userId: SOMEONE_ELSE,
    statut: "actif",
    ...overrides,
  });

  it.each<[string, RoleCode, string, string | null, "none" | "read" | "manage"]>([
    ["le coordinateur du département", "coordinateur", OWN, null, "manage"],
    ["le coordinateur d'un autre département", "coordinateur", OTHER, null, "none"],
    ["le référent de la structure", "referent", OWN, OWN_STRUCTURE, "read"],
    ["le référent d'une autre structure", "referent", OWN, OTHER_STRUCTURE, "none"],
    ["le référent de la même structure dans un autre département", "referent", OTHER, OWN_STRUCTURE, "none"],
    ["le national", "national", OWN, null, "read"],
    ["un membre du comité de pilotage", "copil", OWN, null, "none"],
    ["un autre promeneur", "promeneur", OWN, null, "none"],
    ["un évaluateur", "evaluateur", OWN, null, "none"],
  ])("%s : %s", (_, role, departement, structureId, attendu) => {
    expect(publicAccess(buildActor({ role, departement, structureId }), cible())).toBe(attendu);
  });

  it("le promeneur lui-même modifie ses pages, tant qu'il n'est pas sorti ni refusé", () => {
    const actor = buildActor({ role: "promeneur" });
    expect(publicAccess(actor, cible({ userId: ACTOR_ID }))).toBe("manage");
    expect(publicAccess(actor, cible({ userId: ACTOR_ID, statut: "suspendu" }))).toBe("manage");
    expect(publicAccess(actor, cible({ userId: ACTOR_ID, statut: "sorti" }))).toBe("read");
    expect(publicAccess(actor, cible({ userId: ACTOR_ID, statut: "refuse" }))).toBe("read");
    expect(publicAccess(actors.coordinateur, cible({ statut: "sorti" }))).toBe("read");
  });

  it("ne donne rien à un visiteur non connecté", () => {
    expect(publicAccess(null, cible())).toBe("none");
  });

  it("le compte relié doit avoir le rôle de promeneur dans le département de la fiche", () => {
    expect(isPromeneurLuiMeme(buildActor({ role: "promeneur" }), cible({ userId: ACTOR_ID }))).toBe(true);
    expect(isPromeneurLuiMeme(buildActor({ role: "promeneur", departement: OTHER }), cible({ userId: ACTOR_ID }))).toBe(
      false,
    );
    expect(isPromeneurLuiMeme(buildActor({ role: "referent" }), cible({ userId: ACTOR_ID }))).toBe(false);
    expect(isPromeneurLuiMeme(null, cible({ userId: ACTOR_ID }))).toBe(false);
    expect(isPromeneurLuiMeme(buildActor({ role: "promeneur" }), cible({ userId: null }))).toBe(false);
  });
});

describe("modification des informations internes (canModifierPromeneur)", () => {
  const cible = { departement: OWN, structureId: OWN_STRUCTURE, statut: "actif" };

  it("laisse le coordinateur du 04 tout modifier, identité comprise", () => {
    expect(canModifierPromeneur(actors.coordinateur, cible)).toEqual({ identite: true });
  });

  it("laisse le référent de la structure modifier les contacts, pas l'identité", () => {
    expect(canModifierPromeneur(actors.referent, cible)).toEqual({ identite: false });
  });

  it("refuse le référent d'une autre structure et le coordinateur du 05", () => {
    expect(canModifierPromeneur(actors.referent, { ...cible, structureId: OTHER_STRUCTURE })).toBeNull();
    expect(canModifierPromeneur(buildActor({ role: "coordinateur", departement: OTHER }), cible)).toBeNull();
  });

  it("refuse le national, le comité de pilotage, le promeneur et l'évaluateur", () => {
    for (const role of ["national", "copil", "promeneur", "evaluateur"] as const) {
      expect(canModifierPromeneur(actors[role], cible)).toBeNull();
    }
  });

  it.each(["sorti", "refuse"])("ne laisse plus rien modifier d'un promeneur au statut définitif %s", (statut) => {
    expect(canModifierPromeneur(actors.coordinateur, { ...cible, statut })).toBeNull();
    expect(canModifierPromeneur(actors.referent, { ...cible, statut })).toBeNull();
  });
});
