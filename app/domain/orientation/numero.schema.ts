import { SITUATION_CATEGORIES } from "~/domain/situations/situation.labels";
import { comparerJours, type JourCivil, parseJourIso } from "~/lib/jour";
import { ordreSchema, z } from "~/lib/zod";
import { isHttpUrl, normaliserTelephone } from "./numero.rules";
import { NUMERO_KINDS } from "./numeros-nationaux";
import { GRATUITES, NUMERO_PUBLICS } from "./orientation.labels";

export const NOM_MAX = 120;
export const DESCRIPTION_MAX = 800;
export const HORAIRES_MAX = 200;
export const SOURCE_MAX = 300;

/** An optional text: trimmed, empty when left out, at most `max` characters. */
const texte = (max: number, message: string) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      const t = (value ?? "").replace(/\r\n?/g, "\n").trim();
      if (t.length > max) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return t;
    });

const optionnel = z
  .string()
  .optional()
  .transform((value) => value?.trim() || null);

const telephone = optionnel.transform((value, ctx) => {
  if (value === null) return null;
  const result = normaliserTelephone(value);
  if (!result.ok) {
    ctx.addIssue({ code: "custom", message: result.message });
    return z.NEVER;
  }
  return result.affichage;
});

/**
 * The form of an entry of the referral directory (back-office). `aujourdhui` bounds the
 * verification day: a check cannot be dated in the future.
 */
export function numeroSchema(aujourdhui: JourCivil) {
  return z
    .object({
      nom: z
        .string({ message: "Donnez le nom du service." })
        .transform((value) => value.replace(/\s+/g, " ").trim())
        .pipe(
          z
            .string()
            .min(2, { message: "Donnez le nom du service." })
            .max(NOM_MAX, { message: `Le nom compte au plus ${NOM_MAX} caractères.` }),
        ),
      description: texte(DESCRIPTION_MAX, `La description compte au plus ${DESCRIPTION_MAX} caractères.`),
      genre: z.enum(NUMERO_KINDS, { message: "Choisissez le type de service." }),
      telephone,
      sms: telephone,
      url: optionnel.refine((value) => value === null || isHttpUrl(value), {
        message: "L'adresse doit commencer par https:// (ou http://), par exemple https://www.exemple.fr.",
      }),
      horaires: texte(HORAIRES_MAX, `Les horaires comptent au plus ${HORAIRES_MAX} caractères.`),
      public: z.enum(NUMERO_PUBLICS, { message: "Choisissez qui peut appeler." }),
      gratuit: z
        .enum(GRATUITES, { message: "Choisissez une réponse." })
        .optional()
        .transform((value) => (value === "oui" ? true : value === "non" ? false : null)),
      source: z
        .string({ message: "Indiquez d'où vient l'information (site officiel, document, appel…)." })
        .transform((value) => value.replace(/\s+/g, " ").trim())
        .pipe(
          z
            .string()
            .min(3, { message: "Indiquez d'où vient l'information (site officiel, document, appel…)." })
            .max(SOURCE_MAX, { message: `La source compte au plus ${SOURCE_MAX} caractères.` }),
        ),
      verifieLe: z.string({ message: "Indiquez la date de la dernière vérification." }).transform((value, ctx) => {
        const jour = parseJourIso(value);
        if (!jour) {
          ctx.addIssue({ code: "custom", message: "Cette date n'existe pas (format attendu : JJ/MM/AAAA)." });
          return z.NEVER;
        }
        if (comparerJours(jour, aujourdhui) > 0) {
          ctx.addIssue({ code: "custom", message: "La date de vérification ne peut pas être dans le futur." });
          return z.NEVER;
        }
        const pad = (n: number) => String(n).padStart(2, "0");
        return `${jour.annee}-${pad(jour.mois)}-${pad(jour.jour)}`;
      }),
      ordre: ordreSchema,
      /**
       * The situation categories (list G) the service answers; none: general help, shown beside
       * every situation. Ignored for a seeded national line, whose categories the seed keeps.
       */
      categories: z
        .array(z.enum(SITUATION_CATEGORIES, { message: "Choisissez des catégories de la liste." }))
        .default([])
        .transform((categories) => SITUATION_CATEGORIES.filter((c) => categories.includes(c))),
    })
    .superRefine((value, ctx) => {
      if (value.telephone === null && value.sms === null && value.url === null) {
        ctx.addIssue({
          code: "custom",
          path: ["telephone"],
          message: "Donnez au moins un moyen de joindre le service : un téléphone, un numéro pour les SMS ou un site.",
        });
      }
    });
}

export type NumeroInput = z.output<ReturnType<typeof numeroSchema>>;
