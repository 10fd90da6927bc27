/**
 * Pure rules of a promeneur's social profile: reading what a person types into a canonical
 * `{ handle, url }`, warning when a handle looks personal, and the profile's conformity status.
 * No clock and no database: `now` is always passed in.
 */
import { ajouterMois, comparerJours, debutJourParis, jourParis } from "~/lib/jour";
import { sansAccents } from "~/lib/text";
import {
  controleConformiteLabels,
  RESULTATS_VERIFICATION,
  type Reseau,
  type ResultatVerification,
  reseauFormeAttendue,
  reseauLabels,
  type StatutProfil,
} from "./profil.labels";

// ---------------------------------------------------------------------------------------------
// normalizeProfil
// ---------------------------------------------------------------------------------------------

/**
 * `nom`: a name the person chose (the personal-handle warning applies to it);
 * `identifiant`: an id or code given by the network (numeric id, invite code, channel id).
 */
export type ProfilKind = "nom" | "identifiant";

export type RaisonRefus =
  | "vide"
  | "caractere_invisible"
  | "espace"
  | "telephone"
  | "lien_court"
  | "autre_reseau"
  | "publication"
  | "groupe"
  | "nom_invalide"
  | "forme";

export type ProfilNormalise = { ok: true; handle: string; url: string; kind: ProfilKind };
export type ProfilRefuse = { ok: false; raison: RaisonRefus; message: string };
export type NormalisationProfil = ProfilNormalise | ProfilRefuse;

type ReseauNomme = Exclude<Reseau, "autre">;

/** Names used inside sentences ("une adresse X", not "une adresse X (anciennement Twitter)"). */
const NOM_RESEAU = { ...reseauLabels, x: "X" } satisfies Record<Reseau, string>;

/**
 * Handle rules, as each network documents them (help pages, 2024–2025). Where a network is vague,
 * the rule is the permissive one; none accepts a space or a control character.
 * Handles are stored lower-case where the network ignores case; ids and invite codes keep theirs.
 */
type RegleNom = { re: RegExp; description: string };

// Instagram: 30 characters at most, letters, digits, periods and underscores; no period at the start
// or the end and no two periods in a row. Threads uses the Instagram username.
const INSTAGRAM: RegleNom = {
  re: /^(?!\.)(?!.*\.\.)(?!.*\.$)[a-z0-9._]{1,30}$/,
  description:
    "1 à 30 caractères : lettres sans accent, chiffres, points et tirets bas (_), sans point au début ni à la fin ni deux points de suite",
};
// Facebook: at least 5 characters, letters, digits and periods. Older page addresses
// ("Nom-De-La-Page-123456789") also hold hyphens and can be long: accepted up to 100 characters.
// A name made only of digits is an id, handled apart.
const FACEBOOK: RegleNom = {
  re: /^(?=.*[a-z])[a-z0-9.-]{5,100}$/,
  description: "au moins 5 caractères : lettres sans accent, chiffres, points et tirets",
};

const REGLES_NOM = {
  instagram: INSTAGRAM,
  threads: INSTAGRAM,
  // Snapchat: 3 to 15 characters, starts with a letter, letters, digits, "-", "_" and ".",
  // ends with a letter or a digit.
  snapchat: {
    re: /^[a-z][a-z0-9._-]{1,13}[a-z0-9]$/,
    description:
      "3 à 15 caractères : une lettre au début, puis lettres sans accent, chiffres, tirets (-), tirets bas (_) ou points, et une lettre ou un chiffre à la fin",
  },
  // TikTok: 2 to 24 characters, letters, digits, underscores and periods, no period at the end.
  tiktok: {
    re: /^(?!.*\.$)[a-z0-9._]{2,24}$/,
    description: "2 à 24 caractères : lettres sans accent, chiffres, tirets bas (_) et points, sans point à la fin",
  },
  facebook: FACEBOOK,
  messenger: FACEBOOK,
  // YouTube handles: 3 to 30 characters, letters (in many alphabets, so accents are accepted),
  // digits, "_", "-", "." and the Latin middle dot; no period at the start or the end.
  youtube: {
    re: /^(?!\.)(?!.*\.$)[\p{L}\p{M}\p{N}._\-·]{3,30}$/u,
    description:
      "3 à 30 caractères : lettres, chiffres, tirets bas (_), tirets (-) et points, sans point au début ni à la fin",
  },
  // Twitch: 4 to 25 characters, letters, digits and underscores, not starting with an underscore.
  twitch: {
    re: /^[a-z0-9][a-z0-9_]{3,24}$/,
    description: "4 à 25 caractères : lettres sans accent, chiffres et tirets bas (_), sans tiret bas au début",
  },
  // X: 15 characters at most, letters, digits and underscores (new accounts need 4, old ones may be shorter).
  x: {
    re: /^[a-z0-9_]{1,15}$/,
    description: "15 caractères au plus : lettres sans accent, chiffres et tirets bas (_)",
  },
} satisfies Partial<Record<ReseauNomme, RegleNom>>;
type ReseauANom = keyof typeof REGLES_NOM;

