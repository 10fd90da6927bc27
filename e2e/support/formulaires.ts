import fs from "node:fs";
import path from "node:path";
import type { RouteConfigEntry } from "@react-router/dev/routes";
import routes from "../../app/routes";

/** One route of app/routes.ts, with its full path and what its module exports. */
export type RouteApp = {
  pattern: string;
  file: string;
  hasAction: boolean;
  /** A page (default export), not a resource route answering bytes. */
  hasPage: boolean;
  params: string[];
  regex: RegExp;
  score: number;
};

function flatten(entries: RouteConfigEntry[], parent: string): { pattern: string; file: string }[] {
  return entries.flatMap((entry) => {
    const full = entry.path ? `${parent.replace(/\/$/, "")}/${entry.path}` : parent;
    const self = entry.path !== undefined || entry.index ? [{ pattern: full || "/", file: entry.file }] : [];
    return [...self, ...flatten(entry.children ?? [], full)];
  });
}

/** Every route of the real configuration (app/routes.ts), most specific first as React Router ranks them. */
export function routesApp(): RouteApp[] {
  const seen = new Set<string>();
  return flatten(routes, "")
    .filter((r) => !seen.has(r.pattern) && seen.add(r.pattern))
    .map(({ pattern, file }) => {
      const source = fs.readFileSync(path.join("app", file), "utf8");
      const segments = pattern.split("/").filter(Boolean);
      const params = segments.filter((s) => s.startsWith(":")).map((s) => s.slice(1));
      const regex = new RegExp(
        `^/${segments
          .map((s) => (s === "*" ? ".*" : s.startsWith(":") ? "[^/]+" : s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
          .join("/")}/?$`,
      );
      const score = segments.reduce((n, s) => n + (s === "*" ? -2 : s.startsWith(":") ? 3 : 10), 0);
      return {
        pattern,
        file,
        hasAction: /export (async )?function action\b|export const action\b/.test(source),
        hasPage: /export default/.test(source),
        params,
        regex,
        score,
      };
    })
    .sort((a, b) => b.score - a.score);
}

/** The route serving a path, as React Router would pick it. */
export function routePour(routesTriees: RouteApp[], chemin: string): RouteApp | undefined {
  return routesTriees.find((r) => r.regex.test(chemin));
}

export type Champ = { name: string; type: string; value: string; options: string[] };
export type Formulaire = {
  action: string;
  multipart: boolean;
  champs: Champ[];
  /** The named submit buttons (each one posts its name and value). */
  boutons: { name: string; value: string }[];
};

export function decodeEntites(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&amp;/g, "&");
}

const ATTRIBUT = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

export function attributs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(ATTRIBUT)) {
    const name = (m[1] ?? "").toLowerCase();
    if (name && !(name in out)) out[name] = decodeEntites(m[2] ?? m[3] ?? m[4] ?? "");
  }
  return out;
}

/** The POST forms of a server-rendered page (React output: quoted attributes, no nested forms). */
export function formulairesPost(html: string, pageUrl: string): Formulaire[] {
  const forms: Formulaire[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const attrs = attributs(m[1] ?? "");
    if ((attrs.method ?? "get").toLowerCase() !== "post") continue;
    const body = m[2] ?? "";
    const champs: Champ[] = [];
    const boutons: { name: string; value: string }[] = [];
    for (const t of body.matchAll(
      /<(input|button)\b([^>]*)>|<select\b([^>]*)>([\s\S]*?)<\/select>|<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/gi,
    )) {
      if (t[1]) {
        const a = attributs(t[2] ?? "");
        const type = (a.type ?? (t[1].toLowerCase() === "button" ? "submit" : "text")).toLowerCase();
        if (!a.name) continue;
        if (type === "submit" || type === "image") boutons.push({ name: a.name, value: a.value ?? "" });
        else if (type === "button" || type === "reset") continue;
        else if ((type === "checkbox" || type === "radio") && !("checked" in a))
          champs.push({ name: a.name, type, value: "", options: [a.value ?? "on"] });
        else champs.push({ name: a.name, type, value: a.value ?? "", options: a.value ? [a.value] : [] });
      } else if (t[3] !== undefined) {
        const a = attributs(t[3]);
        if (!a.name) continue;
        const options = [...(t[4] ?? "").matchAll(/<option\b([^>]*)>/gi)].map((o) => attributs(o[1] ?? ""));
        const selected = options.find((o) => "selected" in o) ?? options[0];
        champs.push({
          name: a.name,
          type: "select",
          value: selected?.value ?? "",
          options: options.map((o) => o.value ?? ""),
        });
      } else {
        const a = attributs(t[5] ?? "");
        if (a.name) champs.push({ name: a.name, type: "textarea", value: decodeEntites(t[6] ?? ""), options: [] });
      }
    }
    forms.push({
      action: new URL(attrs.action || pageUrl, pageUrl).href,
      multipart: (attrs.enctype ?? "").toLowerCase() === "multipart/form-data",
      champs,
      boutons,
    });
  }
  return forms;
}

