import { describe, expect, it } from "vitest";
import { buildActor } from "../../../tests/factories/actor";
import type { Actor } from "./actor";
import { type Action, can, departementsFor, invitableRoles, scopeFor } from "./policy";
import type { RoleCode } from "./roles";

const OWN = "04";
const OTHER = "05";
const OWN_STRUCTURE = "11111111-1111-4111-8111-111111111111";
const OTHER_STRUCTURE = "22222222-2222-4222-8222-222222222222";

/** The one role of each test actor, held in 04 (the referent for OWN_STRUCTURE; national everywhere). */
const actors: Record<RoleCode, Actor> = {
  national: buildActor({ role: "national" }),
  coordinateur: buildActor({ role: "coordinateur" }),
  copil: buildActor({ role: "copil" }),
  referent: buildActor({ role: "referent", structureId: OWN_STRUCTURE }),
  promeneur: buildActor({ role: "promeneur" }),
  evaluateur: buildActor({ role: "evaluateur" }),
};

const T = true;
const F = false;

/**
 * Expected answer of `can` for each action and role, in the actor's own département (04) and in
 * another one (05). Written out by hand: changing a rule in policy.ts must change this table.
 */
const matrix: Record<Action, Record<RoleCode, [own: boolean, other: boolean]>> = {
  "espace.acceder": {
    national: [T, T],
    coordinateur: [T, F],
    copil: [T, F],
    referent: [T, F],
    promeneur: [T, F],
    evaluateur: [T, F],
  },
  "coordination.acceder": {
    national: [F, F],
    coordinateur: [T, F],
    copil: [F, F],
    referent: [F, F],
    promeneur: [F, F],
    evaluateur: [F, F],
  },
  "promeneur.acceder": {
    national: [F, F],
    coordinateur: [F, F],
    copil: [F, F],
    referent: [F, F],
    promeneur: [T, F],
    evaluateur: [F, F],
  },
  "evaluations.acceder": {
    national: [F, F],
    coordinateur: [F, F],
    copil: [F, F],
    referent: [F, F],
    promeneur: [F, F],
    evaluateur: [T, F],
  },
  "equipe.lire": {
    national: [T, T],
    coordinateur: [T, F],
    copil: [F, F],
    referent: [F, F],
    promeneur: [F, F],
    evaluateur: [F, F],
  },
  "equipe.inviter": {
    national: [T, T],
    coordinateur: [T, F],
    copil: [F, F],
    referent: [F, F],
    promeneur: [F, F],
    evaluateur: [F, F],
  },
  "structure.lire": {
    national: [T, T],
    coordinateur: [T, F],
    copil: [T, F],
    referent: [T, F],
    promeneur: [F, F],
    evaluateur: [F, F],
  },
  "journal.lire": {
    national: [T, T],
    coordinateur: [T, F],
    copil: [F, F],
    referent: [F, F],
    promeneur: [F, F],
    evaluateur: [F, F],
  },
  "territoire.lire": {
    national: [T, T],
    coordinateur: [T, F],
    copil: [T, F],
    referent: [F, F],
    promeneur: [F, F],
    evaluateur: [F, F],
  },
  "territoire.importer": {
    national: [T, T],
    coordinateur: [T, F],
    copil: [F, F],
    referent: [F, F],
    promeneur: [F, F],
    evaluateur: [F, F],
  },
  "outbox.lire": {
    national: [F, F],
    coordinateur: [T, F],
    copil: [F, F],
    referent: [F, F],
    promeneur: [F, F],
    evaluateur: [F, F],
  },
  "pilotage.lire": {
    national: [T, T],
    coordinateur: [T, F],
    copil: [T, F],
    referent: [F, F],
    promeneur: [F, F],
    evaluateur: [F, F],
  },
  "national.lire": {
    national: [T, T],
    coordinateur: [F, F],
    copil: [F, F],
    referent: [F, F],
    promeneur: [F, F],
    evaluateur: [F, F],
  },
  "structure.creer": {
    national: [F, F],
    coordinateur: [T, F],
    copil: [F, F],
    referent: [F, F],
    promeneur: [F, F],
    evaluateur: [F, F],
  },
  "structure.modifier": {
    national: [F, F],
    coordinateur: [T, F],
    copil: [F, F],
    referent: [T, F],
    promeneur: [F, F],
    evaluateur: [F, F],
  },
  "promeneur.lire": {
    national: [T, T],
    coordinateur: [T, F],
    copil: [F, F],
    referent: [T, F],
    promeneur: [F, F],
    evaluateur: [F, F],
  },
  "profil.verifier": {
    national: [F, F],
    coordinateur: [T, F],
    copil: [F, F],
    referent: [F, F],
    promeneur: [F, F],
    evaluateur: [F, F],
  },
  "conformite.lire": {
    national: [T, T],
    coordinateur: [T, F],
    copil: [F, F],
    referent: [F, F],
    promeneur: [F, F],
    evaluateur: [F, F],
  },
  "conformite.configurer": {
    national: [F, F],
    coordinateur: [T, F],
    copil: [F, F],
    referent: [F, F],
    promeneur: [F, F],
    evaluateur: [F, F],
  },
  "annuaire.lire": {
    national: [F, F],
    coordinateur: [T, F],
    copil: [F, F],
    referent: [T, F],
    promeneur: [T, F],
    evaluateur: [F, F],
  },
  "annonce.lire": {
    national: [F, F],
    coordinateur: [T, F],
    copil: [F, F],
    referent: [T, F],
    promeneur: [T, F],
    evaluateur: [F, F],
  },
  "annonce.publier": {
    national: [F, F],
    coordinateur: [T, F],
    copil: [F, F],
    referent: [F, F],
    promeneur: [F, F],
    evaluateur: [F, F],
  },
  "reseau.importer": {
    national: [F, F],
    coordinateur: [T, F],
    copil: [F, F],
    referent: [F, F],
    promeneur: [F, F],
    evaluateur: [F, F],
  },
  "reseau.exporter": {
    national: [T, T],
    coordinateur: [T, F],
    copil: [F, F],
    referent: [F, F],
    promeneur: [F, F],
    evaluateur: [F, F],
  },
  "messages.lire": {
    national: [F, F],
    coordinateur: [T, F],
    copil: [F, F],
    referent: [F, F],
    promeneur: [F, F],
    evaluateur: [F, F],
  },
  "audience.lire": {
    national: [T, T],
    coordinateur: [T, F],
    copil: [T, F],
    referent: [F, F],
    promeneur: [F, F],
    evaluateur: [F, F],
  },
  "contenu.gerer": {
    national: [F, F],
    coordinateur: [T, F],
    copil: [F, F],
    referent: [F, F],
    promeneur: [F, F],
    evaluateur: [F, F],
  },
  "ressource.reseau.lire": {
    national: [F, F],
    coordinateur: [T, F],
    copil: [F, F],
    referent: [T, F],
    promeneur: [T, F],
    evaluateur: [F, F],
  },
  "numeros.gerer": {
    national: [T, T],
    coordinateur: [T, F],
    copil: [F, F],
    referent: [F, F],
    promeneur: [F, F],
    evaluateur: [F, F],
  },
  "rapport.saisir": {
    national: [F, F],
    coordinateur: [F, F],
    copil: [F, F],
    referent: [F, F],
    promeneur: [T, F],
    evaluateur: [F, F],
  },
  "rapport.lire": {
    national: [F, F],
    coordinateur: [T, F],
    copil: [F, F],
    referent: [T, F],
    promeneur: [F, F],
    evaluateur: [F, F],
  },
  "rapport.lire.detail": {
    national: [F, F],
    coordinateur: [T, F],
    copil: [F, F],
    referent: [F, F],
    promeneur: [F, F],
    evaluateur: [F, F],
  },
  "rapport.valider": {
    national: [F, F],
    coordinateur: [T, F],
    copil: [F, F],
    referent: [F, F],
    promeneur: [F, F],
    evaluateur: [F, F],
  },
  "rapport.exporter": {
    national: [F, F],
    coordinateur: [T, F],
    copil: [F, F],
    referent: [F, F],
    promeneur: [F, F],
    evaluateur: [F, F],
  },
  "situation.saisir": {
    national: [F, F],
    coordinateur: [F, F],
    copil: [F, F],
    referent: [F, F],
    promeneur: [T, F],
    evaluateur: [F, F],
  },
  "situation.lire": {
    national: [F, F],
    coordinateur: [T, F],
    copil: [F, F],
    referent: [F, F],
    promeneur: [F, F],
    evaluateur: [F, F],
  },
  "projet.saisir": {
    national: [F, F],
    coordinateur: [F, F],
    copil: [F, F],
    referent: [F, F],
    promeneur: [T, F],
    evaluateur: [F, F],
  },
  "projet.lire": {
    national: [F, F],
    coordinateur: [T, F],
    copil: [F, F],
    referent: [T, F],
    promeneur: [F, F],
    evaluateur: [F, F],
  },
  "communication.lire": {
    national: [T, T],
    coordinateur: [T, F],
    copil: [T, F],
    referent: [F, F],
    promeneur: [F, F],
    evaluateur: [F, F],
  },
  "communication.gerer": {
    national: [F, F],
    coordinateur: [T, F],
    copil: [F, F],
    referent: [F, F],
    promeneur: [F, F],
    evaluateur: [F, F],
  },
  "regroupement.lire": {
    national: [F, F],
    coordinateur: [T, F],
    copil: [T, F],
    referent: [T, F],
    promeneur: [T, F],
    evaluateur: [F, F],
  },
  "regroupement.gerer": {
    national: [F, F],
    coordinateur: [T, F],
    copil: [F, F],
    referent: [F, F],
    promeneur: [F, F],
    evaluateur: [F, F],
  },
  "regroupement.repondre": {
    national: [F, F],
    coordinateur: [T, F],
    copil: [T, F],
    referent: [T, F],
    promeneur: [T, F],
    evaluateur: [F, F],
  },
  "presence.noter": {
    national: [F, F],
    coordinateur: [T, F],
    copil: [F, F],
    referent: [F, F],
    promeneur: [F, F],
    evaluateur: [F, F],
  },
  "participation.lire": {
    national: [T, T],
    coordinateur: [T, F],
    copil: [T, F],
    referent: [F, F],
    promeneur: [F, F],
    evaluateur: [F, F],
  },
  "participation.lire.detail": {
    national: [F, F],
    coordinateur: [T, F],
    copil: [F, F],
    referent: [F, F],
    promeneur: [F, F],
    evaluateur: [F, F],
  },
  "comite.lire": {
    national: [F, F],
    coordinateur: [T, F],
    copil: [T, F],
    referent: [F, F],
    promeneur: [F, F],
    evaluateur: [F, F],
  },
  "comite.gerer": {
    national: [F, F],
    coordinateur: [T, F],
    copil: [F, F],
    referent: [F, F],
    promeneur: [F, F],
    evaluateur: [F, F],
  },
  "calendrier.gerer": {
    national: [T, T],
    coordinateur: [T, F],
    copil: [T, F],
    referent: [T, F],
    promeneur: [T, F],
    evaluateur: [T, F],
  },
  "rapport-annuel.lire": {
    national: [T, T],
    coordinateur: [T, F],
    copil: [T, F],
    referent: [F, F],
    promeneur: [F, F],
    evaluateur: [F, F],
  },
  "rapport-annuel.preparer": {
    national: [F, F],
    coordinateur: [T, F],
    copil: [F, F],
    referent: [F, F],
    promeneur: [F, F],
    evaluateur: [F, F],
  },
  "indicateurs.lire": {
    national: [T, T],
    coordinateur: [T, F],
    copil: [T, F],
    referent: [F, F],
    promeneur: [F, F],
    evaluateur: [F, F],
  },
  "budget.lire": {
    national: [T, T],
    coordinateur: [T, F],
    copil: [T, F],
    referent: [F, F],
    promeneur: [F, F],
    evaluateur: [F, F],
  },
  "budget.gerer": {
    national: [F, F],
    coordinateur: [T, F],
    copil: [F, F],
    referent: [F, F],
    promeneur: [F, F],
    evaluateur: [F, F],
  },
  "appels.gerer": {
    national: [F, F],
    coordinateur: [T, F],
    copil: [T, F],
    referent: [F, F],
    promeneur: [F, F],
    evaluateur: [F, F],
  },
  "donnees.effacer": {
    national: [F, F],
    coordinateur: [T, F],
    copil: [F, F],
    referent: [F, F],
    promeneur: [F, F],
    evaluateur: [F, F],
  },
  "registre.lire": {
    national: [F, F],
    coordinateur: [T, F],
    copil: [T, F],
    referent: [F, F],
    promeneur: [F, F],
    evaluateur: [F, F],
  },
};

