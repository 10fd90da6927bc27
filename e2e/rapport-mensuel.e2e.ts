import { describe, expect, it } from "vitest";
import { jourParis } from "~/lib/jour";
import { axeViolations, type Browser, newContext, type Page, signIn } from "./support/browser";
import { DEMO_PASSWORD } from "./support/demo-server";
import { withDemoBrowser } from "./support/fixtures";

const demo = withDemoBrowser();

/** The month the demo promeneur has not reported yet: the previous one (Europe/Paris). */
function moisPrecedent(now = new Date()): string {
  const { annee, mois } = jourParis(now);
  const a = mois === 1 ? annee - 1 : annee;
  const m = mois === 1 ? 12 : mois - 1;
  return `${a}-${String(m).padStart(2, "0")}`;
}

const MOIS = moisPrecedent();

async function session(browser: Browser, email: string, options: { javaScript: boolean; telephone?: boolean }) {
  const context = await newContext(browser, demo.app.url, options);
  const page = await context.newPage();
  const erreurs: string[] = [];
  page.on("pageerror", (e) => erreurs.push(e.message));
  page.on("console", (m) => {
    // A refused form answers 400 on purpose: the browser logs the status, which is no script error.
    if (m.type() === "error" && !m.text().includes("status of 400")) erreurs.push(m.text());
  });
  await signIn(page, email, DEMO_PASSWORD);
  return { context, page, erreurs };
}

/** Submits with a button and answers the POST's status (the page then shows what the server answered). */
async function envoyer(page: Page, bouton: string): Promise<number> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    page.getByRole("button", { name: bouton }).click(),
  ]);
  await page.waitForLoadState("load");
  return response.status();
}

const groupe = (page: Page, nom: string) => page.getByRole("group", { name: nom, exact: true });

describe("bilan mensuel : du téléphone du promeneur à la validation", () => {
  it("le promeneur le remplit sans JavaScript, la coordination le renvoie, il le corrige avec JavaScript, elle le valide", async () => {
    // 1. Sans JavaScript, sur un petit téléphone : le mois précédent est en retard, le promeneur le remplit.
    const promeneur = await session(demo.browser, "promeneur@demo.pdn04.fr", { javaScript: false, telephone: true });
    let page = promeneur.page;
    await page.goto("/espace/mes-rapports");
    await page.locator(`a[href="/espace/mes-rapports/${MOIS}"]`).click();
    await page.waitForURL(`**/espace/mes-rapports/${MOIS}`);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toMatch(/^Bilan d/);
    // Nothing is wider than the phone: no horizontal scrolling to fill the form.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    await groupe(page, "Nouveaux jeunes en contact ce mois, par âge").getByLabel("15–17 ans").fill("3");
    await groupe(page, "File active : jeunes suivis ce mois, par âge (nouveaux compris)")
      .getByLabel("15–17 ans")
      .fill("7");
    await groupe(page, "Échanges par canal").getByLabel("Messages privés").fill("20");
    await groupe(page, "Échanges par canal").getByLabel("Commentaires publics").fill("4");
    await page.getByLabel("Échanges individuels").fill("22");
    await page.getByLabel("Échanges collectifs").fill("2");
    await groupe(page, "Demandes par thème").getByLabel("Scolarité et études").fill("5");
    await page.getByLabel("Heures de présence en ligne").fill("12,5");
    // A phone number in the highlight: refused with the reason, next to the field, nothing written.
    await page.getByLabel("Fait marquant du mois (facultatif)").fill("Une jeune m'a laissé son 06 12 34 56 78");
    expect(await envoyer(page, "Soumettre à la coordination")).toBe(400);
    const faitMarquant = page.getByLabel("Fait marquant du mois (facultatif)");
    const decrit = (await faitMarquant.getAttribute("aria-describedby"))?.split(" ") ?? [];
    const descriptions = await Promise.all(decrit.map((id) => page.locator(`[id="${id}"]`).textContent()));
    expect(descriptions.join(" ")).toContain("Ce texte contient un numéro de téléphone");
    // The figures typed are kept after the refusal, without JavaScript.
    await expect(groupe(page, "Échanges par canal").getByLabel("Messages privés").inputValue()).resolves.toBe("20");

    await faitMarquant.fill("Atelier sur le harcèlement en ligne au collège avec 3 classes");
    expect(await envoyer(page, "Soumettre à la coordination")).toBe(302);
    expect(new URL(page.url()).pathname).toBe("/espace/mes-rapports");
    await expect(page.getByRole("status").textContent()).resolves.toContain("soumis à la coordination");
    await page.goto(`/espace/mes-rapports/${MOIS}`);
    await expect(page.locator("main").textContent()).resolves.toContain("Statut : Soumis");
    expect(promeneur.erreurs).toEqual([]);

    // 2. La coordination, avec JavaScript, le renvoie pour correction avec un commentaire.
    const coordination = await session(demo.browser, "coordination@demo.pdn04.fr", { javaScript: true });
    await coordination.page.goto(`/espace/rapports?mois=${MOIS}&statut=soumis`);
    await coordination.page.getByRole("link", { name: /^Sami/ }).click();
    await coordination.page.getByRole("heading", { name: "Revue de la coordination" }).waitFor();
    expect(await axeViolations(coordination.page)).toEqual([]);
    await coordination.page
      .getByLabel("Commentaire pour le promeneur")
      .fill("Les demandes par thème semblent incomplètes.");
    await coordination.page.getByRole("button", { name: "Renvoyer pour correction" }).click();
    await coordination.page
      .getByRole("status")
      .filter({ hasText: /renvoy/i })
      .waitFor();

    // 3. Le promeneur, avec JavaScript sur son téléphone, voit le commentaire, corrige ; les totaux suivent sa saisie.
    await promeneur.context.close();
    const correction = await session(demo.browser, "promeneur@demo.pdn04.fr", { javaScript: true, telephone: true });
    page = correction.page;
    await page.goto(`/espace/mes-rapports/${MOIS}`);
    await page.getByRole("heading", { name: "La coordination vous demande de corriger ce bilan" }).waitFor();
    await expect(page.locator("main").textContent()).resolves.toContain("Les demandes par thème semblent incomplètes.");
    expect(await axeViolations(page)).toEqual([]);
    await groupe(page, "Demandes par thème").getByLabel("Santé", { exact: true }).fill("6");
    await expect(groupe(page, "Demandes par thème").textContent()).resolves.toContain("Demandes : 11");
    // The total of exchanges follows each figure typed.
    await groupe(page, "Échanges par canal").getByLabel("Commentaires publics").fill("0");
    await expect(groupe(page, "Échanges par canal").textContent()).resolves.toContain("Total des échanges : 20");
    await groupe(page, "Échanges par canal").getByLabel("Commentaires publics").fill("4");
    await expect(groupe(page, "Échanges par canal").textContent()).resolves.toContain("Total des échanges : 24");
    await Promise.all([
      page.waitForURL("**/espace/mes-rapports"),
      page.getByRole("button", { name: "Soumettre à la coordination" }).click(),
    ]);
    await page.getByRole("status").filter({ hasText: "soumis à la coordination" }).waitFor();
    expect(correction.erreurs).toEqual([]);
    await correction.context.close();

    // 4. La coordination le valide ; il est verrouillé.
    await coordination.page.reload();
    await coordination.page.getByRole("button", { name: "Valider" }).click();
    await coordination.page.getByRole("status").filter({ hasText: /valid/i }).waitFor();
    await expect(coordination.page.getByRole("button", { name: "Valider" }).count()).resolves.toBe(0);
    expect(coordination.erreurs).toEqual([]);
    await coordination.context.close();

    const relecture = await session(demo.browser, "promeneur@demo.pdn04.fr", { javaScript: false, telephone: true });
    await relecture.page.goto(`/espace/mes-rapports/${MOIS}`);
    await expect(relecture.page.locator("main").textContent()).resolves.toContain("Ce bilan est validé");
    await expect(relecture.page.getByRole("button", { name: "Soumettre à la coordination" }).count()).resolves.toBe(0);
    await relecture.context.close();
  });
});

