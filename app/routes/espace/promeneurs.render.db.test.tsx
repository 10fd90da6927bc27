import type { ComponentType } from "react";
import { renderToString } from "react-dom/server";
import { createMemoryRouter, RouterProvider } from "react-router";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { getDb } from "~/server/db.server";
import { insertPromeneur } from "../../../tests/factories/promeneur";
import { insertStructure } from "../../../tests/factories/structure";
import { insertUser } from "../../../tests/factories/user";
import { actorOf, contextFor, getRequest, outcome, postRequest } from "../../../tests/support/route";
import * as liste from "./promeneurs";
import * as detail from "./promeneurs.$id";
import * as modifier from "./promeneurs.$id.modifier";
import * as territoire from "./promeneurs.$id.territoire";
import * as proposer from "./promeneurs.proposer";

type Page = { default: ComponentType<never>; loader: (args: never) => unknown; action?: (args: never) => unknown };

/** Runs the page's loader (and action) for real, then renders the page as the server would. */
async function render(
  page: Page,
  actor: Actor,
  path: string,
  params: Record<string, string> = {},
  post?: Record<string, string>,
) {
  const loaded = await outcome(() =>
    page.loader({ request: getRequest(path), context: contextFor(actor), params } as never),
  );
  expect(loaded.status).toBe(200);
  const acted =
    post && page.action
      ? await outcome(() =>
          (page.action as (a: never) => unknown)({
            request: postRequest(path, post),
            context: contextFor(actor),
            params,
          } as never),
        )
      : undefined;
  const Component = page.default as ComponentType<{ loaderData: unknown; actionData: unknown; params: unknown }>;
  const router = createMemoryRouter(
    [{ path: "/", element: <Component loaderData={loaded.data} actionData={acted?.data} params={params} /> }],
    { initialEntries: ["/"] },
  );
  return renderToString(<RouterProvider router={router} />).replaceAll("<!-- -->", "");
}

let coordinator04: Actor;
beforeAll(async () => {
  coordinator04 = await actorOf(
    (await insertUser(getDb(), { roles: [{ role: "coordinateur", departement: "04" }] })).id,
  );
});

describe("pages des promeneurs (rendu serveur avec les vraies données)", () => {
  it("fiche : une action par formulaire, et l'erreur du motif reliée à son champ", async () => {
    const promeneur = await insertPromeneur(getDb(), { prenom: "Inès", nom: "Rendue" });
    const html = await render(
      detail as never,
      coordinator04,
      `/espace/promeneurs/${promeneur.id}`,
      { id: promeneur.id },
      {
        intent: "refuser",
        motif: "",
      },
    );
    expect(html).toContain("<h1");
    expect(html).toContain("Inès Rendue");
    expect(html).toMatch(/<h3[^>]*>Accepter<\/h3>/);
    expect(html).toMatch(
      /<textarea[^>]*id="refuser-motif"[^>]*aria-describedby="refuser-motif-aide refuser-motif-erreur"/,
    );
    expect(html).toContain('id="refuser-motif-aide"');
    expect(html).toContain('id="refuser-motif-erreur"');
    expect(html).toContain("Indiquez le motif du refus.");
    expect(html).toContain('name="intent" value="accepter"');
    expect(html).not.toContain('value="activer"');
    expect(html).toContain("Historique");
  });

  it("territoire : résultats de recherche annoncés, boutons Ajouter et EPCI", async () => {
    const promeneur = await insertPromeneur(getDb());
    const html = await render(
      territoire as never,
      coordinator04,
      `/espace/promeneurs/${promeneur.id}/territoire?q=digne`,
      { id: promeneur.id },
    );
    expect(html).toMatch(/aria-live="polite"[^>]*>1 commune trouvée pour « digne »/);
    expect(html).toContain('aria-label="Ajouter Digne-les-Bains"');
    expect(html).toContain("Ajouter tout l&#x27;EPCI");
    expect(html).toMatch(/<label[^>]*>Rechercher une commune du département<\/label>/);
  });

  it("liste, proposition et modification s'affichent avec leurs champs étiquetés", async () => {
    const structure = await insertStructure(getDb(), { departement: "04" });
    const referent = await actorOf(
      (await insertUser(getDb(), { roles: [{ role: "referent", departement: "04", structureId: structure.id }] })).id,
    );
    const promeneur = await insertPromeneur(getDb(), { structureId: structure.id, prenom: "Yaël" });
    expect(await render(liste as never, referent, "/espace/promeneurs")).toContain("Proposer un promeneur");
    const form = await render(proposer as never, referent, "/espace/promeneurs/proposer");
    expect(form).toMatch(/<label[^>]*>Heures consacrées chaque semaine à la mission<\/label>/);
    expect(form).toContain('name="_csrf"');
    const edit = await render(modifier as never, referent, `/espace/promeneurs/${promeneur.id}/modifier`, {
      id: promeneur.id,
    });
    expect(edit).toContain("Modifier Yaël");
    expect(edit).not.toMatch(/<label[^>]*>Prénom<\/label>/);
  });
});
