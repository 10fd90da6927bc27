import fs from "node:fs";
import net from "node:net";
import { PGlite } from "@electric-sql/pglite";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppProcess } from "./support/app-process";
import { DEMO_PASSWORD, startDemoServer } from "./support/demo-server";
import {
  type Champ,
  formulairesPost,
  liens,
  MARQUEUR,
  type RouteApp,
  routePour,
  routesApp,
  scriptsNonEchappes,
} from "./support/formulaires";
import { HttpClient } from "./support/http";

/**
 * Hostile input thrown at every form action of app/routes.ts through the HTTP layer of the built
 * server: the forms are found by crawling the pages of each demo account, their fields read from
 * the rendered HTML, and fast-check fills them with oversized, control, Unicode, SQL, HTML, numeric
 * and date values, fields dropped, duplicated or added. Never a 500, never a script sent back
 * unescaped, nothing written on a refusal (the audit log and every table, checked at the end).
 */

const SEED = Number(process.env.FAST_CHECK_SEED ?? 20261201);
/**
 * Random cases per action route, after the three of EXEMPLES: two keep the file within CI's
 * budget; `HOSTILE_RUNS=50` (and another FAST_CHECK_SEED) for a deeper run by hand.
 */
const CAS_PAR_ACTION = Number(process.env.HOSTILE_RUNS ?? 2);

type Role = "anonyme" | "coordination" | "promeneur" | "structure" | "copil" | "evaluation";
const COMPTES: Record<Exclude<Role, "anonyme">, { email: string; accueil: string }> = {
  coordination: { email: "coordination@demo.pdn04.fr", accueil: "/espace/coordination" },
  promeneur: { email: "promeneur@demo.pdn04.fr", accueil: "/espace/promeneur" },
  structure: { email: "structure@demo.pdn04.fr", accueil: "/espace/structure" },
  copil: { email: "copil@demo.pdn04.fr", accueil: "/espace/pilotage" },
  evaluation: { email: "evaluation@demo.pdn04.fr", accueil: "/espace/evaluations" },
};
const DEPARTS_PUBLICS = ["/", "/plan-du-site", "/connexion", "/mot-de-passe-oublie", "/contact", "/appels"];

/**
 * Actions whose form only shows behind a one-time link (an e-mail, a second factor): they are
 * posted with their field names read from the route module and a made-up link, which must be refused.
 */
const ATTEINTES_PAR_LIEN: Record<string, string> = {
  "/connexion/verification": "second facteur, après un mot de passe",
  "/reinitialiser/:token": "lien de réinitialisation envoyé par e-mail",
  "/invitation/:token": "lien d'invitation envoyé par e-mail",
  "/reponse/:jeton": "lien de réponse à une invitation envoyé par e-mail",
  "/appels/connexion/:jeton": "lien de connexion d'un candidat envoyé par e-mail",
  "/appels/:slug/candidature": "espace d'un candidat, ouvert par son lien",
};

const routes = routesApp();
const actions = routes.filter((r) => r.hasAction);

let app: AppProcess & { dataDir: string };
const clients = new Map<Role, HttpClient>();
let observateur: HttpClient;

async function connecter(client: HttpClient, role: Exclude<Role, "anonyme">): Promise<void> {
  const response = await client.post("/connexion", { email: COMPTES[role].email, password: DEMO_PASSWORD });
  if (response.status !== 302) throw new Error(`connexion de ${role} refusée (${response.status})`);
}

async function client(role: Role): Promise<HttpClient> {
  let c = clients.get(role);
  if (!c) {
    c = new HttpClient(app.url);
    clients.set(role, c);
  }
  if (role !== "anonyme" && !c.cookie("pdn_session")) await connecter(c, role);
  return c;
}

type Page = { role: Role; chemin: string; html: string };
/** The actions whose form some role has seen (shared: one role's find spares the others a search). */
const ciblees = new Set<string>();

/**
 * Visits the pages a role reaches by links: one address of each route, up to eight while an action
 * at or below that route has not shown its form yet (the presences of a past meeting, not a future one).
 */
