import { communes } from "@db/schema";
import { and, eq, isNotNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { getDb } from "~/server/db.server";
import { insertPromeneur } from "../../../tests/factories/promeneur";
import { insertStructure } from "../../../tests/factories/structure";
import { insertUser } from "../../../tests/factories/user";
import { actorOf, contextFor, getRequest, outcome } from "../../../tests/support/route";
import { loader as homeLoader } from "./structure";
import { loader } from "./structures";

type Row = {
  id: string;
  nom: string;
  commune: string | null;
  promeneursActifs: number;
  charteSigneeLe: Date | null;
  statut: string;
};
type LoaderData = {
  departement: string;
  structures: Row[];
  epciOptions: { siren: string; nom: string }[];
  mayCreate: boolean;
};

const load = (actor: Actor | null, path = "/espace/structures") =>
  outcome(() => loader({ request: getRequest(path), context: contextFor(actor), params: {} } as never));
const names = async (actor: Actor, path: string) =>
  ((await load(actor, path)).data as LoaderData).structures.map((s) => s.nom);

let coordinator04: Actor;
let coordinator05: Actor;

beforeAll(async () => {
  const db = getDb();
  coordinator04 = await actorOf((await insertUser(db, { roles: [{ role: "coordinateur", departement: "04" }] })).id);
  coordinator05 = await actorOf((await insertUser(db, { roles: [{ role: "coordinateur", departement: "05" }] })).id);
});

describe("liste des structures", () => {
  it("montre au coordinateur les structures de son département seulement", async () => {
    const db = getDb();
    await insertStructure(db, { nom: "Structure du 04", departement: "04" });
    await insertStructure(db, { nom: "Structure du 05", departement: "05", communeCode: "05061" });
    const result = await outcome(() =>
      loader({ request: getRequest("/espace/structures"), context: contextFor(null), params: {} } as never),
    );
    expect(result.status).toBe(302);
    const own = await names(coordinator05, "/espace/structures");
    expect(own).toContain("Structure du 05");
    expect(own).not.toContain("Structure du 04");
    expect((await load(coordinator05, "/espace/structures?departement=04")).status).toBe(404);
  });

  it("refuse la liste à un membre du comité de pilotage", async () => {
    const copil = await insertUser(getDb(), { roles: [{ role: "copil", departement: "04" }] });
    expect((await load(await actorOf(copil.id))).status).toBe(403);
  });

  it("refuse la liste à un promeneur et à un évaluateur", async () => {
    for (const role of ["promeneur", "evaluateur"] as const) {
      const user = await insertUser(getDb(), { roles: [{ role, departement: "04" }] });
      expect((await load(await actorOf(user.id))).status).toBe(403);
    }
  });

  it("envoie le référent vers la fiche de sa structure", async () => {
    const structure = await insertStructure(getDb(), { nom: "Structure du référent" });
    const referent = await insertUser(getDb(), {
      roles: [{ role: "referent", departement: "04", structureId: structure.id }],
    });
    const result = await load(await actorOf(referent.id));
    expect(result).toMatchObject({ status: 302, location: `/espace/structures/${structure.id}` });
  });

  it("laisse le rôle national lire la liste, sans lien de création", async () => {
    const national = await actorOf((await insertUser(getDb(), { roles: [{ role: "national" }] })).id);
    await insertStructure(getDb(), { nom: "Structure vue du national", departement: "05", communeCode: "05061" });
    const result = await load(national, "/espace/structures?departement=05");
    expect(result.status).toBe(200);
    const data = result.data as LoaderData;
    expect(data.structures.map((s) => s.nom)).toContain("Structure vue du national");
    expect(data.mayCreate).toBe(false);
    expect(((await load(coordinator04)).data as LoaderData).mayCreate).toBe(true);
  });

  it("filtre par nom sans tenir compte des accents ni de la casse", async () => {
    await insertStructure(getDb(), { nom: "Maison des Jeunes Élémentaire" });
    await insertStructure(getDb(), { nom: "Centre Social Ecureuil" });
    expect(await names(coordinator04, "/espace/structures?q=elementaire")).toEqual(["Maison des Jeunes Élémentaire"]);
    expect(await names(coordinator04, "/espace/structures?q=%C3%89CUREUIL")).toEqual(["Centre Social Ecureuil"]);
    // LIKE's wildcards are plain characters in a search.
    expect(await names(coordinator04, "/espace/structures?q=%25")).toEqual([]);
  });

  it("filtre par type, par statut et par intercommunalité de la commune", async () => {
    const db = getDb();
    const withEpcis = await db
      .select({ code: communes.code, epci: communes.epciSiren })
      .from(communes)
      .where(and(eq(communes.departement, "04"), isNotNull(communes.epciSiren)));
    const withEpci = withEpcis[0];
    if (!withEpci?.epci) throw new Error("no commune of 04 with an EPCI in the reference data");
    const other = withEpcis.find((c) => c.epci !== withEpci.epci);
    if (!other) throw new Error("no commune of 04 in another EPCI");
    await insertStructure(db, {
      nom: "Filtre Mission locale active",
      type: "mission_locale",
      communeCode: withEpci.code,
    });
    await insertStructure(db, {
      nom: "Filtre Mission locale inactive",
      type: "mission_locale",
      statut: "inactive",
      communeCode: other.code,
    });
    await insertStructure(db, { nom: "Filtre PAEJ active", type: "paej", communeCode: other.code });
    const filtre = (query: string) =>
      names(coordinator04, `/espace/structures?q=Filtre&${query}`).then((n) => n.sort());

    expect(await filtre("type=mission_locale")).toEqual([
      "Filtre Mission locale active",
      "Filtre Mission locale inactive",
    ]);
    expect(await filtre("statut=inactive")).toEqual(["Filtre Mission locale inactive"]);
    expect(await filtre("type=mission_locale&statut=active")).toEqual(["Filtre Mission locale active"]);
    expect(await filtre(`epci=${withEpci.epci}`)).toEqual(["Filtre Mission locale active"]);
    // An unknown value is ignored rather than an error.
    expect(await filtre("type=inconnu&statut=fermee&epci=123")).toHaveLength(3);
    const data = (await load(coordinator04)).data as LoaderData;
    expect(data.epciOptions.map((e) => e.siren)).toContain(withEpci.epci);
  });

  it("compte les promeneurs actifs et montre la charte signée", async () => {
    const db = getDb();
    const structure = await insertStructure(db, {
      nom: "Structure comptée",
      charteSigneeLe: new Date("2025-01-15T00:00:00+01:00"),
    });
    await insertPromeneur(db, { structureId: structure.id, statut: "actif" });
    await insertPromeneur(db, { structureId: structure.id, statut: "actif" });
    await insertPromeneur(db, { structureId: structure.id, statut: "propose" });
    const data = (await load(coordinator04, "/espace/structures?q=Structure%20compt%C3%A9e")).data as LoaderData;
    expect(data.structures).toHaveLength(1);
    expect(data.structures[0]).toMatchObject({ promeneursActifs: 2 });
    expect(data.structures[0]?.charteSigneeLe).toEqual(new Date("2025-01-15T00:00:00+01:00"));
  });
});

describe("ma structure (accueil du référent)", () => {
  it("montre au référent sa structure avec ses liens, à un référent de deux structures les deux", async () => {
    const db = getDb();
    const a = await insertStructure(db, { nom: "Accueil A" });
    const b = await insertStructure(db, { nom: "Accueil B" });
    await insertStructure(db, { nom: "Accueil C" });
    const single = await actorOf(
      (await insertUser(db, { roles: [{ role: "referent", departement: "04", structureId: a.id }] })).id,
    );
    type Home = { structures: { id: string; mayEdit: boolean; mayPropose: boolean }[] };
    const one = (await outcome(() =>
      homeLoader({ request: getRequest("/espace/structure"), context: contextFor(single), params: {} } as never),
    )) as { data: Home };
    expect(one.data.structures).toEqual([expect.objectContaining({ id: a.id, mayEdit: true, mayPropose: true })]);
    const double = await actorOf(
      (
        await insertUser(db, {
          roles: [
            { role: "referent", departement: "04", structureId: a.id },
            { role: "referent", departement: "04", structureId: b.id },
          ],
        })
      ).id,
    );
    const two = (await outcome(() =>
      homeLoader({ request: getRequest("/espace/structure"), context: contextFor(double), params: {} } as never),
    )) as { data: Home };
    expect(two.data.structures.map((s) => s.id).sort()).toEqual([a.id, b.id].sort());
    expect(await load(double)).toMatchObject({ status: 302, location: "/espace/structure" });
  });
});
