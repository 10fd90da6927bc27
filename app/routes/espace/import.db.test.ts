import { auditLog, promeneurs, promeneurTerritoires, structures } from "@db/schema";
import { and, count, desc, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { entetes } from "~/domain/import/import.columns";
import type { ImportErreur } from "~/domain/import/import.rules";
import { flashContext } from "~/server/context.server";
import { getDb } from "~/server/db.server";
import { insertPromeneur } from "../../../tests/factories/promeneur";
import { insertStructure } from "../../../tests/factories/structure";
import { insertActor, insertCoordination } from "../../../tests/support/acteurs";
import { contextFor, getRequest, outcome } from "../../../tests/support/route";
import { action, loader } from "./import";

type Resultat = {
  total: number;
  valides: number;
  nombreErreurs: number;
  lignesEnErreur: number;
  erreurs: ImportErreur[];
  intent: string;
};
type ActionData = { kind: string | null; fieldErrors?: Record<string, string>; resultat?: Resultat };

let stamp = 0;
const unique = (prefix: string) => `${prefix} ${Date.now().toString(36)}-${++stamp}`;

function multipart(fields: Record<string, string>, file?: { name: string; content: string | Uint8Array<ArrayBuffer> }) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (file) form.append("fichier", new File([file.content], file.name, { type: "text/csv" }));
  return new Request("http://localhost:3000/espace/import", { method: "POST", body: form });
}

function post(
  actor: Actor | null,
  fields: Record<string, string>,
  file?: { name: string; content: string | Uint8Array<ArrayBuffer> },
) {
  const context = contextFor(actor);
  return {
    context,
    result: outcome(() => action({ request: multipart(fields, file), context, params: {} } as never)),
  };
}

const load = (actor: Actor | null, path = "/espace/import") =>
  outcome(() => loader({ request: getRequest(path), context: contextFor(actor), params: {} } as never));

async function counts(departement = "04") {
  const db = getDb();
  const [s] = await db.select({ n: count() }).from(structures).where(eq(structures.departement, departement));
  const [p] = await db.select({ n: count() }).from(promeneurs).where(eq(promeneurs.departement, departement));
  const [a] = await db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, "reseau.importer"));
  return { structures: s?.n, promeneurs: p?.n, audits: a?.n };
}

const PROMENEUR_HEADER = entetes("promeneurs").join(";");
const STRUCTURE_HEADER = entetes("structures").join(";");

/** A promeneur line in the import's column order. */
function promeneurLine(structure: string, email: string, overrides: Record<string, string> = {}) {
  const values: Record<string, string> = {
    prenom: "Camille",
    nom: "Import",
    email,
    telephone: "06 12 34 56 78",
    fonction: "Éducatrice",
    structure,
    heures_hebdomadaires: "3,5",
    statut: "actif",
    nom_public: "Camille, éducatrice",
    charte_signee_le: "01/02/2024",
    formation_initiale_le: "15/02/2024",
    entree_le: "01/03/2024",
    communes: "04070|Manosque",
    ...overrides,
  };
  return entetes("promeneurs")
    .map((h) => values[h] ?? "")
    .join(";");
}

function structureLine(nom: string, overrides: Record<string, string> = {}) {
  const values: Record<string, string> = {
    nom,
    type: "Centre social",
    commune: "Digne-les-Bains",
    code_postal: "04000",
    email: "contact@essai.pdn.fr",
    charte_signee_le: "2024-01-15",
    charte_signataire: "Marie Durand",
    ...overrides,
  };
  return entetes("structures")
    .map((h) => values[h] ?? "")
    .join(";");
}

let coordinator04: Actor;
let coordinator05: Actor;
let national: Actor;

beforeAll(async () => {
  ({ coordinateur04: coordinator04, coordinateur05: coordinator05, national } = await insertCoordination(getDb()));
});

/** The audit rows of one record (its history). */
async function historyOf(entityType: string, entityId: string) {
  return getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, entityId)));
}

