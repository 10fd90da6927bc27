/**
 * The nine indicators of a dashboard (DESIGN §5): one section each, with its number and title, the
 * headline values and their evolution over the previous period in words, its definition, its charts
 * (SVG strings drawn by the loader) each followed by the same figures as an accessible table, and
 * the lists of people only when the engine gave them (the coordinator's own view). Withheld counts
 * arrive as `null` and read « < 3 ».
 */
import type { ReactNode } from "react";
import { definitionsIndicateurs } from "~/domain/indicateurs/indicateurs.definitions";
import type {
  CodeIndicateur,
  Couverture,
  Evolution,
  Indicateurs,
  Part,
  PointMensuel,
} from "~/domain/indicateurs/indicateurs.types";
import { reseauLabels, statutProfilLabels } from "~/domain/profils/profil.labels";
import { formatDate, formatNumber, plural } from "~/lib/format";
import { DataTable } from "~/ui/data-table";
import { type ProjectedMap, SvgMap } from "~/ui/map/svg-map";
import { CLASSES_CARTE, classeCarte, classeCarteFills, classeCarteLabels } from "./carte";
import { type CleGraphique, type GraphiquesIndicateurs, titresGraphiques } from "./graphiques";
import {
  type FormatValeur,
  texteEvolution,
  texteMois,
  texteNombre,
  textePourcent,
  texteValeur,
  titresIndicateurs,
} from "./indicateurs.format";

/** How many uncovered communes are listed before « voir tout ». */
export const NON_COUVERTES_VISIBLES = 20;

export type TableauDeBordProps = {
  indicateurs: Indicateurs;
  graphiques: GraphiquesIndicateurs;
  /** The coverage map (one département), null when there is no boundary or several départements. */
  carte?: ProjectedMap | null;
  /** Commune names by INSEE code (the per-commune table). */
  nomsCommunes?: Record<string, string>;
};

export function TableauDeBord({ indicateurs, graphiques, carte = null, nomsCommunes = {} }: TableauDeBordProps) {
  const avant = indicateurs.periodePrecedente.libelle;
  return (
    <div className="space-y-10">
      <Conformite i={indicateurs} g={graphiques} avant={avant} />
      <Jeunes i={indicateurs} g={graphiques} avant={avant} />
      <Reseaux i={indicateurs} g={graphiques} avant={avant} />
      <Demandes i={indicateurs} g={graphiques} avant={avant} />
      <Echanges i={indicateurs} g={graphiques} avant={avant} />
      <Participation i={indicateurs} g={graphiques} avant={avant} />
      <Publications i={indicateurs} g={graphiques} avant={avant} />
      <Communication i={indicateurs} g={graphiques} avant={avant} />
      <CouvertureSection i={indicateurs} avant={avant} carte={carte} noms={nomsCommunes} />
    </div>
  );
}

/** The nine headlines as a list (steering view, national view, top of the dashboard). */
/** `lien`: the dashboard's address, each title then links to its section (`""` on the dashboard itself). */
export function ResumeIndicateurs({ indicateurs, lien }: { indicateurs: Indicateurs; lien?: string }) {
  const titres = titresIndicateurs(indicateurs);
  const codes = Object.keys(definitionsIndicateurs) as CodeIndicateur[];
  codes.sort((a, b) => definitionsIndicateurs[a].numero - definitionsIndicateurs[b].numero);
  return (
    <ol className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
      {codes.map((code) => {
        const definition = definitionsIndicateurs[code];
        const titre = titres[code];
        return (
          <li key={code} className="rounded-md border border-slate-300 p-3">
            <p className="text-sm font-semibold text-slate-700">
              {definition.numero}.{" "}
              {lien !== undefined ? <a href={`${lien}#indicateur-${code}`}>{definition.titre}</a> : definition.titre}
            </p>
            <p className="mt-1">
              <span className="text-2xl font-semibold">{titre.valeur}</span> <span>{titre.libelle.toLowerCase()}</span>
            </p>
            <p className="text-sm text-slate-700">{titre.evolution}</p>
          </li>
        );
      })}
    </ol>
  );
}

