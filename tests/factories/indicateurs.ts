/**
 * A complete, plausible `Indicateurs` object (département 04, year 2025, previous period 2024) for
 * render and document tests that do not need a database. `indicateursExemple({ vue: "agregee" })`
 * gives the steering committee's view: the small counts withheld (`nombre: null`, « < 3 »), no list
 * of people. Labels come from the real lists, so a test reads what a page would show.
 */
import { communicationTypeLabels } from "~/domain/communication/communication.labels";
import type { Indicateurs, Part, PeriodeIndicateurs, VueIndicateurs } from "~/domain/indicateurs/indicateurs.types";
import { reseauLabels } from "~/domain/profils/profil.labels";
import { themeLabels } from "~/domain/promeneurs/theme.labels";
import { canalLabels, publicationLabels, trancheAgeLabels } from "~/domain/rapports/rapport.labels";
import { regroupementTypeLabels } from "~/domain/regroupements/regroupement.labels";
import { situationCategorieLabels } from "~/domain/situations/situation.labels";

const PERIODE_2025: PeriodeIndicateurs = {
  nature: "annee",
  du: { annee: 2025, mois: 1, jour: 1 },
  au: { annee: 2025, mois: 12, jour: 31 },
  libelle: "Année 2025",
};

const PERIODE_2024: PeriodeIndicateurs = {
  nature: "annee",
  du: { annee: 2024, mois: 1, jour: 1 },
  au: { annee: 2024, mois: 12, jour: 31 },
  libelle: "Année 2024",
};

