import { describe, expect, it } from "vitest";
import type { Actor, RoleGrant } from "~/domain/comptes/actor";
import { buildActor } from "../../../tests/factories/actor";
import { PROMENEUR_STATUTS, type PromeneurStatut, type PromeneurTransition } from "./promeneur.labels";
import {
  activationManques,
  MOTIF_MAX,
  type PromeneurEtat,
  planTransition,
  type TransitionInputs,
  type TransitionPlan,
  type TransitionRefusee,
  type TransitionResult,
  transitionsDepuis,
} from "./promeneur.rules";

const DEP = "04";
const STRUCTURE = "11111111-1111-4111-8111-111111111111";
const REFERENT_ID = "00000000-0000-4000-8000-000000000010";
const COORDINATEUR_ID = "00000000-0000-4000-8000-000000000020";

/** Proposal on Monday 3 March 2025, 10:00 in Paris; the request happens on 20 March 2025, 11:00 in Paris. */
const PROPOSE_LE = new Date("2025-03-03T09:00:00Z");
const NOW = new Date("2025-03-20T10:00:00Z");
const CHARTE_EMPLOYEUR = new Date("2024-11-15T10:00:00Z");
const CHARTE = new Date("2025-03-10T09:00:00Z");
const FORMATION = new Date("2025-03-12T09:00:00Z");
const ENTREE = new Date("2025-03-14T09:00:00Z");

function actor(userId: string, ...roles: Partial<RoleGrant>[]): Actor {
  return { ...buildActor(...roles), userId };
}

const referent = actor(REFERENT_ID, { role: "referent", structureId: STRUCTURE });
const coordinateur = actor(COORDINATEUR_ID, { role: "coordinateur" });

/** A realistic promeneur in each status (the structure's employer charter is signed, one profile conforms). */
const etats: Record<PromeneurStatut, PromeneurEtat> = (() => {
  const propose: PromeneurEtat = {
    statut: "propose",
    departement: DEP,
    structureId: STRUCTURE,
    proposePar: REFERENT_ID,
    proposeLe: PROPOSE_LE,
    charteSigneeLe: null,
    charteEmployeurSigneeLe: CHARTE_EMPLOYEUR,
    formationInitialeLe: null,
    profilsConformes: 1,
    entreeLe: null,
    sortieLe: null,
  };
  const accepte: PromeneurEtat = { ...propose, statut: "accepte", charteSigneeLe: CHARTE };
  const forme: PromeneurEtat = { ...accepte, statut: "forme", formationInitialeLe: FORMATION };
  const actif: PromeneurEtat = { ...forme, statut: "actif", entreeLe: ENTREE };
  return {
    propose,
    accepte,
    forme,
    actif,
    suspendu: { ...actif, statut: "suspendu" },
    sorti: { ...actif, statut: "sorti", sortieLe: new Date("2025-03-18T09:00:00Z") },
    refuse: { ...propose, statut: "refuse" },
  };
})();

const etat = (statut: PromeneurStatut, overrides: Partial<PromeneurEtat> = {}): PromeneurEtat => ({
  ...etats[statut],
  ...overrides,
});

/** A valid input for each transition. */
const inputs: { [T in PromeneurTransition]: TransitionInputs[T] } = {
  proposer: { departement: DEP, structureId: STRUCTURE, heuresHebdomadaires: 4 },
  accepter: {},
  refuser: { motif: "Le poste n'est pas pérennisé." },
  enregistrer_charte: {},
  enregistrer_formation: {},
  activer: {},
  suspendre: { motif: "Profil non conforme depuis deux mois." },
  reactiver: {},
  enregistrer_sortie: {},
};

function ok(result: TransitionResult): TransitionPlan {
  if (!result.ok) throw new Error(`refusé : ${result.message}`);
  return result;
}

function ko(result: TransitionResult): TransitionRefusee {
  if (result.ok) throw new Error("accepté alors qu'un refus était attendu");
  return result;
}

