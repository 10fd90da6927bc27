import type { Route } from "./+types/ressources";

export const meta: Route.MetaFunction = () => [
  { title: "Ressources – Promeneurs du Net" },
  {
    name: "description",
    content:
      "Fiches pratiques, guides et liens utiles sur les usages numériques des jeunes, pour les jeunes, les parents et les professionnels.",
  },
];

export default function RessourcesPage() {
  return (
    <div className="max-w-3xl">
      <h1>Ressources</h1>
      <p className="mt-4 rounded-md border border-slate-300 bg-slate-50 px-4 py-3 text-lg">
        Aucune ressource publiée pour le moment.
      </p>
      <p className="mt-4">
        Fiches pratiques, guides et liens utiles sur les usages numériques des jeunes seront rassemblés ici, pour les
        jeunes, les parents et les professionnels.
      </p>
      <p className="mt-4">
        Déjà disponibles&nbsp;: les <a href="/besoin-d-aide">numéros d'urgence et d'écoute nationaux</a> et les{" "}
        <a href="/charte">principes de la charte des Promeneurs du Net</a>.
      </p>
    </div>
  );
}
