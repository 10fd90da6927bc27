import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type DonneeIdentifiante, messageDonneeIdentifiante, trouverDonneeIdentifiante } from "./donnees-identifiantes";
import { texteLibre } from "./texte-libre.schema";

/** Each refused text, with the kind found, beside a neighbouring text that must pass. */
const cas: { type: DonneeIdentifiante; refuse: string[]; accepte: string[] }[] = [
  {
    type: "email",
    refuse: [
      "Elle m'a écrit depuis lea.martin04@gmail.com hier",
      "contact : jeune-du-04@orange.fr",
      "son adresse lea.m (at) gmail.com",
      "écrire à lea arobase laposte point net",
    ],
    accepte: ["Échange à 14 h @ la MJC", "Atelier e-mail et sécurité au collège", "orientée vers la Maison des ados"],
  },
  {
    type: "telephone",
    refuse: [
      "Il a laissé son 06 12 34 56 78",
      "numéro 0612345678",
      "joignable au 07.81.22.33.44",
      "tél 06-12-34-56-78",
      "+33 6 12 34 56 78",
      "+33 (0)6 12 34 56 78",
      "0033 6 12 34 56 78",
      "un numéro belge +32 470 12 34 56",
      "+44 20 7946 0958",
      "+1 (555) 123-4567",
      "fixe 04 92 30 00 00",
    ],
    accepte: [
      "Orientée vers le 3114",
      "15 jeunes rencontrés",
      "Je lui ai donné le 3018",
      "appel au 119 avec elle",
      "Fil Santé Jeunes au 0 800 235 236",
      "Drogues Info Service 0 800 23 13 13",
      "du 01/09/2025 au 30/09/2025",
      "années 2024 2025 2026",
      "entre 12 et 14 ans",
      "10 000 vues sur la campagne",
    ],
  },
  {
    type: "pseudo",
    refuse: [
      "échanges suivis avec @lea.pdn04",
      "Son snap : lea_du_04",
      "pseudo: dark.angel",
      "compte Insta : jade2009",
    ],
    accepte: [
      "Instagram : 3 lives ce mois-ci",
      "TikTok : vidéos de prévention",
      "rendez-vous @ 14h",
      "Snapchat : échanges nombreux",
      "compte rendu envoyé à la coordination",
    ],
  },
  {
    type: "lien",
    refuse: [
      "son profil instagram.com/lea_du_04",
      "https://www.tiktok.com/@lea",
      "https://wa.me/33612345678",
      "groupe t.me/jeunes_digne",
      "serveur https://discord.gg/abcd",
      "www.snapchat.com/add/lea",
      "https://www.facebook.com/lea.martin.9",
    ],
    accepte: [
      "ressource https://www.3114.fr",
      "voir https://www.filsantejeunes.com/",
      "on a parlé d'Instagram et de TikTok",
      "https://www.instagram.com/",
    ],
  },
  {
    type: "adresse",
    refuse: [
      "elle vit au 12 rue des Lilas",
      "3 bis, chemin de la Croix",
      "rdv 7 avenue Jean Jaurès",
      "au 4 place du Marché",
      "10 cours Mirabeau",
      "hébergée 04100 Manosque",
      "lotissement : 5 impasse des Pins",
    ],
    accepte: [
      "jeune de Manosque",
      "2 cours de soutien scolaire",
      "1 place de libre à l'atelier",
      "3 places disponibles",
      "12 rues du centre parcourues en maraude",
      "15 jeunes de Digne-les-Bains",
      "04 jeunes",
    ],
  },
];

describe("trouverDonneeIdentifiante", () => {
  for (const { type, refuse, accepte } of cas) {
    it.each(refuse)(`refuse (${type}) : « %s »`, (texte) => {
      expect(trouverDonneeIdentifiante(texte)).toBe(type);
    });
    it.each(accepte)(`accepte : « %s »`, (texte) => {
      expect(trouverDonneeIdentifiante(texte)).toBeNull();
    });
  }

  it("laisse passer un texte ordinaire de bilan", () => {
    expect(
      trouverDonneeIdentifiante(
        "Mois chargé : atelier sur le cyberharcèlement au collège avec 3 classes, 2 orientations vers la Maison des Adolescents et un live sur l'orientation (45 vues).",
      ),
    ).toBeNull();
  });

  it("trouve un numéro de portable, quelle que soit sa place dans le texte et son écriture", async () => {
    const separateurs = fc.constantFrom(" ", ".", "-", "");
    await fc.assert(
      fc.property(
        fc.constantFrom("06", "07"),
        fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 4, maxLength: 4 }),
        separateurs,
        fc.string({ maxLength: 20 }).filter((s) => !/\d/.test(s)),
        (debut, paires, sep, avant) => {
          const numero = [debut, ...paires.map((p) => String(p).padStart(2, "0"))].join(sep);
          expect(trouverDonneeIdentifiante(`${avant} ${numero} fin`)).not.toBeNull();
        },
      ),
    );
  });

  it("ne prend jamais un nombre de moins de neuf chiffres pour un numéro", async () => {
    await fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), (n) => {
        expect(trouverDonneeIdentifiante(`${n} échanges ce mois-ci`)).toBeNull();
      }),
    );
  });

  it("explique chaque refus en français, avec la raison", () => {
    for (const { type } of cas) {
      expect(messageDonneeIdentifiante(type)).toMatch(/reconnaître un jeune/);
    }
  });
});

describe("texteLibre", () => {
  const schema = texteLibre({ max: 40 });

  it("rend le texte nettoyé, ou une chaîne vide", () => {
    expect(schema.parse("  Atelier au collège \r\n ")).toBe("Atelier au collège");
    expect(schema.parse(undefined)).toBe("");
  });

  it("refuse un texte trop long en donnant sa longueur", () => {
    const resultat = schema.safeParse("a".repeat(41));
    expect(resultat.success).toBe(false);
    expect(resultat.error?.issues[0]?.message).toBe("40 caractères au plus : le texte en compte 41.");
    expect(schema.safeParse("a".repeat(40)).success).toBe(true);
  });

  it("refuse une donnée identifiante avec le message qui l'explique", () => {
    const resultat = schema.safeParse("appelle le 06 12 34 56 78");
    expect(resultat.success).toBe(false);
    expect(resultat.error?.issues[0]?.message).toBe(messageDonneeIdentifiante("telephone"));
  });

  it("exige le texte quand il est requis", () => {
    const requis = texteLibre({ max: 40, requis: true, messageRequis: "Écrivez un commentaire." });
    expect(requis.safeParse("  ").error?.issues[0]?.message).toBe("Écrivez un commentaire.");
    expect(requis.safeParse("Merci de préciser").success).toBe(true);
  });
});