/** Canonical address of a chosen name, per network. */
const URL_DU_NOM = {
  instagram: (h) => `https://www.instagram.com/${h}/`,
  threads: (h) => `https://www.threads.com/@${h}`,
  snapchat: (h) => `https://www.snapchat.com/add/${h}`,
  tiktok: (h) => `https://www.tiktok.com/@${h}`,
  facebook: (h) => `https://www.facebook.com/${h}`,
  messenger: (h) => `https://m.me/${h}`,
  youtube: (h) => `https://www.youtube.com/@${h}`,
  twitch: (h) => `https://www.twitch.tv/${h}`,
  x: (h) => `https://x.com/${h}`,
} satisfies Record<ReseauANom, (handle: string) => string>;

const FACEBOOK_ID = /^\d{5,20}$/; // numeric id of a profile or a page
const DISCORD_SERVEUR = /^\d{17,20}$/; // Discord "snowflake" id of a server
const DISCORD_INVITATION = /^[A-Za-z0-9-]{2,32}$/; // random (case-sensitive) or vanity invite code
const WHATSAPP_CHAINE = /^[A-Za-z0-9]{10,40}$/; // whatsapp.com/channel/0029Va…
const WHATSAPP_MESSAGE = /^[A-Za-z0-9]{6,40}$/; // wa.me/message/… (WhatsApp Business short link)
const YOUTUBE_CHAINE = /^UC[A-Za-z0-9_-]{22}$/; // youtube.com/channel/UC…

/** Control, format (zero-width, bidi, BOM) and line/paragraph separator characters. */
const CARACTERE_INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
const SCHEMA_URL = /^[a-z][a-z0-9+.-]*:\/\//i;

/** Known domains → network. Subdomains are checked per network (see `sousDomaineAdmis`). */
const DOMAINES: Record<string, ReseauNomme> = {
  "instagram.com": "instagram",
  "instagr.am": "instagram",
  "snapchat.com": "snapchat",
  "tiktok.com": "tiktok",
  "facebook.com": "facebook",
  "fb.com": "facebook",
  "discord.gg": "discord",
  "discord.com": "discord",
  "discordapp.com": "discord",
  "wa.me": "whatsapp",
  "whatsapp.com": "whatsapp",
  "youtube.com": "youtube",
  "youtu.be": "youtube",
  "twitch.tv": "twitch",
  "x.com": "x",
  "twitter.com": "x",
  "t.co": "x",
  "m.me": "messenger",
  "messenger.com": "messenger",
  "threads.net": "threads",
  "threads.com": "threads",
};

/** Subdomains that only change the layout (mobile, web, locale): the profile is the same. */
const SOUS_DOMAINES_NEUTRES = new Set(["", "www", "m", "mobile", "web"]);

type Hote = { reseau: ReseauNomme; domaine: string; sousDomaine: string };

function identifierHote(hostname: string): Hote | null {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  for (const [domaine, reseau] of Object.entries(DOMAINES)) {
    if (host === domaine) return { reseau, domaine, sousDomaine: "" };
    if (host.endsWith(`.${domaine}`)) return { reseau, domaine, sousDomaine: host.slice(0, -domaine.length - 1) };
  }
  return null;
}

function ok(handle: string, url: string, kind: ProfilKind): ProfilNormalise {
  return { ok: true, handle, url, kind };
}

function refus(raison: RaisonRefus, message: string): ProfilRefuse {
  return { ok: false, raison, message };
}

function pasUneAdresse(reseau: ReseauNomme): ProfilRefuse {
  return refus(
    "forme",
    `Cette adresse n'est pas une adresse ${NOM_RESEAU[reseau]} : attendu ${reseauFormeAttendue[reseau]}`,
  );
}

function lienCourt(reseau: ReseauNomme): ProfilRefuse {
  return refus(
    "lien_court",
    `Ce lien court ${NOM_RESEAU[reseau]} ne montre pas le nom du compte : ouvrez-le, puis copiez l'adresse du profil, de la forme ${reseauFormeAttendue[reseau]}`,
  );
}

function publication(reseau: ReseauNomme): ProfilRefuse {
  return refus(
    "publication",
    `Cette adresse mène à une publication, pas à un compte ${NOM_RESEAU[reseau]} : attendu ${reseauFormeAttendue[reseau]}`,
  );
}

const MESSAGE_TELEPHONE_WHATSAPP =
  "Un numéro de téléphone n'est pas accepté, même professionnel : l'annuaire est public, le numéro y serait recopié par n'importe qui et permettrait de joindre la personne en dehors de ses horaires de présence. Indiquez le lien d'une chaîne WhatsApp (https://whatsapp.com/channel/…) ou un lien wa.me/message/… créé dans WhatsApp Business.";

function telephone(reseau: Reseau): ProfilRefuse {
  if (reseau === "whatsapp") return refus("telephone", MESSAGE_TELEPHONE_WHATSAPP);
  return refus(
    "telephone",
    `Un numéro de téléphone n'a pas sa place dans l'annuaire public des promeneurs : indiquez l'adresse du compte, attendu ${reseauFormeAttendue[reseau]}`,
  );
}

