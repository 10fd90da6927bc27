import { formatDate } from "~/lib/format";

export type AnnonceRecente = { id: string; titre: string; publieeLe: Date | string };

/**
 * The coordination's announcements a person has not read yet, for a back-office home page
 * (promeneur, referent). Renders nothing when there is none.
 */
export function AnnoncesRecentes({ annonces, headingLevel = 2 }: { annonces: AnnonceRecente[]; headingLevel?: 2 | 3 }) {
  if (annonces.length === 0) return null;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby="annonces-recentes" className="mt-8 rounded-md border border-sky-700 bg-sky-50 p-4">
      <Heading id="annonces-recentes">Annonces de la coordination</Heading>
      <p className="mt-1 text-sm">
        {annonces.length > 1 ? `${annonces.length} nouvelles annonces à lire :` : "1 nouvelle annonce à lire :"}
      </p>
      <ul className="mt-2 space-y-1">
        {annonces.map((a) => (
          <li key={a.id}>
            <a href={`/espace/annonces/${a.id}`} className="font-semibold">
              {a.titre}
            </a>{" "}
            <span className="text-sm text-slate-700">
              (<span className="sr-only">nouvelle, </span>envoyée le {formatDate(a.publieeLe)})
            </span>
          </li>
        ))}
      </ul>
      <p className="mt-2 text-sm">
        <a href="/espace/annonces">Toutes les annonces</a>
      </p>
    </section>
  );
}
