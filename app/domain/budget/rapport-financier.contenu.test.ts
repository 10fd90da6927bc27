import { describe, expect, it } from "vitest";
import { type Cellule, type Tableau, texteCellule } from "~/domain/rapport-annuel/rapport-annuel.contenu";
import { etatBudget } from "./budget.etat";
import { LIGNES_CHARGES, LIGNES_PRODUITS } from "./budget.labels";
import { formatMontant } from "./montant";
import { partDuBudget } from "./rapport-financier.contenu";
import {
  AUJOURDHUI_EXEMPLE,
  budgetExemple,
  contenuExemple,
  LIGNE_AJOUTEE,
  ligneBudget,
  versementBudget,
} from "./rapport-financier.test-support";

/** The texts of a table's row, as the documents print them. */
function textes(t: Tableau, ligne: Cellule[] | undefined): string[] {
  return t.colonnes.map((c, i) => texteCellule(ligne?.[i], c.format));
}

function ligne(t: Tableau, libelle: string): Cellule[] | undefined {
  return t.lignes.find((l) => l[0] === libelle);
}

function somme(t: Tableau, colonne: number): number {
  return t.lignes.slice(0, -1).reduce<number>((total, l) => total + ((l[colonne] as number | null) ?? 0), 0);
}

describe("contenuRapportFinancier", () => {
  it("titre le bilan avec le département et l'année, et dit que le budget est soumis", () => {
    const contenu = contenuExemple();
    expect(contenu.titre).toBe("Promeneurs du Net — Alpes-de-Haute-Provence — Bilan financier 2025");
    expect(contenu.sousTitre).toBe("Budget soumis le 24 janvier 2025.");
    expect(contenu.avertissements).toEqual([]);
    const brouillon = contenuExemple(budgetExemple({ statut: "brouillon", soumisLe: null }));
    expect(brouillon.sousTitre).toMatch(/^Budget en brouillon : pas encore soumis/);
  });

  it("a des totaux égaux à ceux du budget (etatBudget) et à la somme des lignes", () => {
    const budget = budgetExemple();
    const etat = etatBudget(budget, AUJOURDHUI_EXEMPLE);
    const contenu = contenuExemple(budget);
    expect(contenu.charges.total).toBe(true);
    expect(contenu.charges.lignes.at(-1)?.slice(0, 3)).toEqual([
      "Total des charges",
      etat.prevu.charges,
      etat.realise.charges,
    ]);
    expect(contenu.produits.lignes.at(-1)?.slice(0, 3)).toEqual([
      "Total des produits",
      etat.prevu.produits,
      etat.realise.produits,
    ]);
    // Hand-added: 30 200 + 4 800 + 2 500 + 3 000 + 1 500 + 3 500 + 500 € planned.
    expect(etat.prevu.charges).toBe(4_600_000);
    expect(etat.realise.charges).toBe(4_596_953);
    for (const t of [contenu.charges, contenu.produits]) {
      const total = t.lignes.at(-1) ?? [];
      expect(somme(t, 1), t.titre).toBe(total[1]);
      expect(somme(t, 2), t.titre).toBe(total[2]);
      expect(somme(t, 3), t.titre).toBe(total[3]);
    }
    expect(contenu.totaux).toEqual({ prevu: etat.prevu, realise: etat.realise });
    const financements = contenu.financements.lignes.at(-1);
    expect(financements?.[1]).toBe(etat.prevu.produits);
    expect(financements?.[3]).toBe(etat.realise.produits);
  });

  it("calcule les écarts en euros et en pourcentage du prévu, signés", () => {
    const { charges, produits } = contenuExemple();
    // 30 412,18 − 30 200,00 = +212,18 €, soit 21 218 ÷ 3 020 000 = +0,70 %.
    const personnel = ligne(charges, LIGNES_CHARGES.personnel_coordination);
    expect(personnel?.slice(1, 4)).toEqual([3_020_000, 3_041_218, 21_218]);
    expect(personnel?.[4]).toBeCloseTo(21_218 / 3_020_000, 12);
    expect(textes(charges, personnel)).toEqual([
      LIGNES_CHARGES.personnel_coordination,
      "30\u202f200,00\u00a0€",
      "30\u202f412,18\u00a0€",
      "+212,18\u00a0€",
      "+0,70\u00a0%",
      "Ancienneté : +1,2\u00a0% au 1er juillet.",
    ]);
    // 4 236,40 − 4 800,00 = −563,60 €, soit −56 360 ÷ 480 000 = −11,74 %.
    expect(textes(charges, ligne(charges, LIGNES_CHARGES.deplacements)).slice(3, 5)).toEqual([
      "\u2212563,60\u00a0€",
      "\u221211,74\u00a0%",
    ]);
    // The totals: 45 969,53 − 46 000,00 = −30,47 €.
    expect(textes(charges, charges.lignes.at(-1)).slice(1, 5)).toEqual([
      "46\u202f000,00\u00a0€",
      "45\u202f969,53\u00a0€",
      "\u221230,47\u00a0€",
      "\u22120,07\u00a0%",
    ]);
    // No variance: « 0,00 € », « 0,00 % », no sign; no comment: « – ».
    expect(textes(produits, ligne(produits, LIGNES_PRODUITS.caf)).slice(3)).toEqual([
      "0,00\u00a0€",
      "0,00\u00a0%",
      "–",
    ]);
  });

  it("écrit « – » pour un montant réalisé manquant, jamais 0, et le compte pour 0 dans le total", () => {
    const budget = budgetExemple();
    budget.lignes = budget.lignes.map((l) => (l.code === "communication" ? { ...l, realise: null } : l));
    const etat = etatBudget(budget, AUJOURDHUI_EXEMPLE);
    const contenu = contenuExemple(budget);
    const communication = ligne(contenu.charges, LIGNES_CHARGES.communication);
    expect(communication?.slice(1, 5)).toEqual([250_000, null, null, null]);
    expect(textes(contenu.charges, communication).slice(1, 5)).toEqual(["2\u202f500,00\u00a0€", "–", "–", "–"]);
    expect(contenu.charges.lignes.at(-1)?.[2]).toBe(etat.realise.charges);
    expect(etat.realise.charges).toBe(4_596_953 - 287_195);
    expect(contenu.charges.note).toBe(
      "1 ligne sans montant réalisé (« – ») : elle compte pour 0 dans le total réalisé.",
    );
    expect(contenu.produits.note).toBeUndefined();
    expect(contenu.avertissements[0]).toMatch(/^1 ligne du budget n'a pas encore de montant réalisé/);
    expect(contenu.regles.realise.note).toMatch(/provisoires/);
    // The prorating waits for every actual charge.
    expect(contenu.proratisation.statut).toBe("en_attente");
    expect(contenu.proratisation.tableau).toBeNull();
    expect(contenu.proratisation.paragraphes[0]).toMatch(/encore 1 ligne sans montant réalisé/);
    expect(contenu.parties.at(-1)?.tableaux).toEqual([]);
  });

  it("reprend le libellé d'une ligne ajoutée et ceux de la liste K", () => {
    const { charges, produits } = contenuExemple();
    expect(charges.lignes.map((l) => l[0])).toEqual([
      ...Object.values(LIGNES_CHARGES).filter((l) => l !== LIGNES_CHARGES.autre_charge),
      LIGNE_AJOUTEE,
      "Total des charges",
    ]);
    expect(ligne(charges, LIGNE_AJOUTEE)?.slice(1, 4)).toEqual([50_000, 42_000, -8_000]);
    expect(produits.lignes.map((l) => l[0])).toEqual([
      LIGNES_PRODUITS.caf,
      LIGNES_PRODUITS.msa,
      LIGNES_PRODUITS.fonds_propres,
      "Total des produits",
    ]);
  });

  it("donne les parts des financeurs sur le budget total, arrondies comme les règles", () => {
    const { financements } = contenuExemple();
    expect(textes(financements, ligne(financements, "CAF"))).toEqual([
      "CAF",
      "36\u202f800,00\u00a0€",
      "80,00\u00a0%",
      "36\u202f800,00\u00a0€",
      // 36 800 ÷ 45 969,53 = 80,053… %: rounded down, as the rule's message prints it.
      "80,05\u00a0%",
    ]);
    // 2 500 ÷ 46 000 = 5,434… %.
    expect(textes(financements, ligne(financements, "MSA"))[2]).toBe("5,43\u00a0%");
    const autres = financements.lignes[2];
    expect(autres?.[1]).toBe(670_000);
    expect(autres?.[3]).toBe(666_953);
    expect(partDuBudget(1, 3)).toBe(0.3333);
    expect(partDuBudget(5, 0)).toBeNull();
  });

  it("donne le temps du coordinateur : ETP × coût annuel d'un temps plein", () => {
    const { coordination } = contenuExemple();
    expect(coordination.lignes).toEqual([[0.5, 6_040_000, 3_020_000, 3_020_000, 3_041_218]]);
    expect(coordination.note).toBeUndefined();
    const sansCout = contenuExemple(budgetExemple({ coutAnnuelCoordination: null })).coordination;
    expect(sansCout.lignes[0]?.[2]).toBeNull();
    expect(sansCout.note).toMatch(/n'est pas saisi/);
    const autreCout = contenuExemple(budgetExemple({ coutAnnuelCoordination: 6_000_000 })).coordination;
    expect(autreCout.note).toBe(
      "Le coût calculé diffère de la ligne « Personnel de coordination » prévue (+200,00\u00a0€).",
    );
  });

  it("liste les règles de l'appel avec leur statut et leur message, sur le prévu et le réalisé", () => {
    const { regles, parties } = contenuExemple();
    expect(regles.prevu.lignes.map((l) => l[1])).toEqual([
      "Respectée",
      "Respectée",
      "Respectée",
      "Respectée",
      "Respectée",
    ]);
    expect(regles.prevu.lignes[0]?.[2]).toMatch(/^Part de la CAF : 36\u202f800,00\u00a0€, soit 80,00\u00a0%/);
    // The CAF paid its whole subsidy while the actual charges fell: its actual share exceeds 80 %.
    expect(regles.realise.lignes.map((l) => [l[0], l[1]])).toEqual([
      ["Part de la CAF (80\u00a0% du budget au plus)", "Non respectée"],
      ["Part de la MSA (2\u00a0500\u00a0€ par an au plus)", "Respectée"],
      ["Équilibre des charges et des produits", "Respectée"],
    ]);
    expect(parties.find((p) => p.titre === "Règles de financement de l'appel")?.paragraphes).toEqual([
      "Le budget prévu respecte chaque règle de l'appel qui peut être vérifiée.",
    ]);
    const casse = contenuExemple(
      budgetExemple({
        lignes: [ligneBudget("charge", "deplacements", 100_000, null), ligneBudget("produit", "caf", 90_000, null)],
        cafAutreAnnee: null,
      }),
    );
    expect(casse.avertissements).toContain(
      "Le budget prévu ne respecte pas 2 règles de l'appel : voir « Règles de financement de l'appel ».",
    );
  });

  it("donne l'échéancier, les versements (remboursements en négatif) et leur total net", () => {
    const budget = budgetExemple({
      rapportsRecusLe: "2026-03-20",
      versements: [
        versementBudget("avance", 1_840_000, "2025-04-14"),
        versementBudget("solde", 1_840_000, "2026-05-12"),
        versementBudget("remboursement", 2_438, "2026-06-02", "Trop-perçu après proratisation."),
      ],
    });
    const etat = etatBudget(budget, "2026-07-01");
    const contenu = contenuExemple(budget, "2026-07-01");
    expect(contenu.echeancier.lignes.map((l) => textes(contenu.echeancier, l))).toEqual([
      [
        "Avance (50\u00a0%)",
        "18\u202f400,00\u00a0€",
        "18\u202f400,00\u00a0€",
        "0,00\u00a0€",
        "31 décembre 2025",
        "Versée",
      ],
      ["Solde", "18\u202f400,00\u00a0€", "18\u202f400,00\u00a0€", "0,00\u00a0€", "30 juin 2026", "Versée"],
      ["Total", "36\u202f800,00\u00a0€", "36\u202f800,00\u00a0€", "0,00\u00a0€", "", ""],
    ]);
    expect(contenu.versements.lignes.map((l) => l[2])).toEqual([1_840_000, 1_840_000, -2_438, 3_677_562]);
    expect(contenu.versements.lignes.at(-1)?.[2]).toBe(etat.echeancier.totalVerse);
    expect(somme(contenu.versements, 2)).toBe(etat.echeancier.totalVerse);
    expect(texteCellule(-2_438, "montant")).toBe("\u221224,38\u00a0€");
    expect(contenu.parties.find((p) => p.titre === "Subvention de la CAF et versements")?.paragraphes[1]).toBe(
      "Rapport d'activité et bilan financier reçus le 20 mars 2026.",
    );
    const vide = contenuExemple(budgetExemple({ versements: [] })).versements;
    expect(vide.lignes).toEqual([]);
    expect(vide.vide).toBe("Aucun versement enregistré.");
  });

  it("montre la proratisation calculée comme « non confirmée », puis confirmée", () => {
    const contenu = contenuExemple();
    // 36 800 € × 45 969,53 ÷ 46 000 = 36 775,624 → 36 775,62 € (rounded down), 24,38 € less.
    expect(contenu.proratisation.statut).toBe("non_confirmee");
    expect(contenu.proratisation.paragraphes[1]).toMatch(/^Proratisation non confirmée/);
    expect(contenu.proratisation.tableau?.titre).toBe("Proratisation (calcul non confirmé)");
    expect(contenu.proratisation.tableau?.lignes).toEqual([
      ["Subvention au budget", 3_680_000],
      ["Subvention retenue", 3_677_562],
      ["Réduction (retenue sur le solde ou remboursée)", 2_438],
      ["Déjà versé, net des remboursements", 1_840_000],
      ["Solde à verser par la CAF", 1_837_562],
      ["À rembourser à la CAF", 0],
    ]);

    const confirmee = contenuExemple(
      budgetExemple({ subventionProratisee: 3_677_562, proratisationConfirmeeLe: new Date("2026-03-02T09:00:00Z") }),
    );
    expect(confirmee.proratisation.statut).toBe("confirmee");
    expect(confirmee.proratisation.paragraphes[1]).toBe(
      `Proratisation confirmée le 2 mars 2026 : subvention retenue de ${formatMontant(3_677_562)}.`,
    );
    expect(confirmee.proratisation.tableau?.titre).toBe("Proratisation");
    expect(confirmee.subvention.lignes[1]).toEqual(["Subvention retenue", 3_677_562]);

    const perimee = contenuExemple(budgetExemple({ subventionProratisee: 3_600_000, proratisationConfirmeeLe: null }));
    expect(perimee.proratisation.statut).toBe("a_reconfirmer");
    expect(perimee.proratisation.paragraphes[1]).toMatch(/le calcul donne désormais 36\u202f775,62\u00a0€/);

    const entiere = contenuExemple(
      budgetExemple({
        lignes: budgetExemple().lignes.map((l) => (l.sens === "charge" ? { ...l, realise: l.prevu } : l)),
      }),
    );
    expect(entiere.proratisation.statut).toBe("sans_proratisation");
    expect(entiere.proratisation.paragraphes[1]).toBe("Pas de proratisation : la subvention est retenue en entier.");
  });

  it("range les parties dans l'ordre du document, avec les tableaux du contenu", () => {
    const contenu = contenuExemple();
    expect(contenu.parties.map((p) => p.titre)).toEqual([
      "Charges et produits",
      "Répartition des financements",
      "Temps de coordination",
      "Règles de financement de l'appel",
      "Subvention de la CAF et versements",
      "Proratisation",
    ]);
    expect(contenu.parties[0]?.tableaux).toEqual([contenu.charges, contenu.produits]);
  });
});

describe("texteCellule des montants", () => {
  it("écrit les centimes en euros à la française, signés pour un écart", () => {
    expect(texteCellule(250_050, "montant")).toBe("2\u202f500,50\u00a0€");
    expect(texteCellule(-30_000, "montant")).toBe("\u2212300,00\u00a0€");
    expect(texteCellule(12_000, "ecart_montant")).toBe("+120,00\u00a0€");
    expect(texteCellule(0, "ecart_montant")).toBe("0,00\u00a0€");
    expect(texteCellule(null, "montant")).toBe("–");
    expect(texteCellule(0.8, "pourcentage")).toBe("80,00\u00a0%");
    expect(texteCellule(-0.00001, "ecart_pourcentage")).toBe("0,00\u00a0%");
    expect(texteCellule(0.125, "ecart_pourcentage")).toBe("+12,50\u00a0%");
  });
});
