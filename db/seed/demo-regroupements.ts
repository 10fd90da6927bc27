import { createHash, randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { createToken } from "~/domain/comptes/tokens.server";
import type {
  DecisionEtat,
  Presence,
  RegroupementAudience,
  RegroupementType,
  Reponse,
} from "~/domain/regroupements/regroupement.labels";
import { ajouterJours, formatJourIso, instantParis, type JourCivil, jourParis, jourSemaine } from "~/lib/jour";
import type { Executor } from "~/server/db.server";
import {
  appMeta,
  comiteMembres,
  comites,
  decisionSuivis,
  decisions,
  fichiers,
  promeneurs,
  regroupementDocuments,
  regroupementInvitations,
  regroupements,
  users,
} from "../schema";
import { prng } from "./demo-activite";
import { DEMO_PROMENEURS } from "./demo-reseau";

/**
 * The gatherings and governance part of the fictional 04 demo (issue 6): two years of trainings,
 * supervision, practice exchanges, departmental meetings and committee meetings, with invitations,
 * answers and recorded attendance, minutes and decisions followed from one meeting to the next;
 * and what is coming: a practice analysis in ten days (the demo promeneur invited, not yet
 * answered), a public information session for structures in three weeks (on /agenda), the next
 * COPIL in six weeks.
 *
 * Every date is relative to `now` (initial trainings follow the promeneurs' own training dates);
 * attendance comes from a small PRNG seeded by the promeneur and the gathering, so a load at the
 * same instant gives the same attendance. One promeneur (Hugo) attends clearly less than half of
 * the time, for the participation indicator to flag. Invitation tokens are random (only their hash
 * is stored; no e-mail is sent). Loaded once, by its marker; one insert per table.
 */
export const DEMO_REGROUPEMENTS_MARKER = "demo.04.regroupements";
const DEPARTEMENT = "04";
const DAY_MS = 86_400_000;

/** The promeneur who attends less than half of the gatherings (participation indicator). */
export const PROMENEUR_PEU_PRESENT = "hugo-lure-luberon-forcalquier";

export const COMITE_PILOTAGE_NOM = "Comité de pilotage départemental";
export const COMITE_NORD_NOM = "Comité opérationnel Nord (Digne, Sisteron)";
export const COMITE_SUD_NOM = "Comité opérationnel Sud (Manosque, Forcalquier)";
export const INFORMATION_PUBLIQUE_TITRE = "Séance d'information : devenir structure Promeneurs du Net";

const COMMUNES = {
  digne: { code: "04070", lieu: "Maison des associations, Digne-les-Bains" },
  manosque: { code: "04112", lieu: "Espace jeunes Durance Lumière, Manosque" },
  sisteron: { code: "04209", lieu: "Salle de l'Alcazar, Sisteron" },
  forcalquier: { code: "04088", lieu: "Salle des fêtes, Forcalquier" },
  chateauArnoux: { code: "04049", lieu: "Salle polyvalente, Château-Arnoux-Saint-Auban" },
} as const;
type Lieu = (typeof COMMUNES)[keyof typeof COMMUNES];

type MembreDemo = { organisation: string; nom: string; fonction: string; email: string; compte?: "copil" | "referent" };

const MEMBRES_COPIL: MembreDemo[] = [
  {
    organisation: "CAF des Alpes-de-Haute-Provence",
    nom: "Martine Blanc",
    fonction: "Responsable de l'action sociale",
    email: "copil@demo.pdn04.fr",
    compte: "copil",
  },
  {
    organisation: "MSA Alpes-Vaucluse",
    nom: "Gilles Pons",
    fonction: "Chargé de l'action sanitaire et sociale",
    email: "action-sociale@msa.demo.pdn04.fr",
  },
  {
    organisation: "Conseil départemental des Alpes-de-Haute-Provence",
    nom: "Sophie Reynaud",
    fonction: "Cheffe du service jeunesse",
    email: "jeunesse@cd04.demo.pdn04.fr",
  },
  {
    organisation: "DDETS / SDJES 04",
    nom: "Karim Benali",
    fonction: "Conseiller jeunesse et éducation populaire",
    email: "sdjes@ddets.demo.pdn04.fr",
  },
  {
    organisation: "Coordination départementale Promeneurs du Net",
    nom: "Camille Arnaud",
    fonction: "Coordinatrice",
    email: "coordination@demo.pdn04.fr",
  },
];
const MEMBRES_NORD: MembreDemo[] = [
  {
    organisation: "Centre social Les Trois Vallées",
    nom: "Hélène Garcin",
    fonction: "Directrice",
    email: "structure@demo.pdn04.fr",
    compte: "referent",
  },
  {
    organisation: "Mission locale des Deux Rives (démo)",
    nom: "Paul Marin",
    fonction: "Conseiller",
    email: "contact@mission-locale.demo.pdn04.fr",
  },
  {
    organisation: "Foyer Habitat Jeunes Bléone",
    nom: "Aurélie Fabre",
    fonction: "Animatrice socio-éducative",
    email: "contact@fjt.demo.pdn04.fr",
  },
  {
    organisation: "Coordination départementale Promeneurs du Net",
    nom: "Camille Arnaud",
    fonction: "Coordinatrice",
    email: "coordination@demo.pdn04.fr",
  },
];
const MEMBRES_SUD: MembreDemo[] = [
  {
    organisation: "Espace jeunes Durance Lumière",
    nom: "Thomas Girard",
    fonction: "Responsable",
    email: "contact@accueil-jeunes.demo.pdn04.fr",
  },
  {
    organisation: "Association Jeunesse Lure et Luberon",
    nom: "Nadia Amrani",
    fonction: "Coordinatrice jeunesse",
    email: "contact@association-jeunesse.demo.pdn04.fr",
  },
  {
    organisation: "PAEJ Plateau de Valensole",
    nom: "Julien Borel",
    fonction: "Psychologue",
    email: "contact@paej.demo.pdn04.fr",
  },
  {
    organisation: "Coordination départementale Promeneurs du Net",
    nom: "Camille Arnaud",
    fonction: "Coordinatrice",
    email: "coordination@demo.pdn04.fr",
  },
];

/** A decision of the demo: taken at meeting `prise` (index among the committee's past meetings, oldest 0). */
type DecisionDemo = {
  texte: string;
  responsable: string;
  /** Days after the meeting; null: no due date. */
  echeanceJours: number | null;
  prise: number;
  suivis: { reunion: number; etat: DecisionEtat; note: string }[];
};

const DECISIONS_COPIL: DecisionDemo[] = [
  {
    texte: "Étendre le dispositif au Haut-Verdon et à l'Ubaye avec au moins une structure par vallée.",
    responsable: "Coordination départementale",
    echeanceJours: 150,
    prise: 0,
    suivis: [
      { reunion: 1, etat: "ouverte", note: "Deux structures rencontrées, une candidature en cours." },
      { reunion: 2, etat: "realisee", note: "Maison des jeunes de l'Ubaye et EVS du Haut-Verdon engagés." },
    ],
  },
  {
    texte: "Présenter le bilan annuel du dispositif aux élus du Conseil départemental.",
    responsable: "Conseil départemental 04",
    echeanceJours: 120,
    prise: 0,
    suivis: [{ reunion: 1, etat: "realisee", note: "Bilan présenté en commission jeunesse." }],
  },
  {
    texte: "Inscrire le cofinancement MSA de la supervision dans la convention de l'année suivante.",
    responsable: "MSA Alpes-Vaucluse",
    echeanceJours: 100,
    prise: 1,
    suivis: [{ reunion: 2, etat: "realisee", note: "Convention signée." }],
  },
  {
    texte: "Mettre à jour la charte départementale (réseaux sociaux utilisés, horaires de présence).",
    responsable: "Coordination départementale",
    echeanceJours: 110,
    prise: 2,
    suivis: [{ reunion: 3, etat: "ouverte", note: "Projet en relecture par les référents ; retard pris cet été." }],
  },
  {
    texte: "Organiser une séance d'information pour les structures qui pourraient rejoindre le réseau.",
    responsable: "CAF 04",
    echeanceJours: 100,
    prise: 3,
    suivis: [],
  },
  {
    texte: "Étudier un créneau de supervision en visioconférence pour les vallées éloignées.",
    responsable: "DDETS / SDJES 04",
    echeanceJours: null,
    prise: 3,
    suivis: [],
  },
];
const DECISIONS_NORD: DecisionDemo[] = [
  {
    texte: "Proposer une permanence commune des promeneurs du nord au forum des métiers de Sisteron.",
    responsable: "Mission locale des Deux Rives",
    echeanceJours: 60,
    prise: 3,
    suivis: [{ reunion: 4, etat: "realisee", note: "Stand tenu à deux, bonne fréquentation." }],
  },
  {
    texte: "Recenser les lieux d'accès au numérique pour les jeunes de la vallée de la Bléone.",
    responsable: "Centre social Les Trois Vallées",
    echeanceJours: 150,
    prise: 5,
    suivis: [],
  },
];
const DECISIONS_SUD: DecisionDemo[] = [
  {
    texte: "Coordonner les publications de prévention de l'été entre structures du sud.",
    responsable: "Espace jeunes Durance Lumière",
    echeanceJours: 45,
    prise: 2,
    suivis: [{ reunion: 3, etat: "abandonnee", note: "Remplacé par la campagne départementale." }],
  },
  {
    texte: "Inviter le PAEJ à la prochaine analyse de la pratique sur le harcèlement en ligne.",
    responsable: "Coordination départementale",
    echeanceJours: 90,
    prise: 5,
    suivis: [],
  },
];

const COMPTE_RENDU_COPIL = (n: number) => `## Présents

Les représentants de la CAF, de la MSA, du Conseil départemental, de la DDETS / SDJES et la coordination.

## Points abordés

1. Activité du réseau depuis la dernière réunion : bilans mensuels, profils vérifiés, regroupements.
2. Suivi des décisions précédentes (voir la page des décisions de la réunion).
3. ${n % 2 === 0 ? "Budget et cofinancements de l'année." : "Communication et séances d'information pour les structures."}

## Prochaine réunion

Dans six mois environ ; l'ordre du jour sera envoyé trois semaines avant.
`;

const COMPTE_RENDU_OPERATIONNEL = `## Tour de table

Chaque structure présente l'activité de ses promeneurs et les sujets du moment.

## Sujets

- Orientations vers les partenaires du territoire.
- Publications communes et calendrier des actions.

Les décisions sont reportées sur la page des décisions de la réunion.
`;

/** A minimal PDF (an empty page list): the agenda attached to the last COPIL. */
const PDF_ORDRE_DU_JOUR = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

type PromeneurDemo = {
  id: string;
  slug: string;
  prenom: string;
  nom: string;
  email: string;
  userId: string | null;
  statut: string;
  statutDepuis: Date;
  entreeLe: Date | null;
  formationInitialeLe: Date | null;
};

type Regroupement = typeof regroupements.$inferInsert & { id: string };
type Invitation = typeof regroupementInvitations.$inferInsert;

/** The working day on or after `jour` (a Saturday or Sunday moves to Monday; `decale`: to Tuesday). */
function ouvre(jour: JourCivil, decale = 0): JourCivil {
  const semaine = jourSemaine(jour);
  const lundi = semaine === 6 ? ajouterJours(jour, 2) : semaine === 7 ? ajouterJours(jour, 1) : jour;
  return ajouterJours(lundi, decale);
}

export async function seedDemoRegroupements(tx: Executor, coordinateurId: string | null, now: Date): Promise<boolean> {
  const [marker] = await tx
    .select({ key: appMeta.key })
    .from(appMeta)
    .where(eq(appMeta.key, DEMO_REGROUPEMENTS_MARKER));
  if (marker) return false;
  const rows: PromeneurDemo[] = await tx
    .select({
      id: promeneurs.id,
      slug: promeneurs.slug,
      prenom: promeneurs.prenom,
      nom: promeneurs.nom,
      email: promeneurs.email,
      userId: promeneurs.userId,
      statut: promeneurs.statut,
      statutDepuis: promeneurs.statutDepuis,
      entreeLe: promeneurs.entreeLe,
      formationInitialeLe: promeneurs.formationInitialeLe,
    })
    .from(promeneurs)
    .where(
      and(
        eq(promeneurs.departement, DEPARTEMENT),
        inArray(
          promeneurs.slug,
          DEMO_PROMENEURS.map((p) => p.slug),
        ),
      ),
    );
  if (rows.length === 0) return false;
  const comptes = await tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(users.email, ["copil@demo.pdn04.fr", "structure@demo.pdn04.fr"]));
  const compteDe = (email: string) => comptes.find((c) => c.email === email)?.id ?? null;

  const aujourdhui = jourParis(now);
  const jourIlYa = (jours: number, decale = 0) => ouvre(ajouterJours(aujourdhui, -jours), decale);
  const jourDans = (jours: number, decale = 0) => ouvre(ajouterJours(aujourdhui, jours), decale);

  const liste: Regroupement[] = [];
  const invitations: Invitation[] = [];
  const ajouter = (r: {
    type: RegroupementType;
    titre: string;
    jour: JourCivil;
    heures: [number, number, number, number];
    lieu: Lieu;
    audience: RegroupementAudience;
    description: string;
    comiteId?: string;
    jourFin?: JourCivil;
    capacite?: number;
    compteRendu?: string;
  }): Regroupement => {
    const debut = instantParis(r.jour, r.heures[0], r.heures[1]);
    const fin = instantParis(r.jourFin ?? r.jour, r.heures[2], r.heures[3]);
    const row: Regroupement = {
      id: randomUUID(),
      departement: DEPARTEMENT,
      type: r.type,
      titre: r.titre,
      debut,
      fin,
      lieu: r.lieu.lieu,
      communeCode: r.lieu.code,
      description: r.description,
      audience: r.audience,
      capacite: r.capacite ?? null,
      comiteId: r.comiteId ?? null,
      compteRendu: r.compteRendu ?? "",
      sequence: 0,
      creePar: coordinateurId,
      createdAt: new Date(debut.getTime() - 35 * DAY_MS),
      updatedAt: new Date(Math.min(now.getTime(), fin.getTime() + DAY_MS)),
    };
    liste.push(row);
    return row;
  };

  /** Whether a promeneur is in post on a day (entered, and not suspended or gone by then). */
  const enPoste = (p: PromeneurDemo, date: Date) =>
    p.entreeLe !== null && p.entreeLe <= date && (p.statut === "actif" || date < p.statutDepuis);

  /** Invitations of the promeneurs in post, with answers and (past) recorded attendance. */
  const invitesJusquIci = new Map<string, number>();
  const invitePromeneurs = (r: Regroupement, concernes: PromeneurDemo[]) => {
    const debut = r.debut as Date;
    const passe = (r.fin as Date) < now;
    for (const p of concernes) {
      const rand = prng(`${p.slug}|${r.type}|${debut.toISOString()}`);
      const tirage = rand();
      let presence: Presence | null = null;
      let reponse: Extract<Reponse, "oui" | "non"> = "oui";
      if (passe) {
        // Hugo comes to one gathering in three; the others to most of them.
        const rang = invitesJusquIci.get(p.slug) ?? 0;
        invitesJusquIci.set(p.slug, rang + 1);
        if (p.slug === PROMENEUR_PEU_PRESENT)
          presence = rang % 3 === 0 ? "present" : tirage < 0.5 ? "excuse" : "absent";
        else presence = tirage < 0.84 ? "present" : tirage < 0.93 ? "excuse" : "absent";
        if (presence === "excuse") reponse = "non";
      }
      invitations.push({
        regroupementId: r.id,
        promeneurId: p.id,
        userId: p.userId,
        nom: `${p.prenom} ${p.nom}`,
        email: p.email,
        jetonHash: createToken().hash,
        reponse,
        reponduLe: new Date(debut.getTime() - (5 + Math.floor(rand() * 10)) * DAY_MS),
        presence,
        presenceNoteeLe: presence ? new Date(debut.getTime() + 30 * 60_000) : null,
        presenceNoteePar: presence ? coordinateurId : null,
        invitationEnvoyeeLe: new Date(debut.getTime() - 21 * DAY_MS),
        rappelEnvoyeLe: new Date(debut.getTime() - DAY_MS),
        createdAt: new Date(debut.getTime() - 21 * DAY_MS),
      });
    }
  };

  // Initial trainings: one two-day session per training date of the promeneurs (ending on it).
  const parFormation = new Map<string, PromeneurDemo[]>();
  for (const p of rows) {
    if (!p.formationInitialeLe) continue;
    const cle = p.formationInitialeLe.toISOString().slice(0, 10);
    parFormation.set(cle, [...(parFormation.get(cle) ?? []), p]);
  }
  for (const [, formes] of [...parFormation.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const dernier = jourParis(formes[0]?.formationInitialeLe as Date);
    const r = ajouter({
      type: "formation_initiale",
      titre: "Formation initiale des promeneurs du Net (2 jours)",
      jour: ajouterJours(dernier, -1),
      jourFin: dernier,
      heures: [9, 0, 17, 0],
      lieu: COMMUNES.digne,
      audience: "promeneurs_choisis",
      description:
        "Le cadre d'intervention, la charte, la présence éducative en ligne, les situations préoccupantes et l'orientation.",
      capacite: 12,
    });
    invitePromeneurs(r, formes);
  }

  // Practice analysis about every two months, alternating Digne and Manosque; one in ten days.
  for (let k = 0; k < 12; k++) {
    const r = ajouter({
      type: "analyse_pratique",
      titre: "Analyse de la pratique",
      jour: jourIlYa(20 + k * 61, 1),
      heures: [14, 0, 16, 30],
      lieu: k % 2 === 0 ? COMMUNES.digne : COMMUNES.manosque,
      audience: "promeneurs",
      description: "Séance animée par une psychologue extérieure : étude de situations rencontrées en ligne.",
    });
    invitePromeneurs(
      r,
      rows.filter((p) => enPoste(p, r.debut as Date)),
    );
  }
  // Continuing training and practice exchanges, twice a year each.
  for (let k = 0; k < 4; k++) {
    const formation = ajouter({
      type: "formation_continue",
      titre:
        [
          "Harcèlement en ligne : repérer et orienter",
          "Jeux vidéo et réseaux : comprendre les usages",
          "Santé mentale des jeunes : premiers secours",
          "Réseaux sociaux : nouveaux formats et modération",
        ][k] ?? "Formation continue",
      jour: jourIlYa(45 + k * 182, 3),
      heures: [9, 30, 16, 30],
      lieu: COMMUNES.forcalquier,
      audience: "promeneurs",
      description: "Journée de formation continue du réseau départemental.",
    });
    invitePromeneurs(
      formation,
      rows.filter((p) => enPoste(p, formation.debut as Date)),
    );
    const echange = ajouter({
      type: "echange_pratiques",
      titre: "Échange de pratiques entre promeneurs",
      jour: jourIlYa(110 + k * 182, 3),
      heures: [9, 30, 12, 0],
      lieu: COMMUNES.sisteron,
      audience: "promeneurs",
      description: "Chacun présente une action en ligne qui a marché, ou pas.",
    });
    invitePromeneurs(
      echange,
      rows.filter((p) => enPoste(p, echange.debut as Date)),
    );
    const reunion = ajouter({
      type: "reunion_departementale",
      titre: "Réunion départementale du réseau",
      jour: jourIlYa(150 + k * 182, 4),
      heures: [9, 30, 16, 0],
      lieu: COMMUNES.chateauArnoux,
      audience: "promeneurs",
      description: "Bilan du semestre, actualités du dispositif et ateliers.",
    });
    invitePromeneurs(
      reunion,
      rows.filter((p) => enPoste(p, reunion.debut as Date)),
    );
  }
  const prochaineAnalyse = ajouter({
    type: "analyse_pratique",
    titre: "Analyse de la pratique",
    jour: jourDans(10, 1),
    heures: [14, 0, 16, 30],
    lieu: COMMUNES.digne,
    audience: "promeneurs",
    description: "Séance animée par une psychologue extérieure : étude de situations rencontrées en ligne.",
  });
  rows
    .filter((p) => enPoste(p, now))
    .forEach((p, index) => {
      // Some answers already; the demo account's promeneur not yet.
      const reponse: Reponse = p.userId
        ? "en_attente"
        : index % 3 === 2
          ? "non"
          : index % 3 === 0
            ? "oui"
            : "en_attente";
      invitations.push({
        regroupementId: prochaineAnalyse.id,
        promeneurId: p.id,
        userId: p.userId,
        nom: `${p.prenom} ${p.nom}`,
        email: p.email,
        jetonHash: createToken().hash,
        reponse,
        reponduLe: reponse === "en_attente" ? null : new Date(now.getTime() - DAY_MS),
        invitationEnvoyeeLe: new Date(now.getTime() - 2 * DAY_MS),
        createdAt: new Date(now.getTime() - 2 * DAY_MS),
      });
    });
  ajouter({
    type: "information_structures",
    titre: INFORMATION_PUBLIQUE_TITRE,
    jour: jourDans(21, 2),
    heures: [18, 0, 19, 30],
    lieu: COMMUNES.digne,
    audience: "public",
    capacite: 40,
    description:
      "Vous êtes une structure jeunesse des Alpes-de-Haute-Provence ? Découvrez le dispositif, le rôle d'un promeneur du Net et les étapes pour rejoindre le réseau.",
  });

  // Committees, their members, meetings (with members' invitations and attendance), minutes and decisions.
  const comitesRows: (typeof comites.$inferInsert & { id: string })[] = [];
  const membresRows: (typeof comiteMembres.$inferInsert & { id: string; email: string })[] = [];
  const decisionsRows: (typeof decisions.$inferInsert & { id: string })[] = [];
  const suivisRows: (typeof decisionSuivis.$inferInsert)[] = [];
  const debutHistoire = new Date(now.getTime() - 730 * DAY_MS);

  const comite = (spec: {
    type: "comite_pilotage" | "comite_operationnel";
    nom: string;
    description: string;
    membres: MembreDemo[];
    /** Days ago of each past meeting, oldest first. */
    passees: number[];
    prochaine: number | null;
    lieux: Lieu[];
    heures: [number, number, number, number];
    compteRendu: (n: number) => string;
    decisions: DecisionDemo[];
  }) => {
    const id = randomUUID();
    comitesRows.push({
      id,
      departement: DEPARTEMENT,
      type: spec.type,
      nom: spec.nom,
      description: spec.description,
      createdAt: debutHistoire,
      updatedAt: debutHistoire,
    });
    const membres = spec.membres.map((m) => {
      const row = {
        id: randomUUID(),
        comiteId: id,
        organisation: m.organisation,
        nom: m.nom,
        fonction: m.fonction,
        email: m.email,
        userId: m.compte === "copil" ? compteDe(m.email) : null,
        createdAt: debutHistoire,
      };
      membresRows.push(row);
      // A referent sits without a linked account (steering accounts only) but is invited with theirs.
      return { ...row, compteInvite: m.compte ? compteDe(m.email) : null };
    });
    const titre = spec.type === "comite_pilotage" ? "Comité de pilotage" : spec.nom;
    const reunions = spec.passees.map((ilYa, n) => {
      const r = ajouter({
        type: spec.type,
        titre,
        jour: jourIlYa(ilYa, 1),
        heures: spec.heures,
        lieu: spec.lieux[n % spec.lieux.length] ?? COMMUNES.digne,
        audience: "copil",
        comiteId: id,
        description: "Réunion du comité : suivi de l'activité du réseau et des décisions.",
        compteRendu: spec.compteRendu(n),
      });
      const debut = r.debut as Date;
      for (const m of membres) {
        const rand = prng(`${m.email}|${debut.toISOString()}`);
        const tirage = rand();
        const presence: Presence = tirage < 0.8 ? "present" : tirage < 0.95 ? "excuse" : "absent";
        invitations.push({
          regroupementId: r.id,
          membreId: m.id,
          userId: m.compteInvite,
          nom: m.nom,
          email: m.email,
          organisation: m.organisation,
          jetonHash: createToken().hash,
          reponse: presence === "excuse" ? "non" : "oui",
          reponduLe: new Date(debut.getTime() - 7 * DAY_MS),
          presence,
          presenceNoteeLe: new Date(debut.getTime() + 30 * 60_000),
          presenceNoteePar: coordinateurId,
          invitationEnvoyeeLe: new Date(debut.getTime() - 21 * DAY_MS),
          rappelEnvoyeLe: new Date(debut.getTime() - DAY_MS),
          createdAt: new Date(debut.getTime() - 21 * DAY_MS),
        });
      }
      return r;
    });
    if (spec.prochaine !== null) {
      const r = ajouter({
        type: spec.type,
        titre,
        jour: jourDans(spec.prochaine, 1),
        heures: spec.heures,
        lieu: spec.lieux[0] ?? COMMUNES.digne,
        audience: "copil",
        comiteId: id,
        description: "Réunion du comité : suivi de l'activité du réseau et des décisions.",
      });
      membres.forEach((m, index) => {
        invitations.push({
          regroupementId: r.id,
          membreId: m.id,
          userId: m.compteInvite,
          nom: m.nom,
          email: m.email,
          organisation: m.organisation,
          jetonHash: createToken().hash,
          reponse: index === 1 ? "oui" : "en_attente",
          reponduLe: index === 1 ? new Date(now.getTime() - DAY_MS) : null,
          invitationEnvoyeeLe: new Date(now.getTime() - 3 * DAY_MS),
          createdAt: new Date(now.getTime() - 3 * DAY_MS),
        });
      });
    }
    for (const d of spec.decisions) {
      const prise = reunions[d.prise];
      if (!prise) continue;
      const debut = prise.debut as Date;
      const echeance = d.echeanceJours === null ? null : formatJourIso(ajouterJours(jourParis(debut), d.echeanceJours));
      const suivis = d.suivis.filter((s) => reunions[s.reunion]);
      const dernier = suivis.at(-1);
      const decisionId = randomUUID();
      const dernierLe = dernier ? ((reunions[dernier.reunion]?.fin as Date) ?? debut) : null;
      decisionsRows.push({
        id: decisionId,
        departement: DEPARTEMENT,
        comiteId: id,
        regroupementId: prise.id,
        texte: d.texte,
        responsable: d.responsable,
        echeance,
        etat: dernier?.etat ?? "ouverte",
        clotureeLe: dernier && dernier.etat !== "ouverte" ? dernierLe : null,
        version: 1 + suivis.length,
        creePar: coordinateurId,
        createdAt: prise.fin as Date,
        updatedAt: dernierLe ?? (prise.fin as Date),
      });
      for (const s of suivis) {
        const reunion = reunions[s.reunion];
        suivisRows.push({
          decisionId,
          regroupementId: reunion?.id ?? null,
          etat: s.etat,
          note: s.note,
          auteurId: coordinateurId,
          createdAt: (reunion?.fin as Date) ?? debut,
        });
      }
    }
    return { id, reunions };
  };

  const pilotage = comite({
    type: "comite_pilotage",
    nom: COMITE_PILOTAGE_NOM,
    description:
      "Les financeurs et partenaires institutionnels du dispositif : orientations, moyens et suivi de l'évaluation. Se réunit deux fois par an.",
    membres: MEMBRES_COPIL,
    passees: [620, 440, 257, 75],
    prochaine: 42,
    lieux: [COMMUNES.digne],
    heures: [14, 0, 16, 30],
    compteRendu: COMPTE_RENDU_COPIL,
    decisions: DECISIONS_COPIL,
  });
  comite({
    type: "comite_operationnel",
    nom: COMITE_NORD_NOM,
    description: "Les structures du nord du département et leurs promeneurs : actions communes et orientations.",
    membres: MEMBRES_NORD,
    passees: [700, 580, 460, 340, 220, 100],
    prochaine: 20,
    lieux: [COMMUNES.digne, COMMUNES.sisteron],
    heures: [9, 30, 11, 30],
    compteRendu: () => COMPTE_RENDU_OPERATIONNEL,
    decisions: DECISIONS_NORD,
  });
  comite({
    type: "comite_operationnel",
    nom: COMITE_SUD_NOM,
    description: "Les structures du sud du département et leurs promeneurs : actions communes et orientations.",
    membres: MEMBRES_SUD,
    passees: [680, 560, 440, 320, 200, 80],
    prochaine: 40,
    lieux: [COMMUNES.manosque, COMMUNES.forcalquier],
    heures: [9, 30, 11, 30],
    compteRendu: () => COMPTE_RENDU_OPERATIONNEL,
    decisions: DECISIONS_SUD,
  });

  await tx.insert(comites).values(comitesRows);
  await tx.insert(comiteMembres).values(membresRows);
  await tx.insert(regroupements).values(liste);
  await tx.insert(regroupementInvitations).values(invitations);
  await tx.insert(decisions).values(decisionsRows);
  if (suivisRows.length > 0) await tx.insert(decisionSuivis).values(suivisRows);

  // The agenda of the last COPIL, as a file its members read.
  const dernierCopil = pilotage.reunions.at(-1);
  if (dernierCopil) {
    const [fichier] = await tx
      .insert(fichiers)
      .values({
        departement: DEPARTEMENT,
        nom: "ordre-du-jour-copil.pdf",
        typeMime: "application/pdf",
        taille: PDF_ORDRE_DU_JOUR.length,
        sha256: createHash("sha256").update(PDF_ORDRE_DU_JOUR).digest("hex"),
        contenu: PDF_ORDRE_DU_JOUR,
        creePar: coordinateurId,
        createdAt: new Date((dernierCopil.debut as Date).getTime() - 21 * DAY_MS),
      })
      .returning({ id: fichiers.id });
    if (fichier) {
      await tx.insert(regroupementDocuments).values({
        regroupementId: dernierCopil.id,
        fichierId: fichier.id,
        nature: "ordre_du_jour",
        titre: "Ordre du jour du comité de pilotage",
        ajoutePar: coordinateurId,
        createdAt: new Date((dernierCopil.debut as Date).getTime() - 21 * DAY_MS),
      });
    }
  }

  await tx.insert(appMeta).values({ key: DEMO_REGROUPEMENTS_MARKER, value: now.toISOString() });
  return true;
}
