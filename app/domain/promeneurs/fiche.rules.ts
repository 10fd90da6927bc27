import {
  contientEmail,
  contientLienWeb,
  contientPseudo,
  contientTelephone,
} from "~/domain/confidentialite/donnees-identifiantes";

/**
 * Pure rules of a promeneur's public record. The bio is public: it must not carry contact details
 * (young people reach the promeneur through their professional profiles, at the announced hours).
 */

export const AGE_MIN = 12;
export const AGE_MAX = 25;
export const NOM_PUBLIC_MIN = 2;
export const NOM_PUBLIC_MAX = 60;
export const BIO_MAX = 600;

export type Coordonnee = "email" | "telephone" | "pseudo" | "lien";

/**
 * The kind of identifying detail found in a text, or null: an e-mail address or a phone number;
 * with `profils`, also an @handle or a web address (a profile's URL). The public bio may name the
 * promeneur's professional profiles; a motif e-mailed and kept in the journal may not.
 */
export function coordonneeDansTexte(texte: string, options: { profils?: boolean } = {}): Coordonnee | null {
  if (contientEmail(texte)) return "email";
  if (contientTelephone(texte)) return "telephone";
  if (options.profils) {
    if (contientLienWeb(texte)) return "lien";
    if (contientPseudo(texte)) return "pseudo";
  }
  return null;
}

export const coordonneeMessages = {
  email:
    "Retirez l'adresse e-mail de la présentation : elle est publique. Les jeunes vous contactent par vos profils professionnels.",
  telephone:
    "Retirez le numéro de téléphone de la présentation : elle est publique. Les jeunes vous contactent par vos profils professionnels.",
  pseudo: "Retirez le pseudonyme de la présentation : vos profils professionnels sont déclarés à part.",
  lien: "Retirez le lien de la présentation : vos profils professionnels sont déclarés à part.",
} satisfies Record<Coordonnee, string>;
