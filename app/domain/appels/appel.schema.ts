/**
 * The coordinator's form of a call (issue 9), pure: the title, public address, description, the
 * three dates typed as Europe/Paris wall-clock date-times, the required documents, eligibility
 * questions and criteria as numbered rows (`documents.0.libelle`…: the form works without
 * JavaScript — a few empty rows to fill, a « retirer » box on each row), the proposed budget and
 * the commission. Each refusal is a French message keyed by the field's name, shown next to it;
 * nothing is written unless every field reads and `verifierAppel` agrees.
 */
import { formatDateHeureParis } from "~/domain/contenu/contenu.rules";
import { instantParisExistant, parseJourIso } from "~/lib/jour";
import { normaliserRecherche } from "~/lib/text";
import { z } from "~/lib/zod";
import { FAMILLES_FICHIER, type FamilleFichier, TYPES_APPEL, type TypeAppel } from "./appel.labels";
import type { Critere, DocumentRequis, ModeleAppel, QuestionEligibilite } from "./appel.modeles";
import { verifierAppel } from "./appel.rules";

/** The form was read at an older version (another tab or person saved since): a conflict, 409. */
export const CHAMP_VERSION = "version";
/** A refusal about the whole form rather than one field. */
export const CHAMP_FORMULAIRE = "";
/** The field of the reviewer in an application's assignment forms. */
export const CHAMP_EVALUATEUR = "evaluateurId";

export const TITRE_MAX = 200;
export const SLUG_MAX = 80;
export const DESCRIPTION_MAX = 20_000;
export const LIBELLE_MAX = 300;
export const TAILLE_MAX_MO = 10;
export const POIDS_MIN = 1;
export const POIDS_MAX = 10;
export const LIGNES_MAX = 40;
/** Empty rows offered below each list; « Ajouter des lignes » offers more, without saving. */
export const LIGNES_VIDES = 2;
export const LIGNES_VIDES_MAX = 20;
export const MOTIF_MAX = 4000;

export const LISTES = ["documents", "questions", "criteres"] as const;
export type Liste = (typeof LISTES)[number];

/** The field name of a row's cell: `documents.2.libelle`. */
export function champLigne(liste: Liste, index: number, nom: string): string {
  return `${liste}.${index}.${nom}`;
}

/** A required document's row as typed (strings and boxes). */
export type LigneDocument = {
  code: string;
  libelle: string;
  obligatoire: boolean;
  familles: FamilleFichier[];
  tailleMaxMo: string;
};
export type LigneQuestion = { code: string; question: string; eliminatoire: boolean };
export type LigneCritere = { code: string; libelle: string; poids: string };

/** The form's values as shown (a saved call, a template, or what was just typed). */
export type FormulaireAppel = {
  type: TypeAppel;
  titre: string;
  slug: string;
  description: string;
  ouvertureLe: string;
  clotureLe: string;
  decisionLe: string;
  budgetPropose: boolean;
  documents: LigneDocument[];
  questions: LigneQuestion[];
  criteres: LigneCritere[];
  evaluateurs: string[];
  lignesVides: number;
};

/** What a valid form gives the commands. */
export type SaisieAppel = {
  type: TypeAppel;
  titre: string;
  slug: string;
  description: string;
  ouvertureLe: Date;
  clotureLe: Date;
  decisionLe: Date | null;
  budgetPropose: boolean;
  documents: DocumentRequis[];
  questions: QuestionEligibilite[];
  criteres: Critere[];
  evaluateurs: string[];
};

export type Erreurs = Record<string, string[]>;
export type Lecture<T> = { ok: true; valeur: T } | { ok: false; erreurs: Erreurs };

const pad = (n: number) => String(n).padStart(2, "0");

/** An instant as the value of an `<input type="datetime-local">`, on the Europe/Paris wall clock. */
export function saisieDateHeure(instant: Date | null | undefined): string {
  return instant ? formatDateHeureParis(instant) : "";
}

const DATE_HEURE = /^(\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{4})[T ](\d{1,2})[:h](\d{2})(?::\d{2}(?:\.\d+)?)?$/;

