import type { Route } from "./+types/plan-du-site";

export const meta: Route.MetaFunction = () => [{ title: "Plan du site – Promeneurs du Net" }];

export default function PlanDuSitePage() {
  return (
    <div>
      <h1>Plan du site</h1>
      <p className="mt-4">Cette page sera bientôt complétée.</p>
    </div>
  );
}
