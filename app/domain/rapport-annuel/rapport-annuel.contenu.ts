/**
 * The content of the annual activity report, independent of its format (pure): the title page, the
 * foreword, the summary of the nine indicators and one section per indicator (definition, figures,
 * charts to draw, tables), the highlights, the gatherings, the communication actions and the
 * coverage. The DOCX, the PDF and the XLSX are written from this one model, so they carry the same
 * numbers as the dashboard (`calculerIndicateurs`).
 *
 * A cell is a number, a text, or `null` for a withheld small count (« < 3 »). Rates stay fractions
 * (0–1) with the `taux` format: the spreadsheet keeps them as numbers. Amounts (`montant`, the
 * financial report's) are cents, as integers; the spreadsheet writes them in euros.
 */

import { formatMontant } from "~/domain/budget/montant";
import type { ContenuRapportFinancier } from "~/domain/budget/rapport-financier.contenu";
import { PETIT_EFFECTIF_LIBELLE } from "~/domain/confidentialite/petits-effectifs";
import { definitionsIndicateurs } from "~/domain/indicateurs/indicateurs.definitions";
import type {
  CodeIndicateur,
  Evolution,
  Indicateurs,
  Part,
  PointMensuel,
  VueIndicateurs,
} from "~/domain/indicateurs/indicateurs.types";
import { CODES_INDICATEURS } from "~/domain/indicateurs/indicateurs.types";
import { MOIS_NOMS } from "~/domain/indicateurs/periode";
import { effectifVisible } from "./rapport-annuel.rules";

/**
 * How a column's numbers read. `montant`: cents, as integers (« 2 500,50 € », « −300,00 € »);
 * `ecart_montant`: cents, always signed (« +120,00 € »); `pourcentage`: a fraction with two
 * decimals (« 80,00 % »), `ecart_pourcentage` the same, signed; `taux`: a fraction, one decimal.
 */
export type FormatValeur =
  | "nombre"
  | "taux"
  | "decimal"
  | "heures"
  | "texte"
  | "montant"
  | "ecart_montant"
  | "pourcentage"
  | "ecart_pourcentage";
export type Cellule = string | number | null;

export type Colonne = { titre: string; format: FormatValeur };
export type Tableau = {
  titre: string;
  colonnes: Colonne[];
  lignes: Cellule[][];
  /** Printed under the table. */
  note?: string;
  /** The last row is a total (written in bold). */
  total?: boolean;
  /** Printed instead of an empty table (default: « Aucune donnée pour l'année. »). */
  vide?: string;
};

export type Graphique =
  | {
      type: "barres";
      titre: string;
      description: string;
      parts: Array<{ libelle: string; nombre: number | null }>;
      horizontal?: boolean;
    }
  | {
      type: "courbes";
      titre: string;
      description: string;
      series: Array<{ nom: string; points: PointMensuel[] }>;
    };

export type Chiffre = { libelle: string; valeur: Cellule; precedente: Cellule; format: FormatValeur };

export type SectionIndicateur = {
  code: CodeIndicateur;
  numero: number;
  titre: string;
  definition: string;
  chiffres: Chiffre[];
  graphiques: Graphique[];
  tableaux: Tableau[];
};

export type FaitMarquantRapport = { mois: string; promeneur: string; structure: string; texte: string };
export type RegroupementRapport = {
  date: string;
  type: string;
  titre: string;
  presents: number;
  notees: number;
  taux: number | null;
};
export type ActionRapport = { date: string; type: string; titre: string; portee: number | null };

/** What the generation reads from the database, beside the indicators. */
export type DonneesRapportAnnuel = {
  departement: { code: string; nom: string };
  annee: number;
  vue: VueIndicateurs;
  genereLe: Date;
  introduction: string;
  indicateurs: Indicateurs;
  /** The highlights kept by the coordination (empty in the aggregate version). */
  faitsMarquants: FaitMarquantRapport[];
  regroupements: RegroupementRapport[];
  actions: ActionRapport[];
  /** Communes whose boundaries are known, for the map (empty: no map). */
  carte: Array<{ code: string; nom: string; geometry: unknown }>;
  /** The year's financial report (issue 8), or null when the département has no budget that year. */
  financier: ContenuRapportFinancier | null;
};

