import { describe, expect, it } from "vitest";
import { newContext, signIn } from "./support/browser";
import { DEMO_PASSWORD } from "./support/demo-server";
import { withDemoBrowser } from "./support/fixtures";

const demo = withDemoBrowser();

describe("invitation d'une nouvelle personne, sans JavaScript", () => {
  it("la coordination invite, l'e-mail arrive dans la boîte de démo, l'invitée choisit son mot de passe et se connecte", async () => {
    const coordination = await newContext(demo.browser, demo.app.url, { javaScript: false });
    const page = await coordination.newPage();
    await signIn(page, "coordination@demo.pdn04.fr", DEMO_PASSWORD);
    await page.goto("/espace/equipe");

    // A bad e-mail first: the error is shown next to the field and nothing is sent.
    await page.getByLabel("Prénom et nom").fill("Léa Martin");
    await page.getByLabel("Adresse e-mail").fill("lea.martin@");
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Envoyer l'invitation" }).click(),
    ]);
    expect(refused.status()).toBe(400);
    await expect(
      page.locator(`#${await page.getByLabel("Adresse e-mail").getAttribute("aria-describedby")}`).textContent(),
    ).resolves.toContain("Saisissez une adresse e-mail valide");

    await page.getByLabel("Prénom et nom").fill("Léa Martin");
    await page.getByLabel("Adresse e-mail").fill("lea.martin@exemple.fr");
    await page.getByLabel("Rôle").selectOption("promeneur");
    await Promise.all([
      // Waits for the whole new page (load event), not only its first bytes.
      page.waitForURL("**/espace/equipe?departement=04"),
      page.getByRole("button", { name: "Envoyer l'invitation" }).click(),
    ]);
    await expect(page.getByRole("status").textContent()).resolves.toContain(
      "Invitation envoyée à lea.martin@exemple.fr.",
    );
    expect(await page.locator("main").textContent()).toContain("Léa Martin");

    await page.goto("/espace/outbox");
    const mail = page.locator("li", { hasText: "Invitation à rejoindre l'espace Promeneurs du Net" }).first();
    const body = (await mail.textContent()) ?? "";
    const link = body.match(/http:\/\/\S+\/invitation\/[\w-]+/)?.[0];
    expect(link).toBeDefined();
    await coordination.close();

    const invitee = await newContext(demo.browser, demo.app.url, { javaScript: false });
    const own = await invitee.newPage();
    await own.goto(new URL(link as string).pathname);
    await expect(own.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(
      "Rejoindre l'espace Promeneurs du Net",
    );
    await own.getByLabel("Choisissez un mot de passe").fill("un mot de passe bien long");
    await own.getByLabel("Confirmez le mot de passe").fill("un mot de passe bien long");
    await own.getByRole("button", { name: "Accepter l'invitation" }).click();
    await own.waitForURL("**/connexion");
    await signIn(own, "lea.martin@exemple.fr", "un mot de passe bien long");
    expect(new URL(own.url()).pathname).toBe("/espace/promeneur");
    await expect(own.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Bonjour Léa Martin");

    // The link has served: it does not work twice.
    const again = await invitee.newPage();
    await again.goto(new URL(link as string).pathname);
    await expect(again.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Invitation expirée");
    await invitee.close();
  });
});
