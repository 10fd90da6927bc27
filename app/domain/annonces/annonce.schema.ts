import { formatNumber } from "~/lib/format";
import { z } from "~/lib/zod";
import { AUDIENCES } from "./annonce.labels";

const TITRE_MIN = 3;
export const TITRE_MAX = 120;
const CORPS_MIN = 10;
export const CORPS_MAX = 5000;

/** The form of a new announcement: plain text only (never rendered as HTML). */
export const annonceSchema = z.object({
  departement: z
    .string({ message: "Le département manque." })
    .regex(/^(\d{2}|2[AB]|97\d)$/, { message: "Ce département n'existe pas." }),
  titre: z
    .string({ message: "Donnez un titre à l'annonce." })
    // A title is one line (it is also the e-mail subject).
    .transform((value) => value.replace(/\s+/g, " ").trim())
    .pipe(
      z
        .string()
        .min(TITRE_MIN, { message: `Le titre compte au moins ${TITRE_MIN} caractères.` })
        .max(TITRE_MAX, { message: `Le titre compte au plus ${TITRE_MAX} caractères.` }),
    ),
  audience: z.enum(AUDIENCES, { message: "Choisissez à qui envoyer l'annonce." }),
  corps: z
    .string({ message: "Écrivez le texte de l'annonce." })
    .transform((value) => value.replace(/\r\n?/g, "\n").trim())
    .pipe(
      z
        .string()
        .min(CORPS_MIN, { message: `Le texte compte au moins ${CORPS_MIN} caractères.` })
        .max(CORPS_MAX, { message: `Le texte compte au plus ${formatNumber(CORPS_MAX)} caractères.` }),
    ),
});

export type AnnonceInput = z.infer<typeof annonceSchema>;