describe("import : cent lignes valides et une mauvaise", () => {
  it("nomme la ligne 57 et la colonne « email », puis n'écrit rien à l'import", async () => {
    const structure = await insertStructure(getDb(), { nom: unique("Structure cent lignes") });
    const prefix = unique("cent").replace(/\W/g, "");
    const lines = Array.from({ length: 101 }, (_, i) => promeneurLine(structure.nom, `${prefix}-${i}@essai.pdn.fr`));
    // Line 57 of the spreadsheet is the 56th data line (the header is line 1).
    lines[55] = promeneurLine(structure.nom, "jean@");
    const file = { name: "promeneurs.csv", content: [PROMENEUR_HEADER, ...lines].join("\r\n") };
    const before = await counts();

    const preview = await post(coordinator04, { departement: "04", kind: "promeneurs", intent: "verifier" }, file)
      .result;
    expect(preview.status).toBe(200);
    const resultat = (preview.data as ActionData).resultat as Resultat;
    expect(resultat).toMatchObject({ intent: "verifier", total: 101, valides: 100, nombreErreurs: 1 });
    expect(resultat.erreurs).toEqual([
      {
        ligne: 57,
        colonne: "email",
        message: "Saisissez une adresse e-mail valide, par exemple prenom.nom@structure.fr.",
      },
    ]);
    expect(await counts()).toEqual(before);

    const applied = await post(coordinator04, { departement: "04", kind: "promeneurs", intent: "importer" }, file)
      .result;
    expect(applied.status).toBe(400);
    expect((applied.data as ActionData).resultat?.erreurs).toEqual(resultat.erreurs);
    expect(await counts()).toEqual(before);
  });

  it("n'écrit aucune structure quand une seule ligne sur cent est fausse", async () => {
    const names = Array.from({ length: 100 }, () => unique("Structure lot"));
    const lines = names.map((nom) => structureLine(nom));
    lines.splice(55, 0, structureLine(unique("Structure fausse"), { commune: "Atlantis" }));
    const before = await counts();
    const applied = await post(
      coordinator04,
      { departement: "04", kind: "structures", intent: "importer" },
      { name: "structures.csv", content: [STRUCTURE_HEADER, ...lines].join("\n") },
    ).result;
    expect(applied.status).toBe(400);
    expect((applied.data as ActionData).resultat?.erreurs).toEqual([
      { ligne: 57, colonne: "commune", message: "Aucune commune du département 04 ne correspond à « Atlantis »." },
    ]);
    expect(await counts()).toEqual(before);
    expect(await getDb().select().from(structures).where(inArray(structures.nom, names))).toEqual([]);
  });
});