/** For a referent, the same question about their own structure and another structure of 04. */
const referentStructures: Record<Action, [own: boolean, other: boolean]> = {
  "espace.acceder": [T, F],
  "coordination.acceder": [F, F],
  "promeneur.acceder": [F, F],
  "evaluations.acceder": [F, F],
  "equipe.lire": [F, F],
  "equipe.inviter": [F, F],
  "structure.lire": [T, F],
  "journal.lire": [F, F],
  "territoire.lire": [F, F],
  "territoire.importer": [F, F],
  "outbox.lire": [F, F],
  "pilotage.lire": [F, F],
  "national.lire": [F, F],
  "structure.creer": [F, F],
  "structure.modifier": [T, F],
  "promeneur.lire": [T, F],
  "profil.verifier": [F, F],
  "conformite.lire": [F, F],
  "conformite.configurer": [F, F],
  "annuaire.lire": [T, F],
  "annonce.lire": [T, F],
  "annonce.publier": [F, F],
  "reseau.importer": [F, F],
  "reseau.exporter": [F, F],
  "messages.lire": [F, F],
  "audience.lire": [F, F],
  "contenu.gerer": [F, F],
  "ressource.reseau.lire": [T, F],
  "numeros.gerer": [F, F],
  "rapport.saisir": [F, F],
  "rapport.lire": [T, F],
  "rapport.lire.detail": [F, F],
  "rapport.valider": [F, F],
  "rapport.exporter": [F, F],
  "situation.saisir": [F, F],
  "situation.lire": [F, F],
  "projet.saisir": [F, F],
  "projet.lire": [T, F],
  "communication.lire": [F, F],
  "communication.gerer": [F, F],
  "regroupement.lire": [T, F],
  "regroupement.gerer": [F, F],
  "regroupement.repondre": [T, F],
  "presence.noter": [F, F],
  "participation.lire": [F, F],
  "participation.lire.detail": [F, F],
  "comite.lire": [F, F],
  "comite.gerer": [F, F],
  "calendrier.gerer": [T, F],
  "rapport-annuel.lire": [F, F],
  "rapport-annuel.preparer": [F, F],
  "indicateurs.lire": [F, F],
  "budget.lire": [F, F],
  "budget.gerer": [F, F],
  "appels.gerer": [F, F],
  "donnees.effacer": [F, F],
  "registre.lire": [F, F],
};

