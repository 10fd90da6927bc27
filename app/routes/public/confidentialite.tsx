import type { Route } from "./+types/confidentialite";

export const meta: Route.MetaFunction = () => [{ title: "Confidentialité – Promeneurs du Net" }];

export default function ConfidentialitePage() {
  return (
    <div>
      <h1>Confidentialité et données personnelles</h1>
      <p className="mt-4">Cette page sera bientôt complétée.</p>
    </div>
  );
}
