import * as schema from "@db/schema";
import {
  auditLog,
  creneauxPresence,
  fichiers,
  invitations,
  messagesContact,
  passwordResets,
  profilsSociaux,
  promeneurs,
  sessions,
  signInAttempts,
  userRoles,
  users,
} from "@db/schema";
import { and, eq, getTableName, is, sql } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { supprimerMessagesAnciens } from "~/domain/contact/contact.commands.server";
import { indicateursRapports } from "~/domain/indicateurs/indicateurs.rapports.server";
import { calculerIndicateurs } from "~/domain/indicateurs/indicateurs.server";
import { periodeAnnee, periodePrecedente } from "~/domain/indicateurs/periode";
import { recordAudit } from "~/server/audit.server";
import { getDb } from "~/server/db.server";
import { Invalid } from "~/server/errors.server";
import { defaultJobs } from "~/server/scheduler.server";
import { insertProfil, insertPromeneur } from "../../../tests/factories/promeneur";
import { insertRapport } from "../../../tests/factories/rapport";
import { insertRegroupement, invitePromeneur } from "../../../tests/factories/regroupement";
import { insertUser } from "../../../tests/factories/user";
import { insertActor } from "../../../tests/support/acteurs";
import { refuserJournal, retablirJournal } from "../../../tests/support/journal";
import { expectRefus } from "../../../tests/support/route";
import { CONSERVATION_JOURNAL_ANS, libellePersonneEffacee } from "./conservation.rules";
import { appliquerConservation, CONSERVATION_DONNEES } from "./conservation.server";
import { effacerPersonneParCoordination, findPersonnesEffacables } from "./effacement.server";
import { exporterDonnees, SOURCES } from "./export.server";

const JOUR = 86_400_000;

/** The instant `ans` years before `depuis`, written out here rather than read from the rules. */
function ilYA(depuis: Date, ans: number): number {
  const instant = new Date(depuis.getTime());
  instant.setUTCFullYear(instant.getUTCFullYear() - ans);
  return instant.getTime();
}

afterEach(retablirJournal);

let telephones = 10;

/** A promeneur who left, with an account, a photo, handles, reports, attendance and audit entries naming them. */
async function insertPromeneurParti(suffixe: string) {
  const db = getDb();
  const email = `camille.delorme.${suffixe}@structure-essai.fr`;
  telephones += 1;
  const telephone = `06 ${telephones} 34 56 78`;
  const user = await insertUser(db, {
    email,
    nom: `Camille Delorme${suffixe}`,
    roles: [{ role: "promeneur", departement: "04" }],
  });
  const [photo] = await db
    .insert(fichiers)
    .values({
      departement: "04",
      nom: `photo-camille-${suffixe}.jpg`,
      typeMime: "image/jpeg",
      taille: 3,
      sha256: "abc",
      contenu: Buffer.from([1, 2, 3]),
    })
    .returning();
  const promeneur = await insertPromeneur(db, {
    userId: user.id,
    prenom: "Camille",
    nom: `Delorme${suffixe}`,
    email,
    telephone,
    nomPublic: `Camille, animatrice ${suffixe}`,
    slug: `camille-delorme-${suffixe}`,
    bio: `J'anime l'espace jeunes de Sisteron-${suffixe}.`,
    photoId: photo?.id,
    statut: "sorti",
    entreeLe: new Date("2024-01-15T09:00:00Z"),
    sortieLe: new Date("2025-12-20T09:00:00Z"),
    motifStatut: `Départ de Camille Delorme${suffixe} vers un autre poste`,
  });
  const profil = await insertProfil(db, promeneur, { handle: `camille.pdn.${suffixe}` });
  await db.insert(creneauxPresence).values({ promeneurId: promeneur.id, jour: 3, debut: 960, fin: 1080, reseaux: [] });
  await db
    .insert(sessions)
    .values({ id: `session-${suffixe}`, userId: user.id, expiresAt: new Date(Date.now() + JOUR) });
  await db.insert(passwordResets).values({ userId: user.id, tokenHash: `reset-${suffixe}`, expiresAt: new Date() });
  await db.insert(signInAttempts).values({ email, ip: "192.0.2.9", success: true });
  await db.insert(invitations).values({
    email,
    nom: `Camille Delorme${suffixe}`,
    role: "promeneur",
    departement: "04",
    promeneurId: promeneur.id,
    tokenHash: `invitation-${suffixe}`,
    expiresAt: new Date(),
  });
  for (const [i, mois] of ["2025-03-01", "2025-04-01", "2025-05-01"].entries()) {
    await insertRapport(
      db,
      promeneur,
      mois,
      {
        statut: "valide",
        nouveauxJeunes: 3 + i,
        fileActive: 10 + i,
        echanges: 20 + i,
        echangesIndividuels: 20 + i,
        heuresEnLigne: 12,
        soumisLe: new Date(`${mois}T12:00:00Z`),
      },
      { canal: { messagerie: 20 + i }, reseau: { instagram: 20 + i } },
    );
  }
  const regroupement = await insertRegroupement(db, { debut: new Date("2025-06-10T08:00:00Z") });
  await invitePromeneur(db, regroupement, promeneur, { reponse: "oui", presence: "present" });
  await recordAudit(
    db,
    { userId: user.id, email, nom: user.nom },
    {
      action: "profil.modifier",
      entityType: "profil",
      entityId: profil.id,
      departement: "04",
      changes: { handle: profil.handle },
    },
  );
  await recordAudit(
    db,
    { system: "essai" },
    {
      action: "promeneur.modifier",
      entityType: "promeneur",
      entityId: promeneur.id,
      departement: "04",
      changes: {
        nom: { avant: "Delorm", apres: promeneur.nom },
        note: `Appeler ${promeneur.prenom} au ${promeneur.telephone}`,
      },
    },
  );
  return { user, promeneur, profil, email, telephone };
}

