/**
 * A reviewer's scoring form as typed (pure): for each criterion of the call a score from 0 to 5
 * (a whole number) and a comment. A draft may leave scores empty; a submission may not. Each
 * refusal is a French message keyed by the field's name, shown next to it; nothing is written
 * unless every field reads.
 */
import { z } from "~/lib/zod";
import { NOTE_MAX, NOTE_MIN } from "./appel.labels";
import type { Critere } from "./appel.modeles";

/** A refusal about the whole form rather than one field. */
export const CHAMP_FORMULAIRE = "";
export const COMMENTAIRE_MAX = 2000;

/** Field names of a criterion in the form. */
export const champ = {
  note: (critereCode: string) => `note_${critereCode}`,
  commentaire: (critereCode: string) => `commentaire_${critereCode}`,
} as const;

export type ModeEvaluation = "brouillon" | "soumission";

/** The form's button: « Soumettre mon évaluation » submits; anything else saves a draft. */
export function modeEvaluation(intent: FormDataEntryValue | null): ModeEvaluation {
  return intent === "soumettre" ? "soumission" : "brouillon";
}

export const MESSAGE_NOTE = `La note est un nombre entier de ${NOTE_MIN} à ${NOTE_MAX}.`;
export const MESSAGE_NOTE_MANQUANTE = "Donnez une note à ce critère avant de soumettre votre évaluation.";
export const MESSAGE_COMMENTAIRE_SANS_NOTE =
  "Choisissez une note : un commentaire s'enregistre avec la note de son critère (elle reste modifiable jusqu'à la soumission).";
export const MESSAGE_COMMENTAIRE_LONG = `${COMMENTAIRE_MAX} caractères au plus.`;
export const messageCritereInconnu = (code: string) =>
  `Ce critère n'existe pas dans l'appel : « ${code} ». Rechargez la page.`;

/** A score as typed: empty is « not scored yet » (null); else a whole number from 0 to 5. */
export const noteSchema = z
  .string()
  .optional()
  .transform((value, ctx): number | null => {
    const saisie = (value ?? "").trim();
    if (saisie === "") return null;
    const note = /^\d$/.test(saisie) ? Number(saisie) : Number.NaN;
    if (!(note >= NOTE_MIN && note <= NOTE_MAX)) {
      ctx.addIssue({ code: "custom", message: MESSAGE_NOTE });
      return z.NEVER;
    }
    return note;
  });

export const commentaireSchema = z
  .string()
  .optional()
  .transform((value) => (value ?? "").trim())
  .pipe(z.string().max(COMMENTAIRE_MAX, MESSAGE_COMMENTAIRE_LONG));

export type SaisieCritere = { note: number | null; commentaire: string };
/** Every criterion of the call, by code. */
export type SaisieEvaluation = Record<string, SaisieCritere>;

/** Refusals by field name, each a French message shown next to its field. */
export type Erreurs = Record<string, string[]>;

function ajouter(erreurs: Erreurs, nom: string, message: string) {
  if (!erreurs[nom]?.includes(message)) erreurs[nom] = [...(erreurs[nom] ?? []), message];
}

/**
 * What the rule refuses in a typed evaluation (the form's reading and the command both apply it):
 * a criterion the call does not have, a score out of 0–5 or not whole, a comment too long or
 * without its score, and on submission a criterion without a score. Empty when it may be written.
 */
export function erreursSaisie(
  criteres: readonly Critere[],
  saisie: Readonly<Record<string, SaisieCritere | undefined>>,
  mode: ModeEvaluation,
): Erreurs {
  const erreurs: Erreurs = {};
  const codes = new Set(criteres.map((c) => c.code));
  for (const code of Object.keys(saisie)) {
    if (!codes.has(code)) ajouter(erreurs, CHAMP_FORMULAIRE, messageCritereInconnu(code));
  }
  for (const c of criteres) {
    const note = saisie[c.code]?.note ?? null;
    const commentaire = saisie[c.code]?.commentaire ?? "";
    if (note !== null && !(Number.isInteger(note) && note >= NOTE_MIN && note <= NOTE_MAX)) {
      ajouter(erreurs, champ.note(c.code), MESSAGE_NOTE);
    }
    if (commentaire.length > COMMENTAIRE_MAX) ajouter(erreurs, champ.commentaire(c.code), MESSAGE_COMMENTAIRE_LONG);
    if (note === null && mode === "soumission") ajouter(erreurs, champ.note(c.code), MESSAGE_NOTE_MANQUANTE);
    else if (note === null && commentaire !== "") ajouter(erreurs, champ.note(c.code), MESSAGE_COMMENTAIRE_SANS_NOTE);
  }
  return erreurs;
}

export type Lecture<T> = { ok: true; valeur: T } | { ok: false; erreurs: Erreurs };

function texte(form: FormData, nom: string): string | undefined {
  const v = form.get(nom);
  return typeof v === "string" ? v : undefined;
}

/**
 * Reads the scoring form for the call's criteria. A field naming a criterion the call does not
 * have refuses the whole form; a comment needs its score; a submission needs every score.
 */
export function lireSaisieEvaluation(
  form: FormData,
  criteres: readonly Critere[],
  mode: ModeEvaluation,
): Lecture<SaisieEvaluation> {
  const erreurs: Erreurs = {};
  const codes = new Set(criteres.map((c) => c.code));
  for (const nom of new Set(form.keys())) {
    const m = /^(?:note|commentaire)_(.*)$/s.exec(nom);
    if (m && !codes.has(m[1] as string)) ajouter(erreurs, CHAMP_FORMULAIRE, messageCritereInconnu(m[1] as string));
  }
  const saisie: SaisieEvaluation = {};
  for (const c of criteres) {
    const nomNote = champ.note(c.code);
    const nomCommentaire = champ.commentaire(c.code);
    const note = noteSchema.safeParse(texte(form, nomNote));
    const commentaire = commentaireSchema.safeParse(texte(form, nomCommentaire));
    if (!note.success) for (const issue of note.error.issues) ajouter(erreurs, nomNote, issue.message);
    if (!commentaire.success)
      for (const issue of commentaire.error.issues) ajouter(erreurs, nomCommentaire, issue.message);
    if (note.success && commentaire.success) saisie[c.code] = { note: note.data, commentaire: commentaire.data };
  }
  // The rule on what was read; a field that did not read has its message already.
  const lus = criteres.filter((c) => c.code in saisie);
  for (const [nom, messages] of Object.entries(erreursSaisie(lus, saisie, mode))) {
    for (const message of messages) ajouter(erreurs, nom, message);
  }
  if (Object.keys(erreurs).length > 0) return { ok: false, erreurs };
  return { ok: true, valeur: saisie };
}
