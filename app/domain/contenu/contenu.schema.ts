import { formatNumber } from "~/lib/format";
import { z } from "~/lib/zod";
import { ETATS_CONFORMITE, STATUTS_CONTENU } from "./contenu.labels";
import { checkConformite, parseDateHeureParis } from "./contenu.rules";

export const TITRE_MAX = 150;
export const RESUME_MAX = 300;
export const CORPS_MAX = 30_000;
export const DESCRIPTION_MAX = 300;
export const ALT_MAX = 250;

const departement = z
  .string({ message: "Le département manque." })
  .regex(/^(\d{2}|2[AB]|97\d)$/, { message: "Ce département n'existe pas." });

const ligne = (vide: string, min: number, max: number, nom: string) =>
  z
    .string({ message: vide })
    .transform((value) => value.replace(/\s+/g, " ").trim())
    .pipe(
      // Conform turns the trimmed empty string into undefined: the same message as an empty field.
      z
        .string({ message: vide })
        .min(min, { message: `${nom} compte au moins ${min} caractères.` })
        .max(max, { message: `${nom} compte au plus ${formatNumber(max)} caractères.` }),
    );

const corps = (vide: string) =>
  z
    .string({ message: vide })
    .transform((value) => value.replace(/\r\n?/g, "\n").trim())
    .pipe(
      z
        .string({ message: vide })
        .min(1, { message: vide })
        .max(CORPS_MAX, { message: `Le texte compte au plus ${formatNumber(CORPS_MAX)} caractères.` }),
    );

const statut = z.enum(STATUTS_CONTENU, { message: "Choisissez brouillon ou publié." });

/** The form of a news post (new or edited). An empty address is derived from the title. */
export const actualiteSchema = z.object({
  departement,
  titre: ligne("Donnez un titre à l'actualité.", 3, TITRE_MAX, "Le titre"),
  resume: ligne("Écrivez un court résumé (une ou deux phrases).", 10, RESUME_MAX, "Le résumé"),
  corps: corps("Écrivez le texte de l'actualité."),
  slug: z.string().trim().max(60, { message: "L'adresse compte au plus 60 caractères." }).optional(),
  imageId: z.uuid({ message: "Choisissez une image de la bibliothèque." }).optional(),
  /** The text alternative of an image uploaded with the form (the file is checked apart). */
  nouvelleImageAlt: z
    .string()
    .trim()
    .max(ALT_MAX, { message: `Le texte compte au plus ${ALT_MAX} caractères.` })
    .optional(),
  nouvelleImageDecorative: z.boolean().optional(),
  statut,
  publieLe: z
    .string()
    .optional()
    .refine((value) => value === undefined || parseDateHeureParis(value) !== null, {
      message: "Indiquez une date et une heure valides (jj/mm/aaaa hh:mm).",
    }),
});
export type ActualiteInput = z.infer<typeof actualiteSchema>;

/** The form of a page of the site; the accessibility page adds its RGAA conformity. */
export const pageSchema = z
  .object({
    departement,
    titre: ligne("Donnez un titre à la page.", 3, TITRE_MAX, "Le titre"),
    description: ligne(
      "Écrivez la description de la page (une ou deux phrases).",
      10,
      DESCRIPTION_MAX,
      "La description",
    ),
    corps: corps("Écrivez le texte de la page."),
    statut,
    etatConformite: z.enum(ETATS_CONFORMITE, { message: "Choisissez un état de conformité." }).optional(),
    auditLe: z.iso.date({ message: "Indiquez une date valide." }).optional(),
    tauxConformite: z
      .number({ message: "Indiquez un pourcentage entre 0 et 100." })
      .int({ message: "Indiquez un pourcentage entier." })
      .min(0, { message: "Indiquez un pourcentage entre 0 et 100." })
      .max(100, { message: "Indiquez un pourcentage entre 0 et 100." })
      .optional(),
  })
  .superRefine((value, ctx) => {
    if (value.etatConformite === undefined) return;
    const faute = checkConformite({
      etat: value.etatConformite,
      auditLe: value.auditLe ?? null,
      taux: value.tauxConformite ?? null,
    });
    if (faute) ctx.addIssue({ code: "custom", path: [faute.field], message: faute.message });
  });
export type PageInput = z.infer<typeof pageSchema>;

/** A free page's address, chosen once at its creation. */
export const nouvellePageSchema = z.object({
  departement,
  slug: z
    .string({ message: "Choisissez l'adresse de la page." })
    .trim()
    .min(2, { message: "L'adresse compte au moins 2 caractères." })
    .max(60, { message: "L'adresse compte au plus 60 caractères." }),
  titre: ligne("Donnez un titre à la page.", 3, TITRE_MAX, "Le titre"),
});

/** The text of an image of the library (the file is checked apart by `checkUpload`). */
export const mediaSchema = z
  .object({
    departement,
    alt: z
      .string()
      .trim()
      .max(ALT_MAX, { message: `Le texte compte au plus ${ALT_MAX} caractères.` })
      .optional(),
    decorative: z.boolean().optional(),
  })
  .superRefine((value, ctx) => {
    if (!value.decorative && !value.alt) {
      ctx.addIssue({
        code: "custom",
        path: ["alt"],
        message: "Décrivez l'image pour les personnes qui ne la voient pas, ou cochez « image décorative ».",
      });
    }
  });
