import type { Route } from "./+types/accueil";

export const meta: Route.MetaFunction = () => [{ title: "Promeneurs du Net – Alpes-de-Haute-Provence" }];

export default function AccueilPage() {
  return (
    <div>
      <h1>Des professionnels de la jeunesse présents sur les réseaux sociaux</h1>
      <p className="mt-4">Cette page sera bientôt complétée.</p>
    </div>
  );
}
