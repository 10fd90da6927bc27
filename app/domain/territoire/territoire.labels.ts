import type { FrrStatut } from "./territoire-import.rules";

/** France Ruralités Revitalisation classification of a commune (communes.frr_statut). */
export const frrStatutLabels = {
  frr_plus: "FRR+",
  frr_socle: "FRR socle",
  non_classee: "Non classée",
} satisfies Record<FrrStatut, string>;

/** The label of a stored status; null means the classification has not been imported. */
export function frrLabel(statut: string | null | undefined): string {
  if (!statut) return "Non importé";
  return frrStatutLabels[statut as FrrStatut] ?? statut;
}