type SectionProps = { i: Indicateurs; g: GraphiquesIndicateurs; avant: string };

function Section({ code, children }: { code: CodeIndicateur; children: ReactNode }) {
  const { numero, titre, definition } = definitionsIndicateurs[code];
  return (
    <section aria-labelledby={`indicateur-${code}`} className="border-t border-slate-300 pt-6">
      <h2 id={`indicateur-${code}`}>
        {numero}. {titre}
      </h2>
      {children}
      <details className="mt-4 max-w-3xl text-sm text-slate-700">
        <summary className="cursor-pointer font-semibold">Définition de l'indicateur</summary>
        <p className="mt-1">{definition}</p>
      </details>
    </section>
  );
}

/** A headline value and its evolution in words. */
function Valeur({
  libelle,
  evolution,
  format,
  avant,
}: {
  libelle: string;
  evolution: Evolution;
  format: FormatValeur;
  avant: string;
}) {
  return (
    <div className="mt-3">
      <p>
        <span className="text-2xl font-semibold">{texteValeur(evolution.valeur, format)}</span> {libelle}
      </p>
      <p className="text-sm text-slate-700">{texteEvolution(evolution, format, avant)}</p>
    </div>
  );
}

/** A chart (the SVG string) and, below it, its data in a table behind « Voir les données ». */
function Graphique({ g, cle, children }: { g: GraphiquesIndicateurs; cle: CleGraphique; children: ReactNode }) {
  const svg = g[cle];
  return (
    <figure className="mt-4 max-w-3xl">
      {svg ? (
        // The SVG is drawn on the server from numbers only (titles and labels are escaped there).
        // biome-ignore lint/security/noDangerouslySetInnerHtml: server-drawn SVG, no user input unescaped
        <div className="[&>svg]:h-auto [&>svg]:max-w-full" dangerouslySetInnerHTML={{ __html: svg }} />
      ) : null}
      <details className="mt-2">
        <summary className="cursor-pointer text-sm font-semibold">Voir les données</summary>
        {children}
      </details>
    </figure>
  );
}

function TableParts({ caption, parts, colonne }: { caption: string; parts: Part[]; colonne: string }) {
  return (
    <DataTable
      caption={caption}
      className="mt-2"
      rows={parts}
      rowKey={(p) => p.code}
      empty="Aucune donnée sur la période."
      columns={[
        { header: "Catégorie", cell: (p) => p.libelle },
        { header: colonne, cell: (p) => texteNombre(p.nombre), align: "right" },
      ]}
    />
  );
}

function TableMois({ caption, points, colonne }: { caption: string; points: PointMensuel[]; colonne: string }) {
  return (
    <DataTable
      caption={caption}
      className="mt-2"
      rows={points}
      rowKey={(p) => p.mois}
      empty="Aucun mois dans la période."
      columns={[
        { header: "Mois", cell: (p) => texteMois(p.mois) },
        { header: colonne, cell: (p) => formatNumber(p.valeur), align: "right" },
      ]}
    />
  );
}

