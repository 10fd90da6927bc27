import { auditLog, fichiers, structures } from "@db/schema";
import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { recordAudit } from "~/server/audit.server";
import { getDb } from "~/server/db.server";
import { insertPromeneur } from "../../../tests/factories/promeneur";
import { insertStructure, type StructureRow } from "../../../tests/factories/structure";
import { insertUser } from "../../../tests/factories/user";
import { actorOf, contextFor, getRequest, outcome } from "../../../tests/support/route";
import { loader as detailLoader } from "./structures.$id";
import { action as charteAction, loader as charteLoader } from "./structures.$id.charte";
import { loader as documentLoader } from "./structures.$id.charte.document";

type Detail = {
  structure: { id: string; nom: string; hasCharteDocument: boolean; charteSignataire: string | null };
  promeneurs: { id: string; nomPublic: string; statut: string }[] | null;
  parStatut: { statut: string; n: number }[];
  referents: { email: string }[] | null;
  history: { label: string; actorLabel: string; changes: string[] }[] | null;
  may: { edit: boolean; propose: boolean };
};
type Reply = { status: string; error?: Record<string, string[] | null> };

const PDF =
  "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";

const ctx = contextFor;
const detail = (actor: Actor | null, id: string) =>
  outcome(() =>
    detailLoader({ request: getRequest(`/espace/structures/${id}`), context: ctx(actor), params: { id } } as never),
  );
const download = (actor: Actor | null, id: string) =>
  outcome(() =>
    documentLoader({
      request: getRequest(`/espace/structures/${id}/charte/document`),
      context: ctx(actor),
      params: { id },
    } as never),
  );

/** A multipart POST, as the browser sends the charter form. */
function charteRequest(
  id: string,
  fields: Record<string, string>,
  file?: { name: string; type: string; body: string },
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append("document", new File([file.body], file.name, { type: file.type }));
  return new Request(`http://localhost:3000/espace/structures/${id}/charte`, { method: "POST", body: form });
}
const sign = (
  actor: Actor | null,
  id: string,
  fields: Record<string, string>,
  file?: Parameters<typeof charteRequest>[2],
) =>
  outcome(() =>
    charteAction({ request: charteRequest(id, fields, file), context: ctx(actor), params: { id } } as never),
  );

const pdf = { name: "charte signée.pdf", type: "application/pdf", body: PDF };

async function reload(id: string): Promise<StructureRow> {
  const [row] = await getDb().select().from(structures).where(eq(structures.id, id));
  if (!row) throw new Error("structure vanished");
  return row;
}

async function referentOf(structureId: string, departement = "04") {
  return actorOf((await insertUser(getDb(), { roles: [{ role: "referent", departement, structureId }] })).id);
}

let coordinator04: Actor;
let coordinator05: Actor;
let copil04: Actor;
let promeneur04: Actor;

beforeAll(async () => {
  const db = getDb();
  const as = async (role: "coordinateur" | "copil" | "promeneur", departement: string) =>
    actorOf((await insertUser(db, { roles: [{ role, departement }] })).id);
  coordinator04 = await as("coordinateur", "04");
  coordinator05 = await as("coordinateur", "05");
  copil04 = await as("copil", "04");
  promeneur04 = await as("promeneur", "04");
});