async function explorer(role: Role, departs: string[], maxPages = 250): Promise<Page[]> {
  const c = await client(role);
  const publicOnly = role === "anonyme";
  const vus = new Set<string>();
  const parPattern = new Map<string, number>();
  const pages: Page[] = [];
  const file = [...departs];
  while (pages.length < maxPages) {
    const lot: string[] = [];
    while (file.length > 0 && lot.length < 4) {
      const chemin = file.shift() as string;
      if (vus.has(chemin)) continue;
      vus.add(chemin);
      const path = chemin.split("?")[0] as string;
      const route = routePour(routes, path);
      if (!route?.hasPage || route.pattern === "/*" || path === "/deconnexion") continue;
      if (publicOnly === path.startsWith("/espace")) continue;
      const attendue = actions.some(
        (a) => (a.pattern === route.pattern || a.pattern.startsWith(`${route.pattern}/`)) && !ciblees.has(a.pattern),
      );
      const limite = attendue ? 8 : 1;
      if ((parPattern.get(route.pattern) ?? 0) >= limite) continue;
      parPattern.set(route.pattern, (parPattern.get(route.pattern) ?? 0) + 1);
      lot.push(chemin);
    }
    if (lot.length === 0) break;
    const lus = await Promise.all(
      lot.map(async (chemin) => {
        const response = await c.get(chemin);
        const estPage = (response.headers.get("content-type") ?? "").includes("text/html");
        const html = estPage ? await response.text() : "";
        if (!estPage) await response.arrayBuffer();
        return { chemin, status: response.status, html };
      }),
    );
    for (const { chemin, status, html } of lus) {
      expect(status, `GET ${chemin} (${role})`).toBeLessThan(500);
      if (status !== 200 || !html) continue;
      pages.push({ role, chemin, html });
      for (const form of formulairesPost(html, `${app.url}${chemin}`)) {
        const cible = routePour(routes, new URL(form.action).pathname);
        if (cible?.hasAction) ciblees.add(cible.pattern);
      }
      for (const lien of liens(html, `${app.url}${chemin}`)) if (!vus.has(lien)) file.push(lien);
    }
  }
  return pages;
}

type Cible = {
  cle: string;
  route: RouteApp;
  role: Role;
  page: string;
  action: string;
  multipart: boolean;
  champs: Champ[];
  bouton?: { name: string; value: string };
  parLien?: string;
};

const pagesVues: Page[] = [];
const cibles = new Map<string, Cible[]>();

function ajouterCibles(page: Page) {
  for (const form of formulairesPost(page.html, `${app.url}${page.chemin}`)) {
    const url = new URL(form.action);
    const route = routePour(routes, url.pathname);
    if (!route?.hasAction || url.origin !== app.url) continue;
    const boutons = form.boutons.length > 0 ? form.boutons : [undefined];
    for (const bouton of boutons) {
      const cle = [
        page.role,
        ...form.champs.filter((c) => c.name === "intent").map((c) => c.value),
        bouton ? `${bouton.name}=${bouton.value}` : "",
      ].join(" ");
      const liste = cibles.get(route.pattern) ?? [];
      if (liste.some((c) => c.cle === cle)) continue;
      liste.push({
        cle,
        route,
        role: page.role,
        page: page.chemin,
        action: url.pathname + url.search,
        multipart: form.multipart,
        champs: form.champs,
        bouton,
      });
      cibles.set(route.pattern, liste);
    }
  }
}

/** A target for an action reached only by a one-time link: field names from its module, a made-up link. */
function cibleParLien(route: RouteApp, raison: string): Cible {
  const source = fs.readFileSync(`app/${route.file}`, "utf8");
  const noms = new Set([
    "intent",
    ...[...source.matchAll(/name="(\w+)"|fields\.(\w+)/g)].map((m) => m[1] ?? m[2] ?? ""),
  ]);
  const chemin = route.pattern.replace(/:(\w+)/g, (_, p) => (p === "slug" ? "recrutement-promeneurs" : "x".repeat(43)));
  return {
    cle: "lien",
    route,
    role: "anonyme",
    page: chemin,
    action: chemin,
    multipart: false,
    champs: [...noms].filter(Boolean).map((name) => ({ name, type: "text", value: "", options: [] })),
    parLien: raison,
  };
}

/** The placeholder replaced by the case's marker in every hostile text. */
const M = "\u{E000}";

type Valeur = string | { brut: string } | { fichier: string; nom: string; type: string };

