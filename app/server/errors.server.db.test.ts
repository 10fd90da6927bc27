import { structures } from "@db/schema";
import { describe, expect, it } from "vitest";
import { getDb } from "~/server/db.server";
import { buildStructure, insertStructure } from "../../tests/factories/structure";
import { Invalid, uniqueViolation, withUniqueGuard } from "./errors.server";

// The race a command's own check cannot see: another write took the value between the check and
// the insert. The second insert is made directly, as the losing transaction would make it.
describe("withUniqueGuard", () => {
  it("change la violation de l'index unique nommé en l'erreur de champ en français, sans rien écrire", async () => {
    const db = getDb();
    const nom = `Structure unique ${Date.now()}`;
    await insertStructure(db, { nom });
    const guard = new Invalid("nom", "Une structure du département porte déjà ce nom : choisissez-en un autre.");
    const write = () => db.insert(structures).values(buildStructure({ nom: `  ${nom.toUpperCase()} ` }));
    await expect(withUniqueGuard(write, { structures_nom_unique: guard })).rejects.toBe(guard);
    const error = await write().catch((e: unknown) => e);
    expect(uniqueViolation(error)).toBe("structures_nom_unique");
  });

  it("laisse passer une autre erreur, et une violation d'un autre index", async () => {
    const db = getDb();
    const guard = new Invalid("nom", "pris");
    const autre = new Error("autre chose");
    await expect(withUniqueGuard(() => Promise.reject(autre), { structures_nom_unique: guard })).rejects.toBe(autre);
    const nom = `Structure autre index ${Date.now()}`;
    await insertStructure(db, { nom });
    const write = () => db.insert(structures).values(buildStructure({ nom }));
    const error = await withUniqueGuard(write, { actualites_departement_slug_index: guard }).catch((e: unknown) => e);
    expect(error).not.toBe(guard);
    expect(uniqueViolation(error)).toBe("structures_nom_unique");
    expect(uniqueViolation(new Error("x"))).toBeNull();
  });
});