describe("import : fichier valide", () => {
  it("enregistre toutes les structures, leur historique et une ligne de journal, puis revient avec un message", async () => {
    const nomA = unique("Centre importé");
    const nomB = unique("Espace jeunes importé");
    const before = await counts();
    const { context, result } = post(
      coordinator04,
      { departement: "04", kind: "structures", intent: "importer" },
      {
        name: "structures.csv",
        content: `\uFEFF${[STRUCTURE_HEADER, structureLine(nomA), structureLine(nomB, { type: "accueil_jeunes", commune: "04112", code_postal: "04100", statut: "inactive" })].join("\n")}`,
      },
    );
    const reply = await result;
    expect(reply).toMatchObject({ status: 302, location: "/espace/import?departement=04" });
    expect(context.get(flashContext).next).toBe("Import terminé : 2 structures ajoutées.");
    const after = await counts();
    expect(after.structures).toBe((before.structures ?? 0) + 2);
    expect(after.audits).toBe((before.audits ?? 0) + 1);

    const rows = await getDb()
      .select()
      .from(structures)
      .where(inArray(structures.nom, [nomA, nomB]));
    const a = rows.find((r) => r.nom === nomA);
    const b = rows.find((r) => r.nom === nomB);
    expect(a).toMatchObject({
      departement: "04",
      type: "centre_social",
      communeCode: "04070",
      codePostal: "04000",
      statut: "active",
      charteSignataire: "Marie Durand",
    });
    expect(a?.charteSigneeLe?.toISOString()).toBe("2024-01-14T23:00:00.000Z");
    expect(b).toMatchObject({ type: "accueil_jeunes", communeCode: "04112", statut: "inactive" });

    const [audit] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "reseau.importer"), eq(auditLog.actorUserId, coordinator04.userId)))
      .orderBy(desc(auditLog.at));
    expect(audit).toMatchObject({ departement: "04", entityType: "reseau" });
    expect(audit?.changes).toMatchObject({ kind: "structures", fichier: "structures.csv", structures: 2 });

    // Each structure's history starts with its import.
    const [history] = await historyOf("structure", a?.id as string);
    expect(history).toMatchObject({
      action: "structure.importer",
      actorUserId: coordinator04.userId,
      departement: "04",
      requestId: "test",
    });
    expect(history?.changes).toMatchObject({
      nom: { avant: null, apres: nomA },
      communeCode: { avant: null, apres: "04070" },
      charteSigneeLe: { avant: null, apres: "2024-01-14T23:00:00.000Z" },
      fichier: "structures.csv",
    });
    expect(await historyOf("structure", b?.id as string)).toHaveLength(1);
  });

  it("enregistre les promeneurs proposés par le coordinateur, avec leurs dates, territoire et adresse publique", async () => {
    const structure = await insertStructure(getDb(), { nom: unique("Structure des promeneurs") });
    const emailA = `${unique("a").replace(/\W/g, "")}@essai.pdn.fr`;
    const emailB = `${unique("b").replace(/\W/g, "")}@essai.pdn.fr`;
    const file = {
      name: "promeneurs.csv",
      content: [
        PROMENEUR_HEADER,
        promeneurLine(structure.nom.toUpperCase(), emailA),
        promeneurLine(structure.nom, emailB, {
          statut: "proposé",
          nom_public: "Camille, éducatrice",
          charte_signee_le: "",
          formation_initiale_le: "",
          entree_le: "",
          communes: "",
        }),
      ].join("\n"),
    };
    const before = await counts();
    const { context, result } = post(
      coordinator04,
      { departement: "04", kind: "promeneurs", intent: "importer" },
      file,
    );
    expect((await result).status).toBe(302);
    expect(context.get(flashContext).next).toBe("Import terminé : 2 promeneurs ajoutés (2 territoires).");
    expect((await counts()).audits).toBe((before.audits ?? 0) + 1);

    const rows = await getDb()
      .select()
      .from(promeneurs)
      .where(inArray(promeneurs.email, [emailA, emailB]));
    const a = rows.find((r) => r.email === emailA);
    const b = rows.find((r) => r.email === emailB);
    expect(a).toMatchObject({
      departement: "04",
      structureId: structure.id,
      statut: "actif",
      proposePar: coordinator04.userId,
      heuresHebdomadaires: 3.5,
      nomPublic: "Camille, éducatrice",
      fonction: "Éducatrice",
    });
    expect(a?.proposeLe.toISOString()).toBe("2024-01-31T23:00:00.000Z");
    expect(a?.entreeLe?.toISOString()).toBe("2024-02-29T23:00:00.000Z");
    expect(b).toMatchObject({ statut: "propose", entreeLe: null });
    // The public address as the proposal form makes it: public name, then the structure's commune.
    expect(a?.slug).toMatch(/^camille-educatrice-digne-les-bains(-\d+)?$/);
    expect(b?.slug).toMatch(/^camille-educatrice-digne-les-bains(-\d+)?$/);
    expect(a?.slug).not.toBe(b?.slug);
    const [history] = await historyOf("promeneur", a?.id as string);
    expect(history).toMatchObject({ action: "promeneur.importer", actorUserId: coordinator04.userId });
    expect(history?.changes).toMatchObject({
      email: { avant: null, apres: emailA },
      statut: { avant: null, apres: "actif" },
      slug: { avant: null, apres: a?.slug },
      communes: { avant: null, apres: "04070, 04112" },
      fichier: "promeneurs.csv",
    });
    expect(await historyOf("promeneur", b?.id as string)).toHaveLength(1);
    const territoires = await getDb()
      .select()
      .from(promeneurTerritoires)
      .where(eq(promeneurTerritoires.promeneurId, a?.id as string));
    expect(territoires.map((t) => t.communeCode).sort()).toEqual(["04070", "04112"]);

    // The same file again: every line now conflicts with the database, nothing more is written.
    const again = await post(coordinator04, { departement: "04", kind: "promeneurs", intent: "importer" }, file).result;
    expect(again.status).toBe(400);
    expect((again.data as ActionData).resultat?.erreurs.map((e) => [e.ligne, e.colonne])).toEqual([
      [2, "email"],
      [3, "email"],
    ]);
    expect((await counts()).promeneurs).toBe((before.promeneurs ?? 0) + 2);
  });

  it("refuse l'adresse d'un promeneur en activité dans un autre département, pas celle d'un promeneur sorti", async () => {
    const structure = await insertStructure(getDb(), { nom: unique("Structure des adresses") });
    const ailleurs = await insertPromeneur(getDb(), { departement: "05", statut: "actif" });
    const parti = await insertPromeneur(getDb(), { statut: "sorti" });
    const file = {
      name: "promeneurs.csv",
      content: [
        PROMENEUR_HEADER,
        promeneurLine(structure.nom, ailleurs.email.toUpperCase()),
        promeneurLine(structure.nom, parti.email),
      ].join("\n"),
    };
    const reply = await post(coordinator04, { departement: "04", kind: "promeneurs", intent: "verifier" }, file).result;
    expect((reply.data as ActionData).resultat?.erreurs).toEqual([
      {
        ligne: 2,
        colonne: "email",
        message: `L'adresse « ${ailleurs.email} » est déjà celle d'un promeneur du réseau.`,
      },
    ]);
  });

  it("ne compte pas la ligne d'en-tête ni le fichier comme des lignes en erreur", async () => {
    for (const content of ["", `${STRUCTURE_HEADER}\n`, "nom;siret\nA;1"]) {
      const reply = await post(
        coordinator04,
        { departement: "04", kind: "structures", intent: "verifier" },
        { name: "s.csv", content },
      ).result;
      const resultat = (reply.data as ActionData).resultat;
      expect(resultat?.nombreErreurs).toBeGreaterThan(0);
      expect(resultat?.lignesEnErreur).toBe(0);
    }
  });

  it("lit un fichier Windows-1252 séparé par des virgules", async () => {
    const nom = unique("Maison des jeunes de Mézel");
    const text = `Nom,Type,Commune\n"${nom}",Centre social,Mézel\n`;
    const bytes = new Uint8Array([...text].map((c) => c.charCodeAt(0)));
    const reply = await post(
      coordinator04,
      { departement: "04", kind: "structures", intent: "verifier" },
      { name: "excel.csv", content: bytes },
    ).result;
    expect((reply.data as ActionData).resultat).toMatchObject({ total: 1, valides: 1, nombreErreurs: 0 });
  });
});

