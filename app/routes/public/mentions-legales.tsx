import type { Route } from "./+types/mentions-legales";

export const meta: Route.MetaFunction = () => [{ title: "Mentions légales – Promeneurs du Net" }];

export default function MentionsLegalesPage() {
  return (
    <div>
      <h1>Mentions légales</h1>
      <p className="mt-4">Cette page sera bientôt complétée.</p>
    </div>
  );
}
