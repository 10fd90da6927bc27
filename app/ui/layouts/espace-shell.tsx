import { Form, NavLink } from "react-router";
import { useRootData } from "~/root";
import { CsrfInput } from "../csrf-input";
import { FlashMessage } from "../flash-message";
import { SkipLink } from "./public-shell";

export type NavItem = { to: string; label: string };

/** The back-office frame: who is signed in, navigation by role, sign-out. */
export function EspaceShell({
  nom,
  roleLabel,
  navigation,
  children,
}: {
  nom: string;
  roleLabel: string;
  navigation: NavItem[];
  children: React.ReactNode;
}) {
  const root = useRootData();
  return (
    <div className="flex min-h-screen flex-col">
      <SkipLink />
      <header className="bg-pdn-800 text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <a href="/" className="font-bold text-white no-underline">
            Promeneurs du Net 04 <span className="font-normal">· espace professionnel</span>
          </a>
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <span>
              {nom} <span className="opacity-90">({roleLabel})</span>
            </span>
            <Form method="post" action="/deconnexion">
              <CsrfInput />
              <button type="submit" className="rounded border border-white px-3 py-1 font-semibold text-white">
                Se déconnecter
              </button>
            </Form>
          </div>
        </div>
        {root?.demo ? (
          <p className="bg-amber-100 px-4 py-1 text-center text-sm text-amber-950">
            Démonstration : toutes les données sont fictives.
          </p>
        ) : null}
      </header>
      <div className="mx-auto flex w-full max-w-6xl flex-1 flex-col gap-6 px-4 py-6 md:flex-row">
        <nav aria-label="Navigation de l'espace" className="md:w-56 md:shrink-0">
          <ul className="flex flex-wrap gap-2 md:flex-col md:gap-1">
            {navigation.map((item) => (
              <li key={item.to}>
                <NavLink
                  to={item.to}
                  end
                  className={({ isActive }) =>
                    `block rounded px-3 py-2 ${isActive ? "bg-pdn-100 font-semibold text-pdn-800" : "text-pdn-700"}`
                  }
                >
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main id="contenu" tabIndex={-1} className="min-w-0 flex-1">
          <FlashMessage message={root?.flash} />
          {children}
        </main>
      </div>
    </div>
  );
}
