import type { Route } from "./+types/promeneurs";

export const meta: Route.MetaFunction = () => [{ title: "Trouver un promeneur – Promeneurs du Net" }];

export default function PromeneursPage() {
  return (
    <div>
      <h1>Trouver un promeneur du Net</h1>
      <p className="mt-4">Cette page sera bientôt complétée.</p>
    </div>
  );
}
