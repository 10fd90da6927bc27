import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { heuresDeFormation } from "~/domain/regroupements/participation.rules";
import type { AppProcess } from "./support/app-process";
import { axeViolations, type Browser, launchBrowser, newContext, type Page, signIn } from "./support/browser";
import { DEMO_PASSWORD, startDemoServer } from "./support/demo-server";

/** The gathering e2e/support/seed-regroupement.ts adds: started an hour ago, nine promeneurs invited. */
type Seed = { id: string; debut: string; fin: string; formation: string; jeton: string };

let app: AppProcess;
let browser: Browser;
let seed: Seed;

beforeAll(async () => {
  const prepare = async (dataDir: string) => {
    const run = spawnSync("node_modules/.bin/tsx", ["e2e/support/seed-regroupement.ts"], {
      env: { ...process.env, DATA_DIR: dataDir, DEMO: "0", LOG_LEVEL: "silent" },
      encoding: "utf8",
    });
    if (run.status !== 0) throw new Error(`seed-regroupement failed: ${run.stderr}${run.stdout}`);
    seed = JSON.parse(run.stdout.trim().split("\n").at(-1) ?? "") as Seed;
  };
  [app, browser] = await Promise.all([startDemoServer({}, prepare), launchBrowser()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const TYPE = "Supervision, analyse de la pratique";

async function session(options: { javaScript: boolean }) {
  const context = await newContext(browser, app.url, { ...options, telephone: true });
  const page = await context.newPage();
  const erreurs: string[] = [];
  page.on("pageerror", (e) => erreurs.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") erreurs.push(m.text());
  });
  await signIn(page, "coordination@demo.pdn04.fr", DEMO_PASSWORD);
  return { context, page, erreurs };
}

/** The figures of the practice analysis row of /espace/participation?type=… (zeros when absent). */
async function ligneParticipation(page: Page) {
  const response = await page.goto("/espace/participation?type=analyse_pratique");
  expect(response?.status()).toBe(200);
  const ligne = page.locator("main tr", { has: page.locator("th", { hasText: TYPE }) });
  if ((await ligne.count()) === 0) {
    return { regroupements: 0, invitations: 0, notees: 0, presents: 0, excuses: 0, absents: 0, heures: 0 };
  }
  const nombres = (await ligne.locator("td").allTextContents()).map((t) =>
    Number(t.replace(/[\s\u00a0\u202f]|h|%/g, "").replace(",", ".")),
  );
  const [regroupements = 0, invitations = 0, notees = 0, presents = 0, excuses = 0, absents = 0, , heures = 0] =
    nombres;
  return { regroupements, invitations, notees, presents, excuses, absents, heures };
}

const personnes = (page: Page) => page.locator("main fieldset");

describe("présences d'un regroupement sur le téléphone de la coordination", () => {
  it("note les neuf présences en moins d'une minute, et l'indicateur de participation suit", async () => {
    const { context, page, erreurs } = await session({ javaScript: true });
    const avant = await ligneParticipation(page);

    await page.goto(`/espace/regroupements/${seed.id}/presences`);
    await expect(personnes(page).count()).resolves.toBe(9);
    // Hydrated: React's own properties are on the buttons, so a tap goes through the fetcher.
    await page.waitForFunction(() => {
      const bouton = document.querySelector("main fieldset button");
      return bouton !== null && Object.keys(bouton).some((k) => k.startsWith("__reactFiber"));
    });
    const reponses: number[] = [];
    page.on("response", (r) => {
      if (r.request().method() === "POST") reponses.push(r.status());
    });

    const choix = ["Présent", "Présent", "Excusé", "Présent", "Absent", "Présent", "Présent", "Excusé", "Présent"];
    const debut = Date.now();
    for (const [n, nom] of choix.entries()) {
      const bouton = personnes(page).nth(n).getByRole("button", { name: nom, exact: true });
      await bouton.click();
      // The choice shows as pressed at once (before the server has answered).
      await personnes(page).nth(n).locator('button[aria-pressed="true"]', { hasText: nom }).waitFor();
    }
    await page.waitForFunction(() => document.querySelector("main [aria-live]")?.textContent?.includes("0 à noter"));
    await expect.poll(() => reponses.length, { timeout: 15_000 }).toBe(9);
    const duree = Date.now() - debut;
    expect(reponses.every((s) => s === 200)).toBe(true);
    expect(duree).toBeLessThan(60_000);
    // Recorded without any reload: still on the same page, the counter says so.
    await expect(page.locator("main [aria-live]").textContent()).resolves.toContain("6 présents sur 9");
    expect(await axeViolations(page)).toEqual([]);

    // Read back from the server.
    await page.reload();
    await expect(page.locator("main [aria-pressed=true]").count()).resolves.toBe(9);

    const apres = await ligneParticipation(page);
    const heures = heuresDeFormation(new Date(seed.debut), new Date(seed.fin));
    expect(apres.invitations).toBeGreaterThanOrEqual(9);
    expect({
      regroupements: apres.regroupements - avant.regroupements,
      invitations: apres.invitations - avant.invitations,
      notees: apres.notees - avant.notees,
      presents: apres.presents - avant.presents,
      excuses: apres.excuses - avant.excuses,
      absents: apres.absents - avant.absents,
      heures: apres.heures - avant.heures,
    }).toEqual({
      // The gathering and its nine invitations were counted before (held, not cancelled): only attendance changed.
      regroupements: 0,
      invitations: 0,
      notees: 9,
      presents: 6,
      excuses: 2,
      absents: 1,
      heures: 6 * heures,
    });
    expect(await axeViolations(page)).toEqual([]);
    expect(erreurs).toEqual([]);
    await context.close();
  }, 120_000);

  it("sans JavaScript, un appui enregistre et revient sur la personne, son choix affiché", async () => {
    const { context, page, erreurs } = await session({ javaScript: false });
    await page.goto(`/espace/regroupements/${seed.id}/presences`);
    const derniere = personnes(page).nth(8);
    const bouton = derniere.getByRole("button", { name: "Absent", exact: true });
    const [reponse] = await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), bouton.click()]);
    expect(reponse.status()).toBe(302);
    await page.waitForLoadState("load");
    expect(new URL(page.url()).hash).toMatch(/^#p-[0-9a-f-]{36}$/);
    await expect(bouton.getAttribute("aria-pressed")).resolves.toBe("true");
    await expect(
      derniere.getByRole("button", { name: "Présent", exact: true }).getAttribute("aria-pressed"),
    ).resolves.toBe("false");
    // The page came back scrolled to that person.
    const visible = await derniere.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.top < window.innerHeight;
    });
    expect(visible).toBe(true);
    expect(erreurs).toEqual([]);
    await context.close();
  }, 60_000);
});

