import type { Route } from "./+types/accessibilite";

export const meta: Route.MetaFunction = () => [{ title: "Accessibilité – Promeneurs du Net" }];

export default function AccessibilitePage() {
  return (
    <div>
      <h1>Déclaration d'accessibilité</h1>
      <p className="mt-4">Cette page sera bientôt complétée.</p>
    </div>
  );
}