const valeurHostile: fc.Arbitrary<Valeur> = fc.oneof(
  // Oversized.
  fc
    .record({
      n: fc.integer({ min: 1_000, max: 120_000 }),
      c: fc.constantFrom("A", "é", "😀", "\u0000", "<", "'", " "),
    })
    .map(({ n, c }) => M + c.repeat(n)),
  // Control characters and NUL bytes.
  fc
    .array(fc.integer({ min: 0, max: 31 }), { minLength: 1, maxLength: 20 })
    .map((cs) => `${M}${String.fromCharCode(...cs)}\u007f`),
  // Unicode tricks: bidi overrides, zero-width, combining, lone surrogates, homoglyphs.
  fc
    .constantFrom(
      "\u202Eevil\u202C.exe",
      "\u200B\u200C\u200D\uFEFF",
      `e${"\u0301".repeat(500)}`,
      "\uD800",
      "x\uDFFFy",
      "соordination@demo.pdn04.fr",
      "ΑΒΕΖ ԁеmо",
      "\u2028\u2029",
      "\u{1F600}".repeat(100),
      "ﷺ".repeat(50),
    )
    .map((s) => M + s),
  fc.string({ unit: "binary", maxLength: 40 }).map((s) => M + s),
  // Raw bytes that are not UTF-8, broken percent escapes.
  fc.constantFrom("%ED%A0%80", "%FF%FE", "%C0%AF", "%", "%zz", "%00", "%E2%80").map((brut) => ({ brut })),
  // SQL.
  fc
    .constantFrom(
      "' OR '1'='1",
      "'; drop table users; --",
      "\\",
      "%",
      "_%_",
      '" or ""="',
      "1; select pg_sleep(5)",
      "$$",
    )
    .map((s) => M + s),
  // HTML and script.
  fc.constantFrom(
    `<script>${M}</script>`,
    `"><img src=x onerror=${M}>`,
    `'><svg onload=${M}>`,
    `javascript:${M}`,
    `</textarea><script>${M}</script>`,
    `<a href="javascript:${M}">lien</a>`,
    `[lien](javascript:${M})`,
    `<iframe src=javascript:${M}></iframe>`,
    `</script><script>${M}</script>`,
  ),
  // Numbers.
  fc.constantFrom(
    "-1",
    "-0",
    "1e309",
    "9".repeat(400),
    "NaN",
    "Infinity",
    "0x10",
    "1.5e-400",
    "2147483648",
    "-9223372036854775809",
    "9007199254740993",
    "1,5",
    " 42 ",
  ),
  fc.double().map(String),
  fc.bigInt().map(String),
  // Dates.
  fc.constantFrom(
    "0000-00-00",
    "9999-12-31",
    "-271821-04-20",
    "+275760-09-14",
    "2024-02-30",
    "1900-01-01",
    "2026-13-01",
    "25:61",
    "2026-01-01T99:99",
    "10000-01-01",
    "2026-00",
  ),
  // Wrong types.
  fc.constantFrom(
    "",
    "[]",
    "{}",
    "null",
    "undefined",
    "true",
    "on",
    "00000000-0000-0000-0000-000000000000",
    "../../../etc/passwd",
    "__proto__",
  ),
  fc.uuid(),
);

const fichierHostile: fc.Arbitrary<Valeur> = fc.record({
  fichier: fc.constantFrom(`<script>${M}</script>`, "\u0000".repeat(64), "", "%PDF-1.4 tronqué", `<svg onload=${M}>`),
  nom: fc.constantFrom("../../../etc/passwd", "a\u0000.pdf", `${"x".repeat(300)}.pdf`, "\u202Etxt.exe", "photo.jpg"),
  type: fc.constantFrom("text/html", "image/svg+xml", "application/pdf", "image/jpeg", ""),
});

const casHostile = fc.record({
  choix: fc.nat(),
  /** One field hostile on an otherwise valid form (reaches the command), or all of them. */
  unChamp: fc.boolean(),
  valeurs: fc.array(valeurHostile, { minLength: 12, maxLength: 12 }),
  fichier: fichierHostile,
  omis: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
  doubles: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
  garderIntent: fc.boolean(),
  garderCaches: fc.boolean(),
  extras: fc.array(
    fc.tuple(
      fc.constantFrom("__proto__", "constructor", "a[b]", "x".repeat(2000), "\u0000", "intent", "_csrf"),
      valeurHostile,
    ),
    { maxLength: 2 },
  ),
});

type CasHostile = typeof casHostile extends fc.Arbitrary<infer T> ? T : never;

/** Cases every action gets before the random ones: the same value in every field. */
function partout(valeur: string, unChamp: boolean): CasHostile {
  const douze = <T>(v: T) => Array.from({ length: 12 }, () => v);
  return {
    choix: 1,
    unChamp,
    valeurs: douze<Valeur>(valeur),
    fichier: { fichier: `<script>${M}</script>`, nom: "../../../etc/passwd", type: "text/html" },
    omis: douze(false),
    doubles: douze(false),
    garderIntent: true,
    garderCaches: true,
    extras: [],
  };
}
const EXEMPLES: [CasHostile][] = [
  [partout(M + "A".repeat(64_000), false)],
  [partout(`${M}\u0000\u0001\u001b[31m`, false)],
  [partout(`<script>${M}</script>"><img src=x onerror=${M}>`, true)],
];

function avecMarqueur(valeur: Valeur, marqueur: string): Valeur {
  if (typeof valeur === "string") return valeur.replaceAll(M, marqueur);
  if ("fichier" in valeur) return { ...valeur, fichier: valeur.fichier.replaceAll(M, marqueur) };
  return valeur;
}