const MESSAGE_DISCORD_NOM =
  "Sur Discord, un nom d'utilisateur ne permet pas de vous rejoindre : indiquez le lien d'invitation de votre serveur (https://discord.gg/code_d_invitation) ou l'identifiant du serveur (17 à 20 chiffres).";

/**
 * A French (0X XX XX XX XX) or international (+… / 00…) phone number, separators allowed.
 * For WhatsApp, any 8 to 15 digits (a number typed without "+", e.g. 33612345678).
 * Discord server ids (17–20 digits) and Facebook ids (no leading 0 or +) are not caught.
 */
function ressembleTelephone(saisie: string, strict: boolean): boolean {
  const compact = saisie.replace(/[\s.\-()/]/g, "");
  if (/^(?:\+|00)\d{8,15}$/.test(compact) || /^0\d{9}$/.test(compact)) return true;
  return strict && /^\d{8,15}$/.test(compact);
}

function decoder(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** `null` when the input is a bare name; a parsed URL, or "invalide" for a URL that cannot be read. */
function lireUrl(saisie: string): URL | "invalide" | null {
  const avecSchema = SCHEMA_URL.test(saisie);
  let url: URL;
  try {
    url = new URL(avecSchema ? saisie : `https://${saisie}`);
  } catch {
    return avecSchema || saisie.includes("/") ? "invalide" : null;
  }
  if (avecSchema || saisie.includes("/") || saisie.includes("?")) return url;
  // "instagram.com" or "www.tiktok.com" typed alone: an address with no path.
  return identifierHote(url.hostname) ? url : null;
}

/**
 * Reads what a person types for a network into a canonical `{ handle, url }`, or a French message
 * naming the expected form. Accepted: a name with or without "@", or an address with or without
 * https://, "www", mobile hosts (m., mobile., web.), trailing slash, query string or fragment.
 * Refused: short links that hide the account, links to a post, phone numbers, group invitations.
 */
export function normalizeProfil(reseau: Reseau, input: string): NormalisationProfil {
  const saisie = input.normalize("NFC").trim();
  if (saisie === "") {
    return refus(
      "vide",
      reseau === "autre"
        ? "Saisissez l'adresse de la page."
        : `Saisissez l'adresse ou le nom du compte ${NOM_RESEAU[reseau]}.`,
    );
  }
  if (CARACTERE_INVISIBLE.test(saisie)) {
    return refus(
      "caractere_invisible",
      "Cette saisie contient un caractère invisible (retour à la ligne, tabulation…) : retapez l'adresse ou le nom du compte.",
    );
  }
  if (ressembleTelephone(saisie, reseau === "whatsapp")) return telephone(reseau);
  if (/\s/u.test(saisie)) {
    return refus(
      "espace",
      `Une adresse ou un nom de compte ne contient pas d'espace : attendu ${reseauFormeAttendue[reseau]}`,
    );
  }
  if (reseau === "autre") return normalizeAutre(saisie);

  const url = lireUrl(saisie);
  if (url === "invalide") return pasUneAdresse(reseau);
  if (url) return normalizeUrl(reseau, url);
  return normalizeNom(reseau, saisie);
}

function nomValide(reseau: ReseauANom, brut: string): NormalisationProfil {
  const nom = brut.startsWith("@") ? brut.slice(1) : brut;
  if (nom === "") return pasUneAdresse(reseau);
  const handle = nom.toLowerCase();
  const regle: RegleNom = REGLES_NOM[reseau];
  if (!regle.re.test(handle)) {
    return refus(
      "nom_invalide",
      `« ${nom} » n'est pas un nom de compte ${NOM_RESEAU[reseau]} valide (${regle.description}) : attendu ${reseauFormeAttendue[reseau]}`,
    );
  }
  return ok(handle, URL_DU_NOM[reseau](handle), "nom");
}

function facebookId(reseau: "facebook" | "messenger", id: string): ProfilNormalise {
  return ok(
    id,
    reseau === "facebook" ? `https://www.facebook.com/profile.php?id=${id}` : `https://m.me/${id}`,
    "identifiant",
  );
}

function discordServeur(id: string): ProfilNormalise {
  return ok(id, `https://discord.com/channels/${id}`, "identifiant");
}

/**
 * A name typed alone. Its canonical address must read back as this very profile: a word the
 * network keeps for its own pages ("x.com/i", "instagram.com/p/") is no account name.
 */
function normalizeNom(reseau: ReseauNomme, saisie: string): NormalisationProfil {
  const result = lireNom(reseau, saisie);
  if (!result.ok) return result;
  const relu = normalizeUrl(reseau, new URL(result.url));
  if (relu.ok && relu.handle === result.handle) return result;
  return refus(
    "nom_invalide",
    `« ${saisie.replace(/^@/, "")} » est une adresse réservée par ${NOM_RESEAU[reseau]}, pas un nom de compte : attendu ${reseauFormeAttendue[reseau]}`,
  );
}

function lireNom(reseau: ReseauNomme, saisie: string): NormalisationProfil {
  switch (reseau) {
    case "discord":
      return DISCORD_SERVEUR.test(saisie) ? discordServeur(saisie) : refus("forme", MESSAGE_DISCORD_NOM);
    case "whatsapp":
      return refus(
        "forme",
        `Sur WhatsApp, indiquez le lien d'une chaîne ou un lien wa.me/message/… : attendu ${reseauFormeAttendue.whatsapp}`,
      );
    case "facebook":
    case "messenger": {
      const nom = saisie.replace(/^@/, "");
      return FACEBOOK_ID.test(nom) ? facebookId(reseau, nom) : nomValide(reseau, nom);
    }
    case "youtube":
      return YOUTUBE_CHAINE.test(saisie) ? youtubeChaine(saisie) : nomValide(reseau, saisie);
    default:
      return nomValide(reseau, saisie);
  }
}

function youtubeChaine(id: string): ProfilNormalise {
  return ok(id, `https://www.youtube.com/channel/${id}`, "identifiant");
}

function normalizeUrl(reseau: ReseauNomme, url: URL): NormalisationProfil {
  if ((url.protocol !== "https:" && url.protocol !== "http:") || url.username || url.password) {
    return pasUneAdresse(reseau);
  }
  const hote = identifierHote(url.hostname);
  if (!hote) return pasUneAdresse(reseau);
  if (hote.reseau !== reseau) {
    const autre = NOM_RESEAU[hote.reseau];
    return refus(
      "autre_reseau",
      `Cette adresse n'est pas une adresse ${NOM_RESEAU[reseau]} mais une adresse ${autre} : choisissez ${autre} dans la liste des réseaux, ou saisissez une adresse de la forme ${reseauFormeAttendue[reseau]}`,
    );
  }
  const segments = url.pathname.split("/").filter(Boolean).map(decoder);
  return LECTEURS[reseau]({ url, segments, ...hote });
}

type Lecture = Hote & { url: URL; segments: string[] };

/** First path segments that are pages of the network, never an account name. */
const INSTAGRAM_RESERVES = new Set(["explore", "accounts", "direct", "about", "legal", "developer", "web", "ar"]);
const INSTAGRAM_PUBLICATIONS = new Set(["p", "reel", "reels", "tv"]);
const FACEBOOK_RESERVES = new Set([
  "login",
  "login.php",
  "help",
  "hashtag",
  "settings",
  "marketplace",
  "gaming",
  "home.php",
  "messages",
  "notifications",
  "search",
  "sharer",
  "sharer.php",
  "dialog",
  "friends",
  "bookmarks",
  "policies",
  "privacy",
]);
const FACEBOOK_PUBLICATIONS = new Set([
  "watch",
  "reel",
  "photo",
  "photo.php",
  "photos",
  "story.php",
  "stories",
  "permalink.php",
  "events",
  "video.php",
  "notes",
  "media",
]);
const TWITCH_RESERVES = new Set([
  "directory",
  "settings",
  "search",
  "downloads",
  "jobs",
  "turbo",
  "subscriptions",
  "inventory",
  "wallet",
  "drops",
  "friends",
  "messages",
  "store",
  "prime",
  "p",
  "login",
  "signup",
]);
const X_RESERVES = new Set([
  "home",
  "i",
  "intent",
  "search",
  "explore",
  "settings",
  "hashtag",
  "share",
  "notifications",
  "messages",
  "compose",
  "login",
  "logout",
  "signup",
  "tos",
  "privacy",
  "account",
]);
const YOUTUBE_PUBLICATIONS = new Set(["watch", "shorts", "live", "playlist", "embed", "clip", "v", "post", "results"]);

const LECTEURS: Record<ReseauNomme, (lecture: Lecture) => NormalisationProfil> = {
  instagram({ sousDomaine, segments: [premier, second] }) {
    if (!SOUS_DOMAINES_NEUTRES.has(sousDomaine) || !premier) return pasUneAdresse("instagram");
    if (INSTAGRAM_PUBLICATIONS.has(premier.toLowerCase())) return publication("instagram");
    // instagram.com/_u/nom (app link) and instagram.com/stories/nom/123 name the account.
    if (premier === "_u" || premier === "stories")
      return second ? nomValide("instagram", second) : pasUneAdresse("instagram");
    if (INSTAGRAM_RESERVES.has(premier)) return pasUneAdresse("instagram");
    return nomValide("instagram", premier);
  },

  threads({ sousDomaine, segments: [premier] }) {
    if (!SOUS_DOMAINES_NEUTRES.has(sousDomaine) || !premier?.startsWith("@")) return pasUneAdresse("threads");
    return nomValide("threads", premier);
  },

  snapchat({ sousDomaine, segments: [premier, second] }) {
    if (sousDomaine === "t" || premier === "t") return lienCourt("snapchat");
    if (!SOUS_DOMAINES_NEUTRES.has(sousDomaine) && sousDomaine !== "story") return pasUneAdresse("snapchat");
    // snapchat.com/add/nom, snapchat.com/@nom, story.snapchat.com/u/nom (older public stories).
    if ((premier === "add" || premier === "u") && second) return nomValide("snapchat", second);
    if (premier?.startsWith("@")) return nomValide("snapchat", premier);
    if (premier === "spotlight" || premier === "discover") return publication("snapchat");
    return pasUneAdresse("snapchat");
  },

  tiktok({ sousDomaine, segments: [premier] }) {
    if (sousDomaine === "vm" || sousDomaine === "vt" || premier === "t") return lienCourt("tiktok");
    if (!SOUS_DOMAINES_NEUTRES.has(sousDomaine)) return pasUneAdresse("tiktok");
    // tiktok.com/@nom, also tiktok.com/@nom/video/123: the video's address names its account.
    if (premier?.startsWith("@")) return nomValide("tiktok", premier);
    if (premier === "video" || premier === "embed") return publication("tiktok");
    return pasUneAdresse("tiktok");
  },

  facebook({ url, sousDomaine, segments }) {
    // Locale hosts such as fr-fr.facebook.com show the same profile.
    if (!SOUS_DOMAINES_NEUTRES.has(sousDomaine) && !/^[a-z]{2}-[a-z]{2}$/.test(sousDomaine)) {
      return pasUneAdresse("facebook");
    }
    const [premier, , troisieme] = segments;
    if (!premier) return pasUneAdresse("facebook");
    if (premier === "profile.php") {
      const id = url.searchParams.get("id") ?? "";
      return FACEBOOK_ID.test(id) ? facebookId("facebook", id) : pasUneAdresse("facebook");
    }
    // facebook.com/people/Nom-De-La-Page/100089…/ and the older facebook.com/pages/Nom/123…
    if (premier === "people" || premier === "pages") {
      const id = premier === "people" ? troisieme : segments.findLast((s) => /^\d+$/.test(s));
      return id && FACEBOOK_ID.test(id) ? facebookId("facebook", id) : pasUneAdresse("facebook");
    }
    if (premier === "share") return lienCourt("facebook");
    if (premier === "groups") {
      return refus(
        "groupe",
        `Un groupe Facebook n'est pas un compte : indiquez la page ou le profil professionnel, attendu ${reseauFormeAttendue.facebook}`,
      );
    }
    if (FACEBOOK_PUBLICATIONS.has(premier)) return publication("facebook");
    if (FACEBOOK_RESERVES.has(premier)) return pasUneAdresse("facebook");
    if (FACEBOOK_ID.test(premier)) return facebookId("facebook", premier);
    return nomValide("facebook", premier);
  },

  messenger({ domaine, segments: [premier, second] }) {
    if (!premier) return pasUneAdresse("messenger");
    let nom = premier;
    if (domaine === "messenger.com") {
      // messenger.com/t/nom
      if (premier !== "t" || !second) return pasUneAdresse("messenger");
      nom = second;
    } else if (premier === "j") {
      return refus(
        "groupe",
        `Ce lien invite dans une discussion de groupe, pas vers un compte : attendu ${reseauFormeAttendue.messenger}`,
      );
    } else if (premier === "ch") {
      return pasUneAdresse("messenger");
    }
    return FACEBOOK_ID.test(nom) ? facebookId("messenger", nom) : nomValide("messenger", nom);
  },

  youtube({ domaine, sousDomaine, segments: [premier, second] }) {
    if (domaine === "youtu.be") return publication("youtube");
    if (!SOUS_DOMAINES_NEUTRES.has(sousDomaine) || !premier) return pasUneAdresse("youtube");
    if (premier.startsWith("@")) return nomValide("youtube", premier);
    if (premier === "channel") {
      return second && YOUTUBE_CHAINE.test(second) ? youtubeChaine(second) : pasUneAdresse("youtube");
    }
    if (YOUTUBE_PUBLICATIONS.has(premier)) return publication("youtube");
    if (premier === "c" || premier === "user") {
      return refus(
        "forme",
        `Cette ancienne forme d'adresse YouTube ne donne pas le nom de la chaîne : ouvrez-la, puis copiez l'adresse en @, attendu ${reseauFormeAttendue.youtube}`,
      );
    }
    return pasUneAdresse("youtube");
  },

  twitch({ sousDomaine, segments: [premier] }) {
    if (!SOUS_DOMAINES_NEUTRES.has(sousDomaine) || !premier) return pasUneAdresse("twitch");
    if (premier === "videos") return publication("twitch");
    if (TWITCH_RESERVES.has(premier)) return pasUneAdresse("twitch");
    return nomValide("twitch", premier);
  },

  x({ domaine, sousDomaine, segments: [premier] }) {
    if (domaine === "t.co") return lienCourt("x");
    if (!SOUS_DOMAINES_NEUTRES.has(sousDomaine) || !premier) return pasUneAdresse("x");
    if (X_RESERVES.has(premier)) return pasUneAdresse("x");
    // x.com/nom, also x.com/nom/status/123: the post's address names its account.
    return nomValide("x", premier);
  },

  discord({ domaine, sousDomaine, segments: [premier, second] }) {
    if (!SOUS_DOMAINES_NEUTRES.has(sousDomaine) && sousDomaine !== "ptb" && sousDomaine !== "canary") {
      return pasUneAdresse("discord");
    }
    const invitation = domaine === "discord.gg" ? premier : premier === "invite" ? second : undefined;
    if (invitation !== undefined) {
      return DISCORD_INVITATION.test(invitation)
        ? ok(invitation, `https://discord.gg/${invitation}`, "identifiant")
        : pasUneAdresse("discord");
    }
    // discord.com/channels/<server>/<channel> and discord.com/servers/nom-du-serveur-<server>
    if (premier === "channels" && second && DISCORD_SERVEUR.test(second)) return discordServeur(second);
    const serveur = premier === "servers" ? second?.match(/(?:^|-)(\d{17,20})$/)?.[1] : undefined;
    if (serveur) return discordServeur(serveur);
    if (premier === "users") return refus("forme", MESSAGE_DISCORD_NOM);
    return pasUneAdresse("discord");
  },

  whatsapp({ url, domaine, sousDomaine, segments: [premier, second] }) {
    if (domaine === "wa.me") {
      if (premier === "message" && second) {
        return WHATSAPP_MESSAGE.test(second)
          ? ok(second, `https://wa.me/message/${second}`, "identifiant")
          : pasUneAdresse("whatsapp");
      }
      // wa.me/33612345678 opens a chat with that number; wa.me/c/33612345678 is its business catalogue.
      if ([premier, second].some((s) => s && /^\+?\d{6,}$/.test(s))) return telephone("whatsapp");
      return pasUneAdresse("whatsapp");
    }
    if (sousDomaine === "chat") {
      return refus(
        "groupe",
        `Un lien de groupe WhatsApp n'est pas accepté : dans un groupe, chaque participant voit le numéro des autres. Attendu ${reseauFormeAttendue.whatsapp}`,
      );
    }
    // api.whatsapp.com/send?phone=…, web.whatsapp.com/send?phone=…, whatsapp.com/catalog/<numéro>
    if (url.searchParams.has("phone") || premier === "catalog") return telephone("whatsapp");
    if (!SOUS_DOMAINES_NEUTRES.has(sousDomaine)) return pasUneAdresse("whatsapp");
    if (premier === "channel" && second && WHATSAPP_CHAINE.test(second)) {
      return ok(second, `https://whatsapp.com/channel/${second}`, "identifiant");
    }
    return pasUneAdresse("whatsapp");
  },
};

/**
 * "Other network": a full address (https:// added when missing), or a fediverse handle
 * `@nom@instance.social` read as https://instance.social/@nom. Host lower-case, fragment and
 * trailing slash dropped, query kept (it may be what selects the page). A known network is refused
 * so that its profile gets that network's checks.
 */
function normalizeAutre(saisie: string): NormalisationProfil {
  const attendu = `Pour un autre réseau, saisissez l'adresse complète de la page : attendu ${reseauFormeAttendue.autre}`;
  const fediverse = saisie.match(/^@([A-Za-z0-9_.-]+)@([A-Za-z0-9.-]+\.[A-Za-z]{2,})$/);
  const texte = fediverse ? `https://${fediverse[2]}/@${fediverse[1]}` : saisie;
  let url: URL;
  try {
    url = new URL(SCHEMA_URL.test(texte) ? texte : `https://${texte}`);
  } catch {
    return refus("forme", attendu);
  }
  const hostname = url.hostname.replace(/\.$/, "");
  if (
    (url.protocol !== "https:" && url.protocol !== "http:") ||
    url.username ||
    url.password ||
    !/\.(?:[a-z]{2,}|xn--[a-z0-9-]+)$/.test(hostname)
  ) {
    return refus("forme", attendu);
  }
  const connu = identifierHote(hostname);
  if (connu) {
    const nom = NOM_RESEAU[connu.reseau];
    return refus("autre_reseau", `Cette adresse est une adresse ${nom} : choisissez ${nom} dans la liste des réseaux.`);
  }
  const chemin = url.pathname.replace(/\/+$/, "");
  const host = url.port ? `${hostname}:${url.port}` : hostname;
  return ok(`${host}${chemin}`, `${url.protocol}//${host}${chemin}${url.search}`, "nom");
}

// ---------------------------------------------------------------------------------------------
// personalHandleWarning
// ---------------------------------------------------------------------------------------------

export type RegleAvertissement = "mot_personnel" | "nom_de_famille" | "prenom_et_initiale" | "annee_de_naissance";

export type AvertissementProfil = {
  regle: RegleAvertissement;
  /** The part of the handle that made the rule fire, as shown to the person. */
  indice: string;
  message: string;
};

export type IdentitePersonne = {
  prenom: string;
  nom: string;
  /** Name of the employer structure: its words count as professional markers. */
  structure?: string;
};

/**
 * Professional markers. A handle holding one reads as a professional account, and the name, initial
 * and birth-year rules stay silent. Short acronyms count only as a whole word of the handle
 * ("bij" must not match "bijou"); longer words count anywhere ("juliepromeneuse").
 */
const MARQUEURS_MOTS = new Set([
  "pdn",
  "pij",
  "bij",
  "cij",
  "sij",
  "mjc",
  "fjt",
  "evs",
  "mda",
  "paej",
  "cs",
  "ml",
  "caf",
  "msa",
  "pro",
  "ados",
  "asso",
  "anim",
  "educ",
  "info",
  "ccas",
]);
const MARQUEURS_FRAGMENTS = [
  "pdn",
  "mjc",
  "paej",
  "promeneu", // promeneur, promeneuse, promeneurs
  "jeune", // jeunes, jeunesse
  "centre",
  "social",
  "socio",
  "association",
  "animat", // animateur, animatrice, animation
  "educat", // éducateur, éducatrice, éducation
  "prevention",
  "mairie",
  "ville",
  "espace",
  "maison",
  "foyer",
  "mission",
  "accueil",
  "service",
  "structure",
  "officiel",
  "infojeune",
  "professionnel",
];

/** Words that say "personal" outright: they fire even next to a professional marker. */
const PERSONNEL_MOTS = new Set(["perso", "priv", "moi", "bff", "fam", "spam", "alt"]);
const PERSONNEL_FRAGMENTS = ["private", "prive", "famille", "family", "mylife", "mavie", "finsta", "intime"];

/** Particles ignored in a last name ("de La Fontaine" → "fontaine"). */
const PARTICULES = new Set([
  "de",
  "du",
  "des",
  "la",
  "le",
  "les",
  "d",
  "l",
  "van",
  "von",
  "der",
  "den",
  "di",
  "da",
  "del",
]);
/** Words of a structure's name that say nothing about it. */
const MOTS_VIDES = new Set(["de", "du", "des", "la", "le", "les", "et", "en", "au", "aux", "pour", "sur", "the"]);

/** Birth years of an adult professional, 1940 to 2009, not glued to other digits. */
const ANNEE_DE_NAISSANCE = /(?<!\d)(19[4-9]\d|200\d)(?!\d)/;

function motsDe(texte: string): string[] {
  return sansAccents(texte)
    .split(/[^a-z0-9]+|(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])/)
    .filter(Boolean);
}