function Conformite({ i, g, avant }: SectionProps) {
  const c = i.conformite;
  return (
    <Section code="conformite">
      <Valeur
        libelle="des profils des promeneurs actifs sont conformes"
        evolution={c.taux}
        format="taux"
        avant={avant}
      />
      <p className="mt-2">
        {plural(c.conformes, "profil conforme", "profils conformes")} sur {formatNumber(c.profils)}&nbsp;;{" "}
        {plural(c.nonConformes, "non conforme", "non conformes")}&nbsp;; {formatNumber(c.aVerifier)} à vérifier.
      </p>
      <Graphique g={g} cle="conformiteStatuts">
        <DataTable
          caption={titresGraphiques.conformiteStatuts}
          className="mt-2"
          rows={[
            { code: "conforme", nombre: c.conformes },
            { code: "non_conforme", nombre: c.nonConformes },
            { code: "a_verifier", nombre: c.aVerifier },
          ]}
          rowKey={(r) => r.code}
          columns={[
            { header: "Statut", cell: (r) => statutProfilLabels[r.code as keyof typeof statutProfilLabels] },
            { header: "Profils", cell: (r) => formatNumber(r.nombre), align: "right" },
          ]}
        />
      </Graphique>
      {c.aSuivre ? (
        <>
          <h3 className="mt-6">Profils à suivre</h3>
          <DataTable
            caption="Profils à suivre (non conformes ou à vérifier)"
            captionHidden
            rows={c.aSuivre}
            rowKey={(p) => p.profilId}
            empty="Aucun profil à suivre."
            columns={[
              { header: "Promeneur", cell: (p) => p.promeneur },
              {
                header: "Réseau",
                cell: (p) => (
                  <a href={`/espace/profils/${p.profilId}`}>
                    {reseauLabels[p.reseau as keyof typeof reseauLabels] ?? p.reseau}
                  </a>
                ),
              },
              { header: "Statut", cell: (p) => statutProfilLabels[p.statut] },
              { header: "Depuis", cell: (p) => (p.depuis ? formatDate(p.depuis) : "Jamais vérifié") },
            ]}
          />
        </>
      ) : null}
    </Section>
  );
}

function Jeunes({ i, g, avant }: SectionProps) {
  const j = i.jeunes;
  const fileParCode = new Map(j.fileActiveParAge.map((p) => [p.code, p.nombre]));
  return (
    <Section code="jeunes">
      <Valeur libelle="nouveaux jeunes en contact" evolution={j.nouveaux} format="nombre" avant={avant} />
      <Valeur
        libelle="jeunes en file active par mois en moyenne"
        evolution={j.fileActiveMoyenne}
        format="moyenne"
        avant={avant}
      />
      <Graphique g={g} cle="jeunesParMois">
        <DataTable
          caption={titresGraphiques.jeunesParMois}
          className="mt-2"
          rows={j.parMois}
          rowKey={(m) => m.mois}
          empty="Aucun mois dans la période."
          columns={[
            { header: "Mois", cell: (m) => texteMois(m.mois) },
            { header: "Nouveaux jeunes", cell: (m) => formatNumber(m.nouveaux), align: "right" },
            { header: "File active", cell: (m) => formatNumber(m.fileActive), align: "right" },
          ]}
        />
      </Graphique>
      <Graphique g={g} cle="jeunesParAge">
        <DataTable
          caption="Nouveaux jeunes et file active par tranche d'âge"
          className="mt-2"
          rows={j.nouveauxParAge}
          rowKey={(p) => p.code}
          empty="Aucune donnée sur la période."
          columns={[
            { header: "Tranche d'âge", cell: (p) => p.libelle },
            { header: "Nouveaux jeunes", cell: (p) => texteNombre(p.nombre), align: "right" },
            {
              header: "File active",
              cell: (p) => (fileParCode.has(p.code) ? texteNombre(fileParCode.get(p.code) ?? null) : "–"),
              align: "right",
            },
          ]}
        />
      </Graphique>
    </Section>
  );
}

function Reseaux({ i, g, avant }: SectionProps) {
  const r = i.reseaux;
  return (
    <Section code="reseaux">
      <Valeur
        libelle="réseaux sociaux avec au moins un profil conforme"
        evolution={r.reseauxConformes}
        format="nombre"
        avant={avant}
      />
      <Graphique g={g} cle="reseauxEchanges">
        <DataTable
          caption="Profils conformes et échanges par réseau social"
          className="mt-2"
          rows={r.parReseau}
          rowKey={(x) => x.code}
          empty="Aucun réseau sur la période."
          columns={[
            { header: "Réseau", cell: (x) => x.libelle },
            { header: "Profils conformes", cell: (x) => formatNumber(x.profilsConformes), align: "right" },
            { header: "Échanges", cell: (x) => formatNumber(x.echanges), align: "right" },
          ]}
        />
      </Graphique>
    </Section>
  );
}

