import type { Route } from "./+types/charte";

export const meta: Route.MetaFunction = () => [{ title: "La charte – Promeneurs du Net" }];

export default function ChartePage() {
  return (
    <div>
      <h1>La charte des Promeneurs du Net</h1>
      <p className="mt-4">Cette page sera bientôt complétée.</p>
    </div>
  );
}
