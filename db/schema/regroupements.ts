import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./comptes";
import { fichiers } from "./fichiers";
import { promeneurs } from "./reseau";
import { communes, departements } from "./territoire";

const at = () => timestamp({ withTimezone: true, mode: "date" });

/**
 * A committee of the governance (DESIGN §3): the comité de pilotage, or a comité opérationnel
 * (one per valley, theme…). Its members persist across its meetings; its decisions are followed
 * from one meeting to the next.
 */
export const comites = pgTable(
  "comites",
  {
    id: uuid().primaryKey().defaultRandom(),
    departement: text()
      .notNull()
      .references(() => departements.code),
    /** `comite_pilotage` or `comite_operationnel` (the gathering types of list I). */
    type: text().notNull(),
    nom: text().notNull(),
    description: text().notNull().default(""),
    actif: boolean().notNull().default(true),
    createdAt: at().notNull().defaultNow(),
    updatedAt: at().notNull().defaultNow(),
  },
  (t) => [
    index().on(t.departement, t.type),
    check("comites_type", sql`${t.type} in ('comite_pilotage', 'comite_operationnel')`),
  ],
);

/**
 * A member of a committee: an organisation and the person who sits for it. `userId` links the
 * member to an account (a steering member reads the committee's documents and decisions with it).
 */
export const comiteMembres = pgTable(
  "comite_membres",
  {
    id: uuid().primaryKey().defaultRandom(),
    comiteId: uuid()
      .notNull()
      .references(() => comites.id, { onDelete: "cascade" }),
    organisation: text().notNull(),
    nom: text().notNull(),
    fonction: text().notNull().default(""),
    email: text(),
    userId: uuid().references(() => users.id, { onDelete: "set null" }),
    actif: boolean().notNull().default(true),
    createdAt: at().notNull().defaultNow(),
  },
  (t) => [index().on(t.comiteId), index().on(t.userId)],
);

/**
 * A gathering (regroupement, DESIGN §3, list I): a training, a supervision, a departmental meeting,
 * a committee's meeting… Times are instants (timestamptz), shown and entered in Europe/Paris.
 */
export const regroupements = pgTable(
  "regroupements",
  {
    id: uuid().primaryKey().defaultRandom(),
    departement: text()
      .notNull()
      .references(() => departements.code),
    /** A code of list I (`app/domain/regroupements/regroupement.labels.ts`). */
    type: text().notNull(),
    titre: text().notNull(),
    debut: at().notNull(),
    fin: at().notNull(),
    /** Address or room; empty for an online gathering. */
    lieu: text().notNull().default(""),
    communeCode: text().references(() => communes.code),
    /** Video-conference link, for an online or hybrid gathering. */
    lienVisio: text(),
    description: text().notNull().default(""),
    /** `promeneurs`, `promeneurs_choisis`, `referents`, `copil` or `public`. */
    audience: text().notNull(),
    /** Most registrations accepted; null: no limit. */
    capacite: integer(),
    /** The committee a `comite_*` gathering is a meeting of. */
    comiteId: uuid().references(() => comites.id, { onDelete: "restrict" }),
    /** `prevu` or `annule`. */
    statut: text().notNull().default("prevu"),
    motifAnnulation: text(),
    /** The minutes (compte rendu), Markdown; documents may add a file version. */
    compteRendu: text().notNull().default(""),
    /** iCalendar SEQUENCE: incremented by every change the invitees are told about. */
    sequence: integer().notNull().default(0),
    creePar: uuid().references(() => users.id, { onDelete: "set null" }),
    version: integer().notNull().default(1),
    createdAt: at().notNull().defaultNow(),
    updatedAt: at().notNull().defaultNow(),
  },
  (t) => [
    index().on(t.departement, t.debut),
    index().on(t.comiteId, t.debut),
    check("regroupements_fin_apres_debut", sql`${t.fin} > ${t.debut}`),
    check("regroupements_statut", sql`${t.statut} in ('prevu', 'annule')`),
    check(
      "regroupements_audience",
      sql`${t.audience} in ('promeneurs', 'promeneurs_choisis', 'referents', 'copil', 'public')`,
    ),
    check("regroupements_capacite", sql`${t.capacite} is null or ${t.capacite} > 0`),
    check(
      "regroupements_comite",
      sql`(${t.type} in ('comite_pilotage', 'comite_operationnel')) = (${t.comiteId} is not null)`,
    ),
  ],
);

/** A document of a gathering: agenda, slides, minutes, other (files in `fichiers`). */
export const regroupementDocuments = pgTable(
  "regroupement_documents",
  {
    id: uuid().primaryKey().defaultRandom(),
    regroupementId: uuid()
      .notNull()
      .references(() => regroupements.id, { onDelete: "cascade" }),
    fichierId: uuid()
      .notNull()
      .references(() => fichiers.id, { onDelete: "restrict" }),
    /** `ordre_du_jour`, `support`, `compte_rendu` or `autre`. */
    nature: text().notNull(),
    titre: text().notNull(),
    ajoutePar: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: at().notNull().defaultNow(),
  },
  (t) => [
    index().on(t.regroupementId),
    check("regroupement_documents_nature", sql`${t.nature} in ('ordre_du_jour', 'support', 'compte_rendu', 'autre')`),
  ],
);