function Demandes({ i, g, avant }: SectionProps) {
  const d = i.demandes;
  // Outside the coordinator's own view, a total of 1 or 2 situations is withheld too.
  const situations = i.vue === "agregee" && d.situations > 0 && d.situations < 3 ? null : d.situations;
  return (
    <Section code="demandes">
      <Valeur libelle="demandes de jeunes" evolution={d.total} format="nombre" avant={avant} />
      <p className="mt-2">{plural(d.themesPresents, "thème présent", "thèmes présents")}.</p>
      <Valeur
        libelle="indice de diversité (Shannon normalisé, de 0 à 1)"
        evolution={d.shannon}
        format="indice"
        avant={avant}
      />
      <Graphique g={g} cle="demandesParTheme">
        <TableParts caption={titresGraphiques.demandesParTheme} parts={d.parTheme} colonne="Demandes" />
      </Graphique>
      <h3 className="mt-6">Situations préoccupantes</h3>
      <p className="mt-1">
        {d.situations === 0
          ? "Aucune situation préoccupante enregistrée sur la période."
          : situations === null
            ? "Moins de 3 situations préoccupantes enregistrées sur la période."
            : `${plural(situations, "situation préoccupante enregistrée", "situations préoccupantes enregistrées")} sur la période.`}
      </p>
      {d.situations > 0 ? (
        <Graphique g={g} cle="situationsParCategorie">
          <TableParts
            caption={titresGraphiques.situationsParCategorie}
            parts={d.situationsParCategorie}
            colonne="Situations"
          />
        </Graphique>
      ) : null}
    </Section>
  );
}

function Echanges({ i, g, avant }: SectionProps) {
  const e = i.echanges;
  return (
    <Section code="echanges">
      <Valeur libelle="échanges avec des jeunes" evolution={e.total} format="nombre" avant={avant} />
      <p className="mt-2">
        {plural(e.individuels, "échange individuel", "échanges individuels")},{" "}
        {plural(e.collectifs, "échange collectif", "échanges collectifs")}.
      </p>
      <Graphique g={g} cle="echangesParMois">
        <TableMois caption={titresGraphiques.echangesParMois} points={e.parMois} colonne="Échanges" />
      </Graphique>
      <Graphique g={g} cle="echangesParCanal">
        <TableParts caption={titresGraphiques.echangesParCanal} parts={e.parCanal} colonne="Échanges" />
      </Graphique>
    </Section>
  );
}

function Participation({ i, g, avant }: SectionProps) {
  const p = i.participation;
  return (
    <Section code="participation">
      <Valeur libelle="de présence aux regroupements" evolution={p.taux} format="taux" avant={avant} />
      <p className="mt-2">{plural(p.regroupements, "regroupement tenu", "regroupements tenus")} sur la période.</p>
      <Valeur
        libelle="de formation suivies par les promeneurs"
        evolution={p.heuresFormation}
        format="heures"
        avant={avant}
      />
      <Graphique g={g} cle="participationParType">
        <DataTable
          caption="Participation par type de regroupement"
          className="mt-2"
          rows={p.parType}
          rowKey={(t) => t.type}
          empty="Aucun regroupement sur la période."
          columns={[
            { header: "Type", cell: (t) => t.libelle },
            { header: "Regroupements", cell: (t) => formatNumber(t.regroupements), align: "right" },
            { header: "Invitations", cell: (t) => formatNumber(t.invitations), align: "right" },
            { header: "Présents", cell: (t) => formatNumber(t.presents), align: "right" },
            { header: "Taux de présence", cell: (t) => textePourcent(t.taux), align: "right" },
            { header: "Heures", cell: (t) => texteValeur(t.heures, "heures"), align: "right" },
          ]}
        />
      </Graphique>
      {p.parPromeneur ? (
        <>
          <h3 className="mt-6">Présence par promeneur</h3>
          <DataTable
            caption="Présence par promeneur sur la période"
            captionHidden
            rows={p.parPromeneur}
            rowKey={(x) => x.promeneurId}
            empty="Aucune présence notée sur la période."
            columns={[
              { header: "Promeneur", cell: (x) => x.promeneur },
              { header: "Présences notées", cell: (x) => formatNumber(x.notees), align: "right" },
              { header: "Présent", cell: (x) => formatNumber(x.presents), align: "right" },
              { header: "Taux", cell: (x) => textePourcent(x.taux), align: "right" },
            ]}
          />
        </>
      ) : null}
    </Section>
  );
}