export type ContenuRapportAnnuel = DonneesRapportAnnuel & {
  titre: string;
  sousTitre: string;
  resume: Tableau;
  sections: SectionIndicateur[];
  tableauRegroupements: Tableau;
  tableauActions: Tableau;
  tableauNonCouvertes: Tableau;
};

/** Rows shown of the uncovered communes in the documents (the spreadsheet lists them all). */
export const NON_COUVERTES_DOCUMENT_MAX = 25;

/** « 2025-03 » → « mars 2025 ». */
export function libelleMois(mois: string): string {
  const [annee, m] = mois.split("-");
  return `${MOIS_NOMS[Number(m) - 1] ?? m} ${annee}`;
}

const nombreFr = new Intl.NumberFormat("fr-FR");
const decimalFr = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 });
const heuresFr = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });
const tauxFr = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });
const pourcentageFr = new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The sign a French document writes: « + », « − » (the minus sign, not a hyphen), or none for zero. */
function signe(valeur: number, toujours: boolean): string {
  if (valeur < 0) return "\u2212";
  return toujours && valeur > 0 ? "+" : "";
}

/**
 * A cell as the documents write it: French numbers, « 82,6 % », « 2 500,50 € », « < 3 » for a
 * withheld count, « – » for none (a missing amount is never printed as 0).
 */
export function texteCellule(valeur: Cellule | undefined, format: FormatValeur): string {
  if (valeur === undefined) return "–";
  if (valeur === null) return format === "nombre" ? PETIT_EFFECTIF_LIBELLE : "–";
  if (typeof valeur === "string") return valeur;
  switch (format) {
    case "montant":
    case "ecart_montant":
      return `${signe(valeur, format === "ecart_montant")}${formatMontant(Math.abs(valeur))}`;
    case "pourcentage":
    case "ecart_pourcentage": {
      const texte = pourcentageFr.format(Math.abs(valeur) * 100);
      // A variance that rounds to zero reads « 0,00 % », without a sign.
      const nul = texte === pourcentageFr.format(0);
      return `${nul ? "" : signe(valeur, format === "ecart_pourcentage")}${texte}\u00a0%`;
    }
    case "taux":
      return `${tauxFr.format(valeur * 100)}\u00a0%`;
    case "decimal":
      return decimalFr.format(valeur);
    case "heures":
      return `${heuresFr.format(valeur)}\u00a0h`;
    default:
      return nombreFr.format(valeur);
  }
}

const chiffre = (libelle: string, e: Evolution, format: FormatValeur = "nombre"): Chiffre => ({
  libelle,
  valeur: e.valeur,
  precedente: e.precedente,
  format,
});
const simple = (libelle: string, valeur: Cellule, format: FormatValeur = "nombre"): Chiffre => ({
  libelle,
  valeur,
  precedente: null,
  format,
});

function tableauParts(titre: string, entete: string, valeur: string, parts: readonly Part[]): Tableau {
  return {
    titre,
    colonnes: [
      { titre: entete, format: "texte" },
      { titre: valeur, format: "nombre" },
    ],
    lignes: parts.map((p) => [p.libelle, p.nombre]),
  };
}

function tableauMois(titre: string, series: Array<{ nom: string; points: readonly PointMensuel[] }>): Tableau {
  const mois = [...new Set(series.flatMap((s) => s.points.map((p) => p.mois)))].sort();
  return {
    titre,
    colonnes: [{ titre: "Mois", format: "texte" }, ...series.map((s) => ({ titre: s.nom, format: "nombre" as const }))],
    lignes: mois.map((m) => [libelleMois(m), ...series.map((s) => s.points.find((p) => p.mois === m)?.valeur ?? 0)]),
  };
}

const barres = (titre: string, parts: readonly Part[], horizontal = false): Graphique => ({
  type: "barres",
  titre,
  description: `Graphique en barres : ${titre.toLowerCase()} (les valeurs sont dans le tableau qui suit).`,
  parts: parts.map((p) => ({ libelle: p.libelle, nombre: p.nombre })),
  horizontal,
});
const courbes = (titre: string, series: Array<{ nom: string; points: PointMensuel[] }>): Graphique => ({
  type: "courbes",
  titre,
  description: `Courbes mois par mois : ${titre.toLowerCase()} (les valeurs sont dans le tableau qui suit).`,
  series,
});

