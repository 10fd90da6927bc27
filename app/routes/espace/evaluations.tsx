import { requirePermission } from "~/server/request.server";
import type { Route } from "./+types/evaluations";

export const meta: Route.MetaFunction = () => [{ title: "Évaluations – Promeneurs du Net" }];

export function loader({ context, request }: Route.LoaderArgs) {
  requirePermission(context, request, "evaluations.acceder");
  return {};
}

export default function EvaluationsHome() {
  return (
    <div>
      <h1>Évaluation des candidatures</h1>
      <p className="mt-2">Aucune candidature ne vous est attribuée pour le moment.</p>
    </div>
  );
}