describe("import : formulaire", () => {
  it("demande le type et le fichier quand ils manquent", async () => {
    const reply = await post(coordinator04, { departement: "04", intent: "verifier" }).result;
    expect(reply.status).toBe(400);
    expect((reply.data as ActionData).fieldErrors).toEqual({
      kind: "Choisissez le type de fichier : structures ou promeneurs.",
      fichier: "Choisissez le fichier CSV à vérifier ou à importer.",
    });
  });

  it("montre le département du coordinateur", async () => {
    expect(await load(coordinator04)).toMatchObject({ status: 200, data: { departement: "04" } });
  });
});

describe("import : permissions", () => {
  it.each(["copil", "referent", "promeneur"] as const)(
    "répond 403 au rôle %s, en lecture comme en écriture",
    async (role) => {
      const structure = await insertStructure(getDb());
      const actor = await insertActor(getDb(), { role, departement: "04", structureId: structure.id });
      expect((await load(actor)).status).toBe(403);
      const before = await counts();
      const reply = await post(
        actor,
        { departement: "04", kind: "structures", intent: "importer" },
        { name: "s.csv", content: `${STRUCTURE_HEADER}\n${structureLine(unique("Interdite"))}` },
      ).result;
      expect(reply.status).toBe(403);
      expect(await counts()).toEqual(before);
    },
  );

  it("répond 403 à un utilisateur national (l'import est l'affaire du coordinateur)", async () => {
    expect((await load(national, "/espace/import?departement=04")).status).toBe(403);
  });

  it("ne laisse pas le coordinateur du 05 importer dans le 04", async () => {
    expect((await load(coordinator05, "/espace/import?departement=04")).status).toBe(404);
    const nom = unique("Structure pirate");
    const before = await counts();
    const reply = await post(
      coordinator05,
      { departement: "04", kind: "structures", intent: "importer" },
      { name: "s.csv", content: `${STRUCTURE_HEADER}\n${structureLine(nom)}` },
    ).result;
    expect(reply.status).toBe(404);
    expect(await counts()).toEqual(before);
    expect(await getDb().select().from(structures).where(eq(structures.nom, nom))).toEqual([]);
  });

  it("renvoie un visiteur non connecté vers la connexion", async () => {
    expect((await load(null)).status).toBe(302);
  });
});
