import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { appels, candidaturePieces, candidatures, fichiers, structures } from "@db/schema";
import { count, eq } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { insertAppel, insertCandidature, insertPiece } from "../../tests/factories/appel";
import { insertStructure } from "../../tests/factories/structure";
import { withDatabase } from "../../tests/setup/global-db";
import { type Database, type DatabaseHandle, openPglite, openPostgres } from "./db.server";
import { parseEnv } from "./env.server";
import { creerSauvegarde, restaurerSauvegarde, SauvegardeError } from "./sauvegarde.server";
import { StockageDisque } from "./stockage.server";

// One round trip per suite: on the embedded database (a data directory loaded from the golden copy),
// or, when the suite runs on PostgreSQL, between two databases created on that server.
const golden = inject("golden");
let racine: string;
const basesCreees: string[] = [];

async function nouvelleBasePostgres(template?: string): Promise<string> {
  if (golden.kind !== "postgres") throw new Error("PostgreSQL seulement");
  const nom = `pdn_sv_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: golden.url });
  await admin.connect();
  await admin.query(`create database ${nom}${template ? ` template ${template}` : ""}`);
  await admin.end();
  basesCreees.push(nom);
  return withDatabase(golden.url, nom);
}

/** The configuration of one deployment: its DATA_DIR and, on PostgreSQL, a database of its own. */
async function deploiement(nom: string, options: { vide?: boolean } = {}) {
  const dataDir = path.join(racine, nom);
  await fs.mkdir(dataDir, { recursive: true });
  if (golden.kind === "postgres") {
    const url = await nouvelleBasePostgres(options.vide ? undefined : golden.template);
    return { dataDir, url, env: parseEnv({ DATA_DIR: dataDir, DATABASE_URL: url, LOG_LEVEL: "silent" }) };
  }
  if (!options.vide) {
    const handle = await openPglite({
      dataDir: path.join(dataDir, "pglite"),
      loadDataDir: new Blob([await fs.readFile(golden.file)]),
    });
    await handle.close();
  }
  return { dataDir, url: undefined, env: parseEnv({ DATA_DIR: dataDir, LOG_LEVEL: "silent" }) };
}

async function ouvrir(cible: { dataDir: string; url?: string }): Promise<DatabaseHandle> {
  return cible.url ? openPostgres(cible.url, { max: 2 }) : openPglite({ dataDir: path.join(cible.dataDir, "pglite") });
}

async function comptes(db: Database) {
  const n = async (
    table: typeof structures | typeof appels | typeof candidatures | typeof candidaturePieces | typeof fichiers,
  ) => (await db.select({ n: count() }).from(table))[0]?.n;
  return {
    structures: await n(structures),
    appels: await n(appels),
    candidatures: await n(candidatures),
    pieces: await n(candidaturePieces),
    fichiers: await n(fichiers),
  };
}

/** Every file under a directory with its size and modification time: "nothing changed" means equal. */
async function empreinte(dir: string): Promise<string[]> {
  const lignes: string[] = [];
  for (const entree of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
    const chemin = path.join(entree.parentPath, entree.name);
    const etat = await fs.stat(chemin);
    lignes.push(`${path.relative(dir, chemin)} ${etat.size} ${etat.mtimeMs}`);
  }
  return lignes.sort();
}

const sha256 = (octets: Buffer) => createHash("sha256").update(octets).digest("hex");

beforeAll(async () => {
  racine = await fs.mkdtemp(path.join(os.tmpdir(), "pdn-sauvegarde-"));
});

afterAll(async () => {
  await fs.rm(racine, { recursive: true, force: true });
  if (golden.kind === "postgres" && basesCreees.length > 0) {
    const admin = new pg.Client({ connectionString: golden.url });
    await admin.connect();
    for (const nom of basesCreees) await admin.query(`drop database if exists ${nom} with (force)`);
    await admin.end();
  }
});

describe(`sauvegarde et restauration (${golden.kind === "postgres" ? "PostgreSQL" : "PGlite"})`, () => {
  let archive: string;
  let restauree: Awaited<ReturnType<typeof deploiement>>;

  it("restaure dans un lieu neuf la base et les fichiers, à l'identique", async () => {
    // The source: a structure, an application with an uploaded document (on disk), a photo (in the
    // database) and a mail of the local outbox.
    const source = await deploiement("source");
    const document = Buffer.concat([Buffer.from("%PDF-1.4\n"), randomBytes(40_000), Buffer.from("\n%%EOF\n")]);
    const handle = await ouvrir(source);
    let avant: Awaited<ReturnType<typeof comptes>>;
    let piece: typeof candidaturePieces.$inferSelect;
    try {
      const db = handle.db;
      await insertStructure(db, { nom: "Maison des jeunes de Sisteron" });
      const appel = await insertAppel(db, { titre: "Appel à sauvegarder" });
      const candidature = await insertCandidature(db, appel);
      piece = await insertPiece(db, new StockageDisque(path.join(source.dataDir, "candidatures")), candidature.id, {
        contenu: document,
      });
      const photo = randomBytes(2_000);
      await db.insert(fichiers).values({
        departement: "04",
        nom: "photo.webp",
        typeMime: "image/webp",
        taille: photo.length,
        sha256: sha256(photo),
        contenu: photo,
      });
      avant = await comptes(db);
    } finally {
      await handle.close();
    }
    await fs.mkdir(path.join(source.dataDir, "outbox"));
    await fs.writeFile(path.join(source.dataDir, "outbox", "2026-12-01-essai.json"), '{"to":"a@exemple.fr"}\n');

    const sauvegarde = await creerSauvegarde(source.env, { dossier: path.join(racine, "sauvegardes") });
    archive = sauvegarde.archive;
    expect(path.basename(archive)).toMatch(/^pdn-sauvegarde-\d{8}T\d{6}Z-(pglite|postgres)\.tar\.gz$/);
    expect((await fs.stat(archive)).mode & 0o777).toBe(0o600);
    expect(sauvegarde.manifeste.base.migrations.derniere).toMatch(/^\d{4}_/);
    expect(sauvegarde.manifeste.fichiers.map((f) => f.chemin)).toEqual(
      expect.arrayContaining([`candidatures/${piece.cle.slice(0, 2)}/${piece.cle}`, "outbox/2026-12-01-essai.json"]),
    );

    restauree = await deploiement("restauree", { vide: true });
    const resultat = await restaurerSauvegarde(restauree.env, archive);
    expect(resultat.remplace).toBe(false);

    const chemin = path.join(restauree.dataDir, "candidatures", piece.cle.slice(0, 2), piece.cle);
    const octets = await fs.readFile(chemin);
    expect(octets.equals(document)).toBe(true);
    expect(sha256(octets)).toBe(piece.sha256);
    expect((await fs.stat(chemin)).mode & 0o777).toBe(0o600);
    expect(await fs.readFile(path.join(restauree.dataDir, "outbox", "2026-12-01-essai.json"), "utf8")).toContain(
      "a@exemple.fr",
    );
    const apres = await ouvrir(restauree);
    try {
      expect(await comptes(apres.db)).toEqual(avant);
      const [ligne] = await apres.db.select().from(candidaturePieces).where(eq(candidaturePieces.id, piece.id));
      expect(ligne).toEqual(piece);
      const [structure] = await apres.db
        .select({ nom: structures.nom })
        .from(structures)
        .where(eq(structures.nom, "Maison des jeunes de Sisteron"));
      expect(structure).toBeDefined();
    } finally {
      await apres.close();
    }
  });

  it("refuse une archive corrompue, sans rien changer à la cible", async () => {
    const avant = await empreinte(restauree.dataDir);
    const abimee = path.join(racine, "abimee.tar.gz");
    const octets = await fs.readFile(archive);
    octets.fill(0x55, Math.floor(octets.length / 2), Math.floor(octets.length / 2) + 64);
    await fs.writeFile(abimee, octets);
    await expect(restaurerSauvegarde(restauree.env, abimee, { ecraser: true })).rejects.toThrow(
      /L'archive abimee\.tar\.gz est illisible ou corrompue : rien n'a été restauré\./,
    );

    // A well-formed archive whose document no longer matches the manifest's checksum.
    const deballee = path.join(racine, "deballee");
    await fs.mkdir(deballee);
    execFileSync("tar", ["-xzf", archive, "-C", deballee]);
    const [document] = (await fs.readdir(path.join(deballee, "candidatures"), { recursive: true })).filter((f) =>
      /[0-9a-f]{64}$/.test(f),
    );
    await fs.appendFile(path.join(deballee, "candidatures", document as string), "modifié");
    const falsifiee = path.join(racine, "falsifiee.tar.gz");
    execFileSync("tar", ["-czf", falsifiee, "-C", deballee, "."]);
    await expect(restaurerSauvegarde(restauree.env, falsifiee, { ecraser: true })).rejects.toThrow(
      /ne correspond pas à sa somme de contrôle\. Rien n'a été restauré\./,
    );

    expect(await empreinte(restauree.dataDir)).toEqual(avant);
    expect((await fs.readdir(restauree.dataDir)).filter((nom) => nom.startsWith("."))).toEqual([]);
  });

  it("demande --ecraser pour remplacer une cible qui contient des données, et refuse une application en marche", async () => {
    await expect(restaurerSauvegarde(restauree.env, archive)).rejects.toThrow(
      /La cible n'est pas vide .* relancez avec --ecraser/,
    );
    if (restauree.url) {
      const app = openPostgres(restauree.url, { max: 1 });
      try {
        await app.ping();
        await expect(restaurerSauvegarde(restauree.env, archive, { ecraser: true })).rejects.toThrow(
          /L'application est connectée à cette base/,
        );
      } finally {
        await app.close();
      }
    } else {
      // A live process other than this one holds the embedded database's lock.
      const verrou = path.join(restauree.dataDir, "pglite.lock");
      await fs.writeFile(verrou, String(process.ppid));
      try {
        await expect(restaurerSauvegarde(restauree.env, archive, { ecraser: true })).rejects.toThrow(
          /est déjà ouverte par le processus/,
        );
      } finally {
        await fs.rm(verrou, { force: true });
      }
    }
    const resultat = await restaurerSauvegarde(restauree.env, archive, { ecraser: true });
    expect(resultat.remplace).toBe(true);
  });

  it("refuse une sauvegarde d'une autre sorte de base", async () => {
    const autre =
      golden.kind === "postgres"
        ? parseEnv({ DATA_DIR: path.join(racine, "autre"), LOG_LEVEL: "silent" })
        : parseEnv({ DATA_DIR: path.join(racine, "autre"), DATABASE_URL: "postgres://x@127.0.0.1:1/x" });
    const refus = await restaurerSauvegarde(autre, archive).catch((error: unknown) => error);
    expect(refus).toBeInstanceOf(SauvegardeError);
    expect((refus as Error).message).toMatch(/^Cette sauvegarde vient de .* : restauration refusée\.$/);
  });
});
