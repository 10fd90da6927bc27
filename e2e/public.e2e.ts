import type { Request } from "playwright-core";
import { describe, expect, it } from "vitest";
import { PAGES_PUBLIQUES } from "../app/domain/public/pages-publiques";
import { axeViolations, newContext } from "./support/browser";
import { withDemoBrowser } from "./support/fixtures";

const PUBLIC_PAGES = [...PAGES_PUBLIQUES, "/connexion", "/mot-de-passe-oublie"];

/** A public profile of the demo (an actif promeneur with conforming profiles). */
const DEMO_PROFILE = "/promeneurs/lea-espace-jeunes-manosque";

const demo = withDemoBrowser();

describe("pages publiques, sans JavaScript", () => {
  for (const path of [...PUBLIC_PAGES, DEMO_PROFILE]) {
    it(`${path} répond, n'envoie aucun script, a un seul h1 et aucune violation axe`, async () => {
      const html = await (await fetch(`${demo.app.url}${path}`)).text();
      expect(html).not.toMatch(/<script/i);
      expect(html).toMatch(/<html lang="fr"/);
      const context = await newContext(demo.browser, demo.app.url, { javaScript: false });
      const page = await context.newPage();
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      expect(await page.locator("h1").count()).toBe(1);
      expect(await page.locator("a[href='/besoin-d-aide']").count()).toBeGreaterThan(0);
      await expect(page.locator("a", { hasText: "Aller au contenu" }).getAttribute("href")).resolves.toBe("#contenu");
      await context.close();
      // The page ships no script, so it renders the same with JavaScript on, which axe-core needs.
      const axeContext = await newContext(demo.browser, demo.app.url, { javaScript: true });
      const axePage = await axeContext.newPage();
      await axePage.goto(path);
      expect(await axeViolations(axePage)).toEqual([]);
      await axeContext.close();
    });
  }

  it("répond 404 en français sur une adresse inconnue, sans violation axe", async () => {
    const context = await newContext(demo.browser, demo.app.url, { javaScript: true });
    const page = await context.newPage();
    const response = await page.goto("/cette-page-n-existe-pas");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Page introuvable");
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it("garde la page d'accueil légère (HTML et CSS compressés sous 40 Ko)", async () => {
    const response = await fetch(`${demo.app.url}/`, { headers: { "accept-encoding": "gzip" } });
    const html = await response.text();
    const css = html.match(/href="(\/assets\/[^"]+\.css)"/)?.[1];
    expect(css).toBeDefined();
    const cssResponse = await fetch(`${demo.app.url}${css}`, { headers: { "accept-encoding": "gzip" } });
    const htmlBytes = Buffer.byteLength(html);
    const cssBytes = Buffer.byteLength(await cssResponse.text());
    // Uncompressed sizes bound the compressed ones from above.
    expect(htmlBytes + cssBytes).toBeLessThan(120_000);
    expect(cssResponse.headers.get("cache-control")).toContain("immutable");
  });
});

describe("contenu des pages publiques", () => {
  const htmlOf = async (path: string) => (await fetch(`${demo.app.url}${path}`)).text();

  it("/besoin-d-aide donne les numéros d'urgence avant les lignes d'écoute, en liens tel: et sms:", async () => {
    const html = await htmlOf("/besoin-d-aide");
    for (const href of [
      "tel:112",
      "tel:15",
      "tel:17",
      "tel:18",
      "sms:114",
      "tel:3114",
      "tel:119",
      "tel:3018",
      "tel:0800235236",
      "tel:3919",
      "tel:0800231313",
      "https://www.internet-signalement.gouv.fr",
      "https://www.miviludes.interieur.gouv.fr",
    ]) {
      expect(html, href).toContain(`href="${href}"`);
    }
    const urgence = html.indexOf('id="urgence"');
    const ecoute = html.indexOf('id="ecoute"');
    const signalement = html.indexOf('id="signalement"');
    expect(urgence).toBeGreaterThan(0);
    expect(urgence).toBeLessThan(ecoute);
    expect(ecoute).toBeLessThan(signalement);
    expect(html.indexOf('href="tel:112"')).toBeLessThan(ecoute);
    expect(html.indexOf('href="tel:3114"')).toBeGreaterThan(ecoute);
    expect(html).toContain("CRIP");
  });

  it("/besoin-d-aide tient sur un petit téléphone avec des liens d'appel d'au moins 44 px", async () => {
    const context = await newContext(demo.browser, demo.app.url, { javaScript: true });
    const page = await context.newPage();
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto("/besoin-d-aide");
    const links = page.locator("a[href^='tel:'], a[href^='sms:']");
    const count = await links.count();
    expect(count).toBeGreaterThanOrEqual(11);
    for (let i = 0; i < count; i++) {
      const link = links.nth(i);
      if (!(await link.evaluate((el) => el.closest("#urgence, #ecoute") !== null))) continue;
      const box = await link.boundingBox();
      expect(box?.height ?? 0, (await link.getAttribute("href")) ?? undefined).toBeGreaterThanOrEqual(44);
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });

  it("l'accueil mène à l'annuaire, à la carte, à l'aide urgente et au réseau", async () => {
    const html = await htmlOf("/");
    for (const href of ["/promeneurs", "/carte", "/besoin-d-aide", "/devenir-promeneur", "tel:112", "tel:3114"]) {
      expect(html, href).toContain(`href="${href}"`);
    }
    expect(html).toContain("En ligne maintenant");
  });

  it("les pages pas encore alimentées le disent, sans données inventées", async () => {
    const expected: Record<string, string> = {
      "/actualites": "Aucune actualité publiée pour le moment.",
      "/agenda": "Aucun événement public annoncé pour le moment.",
      "/ressources": "Aucune ressource publiée pour le moment.",
      "/appels": "Aucun appel à candidatures ouvert pour le moment.",
    };
    for (const [path, text] of Object.entries(expected)) expect(await htmlOf(path), path).toContain(text);
  });

  it("le plan du site mène à chaque page publique et à la connexion", async () => {
    const html = await htmlOf("/plan-du-site");
    const main = html.slice(html.indexOf("<main"), html.indexOf("</main>"));
    for (const path of [...PUBLIC_PAGES.filter((p) => p !== "/mot-de-passe-oublie")]) {
      expect(main, path).toContain(`href="${path}"`);
    }
  });

  it("la déclaration d'accessibilité et la politique de confidentialité donnent les informations attendues", async () => {
    const accessibilite = await htmlOf("/accessibilite");
    expect(accessibilite).toContain("RGAA");
    expect(accessibilite).toContain("29 novembre 2026");
    expect(accessibilite).toContain("Défenseur des droits");
    const confidentialite = await htmlOf("/confidentialite");
    for (const cookie of ["pdn_session", "pdn_csrf"]) expect(confidentialite).toContain(cookie);
    expect(confidentialite).toContain("cnil.fr");
  });
});

describe("poids des pages publiques (connexion mobile faible)", () => {
  /** Bytes received for a page and everything it loads: compressed bodies, and the HTML as sent. */
  async function weigh(path: string): Promise<{ total: number; html: number; scripts: number }> {
    const context = await newContext(demo.browser, demo.app.url, { javaScript: false });
    const page = await context.newPage();
    const requests: Request[] = [];
    page.on("requestfinished", (request) => requests.push(request));
    const response = await page.goto(path, { waitUntil: "load" });
    expect(response?.status(), path).toBe(200);
    const html = (await response?.body())?.length ?? 0;
    let total = 0;
    let scripts = 0;
    for (const request of requests) {
      const sizes = await request.sizes();
      total += sizes.responseBodySize + sizes.responseHeadersSize;
      if (request.resourceType() === "script") scripts += 1;
    }
    await context.close();
    console.info(`${path} : ${total} octets transférés, HTML ${html} octets, ${requests.length} requêtes`);
    return { total, html, scripts };
  }

  it("l'accueil pèse moins de 100 Ko transférés, dont moins de 30 Ko de HTML, sans script", async () => {
    const home = await weigh("/");
    // The measure itself is real: the page and its stylesheet were received.
    expect(home.total).toBeGreaterThan(2 * 1024);
    expect(home.scripts).toBe(0);
    expect(home.html).toBeLessThan(30 * 1024);
    expect(home.total).toBeLessThan(100 * 1024);
  });

  it("l'annuaire des promeneurs pèse moins de 150 Ko transférés, photos comprises", async () => {
    const annuaire = await weigh("/promeneurs");
    expect(annuaire.total).toBeGreaterThan(2 * 1024);
    expect(annuaire.scripts).toBe(0);
    expect(annuaire.total).toBeLessThan(150 * 1024);
  });
});
