import { z } from "~/lib/zod";
import { ROLES } from "./roles";

const email = z
  .string({ message: "Saisissez votre adresse e-mail." })
  .trim()
  .max(254, { message: "Cette adresse e-mail est trop longue." })
  .pipe(z.email({ message: "Saisissez une adresse e-mail valide, par exemple prenom.nom@exemple.fr." }));

export const PASSWORD_MIN_LENGTH = 12;

const newPassword = z
  .string({ message: "Choisissez un mot de passe." })
  .min(PASSWORD_MIN_LENGTH, {
    message: `Choisissez un mot de passe d'au moins ${PASSWORD_MIN_LENGTH} caractères (une phrase facile à retenir convient).`,
  })
  .max(200, { message: "Ce mot de passe est trop long (200 caractères au plus)." });

export const signInSchema = z.object({
  email,
  password: z
    .string({ message: "Saisissez votre mot de passe." })
    .max(200, { message: "Ce mot de passe est trop long." }),
  retour: z.string().max(500).optional(),
});

export const totpCodeSchema = z.object({
  code: z
    .string({ message: "Saisissez le code à 6 chiffres de votre application." })
    .trim()
    .regex(/^\d{3}\s?\d{3}$/, { message: "Le code comporte 6 chiffres." }),
  retour: z.string().max(500).optional(),
});

export const forgotPasswordSchema = z.object({ email });

export const newPasswordSchema = z
  .object({
    password: newPassword,
    confirmation: z.string({ message: "Saisissez à nouveau le mot de passe." }),
  })
  .refine((v) => v.password === v.confirmation, {
    path: ["confirmation"],
    message: "Les deux mots de passe ne sont pas identiques.",
  });

export const changePasswordSchema = z
  .object({
    current: z.string({ message: "Saisissez votre mot de passe actuel." }),
    password: newPassword,
    confirmation: z.string({ message: "Saisissez à nouveau le nouveau mot de passe." }),
  })
  .refine((v) => v.password === v.confirmation, {
    path: ["confirmation"],
    message: "Les deux mots de passe ne sont pas identiques.",
  });

export const inviteSchema = z
  .object({
    email,
    nom: z
      .string({ message: "Saisissez le prénom et le nom de la personne." })
      .trim()
      .min(2, { message: "Saisissez le prénom et le nom de la personne." })
      .max(120, { message: "120 caractères au plus." }),
    role: z.enum(ROLES, { message: "Choisissez un rôle dans la liste." }),
    departement: z.string({ message: "Choisissez un département." }).regex(/^(\d{2}|2[AB]|97\d)$/, {
      message: "Choisissez un département dans la liste.",
    }),
    structureId: z.uuid({ message: "Choisissez une structure dans la liste." }).optional(),
  })
  .refine((v) => v.role !== "referent" || !!v.structureId, {
    path: ["structureId"],
    message: "Un référent est rattaché à une structure : choisissez-la.",
  })
  .refine((v) => v.role !== "national", { path: ["role"], message: "Ce rôle ne s'attribue pas par invitation." });

export type InviteInput = z.infer<typeof inviteSchema>;