const cases = Object.entries(matrix).flatMap(([action, byRole]) =>
  Object.entries(byRole).map(([role, [own, other]]) => ({
    action: action as Action,
    role: role as RoleCode,
    own,
    other,
  })),
);

describe("matrice des permissions", () => {
  it("couvre les six rôles pour chaque action", () => {
    expect(cases).toHaveLength(Object.keys(matrix).length * 6);
  });

  it.each(cases)("$action pour le rôle $role : dans son département $own, dans un autre $other", (c) => {
    const actor = actors[c.role];
    expect(can(actor, c.action, { departement: OWN })).toBe(c.own);
    expect(can(actor, c.action, { departement: OTHER })).toBe(c.other);
    // Sans cible précise, la question est « ce rôle y donne-t-il droit quelque part ? ».
    expect(can(actor, c.action)).toBe(c.own);
  });

  it.each(
    Object.entries(referentStructures).map(([action, [own, other]]) => ({ action: action as Action, own, other })),
  )("$action pour un référent : sa structure $own, une autre structure du département $other", (c) => {
    const referent = actors.referent;
    expect(can(referent, c.action, { departement: OWN, structureId: OWN_STRUCTURE })).toBe(c.own);
    expect(can(referent, c.action, { departement: OWN, structureId: OTHER_STRUCTURE })).toBe(c.other);
    expect(can(referent, c.action, { departement: OTHER, structureId: OWN_STRUCTURE })).toBe(false);
  });

  it("ne donne rien à un visiteur non connecté ni à un compte sans rôle", () => {
    for (const action of Object.keys(matrix) as Action[]) {
      expect(can(null, action, { departement: OWN })).toBe(false);
      expect(can(undefined, action)).toBe(false);
      expect(can(buildActor(), action, { departement: OWN })).toBe(false);
    }
  });

  it("additionne les rôles d'une personne qui en a plusieurs, chacun dans son département", () => {
    const actor = buildActor({ role: "coordinateur", departement: "04" }, { role: "copil", departement: "05" });
    expect(can(actor, "equipe.inviter", { departement: "04" })).toBe(true);
    expect(can(actor, "equipe.inviter", { departement: "05" })).toBe(false);
    expect(can(actor, "pilotage.lire", { departement: "05" })).toBe(true);
    expect(can(actor, "pilotage.lire", { departement: "06" })).toBe(false);
  });

  it("ne laisse pas un référent de deux structures lire une troisième", () => {
    const third = "33333333-3333-4333-8333-333333333333";
    const actor = buildActor(
      { role: "referent", structureId: OWN_STRUCTURE },
      { role: "referent", structureId: OTHER_STRUCTURE },
    );
    expect(can(actor, "structure.lire", { departement: OWN, structureId: OWN_STRUCTURE })).toBe(true);
    expect(can(actor, "structure.lire", { departement: OWN, structureId: OTHER_STRUCTURE })).toBe(true);
    expect(can(actor, "structure.lire", { departement: OWN, structureId: third })).toBe(false);
  });
});

