import { publicMeta } from "~/ui/meta";
import type { Route } from "./+types/appels";

export const meta: Route.MetaFunction = (args) =>
  publicMeta(args, {
    title: "Appels à candidatures",
    description:
      "Les appels à candidatures et à projets du réseau Promeneurs du Net des Alpes-de-Haute-Provence\u00a0: calendrier, pièces à fournir, critères.",
    path: "/appels",
  });

export default function AppelsPage() {
  return (
    <div className="max-w-3xl">
      <h1>Appels à candidatures</h1>
      <p className="mt-4 rounded-md border border-slate-300 bg-slate-50 px-4 py-3 text-lg">
        Aucun appel à candidatures ouvert pour le moment.
      </p>
      <p className="mt-4">
        Quand un appel à candidatures ou à projets est lancé, il est publié ici avec son calendrier, les pièces à
        fournir et les critères de sélection.
      </p>
      <p className="mt-4">
        Votre structure souhaite rejoindre le réseau sans attendre un appel&nbsp;? Voir{" "}
        <a href="/devenir-promeneur">devenir promeneur du Net</a>.
      </p>
    </div>
  );
}
