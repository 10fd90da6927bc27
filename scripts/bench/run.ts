/**
 * `npm run bench [-- --db pglite|postgres|tous] [--charges lectures|ecritures|charge] [--duration 20]
 * [--runs 3] [--warmup 5] [--connections 10] [--duree-charge 60] [--scale 1] [--seed 42]`: measures
 * the four workloads of ../shared/bench/README.md on the production server, on PostgreSQL and on
 * PGlite, checks the answers, prints p50 / p99 / requests per second against the targets and writes
 * bench/results/<date>-<db>.json (gitignored); then the load test (50 visitors on the public
 * directory and 10 promeneurs filling in their monthly reports at once, every confirmed write read
 * back), whose failure makes the exit status non-zero. See docs/bench.md.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import {
  BENCH_PASSWORD,
  chargerNational,
  emailCoordination,
  emailNational,
  emailPromeneur,
  type Ligne,
  lireCsv,
} from "@db/seed/national/national.load";
import { seedReference } from "@db/seed/reference";
import autocannon, { type AutocannonRequest, type AutocannonResult } from "autocannon";
import { sql } from "drizzle-orm";
import { RESEAUX } from "~/domain/profils/profil.labels";
import { THEMES } from "~/domain/promeneurs/theme.labels";
import { type Database, type DatabaseHandle, openPglite, openPostgres, runMigrations } from "~/server/db.server";
import { parseEnv, setEnv } from "~/server/env.server";
import { buildIfStale } from "../build-if-stale.mjs";
import { parseArgs } from "../cli";
import { genererDonnees, messageCourt } from "../demo-national";
import { annuaireAttendu, idsDeLaPage, nombreDansLaPage, PUBLIES, type Totaux, totauxAttendus } from "./attendus";

const ROOT = process.cwd();
const CACHE = path.join(ROOT, "node_modules/.cache/pdn-bench");
const RESULTS = path.join(ROOT, "bench/results");

type Options = {
  duration: number;
  runs: number;
  warmup: number;
  connections: number;
  scale: number;
  seed: number;
  bases: Array<"pglite" | "postgres">;
  /** Which workloads: the reads, the writes, the load test, or all of them (default). */
  charges: "lectures" | "ecritures" | "charge" | "toutes";
  /** Seconds the load test lasts. */
  dureeCharge: number;
};

type Mesure = {
  charge: string;
  statut: "mesure" | "absent" | "echec";
  p50: number | null;
  p99: number | null;
  rps: number | null;
  echecs: number;
  runs: Array<{
    p50: number;
    p99: number;
    rps: number;
    ok: number;
    echecs: number;
    codes: Record<string, number>;
    erreurs?: number;
    delais?: number;
  }>;
  cible: string;
  atteinte: boolean | null;
  verification: string[];
  /** A failure of this workload makes the bench exit non-zero (the load test). */
  bloquante?: boolean;
  /** Counts kept in the results file (the load test's writes). */
  compteurs?: Record<string, number>;
};

const args = parseArgs(process.argv.slice(2));
const num = (v: string | true | undefined, d: number) => (typeof v === "string" && Number(v) > 0 ? Number(v) : d);
const options: Options = {
  duration: num(args.duration, 20),
  runs: num(args.runs, 3),
  warmup: num(args.warmup, 5),
  connections: num(args.connections, 10),
  scale: num(args.scale, 1),
  seed: num(args.seed, 42),
  bases: args.db === "pglite" ? ["pglite"] : args.db === "postgres" ? ["postgres"] : ["postgres", "pglite"],
  charges:
    args.charges === "lectures" || args.charges === "ecritures" || args.charges === "charge" ? args.charges : "toutes",
  dureeCharge: num(args["duree-charge"], 60),
};

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] ?? 0;
};
const ms = (n: number | null) => (n === null ? "–" : `${n.toFixed(1)} ms`);
const coche = (ok: boolean | null) => (ok === null ? "·" : ok ? "✓" : "✗");

// ---------------------------------------------------------------- data and expected answers

type Attendus = {
  annuaire: Record<string, Array<{ id: number; nom: string }>>;
  departement14: Totaux;
  national: Totaux;
  brouillons: Array<{ promeneur: number; email: string }>;
};

function attendusDuCsv(dossier: string): Attendus {
  const promeneurs = lireCsv(dossier, "promeneurs.csv");
  const profils = lireCsv(dossier, "social_profiles.csv");
  const rapports = lireCsv(dossier, "activity_reports.csv");
  const demandes = fs
    .readFileSync(path.join(dossier, "report_requests.csv"), "utf8")
    .split("\n")
    .slice(1)
    .filter(Boolean)
    .map((l) => {
      const [, reportId, theme, count] = l.split(",");
      return { reportId: Number(reportId), theme: theme as string, count: Number(count) };
    });
  const attendus: Attendus = {
    annuaire: { "14": annuaireAttendu(promeneurs, profils, "14"), "13": annuaireAttendu(promeneurs, profils, "13") },
    departement14: totauxAttendus(promeneurs, rapports, demandes, ["14"], 2025),
    national: totauxAttendus(promeneurs, rapports, demandes, null, 2025),
    brouillons: promeneurs
      .filter((p: Ligne) => p.status === "active")
      .map((p: Ligne) => ({ promeneur: Number(p.id), email: emailPromeneur(Number(p.id)) })),
  };
  if (options.scale === 1 && options.seed === 42) {
    const ids14 = attendus.annuaire["14"]?.map((p) => p.id).join(",");
    const d = attendus.departement14;
    const n = attendus.national;
    const ok =
      ids14 === PUBLIES.annuaire14.join(",") &&
      attendus.annuaire["13"]?.length === PUBLIES.annuaire13Taille &&
      d.nouveaux === PUBLIES.departement14.nouveaux &&
      d.echanges === PUBLIES.departement14.echanges &&
      d.demandes === PUBLIES.departement14.demandes &&
      n.nouveaux === PUBLIES.national.nouveaux &&
      n.echanges === PUBLIES.national.echanges &&
      n.demandes === PUBLIES.national.demandes;
    console.log(
      `${coche(ok)} les réponses attendues lues dans les CSV sont celles publiées (../shared/bench/README.md)`,
    );
  }
  return attendus;
}

