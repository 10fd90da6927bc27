import http from "node:http";
import zlib from "node:zlib";
import compression from "compression";
import express from "express";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor, RoleGrant } from "~/domain/comptes/actor";
import { middleware as middlewareIndicateurs } from "~/routes/espace/indicateurs";
import { middleware as middlewareNational } from "~/routes/espace/national";
import { contextFor, getRequest, outcome } from "../../tests/support/route";
import { cachePagesPubliques, codageAccepte } from "./cache-pages.server";
import { flashContext } from "./context.server";
import { activerMemo, REPETITION_SIGNAL_MS, signalerChangement } from "./memo.server";

/** What the page handler answers next, and how many times it was asked. */
let rendus = 0;
let page = { corps: "<p>Annuaire</p>", statut: 200, cookie: null as string | null, prive: false };
let horloge = 0;

let server: http.Server;
let base = "";

beforeAll(async () => {
  const app = express();
  app.use(compression({ filter: (req, res) => !res.locals.pageEnCache && compression.filter(req, res) }));
  app.use(
    cachePagesPubliques({
      departement: "04",
      dureeMs: 60_000,
      estPublique: (chemin) => chemin === "/promeneurs" || chemin === "/contact",
      cookiesPersonnels: ["pdn_session", "pdn_flash"],
      maintenant: () => horloge,
    }),
  );
  app.get("/{*splat}", (_req, res) => {
    rendus += 1;
    if (page.cookie) res.append("Set-Cookie", page.cookie);
    if (page.prive) res.setHeader("Cache-Control", "private, no-store");
    res.setHeader("X-Page", "annuaire");
    res.status(page.statut).type("html");
    res.write("<!DOCTYPE html>");
    res.end(`${page.corps}<!-- rendu ${rendus} -->`);
  });
  server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const adresse = server.address();
  base = `http://127.0.0.1:${typeof adresse === "object" && adresse ? adresse.port : 0}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  activerMemo(true);
  rendus = 0;
  horloge = 1_000_000;
  page = { corps: "<p>Annuaire</p>", statut: 200, cookie: null, prive: false };
});
afterEach(() => activerMemo(undefined));

const lire = (chemin: string, headers: Record<string, string> = {}) => fetch(`${base}${chemin}`, { headers });
const CSRF = "c".repeat(43);

describe("cachePagesPubliques", () => {
  it("sert une page publique déjà rendue sans la rendre à nouveau, avec ses en-têtes", async () => {
    const premiere = await lire("/promeneurs?reseau=instagram");
    const seconde = await lire("/promeneurs?reseau=instagram");
    expect(await seconde.text()).toBe(await premiere.text());
    expect(seconde.headers.get("x-page")).toBe("annuaire");
    expect(seconde.headers.get("content-type")).toMatch(/^text\/html/);
    expect(rendus).toBe(1);
    // Another address is another page.
    await lire("/promeneurs?reseau=tiktok");
    expect(rendus).toBe(2);
  });

  it("donne un jeton CSRF au visiteur qui n'en a pas, jamais celui d'un autre", async () => {
    await lire("/promeneurs");
    const sansCookie = await lire("/promeneurs");
    const cookie = sansCookie.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^pdn_csrf=[\w-]{43}; Path=\/; SameSite=Lax; HttpOnly$/);
    const autre = (await lire("/promeneurs")).headers.get("set-cookie");
    expect(autre).not.toBe(cookie);
    const avecCookie = await lire("/promeneurs", { cookie: `pdn_csrf=${CSRF}` });
    expect(avecCookie.headers.get("set-cookie")).toBeNull();
    expect(rendus).toBe(1);
  });

  it("rend à nouveau la page après une écriture signalée de son département, pas d'un autre", async () => {
    await lire("/promeneurs");
    signalerChangement("05");
    await lire("/promeneurs");
    expect(rendus).toBe(1);
    signalerChangement("04");
    expect(await (await lire("/promeneurs")).text()).toContain("rendu 2");
    expect(rendus).toBe(2);
    await new Promise((r) => setTimeout(r, REPETITION_SIGNAL_MS + 50));
    await lire("/promeneurs");
    expect(rendus).toBe(3);
  });

  it("oublie une page après sa durée de vie", async () => {
    await lire("/promeneurs");
    horloge += 59_000;
    await lire("/promeneurs");
    expect(rendus).toBe(1);
    horloge += 2_000;
    await lire("/promeneurs");
    expect(rendus).toBe(2);
  });

  it("ne sert ni ne garde la page d'une personne connectée ou attendue par un message", async () => {
    await lire("/promeneurs", { cookie: "pdn_session=abc" });
    await lire("/promeneurs", { cookie: "pdn_session=abc" });
    await lire("/promeneurs", { cookie: `pdn_csrf=${CSRF}; pdn_flash=Merci` });
    expect(rendus).toBe(3);
  });

  it.each([
    ["un script (son nonce est celui d'une réponse)", { corps: '<script nonce="n">x()</script>' }],
    ["un jeton de formulaire", { corps: '<form><input type="hidden" name="_csrf" value="x"></form>' }],
    ["une erreur", { statut: 404 }],
    ["un autre cookie posé", { cookie: "pdn_flash=x; Path=/" }],
    ["une réponse privée", { prive: true }],
  ])("ne garde pas une page avec %s", async (_cas, changement) => {
    page = { ...page, ...changement };
    await lire("/contact");
    await lire("/contact");
    expect(rendus).toBe(2);
  });

  it("ne garde que les pages publiques", async () => {
    await lire("/espace/indicateurs");
    await lire("/espace/indicateurs");
    expect(rendus).toBe(2);
  });

  it("sert la page compressée selon Accept-Encoding, identique une fois décodée", async () => {
    const brute = await (await lire("/promeneurs")).text();
    for (const [accept, codage] of [
      ["gzip, deflate, br", "br"],
      ["gzip", "gzip"],
      ["br;q=0, gzip", "gzip"],
    ] as const) {
      const r = await new Promise<{ codage: string | undefined; corps: Buffer }>((resolve, reject) => {
        // fetch would decode the body: the raw bytes are read with node:http.
        http
          .get(`${base}/promeneurs`, { headers: { "accept-encoding": accept } }, (res) => {
            const morceaux: Buffer[] = [];
            res.on("data", (c: Buffer) => morceaux.push(c));
            res.on("end", () => resolve({ codage: res.headers["content-encoding"], corps: Buffer.concat(morceaux) }));
          })
          .on("error", reject);
      });
      expect(r.codage).toBe(codage);
      const decode = codage === "br" ? zlib.brotliDecompressSync(r.corps) : zlib.gunzipSync(r.corps);
      expect(decode.toString()).toBe(brute);
    }
    expect(rendus).toBe(1);
  });

  it("ne garde rien quand le mémo est éteint (tests, NODE_ENV=test)", async () => {
    activerMemo(false);
    await lire("/promeneurs");
    await lire("/promeneurs");
    expect(rendus).toBe(2);
  });
});

describe("codageAccepte", () => {
  it("préfère Brotli, puis gzip, et respecte q=0", () => {
    expect(codageAccepte(undefined)).toBeNull();
    expect(codageAccepte("identity")).toBeNull();
    expect(codageAccepte("gzip, br")).toBe("br");
    expect(codageAccepte("br;q=0, gzip;q=0.5")).toBe("gzip");
    expect(codageAccepte("gzip;q=0")).toBeNull();
    expect(codageAccepte("*")).toBe("gzip");
  });
});

describe("pages gardées de l'espace (tableaux de bord)", () => {
  const acteur = (userId: string, roles: Partial<RoleGrant>[]): Actor => ({
    userId,
    email: `${userId}@example.org`,
    nom: userId,
    roles: roles.map((r) => ({ role: "coordinateur", departement: null, structureId: null, ...r }) as RoleGrant),
    sessionId: `session-${userId}`,
    totpEnabled: false,
  });
  const coordinateur04 = acteur("coord-04", [{ role: "coordinateur", departement: "04" }]);
  const coordinateur05 = acteur("coord-05", [{ role: "coordinateur", departement: "05" }]);
  const promeneur = acteur("promeneur-04", [{ role: "promeneur", departement: "04" }]);
  const national = acteur("national", [{ role: "national", departement: null }]);

  let suivants = 0;
  const suivant = async () => {
    suivants += 1;
    return new Response(`<main>tableau ${suivants}</main>`, {
      headers: { "Content-Type": "text/html; charset=utf-8" },
    });
  };
  const passer = async (
    middleware: readonly unknown[],
    actor: Actor | null,
    chemin: string,
    context = contextFor(actor),
  ) => {
    const fn = middleware[0] as unknown as (
      args: { request: Request; context: unknown; params: object },
      next: () => Promise<Response>,
    ) => Promise<Response>;
    const reponse = await fn({ request: getRequest(chemin), context, params: {} }, suivant);
    return reponse.text();
  };
  beforeEach(() => {
    suivants = 0;
  });

  it("rend le tableau de bord une fois par personne et par adresse tant que le département ne change pas", async () => {
    const chemin = "/espace/indicateurs?departement=04&periode=annee&annee=2025";
    expect(await passer(middlewareIndicateurs, coordinateur04, chemin)).toBe("<main>tableau 1</main>");
    expect(await passer(middlewareIndicateurs, coordinateur04, chemin)).toBe("<main>tableau 1</main>");
    expect(suivants).toBe(1);
    // Another person (another name in the menu, another token in the sign-out form) gets their own page.
    const autre = acteur("coord-04-bis", [{ role: "coordinateur", departement: "04" }]);
    expect(await passer(middlewareIndicateurs, autre, chemin)).toBe("<main>tableau 2</main>");
    signalerChangement("05");
    await passer(middlewareIndicateurs, coordinateur04, chemin);
    expect(suivants).toBe(2);
    signalerChangement("04");
    expect(await passer(middlewareIndicateurs, coordinateur04, chemin)).toBe("<main>tableau 3</main>");
  });

  it("ne garde pas une page qui lit un message d'un instant", async () => {
    const context = contextFor(coordinateur04);
    context.set(flashContext, { read: "Brouillon enregistré.", next: null });
    await passer(middlewareIndicateurs, coordinateur04, "/espace/indicateurs", context);
    await passer(middlewareIndicateurs, coordinateur04, "/espace/indicateurs", context);
    expect(suivants).toBe(2);
  });

  it("vérifie la permission avant de servir une page gardée : autre rôle, autre département, anonyme", async () => {
    const chemin = "/espace/indicateurs?departement=04";
    await passer(middlewareIndicateurs, coordinateur04, chemin);
    expect((await outcome(() => passer(middlewareIndicateurs, promeneur, chemin))).status).toBe(403);
    expect((await outcome(() => passer(middlewareIndicateurs, coordinateur05, chemin))).status).toBe(404);
    const anonyme = await outcome(() => passer(middlewareIndicateurs, null, chemin));
    expect(anonyme.status).toBe(302);
    expect(anonyme.location).toMatch(/^\/connexion\?retour=/);
    expect((await outcome(() => passer(middlewareNational, coordinateur04, "/espace/national"))).status).toBe(403);
    expect(suivants).toBe(1);
  });

  it("oublie la vue nationale à toute écriture signalée d'un département", async () => {
    await passer(middlewareNational, national, "/espace/national?periode=annee&annee=2025");
    await passer(middlewareNational, national, "/espace/national?periode=annee&annee=2025");
    expect(suivants).toBe(1);
    signalerChangement("2A");
    await passer(middlewareNational, national, "/espace/national?periode=annee&annee=2025");
    expect(suivants).toBe(2);
  });
});