function Publications({ i, g, avant }: SectionProps) {
  const p = i.publications;
  return (
    <Section code="publications">
      <Valeur libelle="publications des promeneurs" evolution={p.total} format="nombre" avant={avant} />
      <Graphique g={g} cle="publicationsParType">
        <TableParts caption={titresGraphiques.publicationsParType} parts={p.parType} colonne="Publications" />
      </Graphique>
      <Graphique g={g} cle="publicationsParMois">
        <TableMois caption={titresGraphiques.publicationsParMois} points={p.parMois} colonne="Publications" />
      </Graphique>
    </Section>
  );
}

function Communication({ i, g, avant }: SectionProps) {
  const c = i.communication;
  return (
    <Section code="communication">
      <Valeur
        libelle="actions de communication de la coordination"
        evolution={c.actions}
        format="nombre"
        avant={avant}
      />
      <p className="mt-2">Portée connue cumulée&nbsp;: {plural(c.portee, "personne")}.</p>
      <Valeur
        libelle="actualités publiées sur le site"
        evolution={c.actualitesPubliees}
        format="nombre"
        avant={avant}
      />
      <Valeur libelle="pages vues sur le site public" evolution={c.vuesSite} format="nombre" avant={avant} />
      <Graphique g={g} cle="communicationParType">
        <TableParts caption={titresGraphiques.communicationParType} parts={c.parType} colonne="Actions" />
      </Graphique>
      <Graphique g={g} cle="vuesParMois">
        <TableMois caption={titresGraphiques.vuesParMois} points={c.vuesParMois} colonne="Pages vues" />
      </Graphique>
    </Section>
  );
}

function chiffreCouverture(c: Couverture, unite: string, unites: string): string {
  return `${formatNumber(c.couvertes)} ${c.couvertes > 1 ? unites : unite} couverte${c.couvertes > 1 ? "s" : ""} sur ${formatNumber(c.total)}`;
}

