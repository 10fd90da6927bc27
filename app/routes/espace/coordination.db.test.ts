import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { getDb } from "~/server/db.server";
import { insertProfil, insertPromeneur } from "../../../tests/factories/promeneur";
import { insertUser } from "../../../tests/factories/user";
import { actorOf, contextFor, getRequest, outcome } from "../../../tests/support/route";
import * as coordination from "./coordination";

type ATraiter = { propositions: number; aActiver: number; profils: number; echeances: number };
type Data = { actifs: number; aTraiter: ATraiter };

const DEPARTEMENT = "06";
let coordinateur: Actor;

async function dashboard(actor: Actor): Promise<Data> {
  const result = await outcome(() =>
    coordination.loader({
      request: getRequest("/espace/coordination"),
      context: contextFor(actor),
      params: {},
    } as never),
  );
  expect(result.status).toBe(200);
  return result.data as Data;
}

beforeAll(async () => {
  const user = await insertUser(getDb(), { roles: [{ role: "coordinateur", departement: DEPARTEMENT }] });
  coordinateur = await actorOf(user.id);
});

describe("tableau de bord de la coordination : ce qui est à traiter", () => {
  it("compte les propositions, les promeneurs formés et les profils à vérifier du seul département", async () => {
    const db = getDb();
    const before = await dashboard(coordinateur);
    expect(before).toMatchObject({ actifs: 0, aTraiter: { propositions: 0, aActiver: 0, profils: 0, echeances: 0 } });

    const base = { departement: DEPARTEMENT };
    await insertPromeneur(db, { ...base, statut: "propose" });
    await insertPromeneur(db, { ...base, statut: "propose" });
    const forme = await insertPromeneur(db, { ...base, statut: "forme" });
    const actif = await insertPromeneur(db, { ...base, statut: "actif" });
    // Never verified: to verify. Verified today and conforming: nothing to do.
    await insertProfil(db, forme);
    await insertProfil(db, actif, { derniereVerificationLe: new Date(), dernierResultat: "conforme" });
    // Another département's promeneurs never count.
    await insertPromeneur(db, { departement: "04", statut: "propose" });

    const after = await dashboard(coordinateur);
    expect(after).toMatchObject({ actifs: 1, aTraiter: { propositions: 2, aActiver: 1, profils: 1, echeances: 0 } });
  });
});
