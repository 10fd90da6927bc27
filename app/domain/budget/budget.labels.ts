/** List K of DESIGN §4: the budget lines, charges and income (the coordinator may add « autre » lines). */

export const LIGNES_CHARGES = {
  personnel_coordination: "Personnel de coordination (0,5 ETP)",
  deplacements: "Déplacements",
  communication: "Communication",
  formation_supervision: "Formation et supervision",
  equipement: "Équipement (ordinateur, smartphone, tablette, applications)",
  frais_structure: "Frais de structure",
  autre_charge: "Autres charges",
} as const;

export const LIGNES_PRODUITS = {
  caf: "CAF (subvention Promeneurs du Net)",
  msa: "MSA",
  fonds_propres: "Fonds propres",
  autres_publics: "Autres financements publics",
  autre_produit: "Autres produits",
} as const;

export type CodeCharge = keyof typeof LIGNES_CHARGES;
export type CodeProduit = keyof typeof LIGNES_PRODUITS;
export type SensLigne = "charge" | "produit";

export const statutBudgetLabels = { brouillon: "Brouillon", soumis: "Soumis" } as const;

/** A rule's status as the pages and documents write it. */
export const statutRegleLabels = {
  respectee: "Respectée",
  non_respectee: "Non respectée",
  sans_objet: "Sans objet",
} as const;

export const typeVersementLabels = {
  avance: "Avance (50\u00a0%)",
  solde: "Solde",
  remboursement: "Remboursement à la CAF",
} as const;

export const statutEcheanceLabels = {
  versee: "Versée",
  a_venir: "À venir",
  en_retard: "En retard",
  en_attente_des_rapports: "En attente des rapports",
} as const;