/** Lists by promeneur sorted by id: the indicators sort them by name, which the erasure changes. */
function sansOrdre(json: string): unknown {
  return JSON.parse(json, (_key, value) =>
    Array.isArray(value) && value.every((v) => typeof v === "object" && v !== null && "promeneurId" in v)
      ? [...value].sort((a, b) => String(a.promeneurId).localeCompare(String(b.promeneurId)))
      : value,
  );
}

/** Every row of every table of the database whose text contains `aiguille` (case-insensitive). */
async function occurrences(aiguille: string): Promise<string[]> {
  const db = getDb();
  const tables = await db.execute<{ table_name: string }>(
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  );
  const trouvees: string[] = [];
  for (const { table_name } of tables.rows) {
    const res = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from ${sql.identifier(table_name)} t where t::text ilike ${`%${aiguille}%`}`,
    );
    if ((res.rows[0]?.n ?? 0) > 0) trouvees.push(table_name);
  }
  return trouvees;
}

describe("export des données d'une personne", () => {
  it("couvre chaque colonne du schéma qui pointe vers un compte ou une fiche de promeneur", () => {
    const couvertes = new Set(SOURCES.map((s) => s.colonne));
    const manquantes: string[] = [];
    for (const table of Object.values(schema)) {
      if (!is(table, PgTable)) continue;
      for (const fk of getTableConfig(table).foreignKeys) {
        const ref = fk.reference();
        const cible = getTableName(ref.foreignTable);
        if (cible !== "users" && cible !== "promeneurs") continue;
        for (const colonne of ref.columns) {
          if (!couvertes.has(colonne)) manquantes.push(`${getTableName(table)}.${colonne.name} → ${cible}`);
        }
      }
    }
    // A new table pointing at a person must be added to SOURCES (export.server.ts).
    expect(manquantes).toEqual([]);
  });

  it("rassemble compte, rôles, fiche, profils, bilans, présences, invitations et journal, sans secrets", async () => {
    const { user, promeneur, profil } = await insertPromeneurParti("export");
    const donnees = await exporterDonnees(getDb(), user.id, new Date());
    if (!donnees) throw new Error("no export");
    const rubrique = (nom: string) => donnees.rubriques.find((r) => r.rubrique === nom)?.lignes ?? [];
    expect(rubrique("Compte")).toHaveLength(1);
    expect(rubrique("Compte")[0]).not.toHaveProperty("passwordHash");
    expect(rubrique("Rôles")).toHaveLength(1);
    expect(rubrique("Fiche promeneur")[0]?.id).toBe(promeneur.id);
    expect(rubrique("Profils sur les réseaux sociaux")[0]?.handle).toBe(profil.handle);
    expect(rubrique("Bilans mensuels")).toHaveLength(3);
    expect(rubrique("Invitations aux regroupements (fiche)")[0]?.presence).toBe("present");
    expect(rubrique("Invitations aux regroupements (fiche)")[0]).not.toHaveProperty("jetonHash");
    expect(rubrique("Sessions")).toHaveLength(1);
    expect(rubrique("Sessions")[0]).not.toHaveProperty("id");
    expect(rubrique("Réinitialisations du mot de passe")[0]).not.toHaveProperty("tokenHash");
    expect(rubrique("Tentatives de connexion")).toHaveLength(1);
    expect(rubrique("Invitations reçues")).toHaveLength(1);
    expect(donnees.journal.map((e) => e.action).sort()).toEqual(["profil.modifier", "promeneur.modifier"]);
    expect(JSON.stringify(donnees)).not.toMatch(/reset-export|invitation-export/);
  });
});

describe("effacement par la coordination", () => {
  let coordinateur04: Actor;
  let coordinateur05: Actor;

  beforeAll(async () => {
    coordinateur04 = await insertActor(getDb(), { role: "coordinateur", departement: "04" });
    coordinateur05 = await insertActor(getDb(), { role: "coordinateur", departement: "05" });
  });

  it("efface l'identité partout, journal compris, et garde les nombres des indicateurs", async () => {
    const db = getDb();
    const { user, promeneur, profil, email, telephone } = await insertPromeneurParti("efface");
    const filtre = { departements: ["04"], periode: periodeAnnee(2025) };
    const maintenant = new Date("2026-03-01T10:00:00Z");
    const avant = await calculerIndicateurs(db, filtre, "coordination", maintenant);
    const sommesAvant = await indicateursRapports(db, filtre, periodePrecedente(filtre.periode), "coordination", {
      source: "rapports",
    });
    expect(sommesAvant.rapports).toBeGreaterThanOrEqual(3);

    const numero = await effacerPersonneParCoordination(db, coordinateur04, "04", user.id, new Date(), "essai");

    for (const aiguille of [
      email,
      "Delormeefface",
      telephone,
      profil.handle,
      "camille-delorme-efface",
      "Camille, animatrice efface",
      "Sisteron-efface",
      "photo-camille-efface",
    ]) {
      expect({ aiguille, tables: await occurrences(aiguille) }).toEqual({ aiguille, tables: [] });
    }
    const [compte] = await db.select().from(users).where(eq(users.id, user.id));
    expect(compte).toMatchObject({ nom: libellePersonneEffacee(numero), passwordHash: null, numeroEffacement: numero });
    expect(compte?.disabledAt).not.toBeNull();
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([]);
    expect(await db.select().from(userRoles).where(eq(userRoles.userId, user.id))).toEqual([]);
    expect(await db.select().from(profilsSociaux).where(eq(profilsSociaux.promeneurId, promeneur.id))).toEqual([]);
    const [fiche] = await db.select().from(promeneurs).where(eq(promeneurs.id, promeneur.id));
    expect(fiche).toMatchObject({
      nomPublic: libellePersonneEffacee(numero),
      telephone: null,
      bio: null,
      photoId: null,
    });

    // The same totals, whichever way the indicators are read; only the name in the per-promeneur attendance changes.
    const attendu = JSON.stringify(avant).replaceAll(
      `${promeneur.prenom} ${promeneur.nom}`,
      libellePersonneEffacee(numero),
    );
    expect(sansOrdre(JSON.stringify(await calculerIndicateurs(db, filtre, "coordination", maintenant)))).toEqual(
      sansOrdre(attendu),
    );
    expect(JSON.stringify(avant)).toContain(`${promeneur.prenom} ${promeneur.nom}`);
    expect(
      await indicateursRapports(db, filtre, periodePrecedente(filtre.periode), "coordination", { source: "rapports" }),
    ).toEqual(sommesAvant);

    const [trace] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "donnees.effacer"), eq(auditLog.entityId, user.id)));
    expect(trace).toMatchObject({ actorUserId: coordinateur04.userId, departement: "04" });
    expect(JSON.stringify(trace)).not.toContain("Delorme");
  });

  it("refuse une personne d'un autre département (404) et un promeneur encore dans le réseau", async () => {
    const db = getDb();
    const { user } = await insertPromeneurParti("ailleurs");
    await expectRefus(effacerPersonneParCoordination(db, coordinateur05, "05", user.id, new Date()), 404);
    const actif = await insertUser(db, { roles: [{ role: "promeneur", departement: "04" }] });
    await insertPromeneur(db, { userId: actif.id, statut: "actif" });
    const liste = await findPersonnesEffacables(db, "04", coordinateur04);
    expect(liste.find((p) => p.userId === actif.id)?.empechement).toMatch(/sortie/);
    await expect(effacerPersonneParCoordination(db, coordinateur04, "04", actif.id, new Date())).rejects.toBeInstanceOf(
      Invalid,
    );
    const [intact] = await db.select().from(users).where(eq(users.id, actif.id));
    expect(intact?.effaceLe).toBeNull();
    // Not themselves.
    await expectRefus(effacerPersonneParCoordination(db, coordinateur04, "04", coordinateur04.userId, new Date()), 404);
  });

  it("n'efface rien si la ligne du journal ne peut pas s'écrire", async () => {
    const db = getDb();
    const { user, email } = await insertPromeneurParti("journal");
    await refuserJournal("donnees.effacer");
    await expect(effacerPersonneParCoordination(db, coordinateur04, "04", user.id, new Date())).rejects.toThrow();
    const [compte] = await db.select().from(users).where(eq(users.id, user.id));
    expect(compte).toMatchObject({ email, effaceLe: null });
  });
});

describe("conservation des données (tâche planifiée)", () => {
  const now = new Date(Date.now() + 3 * JOUR);

  it("est une tâche du planificateur, chaque nuit", () => {
    const job = defaultJobs.find((j) => j.nom === CONSERVATION_DONNEES);
    expect(job?.prochaine(new Date("2026-01-10T02:00:00Z"))).toEqual(new Date("2026-01-10T03:30:00Z"));
  });

  it("efface un compte sans connexion depuis deux ans et un jour, garde celui d'il y a deux ans moins un jour", async () => {
    const db = getDb();
    const ancien = await insertUser(db, { email: "inactif.ancien@essai.pdn.fr", roles: [{ role: "referent" }] });
    const recent = await insertUser(db, { email: "inactif.recent@essai.pdn.fr", roles: [{ role: "referent" }] });
    const fiche = await insertPromeneur(db, { statut: "actif", email: "jamais.connecte@essai.pdn.fr" });
    const jamais = await insertUser(db, { email: "jamais.connecte@essai.pdn.fr", roles: [{ role: "promeneur" }] });
    await db.update(promeneurs).set({ userId: jamais.id }).where(eq(promeneurs.id, fiche.id));
    const limite = ilYA(now, 2);
    await db
      .update(users)
      .set({ lastSignInAt: new Date(limite - JOUR) })
      .where(eq(users.id, ancien.id));
    await db
      .update(users)
      .set({ lastSignInAt: new Date(limite + JOUR) })
      .where(eq(users.id, recent.id));
    await db
      .update(users)
      .set({ createdAt: new Date(limite - JOUR) })
      .where(eq(users.id, jamais.id));

    const bilan = await appliquerConservation(db, now);
    expect(bilan.comptesEffaces).toBe(2);
    const lus = await db.select().from(users).where(sql`${users.id} in (${ancien.id}, ${recent.id}, ${jamais.id})`);
    const par = (id: string) => lus.find((u) => u.id === id);
    expect(par(ancien.id)?.effaceLe).toEqual(now);
    expect(par(jamais.id)?.effaceLe).toEqual(now);
    expect(par(recent.id)).toMatchObject({ effaceLe: null, email: "inactif.recent@essai.pdn.fr" });
    // A record still in the network is closed on erasure.
    const [fermee] = await db.select().from(promeneurs).where(eq(promeneurs.id, fiche.id));
    expect(fermee?.statut).toBe("sorti");
    expect(await occurrences("jamais.connecte@essai.pdn.fr")).toEqual([]);
    // Done once: the next run erases nobody again.
    expect((await appliquerConservation(db, now)).comptesEffaces).toBe(0);
  });

  it(`supprime le journal de plus de ${CONSERVATION_JOURNAL_ANS} ans, à un jour près`, async () => {
    const db = getDb();
    const limite = ilYA(now, 5);
    await db.insert(auditLog).values([
      {
        at: new Date(limite - JOUR),
        actorLabel: "essai",
        action: "essai.trop-vieux",
        entityType: "essai",
        departement: "04",
      },
      {
        at: new Date(limite + JOUR),
        actorLabel: "essai",
        action: "essai.garde",
        entityType: "essai",
        departement: "04",
      },
    ]);
    const bilan = await appliquerConservation(db, now);
    expect(bilan.journalSupprime).toBe(1);
    const restes = await db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(sql`${auditLog.action} like 'essai.%'`);
    expect(restes.map((r) => r.action)).toEqual(["essai.garde"]);
    const [trace] = await db.select().from(auditLog).where(eq(auditLog.action, "journal.supprimer-anciens"));
    expect(trace?.changes).toEqual({ nombre: 1, conservationAns: CONSERVATION_JOURNAL_ANS });
  });

  it("supprime les messages de contact reçus il y a plus d'un an, à un jour près", async () => {
    const db = getDb();
    const unAn = new Date(now.getTime());
    unAn.setUTCFullYear(unAn.getUTCFullYear() - 1);
    const message = (objet: string, recuLe: Date) => ({
      departement: "04",
      nom: "Dominique",
      email: "dominique@exemple.fr",
      qualite: "parent",
      objet,
      message: "Bonjour",
      recuLe,
    });
    await db
      .insert(messagesContact)
      .values([message("vieux", new Date(unAn.getTime() - JOUR)), message("recent", new Date(unAn.getTime() + JOUR))]);
    expect(await supprimerMessagesAnciens(db, now)).toBe(1);
    const restes = await db.select({ objet: messagesContact.objet }).from(messagesContact);
    expect(restes.map((r) => r.objet)).toEqual(["recent"]);
  });
});