function section(code: CodeIndicateur, reste: Omit<SectionIndicateur, "code" | "numero" | "titre" | "definition">) {
  const d = definitionsIndicateurs[code];
  return { code, numero: d.numero, titre: d.titre, definition: d.definition, ...reste };
}

/** The headline value of each indicator, for the summary table. */
export function valeurPrincipale(i: Indicateurs, code: CodeIndicateur): Chiffre {
  switch (code) {
    case "conformite":
      return chiffre("Taux de profils conformes", i.conformite.taux, "taux");
    case "jeunes":
      return chiffre("Nouveaux jeunes en contact", i.jeunes.nouveaux);
    case "reseaux":
      return chiffre("Réseaux avec au moins un profil conforme", i.reseaux.reseauxConformes);
    case "demandes":
      return chiffre("Demandes de jeunes", i.demandes.total);
    case "echanges":
      return chiffre("Échanges avec des jeunes", i.echanges.total);
    case "participation":
      return chiffre("Taux de participation aux regroupements", i.participation.taux, "taux");
    case "publications":
      return chiffre("Publications", i.publications.total);
    case "communication":
      return chiffre("Actions de communication", i.communication.actions);
    case "couverture":
      return chiffre("Part de la population couverte", i.couverture.tauxPopulation, "taux");
  }
}

