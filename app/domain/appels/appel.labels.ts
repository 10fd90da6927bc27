/**
 * Calls for applications (issue 9, DESIGN §3): the coordination call of the CAF, and the
 * recruitment of promeneurs among structures. Their kinds, the types of documents an applicant
 * uploads, the states of an application and of its decision.
 */

export const TYPES_APPEL = ["coordination", "recrutement"] as const;
export type TypeAppel = (typeof TYPES_APPEL)[number];

export const typeAppelLabels: Record<TypeAppel, string> = {
  coordination: "Appel à candidatures pour la coordination départementale",
  recrutement: "Recrutement de promeneurs du Net",
};

/**
 * The families of files a required document may accept, each read from the file's bytes (never
 * from its name): PDF, images (JPEG, PNG), office documents (Word, Excel, OpenDocument).
 */
export const FAMILLES_FICHIER = ["pdf", "image", "bureautique"] as const;
export type FamilleFichier = (typeof FAMILLES_FICHIER)[number];

export const familleFichierLabels: Record<FamilleFichier, string> = {
  pdf: "PDF",
  image: "image (JPEG, PNG)",
  bureautique: "document bureautique (Word, Excel, OpenDocument)",
};

/** The MIME types of each family, as `file-type` reads them from the bytes. */
export const TYPES_MIME_PAR_FAMILLE: Record<FamilleFichier, readonly string[]> = {
  pdf: ["application/pdf"],
  image: ["image/jpeg", "image/png"],
  bureautique: [
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
  ],
};

/** Where an application stands, from its draft to the decision. */
export const STATUTS_CANDIDATURE = ["brouillon", "deposee", "recevable", "irrecevable", "retenue", "refusee"] as const;
export type StatutCandidature = (typeof STATUTS_CANDIDATURE)[number];

export const statutCandidatureLabels: Record<StatutCandidature, string> = {
  brouillon: "Brouillon",
  deposee: "Déposée",
  recevable: "Recevable (complète et éligible)",
  irrecevable: "Irrecevable",
  retenue: "Retenue",
  refusee: "Non retenue",
};

/** Where a call stands at a given instant. */
export type EtatAppel = "a_venir" | "ouvert" | "clos";

export const etatAppelLabels: Record<EtatAppel, string> = {
  a_venir: "À venir",
  ouvert: "Ouvert aux candidatures",
  clos: "Clos",
};

/** Scores a reviewer gives each criterion: a whole number from 0 to 5. */
export const NOTE_MIN = 0;
export const NOTE_MAX = 5;
