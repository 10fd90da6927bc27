import { useEffect, useId, useRef, useState } from "react";
import { Form, useFetcher, useLocation } from "react-router";
import { CsrfInput } from "./csrf-input";

export type CommuneOption = { code: string; nom: string };

type Props = {
  /** The search as the server received it (`?q=`). */
  q: string;
  /** The server's results for `q` (the route's loader answers `{ q, resultats }` to `?q=`). */
  resultats: CommuneOption[];
  /** Codes of the communes already in the territory. */
  selection: string[];
  /** Name of the hidden field that carries the commune code in the « Ajouter » forms. */
  fieldName?: string;
};

const DEBOUNCE_MS = 250;

/**
 * The commune search of the intervention territory. Without JavaScript: a GET form (`?q=`) whose
 * results come back with the page, each with an « Ajouter » POST form. With JavaScript: the same
 * results load while the person types (debounced, through the route's own loader), announced in
 * a live region; adding still posts the same form.
 */
export function TerritoirePicker({ q, resultats, selection, fieldName = "communeCode" }: Props) {
  const id = useId();
  const location = useLocation();
  const fetcher = useFetcher<{ q: string; resultats: CommuneOption[] }>();
  const [saisie, setSaisie] = useState(q);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  // Typed text wins over the page's results once the fetcher has answered for it.
  const live = fetcher.data && fetcher.data.q === saisie.trim() ? fetcher.data : null;
  const shown = live ? live.resultats : saisie.trim() === q ? resultats : null;
  const recherche = live ? live.q : q;
  const selected = new Set(selection);

  function onChange(value: string) {
    setSaisie(value);
    clearTimeout(timer.current);
    const trimmed = value.trim();
    if (trimmed.length < 2) return;
    timer.current = setTimeout(() => {
      void fetcher.load(`${location.pathname}?q=${encodeURIComponent(trimmed)}`);
    }, DEBOUNCE_MS);
  }

  const annonce =
    shown === null
      ? fetcher.state === "loading"
        ? "Recherche en cours…"
        : ""
      : recherche
        ? shown.length === 0
          ? `Aucune commune du département ne correspond à « ${recherche} ».`
          : `${shown.length} commune${shown.length > 1 ? "s" : ""} trouvée${shown.length > 1 ? "s" : ""} pour « ${recherche} ».`
        : "";

  return (
    <div>
      <Form method="get" role="search" className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor={`${id}-q`} className="mb-1 block font-semibold">
            Rechercher une commune du département
          </label>
          <input
            id={`${id}-q`}
            name="q"
            type="search"
            className="input"
            autoComplete="off"
            value={saisie}
            onChange={(event) => onChange(event.target.value)}
            aria-describedby={`${id}-annonce`}
          />
        </div>
        <button type="submit" className="btn-secondary">
          Rechercher
        </button>
      </Form>
      <p id={`${id}-annonce`} aria-live="polite" className="mt-2 text-sm text-slate-700">
        {annonce}
      </p>
      {shown && shown.length > 0 ? (
        <ul className="mt-2 divide-y divide-slate-200" aria-label="Communes trouvées">
          {shown.map((commune) => (
            <li key={commune.code} className="flex flex-wrap items-center justify-between gap-2 py-1.5">
              <span>
                {commune.nom} <span className="text-sm text-slate-600">({commune.code})</span>
              </span>
              {selected.has(commune.code) ? (
                <span className="text-sm">déjà dans le territoire</span>
              ) : (
                <Form method="post">
                  <CsrfInput />
                  <input type="hidden" name="intent" value="ajouter-commune" />
                  <input type="hidden" name={fieldName} value={commune.code} />
                  <button type="submit" className="btn-secondary text-sm" aria-label={`Ajouter ${commune.nom}`}>
                    Ajouter
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