function CouvertureSection({
  i,
  avant,
  carte,
  noms,
}: {
  i: Indicateurs;
  avant: string;
  carte: ProjectedMap | null;
  noms: Record<string, string>;
}) {
  const c = i.couverture;
  const premieres = c.nonCouvertes.slice(0, NON_COUVERTES_VISIBLES);
  const suivantes = c.nonCouvertes.slice(NON_COUVERTES_VISIBLES);
  const parClasse = Object.fromEntries(CLASSES_CARTE.map((k) => [k, 0])) as Record<
    (typeof CLASSES_CARTE)[number],
    number
  >;
  for (const x of c.parCommune) parClasse[classeCarte(x.promeneurs)] += 1;
  const colonnesNonCouvertes = [
    { header: "Commune", cell: (x: (typeof c.nonCouvertes)[number]) => x.nom },
    {
      header: "Population",
      cell: (x: (typeof c.nonCouvertes)[number]) => formatNumber(x.population),
      align: "right" as const,
    },
    {
      header: "EPCI",
      cell: (x: (typeof c.nonCouvertes)[number]) => x.epci ?? "–",
    },
  ];
  return (
    <Section code="couverture">
      <Valeur
        libelle="de la population vit dans une commune couverte par un promeneur actif"
        evolution={c.tauxPopulation}
        format="taux"
        avant={avant}
      />
      <ul className="mt-3 list-disc space-y-1 pl-5">
        <li>
          {chiffreCouverture(c.communes, "commune", "communes")} ({formatNumber(c.communes.populationCouverte)}{" "}
          habitants sur {formatNumber(c.communes.population)})
        </li>
        <li>{chiffreCouverture(c.frr, "commune FRR+", "communes FRR+")}</li>
        <li>
          {formatNumber(c.qpv.couvertes)} quartier{c.qpv.couvertes > 1 ? "s" : ""} prioritaire
          {c.qpv.couvertes > 1 ? "s" : ""} (QPV) couvert{c.qpv.couvertes > 1 ? "s" : ""} sur {formatNumber(c.qpv.total)}
        </li>
      </ul>
      {carte ? (
        <figure className="mt-4 max-w-3xl">
          <SvgMap
            id="carte-couverture"
            map={carte}
            title="Carte des communes couvertes par des promeneurs actifs"
            description={`Les communes du territoire, de plus en plus foncées selon le nombre de promeneurs actifs qui les couvrent\u00a0: ${formatNumber(parClasse.aucun)} sans promeneur, ${formatNumber(parClasse.moins_de_3)} avec 1 ou 2, ${formatNumber(parClasse.trois_a_cinq)} avec 3 à 5, ${formatNumber(parClasse.six_plus)} avec 6 ou plus. Le tableau «\u00a0Promeneurs actifs par commune\u00a0» donne les mêmes informations.`}
            legend={CLASSES_CARTE.map((k) => ({
              label: `${classeCarteLabels[k]} (${plural(parClasse[k], "commune")})`,
              fill: classeCarteFills[k],
            }))}
          />
        </figure>
      ) : null}
      {c.parCommune.length > 0 ? (
        <details className="mt-2 max-w-3xl">
          <summary className="cursor-pointer text-sm font-semibold">Voir les données par commune</summary>
          <DataTable
            caption="Promeneurs actifs par commune"
            className="mt-2"
            rows={c.parCommune}
            rowKey={(x) => x.code}
            empty="Aucune commune."
            columns={[
              { header: "Commune", cell: (x) => noms[x.code] ?? x.code },
              { header: "Promeneurs actifs", cell: (x) => texteNombre(x.promeneurs), align: "right" },
            ]}
          />
        </details>
      ) : null}
      <DataTable
        caption="Couverture par EPCI"
        rows={c.parEpci}
        rowKey={(e) => e.siren}
        empty="Aucun EPCI sur le territoire."
        columns={[
          { header: "EPCI", cell: (e) => e.nom },
          {
            header: "Communes couvertes",
            cell: (e) => `${formatNumber(e.couvertes)} sur ${formatNumber(e.total)}`,
            align: "right",
          },
          { header: "Population couverte", cell: (e) => formatNumber(e.populationCouverte), align: "right" },
          {
            header: "Part de la population",
            cell: (e) => textePourcent(e.population > 0 ? e.populationCouverte / e.population : null),
            align: "right",
          },
        ]}
      />
      <DataTable
        caption={`Communes non couvertes, les plus peuplées d'abord (${Math.min(NON_COUVERTES_VISIBLES, c.nonCouvertes.length)} sur ${formatNumber(c.nonCouvertes.length)})`}
        rows={premieres}
        rowKey={(x) => x.code}
        empty="Toutes les communes du territoire sont couvertes."
        columns={colonnesNonCouvertes}
      />
      {suivantes.length > 0 ? (
        <details className="mt-2">
          <summary className="cursor-pointer text-sm font-semibold">
            Voir toutes les communes non couvertes ({formatNumber(c.nonCouvertes.length)})
          </summary>
          <DataTable
            caption="Autres communes non couvertes, par population décroissante"
            className="mt-2"
            rows={suivantes}
            rowKey={(x) => x.code}
            columns={colonnesNonCouvertes}
          />
        </details>
      ) : null}
    </Section>
  );
}