describe("les pages des regroupements et des comités sont accessibles (axe-core)", () => {
  /** The first link of `main` whose address matches, read on `path`. */
  async function lien(page: Page, path: string, motif: RegExp): Promise<string> {
    await page.goto(path);
    const hrefs = await page.locator("main a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    const href = hrefs.find((h) => motif.test(h));
    if (!href) throw new Error(`aucun lien ${motif} sur ${path}`);
    return href;
  }

  async function sansViolation(page: Page, paths: string[]) {
    for (const path of paths) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      expect(await axeViolations(page), path).toEqual([]);
    }
  }

  it("pour la coordination, un promeneur, un membre du comité de pilotage, et la page de réponse d'un invité", async () => {
    const coordination = await newContext(browser, app.url, { javaScript: true });
    const page = await coordination.newPage();
    await signIn(page, "coordination@demo.pdn04.fr", DEMO_PASSWORD);
    const comite = await lien(page, "/espace/comites", /^\/espace\/comites\/[0-9a-f-]{36}$/);
    const reunion = await lien(page, comite, /^\/espace\/regroupements\/[0-9a-f-]{36}$/);
    const decision = await lien(page, comite, /^\/espace\/decisions\/[0-9a-f-]{36}$/);
    await sansViolation(page, [
      "/espace/regroupements",
      "/espace/regroupements/nouveau",
      `/espace/regroupements/${seed.formation}`,
      `/espace/regroupements/${seed.formation}/modifier`,
      `/espace/regroupements/${seed.formation}/documents`,
      "/espace/comites",
      "/espace/comites/nouveau",
      comite,
      reunion,
      `${reunion}/decisions`,
      `${reunion}/documents`,
      decision,
      "/espace/calendrier",
    ]);
    await coordination.close();

    for (const email of ["promeneur@demo.pdn04.fr", "copil@demo.pdn04.fr"]) {
      const context = await newContext(browser, app.url, { javaScript: true });
      const personne = await context.newPage();
      await signIn(personne, email, DEMO_PASSWORD);
      const invitation = await lien(personne, "/espace/regroupements", /^\/espace\/regroupements\/[0-9a-f-]{36}$/);
      await sansViolation(personne, ["/espace/regroupements", invitation, "/espace/calendrier"]);
      if (email.startsWith("copil")) await sansViolation(personne, ["/espace/comites", "/espace/pilotage"]);
      await context.close();
    }

    // axe runs as a script: the answer page itself ships none (public layout).
    const invite = await newContext(browser, app.url, { javaScript: true, telephone: true });
    const reponse = await invite.newPage();
    await sansViolation(reponse, [`/reponse/${seed.jeton}`, `/reponse/${seed.jeton}?choix=oui`]);
    await invite.close();
  }, 180_000);
});
