import type { Route } from "./+types/appels";

export const meta: Route.MetaFunction = () => [{ title: "Appels à candidatures – Promeneurs du Net" }];

export default function AppelsPage() {
  return (
    <div>
      <h1>Appels à candidatures</h1>
      <p className="mt-4">Cette page sera bientôt complétée.</p>
    </div>
  );
}
