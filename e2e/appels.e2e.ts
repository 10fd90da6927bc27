import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { pdfMinimal } from "../db/seed/pdf-minimal";
import { axeViolations, newContext, signIn } from "./support/browser";
import { DEMO_PASSWORD } from "./support/demo-server";
import { withDemoBrowser } from "./support/fixtures";

const demo = withDemoBrowser();

const APPEL = "/appels/recrutement-promeneurs";
const TITRE_APPEL = "Devenir promeneur du Net — appel aux structures";
const CANDIDAT = "direction@mjc-manosque.exemple.fr";
const STRUCTURE = "MJC de Manosque";
const EVALUATRICE = "Nadia Bensaïd (démo)";

/** The text of the newest mail of the demo's outbox sent to `to` whose subject contains `sujet`. */
async function dernierMail(coordination: Page, to: string, sujet: string): Promise<string> {
  await coordination.goto("/espace/outbox");
  const mail = coordination
    .locator("li", { hasText: sujet })
    .filter({ hasText: `À ${to}` })
    .first();
  return (await mail.textContent()) ?? "";
}

/** Posts a form by clicking its button and waits for the page the server answers with (no JavaScript). */
async function soumettre(page: Page, bouton: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: bouton, exact: true }).click()]);
}

describe("appel à candidatures, de la candidature à la décision", () => {
  it("une structure candidate avec tous ses documents, l'évaluatrice note, le classement et la décision suivent", async () => {
    const contexts: BrowserContext[] = [];
    const contexte = async (javaScript = false) => {
      const c = await newContext(demo.browser, demo.app.url, { javaScript });
      contexts.push(c);
      return c.newPage();
    };
    try {
      // The applicant asks for a sign-in link on the call's page, without JavaScript.
      const candidat = await contexte();
      await candidat.goto(APPEL);
      await candidat.getByLabel("Votre adresse e-mail").fill(CANDIDAT);
      await soumettre(candidat, "Recevoir le lien pour candidater");
      await expect(candidat.getByRole("status").textContent()).resolves.toContain(`Si l'adresse ${CANDIDAT}`);

      // The link arrives in the demo's outbox, which the coordination reads.
      const coordination = await contexte();
      await signIn(coordination, "coordination@demo.pdn04.fr", DEMO_PASSWORD);
      const lien = (await dernierMail(coordination, CANDIDAT, "Votre lien pour candidater")).match(
        /http:\/\/\S+\/appels\/connexion\/[\w-]+/,
      )?.[0];
      expect(lien).toBeDefined();
      await candidat.goto(new URL(lien as string).pathname);
      await soumettre(candidat, "Continuer vers ma candidature");
      expect(new URL(candidat.url()).pathname).toBe(`${APPEL}/candidature`);

      // Each mandatory document, uploaded as a real PDF; a picture passed off as a PDF is refused first.
      const documents = [
        ["Fiche de candidature de la structure, signée", "fiche.pdf"],
        ["Accord de l'employeur sur le temps dédié", "accord.pdf"],
        ["CV du ou de la professionnelle proposée", "cv.pdf"],
      ] as const;
      const bloc = (libelle: string) => candidat.locator("#documents li", { hasText: libelle });
      await bloc(documents[0][0])
        .locator('input[type="file"]')
        .setInputFiles({ name: "fiche.pdf", mimeType: "application/pdf", buffer: Buffer.from("GIF89a pas un PDF") });
      await Promise.all([
        candidat.waitForNavigation(),
        bloc(documents[0][0]).getByRole("button", { name: "Envoyer le fichier" }).click(),
      ]);
      await expect(bloc(documents[0][0]).textContent()).resolves.toContain("Pas encore fourni.");
      expect(await bloc(documents[0][0]).locator(".text-alerte-700").textContent()).toMatch(/PDF/);
      for (const [libelle, nom] of documents) {
        await bloc(libelle)
          .locator('input[type="file"]')
          .setInputFiles({ name: nom, mimeType: "application/pdf", buffer: pdfMinimal(`${STRUCTURE} : ${libelle}`) });
        await Promise.all([
          candidat.waitForNavigation(),
          bloc(libelle).getByRole("button", { name: "Envoyer le fichier" }).click(),
        ]);
        await expect(bloc(libelle).textContent()).resolves.toContain(`Fourni\u00a0: ${nom}`);
      }

      // The form, then the submission before the deadline.
      await candidat.getByLabel("Nom de la structure").fill(STRUCTURE);
      await candidat.getByLabel("Commune du siège de la structure").fill("Manosque");
      await candidat.getByLabel("Numéro SIRET de la structure").fill("123 456 789 00012");
      await candidat.getByLabel("Votre nom et prénom").fill("Hélène Roux");
      await candidat.getByLabel("Votre numéro de téléphone").fill("04 92 00 00 00");
      await candidat.getByLabel("Nom de la personne proposée").fill("Karim Amrani");
      await candidat.getByLabel("Fonction de la personne proposée").fill("Animateur jeunesse");
      await candidat
        .getByLabel("Présentation du projet")
        .fill("Une présence éducative sur les réseaux des collégiens du pays de Manosque, deux heures par semaine.");
      for (const groupe of await candidat.locator("fieldset fieldset").all()) {
        await groupe.getByLabel("Oui").check();
      }
      await soumettre(candidat, "Déposer la candidature");
      await expect(candidat.getByRole("heading", { name: "Votre candidature déposée" }).count()).resolves.toBe(1);
      expect(await candidat.locator("main").textContent()).toContain("Déposée");
      // axe runs in a page with JavaScript, on the same applicant's session.
      const lecture = await contexte(true);
      await lecture.context().addCookies(await candidat.context().cookies());
      await lecture.goto(`${APPEL}/candidature`);
      expect(await axeViolations(lecture)).toEqual([]);
      expect(await dernierMail(coordination, CANDIDAT, "Candidature déposée")).toContain(TITRE_APPEL);

      // The coordination checks it receivable and gives it to the reviewer.
      await coordination.goto("/espace/appels");
      await coordination.getByRole("link", { name: TITRE_APPEL }).click();
      await coordination.getByRole("link", { name: STRUCTURE }).click();
      const dossier = coordination.url();
      expect(await coordination.locator("main").textContent()).toContain("Complète\u00a0: tous les documents");
      await coordination.getByLabel("Recevable", { exact: true }).check();
      await soumettre(coordination, "Enregistrer la recevabilité");
      await coordination.getByLabel("Attribuer à un membre de la commission").selectOption({ label: EVALUATRICE });
      await soumettre(coordination, "Attribuer");
      expect(await coordination.locator("main").textContent()).toContain(`${EVALUATRICE}\u00a0: évaluation en cours`);

      // The reviewer scores every criterion and submits; she reads the application and its documents.
      const evaluatrice = await contexte();
      await signIn(evaluatrice, "evaluation@demo.pdn04.fr", DEMO_PASSWORD);
      await evaluatrice.goto("/espace/evaluations");
      await evaluatrice.getByRole("link", { name: new RegExp(STRUCTURE) }).click();
      const fiche = await evaluatrice.request.get(
        (await evaluatrice.getByRole("link", { name: "fiche.pdf" }).getAttribute("href")) as string,
      );
      expect(fiche.status()).toBe(200);
      expect((await fiche.body()).subarray(0, 5).toString()).toBe("%PDF-");
      const notes = [5, 4, 3, 4];
      const criteres = await evaluatrice.locator("form fieldset:has(> legend)").filter({ hasText: "(poids" }).all();
      expect(criteres).toHaveLength(notes.length);
      for (const [i, critere] of criteres.entries()) {
        await critere.getByLabel(String(notes[i]), { exact: true }).check();
      }
      await evaluatrice.getByLabel("Commentaire").first().fill("Motivation claire, public bien identifié.");
      await soumettre(evaluatrice, "Soumettre mon évaluation");
      expect(await evaluatrice.locator("main").textContent()).toContain("Soumise le");

      // The weighted total (2×5 + 2×4 + 3 + 4 = 25 of 30) and the ranking, then the decision, e-mailed.
      await coordination.goto(dossier);
      const notesTexte =
        (await coordination.locator("section", { has: coordination.locator("#notes") }).textContent()) ?? "";
      expect(notesTexte).toContain("Note sur 100 (évaluations soumises seulement)\u00a0: 83,33 · rang 1");
      await coordination.getByLabel("Retenue", { exact: true }).check();
      await coordination.getByLabel("Motifs").fill("Projet solide, secteur de Manosque à couvrir.");
      await soumettre(coordination, "Enregistrer et envoyer la décision");
      expect(await coordination.locator("main").textContent()).toContain("Retenue le");
      const decision = await dernierMail(coordination, CANDIDAT, "retenue");
      expect(decision).toContain(`Votre candidature à «\u00a0${TITRE_APPEL}\u00a0»\u00a0: retenue`);

      await coordination.goto("/espace/appels");
      await coordination.getByRole("link", { name: TITRE_APPEL }).click();
      const ligne = coordination.locator("tr", { has: coordination.getByRole("rowheader", { name: STRUCTURE }) });
      await expect(ligne.locator("td").first().textContent()).resolves.toBe("1");

      // The applicant reads the decision on their page.
      await candidat.goto(`${APPEL}/candidature`);
      expect(await candidat.locator("main").textContent()).toContain("Retenue");
    } finally {
      await Promise.all(contexts.map((c) => c.close()));
    }
  });
});
