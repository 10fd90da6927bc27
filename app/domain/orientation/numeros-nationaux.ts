import type { SituationCategorie } from "~/domain/situations/situation.labels";

/**
 * National emergency numbers, listening lines and reporting services shown on the public
 * "besoin d'aide" page (DESIGN §3, referral directory). Local services (CRIP of the Département,
 * Maison des Adolescents, PAEJ, Missions locales, PIJ) are entered later by the coordinator.
 *
 * Keep every detail checkable against the service's own site: when unsure of an hour or a cost,
 * say less rather than guess.
 */

export const NUMERO_KINDS = ["urgence", "ecoute", "signalement"] as const;
export type NumeroKind = (typeof NUMERO_KINDS)[number];

export type NumeroNational = {
  /** Stable code, unique in the list. */
  code: string;
  nom: string;
  /** The number as written for a person ("0 800 235 236"); null for a service reached online only. */
  numero: string | null;
  /** Digits for a `tel:` link; null when the service cannot be called by voice. */
  tel: string | null;
  /** Digits for an `sms:` link, when the service answers text messages. */
  sms: string | null;
  /** What it is for, in plain words. */
  description: string;
  /** Opening hours ("24 h/24, 7 j/7"), or how the service is reached when it is online only. */
  horaires: string;
  /** True: free of charge; null: not stated. */
  gratuit: boolean | null;
  /** The official site; null when none is given. */
  url: string | null;
  kind: NumeroKind;
  /**
   * The situation categories (list G) the line answers: the situation form shows it beside these.
   * Empty for the emergency numbers: general help, shown whatever the category. The seed writes
   * them at every start (they belong to this list, not to the back-office).
   */
  categories: readonly SituationCategorie[];
};

/**
 * The day the list below was last checked against each service's own site: the seed writes it as
 * `verifieLe` of every national entry of the referral directory (`numeros_aide`).
 */
export const NUMEROS_NATIONAUX_VERIFIES_LE = "2026-11-29";

/** Where the emergency numbers without a site of their own are documented. */
export const SOURCE_NUMEROS_URGENCE = "https://www.service-public.fr (numéros d'urgence)";

/** The source recorded for a national entry: its official site, or the public-service page. */
export function sourceOf(numero: NumeroNational): string {
  return numero.url ?? SOURCE_NUMEROS_URGENCE;
}

const H24 = "24\u00a0h/24, 7\u00a0j/7";

