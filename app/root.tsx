import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "react-router";
import { homePathFor } from "~/domain/comptes/actor";
import { actorContext, csrfContext, flashContext, requestInfoContext } from "~/server/context.server";
import { getEnv } from "~/server/env.server";
import { rootMiddleware } from "~/server/root-middleware.server";
import { PublicShell } from "~/ui/layouts/public-shell";
import type { Route } from "./+types/root";
import stylesheet from "./app.css?url";

export const middleware: Route.MiddlewareFunction[] = [rootMiddleware];

export const links: Route.LinksFunction = () => [{ rel: "icon", href: "/favicon.svg", type: "image/svg+xml" }];

export function loader({ context }: Route.LoaderArgs) {
  const actor = context.get(actorContext);
  return {
    // The CSP nonce of this response, for the scripts of hydrated pages (same value on both sides).
    nonce: context.get(requestInfoContext).nonce,
    csrf: context.get(csrfContext),
    flash: context.get(flashContext).read,
    demo: getEnv().demo,
    user: actor ? { nom: actor.nom, home: homePathFor(actor) } : null,
  };
}

export type RootData = Awaited<ReturnType<typeof loader>>;

export function useRootData(): RootData | undefined {
  return useRouteLoaderData<RootData>("root");
}

/** Pages declare `handle = { hydrate: false }` to ship no JavaScript at all. */
function useNeedsJavaScript(): boolean {
  const matches = useMatches();
  return !matches.some((m) => (m.handle as { hydrate?: boolean } | undefined)?.hydrate === false);
}

export function Layout({ children }: { children: React.ReactNode }) {
  const hydrate = useNeedsJavaScript();
  const nonce = useRootData()?.nonce;
  return (
    <html lang="fr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        {/* A React stylesheet resource (precedence): hoisted the same way on the server and when
            hydrating, where a plain <link> in <head> made hydration fail. */}
        <link rel="stylesheet" href={stylesheet} precedence="default" />
        <Links />
      </head>
      <body className="min-h-screen">
        {children}
        {hydrate ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

const errorTexts: Record<number, { title: string; text: string }> = {
  400: { title: "Requête incorrecte", text: "La demande n'a pas pu être comprise." },
  403: { title: "Accès refusé", text: "Votre rôle ne permet pas d'accéder à cette page." },
  404: { title: "Page introuvable", text: "Cette page n'existe pas ou n'est plus en ligne." },
  405: { title: "Action impossible", text: "Cette adresse n'accepte pas cette action." },
  429: { title: "Trop de tentatives", text: "Patientez quelques minutes avant de réessayer." },
  503: {
    title: "Service momentanément indisponible",
    text: "Le site ne peut pas joindre sa base de données. Réessayez dans quelques minutes.",
  },
};

export function meta({ error }: Route.MetaArgs) {
  if (!error) return [{ title: "Promeneurs du Net – Alpes-de-Haute-Provence" }];
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return [{ title: `${errorTexts[status]?.title ?? "Erreur"} – Promeneurs du Net` }];
}

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const known = errorTexts[status] ?? {
    title: "Une erreur est survenue",
    text: "Nous n'avons pas pu afficher cette page. L'incident est enregistré ; réessayez dans un instant.",
  };
  const message =
    isRouteErrorResponse(error) && typeof (error.data as { message?: unknown })?.message === "string"
      ? (error.data as { message: string }).message
      : known.text;
  return (
    <PublicShell>
      <div className="mx-auto max-w-2xl py-10">
        <p className="font-semibold text-slate-600">Erreur {status}</p>
        <h1 className="mt-2">{known.title}</h1>
        <p className="mt-4 text-lg">{message}</p>
        <p className="mt-6 flex flex-wrap gap-4">
          <a href="/">Retour à l'accueil</a>
          {status === 403 || status === 404 ? <a href="/espace">Mon espace</a> : null}
          <a href="/besoin-d-aide">Besoin d'aide tout de suite ?</a>
        </p>
      </div>
    </PublicShell>
  );
}