function sectionsIndicateurs(i: Indicateurs): SectionIndicateur[] {
  const vue = i.vue;
  const c = i.conformite;
  const statuts: Part[] = [
    { code: "conformes", libelle: "Conformes", nombre: c.conformes },
    { code: "non_conformes", libelle: "Non conformes", nombre: c.nonConformes },
    { code: "a_verifier", libelle: "À vérifier", nombre: c.aVerifier },
  ];
  const moisJeunes = i.jeunes.parMois;
  const ages = i.jeunes.nouveauxParAge.map((p) => ({
    ...p,
    fileActive: i.jeunes.fileActiveParAge.find((f) => f.code === p.code)?.nombre ?? 0,
  }));
  const cv = i.couverture;
  const sections: SectionIndicateur[] = [
    section("conformite", {
      chiffres: [
        chiffre("Taux de profils conformes", c.taux, "taux"),
        simple("Profils des promeneurs actifs", c.profils),
        simple("Conformes", c.conformes),
        simple("Non conformes", c.nonConformes),
        simple("À vérifier", c.aVerifier),
      ],
      graphiques: [barres("Profils par statut", statuts)],
      tableaux: [tableauParts("Profils par statut", "Statut", "Profils", statuts)],
    }),
    section("jeunes", {
      chiffres: [
        chiffre("Nouveaux jeunes en contact", i.jeunes.nouveaux),
        chiffre("File active mensuelle moyenne", i.jeunes.fileActiveMoyenne, "decimal"),
      ],
      graphiques: [
        courbes("Nouveaux jeunes et file active par mois", [
          { nom: "Nouveaux jeunes", points: moisJeunes.map((m) => ({ mois: m.mois, valeur: m.nouveaux })) },
          { nom: "File active", points: moisJeunes.map((m) => ({ mois: m.mois, valeur: m.fileActive })) },
        ]),
        barres("Nouveaux jeunes par tranche d'âge", i.jeunes.nouveauxParAge),
      ],
      tableaux: [
        tableauMois("Nouveaux jeunes et file active par mois", [
          { nom: "Nouveaux jeunes", points: moisJeunes.map((m) => ({ mois: m.mois, valeur: m.nouveaux })) },
          { nom: "File active", points: moisJeunes.map((m) => ({ mois: m.mois, valeur: m.fileActive })) },
        ]),
        {
          titre: "Jeunes par tranche d'âge",
          colonnes: [
            { titre: "Tranche d'âge", format: "texte" },
            { titre: "Nouveaux jeunes", format: "nombre" },
            { titre: "File active", format: "nombre" },
          ],
          lignes: ages.map((a) => [a.libelle, a.nombre, a.fileActive]),
        },
      ],
    }),
    section("reseaux", {
      chiffres: [chiffre("Réseaux avec au moins un profil conforme", i.reseaux.reseauxConformes)],
      graphiques: [
        barres(
          "Profils conformes par réseau",
          i.reseaux.parReseau.map((r) => ({ code: r.code, libelle: r.libelle, nombre: r.profilsConformes })),
          true,
        ),
      ],
      tableaux: [
        {
          titre: "Profils conformes et échanges par réseau",
          colonnes: [
            { titre: "Réseau", format: "texte" },
            { titre: "Profils conformes", format: "nombre" },
            { titre: "Échanges", format: "nombre" },
          ],
          lignes: i.reseaux.parReseau.map((r) => [r.libelle, r.profilsConformes, r.echanges]),
        },
      ],
    }),
    section("demandes", {
      chiffres: [
        chiffre("Demandes de jeunes", i.demandes.total),
        simple("Thèmes abordés", i.demandes.themesPresents),
        chiffre("Diversité des thèmes (indice de Shannon normalisé)", i.demandes.shannon, "decimal"),
        simple("Situations préoccupantes", effectifVisible(i.demandes.situations, vue)),
      ],
      graphiques: [
        barres("Demandes par thème", i.demandes.parTheme, true),
        barres("Situations préoccupantes par catégorie", i.demandes.situationsParCategorie, true),
      ],
      tableaux: [
        tableauParts("Demandes par thème", "Thème", "Demandes", i.demandes.parTheme),
        tableauParts(
          "Situations préoccupantes par catégorie",
          "Catégorie",
          "Situations",
          i.demandes.situationsParCategorie,
        ),
      ],
    }),
    section("echanges", {
      chiffres: [
        chiffre("Échanges avec des jeunes", i.echanges.total),
        simple("Échanges individuels", i.echanges.individuels),
        simple("Échanges collectifs", i.echanges.collectifs),
      ],
      graphiques: [
        courbes("Échanges par mois", [{ nom: "Échanges", points: i.echanges.parMois }]),
        barres("Échanges par canal", i.echanges.parCanal, true),
      ],
      tableaux: [
        tableauMois("Échanges par mois", [{ nom: "Échanges", points: i.echanges.parMois }]),
        tableauParts("Échanges par canal", "Canal", "Échanges", i.echanges.parCanal),
      ],
    }),
    section("participation", {
      chiffres: [
        chiffre("Taux de participation aux regroupements", i.participation.taux, "taux"),
        simple("Regroupements tenus", i.participation.regroupements),
        chiffre("Heures de formation", i.participation.heuresFormation, "heures"),
      ],
      graphiques: [
        barres(
          "Présents par type de regroupement",
          i.participation.parType.map((t) => ({ code: t.type, libelle: t.libelle, nombre: t.presents })),
          true,
        ),
      ],
      tableaux: [
        {
          titre: "Participation par type de regroupement",
          colonnes: [
            { titre: "Type", format: "texte" },
            { titre: "Regroupements", format: "nombre" },
            { titre: "Invitations", format: "nombre" },
            { titre: "Présents", format: "nombre" },
            { titre: "Taux de participation", format: "taux" },
            { titre: "Heures de formation", format: "heures" },
          ],
          lignes: i.participation.parType.map((t) => [
            t.libelle,
            t.regroupements,
            t.invitations,
            t.presents,
            t.taux,
            t.heures,
          ]),
        },
      ],
    }),
    section("publications", {
      chiffres: [chiffre("Publications", i.publications.total)],
      graphiques: [
        courbes("Publications par mois", [{ nom: "Publications", points: i.publications.parMois }]),
        barres("Publications par type", i.publications.parType, true),
      ],
      tableaux: [
        tableauMois("Publications par mois", [{ nom: "Publications", points: i.publications.parMois }]),
        tableauParts("Publications par type", "Type", "Publications", i.publications.parType),
      ],
    }),
    section("communication", {
      chiffres: [
        chiffre("Actions de communication", i.communication.actions),
        simple("Portée connue des actions", i.communication.portee),
        chiffre("Actualités publiées", i.communication.actualitesPubliees),
        chiffre("Pages vues du site public", i.communication.vuesSite),
      ],
      graphiques: [
        barres("Actions de communication par type", i.communication.parType, true),
        courbes("Pages vues du site public par mois", [{ nom: "Pages vues", points: i.communication.vuesParMois }]),
      ],
      tableaux: [
        tableauParts("Actions de communication par type", "Type", "Actions", i.communication.parType),
        tableauMois("Pages vues du site public par mois", [{ nom: "Pages vues", points: i.communication.vuesParMois }]),
      ],
    }),
    section("couverture", {
      chiffres: [
        chiffre("Part de la population couverte", cv.tauxPopulation, "taux"),
        simple("Communes couvertes", cv.communes.couvertes),
        simple("Communes du territoire", cv.communes.total),
        simple("Communes France Ruralités Revitalisation + couvertes", cv.frr.couvertes),
        simple("Communes France Ruralités Revitalisation +", cv.frr.total),
        simple("Quartiers prioritaires couverts", cv.qpv.couvertes),
        simple("Quartiers prioritaires", cv.qpv.total),
      ],
      graphiques: [
        barres(
          "Communes couvertes par intercommunalité",
          cv.parEpci.map((e) => ({ code: e.siren, libelle: e.nom, nombre: e.couvertes })),
          true,
        ),
      ],
      tableaux: [
        {
          titre: "Couverture par intercommunalité",
          colonnes: [
            { titre: "Intercommunalité", format: "texte" },
            { titre: "Communes", format: "nombre" },
            { titre: "Communes couvertes", format: "nombre" },
            { titre: "Population", format: "nombre" },
            { titre: "Population couverte", format: "nombre" },
          ],
          lignes: cv.parEpci.map((e) => [e.nom, e.total, e.couvertes, e.population, e.populationCouverte]),
        },
      ],
    }),
  ];
  return sections.sort((a, b) => a.numero - b.numero);
}