/** The months the write workload submits: January to October 2026 (the 2025 answers stay intact). */
const MOIS_ECRITURE = Array.from({ length: 10 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}`);

/**
 * Puts the write workload's reports back to drafts (their breakdowns are replaced by each
 * submission) and marks their months' aggregates stale, as the commands would.
 */
async function remettreEnBrouillon(db: Database): Promise<number> {
  return db.transaction(async (tx) => {
    const r = await tx.execute(sql`
      update rapports_mensuels r set statut = 'brouillon', soumis_le = null, valide_le = null, valide_par = null, version = 1
      from promeneurs p
      where p.id = r.promeneur_id and p.statut = 'actif' and r.mois between '2026-01-01' and '2026-10-01'`);
    await tx.execute(sql`
      insert into agregats_a_refaire (departement, mois)
      select distinct departement, mois from rapports_mensuels where mois between '2026-01-01' and '2026-10-01'
      on conflict do nothing`);
    return r.rowCount ?? 0;
  });
}

/** The write workload's reports submitted since `depuis`, and their audit rows. */
async function ecrituresDepuis(
  db: Database,
  depuis: Date,
): Promise<{ soumis: number; audits: number; orphelins: number }> {
  const t = depuis.toISOString();
  const r = await db.execute<{ soumis: number; audits: number; orphelins: number }>(sql`
    with soumis as (
      select id from rapports_mensuels
      where statut = 'soumis' and mois between '2026-01-01' and '2026-10-01' and soumis_le >= ${t}::timestamptz
    )
    select
      (select count(*)::int from soumis) as soumis,
      (select count(*)::int from audit_log where action = 'rapport.soumettre' and at >= ${t}::timestamptz) as audits,
      (select count(*)::int from soumis s where not exists (
         select 1 from audit_log a where a.action = 'rapport.soumettre' and a.entity_type = 'rapport' and a.entity_id = s.id::text)) as orphelins`);
  const row = r.rows[0];
  return { soumis: Number(row?.soumis ?? 0), audits: Number(row?.audits ?? 0), orphelins: Number(row?.orphelins ?? 0) };
}

type CalculIndicateurs = (
  db: Database,
  filtre: unknown,
  vue: string,
  maintenant: Date,
) => Promise<{
  jeunes: { nouveaux: { valeur: number | null } };
  echanges: { total: { valeur: number | null } };
  demandes: { total: { valeur: number | null } };
}>;

/** The totals through the platform's own `calculerIndicateurs`, when it exists. */
async function totauxCalcules(db: Database, departements: string[]): Promise<Totaux | string> {
  const chemin = path.join(ROOT, "app/domain/indicateurs/indicateurs.server.ts");
  if (!fs.existsSync(chemin)) return "calculerIndicateurs absent (app/domain/indicateurs/indicateurs.server.ts)";
  const [mod, periode] = await Promise.all([
    import(chemin) as Promise<{ calculerIndicateurs?: CalculIndicateurs }>,
    import(path.join(ROOT, "app/domain/indicateurs/periode.ts")) as Promise<{ periodeAnnee: (a: number) => unknown }>,
  ]);
  if (!mod.calculerIndicateurs) return "calculerIndicateurs non exporté";
  const vue = departements.length === 1 ? "coordination" : "agregee";
  const i = await mod.calculerIndicateurs(db, { departements, periode: periode.periodeAnnee(2025) }, vue, new Date());
  return {
    nouveaux: i.jeunes.nouveaux.valeur ?? -1,
    echanges: i.echanges.total.valeur ?? -1,
    demandes: i.demandes.total.valeur ?? -1,
    parTheme: {},
  };
}

// ---------------------------------------------------------------- databases

type Cible = {
  nom: "pglite" | "postgres";
  env: Record<string, string>;
  ouvrir(): Promise<DatabaseHandle>;
  arreter?(): void;
};

function pgliteCible(): Cible {
  const dataDir = path.join(CACHE, `pglite-${options.scale}-${options.seed}`);
  return {
    nom: "pglite",
    env: { DATA_DIR: dataDir },
    ouvrir: () => openPglite({ dataDir: path.join(dataDir, "pglite") }),
  };
}

/** A throwaway cluster as .ci/start-postgres.sh makes it (its own port and directory), or BENCH_DATABASE_URL. */
function postgresCible(): Cible | string {
  const given = process.env.BENCH_DATABASE_URL;
  if (given) return { nom: "postgres", env: { DATABASE_URL: given }, ouvrir: async () => openPostgres(given) };
  if (!fs.existsSync("/usr/lib/postgresql")) {
    return "PostgreSQL absent de cette machine (ni /usr/lib/postgresql ni BENCH_DATABASE_URL) : mesure sur PostgreSQL sautée.";
  }
  const port = process.env.BENCH_PGPORT ?? "55499";
  const root = path.join("/tmp", `pdn-bench-postgres-${options.scale}-${options.seed}`);
  const env = { ...process.env, PGPORT: port, PG_ROOT: root };
  let base: string;
  try {
    // The cluster of a previous run starts again with its loaded data.
    base = execFileSync("bash", [path.join(ROOT, ".ci/start-postgres.sh")], { env, encoding: "utf8" }).trim();
  } catch (error) {
    return `Le serveur PostgreSQL du banc n'a pas démarré : ${messageCourt(error)}`;
  }
  const url = base.replace(/\/postgres$/, "/pdn_bench");
  // The server reaches this cluster on the same machine through its Unix socket, as a server
  // deployed beside its database would (measured: +16 % on submissions over TCP loopback here).
  const socket = `postgres://postgres@localhost/pdn_bench?host=${encodeURIComponent(root)}&port=${port}`;
  return {
    nom: "postgres",
    env: { DATABASE_URL: socket },
    async ouvrir() {
      const admin = openPostgres(base, { max: 1 });
      const existe = await admin.db.execute(sql`select 1 from pg_database where datname = 'pdn_bench'`);
      if (existe.rows.length === 0) await admin.db.execute(sql`create database pdn_bench`);
      await admin.close();
      return openPostgres(url);
    },
    arreter() {
      try {
        execFileSync("bash", [path.join(ROOT, ".ci/stop-postgres.sh")], { env, stdio: "ignore" });
      } catch {
        // already stopped
      }
    },
  };
}

async function avecBase<T>(cible: Cible, fn: (db: Database, handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = await cible.ouvrir();
  try {
    return await fn(handle.db, handle);
  } finally {
    await handle.close();
  }
}

// ---------------------------------------------------------------- the server

async function portLibre(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const a = server.address();
      const port = typeof a === "object" && a ? a.port : 0;
      server.close(() => resolve(port));
    });
    server.once("error", reject);
  });
}

type Serveur = { url: string; child: ChildProcess; sortie: () => string; arreter(): Promise<void> };

