/**
 * The content of a year's financial report (issue 8), independent of its format (pure): the
 * budget planned vs actual line by line with the variances and the coordination's comments, the
 * funding shares, the coordinator's time, the call's rules on both columns, the subsidy's schedule
 * and payments, and the prorating. Built on the annual report's tables (`Tableau`): the same
 * writers print it on its own (DOCX, PDF, XLSX) and as the annual report's « Bilan financier ».
 *
 * Every amount is in cents, as integers, taken from `etatBudget`: the totals rows are its totals.
 * A missing actual amount stays `null` (printed « – »); the totals count it as 0, as `etatBudget`
 * does, and a note says so.
 */
import type { Cellule, Tableau } from "~/domain/rapport-annuel/rapport-annuel.contenu";
import { formatDate } from "~/lib/format";
import { type BudgetComplet, type EtatBudget, type LigneBudget, libelleLigne, type Totaux } from "./budget.etat";
import { statutEcheanceLabels, statutRegleLabels, typeVersementLabels } from "./budget.labels";
import { coutCoordination, type Verification } from "./budget.rules";
import { formatMontant } from "./montant";
import { regleLabels, type StatutProratisation } from "./rapport-financier.labels";

/** A part of the report: a heading, its paragraphs, then its tables. */
export type PartieRapportFinancier = { titre: string; paragraphes: string[]; tableaux: Tableau[] };

export type ContenuRapportFinancier = {
  departement: { code: string; nom: string };
  annee: number;
  genereLe: Date;
  statut: BudgetComplet["statut"];
  /** « Promeneurs du Net — Alpes-de-Haute-Provence — Bilan financier 2025 ». */
  titre: string;
  /** The budget's status: submitted (and when) or a draft. */
  sousTitre: string;
  /** What a reader must know before the figures (actual amounts missing, a rule broken). */
  avertissements: string[];
  /** The budget's totals (`etatBudget`): what the totals rows of the tables show. */
  totaux: { prevu: Totaux; realise: Totaux };
  charges: Tableau;
  produits: Tableau;
  financements: Tableau;
  coordination: Tableau;
  regles: { prevu: Tableau; realise: Tableau };
  /** The subsidy at a glance: planned, retained, paid, due, to repay. */
  subvention: Tableau;
  echeancier: Tableau;
  versements: Tableau;
  proratisation: { statut: StatutProratisation; paragraphes: string[]; tableau: Tableau | null };
  /** The parts in the order the documents write them (the tables above, with their headings). */
  parties: PartieRapportFinancier[];
};

export type DonneesRapportFinancier = {
  budget: BudgetComplet;
  /** `etatBudget(budget, aujourdhui)`. */
  etat: EtatBudget;
  departementNom: string;
  genereLe: Date;
};

/** « 2 lignes », « 1 ligne ». */
function lignes(n: number): string {
  return `${n} ligne${n > 1 ? "s" : ""}`;
}

/**
 * A share in hundredths of a percent, rounded down, as a fraction: the figure the rules' messages
 * print (`textePourcentage`), so a table never reads differently from its rule. Null without a total.
 */
export function partDuBudget(montant: number, total: number): number | null {
  if (total <= 0) return null;
  return Number((BigInt(montant) * 10_000n) / BigInt(total)) / 10_000;
}

/** The variance of an actual amount from the planned one: in cents, and as a fraction of the planned. */
function ecarts(prevu: number, realise: number | null): [Cellule, Cellule] {
  if (realise === null) return [null, null];
  const ecart = realise - prevu;
  return [ecart, prevu > 0 ? ecart / prevu : null];
}

function tableauLignes(
  titre: string,
  libelleTotal: string,
  lignesBudget: readonly LigneBudget[],
  prevu: number,
  realise: number,
): Tableau {
  const sansRealise = lignesBudget.filter((l) => l.realise === null).length;
  return {
    titre,
    colonnes: [
      { titre: "Ligne", format: "texte" },
      { titre: "Prévu", format: "montant" },
      { titre: "Réalisé", format: "montant" },
      { titre: "Écart", format: "ecart_montant" },
      { titre: "Écart en %", format: "ecart_pourcentage" },
      { titre: "Commentaire", format: "texte" },
    ],
    lignes: [
      ...lignesBudget.map((l): Cellule[] => [
        libelleLigne(l),
        l.prevu,
        l.realise,
        ...ecarts(l.prevu, l.realise),
        // No comment reads « – » (an empty cell in the workbook).
        l.commentaire || null,
      ]),
      [libelleTotal, prevu, realise, ...ecarts(prevu, realise), ""],
    ],
    total: true,
    ...(sansRealise > 0
      ? {
          note: `${lignes(sansRealise)} sans montant réalisé (« – ») : ${sansRealise > 1 ? "elles comptent" : "elle compte"} pour 0 dans le total réalisé.`,
        }
      : {}),
  };
}

