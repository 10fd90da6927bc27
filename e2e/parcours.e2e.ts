import { describe, expect, it } from "vitest";
import { axeViolations, newContext, signIn } from "./support/browser";
import { DEMO_PASSWORD } from "./support/demo-server";
import { withDemoBrowser } from "./support/fixtures";

const demo = withDemoBrowser();

const homes = [
  { email: "coordination@demo.pdn04.fr", path: "/espace/coordination", heading: "Tableau de bord de la coordination" },
  { email: "promeneur@demo.pdn04.fr", path: "/espace/promeneur", heading: "Bonjour Sami Roux (démo)" },
  { email: "structure@demo.pdn04.fr", path: "/espace/structure", heading: "Ma structure" },
  { email: "copil@demo.pdn04.fr", path: "/espace/pilotage", heading: "Pilotage du dispositif" },
];

// Each home page is also checked with axe-core, with the other pages of its account
// (rapport-mensuel.e2e.ts and reseau.e2e.ts).
describe("connexion des comptes de démonstration", () => {
  for (const { email, path, heading } of homes) {
    it(`connecte ${email} sans JavaScript et l'amène sur l'accueil de son rôle`, async () => {
      const context = await newContext(demo.browser, demo.app.url, { javaScript: false });
      const page = await context.newPage();
      await signIn(page, email, DEMO_PASSWORD);
      expect(new URL(page.url()).pathname).toBe(path);
      await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(heading);
      expect(await page.locator("h1").count()).toBe(1);
      await context.close();
    });
  }

  it("connecte la coordination avec JavaScript, puis la déconnecte", async () => {
    const context = await newContext(demo.browser, demo.app.url, { javaScript: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    await signIn(page, "coordination@demo.pdn04.fr", DEMO_PASSWORD);
    await page.waitForURL("**/espace/coordination");
    await page.getByRole("link", { name: "Équipe et invitations" }).click();
    await page.getByRole("heading", { level: 1, name: "Équipe et invitations" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/espace/equipe");
    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await page.waitForURL("**/connexion");
    await expect(page.getByRole("status").textContent()).resolves.toContain("Vous êtes déconnecté.");
    await page.goto("/espace/coordination");
    expect(new URL(page.url()).pathname).toBe("/connexion");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("affiche l'erreur à côté du formulaire pour un mauvais mot de passe", async () => {
    const context = await newContext(demo.browser, demo.app.url, { javaScript: false });
    const page = await context.newPage();
    await page.goto("/connexion");
    await page.getByLabel("Adresse e-mail").fill("coordination@demo.pdn04.fr");
    await page.getByLabel("Mot de passe").fill("pas-le-bon");
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Se connecter" }).click(),
    ]);
    expect(response.status()).toBe(400);
    await expect(page.getByRole("alert").textContent()).resolves.toContain("Adresse e-mail ou mot de passe incorrect.");
    await context.close();
  });
});

describe("permissions", () => {
  it("montre la page 403 à un membre du comité de pilotage qui demande une page de la coordination", async () => {
    const context = await newContext(demo.browser, demo.app.url, { javaScript: false });
    const page = await context.newPage();
    await signIn(page, "copil@demo.pdn04.fr", DEMO_PASSWORD);
    for (const path of ["/espace/equipe", "/espace/coordination", "/espace/journal"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Accès refusé");
    }
    await context.close();
    const withJs = await newContext(demo.browser, demo.app.url, { javaScript: true });
    const jsPage = await withJs.newPage();
    await signIn(jsPage, "copil@demo.pdn04.fr", DEMO_PASSWORD);
    await jsPage.goto("/espace/equipe");
    expect(await axeViolations(jsPage)).toEqual([]);
    await withJs.close();
  });

  it("ne montre aucune donnée du 04 à la coordination d'un autre département", async () => {
    const context = await newContext(demo.browser, demo.app.url, { javaScript: false });
    const page = await context.newPage();
    await signIn(page, "coordination@demo.pdn05.fr", "mot-de-passe-essai-05");
    expect(new URL(page.url()).pathname).toBe("/espace/coordination");
    const structures = await page.goto("/espace/structures");
    expect(structures?.status()).toBe(200);
    const text = (await page.locator("main").textContent()) ?? "";
    expect(text).toContain("Département 05");
    expect(text).not.toContain("Centre social Les Trois Vallées");
    expect(text).toContain("Aucune structure ne correspond.");
    const team = await page.goto("/espace/equipe");
    expect(team?.status()).toBe(200);
    expect((await page.locator("main").textContent()) ?? "").not.toContain("demo.pdn04.fr");
    for (const path of [
      "/espace/structures?departement=04",
      "/espace/equipe?departement=04",
      "/espace/journal?departement=04",
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
    }
    await context.close();
  });
});

// The indicators and the annual report share this file's demo server (one server start less in CI).
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
