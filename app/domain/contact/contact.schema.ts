import { formatNumber } from "~/lib/format";
import { z } from "~/lib/zod";
import { QUALITES } from "./contact.labels";

export const MESSAGE_MIN_LENGTH = 20;
export const MESSAGE_MAX_LENGTH = 3000;
/**
 * A field people never see nor fill: robots that fill every field are answered as if all went well.
 * Checked before the schema (`isHoneypotFilled`), which ignores it.
 */
export const HONEYPOT_FIELD = "site_web";

/** One line of text: line breaks and runs of spaces become one space (the value goes in a mail subject). */
const oneLine = (value: string) => value.replace(/\s+/g, " ").trim();

export const contactSchema = z.object({
  nom: z
    .string({ message: "Indiquez votre nom." })
    .transform(oneLine)
    .pipe(
      z
        .string()
        .min(2, { message: "Indiquez votre nom (2 caractères au moins)." })
        .max(100, { message: "Votre nom est trop long (100 caractères au plus)." }),
    ),
  email: z
    .string({ message: "Indiquez votre adresse e-mail, pour que la coordination puisse vous répondre." })
    .trim()
    .max(254, { message: "Cette adresse e-mail est trop longue." })
    .pipe(z.email({ message: "Saisissez une adresse e-mail valide, par exemple prenom.nom@exemple.fr." })),
  qualite: z.enum(QUALITES, { message: "Indiquez qui vous êtes." }),
  objet: z
    .string({ message: "Indiquez l'objet de votre message." })
    .transform(oneLine)
    .pipe(
      z
        .string()
        .min(3, { message: "Indiquez l'objet de votre message (3 caractères au moins)." })
        .max(150, { message: "L'objet est trop long (150 caractères au plus)." }),
    ),
  message: z
    .string({ message: "Écrivez votre message." })
    .trim()
    .min(1, { message: "Écrivez votre message.", abort: true })
    .min(MESSAGE_MIN_LENGTH, {
      message: `Votre message est trop court\u00a0: écrivez au moins ${MESSAGE_MIN_LENGTH} caractères.`,
    })
    .max(MESSAGE_MAX_LENGTH, {
      error: (issue) =>
        `Votre message est trop long\u00a0: ${formatNumber(MESSAGE_MAX_LENGTH)} caractères au plus, il en compte ${formatNumber(
          typeof issue.input === "string" ? issue.input.length : 0,
        )}.`,
    }),
});

export type ContactInput = z.infer<typeof contactSchema>;

/** True when the hidden field was filled: a robot, to be told "sent" while nothing is stored. */
export function isHoneypotFilled(formData: FormData): boolean {
  const value = formData.get(HONEYPOT_FIELD);
  return typeof value === "string" && value.trim() !== "";
}