/** Assembles the report's content from what the generation read. */
export function contenuRapportAnnuel(donnees: DonneesRapportAnnuel): ContenuRapportAnnuel {
  const i = donnees.indicateurs;
  const agregee = donnees.vue === "agregee";
  const precedente = i.periodePrecedente.libelle;
  return {
    ...donnees,
    // The aggregate version never carries a highlight, whatever it was given.
    faitsMarquants: agregee ? [] : donnees.faitsMarquants,
    titre: `Promeneurs du Net — ${donnees.departement.nom} — Rapport d'activité ${donnees.annee}`,
    sousTitre: agregee
      ? "Version agrégée pour le comité de pilotage : les effectifs de 1 ou 2 sont remplacés par « < 3 »."
      : "Version de la coordination départementale.",
    resume: {
      titre: "Les neuf indicateurs",
      colonnes: [
        { titre: "Indicateur", format: "texte" },
        { titre: "Mesure", format: "texte" },
        { titre: String(donnees.annee), format: "texte" },
        { titre: precedente, format: "texte" },
      ],
      lignes: CODES_INDICATEURS.map((code) => {
        const v = valeurPrincipale(i, code);
        const d = definitionsIndicateurs[code];
        return [
          `${d.numero}. ${d.titre}`,
          v.libelle,
          texteCellule(v.valeur, v.format),
          texteCellule(v.precedente, v.format),
        ];
      }).sort((a, b) => Number.parseInt(String(a[0]), 10) - Number.parseInt(String(b[0]), 10)),
    },
    sections: sectionsIndicateurs(i),
    tableauRegroupements: {
      titre: "Regroupements tenus dans l'année",
      colonnes: [
        { titre: "Date", format: "texte" },
        { titre: "Type", format: "texte" },
        { titre: "Titre", format: "texte" },
        { titre: "Taux de participation", format: "taux" },
      ],
      lignes: donnees.regroupements.map((r) => [r.date, r.type, r.titre, r.taux]),
    },
    tableauActions: {
      titre: "Actions de communication de l'année",
      colonnes: [
        { titre: "Date", format: "texte" },
        { titre: "Type", format: "texte" },
        { titre: "Titre", format: "texte" },
        { titre: "Portée", format: "nombre" },
      ],
      lignes: donnees.actions.map((a) => [a.date, a.type, a.titre, a.portee ?? "inconnue"]),
    },
    tableauNonCouvertes: {
      titre: "Communes non couvertes, des plus peuplées aux moins peuplées",
      colonnes: [
        { titre: "Commune", format: "texte" },
        { titre: "Code INSEE", format: "texte" },
        { titre: "Population", format: "nombre" },
      ],
      lignes: i.couverture.nonCouvertes.map((c) => [c.nom, c.code, c.population]),
    },
  };
}