/** Percent-encodes as a form would, but sends lone surrogates as their (invalid) UTF-8 bytes. */
function encoder(texte: string): string {
  return texte
    .split(/([\uD800-\uDFFF])/)
    .map((part) => {
      if (part.length === 1 && /[\uD800-\uDFFF]/.test(part) && part.length === [...part].length) {
        const cp = part.charCodeAt(0);
        return [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)]
          .map((b) => `%${b.toString(16).toUpperCase()}`)
          .join("");
      }
      return encodeURIComponent(part);
    })
    .join("");
}

function corps(csrf: string, paires: [string, Valeur][], multipart: boolean): { body: BodyInit; type?: string } {
  if (multipart) {
    const fd = new FormData();
    fd.append("_csrf", csrf);
    for (const [name, v] of paires) {
      if (typeof v === "string") fd.append(name, v);
      else if ("brut" in v) fd.append(name, v.brut);
      else fd.append(name, new Blob([v.fichier], { type: v.type }), v.nom);
    }
    return { body: fd };
  }
  const texte = [["_csrf", csrf] as [string, Valeur], ...paires]
    .map(([k, v]) => {
      const valeur = typeof v === "string" ? encoder(v) : "brut" in v ? v.brut : encoder(v.fichier);
      return `${encoder(k)}=${valeur}`;
    })
    .join("&");
  return { body: texte, type: "application/x-www-form-urlencoded" };
}

/** Where the audit log stands, as the coordination reads it (the oldest entry of the first page, the newest). */
async function pointeurAudit(): Promise<string> {
  let response = await observateur.get("/espace/journal");
  if (response.status !== 200) {
    await response.arrayBuffer();
    await connecter(observateur, "coordination");
    response = await observateur.get("/espace/journal");
  }
  const html = await response.text();
  return `${/avant=(\d+)/.exec(html)?.[1]} ${/<tbody[\s\S]*?<\/tr>/.exec(html)?.[0]}`;
}

let compteur = 0;
function nouveauMarqueur(): string {
  compteur += 1;
  return `hx${(compteur * 7919 + 1_000_000_000).toString(36).padStart(8, "0").slice(-8)}`;
}
const marqueursRefuses = new Set<string>();
let lotsRefuses = 0;
/** The audit pointer read after the last action whose cases were all refused (still current). */
let pointeurConnu: string | null = null;
const adressesAffichees = new Set<string>();

function verifierPage(html: string, ou: string) {
  expect(scriptsNonEchappes(html), `script renvoyé sans échappement sur ${ou}`).toEqual([]);
}

async function lire(response: Response): Promise<string> {
  const type = response.headers.get("content-type") ?? "";
  if (type.includes("html") || type.includes("text") || type.includes("json")) return response.text();
  await response.arrayBuffer();
  return "";
}