describe("table des transitions (coordinateur du département, saisies valides)", () => {
  const O = null;
  /** Status reached from each status by each transition; null: refused. Written out by hand. */
  const table: Record<PromeneurStatut, Record<Exclude<PromeneurTransition, "proposer">, PromeneurStatut | null>> = {
    propose: {
      accepter: "accepte",
      refuser: "refuse",
      enregistrer_charte: O,
      enregistrer_formation: O,
      activer: O,
      suspendre: O,
      reactiver: O,
      enregistrer_sortie: O,
    },
    accepte: {
      accepter: O,
      refuser: O,
      enregistrer_charte: "accepte",
      enregistrer_formation: "forme",
      activer: O,
      suspendre: O,
      reactiver: O,
      enregistrer_sortie: "sorti",
    },
    forme: {
      accepter: O,
      refuser: O,
      enregistrer_charte: "forme",
      enregistrer_formation: O,
      activer: "actif",
      suspendre: O,
      reactiver: O,
      enregistrer_sortie: "sorti",
    },
    actif: {
      accepter: O,
      refuser: O,
      enregistrer_charte: O,
      enregistrer_formation: O,
      activer: O,
      suspendre: "suspendu",
      reactiver: O,
      enregistrer_sortie: "sorti",
    },
    suspendu: {
      accepter: O,
      refuser: O,
      enregistrer_charte: O,
      enregistrer_formation: O,
      activer: O,
      suspendre: O,
      reactiver: "actif",
      enregistrer_sortie: "sorti",
    },
    sorti: {
      accepter: O,
      refuser: O,
      enregistrer_charte: O,
      enregistrer_formation: O,
      activer: O,
      suspendre: O,
      reactiver: O,
      enregistrer_sortie: O,
    },
    refuse: {
      accepter: O,
      refuser: O,
      enregistrer_charte: O,
      enregistrer_formation: O,
      activer: O,
      suspendre: O,
      reactiver: O,
      enregistrer_sortie: O,
    },
  };

  const cases = Object.entries(table).flatMap(([statut, byTransition]) =>
    Object.entries(byTransition).map(([transition, attendu]) => ({
      statut: statut as PromeneurStatut,
      transition: transition as Exclude<PromeneurTransition, "proposer">,
      attendu,
    })),
  );

  it("couvre les sept statuts", () => {
    expect(Object.keys(table).sort()).toEqual([...PROMENEUR_STATUTS].sort());
  });

  it.each(cases)("depuis $statut, $transition donne $attendu", (c) => {
    const result = planTransition(etats[c.statut], c.transition, inputs[c.transition], coordinateur, NOW);
    if (c.attendu === null) {
      expect(result.ok).toBe(false);
    } else {
      expect(ok(result).statut).toBe(c.attendu);
    }
  });

  it("s'accorde avec transitionsDepuis", () => {
    for (const statut of PROMENEUR_STATUTS) {
      const possibles = cases.filter((c) => c.statut === statut && c.attendu !== null).map((c) => c.transition);
      expect(transitionsDepuis(statut).sort()).toEqual(possibles.sort());
    }
    expect(transitionsDepuis(null)).toEqual(["proposer"]);
  });
});