export const NUMEROS_NATIONAUX: readonly NumeroNational[] = [
  {
    code: "112",
    nom: "Numéro d'urgence européen",
    numero: "112",
    tel: "112",
    sms: null,
    description:
      "Pour toute urgence, depuis un portable ou un fixe, en France et partout dans l'Union européenne. Il vous met en relation avec les secours.",
    horaires: H24,
    gratuit: true,
    url: null,
    kind: "urgence",
    categories: [],
  },
  {
    code: "15",
    nom: "SAMU",
    numero: "15",
    tel: "15",
    sms: null,
    description:
      "Urgence médicale\u00a0: malaise, blessure grave, difficulté à respirer, intoxication, tentative de suicide.",
    horaires: H24,
    gratuit: true,
    url: null,
    kind: "urgence",
    categories: [],
  },
  {
    code: "17",
    nom: "Police secours",
    numero: "17",
    tel: "17",
    sms: null,
    description: "Danger immédiat, violence, agression, menace\u00a0: la police ou la gendarmerie intervient.",
    horaires: H24,
    gratuit: true,
    url: null,
    kind: "urgence",
    categories: [],
  },
  {
    code: "18",
    nom: "Sapeurs-pompiers",
    numero: "18",
    tel: "18",
    sms: null,
    description: "Incendie, accident, personne blessée ou en danger.",
    horaires: H24,
    gratuit: true,
    url: null,
    kind: "urgence",
    categories: [],
  },
  {
    code: "114",
    nom: "Urgence par SMS",
    numero: "114",
    tel: null,
    sms: "114",
    description:
      "Pour les personnes sourdes, malentendantes ou qui ont du mal à parler, et pour toute personne qui ne peut pas parler sans se mettre en danger. Écrivez où vous êtes et ce qui se passe\u00a0: le 114 prévient le SAMU, la police, la gendarmerie ou les pompiers.",
    horaires: H24,
    gratuit: true,
    url: "https://www.info.urgence114.fr",
    kind: "urgence",
    categories: [],
  },
  {
    code: "3114",
    nom: "Numéro national de prévention du suicide",
    numero: "3114",
    tel: "3114",
    sms: null,
    description:
      "Si vous pensez au suicide, si vous allez très mal, ou si vous êtes inquiet pour quelqu'un. Des professionnels du soin vous écoutent.",
    horaires: H24,
    gratuit: true,
    url: "https://3114.fr",
    kind: "ecoute",
    categories: ["detresse_psychologique"],
  },
  {
    code: "119",
    nom: "Allô Enfance en danger",
    numero: "119",
    tel: "119",
    sms: null,
    description:
      "Pour un enfant ou un adolescent en danger ou qui risque de l'être\u00a0: on peut appeler pour soi, pour un frère, une sœur, un ami, ou comme parent, voisin ou professionnel.",
    horaires: H24,
    gratuit: true,
    url: "https://www.allo119.gouv.fr",
    kind: "ecoute",
    categories: ["violences", "harcelement", "emprise", "rupture", "detresse_psychologique"],
  },
  {
    code: "3018",
    nom: "Harcèlement et violences numériques",
    numero: "3018",
    tel: "3018",
    sms: null,
    description:
      "Cyberharcèlement, chantage, photos ou vidéos intimes diffusées, compte piraté ou usurpé. Anonyme et confidentiel\u00a0; aide à faire supprimer des contenus. Aussi par tchat sur 3018.fr et avec l'application 3018.",
    horaires: "7\u00a0j/7, de 9\u00a0h à 23\u00a0h",
    gratuit: true,
    url: "https://3018.fr",
    kind: "ecoute",
    categories: ["harcelement", "conduites_a_risque_en_ligne"],
  },
  {
    code: "fil-sante-jeunes",
    nom: "Fil Santé Jeunes",
    numero: "0 800 235 236",
    tel: "0800235236",
    sms: null,
    description:
      "Pour les 12–25 ans\u00a0: santé, sexualité, amour, mal-être, relations avec les autres, consommations. Anonyme. Aussi par tchat sur le site.",
    horaires: "7\u00a0j/7, de 9\u00a0h à 23\u00a0h",
    gratuit: true,
    url: "https://www.filsantejeunes.com",
    kind: "ecoute",
    categories: ["detresse_psychologique", "addiction", "conduites_a_risque_en_ligne", "rupture", "autre"],
  },
  {
    code: "3919",
    nom: "Violences Femmes Info",
    numero: "3919",
    tel: "3919",
    sms: null,
    description:
      "Pour les femmes victimes de violences (dans le couple, sexuelles, psychologiques…), leur entourage et les professionnels. Anonyme.",
    horaires: H24,
    gratuit: true,
    url: "https://arretonslesviolences.gouv.fr",
    kind: "ecoute",
    categories: ["violences"],
  },
  {
    code: "drogues-info-service",
    nom: "Drogues Info Service",
    numero: "0 800 23 13 13",
    tel: "0800231313",
    sms: null,
    description:
      "Drogues, alcool, médicaments\u00a0: information, conseils et adresses d'aide, pour la personne qui consomme et pour son entourage. Anonyme.",
    horaires: "7\u00a0j/7, de 8\u00a0h à 2\u00a0h",
    gratuit: true,
    url: "https://www.drogues-info-service.fr",
    kind: "ecoute",
    categories: ["addiction"],
  },
  {
    code: "pharos",
    nom: "Pharos – Signaler un contenu illicite sur internet",
    numero: null,
    tel: null,
    sms: null,
    description:
      "Pour signaler un contenu illégal vu en ligne\u00a0: menaces, incitation à la haine, apologie du terrorisme, pédocriminalité, escroquerie. Ce n'est pas un service d'urgence\u00a0: en cas de danger immédiat, appelez le 17 ou le 112.",
    horaires: "Formulaire en ligne, accessible à tout moment",
    gratuit: true,
    url: "https://www.internet-signalement.gouv.fr",
    kind: "signalement",
    categories: ["conduites_a_risque_en_ligne", "emprise", "harcelement"],
  },
  {
    code: "miviludes",
    nom: "MIVILUDES – Emprise et dérives sectaires",
    numero: null,
    tel: null,
    sms: null,
    description:
      "Pour signaler une situation d'emprise ou de dérive sectaire (un groupe, une personne, en ligne ou non) ou demander un avis.",
    horaires: "Formulaire en ligne",
    gratuit: true,
    url: "https://www.miviludes.interieur.gouv.fr",
    kind: "signalement",
    categories: ["emprise"],
  },
];

/** The numbers of one kind, in the order of the list. */
export function findNumerosByKind(kind: NumeroKind, numeros: readonly NumeroNational[] = NUMEROS_NATIONAUX) {
  return numeros.filter((n) => n.kind === kind);
}

/** One number by its code; throws when the code is unknown (a programming error). */
export function getNumero(code: string, numeros: readonly NumeroNational[] = NUMEROS_NATIONAUX): NumeroNational {
  const found = numeros.find((n) => n.code === code);
  if (!found) throw new Error(`Numéro inconnu\u00a0: ${code}`);
  return found;
}
