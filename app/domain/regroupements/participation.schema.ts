import { z } from "~/lib/zod";

const MESSAGE_SEUIL = "Le seuil est un pourcentage entier entre 0 et 100.";

/** The threshold typed in the form: a whole percentage from 0 to 100 (« 50 » or « 50 % »). */
export const seuilSchema = z
  .string({ error: MESSAGE_SEUIL })
  .trim()
  .transform((saisie) => saisie.replace(/\s*%$/, ""))
  .pipe(z.string().regex(/^\d{1,3}$/, MESSAGE_SEUIL))
  .transform(Number)
  .pipe(z.number().int(MESSAGE_SEUIL).min(0, MESSAGE_SEUIL).max(100, MESSAGE_SEUIL));
