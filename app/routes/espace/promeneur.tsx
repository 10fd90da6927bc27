import { requirePermission } from "~/server/request.server";
import type { Route } from "./+types/promeneur";

export const meta: Route.MetaFunction = () => [{ title: "Mon activité – Promeneur du Net" }];

export function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "promeneur.acceder");
  return { nom: actor.nom };
}

export default function PromeneurHome({ loaderData }: Route.ComponentProps) {
  return (
    <div>
      <h1>Bonjour {loaderData.nom}</h1>
      <p className="mt-2">
        Votre espace de promeneur : votre profil public, vos horaires de présence, vos bilans mensuels et les
        regroupements du réseau.
      </p>
      <ul className="mt-6 list-disc pl-6">
        <li>
          <a href="/espace/compte">Mon compte</a> : mot de passe et sécurité.
        </li>
        <li>
          <a href="/besoin-d-aide">Numéros d'urgence et d'orientation</a>, à garder sous la main.
        </li>
      </ul>
    </div>
  );
}
