import * as schema from "@db/schema";
import { and, eq, getTableColumns, getTableName, inArray, or, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Executor } from "~/server/db.server";

/**
 * Where a person's data lives (RGPD art. 15 and 20). Each source is one column of one table that
 * points at the person: their account (`compte`) or their promeneur record (`promeneur`). `lignes`
 * exports the rows (secrets left out); `mentions` only says which rows name the person as their
 * author or reader, because those rows hold other people's data (applications, messages of the
 * public, invitations sent to others…).
 *
 * export.db.test.ts compares this list with every foreign key of the schema to `users` and
 * `promeneurs`: a new table pointing at a person fails that test until it is listed here.
 */
export type Source = {
  rubrique: string;
  table: PgTable;
  colonne: PgColumn;
  /** What the column is compared with. */
  cle: "compte" | "promeneur" | "email";
  mode: "lignes" | "mentions";
};

const s = schema;

export const SOURCES: readonly Source[] = [
  // Account
  { rubrique: "Compte", table: s.users, colonne: s.users.id, cle: "compte", mode: "lignes" },
  { rubrique: "Rôles", table: s.userRoles, colonne: s.userRoles.userId, cle: "compte", mode: "lignes" },
  { rubrique: "Sessions", table: s.sessions, colonne: s.sessions.userId, cle: "compte", mode: "lignes" },
  {
    rubrique: "Réinitialisations du mot de passe",
    table: s.passwordResets,
    colonne: s.passwordResets.userId,
    cle: "compte",
    mode: "lignes",
  },
  {
    rubrique: "Tentatives de connexion",
    table: s.signInAttempts,
    colonne: s.signInAttempts.email,
    cle: "email",
    mode: "lignes",
  },
  { rubrique: "Invitations reçues", table: s.invitations, colonne: s.invitations.email, cle: "email", mode: "lignes" },
  {
    rubrique: "Invitations liées à votre fiche",
    table: s.invitations,
    colonne: s.invitations.promeneurId,
    cle: "promeneur",
    mode: "lignes",
  },
  {
    rubrique: "Invitations envoyées",
    table: s.invitations,
    colonne: s.invitations.invitedBy,
    cle: "compte",
    mode: "mentions",
  },
  {
    rubrique: "Adresse privée de calendrier",
    table: s.jetonsCalendrier,
    colonne: s.jetonsCalendrier.userId,
    cle: "compte",
    mode: "lignes",
  },
  // Promeneur record and public profile
  { rubrique: "Fiche promeneur", table: s.promeneurs, colonne: s.promeneurs.userId, cle: "compte", mode: "lignes" },
  {
    rubrique: "Promeneurs proposés",
    table: s.promeneurs,
    colonne: s.promeneurs.proposePar,
    cle: "compte",
    mode: "mentions",
  },
  {
    rubrique: "Territoire d'intervention",
    table: s.promeneurTerritoires,
    colonne: s.promeneurTerritoires.promeneurId,
    cle: "promeneur",
    mode: "lignes",
  },
  {
    rubrique: "Profils sur les réseaux sociaux",
    table: s.profilsSociaux,
    colonne: s.profilsSociaux.promeneurId,
    cle: "promeneur",
    mode: "lignes",
  },
  {
    rubrique: "Vérifications faites",
    table: s.verificationsProfil,
    colonne: s.verificationsProfil.verifiePar,
    cle: "compte",
    mode: "mentions",
  },
  {
    rubrique: "Horaires de présence",
    table: s.creneauxPresence,
    colonne: s.creneauxPresence.promeneurId,
    cle: "promeneur",
    mode: "lignes",
  },
  {
    rubrique: "Absences",
    table: s.exceptionsPresence,
    colonne: s.exceptionsPresence.promeneurId,
    cle: "promeneur",
    mode: "lignes",
  },
  // Activity
  {
    rubrique: "Bilans mensuels",
    table: s.rapportsMensuels,
    colonne: s.rapportsMensuels.promeneurId,
    cle: "promeneur",
    mode: "lignes",
  },
  {
    rubrique: "Bilans mensuels validés",
    table: s.rapportsMensuels,
    colonne: s.rapportsMensuels.validePar,
    cle: "compte",
    mode: "mentions",
  },
  {
    rubrique: "Rappels de bilan reçus",
    table: s.rappelsRapport,
    colonne: s.rappelsRapport.promeneurId,
    cle: "promeneur",
    mode: "lignes",
  },
  {
    rubrique: "Situations préoccupantes",
    table: s.situationsPreoccupantes,
    colonne: s.situationsPreoccupantes.promeneurId,
    cle: "promeneur",
    mode: "lignes",
  },
  {
    rubrique: "Situations préoccupantes saisies",
    table: s.situationsPreoccupantes,
    colonne: s.situationsPreoccupantes.creePar,
    cle: "compte",
    mode: "mentions",
  },
  {
    rubrique: "Projets de jeunes",
    table: s.projetsJeunes,
    colonne: s.projetsJeunes.promeneurId,
    cle: "promeneur",
    mode: "lignes",
  },
  {
    rubrique: "Projets de jeunes saisis",
    table: s.projetsJeunes,
    colonne: s.projetsJeunes.creePar,
    cle: "compte",
    mode: "mentions",
  },
  {
    rubrique: "Actions de communication",
    table: s.actionsCommunication,
    colonne: s.actionsCommunication.creePar,
    cle: "compte",
    mode: "mentions",
  },
  // Gatherings and committees
  {
    rubrique: "Invitations aux regroupements (compte)",
    table: s.regroupementInvitations,
    colonne: s.regroupementInvitations.userId,
    cle: "compte",
    mode: "lignes",
  },
  {
    rubrique: "Invitations aux regroupements (fiche)",
    table: s.regroupementInvitations,
    colonne: s.regroupementInvitations.promeneurId,
    cle: "promeneur",
    mode: "lignes",
  },
  {
    rubrique: "Présences notées",
    table: s.regroupementInvitations,
    colonne: s.regroupementInvitations.presenceNoteePar,
    cle: "compte",
    mode: "mentions",
  },
  {
    rubrique: "Regroupements créés",
    table: s.regroupements,
    colonne: s.regroupements.creePar,
    cle: "compte",
    mode: "mentions",
  },
  {
    rubrique: "Documents de regroupement ajoutés",
    table: s.regroupementDocuments,
    colonne: s.regroupementDocuments.ajoutePar,
    cle: "compte",
    mode: "mentions",
  },
  {
    rubrique: "Membre de comité",
    table: s.comiteMembres,
    colonne: s.comiteMembres.userId,
    cle: "compte",
    mode: "lignes",
  },
  { rubrique: "Décisions créées", table: s.decisions, colonne: s.decisions.creePar, cle: "compte", mode: "mentions" },
  {
    rubrique: "Suivis de décision écrits",
    table: s.decisionSuivis,
    colonne: s.decisionSuivis.auteurId,
    cle: "compte",
    mode: "lignes",
  },
  // Announcements
  { rubrique: "Annonces publiées", table: s.annonces, colonne: s.annonces.auteurId, cle: "compte", mode: "lignes" },
  {
    rubrique: "Annonces reçues",
    table: s.annonceDestinataires,
    colonne: s.annonceDestinataires.userId,
    cle: "compte",
    mode: "lignes",
  },
  // Calls for applications
  {
    rubrique: "Commissions de sélection",
    table: s.appelEvaluateurs,
    colonne: s.appelEvaluateurs.userId,
    cle: "compte",
    mode: "lignes",
  },
  {
    rubrique: "Évaluations",
    table: s.evaluations,
    colonne: s.evaluations.evaluateurId,
    cle: "compte",
    mode: "lignes",
  },
  {
    rubrique: "Notes d'évaluation",
    table: s.evaluationNotes,
    colonne: s.evaluationNotes.evaluateurId,
    cle: "compte",
    mode: "lignes",
  },
  {
    rubrique: "Candidatures vérifiées",
    table: s.candidatures,
    colonne: s.candidatures.verifieePar,
    cle: "compte",
    mode: "mentions",
  },
  {
    rubrique: "Candidatures décidées",
    table: s.candidatures,
    colonne: s.candidatures.decideePar,
    cle: "compte",
    mode: "mentions",
  },
  // Budget, content, reports, files, messages
  { rubrique: "Budgets soumis", table: s.budgets, colonne: s.budgets.soumisPar, cle: "compte", mode: "mentions" },
  {
    rubrique: "Versements enregistrés",
    table: s.budgetVersements,
    colonne: s.budgetVersements.creePar,
    cle: "compte",
    mode: "mentions",
  },
  { rubrique: "Images ajoutées", table: s.medias, colonne: s.medias.creePar, cle: "compte", mode: "mentions" },
  {
    rubrique: "Actualités créées",
    table: s.actualites,
    colonne: s.actualites.creePar,
    cle: "compte",
    mode: "mentions",
  },
  {
    rubrique: "Pages publiques modifiées",
    table: s.pagesPubliques,
    colonne: s.pagesPubliques.majPar,
    cle: "compte",
    mode: "mentions",
  },
  {
    rubrique: "Ressources ajoutées",
    table: s.ressources,
    colonne: s.ressources.creePar,
    cle: "compte",
    mode: "mentions",
  },
  {
    rubrique: "Numéros d'aide modifiés",
    table: s.numerosAide,
    colonne: s.numerosAide.majPar,
    cle: "compte",
    mode: "mentions",
  },
  {
    rubrique: "Rapports d'activité préparés",
    table: s.rapportsAnnuels,
    colonne: s.rapportsAnnuels.modifiePar,
    cle: "compte",
    mode: "mentions",
  },
  {
    rubrique: "Rapports d'activité demandés",
    table: s.generationsRapportAnnuel,
    colonne: s.generationsRapportAnnuel.demandePar,
    cle: "compte",
    mode: "mentions",
  },
  { rubrique: "Fichiers déposés", table: s.fichiers, colonne: s.fichiers.creePar, cle: "compte", mode: "mentions" },
  {
    rubrique: "Messages du formulaire de contact lus",
    table: s.messagesContact,
    colonne: s.messagesContact.luPar,
    cle: "compte",
    mode: "mentions",
  },
];

