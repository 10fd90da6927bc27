import { eq } from "drizzle-orm";
import { ajouterMois, formatJourIso, jourParis } from "~/lib/jour";
import type { Executor } from "~/server/db.server";
import { storeFichier } from "~/server/fichiers.server";
import { appMeta, numerosAide, ressources } from "../schema";

/**
 * The referral directory's and the resources' part of the fictional 04 demo: five local services
 * (names suffixed « (démo) », numbers in the range ARCEP keeps for fiction, 04 65 71 xx xx), one of
 * them last checked 14 months ago so that the « à revérifier » flag shows; four resources (two links
 * to real official sites, two small generated PDF files, one for the network only). Loaded once, by
 * its marker; the demo's own audit row (`demo.charger`) covers it.
 */
export const DEMO_ORIENTATION_MARKER = "demo.04.orientation";
const SOURCE_DEMO = "Données de démonstration";
const FICTIF = "Service fictif, pour la démonstration de la plateforme.";

/** A one-page PDF showing a few lines of text (Latin-1), enough to download and open. */
export function pdfDemo(titre: string, lignes: string[]): Buffer {
  const echapper = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);
  const texte = [
    "BT /F1 20 Tf 60 780 Td",
    `(${echapper(titre)}) Tj`,
    "/F1 12 Tf 0 -32 Td",
    ...lignes.map((l, i) => `${i === 0 ? "" : "0 -18 Td "}(${echapper(l)}) Tj`),
    "ET",
  ].join("\n");
  const objets = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    `<< /Length ${Buffer.byteLength(texte, "latin1")} >>\nstream\n${texte}\nendstream`,
  ];
  let pdf = "%PDF-1.4\n";
  const offsets: number[] = [];
  objets.forEach((objet, i) => {
    offsets.push(Buffer.byteLength(pdf, "latin1"));
    pdf += `${i + 1} 0 obj\n${objet}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, "latin1");
  pdf += `xref\n0 ${objets.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, "0")} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objets.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, "latin1");
}

export async function seedDemoOrientation(tx: Executor, coordinateurId: string | null, now: Date): Promise<boolean> {
  const [marker] = await tx.select({ key: appMeta.key }).from(appMeta).where(eq(appMeta.key, DEMO_ORIENTATION_MARKER));
  if (marker) return false;
  const aujourdhui = jourParis(now);
  const il = (mois: number) => formatJourIso(ajouterMois(aujourdhui, -mois));
  const semaine = "Du lundi au vendredi, de 9\u00a0h à 12\u00a0h et de 14\u00a0h à 17\u00a0h";
  await tx.insert(numerosAide).values(
    [
      {
        nom: "CRIP du Département – informations préoccupantes (démo)",
        description: `Recueille les informations préoccupantes concernant un mineur en danger ou en risque de l'être, et conseille les professionnels. ${FICTIF}`,
        telephone: "04 65 71 10 10",
        genre: "signalement",
        public: "professionnels",
        horaires: semaine,
        verifieLe: il(2),
      },
      {
        nom: "Maison des Adolescents (démo)",
        description: `Accueil, écoute et orientation des 11–25 ans et de leurs parents, sans rendez-vous l'après-midi. ${FICTIF}`,
        telephone: "04 65 71 20 20",
        genre: "ecoute",
        public: "tous",
        gratuit: true,
        horaires: "Du mardi au samedi, de 13\u00a0h à 18\u00a0h",
        verifieLe: il(1),
      },
      {
        nom: "Point Accueil Écoute Jeunes de Manosque (démo)",
        description: `Des psychologues écoutent les jeunes de 12 à 25 ans, seuls ou avec leurs proches, anonymement. ${FICTIF}`,
        telephone: "04 65 71 30 30",
        genre: "ecoute",
        public: "jeunes",
        gratuit: true,
        horaires: semaine,
        verifieLe: il(3),
      },
      {
        nom: "Mission locale de la Durance (démo)",
        description: `Emploi, formation, logement, santé, mobilité : un conseiller accompagne les 16–25 ans sortis de l'école. ${FICTIF}`,
        telephone: "04 65 71 40 40",
        genre: "ecoute",
        public: "jeunes",
        gratuit: true,
        horaires: semaine,
        // Last checked 14 months ago: the back-office flags it « à revérifier ».
        verifieLe: il(14),
      },
      {
        nom: "Point Information Jeunesse de Digne-les-Bains (démo)",
        description: `Information sur les études, les jobs, les loisirs, les départs à l'étranger ; accès libre à internet. ${FICTIF}`,
        telephone: "04 65 71 50 50",
        genre: "ecoute",
        public: "jeunes",
        gratuit: true,
        horaires: "Du lundi au vendredi, de 10\u00a0h à 18\u00a0h",
        verifieLe: il(5),
      },
    ].map((n, i) => ({
      ...n,
      departement: "04",
      source: SOURCE_DEMO,
      ordre: (i + 1) * 10,
      majPar: coordinateurId,
      createdAt: now,
      updatedAt: now,
    })),
  );

  const fiche = await storeFichier(
    tx,
    {
      nom: "fiche-reflexe-harcelement-demo.pdf",
      typeMime: "application/pdf",
      contenu: pdfDemo("Fiche réflexe : harcèlement en ligne (démo)", [
        "Document fictif, pour la démonstration de la plateforme.",
        "1. Écouter le jeune, sans juger ni minimiser.",
        "2. Conserver les preuves (captures), sans les diffuser.",
        "3. Orienter vers le 3018 (appel, tchat ou application).",
        "4. Signaler un contenu illicite sur internet-signalement.gouv.fr (Pharos).",
        "5. En parler à la coordination départementale.",
      ]),
    },
    { departement: "04", creePar: coordinateurId },
  );
  const affiche = await storeFichier(
    tx,
    {
      nom: "affiche-promeneurs-du-net-04-demo.pdf",
      typeMime: "application/pdf",
      contenu: pdfDemo("Promeneurs du Net 04 (démo)", [
        "Affiche fictive, pour la démonstration de la plateforme.",
        "Des professionnels de la jeunesse présents sur les réseaux sociaux,",
        "à l'écoute des jeunes des Alpes-de-Haute-Provence.",
      ]),
    },
    { departement: "04", creePar: coordinateurId },
  );
  await tx.insert(ressources).values(
    [
      {
        titre: "Le site national des Promeneurs du Net",
        description: "La présentation nationale de la démarche, la carte des départements et les ressources communes.",
        categorie: "cadre",
        url: "https://www.promeneursdunet.fr",
        public: true,
      },
      {
        titre: "3018 : harcèlement et violences numériques",
        description:
          "Le numéro national, son tchat et son application, pour les jeunes, les parents et les professionnels.",
        categorie: "guides",
        url: "https://3018.fr",
        public: true,
      },
      {
        titre: "Affiche de présentation des Promeneurs du Net 04 (démo)",
        description: "À imprimer et afficher dans les structures. Document fictif de démonstration.",
        categorie: "communication",
        fichierId: affiche,
        public: true,
      },
      {
        titre: "Fiche réflexe : harcèlement en ligne (démo)",
        description: "Les cinq gestes du promeneur face à un jeune harcelé en ligne. Réservée au réseau.",
        categorie: "guides",
        fichierId: fiche,
        public: false,
      },
    ].map((r, i) => ({
      ...r,
      departement: "04",
      ordre: (i + 1) * 10,
      creePar: coordinateurId,
      createdAt: now,
      updatedAt: now,
    })),
  );
  await tx.insert(appMeta).values({ key: DEMO_ORIENTATION_MARKER, value: now.toISOString() });
  return true;
}
