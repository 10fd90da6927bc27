import { budgetLignes, budgets, budgetVersements } from "@db/schema";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "~/server/db.server";

/** The violated constraint's name, read from the error and its cause (drivers wrap it differently). */
async function contrainte(promesse: Promise<unknown>): Promise<string> {
  try {
    await promesse;
  } catch (error) {
    const e = error as { constraint?: string; cause?: { constraint?: string; message?: string }; message?: string };
    return e.cause?.constraint ?? e.constraint ?? e.cause?.message ?? e.message ?? "";
  }
  return "aucune";
}

describe("schéma du budget", () => {
  it("garde les montants en centimes exacts, au-delà de 21 millions d'euros", async () => {
    const db = getDb();
    const [budget] = await db
      .insert(budgets)
      .values({ departement: "05", annee: 2031, etpCoordination: 50 })
      .returning();
    if (!budget) throw new Error("no budget");
    await db
      .insert(budgetLignes)
      .values({ budgetId: budget.id, sens: "charge", code: "deplacements", prevu: 9_999_999_999 });
    const [ligne] = await db.select().from(budgetLignes).where(eq(budgetLignes.budgetId, budget.id));
    expect(ligne?.prevu).toBe(9_999_999_999);
    expect(ligne?.realise).toBeNull();
  });

  it("un budget par département et par année ; des montants et des statuts valides seulement", async () => {
    const db = getDb();
    const [budget] = await db.insert(budgets).values({ departement: "05", annee: 2032 }).returning();
    if (!budget) throw new Error("no budget");
    expect(await contrainte(db.insert(budgets).values({ departement: "05", annee: 2032 }))).toContain(
      "budgets_departement_annee_unique",
    );
    expect(await contrainte(db.insert(budgets).values({ departement: "05", annee: 2033, statut: "valide" }))).toContain(
      "budgets_statut",
    );
    expect(
      await contrainte(
        db.insert(budgetLignes).values({ budgetId: budget.id, sens: "charge", code: "autre_charge", prevu: -1 }),
      ),
    ).toContain("budget_lignes_prevu");
    expect(
      await contrainte(db.insert(budgetLignes).values({ budgetId: budget.id, sens: "recette", code: "caf", prevu: 1 })),
    ).toContain("budget_lignes_sens");
    expect(
      await contrainte(
        db.insert(budgetVersements).values({ budgetId: budget.id, type: "avance", centimes: 0, verseLe: "2032-03-01" }),
      ),
    ).toContain("budget_versements_centimes");
    // Deleting a budget takes its lines and payments with it.
    await db
      .insert(budgetVersements)
      .values({ budgetId: budget.id, type: "avance", centimes: 1, verseLe: "2032-03-01" });
    await db.delete(budgets).where(eq(budgets.id, budget.id));
    expect(await db.select().from(budgetVersements).where(eq(budgetVersements.budgetId, budget.id))).toEqual([]);
  });
});
