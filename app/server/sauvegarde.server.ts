/**
 * Backups (issue 10): one `.tar.gz` holding the database, the files the app keeps on disk under
 * DATA_DIR (applications' documents, the local outbox) and a manifest (format, date, database kind
 * and version, migration level, row counts, a SHA-256 per file). See docs/decisions/012.
 *
 * - PGlite: the data directory as PGlite dumps it (`dumpDataDir`), taken under the directory's lock:
 *   the app must be stopped (a running app holds the lock and the backup says so).
 * - PostgreSQL: `pg_dump --format=custom` inside an exported snapshot, in which the row counts of the
 *   manifest are read too: consistent while the app runs.
 *
 * A restore checks the whole archive (names, sizes, checksums, kind, migration level) before it
 * touches anything, refuses a non-empty target without `ecraser`, refuses a running app (PGlite's
 * lock; on PostgreSQL, connections of the app), and replaces database and files together.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, type Dirent, existsSync, openAsBlob, readdirSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import pg from "pg";
import { z } from "~/lib/zod";
import { acquireDataDirLock, type Database, MIGRATIONS_FOLDER, openPglite } from "./db.server";
import type { Env } from "./env.server";

/** The directories of DATA_DIR that hold what the database points to (the database is dumped apart). */
export const DOSSIERS_FICHIERS = ["candidatures", "outbox"] as const;
export const FORMAT_SAUVEGARDE = "pdn-sauvegarde";
export const VERSION_FORMAT = 1;
const MANIFESTE = "manifeste.json";
const FICHIER_BASE = { pglite: "base/pglite.tar", postgres: "base/postgres.dump" } as const;
const PREFIXE_ARCHIVE = "pdn-sauvegarde-";
const NOM_APPLICATION = "promeneurs-du-net";

/** A clear refusal: the command prints the message alone and exits non-zero. */
export class SauvegardeError extends Error {}

type TypeBase = "pglite" | "postgres";

const manifesteSchema = z.object({
  format: z.literal(FORMAT_SAUVEGARDE),
  version: z.number().int(),
  creeeLe: z.string(),
  base: z.object({
    type: z.enum(["pglite", "postgres"]),
    fichier: z.string(),
    versionServeur: z.number().int(),
    migrations: z.object({ nombre: z.number().int().min(0), derniere: z.string().nullable() }),
    lignes: z.record(z.string(), z.number().int().min(0)),
  }),
  fichiers: z.array(z.object({ chemin: z.string(), taille: z.number().int().min(0), sha256: z.string() })),
});
export type Manifeste = z.infer<typeof manifesteSchema>;

// ——— Helpers ———————————————————————————————————————————————————————————————————————————————

async function sha256Fichier(chemin: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const morceau of createReadStream(chemin)) hash.update(morceau as Buffer);
  return hash.digest("hex");
}

