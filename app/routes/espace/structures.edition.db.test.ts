import { auditLog, communes, structures } from "@db/schema";
import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { getDb } from "~/server/db.server";
import { insertStructure, type StructureRow } from "../../../tests/factories/structure";
import { insertUser } from "../../../tests/factories/user";
import { actorOf, contextFor, getRequest, outcome, postRequest } from "../../../tests/support/route";
import { action as editAction, loader as editLoader } from "./structures.$id.modifier";
import { action as createAction, loader as createLoader } from "./structures.nouvelle";

type Reply = { status: string; error?: Record<string, string[] | null> };

const create = (actor: Actor | null, fields: Record<string, string>) =>
  outcome(() =>
    createAction({
      request: postRequest("/espace/structures/nouvelle", fields),
      context: contextFor(actor),
      params: {},
    } as never),
  );
const edit = (actor: Actor | null, id: string, fields: Record<string, string>) =>
  outcome(() =>
    editAction({
      request: postRequest(`/espace/structures/${id}/modifier`, fields),
      context: contextFor(actor),
      params: { id },
    } as never),
  );
const openEdit = (actor: Actor | null, id: string) =>
  outcome(() =>
    editLoader({
      request: getRequest(`/espace/structures/${id}/modifier`),
      context: contextFor(actor),
      params: { id },
    } as never),
  );

async function structureNamed(nom: string) {
  return getDb().select().from(structures).where(eq(structures.nom, nom));
}
async function reload(id: string): Promise<StructureRow> {
  const [row] = await getDb().select().from(structures).where(eq(structures.id, id));
  if (!row) throw new Error("structure vanished");
  return row;
}
async function auditOf(id: string) {
  return getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, "structure"), eq(auditLog.entityId, id)))
    .orderBy(desc(auditLog.id));
}

/** The fields of the form for an existing row, as the edit page sends them back. */
function formOf(row: StructureRow, overrides: Record<string, string> = {}): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const key of ["nom", "type", "siret", "adresse", "codePostal", "communeCode", "telephone", "email", "siteWeb"]) {
    const value = row[key as keyof StructureRow];
    if (typeof value === "string") fields[key] = value;
  }
  return { ...fields, ...overrides };
}

let coordinator04: Actor;
let coordinator05: Actor;
let copil04: Actor;
let digne: { code: string; codesPostaux: string[] };

beforeAll(async () => {
  const db = getDb();
  coordinator04 = await actorOf((await insertUser(db, { roles: [{ role: "coordinateur", departement: "04" }] })).id);
  coordinator05 = await actorOf((await insertUser(db, { roles: [{ role: "coordinateur", departement: "05" }] })).id);
  copil04 = await actorOf((await insertUser(db, { roles: [{ role: "copil", departement: "04" }] })).id);
  const [row] = await db
    .select({ code: communes.code, codesPostaux: communes.codesPostaux })
    .from(communes)
    .where(eq(communes.code, "04070"));
  if (!row) throw new Error("commune 04070 missing from the reference data");
  digne = row;
});

