import { texteLibre } from "~/domain/confidentialite/texte-libre.schema";

/** The coordination's comment when it sends a report back: required, checked for identifying data. */
export const commentaireRenvoiSchema = texteLibre({
  max: 1000,
  requis: true,
  messageRequis: "Indiquez au promeneur ce qu'il doit corriger.",
});

/** The coordination's reason when it reopens a validated report: required, checked for identifying data. */
export const motifReouvertureSchema = texteLibre({
  max: 1000,
  requis: true,
  messageRequis: "Indiquez pourquoi le bilan est rouvert.",
});

/**
 * The field a refusal of the workflow is reported on: the report changed status (another
 * coordinator acted first, or the promeneur resubmitted); the page shows it above the forms.
 */
export const CHAMP_STATUT = "statut";