/** Every regular file under `racine`, as paths relative to it with `/`; anything else is refused. */
async function listerFichiers(racine: string, prefixe = ""): Promise<string[]> {
  const sortie: string[] = [];
  let entrees: Dirent[];
  try {
    entrees = await fs.readdir(path.join(racine, prefixe), { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  for (const entree of entrees.sort((a, b) => a.name.localeCompare(b.name))) {
    const relatif = prefixe ? `${prefixe}/${entree.name}` : entree.name;
    if (entree.isDirectory()) sortie.push(...(await listerFichiers(racine, relatif)));
    else if (entree.isFile()) sortie.push(relatif);
    else throw new SauvegardeError(`${relatif} n'est ni un fichier ni un dossier : refusé.`);
  }
  return sortie;
}

function executer(
  commande: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; entree?: (stdin: NodeJS.WritableStream) => Promise<void> } = {},
): Promise<void> {
  return new Promise((resolve, reject) => {
    const enfant = spawn(commande, args, { env: options.env, stdio: ["pipe", "ignore", "pipe"] });
    let erreurs = "";
    enfant.stderr.on("data", (morceau: Buffer) => {
      if (erreurs.length < 4000) erreurs += morceau.toString("utf8");
    });
    enfant.once("error", (error) => reject(new Error(`${path.basename(commande)} : ${error.message}`)));
    enfant.once("close", (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(commande)} a échoué (code ${code}) : ${erreurs.trim().split("\n")[0]}`));
    });
    if (options.entree)
      options.entree(enfant.stdin).catch((error) => {
        enfant.kill();
        reject(error);
      });
    else enfant.stdin.end();
  });
}

/** `tar` of the system (GNU tar on Debian). */
const tar = (args: string[]) => executer("tar", args);

/**
 * The system's `tar` packs, Node's zlib compresses at level 1: three times faster than gzip's
 * default for a tenth more bytes (a PGlite directory is ~65 Mo, ~13 Mo compressed).
 */
async function ecrireTarGz(fichier: string, racine: string, membres: string[]): Promise<void> {
  const enfant = spawn("tar", ["-cf", "-", "-C", racine, ...membres], { stdio: ["ignore", "pipe", "pipe"] });
  let erreurs = "";
  enfant.stderr.on("data", (morceau: Buffer) => {
    erreurs += morceau.toString("utf8");
  });
  const fin = new Promise<void>((resolve, reject) => {
    enfant.once("error", reject);
    enfant.once("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`tar a échoué (code ${code}) : ${erreurs.trim().split("\n")[0]}`)),
    );
  });
  await Promise.all([
    pipeline(enfant.stdout, createGzip({ level: 1 }), createWriteStream(fichier, { mode: 0o600 })),
    fin,
  ]);
}

/**
 * The PostgreSQL client tools: the newest of Debian's /usr/lib/postgresql/<n>/bin (pg_dump must be
 * at least the server's major version), else the PATH.
 */
export function outilPostgres(nom: "pg_dump" | "pg_restore" | "psql"): string {
  const racine = "/usr/lib/postgresql";
  const versions = existsSync(racine)
    ? readdirSync(racine)
        .filter((v) => /^\d+$/.test(v) && existsSync(path.join(racine, v, "bin", nom)))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  return versions[0] ? path.join(racine, versions[0], "bin", nom) : nom;
}

/** The URL without its password, and an environment for the tools carrying it (never on the command line). */
function connexionOutils(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const motDePasse = decodeURIComponent(u.password);
  u.password = "";
  // biome-ignore lint/style/noProcessEnv: the PostgreSQL tools inherit the environment (PATH, PG*), plus the password.
  const env: NodeJS.ProcessEnv = { ...process.env, PGAPPNAME: `${NOM_APPLICATION}-sauvegarde` };
  if (motDePasse) env.PGPASSWORD = motDePasse;
  return { url: u.toString(), env };
}

type Migration = { tag: string; when: number };

async function journalMigrations(): Promise<Migration[]> {
  const journal = JSON.parse(await fs.readFile(path.join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8")) as {
    entries: Migration[];
  };
  return journal.entries;
}

type Requeteur = (texte: string) => Promise<Record<string, unknown>[]>;

/** Migration level, server version and the row count of every table, read through one connection. */
async function etatBase(
  requete: Requeteur,
): Promise<Manifeste["base"]["migrations"] & { versionServeur: number; lignes: Record<string, number> }> {
  const [version] = await requete("select current_setting('server_version_num')::int as v");
  const tables = await requete(
    "select table_schema as s, table_name as t from information_schema.tables where table_type = 'BASE TABLE' and table_schema in ('public', 'drizzle') order by 1, 2",
  );
  const lignes: Record<string, number> = {};
  for (const { s, t } of tables as { s: string; t: string }[]) {
    const [ligne] = await requete(`select count(*)::int as n from "${s}"."${t.replaceAll('"', '""')}"`);
    lignes[s === "public" ? t : `${s}.${t}`] = Number(ligne?.n ?? 0);
  }
  let nombre = 0;
  let derniere: string | null = null;
  if ("drizzle.__drizzle_migrations" in lignes) {
    const [etat] = await requete(
      "select count(*)::int as n, max(created_at)::text as quand from drizzle.__drizzle_migrations",
    );
    nombre = Number(etat?.n ?? 0);
    const quand = etat?.quand == null ? null : Number(etat.quand);
    derniere = (await journalMigrations()).find((m) => m.when === quand)?.tag ?? (quand ? String(quand) : null);
  }
  return { nombre, derniere, versionServeur: Number(version?.v ?? 0), lignes };
}

function requeteurDrizzle(db: Database): Requeteur {
  return async (texte) => (await db.execute<Record<string, unknown>>(sql.raw(texte))).rows;
}

function requeteurPg(client: pg.Client): Requeteur {
  return async (texte) => (await client.query(texte)).rows;
}

function horodatage(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}Z$/, "Z");
}

// ——— Backup ————————————————————————————————————————————————————————————————————————————————

export type ResultatSauvegarde = { archive: string; manifeste: Manifeste; supprimees: string[] };

/**
 * Writes `<dossier>/pdn-sauvegarde-<date>-<kind>.tar.gz` (0600) from the configured database and
 * DATA_DIR. With `garder`, keeps only that many archives of this name in `dossier` (oldest removed).
 */
export async function creerSauvegarde(
  env: Env,
  options: { dossier: string; garder?: number; maintenant?: Date },
): Promise<ResultatSauvegarde> {
  const maintenant = options.maintenant ?? new Date();
  const type: TypeBase = env.DATABASE_URL ? "postgres" : "pglite";
  const dossier = path.resolve(options.dossier);
  await fs.mkdir(dossier, { recursive: true, mode: 0o700 });
  const travail = await fs.mkdtemp(path.join(dossier, `.${PREFIXE_ARCHIVE}`));
  try {
    await fs.mkdir(path.join(travail, "base"));
    const fichierBase = path.join(travail, FICHIER_BASE[type]);
    const etat =
      type === "postgres"
        ? await dumpPostgres(env.DATABASE_URL as string, fichierBase)
        : await dumpPglite(path.join(env.dataDir, "pglite"), fichierBase);

    // The files after the database: a file is written before the row that points to it, so every
    // row of the dump finds its file. Hard links keep each file as it is now (the app only ever
    // adds new files and removes old ones; it never rewrites one).
    const copies: string[] = [];
    for (const nomDossier of DOSSIERS_FICHIERS) {
      for (const relatif of await listerFichiers(path.join(env.dataDir, nomDossier))) {
        if (relatif.endsWith(".part") || relatif.endsWith(".tmp")) continue; // a write in progress
        const source = path.join(env.dataDir, nomDossier, relatif);
        const cible = path.join(travail, nomDossier, relatif);
        await fs.mkdir(path.dirname(cible), { recursive: true });
        try {
          await fs.link(source, cible);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === "ENOENT") continue; // removed since listed
          if (code !== "EXDEV" && code !== "EPERM") throw error;
          await fs.copyFile(source, cible);
        }
        copies.push(`${nomDossier}/${relatif}`);
      }
    }

    const fichiers: Manifeste["fichiers"] = [];
    for (const chemin of [FICHIER_BASE[type], ...copies]) {
      const complet = path.join(travail, chemin);
      fichiers.push({ chemin, taille: (await fs.stat(complet)).size, sha256: await sha256Fichier(complet) });
    }
    const manifeste: Manifeste = {
      format: FORMAT_SAUVEGARDE,
      version: VERSION_FORMAT,
      creeeLe: maintenant.toISOString(),
      base: {
        type,
        fichier: FICHIER_BASE[type],
        versionServeur: etat.versionServeur,
        migrations: { nombre: etat.nombre, derniere: etat.derniere },
        lignes: etat.lignes,
      },
      fichiers,
    };
    await fs.writeFile(path.join(travail, MANIFESTE), `${JSON.stringify(manifeste, null, 2)}\n`);

    const archive = path.join(dossier, `${PREFIXE_ARCHIVE}${horodatage(maintenant)}-${type}.tar.gz`);
    const partielle = path.join(travail, "archive.tar.gz");
    const membres = [MANIFESTE, "base", ...DOSSIERS_FICHIERS.filter((d) => existsSync(path.join(travail, d)))];
    await ecrireTarGz(partielle, travail, membres);
    await fs.rename(partielle, archive);
    const supprimees = options.garder ? await appliquerRetention(dossier, options.garder) : [];
    return { archive, manifeste, supprimees };
  } finally {
    await fs.rm(travail, { recursive: true, force: true });
  }
}

async function dumpPglite(dataDir: string, fichier: string) {
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    throw new SauvegardeError(`Aucune base embarquée dans ${dataDir} : rien à sauvegarder.`);
  }
  let handle: Awaited<ReturnType<typeof openPglite>>;
  try {
    handle = await openPglite({ dataDir });
  } catch (error) {
    throw new SauvegardeError(
      `${(error as Error).message} La base embarquée se sauvegarde application arrêtée (quelques secondes) : voir « Exploitation » dans le README.`,
    );
  }
  try {
    const etat = await etatBase(requeteurDrizzle(handle.db));
    const client = (handle.db as unknown as { $client: PGlite }).$client;
    await client.query("checkpoint");
    const dump = await client.dumpDataDir("none");
    const sortie = createWriteStream(fichier, { mode: 0o600 });
    await new Promise<void>((resolve, reject) => {
      sortie.once("error", reject);
      void dump.arrayBuffer().then((octets) => sortie.end(Buffer.from(octets), () => resolve()), reject);
    });
    return etat;
  } finally {
    await handle.close();
  }
}

