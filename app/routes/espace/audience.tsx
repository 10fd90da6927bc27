import { data, Form } from "react-router";
import { findAudience } from "~/domain/audience/audience.queries.server";
import { type Preset, periodeAudience, presetLabels } from "~/domain/audience/audience.rules";
import { formatDate, formatNumber, plural } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { pickDepartement, requirePermission } from "~/server/request.server";
import { DataTable } from "~/ui/data-table";
import { Field } from "~/ui/field";
import type { Route } from "./+types/audience";

export const meta: Route.MetaFunction = () => [{ title: "Audience du site public – Promeneurs du Net" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "audience.lire");
  const departement = pickDepartement(actor, "audience.lire", request);
  const periode = periodeAudience(new URL(request.url).searchParams, new Date());
  const audience = await findAudience(getDb(), { departement, du: periode.du, au: periode.au });
  const invalid = Boolean(periode.errors.du || periode.errors.au);
  return data({ departement, periode, ...audience }, { status: invalid ? 400 : 200 });
}

const PRESETS = Object.keys(presetLabels) as Preset[];

export default function AudiencePage({ loaderData }: Route.ComponentProps) {
  const { departement, periode, total, parJour, pages } = loaderData;
  const query = (extra: string) => `?departement=${departement}&${extra}`;
  return (
    <div>
      <h1>Audience du site public</h1>
      <p className="mt-1 text-slate-700">
        Département {departement} · du {formatDate(periode.du)} au {formatDate(periode.au)}
      </p>
      <p className="mt-2 max-w-2xl text-sm text-slate-700">
        Méthode&nbsp;: chaque affichage d'une page publique est compté sur le serveur, sans cookie, sans adresse IP et
        sans aucune donnée sur la personne&nbsp;; les robots, les navigateurs qui demandent à ne pas être suivis (Do Not
        Track, Global Privacy Control) et les pages introuvables sont exclus. Les jours sont ceux de l'heure de Paris.
      </p>

      <section aria-labelledby="periode" className="mt-6">
        <h2 id="periode">Période</h2>
        <ul className="mt-2 flex flex-wrap gap-3">
          {PRESETS.map((preset) => (
            <li key={preset}>
              <a href={query(`periode=${preset}`)}>{presetLabels[preset]}</a>
            </li>
          ))}
        </ul>
        <Form method="get" className="mt-4 flex flex-wrap items-end gap-4">
          <input type="hidden" name="departement" value={departement} />
          <Field id="audience-du" label="Du" errors={periode.errors.du} errorId="audience-du-erreur">
            <input
              id="audience-du"
              name="du"
              type="date"
              defaultValue={periode.saisie.du}
              aria-invalid={periode.errors.du ? true : undefined}
              aria-describedby={periode.errors.du ? "audience-du-erreur" : undefined}
              className="input"
            />
          </Field>
          <Field id="audience-au" label="Au" errors={periode.errors.au} errorId="audience-au-erreur">
            <input
              id="audience-au"
              name="au"
              type="date"
              defaultValue={periode.saisie.au}
              aria-invalid={periode.errors.au ? true : undefined}
              aria-describedby={periode.errors.au ? "audience-au-erreur" : undefined}
              className="input"
            />
          </Field>
          <div className="mb-4">
            <button type="submit" className="btn">
              Afficher
            </button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="total" className="mt-6">
        <h2 id="total">Pages vues</h2>
        <p className="mt-2 text-2xl font-semibold">{plural(total, "page vue", "pages vues")}</p>
        <p className="text-sm text-slate-700">
          sur {plural(parJour.length, "jour")}, soit {formatNumber(Math.round((total / parJour.length) * 10) / 10)} par
          jour en moyenne
        </p>
      </section>

      <section aria-labelledby="par-jour" className="mt-8">
        <h2 id="par-jour">Pages vues par jour</h2>
        <BarChart jours={parJour} />
        <DataTable
          caption="Pages vues par jour de la période"
          captionHidden
          rows={parJour}
          rowKey={(d) => d.jour}
          columns={[
            { header: "Jour", cell: (d) => formatDate(d.jour) },
            { header: "Pages vues", cell: (d) => formatNumber(d.vues), align: "right" },
          ]}
        />
      </section>

      <section aria-labelledby="pages" className="mt-8">
        <h2 id="pages">Pages les plus vues</h2>
        <DataTable
          caption="Pages les plus vues de la période (20 au plus)"
          captionHidden
          rows={pages}
          rowKey={(p) => p.chemin}
          empty="Aucune page vue sur cette période."
          columns={[
            { header: "Page", cell: (p) => <span className="break-all">{p.chemin}</span> },
            { header: "Pages vues", cell: (p) => formatNumber(p.vues), align: "right" },
          ]}
        />
      </section>
    </div>
  );
}

/** Server-rendered bars (no chart code in the browser); the table below gives the same figures. */
function BarChart({ jours }: { jours: { jour: string; vues: number }[] }) {
  const width = 720;
  const height = 160;
  const max = Math.max(1, ...jours.map((d) => d.vues));
  const step = width / Math.max(1, jours.length);
  const barWidth = Math.max(1, step * 0.8);
  const first = jours[0];
  const last = jours[jours.length - 1];
  return (
    <figure className="mt-4 max-w-3xl">
      <svg
        viewBox={`0 0 ${width} ${height + 20}`}
        className="h-auto w-full"
        role="img"
        aria-labelledby="audience-graphique-titre"
      >
        <title id="audience-graphique-titre">{`Graphique en barres des pages vues par jour, au plus ${formatNumber(max)} par jour (détail dans le tableau ci-dessous)`}</title>
        <line x1={0} y1={height} x2={width} y2={height} stroke="#64748b" strokeWidth={1} />
        {jours.map((d, i) => {
          const h = (d.vues / max) * (height - 10);
          return (
            <rect
              key={d.jour}
              x={i * step + (step - barWidth) / 2}
              y={height - h}
              width={barWidth}
              height={h}
              className="fill-pdn-700"
            />
          );
        })}
        {first ? (
          <text x={0} y={height + 16} fontSize={12} fill="#334155">
            {formatDate(first.jour)}
          </text>
        ) : null}
        {last && last !== first ? (
          <text x={width} y={height + 16} fontSize={12} fill="#334155" textAnchor="end">
            {formatDate(last.jour)}
          </text>
        ) : null}
      </svg>
    </figure>
  );
}
