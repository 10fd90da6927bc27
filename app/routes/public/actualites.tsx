import type { Route } from "./+types/actualites";

export const meta: Route.MetaFunction = () => [{ title: "Actualités – Promeneurs du Net" }];

export default function ActualitesPage() {
  return (
    <div>
      <h1>Actualités</h1>
      <p className="mt-4">Cette page sera bientôt complétée.</p>
    </div>
  );
}