async function demarrerServeur(cible: Cible, departement: string): Promise<Serveur> {
  const port = await portLibre();
  const url = `http://127.0.0.1:${port}`;
  // BENCH_NODE_OPTIONS=--cpu-prof profiles the server under load (flags NODE_OPTIONS refuses).
  const drapeaux = (process.env.BENCH_NODE_OPTIONS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...drapeaux, "server.js"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "/tmp",
      TZ: "Europe/Paris",
      NODE_ENV: "production",
      DEMO: "0",
      LOG_LEVEL: "warn",
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: url,
      DEFAULT_DEPARTEMENT: departement,
      ...cible.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let sortie = "";
  child.stdout?.on("data", (c: Buffer) => {
    sortie += c.toString();
  });
  child.stderr?.on("data", (c: Buffer) => {
    sortie += c.toString();
  });
  const fin = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Le serveur s'est arrêté au démarrage :\n${sortie.slice(-2000)}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > fin) throw new Error(`Le serveur ne répond pas après 3 minutes :\n${sortie.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    child,
    sortie: () => sortie,
    arreter: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 20_000).unref();
      }),
  };
}

const CSRF = crypto.randomBytes(32).toString("base64url");

/** Signs in through the real form action; returns the Cookie header to send. */
async function connecter(url: string, email: string): Promise<string> {
  const body = new URLSearchParams({ _csrf: CSRF, email, password: BENCH_PASSWORD });
  const r = await fetch(`${url}/connexion`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: `pdn_csrf=${CSRF}` },
    body,
    redirect: "manual",
  });
  const session = r.headers
    .getSetCookie()
    .map((c) => /^pdn_session=([^;]+)/.exec(c)?.[1])
    .find(Boolean);
  if (r.status !== 302 || !session) throw new Error(`Connexion de ${email} refusée (HTTP ${r.status}).`);
  return `pdn_csrf=${CSRF}; pdn_session=${session}`;
}

async function connecterTous(url: string, emails: string[]): Promise<string[]> {
  const cookies: string[] = new Array(emails.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < emails.length) {
        const i = next++;
        cookies[i] = await connecter(url, emails[i] as string);
      }
    }),
  );
  return cookies;
}

// ---------------------------------------------------------------- measuring

async function mesurer(
  url: string,
  requete: AutocannonRequest,
  duree: number,
  succes: (code: number) => boolean,
  { connections = options.connections, timeout = 30 }: { connections?: number; timeout?: number } = {},
): Promise<Mesure["runs"][number]> {
  const r: AutocannonResult = await autocannon({
    url,
    connections,
    duration: duree,
    requests: [requete],
    timeout,
  });
  const codes = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, v.count]));
  const ok = Object.entries(codes).reduce((s, [k, n]) => s + (succes(Number(k)) ? n : 0), 0);
  const total = Object.values(codes).reduce((s, n) => s + n, 0);
  return {
    p50: r.latency.p50,
    p99: r.latency.p99,
    rps: ok / duree,
    ok,
    echecs: total - ok + r.errors + r.timeouts,
    codes,
    erreurs: r.errors,
    delais: r.timeouts,
  };
}

function resume(
  charge: string,
  cible: string,
  runs: Mesure["runs"],
  verification: string[],
  atteinte: (m: Mesure) => boolean,
): Mesure {
  const m: Mesure = {
    charge,
    statut: "mesure",
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    rps: median(runs.map((r) => r.rps)),
    echecs: runs.reduce((s, r) => s + r.echecs, 0),
    runs,
    cible,
    atteinte: null,
    verification,
  };
  // A run where no request completed measured nothing: a failure, not a 0 ms latency.
  if (runs.some((r) => r.ok === 0)) m.verification.unshift("✗ aucune réponse réussie pendant une mesure");
  m.atteinte = m.echecs === 0 && runs.every((r) => r.ok > 0) && atteinte(m);
  return m;
}

async function chargeLecture(
  serveur: Serveur,
  charge: string,
  chemin: string,
  cookie: string | null,
  cible: string,
  atteinte: (m: Mesure) => boolean,
  verifier: (html: string) => string[],
): Promise<Mesure> {
  const headers: Record<string, string> = cookie ? { cookie } : {};
  const premiere = await fetch(`${serveur.url}${chemin}`, { headers, redirect: "manual" });
  const html = await premiere.text();
  if (premiere.status === 404) {
    console.log(`  ${charge} : tableau de bord absent (404 sur ${chemin})`);
    return {
      charge,
      statut: "absent",
      p50: null,
      p99: null,
      rps: null,
      echecs: 0,
      runs: [],
      cible,
      atteinte: null,
      verification: ["tableau de bord absent"],
    };
  }
  if (premiere.status !== 200) {
    console.log(`  ${charge} : HTTP ${premiere.status} sur ${chemin} — non mesuré`);
    return {
      charge,
      statut: "echec",
      p50: null,
      p99: null,
      rps: null,
      echecs: 1,
      runs: [],
      cible,
      atteinte: false,
      verification: [`HTTP ${premiere.status}`],
    };
  }
  const verification = verifier(html);
  const requete: AutocannonRequest = { method: "GET", path: chemin, headers };
  await mesurer(serveur.url, requete, options.warmup, (c) => c === 200);
  const runs = [];
  for (let i = 0; i < options.runs; i++)
    runs.push(await mesurer(serveur.url, requete, options.duration, (c) => c === 200));
  const m = resume(charge, cible, runs, verification, atteinte);
  afficher(m);
  return m;
}

function afficher(m: Mesure) {
  const v = m.verification.length ? `\n      ${m.verification.join("\n      ")}` : "";
  console.log(
    `  ${coche(m.atteinte)} ${m.charge.padEnd(34)} p50 ${ms(m.p50).padStart(10)}  p99 ${ms(m.p99).padStart(10)}  ${(m.rps ?? 0).toFixed(0).padStart(6)} req/s  échecs ${m.echecs}   (cible : ${m.cible})${v}`,
  );
}

/** The figures of a monthly report as the form takes them. */
type Bilan = {
  /** `rubrique.code` → count, non-zero only (as `rapport_comptes` stores them). */
  comptes: Record<string, number>;
  echangesIndividuels: number;
  echangesCollectifs: number;
  /** Hours online × 10 (one decimal, typed with a comma). */
  heuresDixiemes: number;
};