/** pg_dump inside a snapshot exported by a transaction that also counts the rows: one instant. */
async function dumpPostgres(url: string, fichier: string) {
  const client = new pg.Client({ connectionString: url, application_name: `${NOM_APPLICATION}-sauvegarde` });
  await client.connect();
  try {
    await client.query("begin transaction isolation level repeatable read read only");
    const [instantane] = (await client.query("select pg_export_snapshot() as id")).rows as { id: string }[];
    const etat = await etatBase(requeteurPg(client));
    const outils = connexionOutils(url);
    await executer(
      outilPostgres("pg_dump"),
      [
        "--format=custom",
        "--no-owner",
        "--no-privileges",
        `--snapshot=${instantane?.id}`,
        `--file=${fichier}`,
        `--dbname=${outils.url}`,
      ],
      { env: outils.env },
    ).catch((error: Error) => {
      const conseil = /version mismatch/.test(error.message)
        ? " Installez les outils clients PostgreSQL de la version du serveur (ou plus récents)."
        : "";
      throw new SauvegardeError(`${error.message}${conseil}`);
    });
    await client.query("commit");
    return etat;
  } finally {
    await client.end();
  }
}

async function appliquerRetention(dossier: string, garder: number): Promise<string[]> {
  const archives = (await fs.readdir(dossier))
    .filter((nom) => nom.startsWith(PREFIXE_ARCHIVE) && nom.endsWith(".tar.gz"))
    .sort();
  const aSupprimer = archives.slice(0, Math.max(0, archives.length - garder));
  for (const nom of aSupprimer) await fs.rm(path.join(dossier, nom), { force: true });
  return aSupprimer.map((nom) => path.join(dossier, nom));
}

