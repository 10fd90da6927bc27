import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { seedReference } from "@db/seed/reference";
import { sql } from "drizzle-orm";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { jourParis } from "~/lib/jour";
import { type DatabaseHandle, openPglite, openPostgres, runMigrations } from "~/server/db.server";
import { withDatabase } from "../tests/setup/global-db";
import { type AppProcess, startServer, tempDir } from "./support/app-process";
import { HttpClient } from "./support/http";
import { type SeedDurabilite, seedDurabilite } from "./support/seed-durabilite";

/**
 * DESIGN §9, "no acknowledged write is lost, even if the process is killed" (docs/decisions/011):
 * writers in parallel send monthly reports and attendance through HTTP to the built server, which
 * gets SIGKILL in the middle, is restarted on the same database, and the database is read back.
 *
 * Each writer writes in sequence and stops at its first missing answer: what is written is a prefix
 * of what it sent, as long as its confirmed writes, or one more when its last request got no answer
 * (written or not, but then whole).
 */

type Seed = SeedDurabilite;

const PROMENEURS = 4;
const SESSIONS_COORDINATION = 4;
const INVITES = 40;
/** Confirmed writes before the kill (both kinds together). */
const CIBLE = 200;
const PRESENCES = ["present", "excuse", "absent"] as const;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Seeds what the writers write to, then closes the database (before any server opens it).
 * `migrer`: an empty database is first migrated and given its reference data, as a start would.
 */
async function seed(handle: DatabaseHandle, { migrer = false } = {}): Promise<Seed> {
  try {
    if (migrer) {
      await runMigrations(handle, handle.db);
      await seedReference(handle.db);
    }
    return await seedDurabilite(handle.db, { promeneurs: PROMENEURS, invites: INVITES });
  } finally {
    await handle.close();
  }
}

/** Fixed once: a run that crosses midnight on the 1st keeps writing the same months. */
const DEBUT = new Date();

