import fs from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { auditLog, communes, qpv } from "@db/schema";
import { and, asc, count, eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/server/db.server";
import { countTerritoire } from "./territoire.queries.server";
import { TerritoireImportError } from "./territoire-import.rules";
import { collectTerritoireFiles, importTerritoireFiles } from "./territoire-import.server";

const DATA = path.resolve(process.cwd(), "../shared/data/territoire-04");

let tmp: string;
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "pdn-territoire-"));
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

async function importFrom(...args: string[]) {
  const { files } = await collectTerritoireFiles(args);
  return importTerritoireFiles(getDb(), files);
}

async function rejection(run: () => Promise<unknown>): Promise<TerritoireImportError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof TerritoireImportError) return error;
    throw error;
  }
  throw new Error("aucune erreur levée");
}

async function territoireState() {
  const db = getDb();
  const rows = await db
    .select({
      code: communes.code,
      frr: communes.frrStatut,
      zrr: communes.zrrStatut,
      contour: communes.contour,
      importeLe: communes.territoireImporteLe,
    })
    .from(communes)
    .where(eq(communes.departement, "04"))
    .orderBy(asc(communes.code));
  const quartiers = await db.select().from(qpv).orderBy(asc(qpv.code));
  return { rows, quartiers };
}

async function countImportAudits(): Promise<number> {
  const [row] = await getDb().select({ n: count() }).from(auditLog).where(eq(auditLog.action, "territoire.importer"));
  return row?.n ?? 0;
}

async function countFrr(statut: string): Promise<number> {
  const [row] = await getDb()
    .select({ n: count() })
    .from(communes)
    .where(and(eq(communes.departement, "04"), eq(communes.frrStatut, statut)));
  return row?.n ?? 0;
}

describe("import du territoire", () => {
  it("ne change rien quand un fichier du dossier est mal formé", async () => {
    const folder = path.join(tmp, "mal-forme");
    await fs.mkdir(folder);
    await fs.copyFile(path.join(DATA, "frr-zrr-communes-04.csv"), path.join(folder, "frr.csv"));
    const geojson = await fs.readFile(path.join(DATA, "communes-04.geojson"), "utf8");
    await fs.writeFile(path.join(folder, "communes.geojson"), geojson.slice(0, 20_000));
    const before = await territoireState();

    const error = await rejection(() => importFrom(folder));

    expect(error.message).toBe(
      `${path.join(folder, "communes.geojson")} : JSON illisible (fichier tronqué ou mal formé).`,
    );
    expect(await territoireState()).toEqual(before);
    expect(await countFrr("frr_plus")).toBe(0);
    expect(await countImportAudits()).toBe(0);
  });

  it("refuse un dossier introuvable et un fichier nommé qui n'est pas du territoire", async () => {
    expect((await rejection(() => importFrom(path.join(tmp, "absent")))).message).toBe(
      `Dossier ou fichier introuvable : ${path.join(tmp, "absent")}`,
    );
    const named = await rejection(() => importFrom(path.join(DATA, "communes-04.csv")));
    expect(named.message).toMatch(
      /communes-04\.csv : contenu non reconnu \(CSV sans colonne statut_frr… ni code_qpv\)/,
    );
    const empty = path.join(tmp, "vide");
    await fs.mkdir(empty);
    expect((await rejection(() => importFrom(empty))).message).toMatch(/^Aucun fichier de territoire reconnu dans /);
    expect(await countImportAudits()).toBe(0);
  });

  it("importe les 58 communes FRR+, les 140 FRR socle, les 3 QPV et les 198 contours du 04", async () => {
    const collected = await collectTerritoireFiles([DATA]);
    expect(collected.files.map((f) => [path.basename(f.source), f.parsed.kind])).toEqual([
      ["communes-04.geojson", "contours"],
      ["frr-zrr-communes-04.csv", "frr"],
      ["qpv-2024-04.csv", "qpv"],
    ]);
    expect(collected.ignored.map((f) => path.basename(f.source))).toEqual(["SOURCES.md", "communes-04.csv"]);

    const report = await importTerritoireFiles(getDb(), collected.files);

    expect(report.frr).toMatchObject({ lignes: 198, frrPlus: 58, frrSocle: 140, misesAJour: 198, inconnues: 0 });
    expect(report.qpv).toMatchObject({ lignes: 3, ajoutes: 3, modifies: 0, inconnues: 0 });
    expect(report.contours).toMatchObject({ lignes: 198, misesAJour: 198, inconnues: 0 });
    expect(report.departements).toEqual(["04"]);
    expect(await countFrr("frr_plus")).toBe(58);
    expect(await countFrr("frr_socle")).toBe(140);
    const db = getDb();
    const [withContour] = await db
      .select({ n: count() })
      .from(communes)
      .where(and(eq(communes.departement, "04"), isNotNull(communes.contour)));
    expect(withContour?.n).toBe(198);
    expect(await db.select().from(qpv).where(eq(qpv.departement, "04")).orderBy(asc(qpv.code))).toEqual([
      { code: "QN00401M", nom: "Centre Ville - Pigeonnier", communeCode: "04070", departement: "04" },
      { code: "QN00402M", nom: "Quartier Est", communeCode: "04112", departement: "04" },
      { code: "QN00403M", nom: "Quartier Ouest", communeCode: "04112", departement: "04" },
    ]);
    const [aiglun] = await db.select().from(communes).where(eq(communes.code, "04001"));
    expect(aiglun).toMatchObject({ nom: "Aiglun", frrStatut: "frr_plus", zrrStatut: "C" });
    expect(aiglun?.contour).toMatchObject({ type: "Polygon" });
    expect(aiglun?.territoireImporteLe).toBeInstanceOf(Date);
    // Names come from the COG, never from the GeoJSON (which says « Brillanne »).
    const [brillanne] = await db.select({ nom: communes.nom }).from(communes).where(eq(communes.code, "04034"));
    expect(brillanne?.nom).toBe("La Brillanne");
    expect(await countTerritoire(db, "04")).toMatchObject({
      frrPlus: 58,
      frrSocle: 140,
      frrImported: true,
      withBoundary: 198,
      qpv: 3,
      dernierImport: expect.any(Date),
    });
  });

  it("écrit une ligne au journal d'audit avec les comptes", async () => {
    const [row] = await getDb().select().from(auditLog).where(eq(auditLog.action, "territoire.importer"));
    expect(row).toMatchObject({
      actorLabel: "import du territoire",
      actorUserId: null,
      entityType: "territoire",
      departement: "04",
    });
    expect(row?.changes).toMatchObject({
      frr: { frrPlus: 58, frrSocle: 140 },
      qpv: { ajoutes: 3 },
      contours: { misesAJour: 198 },
    });
  });

  it("ne change rien à un second import identique (idempotent), mais le trace", async () => {
    const before = await territoireState();

    const report = await importFrom(DATA);

    expect(report.frr?.misesAJour).toBe(0);
    expect(report.qpv).toMatchObject({ ajoutes: 0, modifies: 0 });
    expect(report.contours?.misesAJour).toBe(0);
    expect(await territoireState()).toEqual(before);
    expect(await countImportAudits()).toBe(2);
  });

  it("signale les codes de commune inconnus sans échouer et met à jour les autres", async () => {
    const file = path.join(tmp, "frr-modifie.csv");
    await fs.writeFile(
      file,
      "code_insee;statut_frr_dgcl_juillet_2025\n04001;FRR socle\n99001;FRR+\n99002;FRR+\n",
      "utf8",
    );
    const qpvFile = path.join(tmp, "qpv-modifie.csv");
    await fs.writeFile(
      qpvFile,
      "code_qpv,nom_qpv,code_insee_commune\nQN00401M,Centre-ville – Pigeonnier,04070\nQN99901M,Quartier fictif,99001\n",
    );

    const report = await importFrom(file, qpvFile);

    expect(report.frr).toMatchObject({ lignes: 3, misesAJour: 1, inconnues: 2, exemplesInconnues: ["99001", "99002"] });
    expect(report.qpv).toMatchObject({
      lignes: 2,
      ajoutes: 0,
      modifies: 1,
      inconnues: 1,
      exemplesInconnues: ["99001"],
    });
    const [aiglun] = await getDb().select().from(communes).where(eq(communes.code, "04001"));
    // A file without a ZRR column keeps the stored ZRR status.
    expect(aiglun).toMatchObject({ frrStatut: "frr_socle", zrrStatut: "C" });
    const [centre] = await getDb().select().from(qpv).where(eq(qpv.code, "QN00401M"));
    expect(centre?.nom).toBe("Centre-ville – Pigeonnier");
    expect(await getDb().select().from(qpv).where(eq(qpv.code, "QN99901M"))).toEqual([]);
  });
});

