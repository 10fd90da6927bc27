/**
 * Draws the dashboard's charts from the indicators (server only: echarts). The dashboard's loader,
 * the steering and national views and the annual report call it, so every place shows the same
 * charts; the components receive the SVG strings.
 */
import type { Indicateurs } from "~/domain/indicateurs/indicateurs.types";
import { svgBarres, svgCourbes } from "~/ui/charts/graphiques.server";
import { type GraphiquesIndicateurs, titresGraphiques } from "./graphiques";

export function graphiquesIndicateurs(i: Indicateurs, options: { largeur?: number } = {}): GraphiquesIndicateurs {
  const largeur = options.largeur ?? 640;
  const barres = (
    cle: keyof typeof titresGraphiques,
    parts: ReadonlyArray<{ libelle: string; nombre: number | null }>,
  ) => svgBarres(parts, { titre: titresGraphiques[cle], largeur, horizontal: true });
  const courbes = (
    cle: keyof typeof titresGraphiques,
    series: ReadonlyArray<{ nom: string; points: ReadonlyArray<{ mois: string; valeur: number }> }>,
  ) => svgCourbes(series, { titre: titresGraphiques[cle], largeur });

  const graphiques: GraphiquesIndicateurs = {
    conformiteStatuts: barres("conformiteStatuts", [
      { libelle: "Conformes", nombre: i.conformite.conformes },
      { libelle: "Non conformes", nombre: i.conformite.nonConformes },
      { libelle: "À vérifier", nombre: i.conformite.aVerifier },
    ]),
    jeunesParMois: courbes("jeunesParMois", [
      { nom: "Nouveaux jeunes", points: i.jeunes.parMois.map((m) => ({ mois: m.mois, valeur: m.nouveaux })) },
      { nom: "File active", points: i.jeunes.parMois.map((m) => ({ mois: m.mois, valeur: m.fileActive })) },
    ]),
    jeunesParAge: barres("jeunesParAge", i.jeunes.nouveauxParAge),
    reseauxEchanges: barres(
      "reseauxEchanges",
      i.reseaux.parReseau.map((r) => ({ libelle: r.libelle, nombre: r.echanges })),
    ),
    demandesParTheme: barres("demandesParTheme", i.demandes.parTheme),
    echangesParMois: courbes("echangesParMois", [{ nom: "Échanges", points: i.echanges.parMois }]),
    echangesParCanal: barres("echangesParCanal", i.echanges.parCanal),
    participationParType: barres(
      "participationParType",
      i.participation.parType
        .filter((t) => t.taux !== null)
        .map((t) => ({ libelle: t.libelle, nombre: Math.round((t.taux ?? 0) * 100) })),
    ),
    publicationsParType: barres("publicationsParType", i.publications.parType),
    publicationsParMois: courbes("publicationsParMois", [{ nom: "Publications", points: i.publications.parMois }]),
    communicationParType: barres("communicationParType", i.communication.parType),
    vuesParMois: courbes("vuesParMois", [{ nom: "Pages vues", points: i.communication.vuesParMois }]),
  };
  if (i.demandes.situationsParCategorie.length > 0) {
    graphiques.situationsParCategorie = barres("situationsParCategorie", i.demandes.situationsParCategorie);
  }
  return graphiques;
}
