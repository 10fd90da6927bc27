import { users } from "@db/schema";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { getDb } from "~/server/db.server";
import { insertProfil, insertPromeneur, type PromeneurRow } from "../../../tests/factories/promeneur";
import { insertStructure } from "../../../tests/factories/structure";
import { insertActor, insertCoordination } from "../../../tests/support/acteurs";
import { contextFor, getRequest, outcome } from "../../../tests/support/route";
import { loader } from "./annuaire";

type Row = Record<string, unknown>;
type Data = {
  departement: string;
  promeneurs: Row[] | null;
  referents: Row[] | null;
  coordination: Row[] | null;
  structures: { id: string; nom: string }[];
};

const load = (actor: Actor | null, path = "/espace/annuaire") =>
  outcome(() => loader({ request: getRequest(path), context: contextFor(actor), params: {} } as never));

let structureA: { id: string; nom: string };
let structureB: { id: string; nom: string };
let actifA: PromeneurRow;
let actifB: { id: string };
let suspendu: { id: string };
let propose: { id: string };
let actif05: { id: string; email: string };
let coordinateur04: Actor;
let referentA: Actor;
let promeneurUser: Actor;
let referent05: Actor;
let coordinateur05: Actor;
let desactive: Actor;

beforeAll(async () => {
  const db = getDb();
  structureA = await insertStructure(db, {
    nom: "Maison des jeunes de Sisteron",
    departement: "04",
    communeCode: "04209",
  });
  structureB = await insertStructure(db, { nom: "Centre social de Manosque", departement: "04", communeCode: "04112" });
  const structure05 = await insertStructure(db, { nom: "MJC de Gap", departement: "05", communeCode: "05061" });
  ({ coordinateur04, coordinateur05 } = await insertCoordination(db));
  referentA = await insertActor(db, { role: "referent", departement: "04", structureId: structureA.id });
  referent05 = await insertActor(db, { role: "referent", departement: "05", structureId: structure05.id });
  desactive = await insertActor(db, { role: "referent", departement: "04", structureId: structureB.id });
  await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, desactive.userId));
  promeneurUser = await insertActor(db, { role: "promeneur", departement: "04" });
  actifA = await insertPromeneur(db, {
    structureId: structureA.id,
    proposePar: referentA.userId,
    prenom: "Éloïse",
    nom: "Martin",
    nomPublic: "Éloïse, animatrice à Sisteron",
    telephone: "04 92 00 00 00",
    statut: "actif",
  });
  await insertProfil(db, actifA, { reseau: "instagram" });
  await insertProfil(db, actifA, { reseau: "discord", handle: `eloise-${Date.now()}` });
  actifB = await insertPromeneur(db, {
    structureId: structureB.id,
    proposePar: coordinateur04.userId,
    prenom: "Hugo",
    nom: "Bernard",
    statut: "actif",
  });
  suspendu = await insertPromeneur(db, {
    structureId: structureA.id,
    proposePar: referentA.userId,
    prenom: "Sam",
    nom: "Suspendu",
    statut: "suspendu",
    motifStatut: "Motif interne à ne jamais montrer",
  });
  propose = await insertPromeneur(db, {
    structureId: structureA.id,
    proposePar: referentA.userId,
    prenom: "Pat",
    nom: "Proposé",
  });
  actif05 = await insertPromeneur(db, {
    departement: "05",
    structureId: structure05.id,
    proposePar: referent05.userId,
    prenom: "Gaël",
    nom: "Gapençais",
    statut: "actif",
  });
});

const ids = (rows: Row[] | null, key = "id") => (rows ?? []).map((r) => r[key]);