// ——— Reading and checking an archive ————————————————————————————————————————————————————————

const NOM_AUTORISE =
  /^(manifeste\.json|base\/?|base\/(pglite\.tar|postgres\.dump)|(candidatures|outbox)(\/[A-Za-z0-9._-]+)*\/?)$/;

/**
 * Unpacks `archive` into `travail` and checks it whole: the names it holds, the manifest, every
 * file's size and SHA-256, nothing more and nothing less. Throws SauvegardeError otherwise.
 */
export async function lireSauvegarde(archive: string, travail: string): Promise<Manifeste> {
  const nom = path.basename(archive);
  if (!existsSync(archive)) throw new SauvegardeError(`L'archive ${archive} n'existe pas.`);
  const corrompue = () => new SauvegardeError(`L'archive ${nom} est illisible ou corrompue : rien n'a été restauré.`);
  const liste = await listerArchive(archive).catch(() => {
    throw corrompue();
  });
  const interdit = liste.find((membre) => !NOM_AUTORISE.test(membre) || membre.split("/").includes(".."));
  if (interdit !== undefined) {
    throw new SauvegardeError(
      `L'archive ${nom} contient « ${interdit.slice(0, 120)} », qui n'a rien à y faire : refusée.`,
    );
  }
  if (!liste.includes(MANIFESTE)) {
    throw new SauvegardeError(`L'archive ${nom} n'est pas une sauvegarde de la plateforme (pas de ${MANIFESTE}).`);
  }
  await tar(["-xzf", archive, "-C", travail, "--no-same-owner", "--no-same-permissions"]).catch(() => {
    throw corrompue();
  });

  let manifeste: Manifeste;
  try {
    const brut = JSON.parse(await fs.readFile(path.join(travail, MANIFESTE), "utf8")) as {
      format?: unknown;
      version?: unknown;
    };
    if (brut.format === FORMAT_SAUVEGARDE && typeof brut.version === "number" && brut.version > VERSION_FORMAT) {
      throw new SauvegardeError(
        `L'archive ${nom} est au format ${brut.version}, plus récent que celui de cette version de l'application (${VERSION_FORMAT}) : mettez l'application à jour.`,
      );
    }
    manifeste = manifesteSchema.parse(brut);
  } catch (error) {
    if (error instanceof SauvegardeError) throw error;
    throw new SauvegardeError(`Le manifeste de l'archive ${nom} est illisible : ce n'est pas une sauvegarde valide.`);
  }
  if (manifeste.base.fichier !== FICHIER_BASE[manifeste.base.type]) throw corrompue();

  const presents = new Set([...(await listerFichiers(travail))].filter((f) => f !== MANIFESTE));
  const attendus = new Set(manifeste.fichiers.map((f) => f.chemin));
  if (!attendus.has(manifeste.base.fichier)) throw corrompue();
  for (const fichier of manifeste.fichiers) {
    const complet = path.join(travail, fichier.chemin);
    if (!presents.has(fichier.chemin)) {
      throw new SauvegardeError(`L'archive ${nom} est incomplète : ${fichier.chemin} manque. Rien n'a été restauré.`);
    }
    const taille = (await fs.stat(complet)).size;
    if (taille !== fichier.taille || (await sha256Fichier(complet)) !== fichier.sha256) {
      throw new SauvegardeError(
        `L'archive ${nom} est corrompue : ${fichier.chemin} ne correspond pas à sa somme de contrôle. Rien n'a été restauré.`,
      );
    }
  }
  const enTrop = [...presents].find((f) => !attendus.has(f));
  if (enTrop) throw new SauvegardeError(`L'archive ${nom} contient ${enTrop}, absent du manifeste : refusée.`);
  for (const dossier of DOSSIERS_FICHIERS) await restreindre(path.join(travail, dossier));

  const journal = await journalMigrations();
  const { nombre, derniere } = manifeste.base.migrations;
  if (nombre > journal.length || (derniere !== null && !journal.some((m) => m.tag === derniere))) {
    throw new SauvegardeError(
      `L'archive ${nom} vient d'une version plus récente de l'application (migration ${derniere ?? "?"}, ${nombre} migrations ; celle-ci en connaît ${journal.length}) : restaurez-la avec cette version-là.`,
    );
  }
  return manifeste;
}

