import { isHttpUrl } from "~/domain/orientation/numero.rules";
import { ordreSchema, z } from "~/lib/zod";
import { RESSOURCE_CATEGORIES, RESSOURCE_VISIBILITES } from "./ressource.labels";

export const TITRE_MAX = 150;
export const DESCRIPTION_MAX = 600;

/** The form of a resource; its file, when it has one, is read and checked apart (`checkUpload`). */
export const ressourceSchema = z.object({
  titre: z
    .string({ message: "Donnez un titre à la ressource." })
    .transform((value) => value.replace(/\s+/g, " ").trim())
    .pipe(
      z
        .string()
        .min(3, { message: "Le titre compte au moins 3 caractères." })
        .max(TITRE_MAX, { message: `Le titre compte au plus ${TITRE_MAX} caractères.` }),
    ),
  description: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const t = (value ?? "").replace(/\r\n?/g, "\n").trim();
      if (t.length > DESCRIPTION_MAX) {
        ctx.addIssue({ code: "custom", message: `La description compte au plus ${DESCRIPTION_MAX} caractères.` });
        return z.NEVER;
      }
      return t;
    }),
  categorie: z.enum(RESSOURCE_CATEGORIES, { message: "Choisissez une catégorie." }),
  visibilite: z.enum(RESSOURCE_VISIBILITES, { message: "Choisissez qui peut voir la ressource." }),
  url: z
    .string()
    .optional()
    .transform((value) => value?.trim() || null)
    .refine((value) => value === null || isHttpUrl(value), {
      message: "Le lien doit commencer par https:// (ou http://), par exemple https://www.exemple.fr.",
    }),
  ordre: ordreSchema,
});

export type RessourceInput = z.output<typeof ressourceSchema>;
