import { pickDepartement, requirePermission } from "~/server/request.server";
import type { Route } from "./+types/contenus";

export const meta: Route.MetaFunction = () => [{ title: "Contenus du site – Promeneurs du Net" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "contenu.gerer");
  return { departement: pickDepartement(actor, "contenu.gerer", request) };
}

export default function ContenusPage({ loaderData }: Route.ComponentProps) {
  const q = `?departement=${loaderData.departement}`;
  return (
    <div className="max-w-3xl">
      <h1>Contenus du site</h1>
      <p className="mt-1 text-slate-700">Département {loaderData.departement}</p>
      <ul className="mt-6 space-y-4">
        <li>
          <a href={`/espace/contenus/actualites${q}`} className="font-semibold">
            Actualités
          </a>
          <p>Les nouvelles du réseau publiées sur /actualites et dans le flux Atom, ou programmées.</p>
        </li>
        <li>
          <a href={`/espace/contenus/pages${q}`} className="font-semibold">
            Pages du site
          </a>
          <p>
            La charte, les mentions légales, la confidentialité, la déclaration d'accessibilité, « Devenir promeneur »
            et vos pages libres.
          </p>
        </li>
        <li>
          <a href={`/espace/contenus/medias${q}`} className="font-semibold">
            Bibliothèque d'images
          </a>
          <p>Les images à placer dans les actualités et les pages.</p>
        </li>
      </ul>
    </div>
  );
}