describe("fiche d'une structure", () => {
  it("montre au coordinateur les promeneurs, les référents et l'historique libellé", async () => {
    const db = getDb();
    const s = await insertStructure(db, { nom: `Fiche complète ${Date.now()}` });
    const referent = await insertUser(db, {
      email: `referent-fiche-${Date.now()}@essai.pdn.fr`,
      roles: [{ role: "referent", departement: "04", structureId: s.id }],
    });
    const p = await insertPromeneur(db, { structureId: s.id, statut: "actif", proposePar: referent.id });
    await recordAudit(db, coordinator04, {
      action: "structure.modifier",
      entityType: "structure",
      entityId: s.id,
      departement: "04",
      changes: { statut: { avant: "active", apres: "inactive" } },
    });
    const result = await detail(coordinator04, s.id);
    expect(result.status).toBe(200);
    const data = result.data as Detail;
    expect(data.promeneurs).toEqual([expect.objectContaining({ id: p.id, nomPublic: p.nomPublic, statut: "actif" })]);
    expect(data.referents?.map((r) => r.email)).toEqual([referent.email]);
    expect(data.history).toEqual([
      expect.objectContaining({ label: "Modification d'une structure", changes: ["Statut : Active → Inactive"] }),
    ]);
    expect(data.may).toEqual({ edit: true, propose: false });
  });

  it("montre au référent sa structure, avec le bouton pour proposer un promeneur", async () => {
    const s = await insertStructure(getDb());
    const data = (await detail(await referentOf(s.id), s.id)).data as Detail;
    expect(data.may).toEqual({ edit: true, propose: true });
  });

  it("laisse le comité de pilotage lire la fiche sans les noms des promeneurs ni l'historique", async () => {
    const s = await insertStructure(getDb());
    await insertPromeneur(getDb(), { structureId: s.id, statut: "actif" });
    const result = await detail(copil04, s.id);
    expect(result.status).toBe(200);
    const data = result.data as Detail;
    expect(data.promeneurs).toBeNull();
    expect(data.parStatut).toEqual([{ statut: "actif", n: 1 }]);
    expect(data.referents).toBeNull();
    expect(data.history).toBeNull();
    expect(data.may).toEqual({ edit: false, propose: false });
  });

  it("répond 404 au référent d'une autre structure et au coordinateur d'un autre département, 403 au promeneur", async () => {
    const s = await insertStructure(getDb());
    const other = await insertStructure(getDb());
    expect((await detail(await referentOf(other.id), s.id)).status).toBe(404);
    expect((await detail(coordinator05, s.id)).status).toBe(404);
    expect((await detail(promeneur04, s.id)).status).toBe(403);
    expect((await detail(coordinator04, "inconnue")).status).toBe(404);
  });
});

