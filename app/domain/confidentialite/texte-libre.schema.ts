import { z } from "~/lib/zod";
import { messageDonneeIdentifiante, trouverDonneeIdentifiante } from "./donnees-identifiantes";

/**
 * A free-text field of the activity records (report highlight, situation note, project
 * description…): trimmed, line breaks normalised, at most `max` characters, and refused when it
 * carries identifying data, with a message that explains why. Empty is `""` unless `requis`.
 */
export function texteLibre({
  max,
  requis = false,
  messageRequis,
}: {
  max: number;
  requis?: boolean;
  messageRequis?: string;
}) {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      const texte = (value ?? "").replace(/\r\n?/g, "\n").trim();
      if (requis && texte === "") {
        ctx.addIssue({ code: "custom", message: messageRequis ?? "Ce champ est obligatoire." });
        return z.NEVER;
      }
      if (texte.length > max) {
        ctx.addIssue({
          code: "custom",
          message: `${max} caractères au plus : le texte en compte ${texte.length}.`,
        });
        return z.NEVER;
      }
      const trouve = trouverDonneeIdentifiante(texte);
      if (trouve) {
        ctx.addIssue({ code: "custom", message: messageDonneeIdentifiante(trouve) });
        return z.NEVER;
      }
      return texte;
    });
}