function tableauFinancements(etat: EtatBudget): Tableau {
  const { prevu, realise } = etat;
  const ligne = (libelle: string, p: number, r: number): Cellule[] => [
    libelle,
    p,
    partDuBudget(p, prevu.charges),
    r,
    partDuBudget(r, realise.charges),
  ];
  return {
    titre: "Parts des financeurs",
    colonnes: [
      { titre: "Financeur", format: "texte" },
      { titre: "Prévu", format: "montant" },
      { titre: "Part du budget prévu", format: "pourcentage" },
      { titre: "Réalisé", format: "montant" },
      { titre: "Part du budget réalisé", format: "pourcentage" },
    ],
    lignes: [
      ligne("CAF", prevu.caf, realise.caf),
      ligne("MSA", prevu.msa, realise.msa),
      ligne(
        "Autres financements (fonds propres, autres financements publics, autres produits)",
        prevu.produits - prevu.caf - prevu.msa,
        realise.produits - realise.caf - realise.msa,
      ),
      ligne("Total des produits", prevu.produits, realise.produits),
    ],
    total: true,
    note: "Les parts sont calculées sur le total des charges (le budget total), comme la règle des 80\u00a0% de la CAF, et arrondies au centième inférieur.",
  };
}

function tableauCoordination(budget: BudgetComplet): Tableau {
  const personnel = budget.lignes.filter((l) => l.sens === "charge" && l.code === "personnel_coordination");
  const prevu = personnel.reduce((total, l) => total + l.prevu, 0);
  const realises = personnel.map((l) => l.realise).filter((r): r is number => r !== null);
  const realise =
    personnel.length > 0 && realises.length === personnel.length ? realises.reduce((a, b) => a + b, 0) : null;
  const { etpCoordination: etp, coutAnnuelCoordination: cout } = budget;
  const calcule = etp === null || cout === null ? null : coutCoordination(etp, cout);
  let note: string | undefined;
  if (calcule === null) {
    note = "Le temps du coordinateur ou le coût annuel d'un temps plein n'est pas saisi : le coût n'est pas calculé.";
  } else if (personnel.length > 0 && calcule !== prevu) {
    note = `Le coût calculé diffère de la ligne « Personnel de coordination » prévue (${texteEcart(prevu - calcule)}).`;
  }
  return {
    titre: "Temps et coût du coordinateur",
    colonnes: [
      { titre: "Temps (ETP)", format: "decimal" },
      { titre: "Coût annuel d'un temps plein", format: "montant" },
      { titre: "Coût calculé (ETP × coût)", format: "montant" },
      { titre: "Ligne « Personnel » prévue", format: "montant" },
      { titre: "Ligne « Personnel » réalisée", format: "montant" },
    ],
    lignes: [[etp === null ? null : etp / 100, cout, calcule, personnel.length > 0 ? prevu : null, realise]],
    ...(note ? { note } : {}),
  };
}

/** « +120,00 € », « −300,00 € ». */
function texteEcart(centimes: number): string {
  if (centimes === 0) return formatMontant(0);
  return `${centimes > 0 ? "+" : "\u2212"}${formatMontant(Math.abs(centimes))}`;
}

function tableauRegles(titre: string, verifications: readonly Verification[]): Tableau {
  return {
    titre,
    colonnes: [
      { titre: "Règle", format: "texte" },
      { titre: "Statut", format: "texte" },
      { titre: "Détail", format: "texte" },
    ],
    lignes: verifications.map((v) => [regleLabels[v.regle], statutRegleLabels[v.statut], v.message]),
  };
}

function tableauSubvention(etat: EtatBudget): Tableau {
  const e = etat.echeancier;
  return {
    titre: "La subvention de la CAF",
    colonnes: [
      { titre: "Subvention", format: "texte" },
      { titre: "Montant", format: "montant" },
    ],
    lignes: [
      ["Subvention au budget (ligne CAF prévue)", etat.subvention],
      ["Subvention retenue", e.subventionRetenue],
      ["Versé par la CAF, net des remboursements", e.totalVerse],
      ["Déjà remboursé à la CAF", e.rembourse],
      ["Reste dû par la CAF", e.resteDu],
      ["À rembourser à la CAF", e.aRembourser],
    ],
  };
}