beforeAll(async () => {
  const debut = Date.now();
  app = await startDemoServer();
  observateur = new HttpClient(app.url);
  await connecter(observateur, "coordination");
  // A visitor writes to the coordination, so that a message (and its form) can be reached.
  const visiteur = new HttpClient(app.url);
  const ecrit = await visiteur.post("/contact", {
    nom: "Visiteur",
    email: "visiteur@exemple.fr",
    qualite: "parent",
    objet: "Une question",
    message: "Bonjour, je voudrais savoir comment joindre un promeneur près de chez moi.",
  });
  expect(ecrit.status).toBe(302);
  const explorations = await Promise.all([
    explorer("anonyme", DEPARTS_PUBLICS),
    ...(Object.keys(COMPTES) as Exclude<Role, "anonyme">[]).map((role) => explorer(role, [COMPTES[role].accueil])),
  ]);
  for (const pages of explorations) {
    for (const page of pages) {
      pagesVues.push(page);
      ajouterCibles(page);
    }
  }
  for (const route of actions) {
    const raison = ATTEINTES_PAR_LIEN[route.pattern];
    if (!cibles.has(route.pattern) && raison) cibles.set(route.pattern, [cibleParLien(route, raison)]);
  }
  console.info(`entrées hostiles : serveur et parcours des pages en ${Math.round((Date.now() - debut) / 1000)} s`);
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

describe("entrées hostiles sur chaque formulaire", () => {
  it("trouve, en parcourant les pages, le formulaire de chaque action de app/routes.ts", () => {
    console.info(
      `entrées hostiles : ${actions.length} actions, ${[...cibles.values()].flat().length} formulaires, ${pagesVues.length} pages (${[
        ...new Set(pagesVues.map((p) => p.role)),
      ]
        .map((r) => `${r} ${pagesVues.filter((p) => p.role === r).length}`)
        .join(", ")}), graine ${SEED}`,
    );
    const parLien = [...cibles.values()].flat().filter((c) => c.parLien);
    if (parLien.length > 0) {
      console.info(
        `entrées hostiles : formulaires derrière un lien à usage unique : ${parLien.map((c) => c.route.pattern).join(", ")}`,
      );
    }
    const sansFormulaire = actions.filter((r) => !cibles.has(r.pattern)).map((r) => `${r.pattern} (${r.file})`);
    if (process.env.DEBUG_HOSTILE) console.info(pagesVues.map((p) => `${p.role} ${p.chemin}`).join("\n"));
    expect(sansFormulaire, "actions sans formulaire trouvé : l'ajouter à un parcours ou à ATTEINTES_PAR_LIEN").toEqual(
      [],
    );
  });

  it.for(actions.map((r) => r.pattern))(
    "POST %s : jamais d'erreur 500, de script renvoyé tel quel ni d'écriture sur un refus",
    async (pattern) => {
      const liste = cibles.get(pattern);
      if (!liste) return;
      // The audit log must not move over a run of refusals (each refused value is also looked for
      // in every table at the end).
      const avant = pointeurConnu ?? (await pointeurAudit());
      pointeurConnu = null;
      let toutRefuse = true;
      await fc.assert(
        fc.asyncProperty(casHostile, async (cas) => {
          const cible = liste[cas.choix % liste.length] as Cible;
          const c = await client(cible.role);
          const marqueur = nouveauMarqueur();
          const paires: [string, Valeur][] = [];
          let j = 0;
          const cibleChamp = cas.choix % Math.max(1, cible.champs.length);
          cible.champs.forEach((champ, i) => {
            if (champ.name === "_csrf") return;
            const hostile = avecMarqueur(
              champ.type === "file" ? cas.fichier : (cas.valeurs[j++ % cas.valeurs.length] as Valeur),
              marqueur,
            );
            let valeur: Valeur;
            if (champ.name === "intent") valeur = cas.garderIntent ? champ.value : hostile;
            else if (champ.type === "hidden" && cas.garderCaches) valeur = champ.value;
            else if (cas.unChamp) valeur = i === cibleChamp ? hostile : champ.value;
            else valeur = hostile;
            if (!cas.unChamp && cas.omis[i % cas.omis.length] && champ.name !== "intent") return;
            if ((champ.type === "checkbox" || champ.type === "radio") && valeur === "" && cas.unChamp) return;
            paires.push([champ.name, valeur]);
            if (!cas.unChamp && cas.doubles[i % cas.doubles.length]) {
              paires.push([champ.name, avecMarqueur(cas.valeurs[(i + 5) % cas.valeurs.length] as Valeur, marqueur)]);
            }
          });
          if (cible.bouton) paires.push([cible.bouton.name, cas.garderIntent ? cible.bouton.value : marqueur]);
          if (!cas.unChamp) for (const [k, v] of cas.extras) paires.push([k, avecMarqueur(v, marqueur)]);

          const { body, type } = corps(
            c.cookie("pdn_csrf") ? decodeURIComponent(c.cookie("pdn_csrf") as string) : "",
            paires,
            cible.multipart,
          );
          const response = await c.send(cible.action, {
            method: "POST",
            body,
            headers: { origin: app.url, ...(type ? { "content-type": type } : {}) },
          });
          const html = await lire(response);
          const ou = `POST ${cible.action} (${cible.role}, ${paires.map(([k]) => k).join(",")})`;
          if (response.status >= 500) {
            const erreur = app
              .output()
              .split("\n")
              .filter((l) => l.includes('"level":50'))
              .at(-1);
            expect.fail(`${ou} → ${response.status} : ${erreur?.slice(0, 600)}`);
          }
          verifierPage(html, ou);
          if (response.status >= 400) {
            marqueursRefuses.add(marqueur);
          } else {
            toutRefuse = false;
            const location = response.headers.get("location");
            // Displayed again at the end, with every page seen, once all the actions have run.
            for (const suite of [location?.startsWith("/") ? location : null, cible.page]) {
              if (suite && !suite.startsWith("/deconnexion")) adressesAffichees.add(`${cible.role} ${suite}`);
            }
          }
        }),
        { seed: SEED, numRuns: CAS_PAR_ACTION, examples: EXEMPLES, endOnFailure: true },
      );
      if (toutRefuse) {
        lotsRefuses += 1;
        const apres = await pointeurAudit();
        expect(apres, `POST ${pattern} : tout a été refusé, mais le journal a bougé`).toBe(avant);
        // Where the next action starts from.
        pointeurConnu = apres;
      }
    },
  );

  it("n'affiche nulle part, une fois enregistrée, une valeur hostile sans l'échapper", async () => {
    const aRevoir = new Map<string, Role>();
    // What visitors and the coordination see, and every page an accepted form led to.
    for (const page of pagesVues) {
      if (page.role === "anonyme" || page.role === "coordination")
        aRevoir.set(`${page.role} ${page.chemin}`, page.role);
    }
    for (const adresse of adressesAffichees) aRevoir.set(adresse, adresse.split(" ")[0] as Role);
    const entrees = [...aRevoir.keys()];
    console.info(
      `entrées hostiles : ${marqueursRefuses.size} cas refusés, ${lotsRefuses} actions sans aucun cas accepté, ${entrees.length} pages relues`,
    );
    for (let i = 0; i < entrees.length; i += 4) {
      await Promise.all(
        entrees.slice(i, i + 4).map(async (entree) => {
          const [role, chemin] = entree.split(" ") as [Role, string];
          const response = await (await client(role)).get(chemin);
          const html = await lire(response);
          expect(response.status, `GET ${chemin} (${role})`).toBeLessThan(500);
          verifierPage(html, `GET ${chemin} (${role})`);
        }),
      );
    }
  });
});

describe("jeton de formulaire (CSRF) sur chaque action", () => {
  it("refuse chaque action sans jeton, avec un jeton faux ou celui d'un autre navigateur, sans rien écrire", async () => {
    const autre = new HttpClient(app.url);
    await autre.get("/connexion");
    const autreJeton = decodeURIComponent(autre.cookie("pdn_csrf") as string);
    const avant = await pointeurAudit();
    let n = 0;
    for (const [pattern, liste] of cibles) {
      const cible = liste[0] as Cible;
      const complet = n++ < 4;
      const c = await client(cible.role);
      const champs = cible.champs.filter((f) => f.name !== "_csrf").map((f) => [f.name, f.value] as [string, string]);
      if (cible.bouton) champs.push([cible.bouton.name, cible.bouton.value]);
      const jetons = complet
        ? [null, "x".repeat(43), autreJeton, `${decodeURIComponent(c.cookie("pdn_csrf") ?? "")} `]
        : [null, autreJeton];
      for (const jeton of jetons) {
        const params = new URLSearchParams(jeton === null ? champs : [["_csrf", jeton], ...champs]);
        const response = await c.send(cible.action, {
          method: "POST",
          body: params,
          headers: { origin: app.url, "content-type": "application/x-www-form-urlencoded" },
        });
        await lire(response);
        expect(response.status, `${pattern} avec le jeton ${JSON.stringify(jeton?.slice(0, 8))}`).toBe(403);
      }
      if (!complet) continue;
      // The token in the query string instead of the body does not count either.
      const query = await c.send(
        `${cible.action}${cible.action.includes("?") ? "&" : "?"}_csrf=${c.cookie("pdn_csrf")}`,
        {
          method: "POST",
          body: new URLSearchParams(champs),
          headers: { origin: app.url, "content-type": "application/x-www-form-urlencoded" },
        },
      );
      await lire(query);
      expect(query.status, `${pattern} avec le jeton dans l'adresse`).toBe(403);
    }
    expect(await pointeurAudit()).toBe(avant);
  });
});

/** Sends raw bytes on a socket and returns the status line, the headers and the body as read. */
function brut(requete: string): Promise<{ status: number; head: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(app.port, "127.0.0.1");
    let recu = "";
    socket.setTimeout(10_000, () => socket.destroy(new Error("délai dépassé")));
    socket.on("data", (chunk) => {
      recu += chunk.toString("latin1");
    });
    socket.on("error", reject);
    socket.on("close", () => {
      const [head = "", body = ""] = recu.split("\r\n\r\n", 2);
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0),
        head,
        body: recu.slice(head.length) || body,
      });
    });
    // Written without ending the socket: a half-closed client may lose the answer.
    socket.write(requete);
  });
}