/**
 * Same-origin links of a page (paths with their query), to crawl; a GET form counts as the link it
 * submits with its default values (a first step that leads to the form that posts).
 */
export function liens(html: string, pageUrl: string): string[] {
  const origin = new URL(pageUrl).origin;
  const out: string[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const attrs = attributs(m[1] ?? "");
    if ((attrs.method ?? "get").toLowerCase() !== "get") continue;
    const [form] = formulairesPost(
      `<form${(m[1] ?? "").replace(/method="get"/i, "")} method="post">${m[2]}</form>`,
      pageUrl,
    );
    if (!form) continue;
    const url = new URL(form.action);
    if (url.origin !== origin) continue;
    const params = new URLSearchParams();
    for (const champ of form.champs) {
      const valeur = champ.type === "select" ? champ.value : champ.value || champ.options[0] || "";
      // A checkbox as it is; a radio group without a choice takes its first option.
      if (champ.type === "checkbox" && !champ.value) continue;
      if (
        champ.type === "radio" &&
        (params.has(champ.name) || (!champ.value && form.champs.some((c) => c.name === champ.name && c.value)))
      )
        continue;
      params.append(champ.name, valeur);
    }
    out.push(`${url.pathname}?${params}`);
    // Then each other choice of each list, a choice of every list in turn (a filter on past
    // meetings shows other forms).
    const listes = form.champs.filter((c) => c.type === "select");
    for (let i = 0; i < 6; i++) {
      for (const champ of listes) {
        const option = champ.options.filter((o) => o !== params.get(champ.name))[i];
        if (option === undefined) continue;
        const variante = new URLSearchParams(params);
        variante.set(champ.name, option);
        out.push(`${url.pathname}?${variante}`);
      }
    }
  }
  for (const m of html.matchAll(/<a\b([^>]*)>/gi)) {
    const href = attributs(m[1] ?? "").href;
    if (!href || href.startsWith("#") || href.startsWith("mailto:") || href.startsWith("tel:")) continue;
    try {
      const url = new URL(href, pageUrl);
      if (url.origin === origin) out.push(url.pathname + url.search);
    } catch {
      // An address the browser would not follow either.
    }
  }
  return out;
}

/** A marker put in every hostile value of one case: `hx` and eight base-36 characters. */
export const MARQUEUR = /hx[0-9a-z]{8}/g;

/**
 * Where a page lets a hostile payload through unescaped: a tag it opened, an event handler or a
 * `javascript:` address holding a marker. Escaped text (`&lt;script&gt;`) and attribute values are fine.
 */
export function scriptsNonEchappes(html: string): string[] {
  const found: string[] = [];
  // A payload the page did not escape, as it was sent (React quotes every attribute it writes).
  for (const m of html.matchAll(
    /<script>hx[0-9a-z]{8}|<img src=x onerror=hx[0-9a-z]{8}|<svg onload=hx[0-9a-z]{8}|<iframe src=javascript:hx[0-9a-z]{8}/gi,
  )) {
    found.push(m[0]);
  }
  for (const m of html.matchAll(
    /<([a-z][\w-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/gi,
  )) {
    for (const [name, value] of Object.entries(attributs(m[2] ?? ""))) {
      if (!/hx[0-9a-z]{8}/.test(value)) continue;
      // A browser drops whitespace and control characters from an address before reading its scheme.
      const url = [...value]
        .filter((ch) => ch.charCodeAt(0) > 0x20)
        .join("")
        .toLowerCase();
      if (
        name.startsWith("on") ||
        (/^(href|src|action|formaction|xlink:href|data)$/.test(name) && url.startsWith("javascript:"))
      ) {
        found.push(`<${m[1]} ${name}="${value.slice(0, 80)}">`);
      }
    }
  }
  return found;
}