/** The write workload's report: six theme counts, consistent totals (checked as on the page). */
const BILAN_ECRITURES: Bilan = {
  comptes: {
    "age_nouveaux.15_17": 2,
    "age_file.15_17": 5,
    "age_file.18_21": 3,
    "canal.messages_prives": 18,
    "canal.commentaires": 4,
    "theme.bien_etre": 3,
    "theme.sante": 2,
    "theme.scolarite": 2,
    "theme.formation_emploi": 1,
    "theme.loisirs": 1,
    "theme.famille": 1,
    "publication.information_prevention": 2,
  },
  echangesIndividuels: 20,
  echangesCollectifs: 2,
  heuresDixiemes: 125,
};

/** The report form's body: `intent` is the button pressed, `version` the one the form was read at. */
function corpsBilan(bilan: Bilan, intent: "enregistrer" | "soumettre", version?: number): string {
  return new URLSearchParams({
    _csrf: CSRF,
    intent,
    ...(version === undefined ? {} : { version: String(version) }),
    ...Object.fromEntries(Object.entries(bilan.comptes).map(([champ, n]) => [champ, String(n)])),
    echangesIndividuels: String(bilan.echangesIndividuels),
    echangesCollectifs: String(bilan.echangesCollectifs),
    heuresEnLigne: `${Math.floor(bilan.heuresDixiemes / 10)},${bilan.heuresDixiemes % 10}`,
    faitMarquant: "",
  }).toString();
}

// ---------------------------------------------------------------- one database

async function banc(cible: Cible, attendus: Attendus, dossier: string): Promise<Mesure[]> {
  console.log(`\n== ${cible.nom === "pglite" ? "PGlite" : "PostgreSQL"} ==`);
  const calcules = await avecBase(cible, async (db, handle) => {
    await runMigrations(handle, db);
    await seedReference(db);
    const r = await chargerNational(db, {
      dossier,
      scale: options.scale,
      seed: options.seed,
      log: (m) => console.log(`  ${m}`),
    });
    console.log(
      r.etat === "deja_charge"
        ? "  données déjà chargées (même échelle, même graine)"
        : `  chargé en ${r.secondes.toFixed(0)} s`,
    );
    return {
      departement: await totauxCalcules(db, ["14"]),
      national: await totauxCalcules(
        db,
        (await db.execute<{ code: string }>(sql`select code from departements`)).rows.map((d) => d.code),
      ),
    };
  });
  const verifTotaux = (t: Totaux | string, attendu: Totaux, html: string | null) => {
    const lignes: string[] = [];
    if (typeof t === "string") lignes.push(`· ${t}`);
    else {
      for (const k of ["nouveaux", "echanges", "demandes"] as const) {
        lignes.push(`${coche(t[k] === attendu[k])} calculerIndicateurs ${k} = ${t[k]} (attendu ${attendu[k]})`);
      }
    }
    if (html !== null) {
      for (const k of ["nouveaux", "echanges", "demandes"] as const) {
        lignes.push(
          `${coche(nombreDansLaPage(html, attendu[k]))} page : ${k} ${attendu[k].toLocaleString("fr-FR")} affiché`,
        );
      }
    }
    return lignes;
  };
  const mesures = options.charges === "charge" ? [] : await chargesMesurees(cible, attendus, verifTotaux, calcules);
  if (options.charges === "toutes" || options.charges === "charge") mesures.push(...(await chargeSimultanee(cible)));
  return mesures;
}

/** The four workloads of ../shared/bench/README.md, each alone (reads, then writes). */
async function chargesMesurees(
  cible: Cible,
  attendus: Attendus,
  verifTotaux: (t: Totaux | string, attendu: Totaux, html: string | null) => string[],
  calcules: { departement: Totaux | string; national: Totaux | string },
): Promise<Mesure[]> {
  const mesures: Mesure[] = [];
  const annuaire = (dep: string) => (html: string) => {
    const ids = idsDeLaPage(html);
    const attendu = attendus.annuaire[dep]?.map((p) => p.id) ?? [];
    const ok = ids.join(",") === attendu.join(",");
    return [
      `${coche(ok)} ${ids.length} promeneurs dans l'ordre attendu${ok ? "" : ` (reçu ${ids.slice(0, 8).join(", ")}…, attendu ${attendu.slice(0, 8).join(", ")}…)`}`,
    ];
  };
  const cibleAnnuaire = (m: Mesure) => (m.rps ?? 0) >= 700 && (m.p99 ?? Infinity) < 50;

  // Reads, département 14's public site.
  await avecBase(cible, (db) => remettreEnBrouillon(db));
  let serveur: Serveur;
  if (options.charges !== "ecritures") {
    serveur = await demarrerServeur(cible, "14");
    try {
      const [coordination14, national] = await connecterTous(serveur.url, [emailCoordination("14"), emailNational()]);
      mesures.push(
        await chargeLecture(
          serveur,
          "annuaire 14 (Instagram)",
          "/promeneurs?reseau=instagram",
          null,
          "≥ 700 req/s et p99 < 50 ms",
          cibleAnnuaire,
          annuaire("14"),
        ),
      );
      mesures.push(
        await chargeLecture(
          serveur,
          "tableau de bord du département 14",
          "/espace/indicateurs?departement=14&periode=annee&annee=2025",
          coordination14 as string,
          "p99 < 100 ms",
          (m) => (m.p99 ?? Infinity) < 100,
          (html) => verifTotaux(calcules.departement, attendus.departement14, html),
        ),
      );
      mesures.push(
        await chargeLecture(
          serveur,
          "tableau de bord national",
          "/espace/national?periode=annee&annee=2025",
          national as string,
          "p99 < 1 s",
          (m) => (m.p99 ?? Infinity) < 1000,
          (html) => verifTotaux(calcules.national, attendus.national, html),
        ),
      );
    } finally {
      await serveur.arreter();
    }
  }

  // Reads, département 13's public site; then the writes.
  serveur = await demarrerServeur(cible, "13");
  let cookies: string[] = [];
  try {
    if (options.charges !== "ecritures")
      mesures.push(
        await chargeLecture(
          serveur,
          "annuaire 13 (Instagram)",
          "/promeneurs?reseau=instagram",
          null,
          "≥ 700 req/s et p99 < 50 ms",
          cibleAnnuaire,
          annuaire("13"),
        ),
      );
    if (options.charges === "lectures") return mesures;
    const debut = Date.now();
    // Enough promeneurs for 1,500 submissions per second over a run and its warm-up (all of them at 20 s).
    const besoin = Math.ceil((1500 * (options.duration + 3)) / MOIS_ECRITURE.length);
    cookies = await connecterTous(
      serveur.url,
      attendus.brouillons.slice(0, besoin).map((b) => b.email),
    );
    console.log(
      `  ${cookies.length} promeneurs connectés par le formulaire de connexion (${((Date.now() - debut) / 1000).toFixed(1)} s)`,
    );
  } finally {
    await serveur.arreter();
  }

  // Writes: each request submits a different (promeneur, month) draft; drafts reset before each run.
  const paires = MOIS_ECRITURE.flatMap((mois) => cookies.map((cookie) => ({ cookie, mois })));
  const corps = corpsBilan(BILAN_ECRITURES, "soumettre");
  const runs: Mesure["runs"] = [];
  const verification: string[] = [];
  let depuis: Date | null = null;
  let reussies = 0;
  const controler = async (db: Database) => {
    if (!depuis) return;
    const e = await ecrituresDepuis(db, depuis);
    // Requests still in flight when autocannon stops complete on the server: at least as many
    // reports as answered successes, each with its audit row, none without.
    const ok = e.soumis >= reussies && e.audits === e.soumis && e.orphelins === 0;
    verification.push(
      `${coche(ok)} ${reussies} soumissions réussies (302) : ${e.soumis} bilans soumis en base, ${e.audits} lignes de journal « rapport.soumettre », ${e.orphelins} bilan(s) sans journal`,
    );
  };
  for (let i = 0; i < options.runs; i++) {
    const reste = await avecBase(cible, async (db) => {
      await controler(db);
      return remettreEnBrouillon(db);
    });
    serveur = await demarrerServeur(cible, "13");
    try {
      let suivante = 0;
      let epuise = false;
      const requete: AutocannonRequest = {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: corps,
        setupRequest(req) {
          const p = paires[suivante++ % paires.length];
          if (suivante > paires.length) epuise = true;
          return {
            ...req,
            path: `/espace/mes-rapports/${p?.mois}`,
            headers: { ...req.headers, cookie: p?.cookie ?? "" },
          };
        },
      };
      depuis = new Date(Date.now() - 1000);
      const chauffe = await mesurer(serveur.url, requete, Math.min(options.warmup, 3), (c) => c === 302);
      const run = await mesurer(serveur.url, requete, options.duration, (c) => c === 302);
      reussies = chauffe.ok + run.ok;
      runs.push(run);
      if (epuise)
        verification.push(
          `✗ run ${i + 1} : plus de brouillons que ${paires.length} (${reste} remis en brouillon) — des requêtes ont réutilisé un bilan déjà soumis`,
        );
    } finally {
      await serveur.arreter();
    }
  }
  await avecBase(cible, async (db) => {
    await controler(db);
    await remettreEnBrouillon(db);
  });
  const ecriture = resume(
    "soumission d'un bilan mensuel",
    "≥ 390 req/s",
    runs,
    verification,
    (m) => (m.rps ?? 0) >= 390,
  );
  afficher(ecriture);
  mesures.push(ecriture);
  return mesures;
}