describe("en-têtes et cookies trafiqués", () => {
  it("traite un cookie de session forgé, abîmé, doublé ou énorme comme une absence de session", async () => {
    const valeurs = [
      "x".repeat(43),
      "",
      "%",
      "%00",
      "\u00e9t\u00e9",
      "a".repeat(4000),
      "../../etc/passwd",
      "' or 1=1 --",
      "eyJhbGciOiJub25lIn0.eyJ1c2VyIjoiYWRtaW4ifQ.",
    ];
    for (const valeur of valeurs) {
      const response = await fetch(`${app.url}/espace/coordination`, {
        redirect: "manual",
        headers: { cookie: `pdn_session=${encodeURIComponent(valeur)}; pdn_session=autre; pdn_csrf=${"%".repeat(50)}` },
      });
      await response.arrayBuffer();
      expect(response.status, valeur.slice(0, 20)).toBe(302);
      expect(response.headers.get("location")).toMatch(/^\/connexion/);
    }
    // A header larger than Node accepts is refused before the app, never with a 500.
    const enorme = await brut(
      `GET /espace/coordination HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: pdn_session=${"a".repeat(20_000)}\r\nConnection: close\r\n\r\n`,
    );
    expect(enorme.status).toBe(431);
  });

  it("refuse un POST au type de contenu faux, absent ou trompeur, sans erreur 500", async () => {
    const c = new HttpClient(app.url);
    await connecter(c, "coordination");
    const jeton = decodeURIComponent(c.cookie("pdn_csrf") as string);
    const avant = await pointeurAudit();
    const essais: [string | undefined, string][] = [
      ["text/plain", `_csrf=${jeton}&nom=x`],
      ["application/json", JSON.stringify({ _csrf: jeton, nom: "x" })],
      ["multipart/form-data", `_csrf=${jeton}`],
      ["multipart/form-data; boundary=", `--\r\n`],
      ["multipart/form-data; boundary=abc", `--abc\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${jeton}`],
      ["application/x-www-form-urlencoded; charset=utf-16", `_csrf=${jeton}`],
      ["application/x-www-form-urlencoded", `_csrf=${jeton}&${"%".repeat(100)}`],
      [undefined, `_csrf=${jeton}`],
      ["application/x-www-form-urlencoded, multipart/form-data", `_csrf=${jeton}`],
    ];
    for (const [type, body] of essais) {
      const response = await c.send("/espace/structures/nouvelle", {
        method: "POST",
        body,
        headers: { origin: app.url, ...(type ? { "content-type": type } : {}) },
      });
      await lire(response);
      expect(response.status, String(type)).toBeGreaterThanOrEqual(400);
      expect(response.status, String(type)).toBeLessThan(500);
    }
    expect(await pointeurAudit()).toBe(avant);
  });

  it("ignore un Host, des X-Forwarded-* ou des en-têtes doublés venus du client quand TRUST_PROXY est désactivé", async () => {
    const c = new HttpClient(app.url);
    await c.get("/connexion");
    const jeton = c.cookie("pdn_csrf") as string;
    // Sent as if through a proxy: no Secure cookie, no HSTS, no address from the client's headers.
    const proxy = await brut(
      `GET /connexion HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Forwarded-Proto: https\r\nX-Forwarded-Host: malveillant.example\r\nX-Forwarded-For: 1.2.3.4\r\nConnection: close\r\n\r\n`,
    );
    expect(proxy.status).toBe(200);
    expect(proxy.head).not.toMatch(/strict-transport-security/i);
    expect(proxy.head).not.toMatch(/__Host-|; Secure/i);
    expect(proxy.body).not.toContain("malveillant.example");
    // Another Host: the pages and the links of the e-mails keep the public address.
    const host = await brut(`GET / HTTP/1.1\r\nHost: malveillant.example\r\nConnection: close\r\n\r\n`);
    expect(host.status).toBeLessThan(500);
    expect(host.body).not.toContain("malveillant.example");
    const oubli = `_csrf=${jeton}&email=${encodeURIComponent("promeneur@demo.pdn04.fr")}`;
    const reset = await brut(
      `POST /mot-de-passe-oublie HTTP/1.1\r\nHost: malveillant.example\r\nOrigin: http://malveillant.example\r\nCookie: pdn_csrf=${jeton}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${Buffer.byteLength(oubli)}\r\nConnection: close\r\n\r\n${oubli}`,
    );
    expect(reset.status).toBeLessThan(500);
    expect(reset.head).not.toContain("malveillant.example");
    const boite = await observateur.get("/espace/outbox");
    expect(await boite.text()).not.toContain("malveillant.example");
    // Two Host headers: the first one counts, and is not echoed; two Content-Length: refused by the parser.
    const deuxHosts = await brut(
      `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: malveillant.example\r\nConnection: close\r\n\r\n`,
    );
    expect(deuxHosts.status).toBeLessThan(500);
    expect(deuxHosts.body).not.toContain("malveillant.example");
    const deuxLongueurs = await brut(
      `POST /connexion HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nContent-Length: 50\r\nConnection: close\r\n\r\nabcde`,
    );
    expect(deuxLongueurs.status).toBe(400);
    // Two Origin or Cookie headers: never a 500, never a session.
    const deuxOrigines = await brut(
      `POST /connexion HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: ${app.url}\r\nOrigin: https://malveillant.example\r\nCookie: pdn_csrf=${jeton}\r\nCookie: pdn_csrf=${"y".repeat(43)}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${Buffer.byteLength(oubli)}\r\nConnection: close\r\n\r\n${oubli}`,
    );
    expect(deuxOrigines.status).toBe(403);
    expect(deuxOrigines.head).not.toMatch(/pdn_session=[^;]/);
  });

  it("ne laisse pas contourner la limite du formulaire de contact par un X-Forwarded-For inventé", async () => {
    const statuts: number[] = [];
    for (let i = 0; i < 7; i++) {
      const c = new HttpClient(app.url, { "x-forwarded-for": `10.0.0.${i}`, "x-real-ip": `10.0.1.${i}` });
      await c.get("/contact");
      const response = await c.post("/contact", {
        nom: "Essai",
        email: `essai${i}@exemple.fr`,
        qualite: "parent",
        objet: `Essai ${i}`,
        message: "Bonjour, ceci est un message d'essai suffisamment long.",
      });
      await lire(response);
      statuts.push(response.status);
    }
    // At most five messages in ten minutes from one address, whatever the client claims.
    expect(statuts.filter((s) => s === 302).length, statuts.join(",")).toBeLessThanOrEqual(5);
    expect(statuts.at(-1), statuts.join(",")).toBe(429);
  });
});

