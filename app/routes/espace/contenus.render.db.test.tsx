import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { getDb } from "~/server/db.server";
import { insertCoordination } from "../../../tests/support/acteurs";
import { page, render } from "../../../tests/support/render";
import { contextFor, getRequest, outcome, postRequest } from "../../../tests/support/route";
import * as edition from "./contenus.actualites.$id";
import * as nouvelle from "./contenus.actualites.nouvelle";
import * as pageEdition from "./contenus.pages.$slug";

let coordinateur04: Actor;

beforeAll(async () => {
  ({ coordinateur04 } = await insertCoordination(getDb()));
});

const run = (fn: (args: never) => unknown, request: Request, params: Record<string, string> = {}) =>
  outcome(() => fn({ request, context: contextFor(coordinateur04), params } as never));

describe("formulaires des contenus (rendu serveur)", () => {
  it("affiche l'erreur du titre sous le champ, et garde le texte saisi", async () => {
    const loaderData = (await run(nouvelle.loader, getRequest("/espace/contenus/actualites/nouvelle"))).data;
    const reply = await run(
      nouvelle.action,
      postRequest("/espace/contenus/actualites/nouvelle", {
        departement: "04",
        titre: "",
        resume: "Un résumé assez long pour passer.",
        corps: "Le texte gardé après l'erreur.",
        statut: "brouillon",
      }),
    );
    expect(reply.status).toBe(400);
    const html = render(page(nouvelle.default)(loaderData, reply.data));
    expect(html).toContain("Donnez un titre à l&#x27;actualité.");
    expect(html).toMatch(/aria-invalid="true"[^>]*name="titre"|name="titre"[^>]*aria-invalid="true"/);
    expect(html).toContain("Le texte gardé après l&#x27;erreur.");
    expect(html).toContain("Mise en forme du texte (Markdown)");
    expect(html).toMatch(/<form[^>]*encType="multipart\/form-data"/);
  });

  it("montre l'actualité enregistrée, son aperçu et la suppression à confirmer", async () => {
    const created = await run(
      nouvelle.action,
      postRequest("/espace/contenus/actualites/nouvelle", {
        departement: "04",
        titre: "Aperçu d'une actualité",
        resume: "Un résumé assez long pour passer.",
        corps: "## Intertitre\n\n<script>alert(1)</script>",
        statut: "brouillon",
      }),
    );
    const id = created.location?.split("/").pop() ?? "";
    const loaderData = (await run(edition.loader, getRequest(`/espace/contenus/actualites/${id}`), { id })).data;
    const html = render(page(edition.default)(loaderData));
    expect(html).toContain("<h2>Intertitre</h2>");
    expect(html).not.toContain("<script>alert(1)");
    expect(html).toContain("Je confirme la suppression");
  });

  it("propose l'état RGAA sur la page d'accessibilité seulement", async () => {
    const acc = (
      await run(pageEdition.loader, getRequest("/espace/contenus/pages/accessibilite"), { slug: "accessibilite" })
    ).data;
    const accHtml = render(page(pageEdition.default)(acc));
    expect(accHtml).toContain("État de conformité");
    expect(accHtml).toContain("Taux de conformité (%)");
    const charte = (await run(pageEdition.loader, getRequest("/espace/contenus/pages/charte"), { slug: "charte" }))
      .data;
    const charteHtml = render(page(pageEdition.default)(charte));
    expect(charteHtml).not.toContain("Taux de conformité");
    expect(charteHtml).toContain("Une posture professionnelle");
  });
});