/** As the store makes them: directories 0700, files 0600 (readable by the server only). */
async function restreindre(chemin: string): Promise<void> {
  const etat = await fs.lstat(chemin).catch(() => null);
  if (!etat) return;
  if (etat.isDirectory()) {
    await fs.chmod(chemin, 0o700);
    for (const nom of await fs.readdir(chemin)) await restreindre(path.join(chemin, nom));
  } else if (etat.isFile()) await fs.chmod(chemin, 0o600);
}

async function listerArchive(archive: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const enfant = spawn("tar", ["-tzf", archive], { stdio: ["ignore", "pipe", "ignore"] });
    let sortie = "";
    enfant.stdout.on("data", (morceau: Buffer) => {
      sortie += morceau.toString("utf8");
    });
    enfant.once("error", reject);
    enfant.once("close", (code) => {
      if (code === 0)
        resolve(
          sortie
            .split("\n")
            .map((ligne) => ligne.replace(/^\.\//, ""))
            .filter((ligne) => ligne !== "" && ligne !== "."),
        );
      else reject(new Error(`tar ${code}`));
    });
  });
}

// ——— Restore ———————————————————————————————————————————————————————————————————————————————

export type ResultatRestauration = { manifeste: Manifeste; remplace: boolean; verifieSeulement: boolean };

/**
 * Restores `archive` into the configured database and DATA_DIR. `verifier` only checks the archive;
 * `ecraser` allows replacing a database or files that are not empty.
 */