describe("périmètre des lectures (scopeFor)", () => {
  it("donne tout au rôle national pour une action qui le prévoit", () => {
    expect(scopeFor(actors.national, "journal.lire")).toEqual({ all: true });
    expect(scopeFor(actors.national, "structure.lire")).toEqual({ all: true });
  });

  it("ne donne rien au rôle national pour une action qui ne le prévoit pas", () => {
    expect(scopeFor(actors.national, "coordination.acceder")).toEqual({
      all: false,
      departements: [],
      structureIds: [],
    });
  });

  it("limite le coordinateur à son département", () => {
    expect(scopeFor(actors.coordinateur, "journal.lire")).toEqual({
      all: false,
      departements: ["04"],
      structureIds: [],
    });
  });

  it("limite le référent à sa structure, sans le département entier", () => {
    expect(scopeFor(actors.referent, "structure.lire")).toEqual({
      all: false,
      departements: [],
      structureIds: [OWN_STRUCTURE],
    });
  });

  it("ne donne aucun département à un rôle absent de la règle", () => {
    expect(scopeFor(actors.copil, "journal.lire")).toEqual({ all: false, departements: [], structureIds: [] });
    expect(scopeFor(actors.promeneur, "structure.lire")).toEqual({ all: false, departements: [], structureIds: [] });
  });

  it("réunit sans doublon les départements de plusieurs rôles, triés", () => {
    const actor = buildActor(
      { role: "copil", departement: "05" },
      { role: "coordinateur", departement: "04" },
      { role: "copil", departement: "04" },
      { role: "promeneur", departement: "06" },
    );
    expect(scopeFor(actor, "pilotage.lire")).toEqual({ all: false, departements: ["04", "05"], structureIds: [] });
    expect(scopeFor(actor, "journal.lire")).toEqual({ all: false, departements: ["04"], structureIds: [] });
  });
});

