/**
 * The applicant's forms (issue 9), one schema for the page and the action: the e-mail asking for a
 * sign-in link, and the application saved in several sittings — the structure, its contact, the
 * person proposed, the project, the yes/no answers to the eligibility questions and, when the call
 * asks for one, the proposed annual budget typed in euros the French way (stored in cents).
 * Every field may stay empty in a draft; what a submission needs is checked by candidature.rules.ts.
 */
import { lireEtp } from "~/domain/budget/budget.schema";
import { montantSchema } from "~/domain/budget/montant";
import { texteLibre } from "~/domain/confidentialite/texte-libre.schema";
import { formatNumber } from "~/lib/format";
import { z } from "~/lib/zod";
import type { QuestionEligibilite } from "./appel.modeles";
import { type BudgetPropose, CODES_CHARGES, CODES_PRODUITS } from "./budget-propose";

export const demandeLienSchema = z.object({
  email: z
    .string({ message: "Saisissez votre adresse e-mail." })
    .trim()
    .max(254, { message: "Cette adresse e-mail est trop longue." })
    .pipe(z.email({ message: "Saisissez une adresse e-mail valide, par exemple prenom.nom@exemple.fr." })),
});

/** The form was read at an older version, or the application was submitted since: a conflict, 409. */
export const CHAMP_VERSION = "version";
/** A refusal about the whole form (a submission refused: what is missing). */
export const CHAMP_FORMULAIRE = "";
/** The upload form: which document, then the file (in this order: the limit depends on the document). */
export const CHAMP_DOCUMENT = "document";
export const CHAMP_FICHIER = "fichier";

export const INTENTS = {
  enregistrer: "enregistrer",
  deposer: "deposer",
  ajouterPiece: "ajouter-piece",
  retirerPiece: "retirer-piece",
  deconnexion: "deconnexion",
} as const;

export const champReponse = (code: string) => `reponse_${code}`;
export const champCharge = (code: string) => `charge_${code}`;
export const champProduit = (code: string) => `produit_${code}`;
export const CHAMP_ETP = "etp";

export const PROJET_MAX = 20_000;

/** The text fields of an application and their labels, in the form's order. */
export const CHAMPS_TEXTE = {
  structureNom: "Nom de la structure",
  structureCommune: "Commune du siège de la structure",
  structureSiret: "Numéro SIRET de la structure",
  contactNom: "Votre nom et prénom",
  contactTelephone: "Votre numéro de téléphone",
  personneProposee: "Nom de la personne proposée",
  personneFonction: "Fonction de la personne proposée",
  projet: "Présentation du projet",
} as const;
export type ChampTexte = keyof typeof CHAMPS_TEXTE;
export const NOMS_CHAMPS_TEXTE = Object.keys(CHAMPS_TEXTE) as ChampTexte[];

const SIRET = /^\d{14}$/;
const TELEPHONE = /^(?:\+33|0033|0)[1-9]\d{8}$/;

function texte(max: number) {
  return z
    .string()
    .trim()
    .max(max, { message: `${formatNumber(max)} caractères au plus.` })
    .optional()
    .transform((v) => v ?? "");
}

const siret = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const saisie = (v ?? "").replace(/[\s\u00a0\u202f.]/g, "");
    if (saisie !== "" && !SIRET.test(saisie)) {
      ctx.addIssue({ code: "custom", message: "Le numéro SIRET compte 14 chiffres (les espaces sont acceptés)." });
      return z.NEVER;
    }
    return saisie;
  });

const telephone = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    const saisie = v ?? "";
    if (saisie !== "" && !TELEPHONE.test(saisie.replace(/[\s\u00a0.()-]/g, ""))) {
      ctx.addIssue({
        code: "custom",
        message: "Indiquez un numéro de téléphone français, par exemple 04 92 30 00 00.",
      });
      return z.NEVER;
    }
    return saisie;
  });

const reponse = z.enum(["oui", "non"], { message: "Répondez par oui ou par non." }).optional();

const etp = z
  .string()
  .optional()
  .transform((v, ctx): number | null => {
    const lu = lireEtp(v);
    if (!lu.ok) {
      ctx.addIssue({ code: "custom", message: lu.message });
      return z.NEVER;
    }
    return lu.centiemes;
  });

const version = z.coerce
  .number({ message: "Rechargez la page : le formulaire est incomplet." })
  .int()
  .positive({ message: "Rechargez la page : le formulaire est incomplet." });

/** The application form of a call: its questions and, when it asks for one, the budget's lines. */
export function candidatureSchema(appel: { questions: readonly QuestionEligibilite[]; budgetPropose: boolean }) {
  const forme: Record<string, z.ZodType> = {
    intent: z.enum([INTENTS.enregistrer, INTENTS.deposer]).optional(),
    [CHAMP_VERSION]: version,
    structureNom: texte(200),
    structureCommune: texte(120),
    structureSiret: siret,
    contactNom: texte(120),
    contactTelephone: telephone,
    personneProposee: texte(120),
    personneFonction: texte(120),
    // Read by the coordination and the commission: nothing in it may identify a young person.
    projet: texteLibre({ max: PROJET_MAX }),
  };
  for (const q of appel.questions) forme[champReponse(q.code)] = reponse;
  if (appel.budgetPropose) {
    for (const code of CODES_CHARGES) forme[champCharge(code)] = montantSchema();
    for (const code of CODES_PRODUITS) forme[champProduit(code)] = montantSchema();
    forme[CHAMP_ETP] = etp;
  }
  return z.object(forme);
}

/** What the form saves, as the application stores it. */
export type SaisieCandidature = Record<ChampTexte, string> & {
  reponses: Record<string, boolean>;
  /** Null when the call asks for no budget, or when nothing of it was typed. */
  budget: BudgetPropose | null;
};

/** The form's values (parsed by `candidatureSchema`) as the application stores them. */
export function saisieDepuisFormulaire(
  valeurs: Record<string, unknown>,
  appel: { questions: readonly QuestionEligibilite[]; budgetPropose: boolean },
): SaisieCandidature {
  const textes = Object.fromEntries(NOMS_CHAMPS_TEXTE.map((c) => [c, String(valeurs[c] ?? "")])) as Record<
    ChampTexte,
    string
  >;
  const reponses: Record<string, boolean> = {};
  for (const q of appel.questions) {
    const r = valeurs[champReponse(q.code)];
    if (r === "oui" || r === "non") reponses[q.code] = r === "oui";
  }
  let budget: BudgetPropose | null = null;
  if (appel.budgetPropose) {
    const montant = (nom: string) => valeurs[nom] as number | null | undefined;
    const charges = CODES_CHARGES.map((c) => [c, montant(champCharge(c))] as const);
    const produits = CODES_PRODUITS.map((c) => [c, montant(champProduit(c))] as const);
    const etpCentiemes = (valeurs[CHAMP_ETP] as number | null | undefined) ?? null;
    const saisi = [...charges, ...produits].some(([, m]) => m !== null && m !== undefined) || etpCentiemes !== null;
    if (saisi) {
      budget = {
        charges: Object.fromEntries(charges.map(([c, m]) => [c, m ?? 0])),
        produits: Object.fromEntries(produits.map(([c, m]) => [c, m ?? 0])),
        etpCentiemes,
      };
    }
  }
  return { ...textes, reponses, budget };
}
