/**
 * The identifying-data guard (DESIGN §1, §3): the platform stores nothing that identifies a young
 * person. Every free text of reports, situations and projects goes through `trouverDonneeIdentifiante`,
 * which finds an e-mail address, a phone number (French or international), an @handle or a handle
 * named after a network, a link to a profile or a messaging service, or a postal address. Pure and
 * conservative: it does not guess names, but refuses the details that point at one person.
 *
 * What passes on purpose: short numbers (« 3114 », « le 3018 », « 119 »), counts (« 15 jeunes »,
 * « 2 classes »), dates (« 01/09/2025 »), years, non-geographic service numbers starting with 08
 * (« 0 800 235 236 », Fil Santé Jeunes: a helpline, not a person), links to ordinary websites.
 */

export type DonneeIdentifiante = "email" | "telephone" | "pseudo" | "lien" | "adresse";

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/u;
/** « lea.martin (at) gmail.com », « lea arobase gmail point com »: an address written to dodge a filter. */
const EMAIL_DEGUISE =
  /[\p{L}\p{N}._-]+\s*(?:\(at\)|\[at\]|\barobase\b)\s*[\p{L}\p{N}-]+\s*(?:\.|\(dot\)|\[dot\]|\bpoint\b)\s*\p{L}{2,}/iu;

/**
 * A run of digits with the separators phone numbers are written with: "06 12 34 56 78",
 * "+33 (0)6 12 34 56 78", "06.12.34.56.78", "06-12-34-56-78". A slash does not join digits, so that
 * dates (« 01/09/2025 ») stay dates.
 */
const SUITE_DE_CHIFFRES = /(?:\+|\b00)?\d(?:[\s.\-()]{0,2}\d)+/gu;
/** French numbers have ten digits (nine after +33); shorter runs are years, counts, short numbers (3114). */
const CHIFFRES_TELEPHONE_MIN = 9;

/** A handle: « @lea.pdn04 » (an e-mail address is found before: no word right before the @). */
const PSEUDO_AROBASE = /(?:^|[^\p{L}\p{N}._%+-])@[\p{L}\p{N}_][\p{L}\p{N}_.]+/u;
/**
 * A handle named after its network or as such: « snap : lea_du_04 », « pseudo: dark.angel ». The
 * value must look like a handle (a letter and a digit, dot or underscore), so that « Instagram : 3
 * lives » or « TikTok : vidéos » pass.
 */
const PSEUDO_NOMME =
  /\b(?:pseudo|pseudonyme|identifiant|compte|insta|instagram|snap|snapchat|tiktok|discord|twitter|x|facebook|fb|twitch|telegram|whatsapp|signal)\s*:\s*(?=[\p{L}\p{N}._]*\p{L})(?=[\p{L}\p{N}._]*[\p{N}._])[\p{L}\p{N}._]{3,}/iu;

/** Domains of social networks and messaging services: a link with a path there points at someone. */
const DOMAINES_PROFILS = [
  "instagram.com",
  "instagr.am",
  "snapchat.com",
  "tiktok.com",
  "facebook.com",
  "fb.com",
  "fb.me",
  "m.me",
  "messenger.com",
  "discord.com",
  "discord.gg",
  "discordapp.com",
  "whatsapp.com",
  "wa.me",
  "t.me",
  "telegram.me",
  "signal.me",
  "twitter.com",
  "x.com",
  "threads.net",
  "youtube.com",
  "youtu.be",
  "twitch.tv",
  "linkedin.com",
  "pinterest.com",
  "reddit.com",
  "bsky.app",
];
const domaines = DOMAINES_PROFILS.map((d) => d.replace(/\./g, "\\.")).join("|");
/** « instagram.com/lea », « https://wa.me/33612345678 », « www.tiktok.com/@lea », « discord.gg/abc ». */
const LIEN_PROFIL = new RegExp(
  `(?:^|[^\\p{L}\\p{N}.-])(?:https?:\\/\\/)?(?:[\\p{L}\\p{N}-]+\\.)*(?:${domaines})\\/[^\\s/?#]+`,
  "iu",
);

/** Any web address (a public text such as a promeneur's bio admits none). */
const LIEN_WEB = /\bhttps?:\/\/\S|\bwww\.[\p{L}\p{N}-]|\b[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}\/\S/iu;