function tableauEcheancier(etat: EtatBudget): Tableau {
  const echeances = etat.echeancier.echeances;
  const somme = (champ: "du" | "verse" | "reste") => echeances.reduce((total, e) => total + e[champ], 0);
  return {
    titre: "Échéancier",
    colonnes: [
      { titre: "Échéance", format: "texte" },
      { titre: "Montant dû", format: "montant" },
      { titre: "Versé", format: "montant" },
      { titre: "Reste à verser", format: "montant" },
      { titre: "Date limite", format: "texte" },
      { titre: "Statut", format: "texte" },
    ],
    lignes: [
      ...echeances.map((e): Cellule[] => [
        typeVersementLabels[e.type],
        e.du,
        e.verse,
        e.reste,
        formatDate(e.echeance),
        statutEcheanceLabels[e.statut],
      ]),
      ["Total", somme("du"), somme("verse"), somme("reste"), "", ""],
    ],
    total: true,
  };
}

function tableauVersements(budget: BudgetComplet, etat: EtatBudget): Tableau {
  return {
    titre: "Versements et remboursements",
    colonnes: [
      { titre: "Date", format: "texte" },
      { titre: "Type", format: "texte" },
      { titre: "Montant", format: "montant" },
      { titre: "Commentaire", format: "texte" },
    ],
    lignes:
      budget.versements.length === 0
        ? []
        : [
            ...budget.versements.map((v): Cellule[] => [
              formatDate(v.verseLe),
              typeVersementLabels[v.type],
              // A repayment to the CAF is written negative: the column adds up to the net paid.
              v.type === "remboursement" ? -v.centimes : v.centimes,
              v.commentaire,
            ]),
            ["Total net versé", "", etat.echeancier.totalVerse, ""],
          ],
    total: budget.versements.length > 0,
    vide: "Aucun versement enregistré.",
  };
}

function proratisation(budget: BudgetComplet, etat: EtatBudget): ContenuRapportFinancier["proratisation"] {
  const p = etat.proratisation;
  const confirmee = budget.subventionProratisee;
  const confirmeeLe = budget.proratisationConfirmeeLe ? ` le ${formatDate(budget.proratisationConfirmeeLe)}` : "";
  const texteConfirmee =
    confirmee === null
      ? null
      : `Proratisation confirmée${confirmeeLe} : subvention retenue de ${formatMontant(confirmee)}.`;
  if (!p) {
    const charges = budget.lignes.some((l) => l.sens === "charge");
    return {
      statut: "en_attente",
      paragraphes: [
        charges
          ? `La proratisation sera calculée quand chaque ligne de charges aura son montant réalisé (encore ${lignes(etat.chargesSansRealise)} sans montant réalisé).`
          : "Aucune ligne de charges : la proratisation ne peut pas être calculée.",
        ...(texteConfirmee ? [texteConfirmee] : []),
      ],
      tableau: null,
    };
  }
  let statut: StatutProratisation;
  let texteStatut: string;
  if (confirmee !== null) {
    statut = confirmee === p.subventionRetenue ? "confirmee" : "a_reconfirmer";
    texteStatut =
      statut === "confirmee"
        ? (texteConfirmee ?? "")
        : `${texteConfirmee} Les montants réalisés ont changé depuis : le calcul donne désormais ${formatMontant(p.subventionRetenue)}, à confirmer de nouveau.`;
  } else if (p.proratisee) {
    statut = "non_confirmee";
    texteStatut =
      "Proratisation non confirmée : les montants ci-dessous sont le calcul de la plateforme ; la coordination ne les a pas encore confirmés.";
  } else {
    statut = "sans_proratisation";
    texteStatut = "Pas de proratisation : la subvention est retenue en entier.";
  }
  return {
    statut,
    paragraphes: [p.explication, texteStatut],
    tableau: {
      titre: p.proratisee && statut !== "confirmee" ? "Proratisation (calcul non confirmé)" : "Proratisation",
      colonnes: [
        { titre: "Proratisation", format: "texte" },
        { titre: "Montant", format: "montant" },
      ],
      lignes: [
        ["Subvention au budget", etat.subvention],
        ["Subvention retenue", p.subventionRetenue],
        ["Réduction (retenue sur le solde ou remboursée)", p.reduction],
        ["Déjà versé, net des remboursements", etat.echeancier.totalVerse],
        ["Solde à verser par la CAF", p.soldeAVerser],
        ["À rembourser à la CAF", p.aRembourser],
      ],
    },
  };
}