describe("proposer un professionnel", () => {
  it("crée la fiche proposée, datée, au nom du référent, et prévient la coordination", () => {
    const plan = ok(planTransition(null, "proposer", inputs.proposer, referent, NOW));
    expect(plan.statut).toBe("propose");
    expect(plan.patch).toEqual({
      statut: "propose",
      statutDepuis: NOW,
      motifStatut: null,
      departement: DEP,
      structureId: STRUCTURE,
      proposePar: REFERENT_ID,
      proposeLe: NOW,
      heuresHebdomadaires: 4,
      charteSigneeLe: null,
      formationInitialeLe: null,
      entreeLe: null,
      sortieLe: null,
    });
    expect(plan.audit).toEqual({
      action: "promeneur.proposer",
      changes: {
        statut: { avant: null, apres: "propose" },
        departement: { avant: null, apres: DEP },
        structureId: { avant: null, apres: STRUCTURE },
        proposePar: { avant: null, apres: REFERENT_ID },
        proposeLe: { avant: null, apres: "2025-03-20T10:00:00.000Z" },
        heuresHebdomadaires: { avant: null, apres: 4 },
      },
    });
    expect(plan.notifications).toEqual([{ to: "coordination", sujet: "Nouvelle proposition de promeneur à examiner" }]);
  });

  it.each([0, 0.25, -2, 36, Number.NaN, Number.POSITIVE_INFINITY])("refuse %s heure(s) par semaine", (heures) => {
    const refus = ko(
      planTransition(null, "proposer", { ...inputs.proposer, heuresHebdomadaires: heures }, referent, NOW),
    );
    expect(refus.field).toBe("heuresHebdomadaires");
    expect(refus.message).toBe(
      "Indiquez les heures que la structure consacre chaque semaine à la mission, entre 0,5 et 35.",
    );
  });

  it("accepte les bornes d'une demi-heure et de 35 heures", () => {
    for (const heures of [0.5, 35]) {
      expect(
        planTransition(null, "proposer", { ...inputs.proposer, heuresHebdomadaires: heures }, referent, NOW).ok,
      ).toBe(true);
    }
  });

  it("interdit de proposer pour une autre structure ou un autre département", () => {
    const autreStructure = { ...inputs.proposer, structureId: "22222222-2222-4222-8222-222222222222" };
    const autreDepartement = { ...inputs.proposer, departement: "05" };
    for (const input of [autreStructure, autreDepartement]) {
      const refus = ko(planTransition(null, "proposer", input, referent, NOW));
      expect(refus).toEqual({
        ok: false,
        interdit: true,
        message: "Impossible de proposer : seul un référent de cette structure peut la proposer.",
      });
    }
  });

  it("interdit au coordinateur de proposer à la place de la structure", () => {
    expect(ko(planTransition(null, "proposer", inputs.proposer, coordinateur, NOW)).interdit).toBe(true);
  });

  it("refuse de proposer une seconde fois le même promeneur", () => {
    expect(ko(planTransition(etats.propose, "proposer", inputs.proposer, referent, NOW)).message).toBe(
      "Impossible de proposer : ce promeneur a déjà été proposé.",
    );
  });

  it("refuse toute autre transition avant la proposition", () => {
    expect(ko(planTransition(null, "accepter", {}, coordinateur, NOW)).message).toBe(
      "Impossible d'accepter : ce promeneur n'a pas encore été proposé.",
    );
  });
});

describe("accepter ou refuser une proposition", () => {
  it("accepte, invite le promeneur à créer son compte et prévient les référents", () => {
    const plan = ok(planTransition(etats.propose, "accepter", {}, coordinateur, NOW));
    expect(plan.patch).toEqual({ statut: "accepte", statutDepuis: NOW, motifStatut: null });
    expect(plan.audit).toEqual({
      action: "promeneur.accepter",
      changes: { statut: { avant: "propose", apres: "accepte" } },
    });
    expect(plan.notifications).toEqual([
      { to: "promeneur", sujet: "Bienvenue chez les Promeneurs du Net : créez votre compte", invitation: true },
      { to: "referents", sujet: "Proposition de promeneur acceptée" },
    ]);
  });

  it("refuse avec un motif nettoyé des espaces et prévient les référents", () => {
    const plan = ok(planTransition(etats.propose, "refuser", { motif: "  Poste non pérennisé.  " }, coordinateur, NOW));
    expect(plan.statut).toBe("refuse");
    expect(plan.patch).toEqual({ statut: "refuse", statutDepuis: NOW, motifStatut: "Poste non pérennisé." });
    expect(plan.audit.changes).toEqual({
      statut: { avant: "propose", apres: "refuse" },
      motifStatut: { avant: null, apres: "Poste non pérennisé." },
    });
    expect(plan.notifications).toEqual([{ to: "referents", sujet: "Proposition de promeneur refusée" }]);
  });

  it.each(["", "   ", "\n\t"])("exige un motif de refus (%j)", (motif) => {
    expect(ko(planTransition(etats.propose, "refuser", { motif }, coordinateur, NOW))).toEqual({
      ok: false,
      field: "motif",
      message: "Indiquez le motif du refus.",
    });
  });

  it("limite le motif à 500 caractères", () => {
    const juste = "é".repeat(MOTIF_MAX);
    expect(planTransition(etats.propose, "refuser", { motif: juste }, coordinateur, NOW).ok).toBe(true);
    expect(ko(planTransition(etats.propose, "refuser", { motif: `${juste}!` }, coordinateur, NOW))).toEqual({
      ok: false,
      field: "motif",
      message: "Le motif ne doit pas dépasser 500 caractères (il en compte 501).",
    });
  });

  it.each([
    ["une adresse e-mail", "Voir avec lea.martin@exemple.fr", "Retirez l'adresse e-mail du motif"],
    ["un numéro de téléphone", "Rappeler le 06 12 34 56 78", "Retirez le numéro de téléphone du motif"],
    ["un pseudonyme", "Signalé par @jeune_du_04", "Retirez le pseudonyme (@…) du motif"],
    ["un lien de profil", "Voir https://www.instagram.com/lea.pdn04/", "Retirez le lien du motif"],
  ])("refuse un motif qui contient %s, sur le champ motif", (_, motif, message) => {
    const refus = ko(planTransition(etats.propose, "refuser", { motif }, coordinateur, NOW));
    expect(refus).toMatchObject({ field: "motif", message: expect.stringContaining(message) });
    expect(refus.interdit).toBeUndefined();
  });

  it("refuse aussi ces données dans le motif d'une suspension ou d'une sortie", () => {
    const suspension = ko(planTransition(etats.actif, "suspendre", { motif: "Voir @lea.pdn04" }, coordinateur, NOW));
    expect(suspension.field).toBe("motif");
    const sortie = ko(
      planTransition(etats.actif, "enregistrer_sortie", { date: null, motif: "Écrire à lea@x.fr" }, coordinateur, NOW),
    );
    expect(sortie.field).toBe("motif");
  });

  it("interdit au référent d'accepter ou de refuser", () => {
    for (const transition of ["accepter", "refuser"] as const) {
      const refus = ko(planTransition(etats.propose, transition, inputs[transition], referent, NOW));
      expect(refus.interdit).toBe(true);
    }
  });

  it("interdit à un référent aussi coordinateur d'accepter sa propre proposition", () => {
    const double = actor(REFERENT_ID, { role: "referent", structureId: STRUCTURE }, { role: "coordinateur" });
    expect(ko(planTransition(etats.propose, "accepter", {}, double, NOW))).toEqual({
      ok: false,
      interdit: true,
      message:
        "Impossible d'accepter : vous avez vous-même proposé ce promeneur ; une autre personne de la coordination doit décider.",
    });
    expect(planTransition(etats.propose, "refuser", inputs.refuser, double, NOW).ok).toBe(true);
  });

  it("interdit au coordinateur d'un autre département toute action", () => {
    const ailleurs = actor(COORDINATEUR_ID, { role: "coordinateur", departement: "05" });
    expect(ko(planTransition(etats.propose, "accepter", {}, ailleurs, NOW))).toEqual({
      ok: false,
      interdit: true,
      message: "Impossible d'accepter : vous n'avez pas les droits nécessaires pour ce promeneur.",
    });
  });

  it("refuse d'accepter deux fois", () => {
    expect(ko(planTransition(etats.accepte, "accepter", {}, coordinateur, NOW)).message).toBe(
      "Impossible d'accepter : le promeneur est accepté ; il doit être proposé.",
    );
  });
});