export type DateHeureLue = { ok: true; instant: Date | null } | { ok: false; message: string };

/**
 * « 2026-03-15T12:00 » (an `<input type="datetime-local">`) or « 15/03/2026 12:00 », read on the
 * Europe/Paris wall clock; empty reads as null. A time skipped when clocks go forward is refused.
 */
export function lireDateHeure(texte: string): DateHeureLue {
  const saisie = texte.trim();
  if (saisie === "") return { ok: true, instant: null };
  const m = DATE_HEURE.exec(saisie);
  const jour = m ? parseJourIso(m[1] ?? "") : null;
  const heure = Number(m?.[2]);
  const minute = Number(m?.[3]);
  if (!m || !jour || heure > 23 || minute > 59) {
    return { ok: false, message: "Indiquez une date et une heure valides, par exemple 15/03/2026 12:00." };
  }
  const instant = instantParisExistant(jour, heure, minute);
  if (!instant) {
    return {
      ok: false,
      message: `${pad(heure)}\u00a0h\u00a0${pad(minute)} n'existe pas ce jour-là (passage à l'heure d'été)\u00a0: choisissez une autre heure.`,
    };
  }
  return { ok: true, instant };
}

/** The rows of a call's documents, questions and criteria as the form shows them. */
function lignesDe(definition: Pick<ModeleAppel, "documents" | "questions" | "criteres">) {
  return {
    documents: definition.documents.map((d) => ({
      ...d,
      familles: [...d.familles],
      tailleMaxMo: String(d.tailleMaxMo),
    })),
    questions: definition.questions.map((q) => ({ ...q })),
    criteres: definition.criteres.map((c) => ({ ...c, poids: String(c.poids) })),
  };
}

/** The form of a new call, from a template; dates left to type. */
export function formulaireDepuisModele(modele: ModeleAppel, slug: string): FormulaireAppel {
  return {
    type: modele.type,
    titre: modele.titre,
    slug,
    description: modele.description,
    ouvertureLe: "",
    clotureLe: "",
    decisionLe: "",
    budgetPropose: modele.budgetPropose,
    ...lignesDe(modele),
    evaluateurs: [],
    lignesVides: LIGNES_VIDES,
  };
}

/** The form of a saved call. */
export function formulaireDepuisAppel(
  appel: Omit<SaisieAppel, "evaluateurs" | "type"> & { type: string },
  evaluateurs: readonly string[],
): FormulaireAppel {
  return {
    type: appel.type as TypeAppel,
    titre: appel.titre,
    slug: appel.slug,
    description: appel.description,
    ouvertureLe: saisieDateHeure(appel.ouvertureLe),
    clotureLe: saisieDateHeure(appel.clotureLe),
    decisionLe: saisieDateHeure(appel.decisionLe),
    budgetPropose: appel.budgetPropose,
    ...lignesDe(appel),
    evaluateurs: [...evaluateurs],
    lignesVides: LIGNES_VIDES,
  };
}

/** A row's code from its label, unique among `pris` (codes key documents, answers and scores). */
function codeDepuis(libelle: string, prefixe: string, pris: Set<string>): string {
  const base = normaliserRecherche(libelle).split(" ").slice(0, 4).join("_").slice(0, 40) || prefixe;
  let code = base;
  for (let n = 2; pris.has(code); n += 1) code = `${base}_${n}`;
  pris.add(code);
  return code;
}

const CODE = /^[a-z0-9_]{1,60}$/;

const titreSchema = z
  .string({ error: "Donnez un titre à l'appel." })
  .trim()
  .min(1, "Donnez un titre à l'appel.")
  .max(TITRE_MAX, `${TITRE_MAX} caractères au plus.`);
const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "Donnez l'adresse publique de l'appel, par exemple «\u00a0coordination-2026\u00a0».")
  .max(SLUG_MAX, `${SLUG_MAX} caractères au plus.`)
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    "L'adresse ne contient que des lettres minuscules sans accent, des chiffres et des tirets (par exemple «\u00a0coordination-2026\u00a0»).",
  );
