/**
 * The annual subsidy's payments and its prorating (DESIGN §7), on amounts in cents and days as
 * 'YYYY-MM-DD' (Europe/Paris). Pure functions: the pages show their result before anything is
 * confirmed, the financial report prints it.
 */

import { textePourcentage } from "./budget.rules";
import { formatMontant } from "./montant";

/** The advance paid during the year: 50 % of the subsidy, rounded down (the balance takes the odd cent). */
export const AVANCE_POURCENT = 50;

export type TypeVersement = "avance" | "solde";
/** A payment of the subsidy, or a repayment to the CAF (after a prorating): always a positive amount. */
export type Versement = { type: TypeVersement | "remboursement"; centimes: number; verseLe: string };

export type Echeance = {
  type: TypeVersement;
  /** What this payment should amount to. */
  du: number;
  verse: number;
  reste: number;
  /** The last day it is expected: 31 December of the year (advance), 30 June of the next (balance). */
  echeance: string;
  statut: "versee" | "a_venir" | "en_retard" | "en_attente_des_rapports";
};

export type Echeancier = {
  /** The subsidy the payments add up to: prorated when the prorating was confirmed. */
  subventionRetenue: number;
  echeances: Echeance[];
  totalVerse: number;
  resteDu: number;
  /** Paid beyond the subsidy retained (after a prorating): to repay. */
  aRembourser: number;
  /** Already repaid to the CAF. */
  rembourse: number;
};

export function montantAvance(subvention: number): number {
  return Math.floor((subvention * AVANCE_POURCENT) / 100);
}

/**
 * The payment schedule of a year: the advance due by 31 December, the balance due by 30 June of
 * the next year once both the activity and the financial reports are received (until then it
 * waits, and is not late).
 */
export function echeancier(input: {
  annee: number;
  subvention: number;
  /** The prorated subsidy, once the prorating is confirmed. */
  subventionProratisee?: number | null;
  versements: readonly Versement[];
  /** The day the activity and financial reports were both received, or null. */
  rapportsRecusLe: string | null;
  aujourdhui: string;
}): Echeancier {
  const retenue = input.subventionProratisee ?? input.subvention;
  const avance = montantAvance(input.subvention);
  const verse = (type: TypeVersement) =>
    input.versements.filter((v) => v.type === type).reduce((total, v) => total + v.centimes, 0);
  const ligne = (type: TypeVersement, du: number, echeance: string): Echeance => {
    const paye = verse(type);
    const reste = Math.max(0, du - paye);
    let statut: Echeance["statut"] = "a_venir";
    if (reste === 0) statut = "versee";
    else if (type === "solde" && !input.rapportsRecusLe) statut = "en_attente_des_rapports";
    else if (input.aujourdhui > echeance) statut = "en_retard";
    return { type, du, verse: paye, reste, echeance, statut };
  };
  const avanceDue = Math.min(avance, retenue);
  const echeances = [
    ligne("avance", avanceDue, `${input.annee}-12-31`),
    ligne("solde", Math.max(0, retenue - avanceDue), `${input.annee + 1}-06-30`),
  ];
  const rembourse = input.versements
    .filter((v) => v.type === "remboursement")
    .reduce((total, v) => total + v.centimes, 0);
  // What the CAF paid, net of what was repaid to it.
  const totalVerse = verse("avance") + verse("solde") - rembourse;
  return {
    subventionRetenue: retenue,
    echeances,
    totalVerse,
    resteDu: Math.max(0, retenue - totalVerse),
    aRembourser: Math.max(0, totalVerse - retenue),
    rembourse,
  };
}

export type Proratisation = {
  /** Whether the subsidy is prorated (actual charges below the planned ones). */
  proratisee: boolean;
  subventionRetenue: number;
  /** Subsidy minus subsidy retained: withheld from the balance, or repaid. */
  reduction: number;
  /** Already paid beyond the subsidy retained. */
  aRembourser: number;
  /** What is still to pay on the subsidy retained. */
  soldeAVerser: number;
  /** The rule applied, with its figures, in French. */
  explication: string;
};

/**
 * The documented prorating rule: when the actual charges of the year are below its planned charges,
 * the subsidy retained is the subsidy × actual charges ÷ planned charges, rounded down to the cent
 * (the CAF never pays beyond the share of the action carried out); when they are equal or above, the
 * subsidy stays whole (spending more does not raise it). What was already paid beyond the subsidy
 * retained is to repay; otherwise the balance still to pay is the subsidy retained minus what was
 * paid.
 */
export function proratiser(input: {
  subvention: number;
  chargesPrevues: number;
  chargesRealisees: number;
  dejaVerse: number;
}): Proratisation {
  const { subvention, chargesPrevues, chargesRealisees, dejaVerse } = input;
  const proratisee = chargesPrevues > 0 && chargesRealisees < chargesPrevues;
  const retenue = proratisee
    ? Number((BigInt(subvention) * BigInt(Math.max(0, chargesRealisees))) / BigInt(chargesPrevues))
    : subvention;
  const aRembourser = Math.max(0, dejaVerse - retenue);
  const soldeAVerser = Math.max(0, retenue - dejaVerse);
  const explication = proratisee
    ? `Charges réalisées ${formatMontant(chargesRealisees)} pour ${formatMontant(chargesPrevues)} prévues (${textePourcentage(chargesRealisees, chargesPrevues)}) : subvention retenue ${formatMontant(subvention)} × ${formatMontant(chargesRealisees)} ÷ ${formatMontant(chargesPrevues)} = ${formatMontant(retenue)} (arrondie au centime inférieur), soit ${formatMontant(subvention - retenue)} de moins.`
    : `Charges réalisées ${formatMontant(chargesRealisees)} pour ${formatMontant(chargesPrevues)} prévues : la subvention de ${formatMontant(subvention)} est retenue en entier.`;
  return {
    proratisee,
    subventionRetenue: retenue,
    reduction: subvention - retenue,
    aRembourser,
    soldeAVerser,
    explication,
  };
}