describe("les pages de l'activité sont accessibles (axe-core)", () => {
  /** The address of the first link of a list page that matches `selecteur`. */
  async function premierLien(page: Page, liste: string, selecteur: string): Promise<string> {
    await page.goto(liste);
    const href = await page.locator(`main ${selecteur}`).first().getAttribute("href");
    if (!href) throw new Error(`aucun lien ${selecteur} sur ${liste}`);
    return href;
  }

  const comptes: { email: string; paths: (page: Page) => Promise<string[]> }[] = [
    {
      email: "coordination@demo.pdn04.fr",
      paths: async (page) => [
        "/espace/rapports",
        "/espace/rapports/retards",
        await premierLien(page, "/espace/rapports", "table a[href^='/espace/rapports/']"),
        "/espace/situations",
        await premierLien(page, "/espace/situations", "a[href^='/espace/situations/']:not([href$='nouvelle'])"),
        "/espace/projets",
        await premierLien(page, "/espace/projets", "a[href^='/espace/projets/']:not([href$='nouveau'])"),
        "/espace/communication",
        "/espace/communication/nouvelle",
        await premierLien(page, "/espace/communication", "a[href^='/espace/communication/']:not([href$='nouvelle'])"),
        "/espace/coordination",
      ],
    },
    {
      email: "promeneur@demo.pdn04.fr",
      paths: async (page) => [
        "/espace/mes-rapports",
        await premierLien(page, "/espace/mes-rapports", "a[href^='/espace/mes-rapports/']:last-of-type"),
        "/espace/situations",
        "/espace/situations/nouvelle",
        "/espace/situations/nouvelle?categorie=harcelement",
        "/espace/projets?vue=miens",
        "/espace/projets/nouveau",
      ],
    },
    { email: "structure@demo.pdn04.fr", paths: async () => ["/espace/rapports", "/espace/projets"] },
    { email: "copil@demo.pdn04.fr", paths: async () => ["/espace/pilotage", "/espace/communication"] },
  ];

  for (const { email, paths } of comptes) {
    it(`ne trouve aucune violation sur les pages de ${email}`, async () => {
      const { context, page, erreurs } = await session(demo.browser, email, { javaScript: true });
      for (const path of await paths(page)) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(200);
        expect(await axeViolations(page), path).toEqual([]);
      }
      expect(erreurs).toEqual([]);
      await context.close();
    }, 120_000);
  }
});
