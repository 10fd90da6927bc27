import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./comptes";
import { fichiers } from "./fichiers";
import { structures } from "./structures";
import { communes, departements, epci } from "./territoire";

const at = () => timestamp({ withTimezone: true, mode: "date" });

/**
 * A promeneur (DESIGN §3): a professional of a structure, from proposal to exit. First and last
 * name and e-mail are internal; the public sees `nomPublic`, the photo, bio, themes, age range,
 * territory, profiles and hours, and only while the promeneur is `actif`.
 */
export const promeneurs = pgTable(
  "promeneurs",
  {
    id: uuid().primaryKey().defaultRandom(),
    departement: text()
      .notNull()
      .references(() => departements.code),
    structureId: uuid()
      .notNull()
      .references(() => structures.id),
    /** The promeneur's own account, once they accepted the invitation sent on acceptance. */
    userId: uuid().references(() => users.id, { onDelete: "set null" }),
    prenom: text().notNull(),
    nom: text().notNull(),
    /** Professional e-mail: where the invitation and notifications go. */
    email: text().notNull(),
    telephone: text(),
    fonction: text().notNull(),
    /** Public display name ("Léa, animatrice à Sisteron"), by default the first name. */
    nomPublic: text().notNull(),
    /** Public URL part (/promeneurs/:slug), unique across the deployment. */
    slug: text().notNull(),
    bio: text(),
    /** Codes of list E (request themes) the promeneur works on. */
    themes: text().array().notNull().default(sql`'{}'::text[]`),
    ageMin: smallint().notNull().default(12),
    ageMax: smallint().notNull().default(25),
    photoId: uuid().references(() => fichiers.id, { onDelete: "set null" }),
    /** Weekly hours the employer dedicates to the mission. */
    heuresHebdomadaires: numeric({ precision: 4, scale: 1, mode: "number" }).notNull(),
    statut: text().notNull(),
    statutDepuis: at().notNull().defaultNow(),
    /** Reason of the refusal, suspension or exit. */
    motifStatut: text(),
    proposePar: uuid()
      .notNull()
      .references(() => users.id),
    proposeLe: at().notNull(),
    charteSigneeLe: at(),
    formationInitialeLe: at(),
    entreeLe: at(),
    sortieLe: at(),
    createdAt: at().notNull().defaultNow(),
    updatedAt: at().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("promeneurs_slug_unique").on(t.slug),
    uniqueIndex("promeneurs_user_unique").on(t.userId),
    // One record in the network per professional e-mail (someone who left may be proposed again).
    uniqueIndex("promeneurs_email_unique")
      .on(sql`lower(${t.email})`)
      .where(sql`${t.statut} not in ('sorti', 'refuse')`),
    index().on(t.departement, t.statut),
    index().on(t.structureId),
    check("promeneurs_ages", sql`${t.ageMin} >= 10 and ${t.ageMax} <= 30 and ${t.ageMin} <= ${t.ageMax}`),
  ],
);

/** Intervention territory: whole EPCI and/or single communes (exactly one of the two per row). */
export const promeneurTerritoires = pgTable(
  "promeneur_territoires",
  {
    id: uuid().primaryKey().defaultRandom(),
    promeneurId: uuid()
      .notNull()
      .references(() => promeneurs.id, { onDelete: "cascade" }),
    communeCode: text().references(() => communes.code),
    epciSiren: text().references(() => epci.siren),
  },
  (t) => [
    unique("promeneur_territoires_unique").on(t.promeneurId, t.communeCode, t.epciSiren).nullsNotDistinct(),
    index().on(t.communeCode),
    index().on(t.epciSiren),
    check("promeneur_territoires_one", sql`(${t.communeCode} is null) <> (${t.epciSiren} is null)`),
  ],
);

/**
 * A professional profile on a social network (list B). `derniereVerificationLe` and
 * `dernierResultat` repeat the latest verification (cleared when the handle changes), so that the
 * status `conforme` / `non_conforme` / `a_verifier` is read without scanning the history.
 */