describe("annuaire du réseau", () => {
  it.each([
    ["coordinateur", () => coordinateur04],
    ["référent", () => referentA],
    ["promeneur", () => promeneurUser],
  ])("montre au %s du 04 le réseau du 04 seulement", async (_role, actor) => {
    const result = await load(actor());
    expect(result.status).toBe(200);
    const data = result.data as Data;
    expect(data.departement).toBe("04");
    expect(ids(data.promeneurs)).toEqual(expect.arrayContaining([actifA.id, actifB.id]));
    expect(ids(data.promeneurs)).not.toContain(actif05.id);
    expect(ids(data.referents, "userId")).toContain(referentA.userId);
    expect(ids(data.referents, "userId")).not.toContain(referent05.userId);
    expect(ids(data.coordination, "userId")).toEqual([coordinateur04.userId]);
    expect(data.structures.map((s) => s.id)).toEqual(expect.arrayContaining([structureA.id, structureB.id]));
    expect(JSON.stringify(data)).not.toContain("Gapençais");
  });

  it("ne montre que les promeneurs actifs, sans statut ni motif, et aucun compte désactivé", async () => {
    const data = (await load(coordinateur04)).data as Data;
    expect(ids(data.promeneurs)).not.toContain(suspendu.id);
    expect(ids(data.promeneurs)).not.toContain(propose.id);
    expect(ids(data.referents, "userId")).not.toContain(desactive.userId);
    expect(JSON.stringify(data)).not.toContain("Motif interne");
  });

  it("ne donne que des coordonnées professionnelles (clés des données vérifiées)", async () => {
    const data = (await load(promeneurUser)).data as Data;
    const eloise = data.promeneurs?.find((p) => p.id === actifA.id);
    expect(Object.keys(eloise ?? {}).sort()).toEqual(
      [
        "commune",
        "email",
        "fonction",
        "id",
        "nom",
        "nomPublic",
        "prenom",
        "reseaux",
        "structure",
        "structureId",
        "telephone",
      ].sort(),
    );
    expect(eloise).toMatchObject({
      prenom: "Éloïse",
      email: actifA.email,
      telephone: "04 92 00 00 00",
      structure: "Maison des jeunes de Sisteron",
      commune: "Sisteron",
      reseaux: ["Discord", "Instagram"],
    });
    for (const referent of data.referents ?? [])
      expect(Object.keys(referent).sort()).toEqual(["email", "nom", "structures", "userId"]);
    for (const c of data.coordination ?? []) expect(Object.keys(c).sort()).toEqual(["email", "nom", "userId"]);
  });

  it("cherche un nom sans tenir compte des accents, ou une structure", async () => {
    const byName = (await load(referentA, "/espace/annuaire?q=eloise")).data as Data;
    expect(ids(byName.promeneurs)).toEqual([actifA.id]);
    expect(byName.referents).toEqual([]);
    const byStructure = (await load(referentA, "/espace/annuaire?q=manosque")).data as Data;
    expect(ids(byStructure.promeneurs)).toEqual([actifB.id]);
    expect(byStructure.coordination).toEqual([]);
  });

  it("filtre par structure et par rôle, sans section pour ce qui n'est pas demandé", async () => {
    const byStructure = (await load(promeneurUser, `/espace/annuaire?structure=${structureA.id}`)).data as Data;
    expect(ids(byStructure.promeneurs)).toEqual([actifA.id]);
    expect(ids(byStructure.referents, "userId")).toEqual([referentA.userId]);
    // The coordination belongs to no structure.
    expect(byStructure.coordination).toBeNull();
    const referents = (await load(promeneurUser, "/espace/annuaire?role=referents")).data as Data;
    expect(referents.promeneurs).toBeNull();
    expect(referents.coordination).toBeNull();
    expect(ids(referents.referents, "userId")).toContain(referentA.userId);
    const promeneurs = (await load(promeneurUser, "/espace/annuaire?role=promeneurs")).data as Data;
    expect(promeneurs.referents).toBeNull();
    expect(ids(promeneurs.promeneurs)).toContain(actifA.id);
  });

  it("ne trouve rien avec une structure du 05 en filtre", async () => {
    const [structure05] = ((await load(coordinateur05)).data as Data).structures;
    const data = (await load(coordinateur04, `/espace/annuaire?structure=${structure05?.id}`)).data as Data;
    expect(data.promeneurs).toEqual([]);
    expect(data.referents).toEqual([]);
  });

  it("montre au 05 le réseau du 05 et répond 404 s'il demande le 04", async () => {
    const data = (await load(referent05)).data as Data;
    expect(data.departement).toBe("05");
    expect(ids(data.promeneurs)).toEqual([actif05.id]);
    expect(ids(data.promeneurs)).not.toContain(actifA.id);
    expect((await load(referent05, "/espace/annuaire?departement=04")).status).toBe(404);
    expect((await load(coordinateur05, "/espace/annuaire?departement=04")).status).toBe(404);
  });

  it.each([
    ["copil", { role: "copil", departement: "04" }],
    ["evaluateur", { role: "evaluateur", departement: "04" }],
    ["national", { role: "national" }],
  ] as const)("répond 403 au rôle %s", async (_role, grant) => {
    expect((await load(await insertActor(getDb(), grant))).status).toBe(403);
  });

  it("renvoie un visiteur non connecté vers la connexion", async () => {
    const result = await load(null);
    expect(result.status).toBe(302);
    expect(result.location).toMatch(/^\/connexion\?retour=/);
  });
});
