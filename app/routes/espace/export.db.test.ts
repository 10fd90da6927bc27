import { auditLog, promeneurTerritoires } from "@db/schema";
import { parse } from "csv-parse/sync";
import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { entetes } from "~/domain/import/import.columns";
import { jourParis } from "~/domain/import/import.rules";
import { previewImport } from "~/domain/import/import.server";
import { getDb } from "~/server/db.server";
import { insertPromeneur } from "../../../tests/factories/promeneur";
import { insertStructure } from "../../../tests/factories/structure";
import { insertActor, insertCoordination } from "../../../tests/support/acteurs";
import { contextFor, getRequest, outcome } from "../../../tests/support/route";
import { loader } from "./export.$liste";

const run = (actor: Actor | null, liste: string, query = "") =>
  loader({
    request: getRequest(`/espace/export/${liste}${query}`),
    context: contextFor(actor),
    params: { liste },
  } as never) as Promise<Response>;

const download = (actor: Actor | null, liste: string, query = "") => outcome(() => run(actor, liste, query));

function rowsOf(csv: string): Record<string, string>[] {
  return parse(csv.replace(/^\uFEFF/, ""), { delimiter: ";", columns: true });
}

let coordinator04: Actor;
let coordinator05: Actor;
let national: Actor;
let structureNom: string;
let promeneurEmail: string;

beforeAll(async () => {
  const db = getDb();
  ({ coordinateur04: coordinator04, coordinateur05: coordinator05, national } = await insertCoordination(db));
  structureNom = `=Maison des jeunes ${Date.now().toString(36)}`;
  const structure = await insertStructure(db, {
    nom: structureNom,
    type: "accueil_jeunes",
    communeCode: "04112",
    codePostal: "04100",
    telephone: "+33 4 92 00 00 00",
    charteSigneeLe: new Date("2024-01-14T23:00:00.000Z"),
    charteSignataire: "Marie Durand",
  });
  await insertStructure(db, { nom: "Structure du 05 à ne pas exporter", departement: "05", communeCode: "05061" });
  promeneurEmail = `export-${Date.now().toString(36)}@essai.pdn.fr`;
  const promeneur = await insertPromeneur(db, {
    structureId: structure.id,
    email: promeneurEmail,
    prenom: "Noé",
    nom: "Exporté",
    nomPublic: "Noé, animateur",
    heuresHebdomadaires: 2.5,
    statut: "actif",
    proposeLe: new Date("2024-01-01T10:00:00.000Z"),
    charteSigneeLe: new Date("2024-01-31T23:00:00.000Z"),
    formationInitialeLe: new Date("2024-02-14T23:00:00.000Z"),
    entreeLe: new Date("2024-02-29T23:00:00.000Z"),
  });
  await db.insert(promeneurTerritoires).values([
    { promeneurId: promeneur.id, communeCode: "04070" },
    { promeneurId: promeneur.id, communeCode: "04112" },
  ]);
});

describe("export CSV", () => {
  it("exporte les structures du département avec les colonnes de l'import, en UTF-8 avec BOM et « ; »", async () => {
    const response = await run(coordinator04, "structures", "?format=csv");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe(
      `attachment; filename="structures-04-${jourParis(new Date())}.csv"`,
    );
    const text = await response.text();
    // Response.text() drops the BOM: read the bytes to see it.
    const bytes = new Uint8Array(await (await run(coordinator04, "structures")).arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.split("\r\n")[0]).toBe(entetes("structures").join(";"));
    const rows = rowsOf(text);
    expect(rows.find((r) => r.nom === `'${structureNom}`)).toEqual({
      nom: `'${structureNom}`,
      type: "Accueil ados, espace jeunes, maison des jeunes",
      siret: "",
      adresse: "",
      code_postal: "04100",
      commune: "04112",
      telephone: "'+33 4 92 00 00 00",
      email: "",
      charte_signee_le: "15/01/2024",
      charte_signataire: "Marie Durand",
      statut: "active",
    });
    expect(rows.map((r) => r.nom)).not.toContain("Structure du 05 à ne pas exporter");
  });

  it("exporte les promeneurs avec leurs dates, heures et communes, et écrit l'export au journal", async () => {
    const text = await (await run(coordinator04, "promeneurs", "?format=csv")).text();
    expect(text.split("\r\n")[0]).toBe(entetes("promeneurs").join(";"));
    expect(rowsOf(text).find((r) => r.email === promeneurEmail)).toMatchObject({
      prenom: "Noé",
      nom: "Exporté",
      structure: `'${structureNom}`,
      heures_hebdomadaires: "2,5",
      statut: "actif",
      nom_public: "Noé, animateur",
      charte_signee_le: "01/02/2024",
      formation_initiale_le: "15/02/2024",
      entree_le: "01/03/2024",
      sortie_le: "",
      communes: "04070|04112",
    });
    const [audit] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "reseau.exporter"), eq(auditLog.actorUserId, coordinator04.userId)))
      .orderBy(desc(auditLog.at));
    expect(audit).toMatchObject({ departement: "04", entityType: "reseau" });
    expect(audit?.changes).toMatchObject({ kind: "promeneurs", format: "csv" });
  });

  it("produit un fichier que l'import relit : seules les lignes déjà présentes sont signalées", async () => {
    for (const kind of ["structures", "promeneurs"] as const) {
      const bytes = new Uint8Array(await (await run(coordinator04, kind, "?format=csv")).arrayBuffer());
      const analyse = await previewImport(getDb(), "04", kind, bytes);
      expect(analyse.total).toBeGreaterThan(0);
      expect(analyse.lignes).toEqual([]);
      // One error per line, and only "already exists": every other column was read back as valid.
      expect(analyse.erreurs).toHaveLength(analyse.total);
      for (const erreur of analyse.erreurs) {
        expect(erreur.colonne).toBe(kind === "structures" ? "nom" : "email");
        expect(erreur.message).toMatch(
          kind === "structures" ? /existe déjà dans le département 04/ : /est déjà celle d'un promeneur du réseau/,
        );
      }
    }
  });
});

