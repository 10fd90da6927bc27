import type { Route } from "./+types/ressources";

export const meta: Route.MetaFunction = () => [{ title: "Ressources – Promeneurs du Net" }];

export default function RessourcesPage() {
  return (
    <div>
      <h1>Ressources</h1>
      <p className="mt-4">Cette page sera bientôt complétée.</p>
    </div>
  );
}
