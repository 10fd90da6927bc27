import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppProcess } from "./support/app-process";
import { axeViolations, type Browser, launchBrowser, newContext } from "./support/browser";
import { startDemoServer } from "./support/demo-server";

const PUBLIC_PAGES = [
  "/",
  "/promeneurs",
  "/carte",
  "/actualites",
  "/agenda",
  "/ressources",
  "/devenir-promeneur",
  "/besoin-d-aide",
  "/contact",
  "/charte",
  "/appels",
  "/mentions-legales",
  "/confidentialite",
  "/accessibilite",
  "/plan-du-site",
  "/connexion",
  "/mot-de-passe-oublie",
];

let app: AppProcess;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("pages publiques, sans JavaScript", () => {
  for (const path of PUBLIC_PAGES) {
    it(`${path} répond, n'envoie aucun script, a un seul h1 et aucune violation axe`, async () => {
      const html = await (await fetch(`${app.url}${path}`)).text();
      expect(html).not.toMatch(/<script/i);
      expect(html).toMatch(/<html lang="fr"/);
      const context = await newContext(browser, app.url, { javaScript: false });
      const page = await context.newPage();
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      expect(await page.locator("h1").count()).toBe(1);
      expect(await page.locator("a[href='/besoin-d-aide']").count()).toBeGreaterThan(0);
      await expect(page.locator("a", { hasText: "Aller au contenu" }).getAttribute("href")).resolves.toBe("#contenu");
      await context.close();
      // The page ships no script, so it renders the same with JavaScript on, which axe-core needs.
      const axeContext = await newContext(browser, app.url, { javaScript: true });
      const axePage = await axeContext.newPage();
      await axePage.goto(path);
      expect(await axeViolations(axePage)).toEqual([]);
      await axeContext.close();
    });
  }

  it("répond 404 en français sur une adresse inconnue, sans violation axe", async () => {
    const context = await newContext(browser, app.url, { javaScript: true });
    const page = await context.newPage();
    const response = await page.goto("/cette-page-n-existe-pas");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Page introuvable");
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it("garde la page d'accueil légère (HTML et CSS compressés sous 40 Ko)", async () => {
    const response = await fetch(`${app.url}/`, { headers: { "accept-encoding": "gzip" } });
    const html = await response.text();
    const css = html.match(/href="(\/assets\/[^"]+\.css)"/)?.[1];
    expect(css).toBeDefined();
    const cssResponse = await fetch(`${app.url}${css}`, { headers: { "accept-encoding": "gzip" } });
    const htmlBytes = Buffer.byteLength(html);
    const cssBytes = Buffer.byteLength(await cssResponse.text());
    // Uncompressed sizes bound the compressed ones from above.
    expect(htmlBytes + cssBytes).toBeLessThan(120_000);
    expect(cssResponse.headers.get("cache-control")).toContain("immutable");
  });
});