const descriptionSchema = z
  .string()
  .trim()
  .min(1, "Décrivez l'appel\u00a0: son contexte, ce qui est attendu des candidats.")
  .max(DESCRIPTION_MAX, `${DESCRIPTION_MAX} caractères au plus.`);
const libelleSchema = (message: string) =>
  z.string().trim().min(1, message).max(LIBELLE_MAX, `${LIBELLE_MAX} caractères au plus.`);

/** The indexes of the rows of a list present in the form, in order. */
function indexDes(form: FormData, liste: Liste): number[] {
  const prefixe = new RegExp(`^${liste}\\.(\\d{1,3})\\.`);
  const indexes = new Set<number>();
  for (const nom of form.keys()) {
    const m = prefixe.exec(nom);
    if (m) indexes.add(Number(m[1]));
  }
  return [...indexes].sort((a, b) => a - b);
}

/**
 * Reads the form: the values to show again (rows ticked « retirer » and empty rows dropped) and,
 * when every field reads and the call is consistent, what to save. Errors are keyed by field name
 * (`titre`, `documents.1.tailleMaxMo`) or by list (`documents`) for a list-wide rule.
 */
export function lireFormulaireAppel(
  form: FormData,
  options: { type: TypeAppel },
): { formulaire: FormulaireAppel; lecture: Lecture<SaisieAppel> } {
  const texte = (nom: string) => {
    const v = form.get(nom);
    return typeof v === "string" ? v : "";
  };
  const coche = (nom: string) => form.has(nom) && texte(nom) !== "";
  const erreurs: Erreurs = {};
  const erreur = (nom: string, message: string) => {
    if (!erreurs[nom]?.includes(message)) erreurs[nom] = [...(erreurs[nom] ?? []), message];
  };
  const lire = <T>(nom: string, schema: z.ZodType<T>, valeur: unknown): T | undefined => {
    const lu = schema.safeParse(valeur);
    if (lu.success) return lu.data;
    for (const issue of lu.error.issues) erreur(nom, issue.message);
    return undefined;
  };
  const vides = Number(texte("lignesVides"));

  const formulaire: FormulaireAppel = {
    type: TYPES_APPEL.includes(options.type) ? options.type : "coordination",
    titre: texte("titre"),
    slug: texte("slug"),
    description: texte("description"),
    ouvertureLe: texte("ouvertureLe"),
    clotureLe: texte("clotureLe"),
    decisionLe: texte("decisionLe"),
    budgetPropose: coche("budgetPropose"),
    documents: [],
    questions: [],
    criteres: [],
    evaluateurs: form.getAll("evaluateurs").filter((v): v is string => typeof v === "string" && v !== ""),
    lignesVides: Number.isInteger(vides) && vides >= 0 ? Math.min(vides, LIGNES_VIDES_MAX) : LIGNES_VIDES,
  };

  const titre = lire("titre", titreSchema, formulaire.titre);
  const slug = lire("slug", slugSchema, formulaire.slug);
  const description = lire("description", descriptionSchema, formulaire.description);
  const dates = (["ouvertureLe", "clotureLe", "decisionLe"] as const).map((nom) => {
    const lu = lireDateHeure(formulaire[nom]);
    if (!lu.ok) {
      erreur(nom, lu.message);
      return undefined;
    }
    if (lu.instant === null && nom !== "decisionLe") {
      erreur(
        nom,
        nom === "ouvertureLe"
          ? "Indiquez quand l'appel s'ouvre (date et heure)."
          : "Indiquez la date et l'heure limite de dépôt des candidatures.",
      );
      return undefined;
    }
    return lu.instant;
  });

  // Rows: a row ticked « retirer », or left empty (no label and no code), is dropped.
  const documents: DocumentRequis[] = [];
  const codesDocuments = new Set<string>();
  const aCoder: DocumentRequis[] = [];
  for (const i of indexDes(form, "documents")) {
    const c = (nom: string) => champLigne("documents", i, nom);
    const ligne: LigneDocument = {
      code: texte(c("code")).trim(),
      libelle: texte(c("libelle")),
      obligatoire: coche(c("obligatoire")),
      familles: form
        .getAll(c("familles"))
        .filter((f): f is FamilleFichier => (FAMILLES_FICHIER as readonly unknown[]).includes(f)),
      tailleMaxMo: texte(c("tailleMaxMo")),
    };
    if (coche(c("retirer")) || (ligne.libelle.trim() === "" && ligne.code === "")) continue;
    const index = formulaire.documents.push(ligne) - 1;
    const cf = (nom: string) => champLigne("documents", index, nom);
    if (ligne.code !== "" && !CODE.test(ligne.code)) erreur(cf("libelle"), "Le code de ce document est illisible.");
    const libelle = lire(cf("libelle"), libelleSchema("Donnez l'intitulé du document demandé."), ligne.libelle);
    if (ligne.familles.length === 0) erreur(cf("familles"), "Cochez au moins un type de fichier accepté.");
    const taille = Number(ligne.tailleMaxMo.trim().replace(",", "."));
    if (!Number.isInteger(taille) || taille < 1 || taille > TAILLE_MAX_MO) {
      erreur(cf("tailleMaxMo"), `La taille maximale est un nombre entier de 1 à ${TAILLE_MAX_MO} Mo.`);
    }
    const doc: DocumentRequis = {
      code: ligne.code,
      libelle: libelle ?? "",
      obligatoire: ligne.obligatoire,
      familles: ligne.familles,
      tailleMaxMo: taille,
    };
    if (ligne.code !== "") {
      if (codesDocuments.has(ligne.code)) erreur("documents", "Deux documents portent le même code.");
      codesDocuments.add(ligne.code);
    } else aCoder.push(doc);
    documents.push(doc);
  }
  for (const ligne of aCoder) ligne.code = codeDepuis(ligne.libelle, "document", codesDocuments);

  const questions: QuestionEligibilite[] = [];
  const codesQuestions = new Set<string>();
  const questionsACoder: QuestionEligibilite[] = [];
  for (const i of indexDes(form, "questions")) {
    const c = (nom: string) => champLigne("questions", i, nom);
    const ligne: LigneQuestion = {
      code: texte(c("code")).trim(),
      question: texte(c("question")),
      eliminatoire: coche(c("eliminatoire")),
    };
    if (coche(c("retirer")) || (ligne.question.trim() === "" && ligne.code === "")) continue;
    const index = formulaire.questions.push(ligne) - 1;
    const cf = (nom: string) => champLigne("questions", index, nom);
    if (ligne.code !== "" && !CODE.test(ligne.code)) erreur(cf("question"), "Le code de cette question est illisible.");
    const texteQuestion = lire(
      cf("question"),
      libelleSchema("Écrivez la question (réponse oui ou non)."),
      ligne.question,
    );
    const q = { code: ligne.code, question: texteQuestion ?? "", eliminatoire: ligne.eliminatoire };
    if (ligne.code !== "") {
      if (codesQuestions.has(ligne.code)) erreur("questions", "Deux questions portent le même code.");
      codesQuestions.add(ligne.code);
    } else questionsACoder.push(q);
    questions.push(q);
  }
  for (const q of questionsACoder) q.code = codeDepuis(q.question, "question", codesQuestions);

  const criteres: Critere[] = [];
  const codesCriteres = new Set<string>();
  const criteresACoder: Critere[] = [];
  for (const i of indexDes(form, "criteres")) {
    const c = (nom: string) => champLigne("criteres", i, nom);
    const ligne: LigneCritere = {
      code: texte(c("code")).trim(),
      libelle: texte(c("libelle")),
      poids: texte(c("poids")),
    };
    if (coche(c("retirer")) || (ligne.libelle.trim() === "" && ligne.code === "")) continue;
    const index = formulaire.criteres.push(ligne) - 1;
    const cf = (nom: string) => champLigne("criteres", index, nom);
    if (ligne.code !== "" && !CODE.test(ligne.code)) erreur(cf("libelle"), "Le code de ce critère est illisible.");
    const libelle = lire(cf("libelle"), libelleSchema("Donnez l'intitulé du critère."), ligne.libelle);
    const poids = Number(ligne.poids.trim());
    if (!Number.isInteger(poids) || poids < POIDS_MIN || poids > POIDS_MAX) {
      erreur(cf("poids"), `Le poids est un nombre entier de ${POIDS_MIN} à ${POIDS_MAX}.`);
    }
    const critere = { code: ligne.code, libelle: libelle ?? "", poids };
    if (ligne.code !== "") {
      if (codesCriteres.has(ligne.code)) erreur("criteres", "Deux critères portent le même code.");
      codesCriteres.add(ligne.code);
    } else criteresACoder.push(critere);
    criteres.push(critere);
  }
  for (const c of criteresACoder) c.code = codeDepuis(c.libelle, "critere", codesCriteres);

  for (const liste of LISTES) {
    if (formulaire[liste].length > LIGNES_MAX) erreur(liste, `${LIGNES_MAX} lignes au plus.`);
  }
  if (questions.length === 0) erreur("questions", "Posez au moins une question d'éligibilité.");

  const [ouvertureLe, clotureLe, decisionLe] = dates;
  if (ouvertureLe && clotureLe && decisionLe !== undefined) {
    const coherence = verifierAppel({ ouvertureLe, clotureLe, decisionLe, documents, criteres });
    for (const [nom, message] of Object.entries(coherence)) {
      // A row's own error already says what is wrong with it.
      if (!Object.keys(erreurs).some((k) => k.startsWith(`${nom}.`))) erreur(nom, message);
    }
  } else if (documents.length === 0) erreur("documents", "Demandez au moins un document.");
  else if (criteres.length === 0) erreur("criteres", "Donnez au moins un critère d'évaluation.");

  if (
    Object.keys(erreurs).length > 0 ||
    titre === undefined ||
    slug === undefined ||
    description === undefined ||
    !ouvertureLe ||
    !clotureLe ||
    decisionLe === undefined
  ) {
    if (Object.keys(erreurs).length === 0) erreur(CHAMP_FORMULAIRE, "Le formulaire n'a pas pu être lu.");
    return { formulaire, lecture: { ok: false, erreurs } };
  }
  return {
    formulaire,
    lecture: {
      ok: true,
      valeur: {
        type: formulaire.type,
        titre,
        slug,
        description,
        ouvertureLe,
        clotureLe,
        decisionLe,
        budgetPropose: formulaire.budgetPropose,
        documents,
        questions,
        criteres,
        evaluateurs: [...new Set(formulaire.evaluateurs)],
      },
    },
  };
}