// ---------------------------------------------------------------- the load test

/**
 * The load test: young people and parents browsing département 14's public directory while its
 * promeneurs fill in their monthly reports, for `--duree-charge` seconds. Any failed request or
 * lost write fails it (and the bench's exit status).
 */
const CHARGE = { visiteurs: 50, promeneurs: 10, departement: "14", delaiSecondes: 10 } as const;

/** The figures of the `n`th write of a report: different at each write, consistent (they may be submitted). */
function bilanDe(promeneur: number, mois: number, n: number): Bilan {
  const nouveaux = 1 + (n % 7);
  const echanges = 20 + n + 1 + promeneur;
  const collectifs = n % 3;
  return {
    comptes: {
      "age_nouveaux.15_17": nouveaux,
      "age_file.15_17": nouveaux + (n % 5),
      "age_file.18_21": 1 + (mois % 4),
      "canal.messages_prives": 20 + n,
      "canal.commentaires": 1 + promeneur,
      "theme.bien_etre": 1 + (n % 4),
      "theme.sante": 1 + (mois % 3),
      "theme.famille": 1,
      "publication.information_prevention": 1 + (n % 6),
    },
    echangesIndividuels: echanges - collectifs,
    echangesCollectifs: collectifs,
    heuresDixiemes: 50 + ((7 * n + mois) % 300),
  };
}

/** The totals the command derives from a report's figures, as its audit row records them. */
function totauxDuBilan(b: Bilan) {
  const somme = (rubrique: string) =>
    Object.entries(b.comptes).reduce((s, [champ, n]) => s + (champ.startsWith(`${rubrique}.`) ? n : 0), 0);
  return {
    nouveauxJeunes: somme("age_nouveaux"),
    fileActive: somme("age_file"),
    echanges: somme("canal"),
    echangesIndividuels: b.echangesIndividuels,
    echangesCollectifs: b.echangesCollectifs,
    demandes: somme("theme"),
    publications: somme("publication"),
    heuresEnLigne: b.heuresDixiemes / 10,
  };
}

const decoderHtml = (s: string) =>
  s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/**
 * What the visitors read, in turn: the list, a search (by commune among those the list offers, by
 * theme, by network, or commune and theme), a profile found in the list.
 */