describe("rôles qu'une personne peut attribuer (invitableRoles)", () => {
  const allButNational: RoleCode[] = ["coordinateur", "copil", "referent", "promeneur", "evaluateur"];

  it("laisse le rôle national inviter partout, jamais au rôle national", () => {
    expect(invitableRoles(actors.national, "04")).toEqual(allButNational);
    expect(invitableRoles(actors.national, "05")).toEqual(allButNational);
  });

  it("laisse le coordinateur inviter dans son département seulement", () => {
    expect(invitableRoles(actors.coordinateur, "04")).toEqual(allButNational);
    expect(invitableRoles(actors.coordinateur, "05")).toEqual([]);
  });

  it.each(["copil", "referent", "promeneur", "evaluateur"] as const)("ne laisse pas le rôle %s inviter", (role) => {
    expect(invitableRoles(actors[role], "04")).toEqual([]);
  });
});

describe("départements où agir", () => {
  it("compte le département de la structure d'un référent, pas les rôles que l'action ignore", () => {
    const actor = buildActor(
      { role: "referent", departement: "05", structureId: OWN_STRUCTURE },
      { role: "promeneur", departement: "04" },
      { role: "copil", departement: "13" },
    );
    expect(departementsFor(actor, "annuaire.lire")).toEqual(["04", "05"]);
    expect(departementsFor(actor, "pilotage.lire")).toEqual(["13"]);
    expect(departementsFor(actors.national, "annuaire.lire")).toEqual([]);
  });
});
