import { NavLink } from "react-router";
import { useRootData } from "~/root";
import { FlashMessage } from "../flash-message";

export const publicNavigation = [
  { to: "/promeneurs", label: "Trouver un promeneur" },
  { to: "/carte", label: "Carte" },
  { to: "/actualites", label: "Actualités" },
  { to: "/agenda", label: "Agenda" },
  { to: "/ressources", label: "Ressources" },
  { to: "/devenir-promeneur", label: "Devenir promeneur" },
  { to: "/contact", label: "Contact" },
] as const;

export const footerLinks = [
  { to: "/charte", label: "La charte" },
  { to: "/appels", label: "Appels à candidatures" },
  { to: "/mentions-legales", label: "Mentions légales" },
  { to: "/confidentialite", label: "Confidentialité" },
  { to: "/accessibilite", label: "Accessibilité\u00a0: non conforme" },
  { to: "/plan-du-site", label: "Plan du site" },
] as const;

export function SkipLink() {
  return (
    <a
      href="#contenu"
      className="sr-only-focusable absolute top-2 left-2 z-50 rounded bg-white px-3 py-2 font-semibold shadow"
    >
      Aller au contenu
    </a>
  );
}

/** Header, navigation and footer of the public site; needs no JavaScript. */
export function PublicShell({ children }: { children: React.ReactNode }) {
  const root = useRootData();
  return (
    <div className="flex min-h-screen flex-col">
      <SkipLink />
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <a href="/" className="flex flex-col no-underline">
            <span className="text-xl font-bold text-pdn-800">Promeneurs du Net</span>
            <span className="text-sm text-slate-700">Alpes-de-Haute-Provence</span>
          </a>
          <div className="flex flex-wrap items-center gap-3">
            <a href="/besoin-d-aide" className="btn-danger">
              Besoin d'aide ?
            </a>
            {root?.user ? (
              <a href={root.user.home} className="btn-secondary">
                Mon espace
              </a>
            ) : (
              <a href="/connexion" className="btn-secondary">
                Connexion
              </a>
            )}
          </div>
        </div>
        <nav aria-label="Navigation principale" className="bg-pdn-50">
          <ul className="mx-auto flex max-w-6xl flex-wrap gap-x-5 gap-y-1 px-4 py-2">
            {publicNavigation.map((item) => (
              <li key={item.to}>
                <NavLink
                  to={item.to}
                  className={({ isActive }) => (isActive ? "font-semibold text-pdn-800" : "text-pdn-700")}
                >
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="contenu" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">
        <FlashMessage message={root?.flash} />
        {children}
      </main>
      <footer className="mt-10 border-t border-slate-200 bg-slate-50">
        <div className="mx-auto max-w-6xl px-4 py-6 text-sm">
          <p className="mb-3">
            <a href="/besoin-d-aide" className="font-semibold">
              Besoin d'aide tout de suite ? Numéros d'urgence et d'écoute
            </a>
          </p>
          <nav aria-label="Liens de pied de page">
            <ul className="flex flex-wrap gap-x-5 gap-y-2">
              {footerLinks.map((item) => (
                <li key={item.to}>
                  <a href={item.to}>{item.label}</a>
                </li>
              ))}
            </ul>
          </nav>
          <p className="mt-4 text-slate-700">
            Promeneurs du Net 04, dispositif soutenu par la CAF des Alpes-de-Haute-Provence et la MSA Alpes-Vaucluse.
          </p>
        </div>
      </footer>
    </div>
  );
}
