import type { Route } from "./+types/actualites";

export const meta: Route.MetaFunction = () => [
  { title: "Actualités – Promeneurs du Net" },
  {
    name: "description",
    content:
      "Les actualités du réseau Promeneurs du Net des Alpes-de-Haute-Provence\u00a0: nouveaux promeneurs, projets de jeunes, temps forts.",
  },
];

export default function ActualitesPage() {
  return (
    <div className="max-w-3xl">
      <h1>Actualités</h1>
      <p className="mt-4 rounded-md border border-slate-300 bg-slate-50 px-4 py-3 text-lg">
        Aucune actualité publiée pour le moment.
      </p>
      <p className="mt-4">
        La coordination départementale publiera ici les nouvelles du réseau&nbsp;: nouveaux promeneurs, projets menés
        avec des jeunes, temps forts dans le département.
      </p>
      <p className="mt-4">
        En attendant, découvrez <a href="/">ce que font les promeneurs du Net</a> ou, si vous avez besoin d'aide
        maintenant, les <a href="/besoin-d-aide">numéros d'urgence et d'écoute</a>.
      </p>
    </div>
  );
}
