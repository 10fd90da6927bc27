import { describe, expect, it } from "vitest";
import { getDb } from "~/server/db.server";
import { insertStructure } from "../../../tests/factories/structure";
import { insertUser } from "../../../tests/factories/user";
import { actorOf, contextFor, getRequest, outcome } from "../../../tests/support/route";
import { loader } from "./structures";

type LoaderData = { structures: { nom: string }[] };

describe("liste des structures", () => {
  it("montre au coordinateur les structures de son département seulement", async () => {
    const db = getDb();
    await insertStructure(db, { nom: "Structure du 04", departement: "04" });
    await insertStructure(db, { nom: "Structure du 05", departement: "05", communeCode: "05061" });
    const coordinator05 = await insertUser(db, { roles: [{ role: "coordinateur", departement: "05" }] });
    const result = await outcome(() =>
      loader({ request: getRequest("/espace/structures"), context: contextFor(null), params: {} } as never),
    );
    expect(result.status).toBe(302);
    const actor = await actorOf(coordinator05.id);
    const own = await outcome(() =>
      loader({ request: getRequest("/espace/structures"), context: contextFor(actor), params: {} } as never),
    );
    const names = (own.data as LoaderData).structures.map((s) => s.nom);
    expect(names).toContain("Structure du 05");
    expect(names).not.toContain("Structure du 04");
    const other = await outcome(() =>
      loader({
        request: getRequest("/espace/structures?departement=04"),
        context: contextFor(actor),
        params: {},
      } as never),
    );
    expect(other.status).toBe(404);
  });

  it("refuse la liste à un membre du comité de pilotage", async () => {
    const copil = await insertUser(getDb(), { roles: [{ role: "copil", departement: "04" }] });
    const result = await outcome(async () =>
      loader({
        request: getRequest("/espace/structures"),
        context: contextFor(await actorOf(copil.id)),
        params: {},
      } as never),
    );
    expect(result.status).toBe(403);
  });
});