describe("charte du promeneur et formation initiale", () => {
  const accepteVierge = etat("accepte", { charteSigneeLe: null, formationInitialeLe: null });

  it("enregistre la charte à la date du jour et reste accepté tant que la formation manque", () => {
    const plan = ok(planTransition(accepteVierge, "enregistrer_charte", {}, coordinateur, NOW));
    expect(plan.statut).toBe("accepte");
    expect(plan.patch).toEqual({ charteSigneeLe: NOW });
    expect(plan.audit).toEqual({
      action: "promeneur.enregistrer_charte",
      changes: { charteSigneeLe: { avant: null, apres: "2025-03-20T10:00:00.000Z" } },
    });
    expect(plan.notifications).toEqual([{ to: "promeneur", sujet: "Votre signature de la charte est enregistrée" }]);
  });

  it("passe à formé quand la formation complète une charte déjà signée", () => {
    const plan = ok(planTransition(etats.accepte, "enregistrer_formation", { date: FORMATION }, coordinateur, NOW));
    expect(plan.patch).toEqual({ formationInitialeLe: FORMATION, statut: "forme", statutDepuis: NOW });
    expect(plan.audit.changes).toEqual({
      formationInitialeLe: { avant: null, apres: "2025-03-12T09:00:00.000Z" },
      statut: { avant: "accepte", apres: "forme" },
    });
    expect(plan.notifications).toEqual([
      { to: "promeneur", sujet: "Votre formation initiale est enregistrée" },
      { to: "referents", sujet: "Promeneur formé : il peut être activé" },
    ]);
  });

  it("passe à formé quand la charte complète une formation déjà faite", () => {
    const formeSansCharte = etat("accepte", { charteSigneeLe: null, formationInitialeLe: FORMATION });
    const plan = ok(planTransition(formeSansCharte, "enregistrer_charte", { date: CHARTE }, coordinateur, NOW));
    expect(plan.statut).toBe("forme");
    expect(plan.patch).toEqual({ charteSigneeLe: CHARTE, statut: "forme", statutDepuis: NOW });
  });

  it("corrige la date de la charte d'un promeneur formé sans changer son statut", () => {
    const corrigee = new Date("2025-03-11T09:00:00Z");
    const plan = ok(planTransition(etats.forme, "enregistrer_charte", { date: corrigee }, coordinateur, NOW));
    expect(plan.statut).toBe("forme");
    expect(plan.patch).toEqual({ charteSigneeLe: corrigee });
    expect(plan.audit.changes).toEqual({
      charteSigneeLe: { avant: "2025-03-10T09:00:00.000Z", apres: "2025-03-11T09:00:00.000Z" },
    });
  });

  it("refuse d'enregistrer la formation d'un promeneur déjà formé", () => {
    expect(ko(planTransition(etats.forme, "enregistrer_formation", {}, coordinateur, NOW)).message).toBe(
      "Impossible d'enregistrer la formation initiale : le promeneur est formé ; il doit être accepté.",
    );
  });

  it("accepte une date plus tard le même jour à Paris, refuse le lendemain", () => {
    const ceSoir = new Date("2025-03-20T21:30:00Z"); // 22 h 30 à Paris
    const apresMinuit = new Date("2025-03-20T23:30:00Z"); // 0 h 30 le 21 mars à Paris
    expect(planTransition(accepteVierge, "enregistrer_charte", { date: ceSoir }, coordinateur, NOW).ok).toBe(true);
    expect(ko(planTransition(accepteVierge, "enregistrer_charte", { date: apresMinuit }, coordinateur, NOW))).toEqual({
      ok: false,
      field: "date",
      message: "La date ne peut pas être dans le futur.",
    });
  });

  it("accepte le jour même de la proposition, refuse la veille", () => {
    const minuitParis = new Date("2025-03-02T23:00:00Z"); // 3 mars 0 h à Paris
    const veille = new Date("2025-03-02T22:59:00Z"); // 2 mars 23 h 59 à Paris
    expect(planTransition(accepteVierge, "enregistrer_formation", { date: minuitParis }, coordinateur, NOW).ok).toBe(
      true,
    );
    expect(ko(planTransition(accepteVierge, "enregistrer_formation", { date: veille }, coordinateur, NOW))).toEqual({
      ok: false,
      field: "date",
      message: "La date ne peut pas précéder la proposition (3 mars 2025).",
    });
  });

  it("refuse une date invalide", () => {
    expect(
      ko(planTransition(accepteVierge, "enregistrer_charte", { date: new Date("pas une date") }, coordinateur, NOW)),
    ).toEqual({ ok: false, field: "date", message: "La date n'est pas valide." });
  });

  it("interdit au référent d'enregistrer la charte ou la formation", () => {
    expect(ko(planTransition(accepteVierge, "enregistrer_charte", {}, referent, NOW)).interdit).toBe(true);
    expect(ko(planTransition(accepteVierge, "enregistrer_formation", {}, referent, NOW)).interdit).toBe(true);
  });
});