describe("export XLSX", () => {
  it("s'ouvre avec exceljs, en-tête en gras et figé, valeurs en texte", async () => {
    const response = await run(coordinator04, "structures", "?format=xlsx");
    expect(response.headers.get("Content-Type")).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    expect(response.headers.get("Content-Disposition")).toMatch(/filename="structures-04-\d{4}-\d{2}-\d{2}\.xlsx"/);
    const { default: ExcelJS } = await import("exceljs");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.worksheets[0];
    expect(sheet).toBeDefined();
    if (!sheet) return;
    const header = sheet.getRow(1);
    expect((header.values as unknown[]).slice(1)).toEqual(entetes("structures"));
    expect(header.font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const rows: string[][] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) rows.push((row.values as string[]).slice(1));
    });
    // In a workbook a value is never a formula: the name keeps its "=" without the apostrophe.
    expect(rows.find((r) => r[0] === structureNom)?.[5]).toBe("04112");
  });
});

describe("modèles", () => {
  it("donne l'en-tête et une ligne d'exemple que l'import accepte", async () => {
    const structuresCsv = await (await run(coordinator04, "modele-structures")).text();
    const lines = structuresCsv.trim().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(entetes("structures").join(";"));
    const encoder = new TextEncoder();
    const structures = await previewImport(getDb(), "04", "structures", encoder.encode(structuresCsv));
    expect(structures.erreurs).toEqual([]);
    expect(structures.lignes).toHaveLength(1);

    await insertStructure(getDb(), { nom: "Centre social La Marelle" });
    const promeneursCsv = await (await run(coordinator04, "modele-promeneurs")).text();
    const promeneurs = await previewImport(getDb(), "04", "promeneurs", encoder.encode(promeneursCsv));
    expect(promeneurs.erreurs).toEqual([]);
    expect(promeneurs.lignes).toHaveLength(1);
  });

  it("nomme le modèle sans date ni département", async () => {
    const response = await run(coordinator04, "modele-promeneurs", "?format=xlsx");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="modele-promeneurs.xlsx"');
  });
});

describe("export : permissions et paramètres", () => {
  it.each(["copil", "referent", "promeneur"] as const)("répond 403 au rôle %s", async (role) => {
    const structure = await insertStructure(getDb());
    const actor = await insertActor(getDb(), { role, departement: "04", structureId: structure.id });
    expect((await download(actor, "structures")).status).toBe(403);
    expect((await download(actor, "promeneurs", "?format=xlsx")).status).toBe(403);
  });

  it("répond 404 au coordinateur du 05 qui demande le 04, et ne lui donne que le 05", async () => {
    expect((await download(coordinator05, "promeneurs", "?departement=04")).status).toBe(404);
    expect((await download(coordinator05, "structures", "?departement=04&format=xlsx")).status).toBe(404);
    const own = await download(coordinator05, "structures");
    expect(own.status).toBe(200);
    expect(own.data).toContain("Structure du 05 à ne pas exporter");
    expect(own.data).not.toContain(structureNom.slice(1));
  });

  it("laisse un utilisateur national exporter le département demandé", async () => {
    const result = await download(national, "structures", "?departement=05");
    expect(result.status).toBe(200);
    expect(result.headers.get("Content-Disposition")).toMatch(/structures-05-/);
  });

  it("répond 404 à une liste inconnue et 400 à un format inconnu", async () => {
    expect((await download(coordinator04, "budget")).status).toBe(404);
    expect((await download(coordinator04, "structures", "?format=pdf")).status).toBe(400);
  });

  it("renvoie un visiteur non connecté vers la connexion", async () => {
    expect((await download(null, "structures")).status).toBe(302);
  });
});
