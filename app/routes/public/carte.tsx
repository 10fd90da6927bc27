import type { Route } from "./+types/carte";

export const meta: Route.MetaFunction = () => [{ title: "Carte de couverture – Promeneurs du Net" }];

export default function CartePage() {
  return (
    <div>
      <h1>Carte des promeneurs</h1>
      <p className="mt-4">Cette page sera bientôt complétée.</p>
    </div>
  );
}
