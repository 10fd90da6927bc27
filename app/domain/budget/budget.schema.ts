/**
 * The budget's forms as typed (pure): amounts in French (« 2 500,50 »), the coordinator's time in
 * FTE (« 0,5 »), one field per line and column. Each refusal is a French message keyed by the
 * field's name, shown next to it; nothing is written unless every field reads.
 */
import { formatJourIso, parseJourIso } from "~/lib/jour";
import { z } from "~/lib/zod";
import type { LigneBudget } from "./budget.etat";
import { lireMontant } from "./montant";

/** The form was read at an older version (another tab or person saved since): a conflict, 409. */
export const CHAMP_VERSION = "version";
/** A refusal about the whole form rather than one field. */
export const CHAMP_FORMULAIRE = "";

/** A budget page's address, département included (national reads every département). */
export function adresseBudget(departement: string, annee: number, suite = ""): string {
  return `/espace/budget/${annee}${suite}?departement=${departement}`;
}

export const COMMENTAIRE_MAX = 1000;
export const LIBELLE_MAX = 120;

/** Field names of a line in the budget form. */
export const champ = {
  prevu: (ligneId: string) => `prevu_${ligneId}`,
  realise: (ligneId: string) => `realise_${ligneId}`,
  commentaire: (ligneId: string) => `commentaire_${ligneId}`,
} as const;

export type EtpLu = { ok: true; centiemes: number | null } | { ok: false; message: string };

/** « 0,5 », « 0.5 », « 0,45 » → hundredths of an FTE (50, 45); between 0 and 1, two decimals at most. */
export function lireEtp(texte: string | null | undefined): EtpLu {
  const saisie = (texte ?? "").trim().replace(/\s*ETP$/i, "");
  if (saisie === "") return { ok: true, centiemes: null };
  const m = /^(\d+)(?:[.,](\d{0,2}))?$/.exec(saisie);
  if (!m) return { ok: false, message: "Indiquez le temps en équivalent temps plein, par exemple 0,5." };
  const centiemes = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  if (centiemes > 100) return { ok: false, message: "Un temps de travail ne dépasse pas 1 ETP (un temps plein)." };
  return { ok: true, centiemes };
}

/** `undefined`: the field was not in the form (a submitted budget's planned column is not sent). */
export type SaisieLigne = { id: string; prevu: number | undefined; realise: number | null; commentaire: string };
export type SaisieBudget = {
  etpCoordination: number | null | undefined;
  coutAnnuelCoordination: number | null | undefined;
  lignes: SaisieLigne[];
};

export type Lecture<T> = { ok: true; valeur: T } | { ok: false; erreurs: Record<string, string[]> };

/**
 * Reads the budget form for the lines of the budget (a field for another line is ignored). A
 * planned amount left empty reads as 0; an actual amount left empty stays « not entered ».
 */
export function lireSaisieBudget(form: FormData, lignes: readonly Pick<LigneBudget, "id">[]): Lecture<SaisieBudget> {
  const erreurs: Record<string, string[]> = {};
  const texte = (nom: string) => {
    const v = form.get(nom);
    return typeof v === "string" ? v : "";
  };
  const montant = (nom: string): number | null => {
    const lu = lireMontant(texte(nom));
    if (lu.ok) return lu.centimes;
    erreurs[nom] = [lu.message];
    return null;
  };
  const present = (nom: string) => form.has(nom);
  const etp = lireEtp(texte("etpCoordination"));
  if (!etp.ok) erreurs.etpCoordination = [etp.message];
  const cout = montant("coutAnnuelCoordination");
  const saisies = lignes.map((l): SaisieLigne => {
    const commentaire = texte(champ.commentaire(l.id)).trim();
    if (commentaire.length > COMMENTAIRE_MAX) {
      erreurs[champ.commentaire(l.id)] = [`${COMMENTAIRE_MAX} caractères au plus.`];
    }
    return {
      id: l.id,
      prevu: present(champ.prevu(l.id)) ? (montant(champ.prevu(l.id)) ?? 0) : undefined,
      realise: montant(champ.realise(l.id)),
      commentaire,
    };
  });
  if (Object.keys(erreurs).length > 0) return { ok: false, erreurs };
  return {
    ok: true,
    valeur: {
      etpCoordination: !present("etpCoordination") ? undefined : etp.ok ? etp.centiemes : null,
      coutAnnuelCoordination: present("coutAnnuelCoordination") ? cout : undefined,
      lignes: saisies,
    },
  };
}

export const ligneAjouteeSchema = z.object({
  sens: z.enum(["charge", "produit"], { error: "Choisissez : charge ou produit." }),
  libelle: z
    .string({ error: "Donnez un intitulé à la ligne." })
    .trim()
    .min(1, "Donnez un intitulé à la ligne.")
    .max(LIBELLE_MAX, `${LIBELLE_MAX} caractères au plus.`),
});
export type LigneAjoutee = z.infer<typeof ligneAjouteeSchema>;

/** A day typed 'JJ/MM/AAAA' or 'YYYY-MM-DD', read as 'YYYY-MM-DD'. */
const jourSchema = (message: string) =>
  z.string({ error: message }).transform((value, ctx): string => {
    const jour = parseJourIso(value);
    if (!jour) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return formatJourIso(jour);
  });

export const versementSchema = z.object({
  type: z.enum(["avance", "solde", "remboursement"], { error: "Choisissez le type de versement." }),
  montant: z
    .string()
    .optional()
    .transform((value, ctx): number => {
      const lu = lireMontant(value);
      if (!lu.ok || lu.centimes === null || lu.centimes === 0) {
        ctx.addIssue({
          code: "custom",
          message: lu.ok ? "Indiquez le montant versé, en euros : par exemple 20 000,00." : lu.message,
        });
        return z.NEVER;
      }
      return lu.centimes;
    }),
  verseLe: jourSchema("Indiquez la date du versement (jj/mm/aaaa)."),
  commentaire: z.string().trim().max(COMMENTAIRE_MAX, `${COMMENTAIRE_MAX} caractères au plus.`).default(""),
});
export type VersementSaisi = z.infer<typeof versementSchema>;

export const rapportsRecusSchema = z.object({
  rapportsRecusLe: z
    .string()
    .trim()
    .optional()
    .transform((value, ctx): string | null => {
      if (!value) return null;
      const jour = parseJourIso(value);
      if (!jour) {
        ctx.addIssue({ code: "custom", message: "Indiquez une date valide (jj/mm/aaaa)." });
        return z.NEVER;
      }
      return formatJourIso(jour);
    }),
});
