import type { Route } from "./+types/besoin-d-aide";

export const meta: Route.MetaFunction = () => [{ title: "Besoin d'aide – Promeneurs du Net" }];

export default function BesoinDAidePage() {
  return (
    <div>
      <h1>Besoin d'aide tout de suite ?</h1>
      <p className="mt-4">Cette page sera bientôt complétée.</p>
    </div>
  );
}