/** Assembles the financial report of a year's budget. */
export function contenuRapportFinancier({
  budget,
  etat,
  departementNom,
  genereLe,
}: DonneesRapportFinancier): ContenuRapportFinancier {
  const charges = budget.lignes.filter((l) => l.sens === "charge");
  const produits = budget.lignes.filter((l) => l.sens === "produit");
  const sansRealise = budget.lignes.filter((l) => l.realise === null).length;
  const nonRespectees = etat.verificationsPrevu.filter((v) => v.statut === "non_respectee").length;

  const avertissements: string[] = [];
  if (sansRealise > 0) {
    avertissements.push(
      `${lignes(sansRealise)} du budget ${sansRealise > 1 ? "n'ont" : "n'a"} pas encore de montant réalisé : ${sansRealise > 1 ? "elles comptent" : "elle compte"} pour 0 dans les totaux réalisés, qui restent provisoires.`,
    );
  }
  if (nonRespectees > 0) {
    avertissements.push(
      `Le budget prévu ne respecte pas ${nonRespectees > 1 ? `${nonRespectees} règles` : "une règle"} de l'appel : voir « Règles de financement de l'appel ».`,
    );
  }

  const tableaux = {
    charges: tableauLignes("Charges", "Total des charges", charges, etat.prevu.charges, etat.realise.charges),
    produits: tableauLignes("Produits", "Total des produits", produits, etat.prevu.produits, etat.realise.produits),
    financements: tableauFinancements(etat),
    coordination: tableauCoordination(budget),
    regles: {
      prevu: tableauRegles("Sur le budget prévu", etat.verificationsPrevu),
      realise: {
        ...tableauRegles("Sur les montants réalisés", etat.verificationsRealise),
        ...(etat.chargesSansRealise > 0
          ? { note: "Des charges n'ont pas encore de montant réalisé : ces vérifications sont provisoires." }
          : {}),
      },
    },
    subvention: tableauSubvention(etat),
    echeancier: tableauEcheancier(etat),
    versements: tableauVersements(budget, etat),
  };
  const prorata = proratisation(budget, etat);
  const soumis = budget.statut === "soumis";

  const parties: PartieRapportFinancier[] = [
    { titre: "Charges et produits", paragraphes: [], tableaux: [tableaux.charges, tableaux.produits] },
    { titre: "Répartition des financements", paragraphes: [], tableaux: [tableaux.financements] },
    {
      titre: "Temps de coordination",
      paragraphes: [
        "L'appel finance un coordinateur à 0,5\u00a0ETP : la ligne « Personnel de coordination » est son temps multiplié par le coût annuel d'un temps plein.",
      ],
      tableaux: [tableaux.coordination],
    },
    {
      titre: "Règles de financement de l'appel",
      paragraphes: [
        nonRespectees === 0
          ? "Le budget prévu respecte chaque règle de l'appel qui peut être vérifiée."
          : `Le budget prévu ne respecte pas ${nonRespectees > 1 ? `${nonRespectees} règles` : "une règle"} de l'appel.`,
      ],
      tableaux: [tableaux.regles.prevu, tableaux.regles.realise],
    },
    {
      titre: "Subvention de la CAF et versements",
      paragraphes: [
        "Une avance de 50\u00a0% est versée dans l'année ; le solde est versé au premier semestre de l'année suivante, une fois le rapport d'activité et le bilan financier reçus.",
        budget.rapportsRecusLe
          ? `Rapport d'activité et bilan financier reçus le ${formatDate(budget.rapportsRecusLe)}.`
          : "Le rapport d'activité et le bilan financier ne sont pas encore reçus : le solde les attend.",
      ],
      tableaux: [tableaux.subvention, tableaux.echeancier, tableaux.versements],
    },
    { titre: "Proratisation", paragraphes: prorata.paragraphes, tableaux: prorata.tableau ? [prorata.tableau] : [] },
  ];

  return {
    departement: { code: budget.departement, nom: departementNom },
    annee: budget.annee,
    genereLe,
    statut: budget.statut,
    titre: `Promeneurs du Net — ${departementNom} — Bilan financier ${budget.annee}`,
    sousTitre: soumis
      ? `Budget soumis${budget.soumisLe ? ` le ${formatDate(budget.soumisLe)}` : ""}.`
      : "Budget en brouillon : pas encore soumis, ses montants peuvent encore changer.",
    avertissements,
    totaux: { prevu: etat.prevu, realise: etat.realise },
    ...tableaux,
    proratisation: prorata,
    parties,
  };
}
