import { z } from "zod";

// French default messages everywhere; schemas write their own where the default reads badly.
z.config(z.locales.fr());

export { z };

/** A display order typed in a text field: empty is 0, else a whole number from 0 to 999. */
export const ordreSchema = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const saisie = (value ?? "").trim();
    if (saisie === "") return 0;
    if (!/^\d{1,3}$/.test(saisie)) {
      ctx.addIssue({ code: "custom", message: "L'ordre est un nombre entier entre 0 et 999." });
      return z.NEVER;
    }
    return Number(saisie);
  });
