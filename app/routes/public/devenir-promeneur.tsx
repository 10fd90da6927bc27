import type { Route } from "./+types/devenir-promeneur";

export const meta: Route.MetaFunction = () => [{ title: "Devenir promeneur – Promeneurs du Net" }];

export default function DevenirPromeneurPage() {
  return (
    <div>
      <h1>Devenir promeneur du Net</h1>
      <p className="mt-4">Cette page sera bientôt complétée.</p>
    </div>
  );
}
