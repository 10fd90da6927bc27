import { afterAll, describe, expect, it } from "vitest";
import { startSmtpServer } from "../tests/support/smtp";
import { axeViolations, newContext, type Page, signIn } from "./support/browser";
import { DEMO_PASSWORD } from "./support/demo-server";
import { withDemoBrowser } from "./support/fixtures";

// Mail goes to a real SMTP server: the invitation has to arrive there, not in a local folder.
const smtp = await startSmtpServer();
const demo = withDemoBrowser({ SMTP_URL: smtp.url });
afterAll(() => smtp.close());

const NEW_EMAIL = "nadia.lambert@exemple.fr";

/** Submits a no-JavaScript form by its button and waits for the next page to be fully loaded. */
async function submit(page: Page, button: string): Promise<number> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    page.getByRole("button", { name: button, exact: true }).click(),
  ]);
  await page.waitForLoadState("load");
  return response.status();
}

async function mainText(page: Page): Promise<string> {
  return (await page.locator("main").textContent()) ?? "";
}

describe("le parcours complet d'un nouveau promeneur, sans JavaScript", () => {
  let promeneurPath = "";

  it("la structure propose, la coordination accepte, l'invitation arrive par SMTP, et tout le cycle se déroule", async () => {
    // 1. The referent of the structure proposes a professional.
    const structure = await newContext(demo.browser, demo.app.url, { javaScript: false });
    const referent = await structure.newPage();
    await signIn(referent, "structure@demo.pdn04.fr", DEMO_PASSWORD);
    await referent.goto("/espace/promeneurs/proposer");
    await referent.getByLabel("Prénom").fill("Nadia");
    await referent.getByLabel("Nom", { exact: true }).fill("Lambert");
    await referent.getByLabel("Adresse e-mail professionnelle").fill(NEW_EMAIL);
    await referent.getByLabel("Fonction").fill("Animatrice jeunesse");
    // Bad hours first: refused next to the field, nothing recorded.
    await referent.getByLabel("Heures consacrées chaque semaine à la mission").fill("80");
    expect(await submit(referent, "Envoyer la proposition")).toBe(400);
    expect(await mainText(referent)).toMatch(/35/);
    await referent.getByLabel("Heures consacrées chaque semaine à la mission").fill("4");
    expect(await submit(referent, "Envoyer la proposition")).toBe(302);
    expect(new URL(referent.url()).pathname).toMatch(/^\/espace\/promeneurs\/[0-9a-f-]{36}$/);
    promeneurPath = new URL(referent.url()).pathname;
    expect(await mainText(referent)).toContain("proposé");
    // The referent may not accept their own proposal: the button is not there…
    expect(await referent.getByRole("button", { name: "Accepter", exact: true }).count()).toBe(0);
    await structure.close();

    // 2. The coordination accepts: the invitation goes out by e-mail.
    const coordination = await newContext(demo.browser, demo.app.url, { javaScript: false });
    const coord = await coordination.newPage();
    await signIn(coord, "coordination@demo.pdn04.fr", DEMO_PASSWORD);
    await coord.goto(promeneurPath);
    expect(await submit(coord, "Accepter")).toBe(302);
    expect(await coord.getByRole("status").textContent()).toContain("c'est enregistré");
    const invitation = await smtp.waitFor((m) => m.to.includes(NEW_EMAIL) && /\/invitation\//.test(m.text));
    const link = invitation.text.match(/https?:\/\/\S+\/invitation\/[\w-]+/)?.[0];
    expect(link).toBeDefined();

    // 3. Charter and initial training: the promeneur is trained, but cannot be activated yet.
    expect(await submit(coord, "Enregistrer la signature de la charte")).toBe(302);
    expect(await submit(coord, "Enregistrer la formation initiale")).toBe(302);
    expect(await mainText(coord)).toContain("formé");
    expect(await submit(coord, "Activer")).toBe(400);
    expect(await mainText(coord)).toContain("aucun de ses profils n'est conforme");

    // 4. The promeneur creates their account from the invitation and declares a profile.
    const invitee = await newContext(demo.browser, demo.app.url, { javaScript: false });
    const own = await invitee.newPage();
    await own.goto(new URL(link as string).pathname);
    await own.getByLabel("Choisissez un mot de passe").fill("un mot de passe de promeneuse");
    await own.getByLabel("Confirmez le mot de passe").fill("un mot de passe de promeneuse");
    await own.getByRole("button", { name: "Accepter l'invitation" }).click();
    await own.waitForURL("**/connexion");
    await signIn(own, NEW_EMAIL, "un mot de passe de promeneuse");
    expect(new URL(own.url()).pathname).toBe("/espace/promeneur");
    await own.goto(`${promeneurPath}/profils`);
    await own.getByLabel("Réseau").selectOption("instagram");
    await own.getByLabel("Adresse du profil ou nom du compte").fill("https://www.instagram.com/promeneuse.durance04/");
    expect(await submit(own, "Ajouter le profil")).toBe(302);
    expect(await mainText(own)).toContain("promeneuse.durance04");
    // …and cannot touch another promeneur's profiles.
    await own.goto("/espace/promeneurs");
    expect(own.url()).not.toContain("/espace/promeneurs/");

    // 5. The coordination verifies the profile, then activates.
    await coord.goto(`${promeneurPath}/profils`);
    await coord.getByRole("link", { name: /Vérifier le profil promeneuse\.durance04/ }).click();
    await coord.waitForLoadState("load");
    for (const box of await coord.getByRole("checkbox").all()) await box.check();
    expect(await submit(coord, "Enregistrer la vérification")).toBe(302);
    await coord.goto(promeneurPath);
    expect(await submit(coord, "Activer")).toBe(302);
    expect(await mainText(coord)).toContain("actif");

    // 6. Suspension needs a reason (blanks are no reason: the server refuses them); reactivation; exit.
    await coord.getByLabel("Motif", { exact: true }).fill("   ");
    expect(await submit(coord, "Suspendre")).toBe(400);
    await coord.getByLabel("Motif", { exact: true }).fill("Congé de longue durée.");
    expect(await submit(coord, "Suspendre")).toBe(302);
    expect(await mainText(coord)).toContain("suspendu");
    expect(await submit(coord, "Réactiver")).toBe(302);
    expect(await submit(coord, "Enregistrer la sortie")).toBe(302);
    expect(await mainText(coord)).toContain("sorti");
    // Every step is in the history.
    expect(await mainText(coord)).toContain("Acceptation d'une proposition de promeneur");
    expect(await mainText(coord)).toContain("Sortie d'un promeneur");

    await coordination.close();
    await invitee.close();
  }, 240_000);

  it("ne laisse pas la coordination d'un autre département ouvrir la fiche", async () => {
    const other = await newContext(demo.browser, demo.app.url, { javaScript: false });
    const page = await other.newPage();
    await signIn(page, "coordination@demo.pdn05.fr", "mot-de-passe-essai-05");
    const response = await page.goto(promeneurPath);
    expect(response?.status()).toBe(404);
    await other.close();
  });
});

describe("les horaires de présence, sans JavaScript", () => {
  it("le promeneur ajoute un créneau, l'enregistre, et un créneau qui chevauche est refusé à côté du champ", async () => {
    const context = await newContext(demo.browser, demo.app.url, { javaScript: false });
    const page = await context.newPage();
    await signIn(page, "promeneur@demo.pdn04.fr", DEMO_PASSWORD);
    await page.getByRole("link", { name: "Mes horaires de présence" }).click();
    await page.waitForLoadState("load");
    const rows = await page.getByRole("group", { name: /^Créneau \d+$/ }).count();
    expect(rows).toBeGreaterThan(0);

    // Adding a row re-renders the form with one more, empty row; nothing is saved yet.
    expect(await submit(page, "Ajouter un créneau")).toBe(200);
    const added = page.getByRole("group", { name: `Créneau ${rows + 1}` });
    await added.getByLabel("Jour").selectOption("7");
    await added.getByLabel("Début").fill("10:00");
    await added.getByLabel("Fin").fill("11:00");
    await added.getByLabel("Instagram").check();
    expect(await submit(page, "Enregistrer")).toBe(302);
    expect(await page.getByRole("status").textContent()).toBeTruthy();
    expect(await page.getByRole("group", { name: /^Créneau \d+$/ }).count()).toBe(rows + 1);

    // An overlapping slot: refused, the message next to the field, nothing saved.
    expect(await submit(page, "Ajouter un créneau")).toBe(200);
    const overlapping = page.getByRole("group", { name: `Créneau ${rows + 2}` });
    await overlapping.getByLabel("Jour").selectOption("7");
    await overlapping.getByLabel("Début").fill("10:30");
    await overlapping.getByLabel("Fin").fill("12:00");
    await overlapping.getByLabel("Instagram").check();
    expect(await submit(page, "Enregistrer")).toBe(400);
    const describedBy = await page
      .getByRole("group", { name: `Créneau ${rows + 2}` })
      .getByLabel("Début")
      .getAttribute("aria-describedby");
    const message = await page.locator(`[id="${describedBy}"]`).textContent();
    expect(message).toMatch(/chevauche/);
    await page.goto(new URL(page.url()).pathname);
    expect(await page.getByRole("group", { name: /^Créneau \d+$/ }).count()).toBe(rows + 1);
    await context.close();
  }, 120_000);
});

describe("le choix du territoire, plus rapide avec JavaScript", () => {
  it("trouve les communes pendant la saisie, sans recharger la page, et ajoute la commune choisie", async () => {
    const context = await newContext(demo.browser, demo.app.url, { javaScript: true });
    const page = await context.newPage();
    await signIn(page, "coordination@demo.pdn04.fr", DEMO_PASSWORD);
    await page.goto("/espace/promeneurs");
    const promeneur =
      (await page.locator("main table a[href^='/espace/promeneurs/']").first().getAttribute("href")) ?? "";
    await page.goto(`${promeneur}/territoire`);
    await page.waitForLoadState("networkidle");
    // A marker in the page's memory: a full page load (a form submitted the old way) would erase it.
    await page.evaluate(() => {
      (window as unknown as { pdnMarker: number }).pdnMarker = 42;
    });
    await page.getByLabel("Rechercher une commune du département").pressSequentially("chateau", { delay: 30 });
    await expect
      .poll(async () => (await page.getByRole("list", { name: "Communes trouvées" }).textContent()) ?? "")
      .toContain("Château-Arnoux-Saint-Auban");
    await expect(page.locator("[aria-live='polite']").first().textContent()).resolves.toMatch(/trouvée/);
    expect(await page.evaluate(() => (window as unknown as { pdnMarker?: number }).pdnMarker)).toBe(42);
    expect(new URL(page.url()).search).toBe("");
    await page.getByRole("button", { name: "Ajouter Château-Arnoux-Saint-Auban" }).click();
    await expect
      .poll(async () => (await page.locator("main").textContent()) ?? "")
      .toMatch(/Château-Arnoux-Saint-Auban[\s\S]*Retirer|Retirer[\s\S]*Château-Arnoux-Saint-Auban/);
    await context.close();
  }, 120_000);
});

describe("les pages du réseau sont accessibles (axe-core)", () => {
  type Ids = { promeneur: string; structure: string; profil: string; annonce: string };
  const pages: { email: string; paths: (ids: Ids) => string[] }[] = [
    {
      email: "coordination@demo.pdn04.fr",
      paths: ({ promeneur, structure, profil, annonce }) => [
        "/espace/promeneurs",
        promeneur,
        `${promeneur}/modifier`,
        `${promeneur}/territoire?q=dig`,
        `${promeneur}/profils`,
        profil,
        `${profil}/verifier`,
        `${promeneur}/horaires`,
        `${promeneur}/fiche`,
        "/espace/structures",
        "/espace/structures/nouvelle",
        structure,
        `${structure}/modifier`,
        `${structure}/charte`,
        "/espace/conformite",
        "/espace/conformite/reglages",
        "/espace/annuaire",
        "/espace/annonces",
        "/espace/annonces/nouvelle",
        annonce,
        "/espace/import",
        "/espace/contenus",
        "/espace/contenus/actualites",
        "/espace/contenus/actualites/nouvelle",
        "/espace/contenus/medias",
        "/espace/contenus/pages",
        "/espace/contenus/pages/accessibilite",
        "/espace/contenus/pages/nouvelle",
        "/espace/numeros",
        "/espace/numeros/nouveau",
        "/espace/ressources",
        "/espace/ressources/nouvelle",
      ],
    },
    {
      email: "structure@demo.pdn04.fr",
      paths: () => ["/espace/structure", "/espace/promeneurs/proposer", "/espace/promeneurs", "/espace/annonces"],
    },
    { email: "promeneur@demo.pdn04.fr", paths: () => ["/espace/promeneur", "/espace/annuaire", "/espace/ressources"] },
  ];

  for (const { email, paths } of pages) {
    it(`ne trouve aucune violation sur les pages de ${email}`, async () => {
      const context = await newContext(demo.browser, demo.app.url, { javaScript: true });
      const page = await context.newPage();
      await signIn(page, email, DEMO_PASSWORD);
      // Ids of a demo promeneur and structure, read from the lists.
      const coordContext = await newContext(demo.browser, demo.app.url, { javaScript: false });
      const lister = await coordContext.newPage();
      await signIn(lister, "coordination@demo.pdn04.fr", DEMO_PASSWORD);
      await lister.goto("/espace/promeneurs");
      const promeneur =
        (await lister.locator("main table a[href^='/espace/promeneurs/']").first().getAttribute("href")) ?? "";
      await lister.goto("/espace/structures");
      const structure =
        (await lister.locator("main table a[href^='/espace/structures/']").first().getAttribute("href")) ?? "";
      await lister.goto(`${promeneur}/profils`);
      const profil = (await lister.locator("main a[href^='/espace/profils/']").first().getAttribute("href")) ?? "";
      await lister.goto("/espace/annonces");
      const annonce =
        (await lister
          .locator("main a[href^='/espace/annonces/']:not([href$='nouvelle'])")
          .first()
          .getAttribute("href")) ?? "";
      await coordContext.close();
      for (const path of paths({ promeneur, structure, profil, annonce })) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(200);
        expect(await axeViolations(page), path).toEqual([]);
      }
      await context.close();
    }, 240_000);
  }
});
