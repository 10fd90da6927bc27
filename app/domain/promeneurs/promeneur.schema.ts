import { z } from "~/lib/zod";
import { HEURES_MAX, HEURES_MIN, MOTIF_MAX } from "./promeneur.rules";

const texte = (requis: string, max: number, trop: string) =>
  z.string({ message: requis }).trim().min(1, { message: requis }).max(max, { message: trop });

const optionnel = (max: number, trop: string) =>
  z
    .string()
    .trim()
    .max(max, { message: trop })
    .optional()
    .transform((v) => (v ? v : undefined));

const email = z
  .string({ message: "Saisissez l'adresse e-mail professionnelle." })
  .trim()
  .toLowerCase()
  .max(254, { message: "Cette adresse e-mail est trop longue." })
  .pipe(z.email({ message: "Saisissez une adresse e-mail valide, par exemple prenom.nom@structure.fr." }));

const telephone = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))
  .refine((v) => v === undefined || (/^\+?[\d\s.-]+$/.test(v) && v.replace(/\D/g, "").length >= 10), {
    message: "Saisissez un numéro de téléphone à 10 chiffres, par exemple 04 92 00 00 00.",
  })
  .refine((v) => v === undefined || v.length <= 30, { message: "Ce numéro est trop long." });

const heuresMessage = `Indiquez les heures consacrées chaque semaine à la mission, entre 0,5 et ${HEURES_MAX} (par exemple 4 ou 2,5).`;

/** "2,5" or "2.5" → 2.5, in half-hour steps. */
const heures = z
  .string({ message: heuresMessage })
  .trim()
  .min(1, { message: heuresMessage })
  .transform((v) => Number(v.replace(",", ".")))
  .refine((v) => Number.isFinite(v) && v >= HEURES_MIN && v <= HEURES_MAX, { message: heuresMessage })
  .refine((v) => Number.isInteger(v * 2), { message: "Indiquez les heures par demi-heures (par exemple 2,5)." });

const contact = {
  email,
  telephone,
  fonction: texte(
    "Indiquez la fonction du professionnel.",
    120,
    "La fonction est trop longue (120 caractères au plus).",
  ),
  heuresHebdomadaires: heures,
};

const identite = {
  prenom: texte("Indiquez le prénom.", 80, "Le prénom est trop long (80 caractères au plus)."),
  nom: texte("Indiquez le nom.", 80, "Le nom est trop long (80 caractères au plus)."),
};

export const proposerSchema = z.object({
  structureId: z.uuid({ message: "Choisissez la structure." }),
  ...identite,
  ...contact,
  nomPublic: optionnel(80, "Le nom public est trop long (80 caractères au plus)."),
});
type Optional<T, K extends keyof T> = Omit<T, K> & { [P in K]?: T[P] };
export type ProposerInput = Optional<z.infer<typeof proposerSchema>, "telephone" | "nomPublic">;

/** What the coordinator edits; a referent edits only the professional contacts, function and hours. */
export const modifierSchema = z.object({ ...identite, ...contact });
export const modifierContactSchema = z.object(contact);
export type ModifierInput = Optional<z.infer<typeof modifierContactSchema>, "telephone"> & {
  prenom?: string;
  nom?: string;
};

/** A calendar day from `<input type="date">`, empty for "today". */
export const dateJour = z
  .string()
  .trim()
  .optional()
  .refine((v) => !v || parseJour(v) !== null, { message: "Saisissez une date valide (jj/mm/aaaa)." })
  .transform((v) => (v ? parseJour(v) : null));

export const motif = z
  .string()
  .trim()
  .max(MOTIF_MAX, { message: `Le motif ne doit pas dépasser ${MOTIF_MAX} caractères.` })
  .optional()
  .transform((v) => v ?? "");

export const transitionFormSchema = z.object({ date: dateJour, motif });

/**
 * "2025-03-20" → that day at noon UTC, which is the same calendar day in Europe/Paris (13:00 or
 * 14:00), so the day shown and compared is the one typed; null if it is not a real date.
 */
export function parseJour(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d, 12));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date;
}

const communeCode = z
  .string({ message: "Choisissez une commune de la liste." })
  .trim()
  .regex(/^\d[\dAB]\d{3}$/, { message: "Choisissez une commune de la liste." });
const epciSiren = z
  .string({ message: "Choisissez une intercommunalité de la liste." })
  .trim()
  .regex(/^\d{9}$/, { message: "Choisissez une intercommunalité de la liste." });

/** One change of the intervention territory, as the territory page posts it (one form per button). */
export const territoireChangeSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("ajouter-commune"), communeCode }),
  z.object({ intent: z.literal("ajouter-epci"), epciSiren }),
  z.object({ intent: z.literal("retirer-commune"), communeCode }),
  z.object({ intent: z.literal("retirer-epci"), epciSiren }),
]);
export type TerritoireChange = z.infer<typeof territoireChangeSchema>;

/** A commune or a whole EPCI of the territory. */
export type TerritoireElement = { communeCode: string } | { epciSiren: string };
