import { describe, expect, it } from "vitest";
import { axeViolations, newContext, signIn } from "./support/browser";
import { DEMO_PASSWORD } from "./support/demo-server";
import { withDemoBrowser } from "./support/fixtures";

const demo = withDemoBrowser();
const annee = new Date().getFullYear() - 1;

describe("indicateurs et rapport annuel", () => {
  it("filtre les neuf indicateurs sans JavaScript par un formulaire GET dont l'adresse se partage", async () => {
    const context = await newContext(demo.browser, demo.app.url, { javaScript: false });
    const page = await context.newPage();
    await signIn(page, "coordination@demo.pdn04.fr", DEMO_PASSWORD);
    await page.getByRole("link", { name: "Indicateurs", exact: true }).click();
    await page.getByRole("heading", { level: 1 }).waitFor();
    await page.locator('select[name="periode"]').selectOption("annee");
    await page.locator('[name="annee"]').fill(String(annee));
    await page.getByRole("button", { name: "Afficher" }).first().click();
    await page.waitForURL(`**/espace/indicateurs?**annee=${annee}**`);
    const url = page.url();
    // The nine indicators, each with its definition and a chart announced as an image.
    expect(await page.locator('h2[id^="indicateur-"]').count()).toBe(9);
    expect(await page.locator('svg[role="img"]').count()).toBeGreaterThanOrEqual(9);
    await expect(page.locator("body").textContent()).resolves.toContain(`Année ${annee}`);
    // The same address, opened again, gives the same page: the filter lives in the URL.
    await page.goto(url);
    await expect(page.locator("body").textContent()).resolves.toContain(`Année ${annee}`);
    await context.close();
  });

  it("montre le tableau de bord sans violation axe", async () => {
    const context = await newContext(demo.browser, demo.app.url, { javaScript: true });
    const page = await context.newPage();
    await signIn(page, "coordination@demo.pdn04.fr", DEMO_PASSWORD);
    await page.goto(`/espace/indicateurs?periode=annee&annee=${annee}`);
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`/espace/rapport-annuel?annee=${annee}`);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it("génère le rapport annuel en arrière-plan et le télécharge en Word, PDF et Excel, sans JavaScript", async () => {
    const context = await newContext(demo.browser, demo.app.url, { javaScript: false });
    const page = await context.newPage();
    await signIn(page, "coordination@demo.pdn04.fr", DEMO_PASSWORD);
    await page.goto(`/espace/rapport-annuel?annee=${annee}`);
    await page.getByRole("button", { name: `Générer le rapport ${annee}` }).click();
    // The page refreshes itself (meta refresh) until the three links appear.
    const word = page.getByRole("link", { name: /Word/ }).first();
    await word.waitFor({ timeout: 120_000 });
    const liens = await page
      .locator('a[href*="/espace/rapport-annuel/fichiers/"]')
      .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute("href") ?? ""));
    const attendus = { docx: "PK", xlsx: "PK", pdf: "%PDF" } as const;
    for (const [format, debut] of Object.entries(attendus)) {
      const href = liens.find((l) => l.endsWith(`/${format}`));
      expect(href, format).toBeTruthy();
      const reponse = await context.request.get(href as string);
      expect(reponse.status()).toBe(200);
      const corps = await reponse.body();
      expect(corps.subarray(0, debut.length).toString("latin1")).toBe(debut);
      expect(corps.length).toBeGreaterThan(5_000);
    }
    await context.close();
  }, 180_000);
});
