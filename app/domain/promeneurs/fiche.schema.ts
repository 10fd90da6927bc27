import { z } from "~/lib/zod";
import {
  AGE_MAX,
  AGE_MIN,
  BIO_MAX,
  coordonneeDansTexte,
  coordonneeMessages,
  NOM_PUBLIC_MAX,
  NOM_PUBLIC_MIN,
} from "./fiche.rules";
import { THEMES } from "./theme.labels";

const age = (label: string) =>
  z
    .number({ message: `Indiquez ${label} (un nombre entre ${AGE_MIN} et ${AGE_MAX}).` })
    .int(`Indiquez ${label} en années entières.`)
    .min(AGE_MIN, `L'âge doit être compris entre ${AGE_MIN} et ${AGE_MAX} ans.`)
    .max(AGE_MAX, `L'âge doit être compris entre ${AGE_MIN} et ${AGE_MAX} ans.`);

/** The public record form (the photo is a file, checked apart by `checkUpload`). */
export const ficheSchema = z
  .object({
    nomPublic: z
      .string({ message: "Indiquez le nom affiché au public." })
      .trim()
      .min(NOM_PUBLIC_MIN, `Le nom affiché doit compter au moins ${NOM_PUBLIC_MIN} caractères.`)
      .max(NOM_PUBLIC_MAX, `Le nom affiché ne doit pas dépasser ${NOM_PUBLIC_MAX} caractères.`),
    bio: z
      .string()
      .trim()
      .max(BIO_MAX, `La présentation ne doit pas dépasser ${BIO_MAX} caractères.`)
      .optional()
      .superRefine((bio, ctx) => {
        // Past its length the text is refused anyway; the search would take seconds on 64 000 characters.
        const found = bio && bio.length <= BIO_MAX ? coordonneeDansTexte(bio) : null;
        if (found) ctx.addIssue({ code: "custom", message: coordonneeMessages[found] });
      }),
    themes: z.array(z.enum(THEMES, { message: "Choisissez des thèmes de la liste." })).default([]),
    ageMin: age("l'âge minimum"),
    ageMax: age("l'âge maximum"),
    supprimerPhoto: z.boolean().optional(),
  })
  .superRefine((value, ctx) => {
    if (value.ageMin > value.ageMax) {
      ctx.addIssue({
        code: "custom",
        path: ["ageMax"],
        message: "L'âge maximum doit être supérieur ou égal à l'âge minimum.",
      });
    }
  });

export type FicheInput = z.infer<typeof ficheSchema>;