describe("créer une structure", () => {
  it("crée la structure, l'inscrit au journal et renvoie vers sa fiche", async () => {
    const nom = `Maison des jeunes ${Date.now()}`;
    const result = await create(coordinator04, {
      departement: "04",
      nom,
      type: "accueil_jeunes",
      siret: "732 829 320 00074",
      adresse: "1 place du Marché",
      ...(digne.codesPostaux[0] ? { codePostal: digne.codesPostaux[0] } : {}),
      communeCode: digne.code,
      telephone: "+33 4 92 31 00 00",
      email: "Contact@MDJ.fr",
      siteWeb: "www.mdj.fr",
    });
    const [row] = await structureNamed(nom);
    expect(row).toMatchObject({
      departement: "04",
      type: "accueil_jeunes",
      siret: "73282932000074",
      telephone: "04 92 31 00 00",
      email: "contact@mdj.fr",
      siteWeb: "https://www.mdj.fr/",
      statut: "active",
    });
    if (!row) return;
    expect(result).toMatchObject({ status: 302, location: `/espace/structures/${row.id}` });
    const [audit] = await auditOf(row.id);
    expect(audit).toMatchObject({ action: "structure.creer", departement: "04", actorUserId: coordinator04.userId });
    expect(audit?.changes).toMatchObject({ nom: { avant: null, apres: nom }, siret: { apres: "73282932000074" } });
  });

  it("refuse une saisie invalide avec l'erreur de chaque champ, sans rien écrire", async () => {
    const nom = `Structure mal saisie ${Date.now()}`;
    const result = await create(coordinator04, {
      departement: "04",
      nom,
      type: "centre_social",
      communeCode: digne.code,
      siret: "73282932000075",
      telephone: "04 92",
      siteWeb: "http://exemple.fr",
    });
    expect(result.status).toBe(400);
    const errors = (result.data as Reply).error ?? {};
    expect(errors.siret?.[0]).toMatch(/clé de contrôle/);
    expect(errors.telephone?.[0]).toMatch(/10 chiffres/);
    expect(errors.siteWeb?.[0]).toMatch(/https/);
    expect(await structureNamed(nom)).toEqual([]);
  });

  it("refuse un nom déjà pris dans le département (casse et accents comptent pour rien)", async () => {
    await insertStructure(getDb(), { nom: "Espace Jeunes Évasion" });
    const result = await create(coordinator04, {
      departement: "04",
      nom: "espace  jeunes evasion",
      type: "centre_social",
      communeCode: digne.code,
    });
    expect(result.status).toBe(400);
    expect((result.data as Reply).error?.nom).toEqual([
      "Une structure du département porte déjà ce nom : choisissez-en un autre.",
    ]);
    expect(await structureNamed("espace jeunes evasion")).toEqual([]);
  });

  it("refuse une commune d'un autre département et un code postal d'une autre commune", async () => {
    const nom = `Structure mal placée ${Date.now()}`;
    const other = await create(coordinator04, { departement: "04", nom, type: "centre_social", communeCode: "05061" });
    expect(other.status).toBe(400);
    expect((other.data as Reply).error?.communeCode).toEqual(["Choisissez une commune du département dans la liste."]);
    if (digne.codesPostaux.length) {
      const wrongCp = await create(coordinator04, {
        departement: "04",
        nom,
        type: "centre_social",
        communeCode: digne.code,
        codePostal: "75001",
      });
      expect(wrongCp.status).toBe(400);
      expect((wrongCp.data as Reply).error?.codePostal?.[0]).toMatch(/n'est pas celui de/);
    }
    expect(await structureNamed(nom)).toEqual([]);
  });

  it("refuse la création au coordinateur d'un autre département, au copil et au référent", async () => {
    const nom = `Structure interdite ${Date.now()}`;
    const fields = { departement: "04", nom, type: "centre_social", communeCode: digne.code };
    expect((await create(coordinator05, fields)).status).toBe(403);
    expect((await create(copil04, fields)).status).toBe(403);
    const s = await insertStructure(getDb());
    const referent = await actorOf(
      (await insertUser(getDb(), { roles: [{ role: "referent", departement: "04", structureId: s.id }] })).id,
    );
    expect((await create(referent, fields)).status).toBe(403);
    expect(await structureNamed(nom)).toEqual([]);
    const page = (actor: Actor, path = "/espace/structures/nouvelle") =>
      outcome(() => createLoader({ request: getRequest(path), context: contextFor(actor), params: {} } as never));
    expect((await page(coordinator05, "/espace/structures/nouvelle?departement=04")).status).toBe(404);
    expect((await page(copil04)).status).toBe(403);
    const own = await page(coordinator04);
    expect(own.status).toBe(200);
    const list = (own.data as { communes: { nom: string }[] }).communes.map((c) => c.nom);
    expect(list).toEqual([...list].sort((a, b) => a.localeCompare(b, "fr")));
  });
});

describe("modifier une structure", () => {
  it("enregistre les changements du coordinateur avec leur différence au journal", async () => {
    const s = await insertStructure(getDb(), { nom: `À modifier ${Date.now()}` });
    const result = await edit(coordinator04, s.id, formOf(s, { telephone: "0492310000", statut: "inactive" }));
    expect(result).toMatchObject({ status: 302, location: `/espace/structures/${s.id}` });
    expect(await reload(s.id)).toMatchObject({ telephone: "04 92 31 00 00", statut: "inactive", nom: s.nom });
    const [audit] = await auditOf(s.id);
    expect(audit?.action).toBe("structure.modifier");
    expect(audit?.changes).toEqual({
      telephone: { avant: null, apres: "04 92 31 00 00" },
      statut: { avant: "active", apres: "inactive" },
    });
  });

  it("n'écrit rien au journal quand rien ne change", async () => {
    const s = await insertStructure(getDb());
    const result = await edit(coordinator04, s.id, formOf(s, { statut: "active" }));
    expect(result.status).toBe(302);
    expect(await auditOf(s.id)).toEqual([]);
  });

  it("laisse le référent modifier sa structure, mais pas son statut", async () => {
    const s = await insertStructure(getDb(), { nom: `Du référent ${Date.now()}` });
    const referent = await actorOf(
      (await insertUser(getDb(), { roles: [{ role: "referent", departement: "04", structureId: s.id }] })).id,
    );
    const page = await openEdit(referent, s.id);
    expect(page.status).toBe(200);
    expect((page.data as { mayChangeStatut: boolean }).mayChangeStatut).toBe(false);
    expect((await edit(referent, s.id, formOf(s, { adresse: "2 rue Neuve" }))).status).toBe(302);
    expect((await reload(s.id)).adresse).toBe("2 rue Neuve");
    const sneaky = await edit(referent, s.id, formOf(s, { adresse: "3 rue Neuve", statut: "inactive" }));
    expect(sneaky.status).toBe(403);
    expect(await reload(s.id)).toMatchObject({ statut: "active", adresse: "2 rue Neuve" });
  });

  it("répond 404 au référent d'une autre structure et au coordinateur d'un autre département, sans rien changer", async () => {
    const s = await insertStructure(getDb(), { nom: `Protégée ${Date.now()}` });
    const other = await insertStructure(getDb());
    const referentOther = await actorOf(
      (await insertUser(getDb(), { roles: [{ role: "referent", departement: "04", structureId: other.id }] })).id,
    );
    for (const actor of [referentOther, coordinator05]) {
      expect((await openEdit(actor, s.id)).status).toBe(404);
      expect((await edit(actor, s.id, formOf(s, { nom: "Piratée" }))).status).toBe(404);
    }
    expect((await openEdit(copil04, s.id)).status).toBe(403);
    expect((await edit(copil04, s.id, formOf(s, { nom: "Piratée" }))).status).toBe(403);
    expect((await reload(s.id)).nom).toBe(s.nom);
    expect(await auditOf(s.id)).toEqual([]);
  });

  it("répond 404 pour un identifiant inconnu ou mal formé", async () => {
    expect((await openEdit(coordinator04, "pas-un-uuid")).status).toBe(404);
    expect((await openEdit(coordinator04, "00000000-0000-4000-8000-000000000000")).status).toBe(404);
  });

  it("refuse une saisie invalide (400) sans rien changer", async () => {
    const s = await insertStructure(getDb());
    const taken = await insertStructure(getDb(), { nom: `Nom déjà pris ${Date.now()}` });
    const bad = await edit(coordinator04, s.id, formOf(s, { email: "pas-une-adresse" }));
    expect(bad.status).toBe(400);
    expect((bad.data as Reply).error?.email).toEqual([
      "Saisissez une adresse e-mail valide, par exemple contact@exemple.fr.",
    ]);
    const dup = await edit(coordinator04, s.id, formOf(s, { nom: taken.nom.toUpperCase() }));
    expect(dup.status).toBe(400);
    expect((dup.data as Reply).error?.nom?.[0]).toMatch(/porte déjà ce nom/);
    expect(await reload(s.id)).toMatchObject({ nom: s.nom, email: null });
    expect(await auditOf(s.id)).toEqual([]);
  });
});