export const profilsSociaux = pgTable(
  "profils_sociaux",
  {
    id: uuid().primaryKey().defaultRandom(),
    departement: text()
      .notNull()
      .references(() => departements.code),
    promeneurId: uuid()
      .notNull()
      .references(() => promeneurs.id, { onDelete: "cascade" }),
    reseau: text().notNull(),
    handle: text().notNull(),
    url: text().notNull(),
    /** The person accepted the warning that the handle looks personal. */
    avertissementAccepte: boolean().notNull().default(false),
    derniereVerificationLe: at(),
    dernierResultat: text(),
    createdAt: at().notNull().defaultNow(),
    updatedAt: at().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("profils_sociaux_unique").on(t.reseau, sql`lower(${t.handle})`),
    index().on(t.promeneurId),
    index().on(t.departement, t.derniereVerificationLe),
  ],
);

/** Every conformity verification of a profile, with the checklist as it was ticked. */
export const verificationsProfil = pgTable(
  "verifications_profil",
  {
    id: uuid().primaryKey().defaultRandom(),
    departement: text()
      .notNull()
      .references(() => departements.code),
    profilId: uuid()
      .notNull()
      .references(() => profilsSociaux.id, { onDelete: "cascade" }),
    verifieLe: at().notNull(),
    verifiePar: uuid().references(() => users.id, { onDelete: "set null" }),
    resultat: text().notNull(),
    /** `[{ code, libelle, ok }]`: every active check of the list at the time, in its order. */
    controles: jsonb().notNull(),
    /** What is missing (sent to the promeneur when not conforming). */
    manques: text(),
    commentaire: text(),
  },
  (t) => [index().on(t.profilId, t.verifieLe)],
);

/** List C per département: the checklist of a verification, which the coordinator configures. */
export const controlesConformite = pgTable(
  "controles_conformite",
  {
    id: uuid().primaryKey().defaultRandom(),
    departement: text()
      .notNull()
      .references(() => departements.code),
    code: text().notNull(),
    libelle: text().notNull(),
    /** Part of the common national framework (the first five of list C): cannot be removed. */
    socleNational: boolean().notNull().default(false),
    actif: boolean().notNull().default(true),
    ordre: integer().notNull(),
  },
  (t) => [uniqueIndex("controles_conformite_unique").on(t.departement, t.code)],
);

/** Weekly presence slots: ISO weekday 1–7, minutes since midnight (Europe/Paris), networks. */
export const creneauxPresence = pgTable(
  "creneaux_presence",
  {
    id: uuid().primaryKey().defaultRandom(),
    promeneurId: uuid()
      .notNull()
      .references(() => promeneurs.id, { onDelete: "cascade" }),
    jour: smallint().notNull(),
    debut: smallint().notNull(),
    fin: smallint().notNull(),
    reseaux: text().array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [
    index().on(t.promeneurId),
    check(
      "creneaux_presence_valid",
      sql`${t.jour} between 1 and 7 and ${t.debut} >= 0 and ${t.fin} <= 1440 and ${t.debut} < ${t.fin}`,
    ),
  ],
);

/** Dated exceptions (leave, holidays): no presence from `du` to `au` inclusive. */
export const exceptionsPresence = pgTable(
  "exceptions_presence",
  {
    id: uuid().primaryKey().defaultRandom(),
    promeneurId: uuid()
      .notNull()
      .references(() => promeneurs.id, { onDelete: "cascade" }),
    du: date({ mode: "string" }).notNull(),
    au: date({ mode: "string" }).notNull(),
    motif: text(),
  },
  (t) => [index().on(t.promeneurId, t.au), check("exceptions_presence_dates", sql`${t.du} <= ${t.au}`)],
);

/** Information the coordinator sends to promeneurs and/or referents (e-mail and back-office feed). */
export const annonces = pgTable(
  "annonces",
  {
    id: uuid().primaryKey().defaultRandom(),
    departement: text()
      .notNull()
      .references(() => departements.code),
    titre: text().notNull(),
    corps: text().notNull(),
    /** `promeneurs`, `referents` or `tous`. */
    audience: text().notNull(),
    auteurId: uuid().references(() => users.id, { onDelete: "set null" }),
    publieeLe: at().notNull().defaultNow(),
    /** How many people it was sent to (recipients at the time of sending). */
    destinataires: integer().notNull().default(0),
  },
  (t) => [index().on(t.departement, t.publieeLe)],
);

/** Who an announcement was sent to, and when each one read it (the read receipt). */
export const annonceDestinataires = pgTable(
  "annonce_destinataires",
  {
    annonceId: uuid()
      .notNull()
      .references(() => annonces.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    luLe: at(),
  },
  (t) => [primaryKey({ columns: [t.annonceId, t.userId] }), index().on(t.userId, t.luLe)],
);