export async function restaurerSauvegarde(
  env: Env,
  archive: string,
  options: { ecraser?: boolean; verifier?: boolean } = {},
): Promise<ResultatRestauration> {
  const type: TypeBase = env.DATABASE_URL ? "postgres" : "pglite";
  await fs.mkdir(env.dataDir, { recursive: true });
  const travail = await fs.mkdtemp(path.join(env.dataDir, ".restauration-"));
  let liberer = () => {};
  try {
    const pgliteDir = path.join(env.dataDir, "pglite");
    // Taken first (a running app is refused at once), and even on PostgreSQL: it keeps a local app
    // from starting on DATA_DIR while its files are replaced.
    if (!options.verifier) liberer = acquireDataDirLock(pgliteDir);
    const extrait = path.join(travail, "archive");
    await fs.mkdir(extrait);
    const manifeste = await lireSauvegarde(path.resolve(archive), extrait);
    if (options.verifier) return { manifeste, remplace: false, verifieSeulement: true };
    if (manifeste.base.type !== type) {
      const noms = { pglite: "la base embarquée (PGlite)", postgres: "PostgreSQL" };
      throw new SauvegardeError(
        `Cette sauvegarde vient de ${noms[manifeste.base.type]} ; la configuration désigne ${noms[type]} : restauration refusée.`,
      );
    }

    const fichiersPresents = (
      await Promise.all(DOSSIERS_FICHIERS.map((d) => listerFichiers(path.join(env.dataDir, d))))
    ).flat().length;

    let remplace = fichiersPresents > 0;
    if (type === "pglite") {
      remplace ||= existsSync(pgliteDir) && (await fs.readdir(pgliteDir)).length > 0;
      if (remplace && !options.ecraser) throw refusNonVide(env.dataDir);
      await chargerPglite(manifeste, path.join(extrait, manifeste.base.fichier), path.join(travail, "pglite"));
      await remplacerDossiers(
        env.dataDir,
        extrait,
        travail,
        ["pglite", ...DOSSIERS_FICHIERS],
        path.join(travail, "pglite"),
      );
    } else {
      const url = env.DATABASE_URL as string;
      const baseNonVide = await verifierCiblePostgres(url);
      remplace ||= baseNonVide;
      if (remplace && !options.ecraser) throw refusNonVide(env.dataDir, true);
      await restaurerPostgres(url, path.join(extrait, manifeste.base.fichier), baseNonVide);
      const etat = await lireEtatPostgres(url);
      verifierLignes(manifeste, etat.lignes);
      await remplacerDossiers(env.dataDir, extrait, travail, [...DOSSIERS_FICHIERS]);
    }
    return { manifeste, remplace, verifieSeulement: false };
  } finally {
    liberer();
    await fs.rm(travail, { recursive: true, force: true });
  }
}

function refusNonVide(dataDir: string, postgres = false): SauvegardeError {
  return new SauvegardeError(
    `La cible n'est pas vide (${postgres ? "la base PostgreSQL ou " : ""}${dataDir} contient déjà des données) : relancez avec --ecraser pour la remplacer par la sauvegarde.`,
  );
}

function verifierLignes(manifeste: Manifeste, lignes: Record<string, number>): void {
  for (const [table, attendu] of Object.entries(manifeste.base.lignes)) {
    if (lignes[table] !== attendu) {
      throw new SauvegardeError(
        `Après restauration, la table ${table} compte ${lignes[table] ?? 0} lignes au lieu de ${attendu} : restauration à vérifier.`,
      );
    }
  }
}

/** Loads the dumped data directory into `cible` (a new directory) and checks what it holds. */
async function chargerPglite(manifeste: Manifeste, fichier: string, cible: string): Promise<void> {
  let client: PGlite;
  try {
    client = await PGlite.create({ dataDir: cible, loadDataDir: await openAsBlob(fichier) });
  } catch (error) {
    throw new SauvegardeError(
      `La base de l'archive ne s'ouvre pas avec cette version de PGlite (PostgreSQL ${Math.floor(manifeste.base.versionServeur / 10000)} dans l'archive) : ${(error as Error).message}`,
    );
  }
  try {
    const requete: Requeteur = async (texte) => (await client.query<Record<string, unknown>>(texte)).rows;
    const [version] = await requete("select current_setting('server_version_num')::int as v");
    const majeure = (n: number) => Math.floor(n / 10000);
    if (majeure(Number(version?.v)) !== majeure(manifeste.base.versionServeur)) {
      throw new SauvegardeError(
        `L'archive vient de PostgreSQL ${majeure(manifeste.base.versionServeur)}, cette version de PGlite embarque PostgreSQL ${majeure(Number(version?.v))} : restauration refusée.`,
      );
    }
    verifierLignes(manifeste, (await etatBase(requete)).lignes);
  } finally {
    await client.close();
  }
}