const MOIS_2025 = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, "0")}`);

/** Builds the parts of a breakdown from [code, count] pairs; in the aggregate view, 1 and 2 become null. */
function parts(
  labels: Record<string, string>,
  nombres: ReadonlyArray<readonly [string, number]>,
  vue: VueIndicateurs,
): Part[] {
  return nombres.map(([code, nombre]) => ({
    code,
    libelle: labels[code] ?? code,
    nombre: vue === "agregee" && nombre > 0 && nombre < 3 ? null : nombre,
  }));
}

function construire(vue: VueIndicateurs): Indicateurs {
  const coordination = vue === "coordination";
  const nouveauxParMois = [14, 18, 21, 17, 19, 12, 6, 4, 22, 25, 20, 16];
  const fileParMois = [41, 47, 52, 50, 55, 46, 30, 24, 58, 63, 60, 57];
  const echangesParMois = [88, 102, 117, 96, 110, 84, 41, 33, 125, 138, 121, 105];
  const publicationsParMois = [22, 25, 31, 27, 24, 20, 11, 9, 30, 34, 29, 26];
  const vuesParMois = [310, 295, 402, 388, 356, 290, 180, 160, 450, 470, 430, 390];
  const somme = (valeurs: number[]) => valeurs.reduce((total, n) => total + n, 0);

  return {
    filtre: { departements: ["04"], periode: PERIODE_2025 },
    vue,
    periodePrecedente: PERIODE_2024,
    rapports: 214,
    conformite: {
      profils: 46,
      conformes: 38,
      nonConformes: 3,
      aVerifier: 5,
      taux: { valeur: 38 / 46, precedente: 29 / 40 },
      aSuivre: coordination
        ? [
            {
              profilId: "00000000-0000-4000-8000-000000000101",
              promeneurId: "00000000-0000-4000-8000-000000000001",
              promeneur: "Camille Roux",
              reseau: "instagram",
              statut: "non_conforme",
              depuis: "2025-09-12",
            },
            {
              profilId: "00000000-0000-4000-8000-000000000102",
              promeneurId: "00000000-0000-4000-8000-000000000002",
              promeneur: "Léo Martin",
              reseau: "snapchat",
              statut: "a_verifier",
              depuis: null,
            },
          ]
        : null,
    },
    jeunes: {
      nouveaux: { valeur: somme(nouveauxParMois), precedente: 168 },
      fileActiveMoyenne: { valeur: somme(fileParMois) / 12, precedente: 44.5 },
      parMois: MOIS_2025.map((mois, i) => ({
        mois,
        nouveaux: nouveauxParMois[i] ?? 0,
        fileActive: fileParMois[i] ?? 0,
      })),
      nouveauxParAge: parts(
        trancheAgeLabels,
        [
          ["12_14", 41],
          ["15_17", 89],
          ["18_21", 58],
          ["22_25", 5],
          ["autre", 2],
        ],
        vue,
      ),
      fileActiveParAge: parts(
        trancheAgeLabels,
        [
          ["12_14", 12],
          ["15_17", 24],
          ["18_21", 11],
          ["22_25", 3],
          ["autre", 0],
        ],
        vue,
      ),
    },
    reseaux: {
      reseauxConformes: { valeur: 5, precedente: 4 },
      parReseau: [
        { code: "instagram", libelle: reseauLabels.instagram, profilsConformes: 17, echanges: 521 },
        { code: "snapchat", libelle: reseauLabels.snapchat, profilsConformes: 11, echanges: 408 },
        { code: "tiktok", libelle: reseauLabels.tiktok, profilsConformes: 5, echanges: 97 },
        { code: "facebook", libelle: reseauLabels.facebook, profilsConformes: 4, echanges: 51 },
        { code: "discord", libelle: reseauLabels.discord, profilsConformes: 1, echanges: 23 },
      ],
    },
    demandes: {
      total: { valeur: 412, precedente: 377 },
      parTheme: parts(
        themeLabels,
        [
          ["bien_etre", 96],
          ["scolarite", 71],
          ["formation_emploi", 64],
          ["vie_affective", 43],
          ["famille", 38],
          ["loisirs", 33],
          ["sante", 24],
          ["risques_numeriques", 19],
          ["logement", 11],
          ["droits", 7],
          ["addictions", 4],
          ["mobilite", 1],
          ["projets", 1],
        ],
        vue,
      ),
      themesPresents: 13,
      shannon: { valeur: 0.81, precedente: 0.77 },
      situationsParCategorie: parts(
        situationCategorieLabels,
        [
          ["detresse_psychologique", 4],
          ["harcelement", 3],
          ["violences", 2],
          ["rupture", 1],
        ],
        vue,
      ),
      situations: 10,
    },
    echanges: {
      total: { valeur: somme(echangesParMois), precedente: 1_034 },
      parMois: MOIS_2025.map((mois, i) => ({ mois, valeur: echangesParMois[i] ?? 0 })),
      parCanal: parts(
        canalLabels,
        [
          ["messages_prives", 712],
          ["commentaires", 188],
          ["lives_stories", 94],
          ["appels", 61],
          ["groupes", 43],
          ["rencontres", 2],
        ],
        vue,
      ),
      individuels: 963,
      collectifs: 137,
    },
    participation: {
      taux: { valeur: 0.72, precedente: 0.65 },
      regroupements: 9,
      parType: [
        {
          type: "formation_initiale",
          libelle: regroupementTypeLabels.formation_initiale,
          regroupements: 2,
          invitations: 14,
          presents: 12,
          taux: 12 / 14,
          heures: 84,
        },
        {
          type: "analyse_pratique",
          libelle: regroupementTypeLabels.analyse_pratique,
          regroupements: 4,
          invitations: 40,
          presents: 27,
          taux: 27 / 40,
          heures: 81,
        },
        {
          type: "reunion_departementale",
          libelle: regroupementTypeLabels.reunion_departementale,
          regroupements: 3,
          invitations: 50,
          presents: 34,
          taux: 34 / 50,
          heures: 0,
        },
      ],
      heuresFormation: { valeur: 165, precedente: 120 },
      parPromeneur: coordination
        ? [
            {
              promeneurId: "00000000-0000-4000-8000-000000000001",
              promeneur: "Camille Roux",
              notees: 5,
              presents: 4,
              taux: 0.8,
            },
            {
              promeneurId: "00000000-0000-4000-8000-000000000002",
              promeneur: "Léo Martin",
              notees: 4,
              presents: 2,
              taux: 0.5,
            },
          ]
        : null,
    },
    publications: {
      total: { valeur: somme(publicationsParMois), precedente: 251 },
      parType: parts(
        publicationLabels,
        [
          ["information_prevention", 102],
          ["activites_structure", 76],
          ["relais_local", 48],
          ["projets_jeunes", 32],
          ["interactive", 24],
          ["live", 4],
          ["autre", 2],
        ],
        vue,
      ),
      parMois: MOIS_2025.map((mois, i) => ({ mois, valeur: publicationsParMois[i] ?? 0 })),
    },
    communication: {
      actions: { valeur: 17, precedente: 12 },
      parType: parts(
        communicationTypeLabels,
        [
          ["presse", 4],
          ["presentation_partenaires", 5],
          ["intervention_etablissement", 3],
          ["stand", 2],
          ["campagne_reseaux", 3],
        ],
        vue,
      ),
      portee: 2_350,
      actualitesPubliees: { valeur: 8, precedente: 6 },
      vuesSite: { valeur: somme(vuesParMois), precedente: 3_620 },
      vuesParMois: MOIS_2025.map((mois, i) => ({ mois, valeur: vuesParMois[i] ?? 0 })),
    },
    couverture: {
      communes: { total: 198, couvertes: 61, population: 166_654, populationCouverte: 118_320 },
      tauxPopulation: { valeur: 118_320 / 166_654, precedente: 0.66 },
      frr: { total: 120, couvertes: 22, population: 31_480, populationCouverte: 9_870 },
      qpv: { total: 3, couvertes: 3, population: 0, populationCouverte: 0 },
      parEpci: [
        {
          siren: "200067437",
          nom: "Provence-Alpes Agglomération",
          total: 46,
          couvertes: 15,
          population: 47_600,
          populationCouverte: 31_200,
        },
        {
          siren: "200034700",
          nom: "Durance-Luberon-Verdon Agglomération",
          total: 25,
          couvertes: 14,
          population: 62_500,
          populationCouverte: 54_900,
        },
        {
          siren: "200068765",
          nom: "Communauté de communes Vallée de l'Ubaye Serre-Ponçon",
          total: 15,
          couvertes: 0,
          population: 7_900,
          populationCouverte: 0,
        },
      ],
      nonCouvertes: [
        {
          code: "04019",
          nom: "Barcelonnette",
          population: 2_623,
          epci: "Communauté de communes Vallée de l'Ubaye Serre-Ponçon",
        },
        { code: "04136", nom: "Peyruis", population: 2_874, epci: null },
        { code: "04120", nom: "Les Mées", population: 3_646, epci: null },
      ].sort((a, b) => b.population - a.population),
      parCommune: [
        { code: "04070", promeneurs: 9 },
        { code: "04112", promeneurs: 12 },
        { code: "04209", promeneurs: 4 },
        { code: "04088", promeneurs: coordination ? 2 : null },
        { code: "04049", promeneurs: coordination ? 1 : null },
        { code: "04019", promeneurs: 0 },
      ],
    },
  };
}

/** A complete `Indicateurs` for 04, year 2025 (coordination view unless `vue` says otherwise). */
export function indicateursExemple(overrides: Partial<Indicateurs> = {}): Indicateurs {
  return { ...construire(overrides.vue ?? "coordination"), ...overrides };
}
