import type { DecisionEtat } from "./regroupement.labels";

/** An open decision whose due date (a Paris day, ISO) is before `aujourdhui` (ISO). */
export function enRetard(d: { etat: string; echeance: string | null }, aujourdhui: string): boolean {
  return d.etat === "ouverte" && d.echeance !== null && d.echeance < aujourdhui;
}

/** Whether a state closes the decision (sets its « clôturée le »). */
export function estCloture(etat: DecisionEtat | string): boolean {
  return etat === "realisee" || etat === "abandonnee";
}
