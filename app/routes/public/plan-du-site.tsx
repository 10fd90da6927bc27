import { findPagesLibresPubliees } from "~/domain/contenu/contenu.queries.server";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { publicMeta } from "~/ui/meta";
import type { Route } from "./+types/plan-du-site";

/** The coordination's published free pages join the fixed ones. */
export async function loader() {
  const pages = await findPagesLibresPubliees(getDb(), getEnv().DEFAULT_DEPARTEMENT);
  return { pagesLibres: pages.map((p) => ({ to: `/pages/${encodeURIComponent(p.slug)}`, label: p.titre })) };
}

export const meta: Route.MetaFunction = (args) =>
  publicMeta(args, {
    title: "Plan du site",
    description: "Toutes les pages du site des Promeneurs du Net des Alpes-de-Haute-Provence.",
    path: "/plan-du-site",
  });

const groupes = [
  {
    id: "aide",
    titre: "Trouver de l'aide",
    pages: [
      { to: "/", label: "Accueil" },
      { to: "/besoin-d-aide", label: "Besoin d'aide\u00a0: numéros d'urgence et d'écoute" },
      { to: "/promeneurs", label: "Trouver un promeneur" },
      { to: "/carte", label: "Carte de couverture" },
      { to: "/contact", label: "Contacter la coordination" },
    ],
  },
  {
    id: "dispositif",
    titre: "Le dispositif",
    pages: [
      { to: "/devenir-promeneur", label: "Devenir promeneur" },
      { to: "/charte", label: "La charte des Promeneurs du Net" },
      { to: "/actualites", label: "Actualités" },
      { to: "/agenda", label: "Agenda" },
      { to: "/ressources", label: "Ressources" },
      { to: "/appels", label: "Appels à candidatures" },
    ],
  },
  {
    id: "legal",
    titre: "Informations légales",
    pages: [
      { to: "/mentions-legales", label: "Mentions légales" },
      { to: "/confidentialite", label: "Données personnelles et cookies" },
      { to: "/accessibilite", label: "Déclaration d'accessibilité" },
      { to: "/plan-du-site", label: "Plan du site" },
    ],
  },
  {
    id: "professionnels",
    titre: "Espace professionnel",
    pages: [{ to: "/connexion", label: "Connexion à l'espace des professionnels du réseau" }],
  },
] as const;

export default function PlanDuSitePage({ loaderData }: Route.ComponentProps) {
  const pagesLibres = loaderData?.pagesLibres ?? [];
  const tous =
    pagesLibres.length > 0 ? [...groupes, { id: "pages", titre: "Autres pages", pages: pagesLibres }] : groupes;
  return (
    <div className="max-w-3xl">
      <h1>Plan du site</h1>
      {tous.map((groupe) => (
        <section key={groupe.id} aria-labelledby={`plan-${groupe.id}`} className="mt-8">
          <h2 id={`plan-${groupe.id}`}>{groupe.titre}</h2>
          <ul className="mt-2 list-disc space-y-2 pl-6">
            {groupe.pages.map((page) => (
              <li key={page.to}>
                <a href={page.to}>{page.label}</a>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
