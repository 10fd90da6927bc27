import { creneauxPresence } from "@db/schema";
import { asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import type { HorairesSaisis } from "~/domain/presences/presence.schema";
import { getDb } from "~/server/db.server";
import { insertCreneau, type PromeneurRow } from "../../../tests/factories/promeneur";
import { insertActor, insertPromeneurEtEntourage } from "../../../tests/support/acteurs";
import { contextFor, getRequest, outcome, postRequest } from "../../../tests/support/route";
import { action, loader } from "./promeneurs.$id.horaires";

type ActionData = { saisis: HorairesSaisis; errors: Record<string, string[]>; formErrors?: string[] };
type LoaderData = { canManage: boolean; saisis: HorairesSaisis; enLigne: boolean; prochain: string | null };

const path = (id: string) => `/espace/promeneurs/${id}/horaires`;
const load = (actor: Actor | null, id: string) =>
  outcome(() => loader({ request: getRequest(path(id)), context: contextFor(actor), params: { id } } as never));
const post = (actor: Actor | null, id: string, fields: Record<string, string | string[]>) =>
  outcome(() =>
    action({ request: postRequest(path(id), fields), context: contextFor(actor), params: { id } } as never),
  );

async function creneauxEnBase(id: string) {
  return getDb()
    .select({ jour: creneauxPresence.jour, debut: creneauxPresence.debut, fin: creneauxPresence.fin })
    .from(creneauxPresence)
    .where(eq(creneauxPresence.promeneurId, id))
    .orderBy(asc(creneauxPresence.jour), asc(creneauxPresence.debut));
}

let promeneur: PromeneurRow;
let lui: Actor;
let autrePromeneur: Actor;
let referent: Actor;
let coordinateur04: Actor;
let coordinateur05: Actor;
let copil04: Actor;

beforeAll(async () => {
  const db = getDb();
  ({ promeneur, lui, autrePromeneur, referent, coordinateur04, coordinateur05 } = await insertPromeneurEtEntourage(db));
  copil04 = await insertActor(db, { role: "copil", departement: "04" });
  await insertCreneau(db, promeneur.id, { jour: 3, debut: 14 * 60, fin: 16 * 60, reseaux: ["instagram"] });
});

const deuxCreneaux = {
  "creneaux[0].jour": "2",
  "creneaux[0].debut": "18:00",
  "creneaux[0].fin": "20:00",
  "creneaux[0].reseaux": ["instagram", "tiktok"],
  "creneaux[1].jour": "4",
  "creneaux[1].debut": "17:30",
  "creneaux[1].fin": "",
};

describe("horaires : la page", () => {
  it("montre au promeneur ses créneaux dans le formulaire, modifiable", async () => {
    const result = await load(lui, promeneur.id);
    expect(result.status).toBe(200);
    const data = result.data as LoaderData;
    expect(data.canManage).toBe(true);
    expect(data.saisis.creneaux).toEqual([{ jour: "3", debut: "14:00", fin: "16:00", reseaux: ["instagram"] }]);
    expect(data.enLigne).toBe(false);
  });

  it("montre les horaires au référent de la structure, sans pouvoir les modifier", async () => {
    const result = await load(referent, promeneur.id);
    expect(result.status).toBe(200);
    expect((result.data as LoaderData).canManage).toBe(false);
  });

  it.each([
    ["un autre promeneur", () => autrePromeneur],
    ["le coordinateur du 05", () => coordinateur05],
    ["un membre du comité de pilotage", () => copil04],
  ])("répond 404 à %s", async (_, who) => {
    expect((await load(who(), promeneur.id)).status).toBe(404);
  });
});

describe("horaires : le formulaire sans JavaScript", () => {
  it("« Ajouter un créneau » garde ce qui a été saisi, ajoute une ligne vide et n'enregistre rien", async () => {
    const result = await post(lui, promeneur.id, { ...deuxCreneaux, intent: "ajouter-creneau" });
    expect(result.status).toBe(200);
    const data = result.data as ActionData;
    expect(data.saisis.creneaux).toEqual([
      { jour: "2", debut: "18:00", fin: "20:00", reseaux: ["instagram", "tiktok"] },
      { jour: "4", debut: "17:30", fin: "", reseaux: [] },
      { jour: "1", debut: "", fin: "", reseaux: [] },
    ]);
    expect(data.errors).toEqual({});
    expect(await creneauxEnBase(promeneur.id)).toEqual([{ jour: 3, debut: 840, fin: 960 }]);
  });

  it("« Supprimer » retire la bonne ligne sans rien enregistrer", async () => {
    const result = await post(lui, promeneur.id, {
      ...deuxCreneaux,
      "exceptions[0].du": "2026-12-24",
      "exceptions[0].au": "2026-12-26",
      "exceptions[0].motif": "Noël",
      intent: "supprimer-creneau-0",
    });
    expect(result.status).toBe(200);
    const data = result.data as ActionData;
    expect(data.saisis.creneaux).toEqual([{ jour: "4", debut: "17:30", fin: "", reseaux: [] }]);
    expect(data.saisis.exceptions).toEqual([{ du: "2026-12-24", au: "2026-12-26", motif: "Noël" }]);
    expect(await creneauxEnBase(promeneur.id)).toEqual([{ jour: 3, debut: 840, fin: 960 }]);
  });

  it("« Ajouter une absence » ajoute une ligne d'absence vide", async () => {
    const result = await post(lui, promeneur.id, { ...deuxCreneaux, intent: "ajouter-exception" });
    expect((result.data as ActionData).saisis.exceptions).toEqual([{ du: "", au: "", motif: "" }]);
  });

  it("refuse un chevauchement avec le message à côté du bon champ (400), sans rien enregistrer", async () => {
    const result = await post(lui, promeneur.id, {
      ...deuxCreneaux,
      "creneaux[1].jour": "2",
      "creneaux[1].debut": "19:00",
      "creneaux[1].fin": "21:00",
      "creneaux[1].reseaux": "instagram",
      intent: "enregistrer",
    });
    expect(result.status).toBe(400);
    const data = result.data as ActionData;
    expect(data.errors["creneaux[1].debut"]?.[0]?.replace(/\u00a0/g, " ")).toBe(
      "Ce créneau chevauche celui du mardi de 18 h 00 à 20 h 00.",
    );
    expect(data.saisis.creneaux[1]).toEqual({ jour: "2", debut: "19:00", fin: "21:00", reseaux: ["instagram"] });
    expect(await creneauxEnBase(promeneur.id)).toEqual([{ jour: 3, debut: 840, fin: 960 }]);
  });

  it("signale une heure manquante, un réseau manquant et une absence à l'envers", async () => {
    const result = await post(lui, promeneur.id, {
      ...deuxCreneaux,
      "exceptions[0].du": "2026-12-24",
      "exceptions[0].au": "2026-12-20",
      intent: "enregistrer",
    });
    expect(result.status).toBe(400);
    const { errors } = result.data as ActionData;
    expect(errors["creneaux[1].fin"]).toEqual(["Indiquez une heure."]);
    expect(await creneauxEnBase(promeneur.id)).toEqual([{ jour: 3, debut: 840, fin: 960 }]);

    const second = await post(lui, promeneur.id, {
      "creneaux[0].jour": "2",
      "creneaux[0].debut": "18:00",
      "creneaux[0].fin": "20:00",
      "exceptions[0].du": "2026-12-24",
      "exceptions[0].au": "2026-12-20",
      intent: "enregistrer",
    });
    const data = second.data as ActionData;
    expect(data.errors["creneaux[0].reseaux"]).toEqual(["Choisissez au moins un réseau."]);
    expect(data.errors["exceptions[0].au"]).toEqual(["La date de fin ne peut pas être avant la date de début."]);
  });

  it("enregistre, ignore une ligne laissée vide, lit 00:00 comme minuit en fin de créneau et redirige", async () => {
    const result = await post(lui, promeneur.id, {
      "creneaux[0].jour": "1",
      "creneaux[0].debut": "22:00",
      "creneaux[0].fin": "00:00",
      "creneaux[0].reseaux": "discord",
      "creneaux[1].jour": "1",
      "creneaux[1].debut": "",
      "creneaux[1].fin": "",
      "creneaux[2].jour": "5",
      "creneaux[2].debut": "12:05",
      "creneaux[2].fin": "13:00",
      "creneaux[2].reseaux": ["instagram", "snapchat"],
      intent: "enregistrer",
    });
    expect(result.status).toBe(302);
    expect(result.location).toBe(path(promeneur.id));
    expect(await creneauxEnBase(promeneur.id)).toEqual([
      { jour: 1, debut: 1320, fin: 1440 },
      { jour: 5, debut: 725, fin: 780 },
    ]);
    const page = (await load(lui, promeneur.id)).data as LoaderData;
    expect(page.saisis.creneaux[0]).toEqual({ jour: "1", debut: "22:00", fin: "00:00", reseaux: ["discord"] });
  });
});

describe("horaires : qui peut enregistrer", () => {
  const valide = {
    "creneaux[0].jour": "6",
    "creneaux[0].debut": "10:00",
    "creneaux[0].fin": "11:00",
    "creneaux[0].reseaux": "instagram",
    intent: "enregistrer",
  };

  it.each([
    ["le référent de la structure", () => referent, 403],
    ["un autre promeneur", () => autrePromeneur, 404],
    ["le coordinateur du 05", () => coordinateur05, 404],
  ])("refuse %s (%i) sans rien modifier", async (_, who, status) => {
    const avant = await creneauxEnBase(promeneur.id);
    expect((await post(who(), promeneur.id, valide)).status).toBe(status);
    expect((await post(who(), promeneur.id, { ...valide, intent: "ajouter-creneau" })).status).toBe(status);
    expect(await creneauxEnBase(promeneur.id)).toEqual(avant);
  });

  it("laisse le coordinateur du 04 enregistrer", async () => {
    expect((await post(coordinateur04, promeneur.id, valide)).status).toBe(302);
    expect(await creneauxEnBase(promeneur.id)).toEqual([{ jour: 6, debut: 600, fin: 660 }]);
  });
});