/**
 * A warning (never an error) when a handle looks like a personal account rather than a professional
 * one. The rules, in the order they are tried; the first that fires is returned:
 * 1. `mot_personnel`: a word that says "personal" (perso, privé, famille, bff…), marker or not.
 * 2. `nom_de_famille`: the person's last name, and no professional marker. A part of 4 letters or
 *    more counts anywhere in the handle; a shorter one only as a whole word ("Roy" ≠ "troyes").
 * 3. `prenom_et_initiale`: exactly the first name and the initial of the last name ("julie.m",
 *    "m_julie", "juliem"), the usual pattern of a private account, and no marker.
 * 4. `annee_de_naissance`: a year from 1940 to 2009, and no marker ("julie1987").
 * Returns `null` when none fires. Apply it to chosen names only (`kind === "nom"`), not to ids.
 */
export function personalHandleWarning(handle: string, personne: IdentitePersonne): AvertissementProfil | null {
  const mots = motsDe(handle);
  const lettres = sansAccents(handle).replace(/[^a-z]/g, "");
  const partiesNom = sansAccents(personne.nom)
    .split(/[^a-z]+/)
    .filter((p) => p.length >= 2 && !PARTICULES.has(p));
  // Markers are looked for outside the last name: "Villeneuve" holds "ville" and is no marker.
  const motsHorsNom = mots.filter((m) => !partiesNom.includes(m));
  const lettresHorsNom = partiesNom
    .filter((p) => p.length >= 4)
    .reduce((reste, partie) => reste.replaceAll(partie, " "), lettres);
  const motsStructure = personne.structure
    ? motsDe(personne.structure).filter((m) => m.length >= 3 && !MOTS_VIDES.has(m) && /[a-z]/.test(m))
    : [];
  const aUnMarqueur =
    motsHorsNom.some((m) => MARQUEURS_MOTS.has(m)) ||
    MARQUEURS_FRAGMENTS.some((f) => lettresHorsNom.includes(f)) ||
    motsStructure.some((m) => (m.length >= 4 ? lettresHorsNom.includes(m) : motsHorsNom.includes(m)));
  const verifiez =
    "Un compte de promeneur est distinct de tout compte personnel : vérifiez qu'il s'agit bien de votre compte professionnel.";

  const personnel = mots.find((m) => PERSONNEL_MOTS.has(m)) ?? PERSONNEL_FRAGMENTS.find((f) => lettres.includes(f));
  if (personnel) {
    return {
      regle: "mot_personnel",
      indice: personnel,
      message: `Ce nom de compte contient « ${personnel} », qui désigne d'habitude un compte personnel. ${verifiez}`,
    };
  }
  if (aUnMarqueur) return null;

  const nomColle = partiesNom.join("");
  const candidats = partiesNom.length > 1 ? [nomColle, ...partiesNom] : partiesNom;
  const nomTrouve = candidats.find((p) => (p.length >= 4 ? lettres.includes(p) : mots.includes(p)));
  if (nomTrouve) {
    return {
      regle: "nom_de_famille",
      indice: nomTrouve,
      message: `Ce nom de compte contient votre nom de famille (« ${nomTrouve} ») et rien qui indique un compte professionnel (« pdn », « promeneur », le nom de votre structure…). ${verifiez}`,
    };
  }

  const prenom = sansAccents(personne.prenom).replace(/[^a-z]/g, "");
  const initiale = partiesNom[0]?.[0] ?? sansAccents(personne.nom).replace(/[^a-z]/g, "")[0];
  if (prenom.length >= 2 && initiale) {
    const motsLettres = mots.filter((m) => /^[a-z]+$/.test(m));
    const formes = [`${prenom}${initiale}`, `${initiale}${prenom}`];
    const seulementPrenomInitiale =
      mots.length === motsLettres.length &&
      (formes.includes(lettres) ||
        (motsLettres.length === 2 && motsLettres.includes(prenom) && motsLettres.includes(initiale)));
    if (seulementPrenomInitiale) {
      return {
        regle: "prenom_et_initiale",
        indice: handle,
        message: `Un prénom et une initiale (« ${handle} »), c'est la forme habituelle d'un compte personnel, et rien n'y indique un compte professionnel. ${verifiez}`,
      };
    }
  }

  const annee = sansAccents(handle).match(ANNEE_DE_NAISSANCE)?.[1];
  if (annee) {
    return {
      regle: "annee_de_naissance",
      indice: annee,
      message: `Ce nom de compte contient « ${annee} », qui ressemble à une année de naissance, et rien qui indique un compte professionnel. ${verifiez}`,
    };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Verification and status
// ---------------------------------------------------------------------------------------------

export const DELAI_VERIFICATION_MOIS = 6;

function verifierDelai(delaiMois: number): void {
  if (!Number.isInteger(delaiMois) || delaiMois < 1) {
    throw new RangeError(`Délai de vérification invalide : ${delaiMois} (un nombre entier de mois, au moins 1).`);
  }
}

function estResultat(value: string | null): value is ResultatVerification {
  return (RESULTATS_VERIFICATION as readonly (string | null)[]).includes(value);
}

/**
 * Last day on which a verification made at `derniereVerificationLe` still holds: the same calendar
 * day `delaiMois` months later, in Europe/Paris (clamped to the month's last day), returned as
 * 00:00 Paris on that day. `null` when the profile was never verified: it is due now.
 * Boundary, decided: a check made on 15 March still holds on 15 September, the whole day (it is
 * exactly 6 months old, not older); the profile is `a_verifier` from 16 September 00:00 Paris.
 */
export function prochaineEcheance(
  derniereVerificationLe: Date | null,
  delaiMois: number = DELAI_VERIFICATION_MOIS,
): Date | null {
  verifierDelai(delaiMois);
  return derniereVerificationLe ? debutJourParis(ajouterMois(jourParis(derniereVerificationLe), delaiMois)) : null;
}

/**
 * Status of a profile at `now`, from its latest verification (the copy kept on the profile's row):
 * `a_verifier` when never verified (no date or no known result) or when that verification is older
 * than `delaiMois` calendar months (see `prochaineEcheance` for the boundary), otherwise its result.
 */
export function statutProfil(
  derniereVerificationLe: Date | null,
  dernierResultat: string | null,
  now: Date,
  delaiMois: number = DELAI_VERIFICATION_MOIS,
): StatutProfil {
  verifierDelai(delaiMois);
  if (!derniereVerificationLe || !estResultat(dernierResultat)) return "a_verifier";
  const echeance = ajouterMois(jourParis(derniereVerificationLe), delaiMois);
  return comparerJours(jourParis(now), echeance) > 0 ? "a_verifier" : dernierResultat;
}

export type ResultatChecklist = {
  resultat: ResultatVerification;
  /** Labels of the mandatory checks not ticked, in the order of `obligatoires`. */
  manquants: string[];
  /** Their codes, for storage. */
  codesManquants: string[];
};

/**
 * `conforme` when every mandatory check is ticked, else `non_conforme` with what is missing.
 * A mandatory check absent from the checklist counts as not ticked. Codes added by the coordinator
 * and unknown to the list C labels are shown by their code unless `labels` names them.
 */
export function resultatVerification(
  checklist: readonly { code: string; coche: boolean }[],
  obligatoires: readonly string[],
  labels: Readonly<Record<string, string>> = controleConformiteLabels,
): ResultatChecklist {
  const coches = new Set(checklist.filter((c) => c.coche).map((c) => c.code));
  const codesManquants = [...new Set(obligatoires)].filter((code) => !coches.has(code));
  return {
    resultat: codesManquants.length === 0 ? "conforme" : "non_conforme",
    manquants: codesManquants.map((code) => labels[code] ?? code),
    codesManquants,
  };
}