/**
 * Puts the restored directories in place of DATA_DIR's: each current one is moved aside, then the
 * new one moved in (same file system: renames), then the old ones removed. `base` is the new
 * pglite directory when there is one; the others come from the archive (absent: empty).
 */
async function remplacerDossiers(
  dataDir: string,
  extrait: string,
  travail: string,
  noms: string[],
  base?: string,
): Promise<void> {
  const anciens = path.join(travail, "anciens");
  await fs.mkdir(anciens);
  const deplaces: string[] = [];
  const poses: string[] = [];
  try {
    for (const nom of noms) {
      const actuel = path.join(dataDir, nom);
      if (existsSync(actuel)) {
        await fs.rename(actuel, path.join(anciens, nom));
        deplaces.push(nom);
      }
      const nouveau = nom === "pglite" && base ? base : path.join(extrait, nom);
      if (existsSync(nouveau)) {
        await fs.rename(nouveau, actuel);
        poses.push(nom);
      }
    }
  } catch (error) {
    // Put back what was there: the target stays as it was.
    for (const nom of poses) await fs.rm(path.join(dataDir, nom), { recursive: true, force: true });
    for (const nom of deplaces) await fs.rename(path.join(anciens, nom), path.join(dataDir, nom));
    throw error;
  }
}

/** Refuses a database the app is connected to; tells whether it holds any table. */
async function verifierCiblePostgres(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, application_name: `${NOM_APPLICATION}-sauvegarde` });
  await client.connect();
  try {
    const { rows: connexions } = await client.query<{ n: number }>(
      "select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and application_name = $1",
      [NOM_APPLICATION],
    );
    if ((connexions[0]?.n ?? 0) > 0) {
      throw new SauvegardeError(
        `L'application est connectée à cette base (${connexions[0]?.n} connexions) : arrêtez toutes ses instances avant de restaurer.`,
      );
    }
    const { rows } = await client.query<{ n: number }>(
      "select count(*)::int as n from pg_class c join pg_namespace s on s.oid = c.relnamespace where c.relkind in ('r', 'p', 'v', 'm', 'S') and s.nspname not in ('pg_catalog', 'information_schema') and s.nspname not like 'pg_toast%'",
    );
    return (rows[0]?.n ?? 0) > 0;
  } finally {
    await client.end();
  }
}

async function lireEtatPostgres(url: string) {
  const client = new pg.Client({ connectionString: url, application_name: `${NOM_APPLICATION}-sauvegarde` });
  await client.connect();
  try {
    return await etatBase(requeteurPg(client));
  } finally {
    await client.end();
  }
}

/**
 * pg_restore writes the dump as SQL into psql, in one transaction that first empties the
 * database when asked: a failure leaves the database as it was.
 */
async function restaurerPostgres(url: string, fichier: string, vider: boolean): Promise<void> {
  const outils = connexionOutils(url);
  await executer(outilPostgres("pg_restore"), ["--list", fichier], { env: outils.env }).catch((error) => {
    throw new SauvegardeError(`Le dump PostgreSQL de l'archive ne se lit pas : ${(error as Error).message}`);
  });
  const preambule = vider
    ? "drop schema if exists drizzle cascade;\ndrop schema if exists public cascade;\ncreate schema public;\n"
    : "";
  await executer(
    outilPostgres("psql"),
    ["--no-psqlrc", "--quiet", "--single-transaction", "--set=ON_ERROR_STOP=1", "--file=-", `--dbname=${outils.url}`],
    {
      env: outils.env,
      entree: (stdin) =>
        new Promise<void>((resolve, reject) => {
          stdin.write(preambule);
          const restore = spawn(outilPostgres("pg_restore"), ["--no-owner", "--no-privileges", "--file=-", fichier], {
            env: outils.env,
            stdio: ["ignore", "pipe", "pipe"],
          });
          let erreurs = "";
          restore.stderr.on("data", (morceau: Buffer) => {
            erreurs += morceau.toString("utf8");
          });
          restore.stdout.pipe(stdin);
          restore.once("error", reject);
          restore.once("close", (code) =>
            code === 0 ? resolve() : reject(new Error(`pg_restore a échoué (code ${code}) : ${erreurs.trim()}`)),
          );
        }),
    },
  ).catch((error) => {
    throw new SauvegardeError(
      `La restauration PostgreSQL a échoué, la base est inchangée : ${(error as Error).message}`,
    );
  });
}