/** The coordinator's check of an application: receivable, or not with a reason. */
export const verificationSchema = z
  .object({
    recevable: z.enum(["oui", "non"], { error: "Choisissez\u00a0: recevable ou irrecevable." }),
    motif: z.string().trim().max(MOTIF_MAX, `${MOTIF_MAX} caractères au plus.`).default(""),
  })
  .superRefine((v, ctx) => {
    if (v.recevable === "non" && v.motif === "") {
      ctx.addIssue({
        code: "custom",
        path: ["motif"],
        message: "Dites pourquoi la candidature est irrecevable\u00a0: le motif est communiqué au candidat.",
      });
    }
  })
  .transform((v) => ({ recevable: v.recevable === "oui", motif: v.recevable === "oui" ? null : v.motif }));
export type Verification = z.infer<typeof verificationSchema>;

/** The decision on a receivable application: retained, or not with reasons. */
export const decisionSchema = z
  .object({
    retenue: z.enum(["oui", "non"], { error: "Choisissez\u00a0: retenue ou non retenue." }),
    motif: z.string().trim().max(MOTIF_MAX, `${MOTIF_MAX} caractères au plus.`).default(""),
  })
  .superRefine((v, ctx) => {
    if (v.retenue === "non" && v.motif === "") {
      ctx.addIssue({
        code: "custom",
        path: ["motif"],
        message: "Donnez les motifs du refus\u00a0: ils sont envoyés au candidat avec la décision.",
      });
    }
  })
  .transform((v) => ({ retenue: v.retenue === "oui", motif: v.motif === "" ? null : v.motif }));
export type Decision = z.infer<typeof decisionSchema>;