describe("activer", () => {
  it("active un promeneur formé, fixe son entrée et prévient promeneur et référents", () => {
    const plan = ok(planTransition(etats.forme, "activer", {}, coordinateur, NOW));
    expect(plan.statut).toBe("actif");
    expect(plan.patch).toEqual({ statut: "actif", statutDepuis: NOW, motifStatut: null, entreeLe: NOW });
    expect(plan.audit).toEqual({
      action: "promeneur.activer",
      changes: {
        statut: { avant: "forme", apres: "actif" },
        entreeLe: { avant: null, apres: "2025-03-20T10:00:00.000Z" },
      },
    });
    expect(plan.notifications).toEqual([
      { to: "promeneur", sujet: "Vous êtes Promeneur du Net : votre présence est active" },
      { to: "referents", sujet: "Promeneur activé" },
    ]);
  });

  it("garde une date d'entrée déjà connue", () => {
    const plan = ok(planTransition(etat("forme", { entreeLe: ENTREE }), "activer", {}, coordinateur, NOW));
    expect(plan.patch.entreeLe).toBeUndefined();
  });

  it("refuse sans la charte employeur de la structure", () => {
    expect(
      ko(planTransition(etat("forme", { charteEmployeurSigneeLe: null }), "activer", {}, coordinateur, NOW)),
    ).toEqual({ ok: false, message: "Impossible d'activer : la charte employeur de la structure n'est pas signée." });
  });

  it("refuse sans la charte du promeneur", () => {
    expect(ko(planTransition(etat("forme", { charteSigneeLe: null }), "activer", {}, coordinateur, NOW)).message).toBe(
      "Impossible d'activer : la charte du promeneur n'est pas signée.",
    );
  });

  it("refuse sans profil conforme", () => {
    expect(ko(planTransition(etat("forme", { profilsConformes: 0 }), "activer", {}, coordinateur, NOW)).message).toBe(
      "Impossible d'activer : aucun de ses profils n'est conforme.",
    );
  });

  it("énumère tout ce qui manque", () => {
    const rien = etat("forme", { charteEmployeurSigneeLe: null, profilsConformes: 0 });
    expect(ko(planTransition(rien, "activer", {}, coordinateur, NOW)).message).toBe(
      "Impossible d'activer : la charte employeur de la structure n'est pas signée ; aucun de ses profils n'est conforme.",
    );
    expect(
      activationManques({
        charteSigneeLe: null,
        formationInitialeLe: null,
        charteEmployeurSigneeLe: null,
        profilsConformes: 0,
      }),
    ).toEqual([
      "la charte du promeneur n'est pas signée",
      "la formation initiale n'est pas enregistrée",
      "la charte employeur de la structure n'est pas signée",
      "aucun de ses profils n'est conforme",
    ]);
  });

  it("refuse d'activer un promeneur seulement accepté", () => {
    expect(ko(planTransition(etats.accepte, "activer", {}, coordinateur, NOW)).message).toBe(
      "Impossible d'activer : le promeneur est accepté ; il doit être formé.",
    );
  });

  it("refuse une entrée antérieure à la formation initiale", () => {
    const avantFormation = new Date("2025-03-11T09:00:00Z");
    expect(ko(planTransition(etats.forme, "activer", { date: avantFormation }, coordinateur, NOW))).toEqual({
      ok: false,
      field: "date",
      message: "La date ne peut pas précéder la formation initiale (12 mars 2025).",
    });
  });

  it("interdit au référent et au rôle national d'activer", () => {
    const national = actor(COORDINATEUR_ID, { role: "national" });
    expect(ko(planTransition(etats.forme, "activer", {}, referent, NOW)).interdit).toBe(true);
    expect(ko(planTransition(etats.forme, "activer", {}, national, NOW)).interdit).toBe(true);
    expect(ko(planTransition(etats.forme, "activer", {}, null, NOW)).interdit).toBe(true);
  });
});

