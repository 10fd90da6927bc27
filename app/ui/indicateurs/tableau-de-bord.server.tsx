/**
 * The dashboard's body rendered once per computed set of indicators: the set comes from the memo
 * (app/server/memo.server.ts) and stays the same object until a write of its départements, so its
 * HTML — a few hundred kilobytes of charts and tables — is drawn once, not on every request.
 */
import { renderToStaticMarkup } from "react-dom/server";
import type { Indicateurs } from "~/domain/indicateurs/indicateurs.types";
import { ResumeIndicateurs, TableauDeBord, type TableauDeBordProps } from "./tableau-de-bord";

const rendus = new WeakMap<Indicateurs, Promise<string>>();

/** The HTML of `TableauDeBord` for these indicators; `preparer` computes its charts and map on a miss. */
export function htmlTableauDeBord(
  indicateurs: Indicateurs,
  preparer: () => Promise<Omit<TableauDeBordProps, "indicateurs">>,
): Promise<string> {
  const present = rendus.get(indicateurs);
  if (present) return present;
  const html = preparer().then((props) => renderToStaticMarkup(<TableauDeBord indicateurs={indicateurs} {...props} />));
  rendus.set(indicateurs, html);
  html.catch(() => rendus.delete(indicateurs));
  return html;
}

const resumes = new WeakMap<Indicateurs, string>();

/** The HTML of `ResumeIndicateurs` (the nine headline values), kept the same way. */
export function htmlResume(indicateurs: Indicateurs): string {
  let html = resumes.get(indicateurs);
  if (html === undefined) {
    html = renderToStaticMarkup(<ResumeIndicateurs indicateurs={indicateurs} lien="" />);
    resumes.set(indicateurs, html);
  }
  return html;
}
