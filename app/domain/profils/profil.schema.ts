import { z } from "~/lib/zod";
import { RESEAUX } from "./profil.labels";
import { type IdentitePersonne, normalizeProfil, personalHandleWarning } from "./profil.rules";

const champs = z.object({
  reseau: z.enum(RESEAUX, { message: "Choisissez un réseau dans la liste." }),
  saisie: z
    .string({ message: "Saisissez l'adresse ou le nom du compte." })
    .trim()
    // `abort`: an empty or too long entry gets this message only, not normalizeProfil's as well.
    .min(1, { message: "Saisissez l'adresse ou le nom du compte.", abort: true })
    .max(300, { message: "Cette adresse est trop longue (300 caractères au plus).", abort: true }),
  confirmationPersonnel: z.literal("on", { message: "Cochez la case ou laissez-la vide." }).optional(),
});

/**
 * The social-profile form, on both sides (Conform in the page, the action on the server).
 * The address is read by `normalizeProfil`: its French message becomes the error of `saisie`, and the
 * output carries the canonical `handle` and `url`. With the person's identity, a handle that looks
 * personal (`personalHandleWarning`) must be confirmed by ticking `confirmationPersonnel`: until then
 * the warning is the error of that checkbox.
 */
export function profilSchemaFor(personne?: IdentitePersonne) {
  return champs
    .superRefine((valeur, ctx) => {
      const resultat = normalizeProfil(valeur.reseau, valeur.saisie);
      if (!resultat.ok) {
        ctx.addIssue({ code: "custom", path: ["saisie"], message: resultat.message });
        return;
      }
      if (!personne || resultat.kind !== "nom" || valeur.confirmationPersonnel === "on") return;
      const avertissement = personalHandleWarning(resultat.handle, personne);
      if (avertissement) {
        ctx.addIssue({
          code: "custom",
          path: ["confirmationPersonnel"],
          message: `${avertissement.message} Si c'est bien le cas, cochez la case de confirmation.`,
        });
      }
    })
    .transform((valeur) => {
      const resultat = normalizeProfil(valeur.reseau, valeur.saisie);
      // Unreachable: superRefine has refused every address normalizeProfil refuses.
      if (!resultat.ok) throw new Error(resultat.message);
      return {
        reseau: valeur.reseau,
        handle: resultat.handle,
        url: resultat.url,
        confirmationPersonnel: valeur.confirmationPersonnel === "on",
      };
    });
}

/** The form without the personal-handle check (the coordinator entering a profile, for instance). */
export const profilSchema = profilSchemaFor();

export type ProfilFormInput = z.input<typeof profilSchema>;
export type ProfilFormData = z.output<typeof profilSchema>;