describe("suspendre et réactiver", () => {
  it("suspend un promeneur actif avec un motif", () => {
    const plan = ok(planTransition(etats.actif, "suspendre", { motif: " Absence longue. " }, coordinateur, NOW));
    expect(plan.patch).toEqual({ statut: "suspendu", statutDepuis: NOW, motifStatut: "Absence longue." });
    expect(plan.audit.action).toBe("promeneur.suspendre");
    expect(plan.notifications).toEqual([
      { to: "promeneur", sujet: "Votre présence de Promeneur du Net est suspendue" },
      { to: "referents", sujet: "Promeneur suspendu" },
    ]);
  });

  it("exige un motif de suspension", () => {
    expect(ko(planTransition(etats.actif, "suspendre", { motif: "  " }, coordinateur, NOW))).toEqual({
      ok: false,
      field: "motif",
      message: "Indiquez le motif de la suspension.",
    });
  });

  it("refuse de suspendre un promeneur déjà suspendu", () => {
    expect(ko(planTransition(etats.suspendu, "suspendre", inputs.suspendre, coordinateur, NOW)).message).toBe(
      "Impossible de suspendre : le promeneur est suspendu ; il doit être actif.",
    );
  });

  it("réactive en effaçant le motif et en gardant la date d'entrée", () => {
    const suspendu = etat("suspendu");
    const plan = ok(planTransition(suspendu, "reactiver", {}, coordinateur, NOW));
    expect(plan.patch).toEqual({ statut: "actif", statutDepuis: NOW, motifStatut: null });
    expect(plan.audit.changes).toEqual({ statut: { avant: "suspendu", apres: "actif" } });
    expect(plan.notifications).toEqual([
      { to: "promeneur", sujet: "Votre présence de Promeneur du Net reprend" },
      { to: "referents", sujet: "Promeneur réactivé" },
    ]);
  });

  it("revérifie les conditions d'activation avant de réactiver", () => {
    expect(
      ko(planTransition(etat("suspendu", { profilsConformes: 0 }), "reactiver", {}, coordinateur, NOW)).message,
    ).toBe("Impossible de réactiver : aucun de ses profils n'est conforme.");
  });

  it("refuse de réactiver un promeneur actif", () => {
    expect(ko(planTransition(etats.actif, "reactiver", {}, coordinateur, NOW)).message).toBe(
      "Impossible de réactiver : le promeneur est actif ; il doit être suspendu.",
    );
  });
});