function parcoursAnnuaire(html: string): string[] {
  const profils = [...new Set([...html.matchAll(/href="(\/promeneurs\/[^"/?#]+)"/g)].map((m) => m[1] as string))];
  const liste = /<datalist id="communes-couvertes">([\s\S]*?)<\/datalist>/.exec(html)?.[1] ?? "";
  const toutes = [...liste.matchAll(/<option value="([^"]+)"/g)].map((m) => decoderHtml(m[1] as string));
  // At most 20 communes, spread over the list.
  const communes = toutes.filter((_, i) => i % Math.max(1, Math.ceil(toutes.length / 20)) === 0);
  const q = (p: Record<string, string>) => `/promeneurs?${new URLSearchParams(p).toString()}`;
  const recherches = [
    ...communes.map((commune) => q({ commune })),
    ...THEMES.map((theme) => q({ theme })),
    ...RESEAUX.map((reseau) => q({ reseau })),
    ...communes.slice(0, 5).map((commune, i) => q({ commune, theme: THEMES[i % THEMES.length] as string })),
  ];
  if (profils.length === 0) throw new Error("L'annuaire public du département 14 ne liste aucun promeneur.");
  return Array.from({ length: Math.max(recherches.length, profils.length) }, (_, i) => [
    "/promeneurs",
    recherches[i % recherches.length] as string,
    profils[i % profils.length] as string,
  ]).flat();
}

/** Requests of one side of the load test, timed from the request to the end of the body. */
type Cote = { latences: number[]; codes: Record<string, number>; ok: number; erreurs: number; delais: number };
const nouveauCote = (): Cote => ({ latences: [], codes: {}, ok: 0, erreurs: 0, delais: 0 });
const echecsDe = (c: Cote) => c.latences.length - c.ok + c.erreurs + c.delais;
const centile = (valeurs: number[], p: number) => {
  const s = [...valeurs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
};

async function appel(
  cote: Cote,
  url: string,
  init: RequestInit = {},
): Promise<{ status: number; texte: string } | null> {
  const t0 = performance.now();
  try {
    const r = await fetch(url, {
      ...init,
      redirect: "manual",
      signal: AbortSignal.timeout(CHARGE.delaiSecondes * 1000),
    });
    const texte = await r.text();
    cote.latences.push(performance.now() - t0);
    cote.codes[r.status] = (cote.codes[r.status] ?? 0) + 1;
    if (r.status >= 200 && r.status < 400) cote.ok++;
    return { status: r.status, texte };
  } catch (error) {
    if ((error as Error).name === "TimeoutError") cote.delais++;
    else cote.erreurs++;
    return null;
  }
}

/** What a promeneur's writes of one report got: the confirmed ones (302), in order. */
type Suivi = {
  email: string;
  mois: string;
  versionLue: number;
  confirmees: Array<{ bilan: Bilan; intent: "enregistrer" | "soumettre" }>;
};

/**
 * One promeneur, signed in: for each of its months in turn (an equal share of the duration), opens
 * the form, saves drafts with new figures (following each redirection back to the form, whose
 * version must be the next one), then submits; the last month is submitted when time is up.
 */
async function promeneurQuiSaisit(
  url: string,
  promeneur: { email: string; cookie: string; index: number; mois: string[] },
  fin: number,
  cotes: { ecritures: Cote; pages: Cote },
  suivis: Suivi[],
  anomalies: string[],
): Promise<void> {
  const debut = Date.now();
  const part = (fin - debut) / promeneur.mois.length;
  const headers = { cookie: promeneur.cookie };
  for (const [k, mois] of promeneur.mois.entries()) {
    const chemin = `/espace/mes-rapports/${mois}`;
    let raison = "";
    const lireVersion = async () => {
      const r = await appel(cotes.pages, `${url}${chemin}`, { headers });
      const v = r?.status === 200 ? /name="version" value="(\d+)"/.exec(r.texte)?.[1] : undefined;
      raison = r === null ? "sans réponse" : `HTTP ${r.status}`;
      return v === undefined ? null : Number(v);
    };
    let version = await lireVersion();
    if (version === null) {
      anomalies.push(`${promeneur.email} ${mois} : formulaire non lu (${raison}), mois sauté`);
      continue;
    }
    const suivi: Suivi = { email: promeneur.email, mois, versionLue: version, confirmees: [] };
    suivis.push(suivi);
    for (let n = 0; ; n++) {
      const intent = n > 0 && Date.now() >= debut + (k + 1) * part ? "soumettre" : "enregistrer";
      const bilan = bilanDe(promeneur.index, k, n);
      const r = await appel(cotes.ecritures, `${url}${chemin}`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
        body: corpsBilan(bilan, intent, version),
      });
      if (r?.status === 302) {
        suivi.confirmees.push({ bilan, intent });
        version++;
      }
      if (intent === "soumettre") {
        // The browser follows the redirection to the list of reports.
        if (r?.status === 302) await appel(cotes.pages, `${url}/espace/mes-rapports`, { headers });
        break;
      }
      // The browser follows the redirection back to the form, which shows the version just written.
      const lue = await lireVersion();
      if (lue === null) {
        anomalies.push(`${promeneur.email} ${mois} : formulaire non lu (${raison}), bilan laissé tel quel`);
        break;
      }
      if (r?.status === 302 && lue !== version)
        anomalies.push(
          `${promeneur.email} ${mois} : version ${lue} affichée après une écriture confirmée (${version} attendue)`,
        );
      version = lue;
    }
  }
}

/** The promeneurs of the département with the most reports to fill in (drafts of January–October 2026). */
async function promeneursDeLaCharge(db: Database): Promise<Array<{ email: string; mois: string[] }>> {
  const r = await db.execute<{ email: string; mois: string }>(sql`
    select u.email, string_agg(to_char(r.mois, 'YYYY-MM'), ',' order by r.mois) as mois
    from promeneurs p
    join users u on u.id = p.user_id
    join rapports_mensuels r on r.promeneur_id = p.id
    where p.departement = ${CHARGE.departement} and p.statut = 'actif' and r.statut = 'brouillon'
      and r.mois between '2026-01-01' and '2026-10-01'
    group by u.email
    order by count(*) desc, u.email
    limit ${CHARGE.promeneurs}`);
  return r.rows.map((row) => ({ email: row.email, mois: row.mois.split(",") }));
}

type LigneVerifiee = {
  email: string;
  mois: string;
  statut: string;
  version: number;
  nouveaux_jeunes: number;
  file_active: number;
  echanges: number;
  echanges_individuels: number;
  echanges_collectifs: number;
  heures: string;
  fait_marquant: string;
  comptes: Record<string, number> | string | null;
  audits: Array<{ action: string; changes: Record<string, unknown> }> | string | null;
};

const json = <T>(v: T | string | null, vide: T): T => (v === null ? vide : typeof v === "string" ? JSON.parse(v) : v);

/**
 * Reads back, through SQL, each report the promeneurs wrote: every confirmed write must have its
 * audit row (in order, with its totals, and no row without a confirmed write), the version must
 * have moved once per confirmed write, and the report must hold exactly the figures of its last
 * confirmed write (status, totals, every breakdown row).
 */
async function verifierEcritures(
  db: Database,
  suivis: Suivi[],
  auditAvant: string,
): Promise<{ confirmees: number; verifiees: number; soumissions: number; problemes: string[] }> {
  const emails = [...new Set(suivis.map((s) => s.email.toLowerCase()))];
  const r = await db.execute<LigneVerifiee>(sql`
    select lower(u.email) as email, to_char(r.mois, 'YYYY-MM') as mois, r.statut, r.version,
      r.nouveaux_jeunes, r.file_active, r.echanges, r.echanges_individuels, r.echanges_collectifs,
      r.heures_en_ligne::text as heures, r.fait_marquant,
      (select json_object_agg(c.rubrique || '.' || c.code, c.nombre) from rapport_comptes c where c.rapport_id = r.id) as comptes,
      (select json_agg(json_build_object('action', a.action, 'changes', a.changes) order by a.id) from audit_log a
        where a.entity_type = 'rapport' and a.entity_id = r.id::text and a.id > ${auditAvant}::bigint
          and a.action in ('rapport.enregistrer', 'rapport.soumettre')) as audits
    from rapports_mensuels r
    join promeneurs p on p.id = r.promeneur_id
    join users u on u.id = p.user_id
    where lower(u.email) = any(${sql.param(emails)}::text[]) and r.mois between '2026-01-01' and '2026-10-01'`);
  const lignes = new Map(r.rows.map((l) => [`${l.email} ${l.mois}`, l]));
  let confirmees = 0;
  let verifiees = 0;
  let soumissions = 0;
  const problemes: string[] = [];
  for (const s of suivis) {
    confirmees += s.confirmees.length;
    soumissions += s.confirmees.filter((e) => e.intent === "soumettre").length;
    const l = lignes.get(`${s.email.toLowerCase()} ${s.mois}`);
    const qui = `${s.email} ${s.mois}`;
    if (!l) {
      problemes.push(`${qui} : bilan introuvable`);
      continue;
    }
    // Each confirmed write, in order, among the audit rows of the report.
    const audits = json(l.audits, []);
    let suivant = 0;
    let retrouvees = 0;
    let derniereRetrouvee = false;
    for (const e of s.confirmees) {
      const action = e.intent === "soumettre" ? "rapport.soumettre" : "rapport.enregistrer";
      const attendu = totauxDuBilan(e.bilan);
      const i = audits.findIndex(
        (a, j) =>
          j >= suivant && a.action === action && Object.entries(attendu).every(([k, v]) => Number(a.changes[k]) === v),
      );
      derniereRetrouvee = i >= 0;
      if (i >= 0) {
        retrouvees++;
        suivant = i + 1;
      }
    }
    if (retrouvees < s.confirmees.length)
      problemes.push(`${qui} : ${s.confirmees.length - retrouvees} écriture(s) confirmée(s) absente(s) du journal`);
    if (audits.length > s.confirmees.length)
      problemes.push(`${qui} : ${audits.length - s.confirmees.length} écriture(s) en base sans réponse réussie`);
    if (l.version !== s.versionLue + s.confirmees.length)
      problemes.push(`${qui} : version ${l.version}, attendue ${s.versionLue + s.confirmees.length}`);
    // The report holds exactly the last confirmed write.
    const derniere = s.confirmees.at(-1);
    let exacte = true;
    if (derniere) {
      const t = totauxDuBilan(derniere.bilan);
      const comptes = json(l.comptes, {});
      const ecarts = [
        l.statut !== (derniere.intent === "soumettre" ? "soumis" : "brouillon") ? `statut ${l.statut}` : null,
        l.nouveaux_jeunes !== t.nouveauxJeunes ? `nouveaux ${l.nouveaux_jeunes} ≠ ${t.nouveauxJeunes}` : null,
        l.file_active !== t.fileActive ? `file active ${l.file_active} ≠ ${t.fileActive}` : null,
        l.echanges !== t.echanges ? `échanges ${l.echanges} ≠ ${t.echanges}` : null,
        l.echanges_individuels !== t.echangesIndividuels ? "échanges individuels" : null,
        l.echanges_collectifs !== t.echangesCollectifs ? "échanges collectifs" : null,
        Math.round(Number(l.heures) * 10) !== derniere.bilan.heuresDixiemes ? `heures ${l.heures}` : null,
        l.fait_marquant !== "" ? "fait marquant" : null,
        JSON.stringify(Object.entries(comptes).sort()) !== JSON.stringify(Object.entries(derniere.bilan.comptes).sort())
          ? "ventilations"
          : null,
      ].filter(Boolean);
      if (ecarts.length) {
        exacte = false;
        problemes.push(`${qui} : le bilan ne porte pas la dernière écriture confirmée (${ecarts.join(", ")})`);
      }
    }
    // A last write missing from the report is lost once, whether its journal row is there or not.
    verifiees += retrouvees - (exacte || !derniereRetrouvee ? 0 : 1);
  }
  return { confirmees, verifiees, soumissions, problemes };
}

async function chargeSimultanee(cible: Cible): Promise<Mesure[]> {
  const duree = options.dureeCharge;
  console.log(
    `  charge simultanée : ${CHARGE.visiteurs} visiteurs sur l'annuaire public et ${CHARGE.promeneurs} promeneurs qui saisissent leurs bilans, ${duree} s`,
  );
  const { promeneurs, auditAvant } = await avecBase(cible, async (db) => {
    await remettreEnBrouillon(db);
    const max = await db.execute<{ id: string }>(sql`select coalesce(max(id), 0)::text as id from audit_log`);
    return { promeneurs: await promeneursDeLaCharge(db), auditAvant: max.rows[0]?.id ?? "0" };
  });
  if (promeneurs.length < CHARGE.promeneurs)
    throw new Error(`Charge simultanée : ${promeneurs.length} promeneurs du ${CHARGE.departement} ont des brouillons.`);
  const serveur = await demarrerServeur(cible, CHARGE.departement);
  const lectures = nouveauCote();
  const cotes = { ecritures: nouveauCote(), pages: nouveauCote() };
  const suivis: Suivi[] = [];
  const anomalies: string[] = [];
  const pagesEnEchec: string[] = [];
  let run: Awaited<ReturnType<typeof mesurer>>;
  let dureeEcritures = duree;
  try {
    const cookies = await connecterTous(
      serveur.url,
      promeneurs.map((p) => p.email),
    );
    // The paths the visitors take, each read once first (200 expected: the warm-up checks them).
    const parcours = parcoursAnnuaire(await (await fetch(`${serveur.url}/promeneurs`)).text());
    for (const chemin of new Set(parcours)) {
      const r = await appel(lectures, `${serveur.url}${chemin}`);
      if (r?.status !== 200) pagesEnEchec.push(`HTTP ${r?.status ?? "sans réponse"} sur ${chemin}`);
    }
    let suivant = 0;
    const requete: AutocannonRequest = {
      method: "GET",
      setupRequest: (req) => ({ ...req, path: parcours[suivant++ % parcours.length] }),
    };
    const succes = (c: number) => c >= 200 && c < 400;
    const reglages = { connections: CHARGE.visiteurs, timeout: CHARGE.delaiSecondes };
    await mesurer(serveur.url, requete, Math.min(options.warmup, 5), succes, reglages);
    const debut = Date.now();
    const fin = debut + duree * 1000;
    const ecritures = Promise.all(
      promeneurs.map((p, index) =>
        promeneurQuiSaisit(
          serveur.url,
          { ...p, cookie: cookies[index] as string, index },
          fin,
          cotes,
          suivis,
          anomalies,
        ),
      ),
    ).then(() => {
      dureeEcritures = (Date.now() - debut) / 1000;
    });
    [run] = await Promise.all([mesurer(serveur.url, requete, duree, succes, reglages), ecritures]);
  } finally {
    await serveur.arreter();
  }
  const verif = await avecBase(cible, async (db) => {
    const v = await verifierEcritures(db, suivis, auditAvant);
    await remettreEnBrouillon(db);
    return v;
  });

  const annuaire: Mesure = {
    charge: `charge : annuaire (${CHARGE.visiteurs} visiteurs)`,
    statut: "mesure",
    p50: run.p50,
    p99: run.p99,
    rps: run.rps,
    echecs: run.echecs + echecsDe(lectures),
    runs: [run],
    cible: "aucun échec",
    atteinte: null,
    verification: [
      `${coche(pagesEnEchec.length === 0)} ${lectures.latences.length + lectures.erreurs + lectures.delais} pages du parcours lues une fois d'abord (liste, recherches par commune, thème et réseau, profils)`,
      ...pagesEnEchec.slice(0, 5).map((p) => `✗ ${p}`),
      `${coche(run.echecs === 0)} ${run.ok} pages servies pendant la charge (codes ${JSON.stringify(run.codes)}), ${run.erreurs} erreur(s) de connexion, ${run.delais} délai(s) dépassé(s) (${CHARGE.delaiSecondes} s)`,
    ],
    bloquante: true,
  };
  annuaire.atteinte = annuaire.echecs === 0 && pagesEnEchec.length === 0 && run.ok > 0;

  const e = cotes.ecritures;
  const echecs = echecsDe(e) + echecsDe(cotes.pages);
  const pertes = verif.confirmees - verif.verifiees;
  const bilans: Mesure = {
    charge: `charge : bilans (${CHARGE.promeneurs} promeneurs)`,
    statut: "mesure",
    p50: centile(e.latences, 50),
    p99: centile(e.latences, 99),
    rps: e.ok / dureeEcritures,
    echecs,
    runs: [
      {
        p50: centile(e.latences, 50),
        p99: centile(e.latences, 99),
        rps: e.ok / dureeEcritures,
        ok: e.ok,
        echecs,
        codes: e.codes,
      },
    ],
    cible: "aucun échec, aucune écriture perdue",
    atteinte: null,
    verification: [
      `${coche(echecsDe(cotes.pages) === 0)} ${cotes.pages.latences.length} pages du formulaire et de la liste des bilans lues après les redirections (p50 ${ms(centile(cotes.pages.latences, 50))}, p99 ${ms(centile(cotes.pages.latences, 99))}), ${cotes.pages.erreurs + cotes.ecritures.erreurs} erreur(s) de connexion, ${cotes.pages.delais + cotes.ecritures.delais} délai(s) dépassé(s) (${CHARGE.delaiSecondes} s)`,
      `${coche(pertes === 0 && verif.problemes.length === 0)} ${verif.confirmees} écritures confirmées (302), ${verif.verifiees} retrouvées en base (journal dans l'ordre, version, chiffres exacts du dernier état), dont ${verif.soumissions} bilans soumis`,
      ...[...anomalies, ...verif.problemes].slice(0, 10).map((p) => `✗ ${p}`),
      ...(anomalies.length + verif.problemes.length > 10
        ? [`✗ … ${anomalies.length + verif.problemes.length - 10} autre(s)`]
        : []),
    ],
    bloquante: true,
    compteurs: {
      confirmees: verif.confirmees,
      verifiees: verif.verifiees,
      perdues: pertes,
      soumissions: verif.soumissions,
      pages: cotes.pages.latences.length,
      erreurs: cotes.pages.erreurs + cotes.ecritures.erreurs,
      delais: cotes.pages.delais + cotes.ecritures.delais,
    },
  };
  bilans.atteinte = echecs === 0 && e.ok > 0 && pertes === 0 && verif.problemes.length === 0 && anomalies.length === 0;
  afficher(annuaire);
  afficher(bilans);
  return [annuaire, bilans];
}

// ---------------------------------------------------------------- main

async function main() {
  setEnv(parseEnv({ LOG_LEVEL: "warn", NODE_ENV: "production", DEMO: "0" }));
  if (args["sans-construction"] === true) console.log("Construction sautée (--sans-construction) : build/ tel quel.");
  else if (!buildIfStale()) throw new Error("La construction de l'application a échoué.");
  const dossier = path.join(CACHE, `csv-${options.scale}-${options.seed}`);
  genererDonnees(dossier, options.scale, options.seed);
  const attendus = attendusDuCsv(dossier);
  console.log(
    `Banc : ${options.connections} connexions, chauffe ${options.warmup} s, ${options.runs} × ${options.duration} s (médiane), échelle ${options.scale}, graine ${options.seed}`,
  );
  if (options.charges === "toutes" || options.charges === "charge")
    console.log(
      `Charge simultanée : ${CHARGE.visiteurs} visiteurs et ${CHARGE.promeneurs} promeneurs pendant ${options.dureeCharge} s`,
    );
  fs.mkdirSync(RESULTS, { recursive: true });
  const date = new Date().toISOString().slice(0, 16).replace(/[T:]/g, "-");
  const echecsBloquants: string[] = [];
  for (const nom of options.bases) {
    const cible = nom === "pglite" ? pgliteCible() : postgresCible();
    if (typeof cible === "string") {
      console.log(`\n== PostgreSQL ==\n  ${cible}`);
      continue;
    }
    try {
      const mesures = await banc(cible, attendus, dossier);
      const fichier = path.join(RESULTS, `${date}-${nom}.json`);
      fs.writeFileSync(
        fichier,
        `${JSON.stringify({ base: nom, date: new Date().toISOString(), options, mesures }, null, 2)}\n`,
      );
      console.log(`  résultats : ${path.relative(ROOT, fichier)}`);
      for (const m of mesures.filter((m) => m.bloquante && !m.atteinte)) echecsBloquants.push(`${nom} : ${m.charge}`);
    } finally {
      cible.arreter?.();
    }
  }
  if (echecsBloquants.length) {
    console.error(
      `\nÉchec de la charge simultanée (requêtes en échec ou écritures perdues) : ${echecsBloquants.join(" ; ")}`,
    );
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(`Échec du banc : ${messageCourt(error)}`);
  process.exitCode = 1;
});