describe("adresses hostiles", () => {
  it("refuse (400) une adresse qui contient un caractère nul, dans le chemin ou la recherche", async () => {
    for (const chemin of ["/promeneurs/a%00b", "/actualites/%00", "/promeneurs?q=%00", "/agenda?du=2026-01-01%00"]) {
      const response = await fetch(`${app.url}${chemin}`, { redirect: "manual" });
      expect(response.status, chemin).toBe(400);
      expect(await response.text(), chemin).toContain("caractère nul");
    }
  });
});

describe("fichiers stockés : traversée de chemin", () => {
  const fichiers = routes.filter((r) => !r.hasPage && r.params.length > 0);
  const hostiles = [
    "..%2F..%2F..%2Fetc%2Fpasswd",
    "..%2f..%2fpackage.json",
    "%2e%2e%2f%2e%2e%2fpglite%2FPG_VERSION",
    "..%5C..%5Cpackage.json",
    "%2Fetc%2Fpasswd",
    "abc%00.jpg",
    "%00",
    "x".repeat(3000),
    "00000000-0000-4000-8000-000000000000%00",
    "not-a-uuid",
    "..",
    "%2e%2e",
    "-1",
    "99999999999999999999",
    "%C0%AE%C0%AE%2F",
    "%ED%A0%80",
  ];

  it.for(["anonyme", "coordination"] as const)(
    "répond 404 ou 400 (%s) à chaque route de fichier appelée avec un identifiant hostile, jamais un fichier ni une 500",
    async (role) => {
      const c = await client(role);
      expect(fichiers.length).toBeGreaterThan(8);
      const fautes: string[] = [];
      for (const route of fichiers) {
        for (const hostile of hostiles) {
          for (const param of route.params) {
            const chemin = route.pattern.replace(/:(\w+)/g, (_, p) => (p === param ? hostile : "2025"));
            const requete = `GET ${chemin} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${c.cookieHeader()}\r\nConnection: close\r\n\r\n`;
            const { status, head, body } = await brut(requete);
            // `..` is resolved by the address parser before any route: a page may answer, never a file.
            const page =
              (status === 200 && /content-type: text\/html/i.test(head)) ||
              (/^(\.\.|%2e%2e)$/.test(hostile) && [301, 302, 308].includes(status) && /location: \//i.test(head));
            const attendus = role === "anonyme" && chemin.startsWith("/espace") ? [302, 400, 404] : [400, 404];
            if (!attendus.includes(status) && !page) fautes.push(`GET ${chemin} → ${status}`);
            if (/root:x?:0:0|"devDependencies"|PG_VERSION/.test(body)) fautes.push(`GET ${chemin} : fichier servi`);
          }
        }
      }
      expect(fautes).toEqual([]);
    },
  );
});

describe("aucune écriture sur un refus", () => {
  it("ne garde dans aucune table une valeur envoyée par une requête refusée", async () => {
    expect(marqueursRefuses.size).toBeGreaterThan(0);
    await app.stop();
    const db = await PGlite.create({ dataDir: `${app.dataDir}/pglite` });
    try {
      const tables = await db.query<{ name: string }>(
        "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'",
      );
      const ecrits: string[] = [];
      for (const { name } of tables.rows) {
        const rows = await db.query<{ r: string }>(
          `select t::text as r from "${name}" t where t::text ~ 'hx[0-9a-z]{8}'`,
        );
        for (const { r } of rows.rows) {
          for (const m of r.match(MARQUEUR) ?? [])
            if (marqueursRefuses.has(m)) ecrits.push(`${name}: ${r.slice(0, 200)}`);
        }
      }
      expect(ecrits).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