/** A house number then a street type: « 12 rue des Lilas », « 3 bis, chemin de la Croix ». */
const VOIE =
  /\b\d{1,4}\s*(?:bis|ter|[ab])?\s*,?\s+(?:rue|avenue|av\.|boulevard|bd|chemin|impasse|all[ée]e|route|quai|lotissement|r[ée]sidence|hameau|lieu-dit|mont[ée]e|traverse|square|passage|faubourg|rond-point)\b/iu;
/**
 * Street types that are also common words (« 2 cours de soutien », « 1 place de libre ») count only
 * when a proper name follows: « 4 place du Marché », « 10 cours Mirabeau ».
 */
const VOIE_AMBIGUE =
  /\b\d{1,4}\s*(?:bis|ter)?\s*,?\s+(?:[Pp]lace|[Cc]ours|[Vv]oie)\s+(?:(?:du|des|de la|de l'|de l’|d'|d’)\s*)?\p{Lu}/u;
/** A postal code then a place name: « 04100 Manosque », « 04 100 MANOSQUE ». */
const CODE_POSTAL_VILLE = /\b(?:0[1-9]|[1-8]\d|9[0-8])\s?\d{3}\s+\p{Lu}[\p{L}'’-]{2,}/u;

export function contientEmail(texte: string): boolean {
  return EMAIL.test(texte) || EMAIL_DEGUISE.test(texte);
}

/**
 * A personal phone number: nine digits or more starting with 0 (a French number), or with +/00 (an
 * international one). Numbers starting with 08 are services (numéros verts, helplines), not people.
 */
export function contientTelephone(texte: string): boolean {
  for (const match of texte.matchAll(SUITE_DE_CHIFFRES)) {
    const chiffres = match[0].replace(/\D/g, "");
    if (chiffres.length < CHIFFRES_TELEPHONE_MIN) continue;
    if (match[0].startsWith("+") || match[0].startsWith("00")) return true;
    if (chiffres.startsWith("0") && !chiffres.startsWith("08")) return true;
  }
  return false;
}

export function contientPseudo(texte: string): boolean {
  return PSEUDO_AROBASE.test(texte) || PSEUDO_NOMME.test(texte);
}

export function contientLienProfil(texte: string): boolean {
  return LIEN_PROFIL.test(texte);
}

export function contientLienWeb(texte: string): boolean {
  return LIEN_WEB.test(texte);
}

export function contientAdresse(texte: string): boolean {
  return VOIE.test(texte) || VOIE_AMBIGUE.test(texte) || CODE_POSTAL_VILLE.test(texte);
}

/** The first kind of identifying detail found in `texte`, or null when there is none. */
export function trouverDonneeIdentifiante(texte: string): DonneeIdentifiante | null {
  if (contientEmail(texte)) return "email";
  // A profile link is named as a link even when its path is a handle (« tiktok.com/@lea »).
  if (contientLienProfil(texte)) return "lien";
  if (contientTelephone(texte)) return "telephone";
  if (contientPseudo(texte)) return "pseudo";
  if (contientAdresse(texte)) return "adresse";
  return null;
}

const POURQUOI =
  "Rien de ce qui est enregistré ici ne doit permettre de reconnaître un jeune : décrivez la situation sans nom, pseudonyme ni coordonnées.";

const QUOI = {
  email: "Ce texte contient une adresse e-mail : retirez-la.",
  telephone:
    "Ce texte contient un numéro de téléphone : retirez-le (les numéros d'aide comme le 3114, le 119 ou un numéro vert en 0 800 sont acceptés).",
  pseudo: "Ce texte contient un pseudonyme ou un identifiant de compte : retirez-le.",
  lien: "Ce texte contient un lien vers un profil ou une messagerie : retirez-le.",
  adresse: "Ce texte contient une adresse postale : retirez-la (le nom d'une commune seule est accepté).",
} satisfies Record<DonneeIdentifiante, string>;

/** The French message shown next to the field: what was found, and why it is refused. */
export function messageDonneeIdentifiante(type: DonneeIdentifiante): string {
  return `${QUOI[type]} ${POURQUOI}`;
}