/** `YYYY-MM`, `n` months before the previous month (Europe/Paris). */
function moisAvant(n: number): string {
  const { annee, mois } = jourParis(DEBUT);
  const index = annee * 12 + (mois - 1) - 1 - n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

// --- The writes: step j of writer w, as sent and as it must be found -------------------------------

/** Report writes: each month is created (version 0 read), then changed once (version 1 read). */
function etapeRapport(w: number, j: number) {
  const creation = j % 2 === 0;
  const lignes: Record<string, number> = creation
    ? { "canal.messages_prives": 100 * w + j + 1, "theme.sante": (j % 5) + 1, "age_nouveaux.15_17": 2 }
    : { "canal.messages_prives": 100 * w + j + 1, "theme.scolarite": 3 };
  return {
    mois: moisAvant(Math.floor(j / 2)),
    version: creation ? 0 : 1,
    echangesIndividuels: j + 1,
    echangesCollectifs: w + 1,
    lignes,
  };
}

type EtatRapport = {
  version: number;
  statut: string;
  echangesIndividuels: number;
  echangesCollectifs: number;
  heuresEnLigne: number;
  lignes: string[];
  journal: { avant: string | null; apres: string; echangesIndividuels: number }[];
};

/** A promeneur's reports after the first `n` writes of writer `w`, with their journal rows. */
function rapportsAttendus(w: number, n: number): Record<string, EtatRapport> {
  const etat: Record<string, EtatRapport> = {};
  for (let j = 0; j < n; j++) {
    const e = etapeRapport(w, j);
    const avant = etat[e.mois];
    etat[e.mois] = {
      version: (avant?.version ?? 0) + 1,
      statut: "brouillon",
      echangesIndividuels: e.echangesIndividuels,
      echangesCollectifs: e.echangesCollectifs,
      heuresEnLigne: 12.5,
      lignes: Object.entries(e.lignes)
        .map(([champ, nombre]) => `${champ}=${nombre}`)
        .sort(),
      journal: [
        ...(avant?.journal ?? []),
        { avant: avant ? "brouillon" : null, apres: "brouillon", echangesIndividuels: e.echangesIndividuels },
      ],
    };
  }
  return etat;
}

/** Attendance writes of coordination session k: its invitations in turn, each one's value changing every time. */
function etapePresence(seedData: Seed, k: number, j: number) {
  const miennes = seedData.invitations.filter((_, i) => i % SESSIONS_COORDINATION === k);
  const invitation = miennes[j % miennes.length] as string;
  return { invitation, presence: PRESENCES[Math.floor(j / miennes.length) % PRESENCES.length] as string };
}

type EtatPresence = { presence: string | null; journal: [string | null, string][] };

function presencesAttendues(seedData: Seed, k: number, n: number): Record<string, EtatPresence> {
  const etat: Record<string, EtatPresence> = {};
  seedData.invitations.forEach((id, i) => {
    if (i % SESSIONS_COORDINATION === k) etat[id] = { presence: null, journal: [] };
  });
  for (let j = 0; j < n; j++) {
    const { invitation, presence } = etapePresence(seedData, k, j);
    const avant = etat[invitation] as EtatPresence;
    etat[invitation] = { presence, journal: [...avant.journal, [avant.presence, presence]] };
  }
  return etat;
}

// --- The writers ----------------------------------------------------------------------------------

type Suivi = { confirmees: number; enVol: number; tue: boolean };
/** `inconnue`: the last request got no answer (it may or may not be written). `refus`: an answer other than success. */
type Bilan = { confirmees: number; inconnue: boolean; refus?: string };

async function ecrivain(
  suivi: Suivi,
  envoyer: (j: number) => Promise<Response>,
  redirection: (j: number) => string,
): Promise<Bilan> {
  let confirmees = 0;
  for (let j = 0; !suivi.tue; j++) {
    suivi.enVol++;
    let response: Response;
    try {
      response = await envoyer(j);
    } catch {
      return { confirmees, inconnue: true };
    } finally {
      suivi.enVol--;
    }
    const location = response.headers.get("location");
    await response.arrayBuffer().catch(() => undefined);
    if (response.status !== 302 || location !== redirection(j)) {
      return { confirmees, inconnue: true, refus: `écriture ${j} : ${response.status} ${location ?? ""}` };
    }
    confirmees++;
    suivi.confirmees++;
  }
  return { confirmees, inconnue: false };
}

async function connecter(url: string, email: string, motDePasse: string): Promise<HttpClient> {
  const client = new HttpClient(url);
  const response = await client.post("/connexion", { email, password: motDePasse });
  expect(response.status, `connexion de ${email}`).toBe(302);
  return client;
}

// --- Reading the database back ---------------------------------------------------------------------

type Ligne = Record<string, unknown>;

async function lignes(handle: DatabaseHandle, query: ReturnType<typeof sql>): Promise<Ligne[]> {
  return (await handle.db.execute(query)).rows as Ligne[];
}

/** Each promeneur's reports as stored, with their lines and journal rows; journal rows of no report apart. */
async function rapportsLus(handle: DatabaseHandle, seedData: Seed) {
  const promeneurIds = seedData.promeneurs.map((p) => p.promeneurId);
  const userIds = seedData.promeneurs.map((p) => p.userId);
  const rapports = await lignes(
    handle,
    sql`select r.id::text as id, r.promeneur_id::text as promeneur, to_char(r.mois, 'YYYY-MM') as mois,
          r.version, r.statut, r.echanges_individuels, r.echanges_collectifs, r.heures_en_ligne::text as heures
        from rapports_mensuels r where r.promeneur_id = any(${sql.param(promeneurIds)}::uuid[])`,
  );
  const comptes = await lignes(
    handle,
    sql`select c.rapport_id::text as rapport, c.rubrique || '.' || c.code || '=' || c.nombre as ligne
        from rapport_comptes c join rapports_mensuels r on r.id = c.rapport_id
        where r.promeneur_id = any(${sql.param(promeneurIds)}::uuid[])`,
  );
  const journal = await lignes(
    handle,
    sql`select entity_id as rapport, action, changes from audit_log
        where entity_type = 'rapport' and actor_user_id = any(${sql.param(userIds)}::uuid[]) order by id`,
  );
  const parId = new Map<string, EtatRapport>();
  const parPromeneur = new Map<string, Record<string, EtatRapport>>(promeneurIds.map((id) => [id, {}]));
  for (const r of rapports) {
    const etat: EtatRapport = {
      version: Number(r.version),
      statut: String(r.statut),
      echangesIndividuels: Number(r.echanges_individuels),
      echangesCollectifs: Number(r.echanges_collectifs),
      heuresEnLigne: Number(r.heures),
      lignes: [],
      journal: [],
    };
    parId.set(String(r.id), etat);
    (parPromeneur.get(String(r.promeneur)) as Record<string, EtatRapport>)[String(r.mois)] = etat;
  }
  for (const c of comptes) parId.get(String(c.rapport))?.lignes.push(String(c.ligne));
  for (const etat of parId.values()) etat.lignes.sort();
  const orphelines: Ligne[] = [];
  for (const a of journal) {
    const etat = parId.get(String(a.rapport));
    const changes = a.changes as { statut: { avant: string | null; apres: string }; echangesIndividuels: number };
    if (!etat || a.action !== "rapport.enregistrer") orphelines.push(a);
    else etat.journal.push({ ...changes.statut, echangesIndividuels: changes.echangesIndividuels });
  }
  return { parPromeneur, orphelines };
}

/** Each invitation's attendance as stored, with the journal rows that name it. */
async function presencesLues(handle: DatabaseHandle, seedData: Seed) {
  const invitations = await lignes(
    handle,
    sql`select id::text as id, presence from regroupement_invitations
        where regroupement_id = ${seedData.regroupementId}::uuid`,
  );
  const journal = await lignes(
    handle,
    sql`select changes from audit_log
        where action = 'regroupement.presence.noter' and entity_id = ${seedData.regroupementId} order by id`,
  );
  const etat = new Map<string, EtatPresence>(
    invitations.map((i) => [String(i.id), { presence: (i.presence as string | null) ?? null, journal: [] }]),
  );
  const lignesParEcriture: number[] = [];
  for (const a of journal) {
    const presences = (a.changes as { presences: { invitation: string; avant: string | null; apres: string }[] })
      .presences;
    lignesParEcriture.push(presences.length);
    for (const p of presences) etat.get(p.invitation)?.journal.push([p.avant, p.apres]);
  }
  return { etat, lignesParEcriture };
}

/** `lu` is the state after the confirmed writes, or after one more when the last one got no answer. */
function verifierPrefixe<T>(lu: T, attendu: (n: number) => T, bilan: Bilan, qui: string): "confirmees" | "une-de-plus" {
  if (isDeepStrictEqual(lu, attendu(bilan.confirmees))) return "confirmees";
  if (bilan.inconnue && isDeepStrictEqual(lu, attendu(bilan.confirmees + 1))) return "une-de-plus";
  expect(lu, `${qui} : ni ses ${bilan.confirmees} écritures confirmées, ni une de plus`).toEqual(
    attendu(bilan.confirmees),
  );
  throw new Error("unreachable");
}

// --- The scenario ----------------------------------------------------------------------------------

async function scenario(options: {
  env: Record<string, string>;
  seedData: Seed;
  ouvrirBase: () => Promise<DatabaseHandle>;
}): Promise<void> {
  const { env, seedData } = options;
  const app: AppProcess = await startServer(env);
  const suivi: Suivi = { confirmees: 0, enVol: 0, tue: false };
  let bilansRapports: Bilan[] = [];
  let bilansPresences: Bilan[] = [];
  let enVolAuKill = 0;
  try {
    const promeneurs = await Promise.all(
      seedData.promeneurs.map((p) => connecter(app.url, p.email, seedData.motDePasse)),
    );
    const coordination = await Promise.all(
      Array.from({ length: SESSIONS_COORDINATION }, () =>
        connecter(app.url, seedData.coordination, seedData.motDePasse),
      ),
    );
    const presencesUrl = `/espace/regroupements/${seedData.regroupementId}/presences`;
    let finis = false;
    const tous = Promise.all([
      Promise.all(
        promeneurs.map((client, w) =>
          ecrivain(
            suivi,
            (j) => {
              const e = etapeRapport(w, j);
              return client.post(`/espace/mes-rapports/${e.mois}`, {
                intent: "enregistrer",
                version: String(e.version),
                echangesIndividuels: String(e.echangesIndividuels),
                echangesCollectifs: String(e.echangesCollectifs),
                heuresEnLigne: "12,5",
                faitMarquant: "",
                ...Object.fromEntries(Object.entries(e.lignes).map(([champ, n]) => [champ, String(n)])),
              });
            },
            (j) => `/espace/mes-rapports/${etapeRapport(w, j).mois}`,
          ),
        ),
      ),
      Promise.all(
        coordination.map((client, k) =>
          ecrivain(
            suivi,
            (j) => {
              const { invitation, presence } = etapePresence(seedData, k, j);
              return client.post(presencesUrl, { choix: `${invitation}:${presence}` });
            },
            (j) => `${presencesUrl}#p-${etapePresence(seedData, k, j).invitation}`,
          ),
        ),
      ),
    ]).finally(() => {
      finis = true;
    });
    while (suivi.confirmees < CIBLE && !finis) await sleep(2);
    enVolAuKill = suivi.enVol;
    app.child.kill("SIGKILL");
    suivi.tue = true;
    expect((await app.exited).signal).toBe("SIGKILL");
    [bilansRapports, bilansPresences] = await tous;
  } finally {
    await app.stop();
  }

  const refus = [...bilansRapports, ...bilansPresences].flatMap((b) => (b.refus ? [b.refus] : []));
  expect(refus, "aucune écriture n'est refusée avant l'arrêt").toEqual([]);
  expect(suivi.confirmees).toBeGreaterThanOrEqual(CIBLE);
  // The kill landed while requests were in flight.
  expect(enVolAuKill).toBeGreaterThan(0);

  // Restarted on the same database: it answers, and reads back through HTTP the last report a
  // promeneur got confirmed (checked after the database itself, whose failures say more).
  let relu: { mois: string; statut: number; brouillon: boolean } | undefined;
  const relance = await startServer(env);
  try {
    expect((await fetch(`${relance.url}/healthz`)).status).toBe(200);
    const w = bilansRapports.findIndex((b) => b.confirmees > 0);
    const promeneur = seedData.promeneurs[w];
    if (promeneur) {
      const client = await connecter(relance.url, promeneur.email, seedData.motDePasse);
      const mois = etapeRapport(w, (bilansRapports[w] as Bilan).confirmees - 1).mois;
      const page = await client.get(`/espace/mes-rapports/${mois}`);
      relu = { mois, statut: page.status, brouillon: /Statut : <strong>Brouillon<\/strong>/.test(await page.text()) };
    }
    const coordination = await connecter(relance.url, seedData.coordination, seedData.motDePasse);
    const presences = await coordination.get(`/espace/regroupements/${seedData.regroupementId}/presences`);
    expect(presences.status).toBe(200);
    await presences.arrayBuffer();
  } finally {
    await relance.stop();
  }

  const handle = await options.ouvrirBase();
  try {
    const rapports = await rapportsLus(handle, seedData);
    expect(rapports.orphelines, "aucune ligne de journal sans son bilan").toEqual([]);
    const issues: string[] = [];
    seedData.promeneurs.forEach((p, w) => {
      issues.push(
        verifierPrefixe(
          rapports.parPromeneur.get(p.promeneurId),
          (n) => rapportsAttendus(w, n),
          bilansRapports[w] as Bilan,
          `bilans de ${p.email}`,
        ),
      );
    });

    const presences = await presencesLues(handle, seedData);
    expect(
      presences.lignesParEcriture.every((n) => n === 1),
      "chaque ligne de journal nomme une présence",
    ).toBe(true);
    for (let k = 0; k < SESSIONS_COORDINATION; k++) {
      const miennes = seedData.invitations.filter((_, i) => i % SESSIONS_COORDINATION === k);
      const lu = Object.fromEntries(miennes.map((id) => [id, presences.etat.get(id)]));
      issues.push(
        verifierPrefixe(
          lu,
          (n) => presencesAttendues(seedData, k, n),
          bilansPresences[k] as Bilan,
          `présences de la session ${k + 1}`,
        ),
      );
    }
    console.info(
      `durabilité (${handle.kind}) : ${suivi.confirmees} écritures confirmées, ${enVolAuKill} en vol au kill -9, ` +
        `${issues.filter((i) => i === "une-de-plus").length} sans réponse retrouvées entières, ` +
        `${[...bilansRapports, ...bilansPresences].filter((b) => b.inconnue).length - issues.filter((i) => i === "une-de-plus").length} sans réponse absentes`,
    );
  } finally {
    await handle.close();
  }
  expect(relu, "le dernier bilan confirmé se relit en brouillon après la relance").toEqual({
    mois: relu?.mois,
    statut: 200,
    brouillon: true,
  });
}

describe("aucune écriture confirmée n'est perdue quand le serveur est tué (kill -9)", () => {
  it("sur la base embarquée (PGlite) : bilans et présences confirmés retrouvés entiers, avec leur journal", async () => {
    const dataDir = await tempDir("durabilite");
    try {
      await fs.cp(inject("demoDataDir"), dataDir, { recursive: true });
      await fs.rm(`${dataDir}/pglite.lock`, { force: true });
      const seedData = await seed(await openPglite({ dataDir: path.join(dataDir, "pglite") }));
      await scenario({
        env: { DATA_DIR: dataDir, DEMO: "0" },
        seedData,
        ouvrirBase: () => openPglite({ dataDir: path.join(dataDir, "pglite") }),
      });
    } finally {
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });

  const url = process.env.TEST_DATABASE_URL;
  it.runIf(url)("sur PostgreSQL : bilans et présences confirmés retrouvés entiers, avec leur journal", async () => {
    const name = `pdn_dur_${crypto.randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const databaseUrl = withDatabase(url as string, name);
    try {
      const seedData = await seed(openPostgres(databaseUrl, { max: 2 }), { migrer: true });
      await scenario({
        env: { DATABASE_URL: databaseUrl, DEMO: "0" },
        seedData,
        ouvrirBase: async () => openPostgres(databaseUrl, { max: 2 }),
      });
    } finally {
      const drop = new pg.Client({ connectionString: url });
      await drop.connect();
      await drop.query(`drop database if exists ${name} with (force)`);
      await drop.end();
    }
  });
});