/** Never exported: credentials (or their hashes) and file bytes. */
const OMIS = new Set(["passwordHash", "totpSecret", "totpLastStep", "tokenHash", "jetonHash", "contenu"]);
/** `sessions.id` is the SHA-256 of the session cookie's token. */
const OMIS_PAR_TABLE: Record<string, readonly string[]> = { sessions: ["id"] };

export type ExportDonnees = {
  genereLe: string;
  explication: string;
  rubriques: { rubrique: string; table: string; mode: "lignes" | "mentions"; lignes: Record<string, unknown>[] }[];
  journal: Record<string, unknown>[];
};

function colonnesExportees(table: PgTable): Record<string, PgColumn> {
  const omis = OMIS_PAR_TABLE[getTableName(table)] ?? [];
  return Object.fromEntries(
    Object.entries(getTableColumns(table)).filter(([key]) => !OMIS.has(key) && !omis.includes(key)),
  ) as Record<string, PgColumn>;
}

/** The primary key or, failing one, every column: what a mention shows of a row. */
function colonnesMention(table: PgTable): Record<string, PgColumn> {
  const colonnes = getTableColumns(table) as Record<string, PgColumn>;
  const cles = Object.entries(colonnes).filter(([, c]) => c.primary);
  if (cles.length > 0) return Object.fromEntries(cles);
  const id = colonnes.id;
  return id ? { id } : {};
}

