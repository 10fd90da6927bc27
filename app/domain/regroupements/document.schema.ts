import { DOCUMENT_NATURES } from "~/domain/regroupements/regroupement.labels";
import { z } from "~/lib/zod";
import { ligne } from "./comite.schema";

export const DOCUMENT_TITRE_MAX = 160;
export const COMPTE_RENDU_MAX = 50_000;

export const documentSchema = z.object({
  nature: z.enum(DOCUMENT_NATURES, { message: "Choisissez la nature du document." }),
  titre: ligne(DOCUMENT_TITRE_MAX, "Donnez un titre au document."),
});
export type DocumentInput = z.output<typeof documentSchema>;

export const compteRenduSchema = z.object({
  compteRendu: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const t = (value ?? "").replace(/\r\n?/g, "\n").trim();
      if (t.length > COMPTE_RENDU_MAX) {
        ctx.addIssue({ code: "custom", message: `Le compte rendu compte au plus ${COMPTE_RENDU_MAX} caractères.` });
        return z.NEVER;
      }
      return t;
    }),
  version: z.coerce.number({ message: "Version inconnue." }).int().min(1),
});