describe("import depuis une adresse web", () => {
  let server: http.Server;
  let base: string;
  const files: Record<string, string> = {
    "/frr": "frr-zrr-communes-04.csv",
    "/quartiers": "qpv-2024-04.csv",
    "/contours.json": "communes-04.geojson",
    "/liste.csv": "communes-04.csv",
  };

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      const url = request.url ?? "/";
      if (url === "/lent") return; // never answers
      const name = files[url];
      if (!name) {
        response.writeHead(404, { "content-type": "text/plain" }).end("introuvable");
        return;
      }
      fs.readFile(path.join(DATA, name)).then(
        (body) => response.writeHead(200, { "content-type": "application/octet-stream" }).end(body),
        () => response.writeHead(500).end(),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("télécharge les fichiers et les reconnaît par leur contenu", async () => {
    const collected = await collectTerritoireFiles([`${base}/frr`, `${base}/quartiers`, `${base}/contours.json`]);
    expect(collected.files.map((f) => [f.source, f.parsed.kind, f.parsed.rows.length])).toEqual([
      [`${base}/frr`, "frr", 198],
      [`${base}/quartiers`, "qpv", 3],
      [`${base}/contours.json`, "contours", 198],
    ]);
    const report = await importTerritoireFiles(getDb(), collected.files);
    expect(report.frr).toMatchObject({ frrPlus: 58, frrSocle: 140, inconnues: 0 });
    expect(await countFrr("frr_plus")).toBe(58);
    expect(await countFrr("frr_socle")).toBe(140);
  });

  it("explique en français une adresse qui répond 404, trop lente ou injoignable", async () => {
    expect((await rejection(() => collectTerritoireFiles([`${base}/absent.csv`]))).message).toBe(
      `Téléchargement impossible de ${base}/absent.csv : le serveur a répondu 404 Not Found.`,
    );
    expect((await rejection(() => collectTerritoireFiles([`${base}/lent`], { timeoutMs: 300 }))).message).toBe(
      `Téléchargement impossible de ${base}/lent : pas de réponse au bout de 0,3 s.`,
    );
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect((await rejection(() => collectTerritoireFiles([`http://127.0.0.1:${port}/frr.csv`]))).message).toBe(
      `Téléchargement impossible de http://127.0.0.1:${port}/frr.csv : connexion refusée.`,
    );
  });

  it("refuse une adresse dont le contenu n'est pas reconnu", async () => {
    expect((await rejection(() => collectTerritoireFiles([`${base}/liste.csv`]))).message).toMatch(
      /liste\.csv : contenu non reconnu/,
    );
  });
});