/** Who the person is, as the sources look them up. */
export type Personne = { userId: string; emails: string[]; promeneurIds: string[]; profilIds: string[] };

export async function findPersonne(db: Executor, userId: string): Promise<Personne | null> {
  const [user] = await db.select({ email: schema.users.email }).from(schema.users).where(eq(schema.users.id, userId));
  if (!user) return null;
  const fiches = await db
    .select({ id: schema.promeneurs.id, email: schema.promeneurs.email })
    .from(schema.promeneurs)
    .where(eq(schema.promeneurs.userId, userId));
  const promeneurIds = fiches.map((f) => f.id);
  const profils =
    promeneurIds.length === 0
      ? []
      : await db
          .select({ id: schema.profilsSociaux.id })
          .from(schema.profilsSociaux)
          .where(inArray(schema.profilsSociaux.promeneurId, promeneurIds));
  return {
    userId,
    emails: [...new Set([user.email.toLowerCase(), ...fiches.map((f) => f.email.toLowerCase())])],
    promeneurIds,
    profilIds: profils.map((p) => p.id),
  };
}

/** The audit entries where the person acts or is the subject (their account, record or profiles). */
export function concernePersonne(personne: Personne) {
  const { auditLog } = schema;
  return or(
    eq(auditLog.actorUserId, personne.userId),
    and(eq(auditLog.entityType, "user"), eq(auditLog.entityId, personne.userId)),
    personne.promeneurIds.length > 0
      ? and(eq(auditLog.entityType, "promeneur"), inArray(auditLog.entityId, personne.promeneurIds))
      : undefined,
    personne.profilIds.length > 0
      ? and(eq(auditLog.entityType, "profil"), inArray(auditLog.entityId, personne.profilIds))
      : undefined,
  );
}

function valeursCle(personne: Personne, cle: Source["cle"]): string[] {
  if (cle === "compte") return [personne.userId];
  if (cle === "promeneur") return personne.promeneurIds;
  return personne.emails;
}

/** Every row about the person (RGPD art. 15 and 20), as one JSON document. */
export async function exporterDonnees(db: Executor, userId: string, now: Date): Promise<ExportDonnees | null> {
  const personne = await findPersonne(db, userId);
  if (!personne) return null;
  const rubriques: ExportDonnees["rubriques"] = [];
  for (const source of SOURCES) {
    const valeurs = valeursCle(personne, source.cle);
    const colonnes = source.mode === "lignes" ? colonnesExportees(source.table) : colonnesMention(source.table);
    const lignes =
      valeurs.length === 0
        ? []
        : await db
            .select(colonnes)
            .from(source.table)
            .where(
              source.cle === "email"
                ? inArray(sql`lower(${source.colonne})`, valeurs)
                : inArray(source.colonne, valeurs),
            );
    rubriques.push({ rubrique: source.rubrique, table: getTableName(source.table), mode: source.mode, lignes });
  }
  const { auditLog } = schema;
  const journal = await db.select().from(auditLog).where(concernePersonne(personne)).orderBy(auditLog.at, auditLog.id);
  return {
    genereLe: now.toISOString(),
    explication:
      "Toutes les données qui vous concernent sur la plateforme Promeneurs du Net. « lignes » : les enregistrements " +
      "eux-mêmes (sans mots de passe ni jetons) ; « mentions » : les enregistrements dont vous êtes l'auteur ou le " +
      "lecteur, qui contiennent les données d'autres personnes. Dates en UTC (ISO 8601).",
    rubriques,
    journal,
  };
}
