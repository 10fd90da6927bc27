/**
 * Pure rules of a promeneur's public record. The bio is public: it must not carry contact details
 * (young people reach the promeneur through their professional profiles, at the announced hours).
 */

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/u;
/** A run of digits with the usual separators: "06 12 34 56 78", "+33 6 12 34 56 78", "06.12.34.56.78". */
const SUITE_DE_CHIFFRES = /(?:\+|\b00)?\d(?:[\s.\-/()]{0,2}\d)+/gu;
/** French numbers have ten digits (nine after +33); shorter runs are years, ages, short numbers (3114). */
const CHIFFRES_TELEPHONE_MIN = 9;
/** A handle on a social network, "@lea.pdn04" (an e-mail address is found before: no word right before the @). */
const PSEUDO = /(?:^|[^\p{L}\p{N}._%+-])@[\p{L}\p{N}_][\p{L}\p{N}_.]+/u;
/** A web address: "https://…", "www.…", or a domain with a path, "instagram.com/lea", "tiktok.com/@lea". */
const LIEN = /\bhttps?:\/\/\S|\bwww\.[\p{L}\p{N}-]|\b[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}\/\S/iu;

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
  if (EMAIL.test(texte)) return "email";
  for (const match of texte.matchAll(SUITE_DE_CHIFFRES)) {
    const chiffres = match[0].replace(/\D/g, "");
    const international = match[0].startsWith("+") || match[0].startsWith("00");
    if (chiffres.length >= CHIFFRES_TELEPHONE_MIN && (international || chiffres.startsWith("0"))) return "telephone";
  }
  if (options.profils) {
    if (LIEN.test(texte)) return "lien";
    if (PSEUDO.test(texte)) return "pseudo";
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
