import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { getDb } from "~/server/db.server";
import { insertCreneau, insertProfil, insertPromeneur, type PromeneurRow } from "../../../tests/factories/promeneur";
import { insertUser } from "../../../tests/factories/user";
import { actorOf, contextFor, getRequest, outcome } from "../../../tests/support/route";
import { loader } from "./promeneur";

type Data = {
  nom: string;
  fiche: {
    id: string;
    nomPublic: string;
    statut: string;
    explication: string;
    profils: string;
    horaires: string;
  } | null;
};

const load = (actor: Actor | null) =>
  outcome(() => loader({ request: getRequest("/espace/promeneur"), context: contextFor(actor), params: {} } as never));

let promeneur: PromeneurRow;
let lui: Actor;

beforeAll(async () => {
  const db = getDb();
  const user = await insertUser(db, { roles: [{ role: "promeneur", departement: "04" }] });
  promeneur = await insertPromeneur(db, { statut: "actif", userId: user.id, nomPublic: "Sam, éducateur" });
  lui = await actorOf(user.id);
});

describe("accueil du promeneur", () => {
  it("montre le statut et des liens vers la fiche, les profils, les horaires et le territoire", async () => {
    const result = await load(lui);
    expect(result.status).toBe(200);
    const { fiche } = result.data as Data;
    expect(fiche).toMatchObject({
      id: promeneur.id,
      nomPublic: "Sam, éducateur",
      statut: "actif",
      profils: "aucun profil déclaré",
      horaires: "aucun créneau déclaré",
    });
  });

  it("résume les profils déclarés et le prochain créneau", async () => {
    await insertProfil(getDb(), promeneur);
    await insertProfil(getDb(), promeneur, {
      derniereVerificationLe: new Date(Date.now() - 86_400_000),
      dernierResultat: "conforme",
    });
    // Un créneau chaque jour de la semaine, de 0 h 00 à 0 h 05 et de 23 h 55 à minuit : il y a toujours un prochain.
    for (const jour of [1, 2, 3, 4, 5, 6, 7]) {
      await insertCreneau(getDb(), promeneur.id, { jour, debut: 0, fin: 5, reseaux: ["instagram"] });
      await insertCreneau(getDb(), promeneur.id, { jour, debut: 1435, fin: 1440, reseaux: ["instagram"] });
    }
    const { fiche } = (await load(lui)).data as Data;
    expect(fiche?.profils).toBe("2 profils déclarés, dont 1 conforme");
    expect(fiche?.horaires).toMatch(/^(en ligne en ce moment|prochain créneau : \p{L}+ \d+ \p{L}+ de )/u);
  });

  it("dit clairement quand aucune fiche n'est reliée au compte", async () => {
    const seul = await actorOf((await insertUser(getDb(), { roles: [{ role: "promeneur", departement: "04" }] })).id);
    const result = await load(seul);
    expect(result.status).toBe(200);
    expect((result.data as Data).fiche).toBeNull();
  });

  it("refuse un coordinateur (403)", async () => {
    const coordinateur = await actorOf(
      (await insertUser(getDb(), { roles: [{ role: "coordinateur", departement: "04" }] })).id,
    );
    expect((await load(coordinateur)).status).toBe(403);
  });
});