describe("charte employeur", () => {
  async function charteAudit(id: string) {
    return getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), eq(auditLog.action, "structure.charte")))
      .orderBy(desc(auditLog.id));
  }

  it("enregistre la signature et le PDF dans la même transaction, au journal", async () => {
    const s = await insertStructure(getDb());
    const referent = await referentOf(s.id);
    expect(
      (await charteLoader({ request: getRequest("/"), context: ctx(referent), params: { id: s.id } } as never))
        .structure.id,
    ).toBe(s.id);
    const result = await sign(referent, s.id, { signeeLe: "2025-01-15", signataire: "Camille Martin" }, pdf);
    expect(result).toMatchObject({ status: 302, location: `/espace/structures/${s.id}` });
    const row = await reload(s.id);
    expect(row.charteSigneeLe).toEqual(new Date("2025-01-15T00:00:00+01:00"));
    expect(row.charteSignataire).toBe("Camille Martin");
    expect(row.charteDocumentId).not.toBeNull();
    const [fichier] = await getDb()
      .select()
      .from(fichiers)
      .where(eq(fichiers.id, row.charteDocumentId as string));
    expect(fichier).toMatchObject({ typeMime: "application/pdf", departement: "04", nom: "charte signée.pdf" });
    const [audit] = await charteAudit(s.id);
    expect(audit?.changes).toMatchObject({
      charteSignataire: { avant: null, apres: "Camille Martin" },
      document: { apres: "charte signée.pdf" },
    });
  });

  it("refuse un faux PDF (du texte) sans rien écrire", async () => {
    const s = await insertStructure(getDb());
    const result = await sign(
      coordinator04,
      s.id,
      { signeeLe: "2025-01-15", signataire: "Camille Martin" },
      { name: "charte.pdf", type: "application/pdf", body: "Ceci n'est pas un PDF, juste du texte.\n" },
    );
    expect(result.status).toBe(400);
    expect((result.data as Reply).error?.document).toEqual(["Le document doit être un fichier PDF, JPEG ou PNG."]);
    expect(await reload(s.id)).toMatchObject({ charteSigneeLe: null, charteSignataire: null, charteDocumentId: null });
    expect(await charteAudit(s.id)).toEqual([]);
  });

  it("exige le document la première fois, une date passée et un signataire", async () => {
    const s = await insertStructure(getDb());
    const missing = await sign(coordinator04, s.id, { signeeLe: "2025-01-15", signataire: "Camille Martin" });
    expect(missing.status).toBe(400);
    expect((missing.data as Reply).error?.document?.[0]).toMatch(/Joignez la charte signée/);
    const future = await sign(coordinator04, s.id, { signeeLe: "2999-01-01", signataire: "Camille Martin" }, pdf);
    expect(future.status).toBe(400);
    expect((future.data as Reply).error?.signeeLe).toEqual(["La date de signature ne peut pas être dans le futur."]);
    const noName = await sign(coordinator04, s.id, { signeeLe: "2025-01-15", signataire: "" }, pdf);
    expect(noName.status).toBe(400);
    expect((noName.data as Reply).error?.signataire).toBeTruthy();
    expect(await reload(s.id)).toMatchObject({ charteSigneeLe: null, charteDocumentId: null });
    expect(await charteAudit(s.id)).toEqual([]);
  });

  it("garde le document déjà enregistré quand on corrige seulement la date", async () => {
    const s = await insertStructure(getDb());
    expect((await sign(coordinator04, s.id, { signeeLe: "2025-01-15", signataire: "A. Martin" }, pdf)).status).toBe(
      302,
    );
    const first = await reload(s.id);
    expect((await sign(coordinator04, s.id, { signeeLe: "2025-01-16", signataire: "A. Martin" })).status).toBe(302);
    const second = await reload(s.id);
    expect(second.charteDocumentId).toBe(first.charteDocumentId);
    expect(second.charteSigneeLe).toEqual(new Date("2025-01-16T00:00:00+01:00"));
    expect(await charteAudit(s.id)).toHaveLength(2);
  });

  it("supprime l'ancien document quand une nouvelle copie de la charte le remplace", async () => {
    const s = await insertStructure(getDb());
    await sign(coordinator04, s.id, { signeeLe: "2025-01-15", signataire: "A. Martin" }, pdf);
    const first = await reload(s.id);
    const replaced = await sign(
      coordinator04,
      s.id,
      { signeeLe: "2025-01-16", signataire: "A. Martin" },
      { ...pdf, name: "charte corrigée.pdf" },
    );
    expect(replaced.status).toBe(302);
    const second = await reload(s.id);
    expect(second.charteDocumentId).not.toBe(first.charteDocumentId);
    const fichierDe = (id: string | null) =>
      getDb()
        .select()
        .from(fichiers)
        .where(eq(fichiers.id, id as string));
    expect(await fichierDe(first.charteDocumentId)).toEqual([]);
    expect((await fichierDe(second.charteDocumentId))[0]?.nom).toBe("charte corrigée.pdf");
    expect((await charteAudit(s.id))[0]?.changes).toMatchObject({
      document: { avant: "document précédent", apres: "charte corrigée.pdf" },
    });
  });

  it("refuse la charte au référent d'une autre structure, au coordinateur du 05 et au copil, sans rien écrire", async () => {
    const s = await insertStructure(getDb());
    const other = await insertStructure(getDb());
    const fields = { signeeLe: "2025-01-15", signataire: "Intrus" };
    expect((await sign(await referentOf(other.id), s.id, fields, pdf)).status).toBe(404);
    expect((await sign(coordinator05, s.id, fields, pdf)).status).toBe(404);
    expect((await sign(copil04, s.id, fields, pdf)).status).toBe(403);
    expect(await reload(s.id)).toMatchObject({ charteSignataire: null, charteDocumentId: null });
  });

  it("sert le document à qui peut lire la structure, 404 aux autres", async () => {
    const s = await insertStructure(getDb());
    expect((await download(coordinator04, s.id)).status).toBe(404);
    await sign(coordinator04, s.id, { signeeLe: "2025-01-15", signataire: "Camille Martin" }, pdf);
    const ok = await download(await referentOf(s.id), s.id);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("Content-Type")).toBe("application/pdf");
    expect(ok.headers.get("Content-Disposition")).toMatch(/^attachment;/);
    expect(ok.data).toBe(PDF);
    expect((await download(copil04, s.id)).status).toBe(200);
    const other = await insertStructure(getDb());
    expect((await download(await referentOf(other.id), s.id)).status).toBe(404);
    expect((await download(coordinator05, s.id)).status).toBe(404);
    expect((await download(promeneur04, s.id)).status).toBe(404);
    expect((await download(null, s.id)).status).toBe(302);
  });
});
