import { z } from "~/lib/zod";
import { AUDIENCES, estComite, REGROUPEMENT_TYPES } from "./regroupement.labels";
import { lireDateHeure, verifierLieu, verifierPeriode } from "./regroupement.rules";

export const TITRE_MAX = 150;
export const LIEU_MAX = 300;
export const DESCRIPTION_MAX = 5000;
export const MOTIF_MAX = 1000;
export const CAPACITE_MAX = 10_000;

// An optional text checked inside its transform: Conform reads an empty string as `undefined`,
// which a piped `z.string()` would refuse.
const texte = (max: number, message: string) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      const v = (value ?? "").replace(/\r\n?/g, "\n").trim();
      if (v.length > max) ctx.addIssue({ code: "custom", message });
      return v;
    });

const optionnel = z
  .string()
  .optional()
  .transform((value) => {
    const v = (value ?? "").trim();
    return v === "" ? null : v;
  });

/**
 * The form of a gathering (new and edited). Dates and times are local Europe/Paris fields
 * (`<input type="date">` / `<input type="time">`); the end date defaults to the start date. The
 * output carries the instants `debut` and `fin`. What needs the database (the commune exists in
 * the département, the committee is active and of the same département, the capacity is not below
 * the registrations) is checked by the commands.
 */
export const regroupementSchema = z
  .object({
    type: z.enum(REGROUPEMENT_TYPES, { message: "Choisissez le type de regroupement." }),
    titre: z
      .string({ message: "Donnez un titre au regroupement." })
      .transform((value) => value.replace(/\s+/g, " ").trim())
      .pipe(
        z
          .string()
          .min(3, { message: "Le titre compte au moins 3 caractères." })
          .max(TITRE_MAX, { message: `Le titre compte au plus ${TITRE_MAX} caractères.` }),
      ),
    jourDebut: z.string({ message: "Indiquez la date du regroupement." }),
    heureDebut: z.string({ message: "Indiquez l'heure de début." }),
    jourFin: z.string().optional(),
    heureFin: z.string({ message: "Indiquez l'heure de fin." }),
    lieu: texte(LIEU_MAX, `Le lieu compte au plus ${LIEU_MAX} caractères.`),
    communeCode: optionnel.pipe(
      z
        .string()
        .regex(/^[0-9][0-9AB][0-9]{3}$/, { message: "Choisissez une commune dans la liste." })
        .nullable(),
    ),
    lienVisio: optionnel.pipe(
      z
        .string()
        .max(500, { message: "Le lien compte au plus 500 caractères." })
        .refine(
          (value) => {
            try {
              const url = new URL(value);
              return url.protocol === "https:" && url.hostname.includes(".");
            } catch {
              return false;
            }
          },
          { message: "Indiquez un lien complet commençant par https://" },
        )
        .nullable(),
    ),
    description: texte(DESCRIPTION_MAX, `La description compte au plus ${DESCRIPTION_MAX} caractères.`),
    audience: z.enum(AUDIENCES, { message: "Choisissez à qui s'adresse le regroupement." }),
    capacite: optionnel.pipe(
      z
        .string()
        .regex(/^\d+$/, { message: "Indiquez un nombre entier de places, ou laissez vide s'il n'y a pas de limite." })
        .transform(Number)
        .pipe(
          z
            .number()
            .int()
            .min(1, { message: "Une capacité compte au moins 1 place ; laissez vide s'il n'y a pas de limite." })
            .max(CAPACITE_MAX, { message: "Cette capacité est trop grande : vérifiez ce nombre." }),
        )
        .nullable(),
    ),
    comiteId: optionnel.pipe(z.uuid({ message: "Choisissez un comité dans la liste." }).nullable()),
  })
  .transform((v, ctx) => {
    const debut = lireDateHeure(v.jourDebut, v.heureDebut);
    if (!debut.ok) {
      const champ = debut.champ === "jour" ? "jourDebut" : "heureDebut";
      ctx.addIssue({ code: "custom", path: [champ], message: debut.message });
    }
    const jourFin = (v.jourFin ?? "").trim() === "" ? v.jourDebut : (v.jourFin ?? "");
    const fin = lireDateHeure(jourFin, v.heureFin);
    if (!fin.ok) {
      const champ = fin.champ === "jour" ? "jourFin" : "heureFin";
      ctx.addIssue({ code: "custom", path: [champ], message: fin.message });
    }
    if (debut.ok && fin.ok) {
      const periode = verifierPeriode(debut.instant, fin.instant);
      if (periode) ctx.addIssue({ code: "custom", path: ["heureFin"], message: periode });
    }
    const lieu = verifierLieu(v.lieu, v.lienVisio);
    if (lieu) ctx.addIssue({ code: "custom", path: ["lieu"], message: lieu });
    if (estComite(v.type) && !v.comiteId) {
      ctx.addIssue({ code: "custom", path: ["comiteId"], message: "Choisissez le comité qui se réunit." });
    }
    if (!debut.ok || !fin.ok) return z.NEVER;
    return {
      type: v.type,
      titre: v.titre,
      debut: debut.instant,
      fin: fin.instant,
      lieu: v.lieu,
      communeCode: v.communeCode,
      lienVisio: v.lienVisio,
      description: v.description,
      audience: v.audience,
      capacite: v.capacite,
      // Only a committee's meeting belongs to a committee.
      comiteId: estComite(v.type) ? v.comiteId : null,
    };
  });

export type RegroupementInput = z.output<typeof regroupementSchema>;

/** The edit form adds the version it read (optimistic concurrency). */
export const modificationSchema = z.object({ version: z.coerce.number().int().min(1) }).and(regroupementSchema);

/** Cancelling needs a reason, told to the invitees. */
export const annulationSchema = z.object({
  motif: z
    .string({ message: "Indiquez le motif de l'annulation : il est envoyé aux invités." })
    .transform((value) => value.replace(/\r\n?/g, "\n").trim())
    .pipe(
      z
        .string()
        .min(3, { message: "Indiquez le motif de l'annulation : il est envoyé aux invités." })
        .max(MOTIF_MAX, { message: `Le motif compte au plus ${MOTIF_MAX} caractères.` }),
    ),
});

/** An answer: « Je participe » or « Je ne participe pas ». */
export const reponseSchema = z.object({
  reponse: z.enum(["oui", "non"], { message: "Choisissez « Je participe » ou « Je ne participe pas »." }),
});
