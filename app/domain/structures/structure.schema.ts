import { z } from "~/lib/zod";
import { STRUCTURE_TYPES } from "./structure.labels";
import { normalizeSiret, normalizeSiteWeb, normalizeTelephone, type Resultat } from "./structure.rules";

export const STRUCTURE_STATUTS = ["active", "inactive"] as const;
export type StructureStatut = (typeof STRUCTURE_STATUTS)[number];

/** An optional text field checked and rewritten by one of the pure rules. */
function normalized(normalize: (raw: string) => Resultat<string>, max: number) {
  return z
    .string()
    .trim()
    .max(max, { message: `${max} caractères au plus.`, abort: true })
    .transform((raw, ctx) => {
      const result = normalize(raw);
      if (!result.ok) {
        ctx.addIssue({ code: "custom", message: result.message });
        return z.NEVER;
      }
      return result.value;
    })
    .optional();
}

/**
 * The structure form, on both sides (Conform in the page, the action on the server). Empty
 * optional fields arrive as `undefined` (Conform) and are stored as null. Whether the commune
 * belongs to the département, and whether the name is free there, is checked by the command.
 */
export const structureSchema = z.object({
  nom: z
    .string({ message: "Saisissez le nom de la structure." })
    .trim()
    .min(2, { message: "Saisissez le nom de la structure (2 caractères au moins)." })
    .max(150, { message: "150 caractères au plus." }),
  type: z.enum(STRUCTURE_TYPES, { message: "Choisissez un type de structure dans la liste." }),
  siret: normalized(normalizeSiret, 30),
  adresse: z.string().trim().max(200, { message: "200 caractères au plus." }).optional(),
  codePostal: z
    .string()
    .trim()
    .regex(/^\d{5}$/, { message: "Le code postal comporte 5 chiffres, par exemple 04000." })
    .optional(),
  communeCode: z
    .string({ message: "Choisissez la commune de la structure." })
    .regex(/^[0-9][0-9AB][0-9]{3}$/, { message: "Choisissez une commune dans la liste." }),
  telephone: normalized(normalizeTelephone, 30),
  email: z
    .string()
    .trim()
    .max(254, { message: "Cette adresse e-mail est trop longue." })
    .pipe(z.email({ message: "Saisissez une adresse e-mail valide, par exemple contact@exemple.fr." }))
    .transform((v) => v.toLowerCase())
    .optional(),
  siteWeb: normalized(normalizeSiteWeb, 300),
  statut: z.enum(STRUCTURE_STATUTS, { message: "Choisissez « Active » ou « Inactive »." }).optional(),
});

export type StructureInput = z.output<typeof structureSchema>;

/** Creating: the same fields, in a département chosen by the coordinator. */
export const structureCreationSchema = structureSchema.extend({
  departement: z.string({ message: "Choisissez un département." }).regex(/^(\d{2}|2[AB]|97\d)$/, {
    message: "Choisissez un département dans la liste.",
  }),
});

export type StructureCreationInput = z.output<typeof structureCreationSchema>;
export type StructureCreationFormInput = z.input<typeof structureCreationSchema>;

/**
 * The employer charter's form. The date is checked against today by `checkDateCharte` in the
 * command (the clock is injected there); the document is read from the multipart body.
 */
export const charteSchema = z.object({
  signeeLe: z
    .string({ message: "Saisissez la date de signature." })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "Saisissez la date de signature au format jj/mm/aaaa." }),
  signataire: z
    .string({ message: "Saisissez le nom de la personne qui a signé." })
    .trim()
    .min(2, { message: "Saisissez le nom de la personne qui a signé." })
    .max(120, { message: "120 caractères au plus." }),
});

export type CharteInput = z.output<typeof charteSchema>;
