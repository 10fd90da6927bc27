import { texteLibre } from "~/domain/confidentialite/texte-libre.schema";
import { z } from "~/lib/zod";
import type { Rubrique } from "./rapport.labels";
import { BORNES, CODES_PAR_RUBRIQUE, FAIT_MARQUANT_MAX, verifierCoherence } from "./rapport.rules";

/**
 * The monthly report's form (used by Conform in the page and by the action). Field names are
 * flat paths Conform reads: `age_nouveaux.15_17`, `canal.messages_prives`, `theme.sante`…, then
 * `echangesIndividuels`, `echangesCollectifs`, `heuresEnLigne`, `faitMarquant`. An empty number is 0.
 *
 * Two modes: `brouillon` checks each field alone (a whole number within its bound, the highlight
 * free of identifying data), so that a draft saves half-filled; `soumission` adds the consistency
 * rules, each error on the field it names.
 */
export type ModeRapport = "brouillon" | "soumission";

const fr = (v: number) => v.toLocaleString("fr-FR");

/** A count typed in a text field (`inputmode="numeric"`): empty is 0, else a whole number from 0 to `max`. */
export function nombreSchema(max: number) {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      // "1 200" as people type it (spaces, including non-breaking ones).
      const saisie = (value ?? "").replace(/[\s\u00a0\u202f]/g, "");
      if (saisie === "") return 0;
      if (/^-\d/.test(saisie)) {
        ctx.addIssue({ code: "custom", message: "Un nombre ne peut pas être négatif : indiquez 0 s'il n'y en a pas." });
        return z.NEVER;
      }
      if (!/^\d+$/.test(saisie)) {
        ctx.addIssue({ code: "custom", message: "Indiquez un nombre entier, sans virgule : 0, 3, 12…" });
        return z.NEVER;
      }
      const nombre = Number(saisie);
      if (nombre > max) {
        ctx.addIssue({
          code: "custom",
          message: `${fr(nombre)}, c'est plus que le maximum d'un mois (${fr(max)}) : vérifiez ce nombre.`,
        });
        return z.NEVER;
      }
      return nombre;
    });
}

/** Hours online: empty is 0, at most one decimal (comma or point), at most `BORNES.heuresEnLigne`. */
export const heuresSchema = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const saisie = (value ?? "").replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
    if (saisie === "") return 0;
    if (/^-\d/.test(saisie)) {
      ctx.addIssue({ code: "custom", message: "Un nombre d'heures ne peut pas être négatif." });
      return z.NEVER;
    }
    if (/^\d+\.\d{2,}$/.test(saisie)) {
      ctx.addIssue({ code: "custom", message: "Une décimale au plus : 12,5 pour douze heures et demie." });
      return z.NEVER;
    }
    if (!/^\d+(\.\d)?$/.test(saisie)) {
      ctx.addIssue({ code: "custom", message: "Indiquez un nombre d'heures : 12 ou 12,5." });
      return z.NEVER;
    }
    const heures = Number(saisie);
    if (heures > BORNES.heuresEnLigne) {
      ctx.addIssue({
        code: "custom",
        message: `${fr(heures)} h, c'est plus que le maximum d'un mois (${BORNES.heuresEnLigne} h, une dizaine d'heures par jour) : vérifiez ce nombre.`,
      });
      return z.NEVER;
    }
    return heures;
  });

/** One breakdown: a field per code of its list; all empty (or absent) is all zeros. */
function rubriqueSchema(rubrique: Rubrique) {
  const codes = CODES_PAR_RUBRIQUE[rubrique];
  const zeros = Object.fromEntries(codes.map((code) => [code, 0])) as Record<string, number>;
  return z
    .object(Object.fromEntries(codes.map((code) => [code, nombreSchema(BORNES[rubrique])])))
    .optional()
    .transform((value): Record<string, number> => ({ ...zeros, ...(value as Record<string, number> | undefined) }));
}

const champsSchema = z.object({
  age_nouveaux: rubriqueSchema("age_nouveaux"),
  age_file: rubriqueSchema("age_file"),
  canal: rubriqueSchema("canal"),
  theme: rubriqueSchema("theme"),
  publication: rubriqueSchema("publication"),
  orientation: rubriqueSchema("orientation"),
  reseau: rubriqueSchema("reseau"),
  echangesIndividuels: nombreSchema(BORNES.echanges),
  echangesCollectifs: nombreSchema(BORNES.echanges),
  heuresEnLigne: heuresSchema,
  faitMarquant: texteLibre({ max: FAIT_MARQUANT_MAX }),
});

/** The submission's schema, built once: Conform keeps its coercion per schema object. */
const soumissionSchema = champsSchema.superRefine((saisie, ctx) => {
  for (const probleme of verifierCoherence(saisie)) {
    ctx.addIssue({ code: "custom", path: probleme.champ.split("."), message: probleme.message });
  }
});

export function rapportSchema(mode: ModeRapport) {
  return mode === "brouillon" ? champsSchema : soumissionSchema;
}

/** The mode a submitted form asks for: the button pressed (`intent`). */
export function modeDe(intent: FormDataEntryValue | null | undefined): ModeRapport {
  return intent === "soumettre" ? "soumission" : "brouillon";
}

/** What the form gives the commands: a `SaisieRapport` (see rapport.rules.ts). */
export type RapportInput = z.output<typeof champsSchema>;