describe("enregistrer une sortie", () => {
  it.each(["accepte", "forme", "actif", "suspendu"] as const)("fait sortir un promeneur %s", (statut) => {
    const plan = ok(planTransition(etats[statut], "enregistrer_sortie", {}, coordinateur, NOW));
    expect(plan.statut).toBe("sorti");
    expect(plan.patch).toEqual({ statut: "sorti", statutDepuis: NOW, sortieLe: NOW, motifStatut: null });
    expect(plan.notifications.map((n) => n.to)).toEqual(["promeneur", "referents", "coordination"]);
  });

  it("laisse le référent de la structure enregistrer le départ de son salarié, avec un motif facultatif", () => {
    const date = new Date("2025-03-17T09:00:00Z");
    const plan = ok(
      planTransition(etats.actif, "enregistrer_sortie", { date, motif: " Départ de la structure. " }, referent, NOW),
    );
    expect(plan.patch).toEqual({
      statut: "sorti",
      statutDepuis: NOW,
      sortieLe: date,
      motifStatut: "Départ de la structure.",
    });
    expect(plan.audit).toEqual({
      action: "promeneur.enregistrer_sortie",
      changes: {
        statut: { avant: "actif", apres: "sorti" },
        sortieLe: { avant: null, apres: "2025-03-17T09:00:00.000Z" },
        motifStatut: { avant: null, apres: "Départ de la structure." },
      },
    });
  });

  it("refuse une sortie antérieure à l'entrée", () => {
    const avantEntree = new Date("2025-03-13T09:00:00Z");
    expect(ko(planTransition(etats.actif, "enregistrer_sortie", { date: avantEntree }, coordinateur, NOW))).toEqual({
      ok: false,
      field: "date",
      message: "La date ne peut pas précéder l'entrée dans le dispositif (14 mars 2025).",
    });
  });

  it("refuse un motif de sortie trop long", () => {
    const motif = "x".repeat(MOTIF_MAX + 1);
    expect(ko(planTransition(etats.actif, "enregistrer_sortie", { motif }, coordinateur, NOW)).field).toBe("motif");
  });

  it("refuse la sortie d'une simple proposition", () => {
    expect(ko(planTransition(etats.propose, "enregistrer_sortie", {}, coordinateur, NOW)).message).toBe(
      "Impossible d'enregistrer la sortie : le promeneur est proposé ; il doit être accepté, formé, actif ou suspendu.",
    );
  });

  it("interdit au référent d'une autre structure d'enregistrer la sortie", () => {
    const autre = actor(REFERENT_ID, { role: "referent", structureId: "22222222-2222-4222-8222-222222222222" });
    expect(ko(planTransition(etats.actif, "enregistrer_sortie", {}, autre, NOW)).interdit).toBe(true);
  });
});

describe("états définitifs", () => {
  const transitions = ["accepter", "refuser", "activer", "reactiver", "enregistrer_sortie"] as const;

  it.each(transitions.flatMap((t) => (["sorti", "refuse"] as const).map((statut) => ({ statut, t }))))(
    "refuse $t pour un promeneur $statut",
    ({ statut, t }) => {
      const label = statut === "sorti" ? "sorti" : "refusé";
      expect(ko(planTransition(etats[statut], t, inputs[t], coordinateur, NOW)).message).toMatch(
        new RegExp(` : le promeneur est ${label}, c'est un état définitif\\.$`),
      );
    },
  );
});

describe("vérifie les droits avant l'état", () => {
  it("ne révèle pas le statut à qui n'a pas le droit d'agir", () => {
    const refus = ko(planTransition(etats.sorti, "activer", {}, referent, NOW));
    expect(refus.interdit).toBe(true);
    expect(refus.message).not.toMatch(/sorti/);
  });
});
