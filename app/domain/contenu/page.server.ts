import { formatDate } from "~/lib/format";
import type { Executor } from "~/server/db.server";
import { type EtatConformite, etatConformiteLabels, isPageFixe, type PageFixe } from "./contenu.labels";
import { findPage, renderContenu } from "./contenu.queries.server";
import { escapeHtml } from "./markdown.server";
import { ETAT_CONFORMITE_MARQUEUR, PAGES_DEFAUT, type PageDefaut } from "./pages-defaut";

export type Conformite = { etatConformite: string | null; auditLe: string | null; tauxConformite: number | null };

const SITE = "Le site des Promeneurs du Net des Alpes-de-Haute-Provence";

/**
 * The « État de conformité » section of the accessibility statement, in the RGAA's wording: without
 * an audit the site is declared « non conforme »; with one, its date and rate are given.
 */
export function etatConformiteHtml(conformite: Conformite): string {
  const etat = (conformite.etatConformite ?? "non_conforme") as EtatConformite;
  const audite = conformite.auditLe !== null && conformite.tauxConformite !== null;
  const rgaa = "avec le référentiel général d'amélioration de l'accessibilité (RGAA), version\u00a04.1";
  const paragraphes = audite
    ? [
        `${SITE} est <strong>${etatConformiteLabels[etat]}</strong> ${rgaa}${etat === "totalement_conforme" ? "" : ", en raison des non-conformités énumérées ci-dessous"}.`,
        `L'audit de conformité réalisé le ${escapeHtml(formatDate(conformite.auditLe))} révèle que ${conformite.tauxConformite}\u00a0% des critères du RGAA version\u00a04.1 sont respectés.`,
      ]
    : [
        `${SITE} est <strong>non conforme</strong> ${rgaa}, car aucun audit de conformité n'a encore été réalisé. En l'absence de résultats d'audit, le RGAA demande de déclarer le site non conforme, même si aucun défaut n'est connu.`,
      ];
  return `<h2 id="titre-etat">État de conformité</h2>\n${paragraphes.map((p) => `<p>${p}</p>`).join("\n")}`;
}

/** Puts the conformity section where the text has its marker, or before the first section. */
export function avecEtatConformite(html: string, conformite: Conformite): string {
  const section = etatConformiteHtml(conformite);
  const marqueur = `<p>${ETAT_CONFORMITE_MARQUEUR}</p>`;
  if (html.includes(marqueur)) return html.replace(marqueur, () => section);
  const h2 = html.indexOf("<h2");
  return h2 === -1 ? `${html}\n${section}` : `${html.slice(0, h2)}${section}\n${html.slice(h2)}`;
}

/**
 * A fixed page as the public sees it: the coordination's published version, else the built-in
 * text (a version in draft leaves the built-in text online).
 */
export async function getPageFixePublique(db: Executor, departement: string, slug: PageFixe) {
  const row = await findPage(db, departement, slug);
  const publiee = row?.statut === "publie" ? row : null;
  const defaut: PageDefaut = PAGES_DEFAUT[slug];
  const source = publiee ?? { ...defaut, etatConformite: null, auditLe: null, tauxConformite: null };
  let html = await renderContenu(db, source.corps);
  if (slug === "accessibilite") html = avecEtatConformite(html, source);
  return {
    titre: source.titre,
    onglet: publiee ? publiee.titre : (defaut.onglet ?? defaut.titre),
    description: source.description,
    html,
  };
}

/** A published free page, or null. */
export async function getPageLibrePublique(db: Executor, departement: string, slug: string) {
  if (isPageFixe(slug)) return null;
  const row = await findPage(db, departement, slug);
  if (row?.statut !== "publie") return null;
  return { titre: row.titre, description: row.description, html: await renderContenu(db, row.corps) };
}
