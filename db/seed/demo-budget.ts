import { eq } from "drizzle-orm";
import { LIGNES_CHARGES, LIGNES_PRODUITS } from "~/domain/budget/budget.labels";
import { recordAudit } from "~/server/audit.server";
import type { Executor } from "~/server/db.server";
import { appMeta, budgetLignes, budgets, budgetVersements } from "../schema";

/**
 * The budget part of the fictional 04 demo (issue 8): the convention's two years, 2025 and 2026,
 * both submitted and keeping every rule of the call (CAF 36 400 €, 80 % of 45 500 €; MSA 2 500 €;
 * the coordinator at 0.5 FTE; the same subsidy both years). 2025 is closed: actual amounts with
 * comments, the advance and the balance paid, the reports received. 2026 is under way: the advance
 * paid, the actual amounts of two lines entered so far. Loaded once, by its marker.
 */
export const DEMO_BUDGET_MARKER = "demo.04.budget";
const DEPARTEMENT = "04";
const DEMO = { system: "démo" } as const;

type LigneDemo = { code: string; prevu: number; realise?: number; commentaire?: string };

/** Planned amounts in cents; the staff line is 0.5 × 60 400 € = 30 200 €. */
const PREVU: Record<string, number> = {
  personnel_coordination: 3_020_000,
  deplacements: 480_000,
  communication: 250_000,
  formation_supervision: 300_000,
  equipement: 150_000,
  frais_structure: 350_000,
  autre_charge: 0,
  caf: 3_640_000,
  msa: 250_000,
  fonds_propres: 660_000,
  autres_publics: 0,
  autre_produit: 0,
};

const REALISE_2025: Record<string, { realise: number; commentaire?: string }> = {
  personnel_coordination: { realise: 3_041_218, commentaire: "Ancienneté : +1,2 % au 1er juillet." },
  deplacements: { realise: 423_640, commentaire: "Moins de trajets en hiver (cols fermés), davantage de visio." },
  communication: { realise: 287_195, commentaire: "Réimpression des affiches et des cartes pour les collèges." },
  formation_supervision: { realise: 264_000, commentaire: "Une séance d'analyse de pratiques reportée en 2026." },
  equipement: { realise: 168_900 },
  frais_structure: { realise: 370_000 },
  autre_charge: { realise: 0 },
  caf: { realise: 3_640_000 },
  msa: { realise: 250_000 },
  fonds_propres: { realise: 664_953, commentaire: "Complément du centre social porteur." },
  autres_publics: { realise: 0 },
  autre_produit: { realise: 0 },
};

const REALISE_2026: Record<string, { realise: number; commentaire?: string }> = {
  deplacements: { realise: 312_050, commentaire: "Au 31 octobre." },
  communication: { realise: 198_000, commentaire: "Au 31 octobre : campagne de rentrée comprise." },
};

function lignes(
  realises: Record<string, { realise: number; commentaire?: string }>,
): Array<LigneDemo & { sens: string; ordre: number }> {
  const ligne = (sens: "charge" | "produit", code: string, ordre: number) => ({
    sens,
    code,
    ordre,
    prevu: PREVU[code] ?? 0,
    ...realises[code],
  });
  return [
    ...Object.keys(LIGNES_CHARGES).map((code, ordre) => ligne("charge", code, ordre)),
    ...Object.keys(LIGNES_PRODUITS).map((code, ordre) => ligne("produit", code, ordre)),
  ];
}

const ANNEES = [
  {
    annee: 2025,
    soumisLe: new Date("2025-01-24T10:00:00Z"),
    rapportsRecusLe: "2026-03-20",
    lignes: lignes(REALISE_2025),
    versements: [
      { type: "avance", centimes: 1_820_000, verseLe: "2025-04-14", commentaire: "Avance de 50 %." },
      { type: "solde", centimes: 1_820_000, verseLe: "2026-05-12", commentaire: "Solde après les rapports." },
    ],
  },
  {
    annee: 2026,
    soumisLe: new Date("2026-01-28T10:00:00Z"),
    rapportsRecusLe: null,
    lignes: lignes(REALISE_2026),
    versements: [{ type: "avance", centimes: 1_820_000, verseLe: "2026-04-09", commentaire: "Avance de 50 %." }],
  },
] as const;

export async function seedDemoBudget(tx: Executor, coordinateurId: string | null, now: Date): Promise<boolean> {
  const [marker] = await tx.select({ key: appMeta.key }).from(appMeta).where(eq(appMeta.key, DEMO_BUDGET_MARKER));
  if (marker) return false;
  // A coordination that already entered a budget keeps it: the demo's is not added beside it.
  const [existant] = await tx
    .select({ id: budgets.id })
    .from(budgets)
    .where(eq(budgets.departement, DEPARTEMENT))
    .limit(1);
  for (const a of existant ? [] : ANNEES) {
    const [budget] = await tx
      .insert(budgets)
      .values({
        departement: DEPARTEMENT,
        annee: a.annee,
        statut: "soumis",
        etpCoordination: 50,
        coutAnnuelCoordination: 6_040_000,
        rapportsRecusLe: a.rapportsRecusLe,
        soumisLe: a.soumisLe,
        soumisPar: coordinateurId,
        createdAt: a.soumisLe,
        updatedAt: now,
      })
      .returning({ id: budgets.id });
    if (!budget) throw new Error("demo budget not inserted");
    await tx.insert(budgetLignes).values(
      a.lignes.map((l) => ({
        budgetId: budget.id,
        sens: l.sens,
        code: l.code,
        ordre: l.ordre,
        prevu: l.prevu,
        realise: l.realise ?? null,
        commentaire: l.commentaire ?? "",
      })),
    );
    await tx
      .insert(budgetVersements)
      .values(a.versements.map((v) => ({ budgetId: budget.id, ...v, creePar: coordinateurId, createdAt: now })));
    const audit = (action: string, changes: Record<string, unknown>) =>
      recordAudit(tx, DEMO, {
        action,
        entityType: "budget",
        entityId: budget.id,
        departement: DEPARTEMENT,
        changes: { annee: a.annee, ...changes },
      });
    await audit("budget.ouvrir", {});
    await audit("budget.soumettre", { charges: "45500,00", subvention: "36400,00" });
    for (const v of a.versements) {
      await audit("budget.versement.ajouter", { type: v.type, montant: "18200,00", verseLe: v.verseLe });
    }
  }
  await tx.insert(appMeta).values({ key: DEMO_BUDGET_MARKER, value: now.toISOString() });
  return true;
}