/**
 * One invitee of a gathering: their answer (registration) and their attendance. The invitee is a
 * person with an e-mail address — an account (promeneur, referent, steering member) or a
 * committee member without one. `promeneurId` is what the participation indicator counts.
 * The answer link of the e-mail carries a token kept here only as its SHA-256.
 */
export const regroupementInvitations = pgTable(
  "regroupement_invitations",
  {
    id: uuid().primaryKey().defaultRandom(),
    regroupementId: uuid()
      .notNull()
      .references(() => regroupements.id, { onDelete: "cascade" }),
    userId: uuid().references(() => users.id, { onDelete: "set null" }),
    promeneurId: uuid().references(() => promeneurs.id, { onDelete: "cascade" }),
    membreId: uuid().references(() => comiteMembres.id, { onDelete: "set null" }),
    nom: text().notNull(),
    email: text().notNull(),
    organisation: text(),
    jetonHash: text().notNull(),
    /** `en_attente`, `oui` (registered) or `non`. */
    reponse: text().notNull().default("en_attente"),
    reponduLe: at(),
    /** null until recorded; `present`, `excuse` or `absent`. */
    presence: text(),
    presenceNoteeLe: at(),
    presenceNoteePar: uuid().references(() => users.id, { onDelete: "set null" }),
    invitationEnvoyeeLe: at(),
    /** Claimed once by the reminder job (the day before). */
    rappelEnvoyeLe: at(),
    createdAt: at().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("regroupement_invitations_personne").on(t.regroupementId, t.email),
    uniqueIndex("regroupement_invitations_jeton").on(t.jetonHash),
    index().on(t.promeneurId),
    index().on(t.userId),
    check("regroupement_invitations_reponse", sql`${t.reponse} in ('en_attente', 'oui', 'non')`),
    check(
      "regroupement_invitations_presence",
      sql`${t.presence} is null or ${t.presence} in ('present', 'excuse', 'absent')`,
    ),
  ],
);

/** A decision of a committee, taken at one of its meetings and followed up at the next ones. */
export const decisions = pgTable(
  "decisions",
  {
    id: uuid().primaryKey().defaultRandom(),
    departement: text()
      .notNull()
      .references(() => departements.code),
    comiteId: uuid()
      .notNull()
      .references(() => comites.id, { onDelete: "cascade" }),
    /** The meeting where it was taken. */
    regroupementId: uuid().references(() => regroupements.id, { onDelete: "set null" }),
    texte: text().notNull(),
    /** Who carries it out (a person or an organisation, as the committee wrote it). */
    responsable: text().notNull(),
    echeance: date({ mode: "string" }),
    /** `ouverte`, `realisee` or `abandonnee`. */
    etat: text().notNull().default("ouverte"),
    clotureeLe: at(),
    version: integer().notNull().default(1),
    creePar: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: at().notNull().defaultNow(),
    updatedAt: at().notNull().defaultNow(),
  },
  (t) => [
    index().on(t.comiteId, t.etat),
    index().on(t.departement, t.etat, t.echeance),
    check("decisions_etat", sql`${t.etat} in ('ouverte', 'realisee', 'abandonnee')`),
  ],
);

/** The follow-up of a decision: each change of state or note, at which meeting, by whom. */
export const decisionSuivis = pgTable(
  "decision_suivis",
  {
    id: uuid().primaryKey().defaultRandom(),
    decisionId: uuid()
      .notNull()
      .references(() => decisions.id, { onDelete: "cascade" }),
    regroupementId: uuid().references(() => regroupements.id, { onDelete: "set null" }),
    etat: text().notNull(),
    note: text().notNull().default(""),
    auteurId: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: at().notNull().defaultNow(),
  },
  (t) => [
    index().on(t.decisionId, t.createdAt),
    check("decision_suivis_etat", sql`${t.etat} in ('ouverte', 'realisee', 'abandonnee')`),
  ],
);

/**
 * A private iCalendar feed address (one live per user): the token is in the URL and kept here
 * only as its SHA-256; revoking it makes the address answer 404.
 */
export const jetonsCalendrier = pgTable(
  "jetons_calendrier",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    jetonHash: text().notNull(),
    createdAt: at().notNull().defaultNow(),
    revoqueLe: at(),
    dernierAccesLe: at(),
  },
  (t) => [
    uniqueIndex("jetons_calendrier_jeton").on(t.jetonHash),
    uniqueIndex("jetons_calendrier_actif").on(t.userId).where(sql`${t.revoqueLe} is null`),
  ],
);
