import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { getDb } from "~/server/db.server";
import {
  type ComiteRow,
  insertComite,
  insertDecision,
  insertMembre,
  insertRegroupement,
  type RegroupementRow,
} from "../../../tests/factories/regroupement";
import { insertCoordination } from "../../../tests/support/acteurs";
import { page, render } from "../../../tests/support/render";
import { contextFor, getRequest, outcome, postRequest } from "../../../tests/support/route";
import * as detail from "./comites.$id";
import * as nouveau from "./comites.nouveau";
import * as decision from "./decisions.$id";
import * as reunionDecisions from "./regroupements.$id.decisions";
import * as documents from "./regroupements.$id.documents";

type Handler = (args: never) => unknown;
const load = async (loader: Handler, actor: Actor, params: Record<string, string>) =>
  (await outcome(() => loader({ request: getRequest("/"), context: contextFor(actor), params } as never))).data;
const post = async (action: Handler, actor: Actor, fields: Record<string, string>, params: Record<string, string>) =>
  (await outcome(() => action({ request: postRequest("/", fields), context: contextFor(actor), params } as never)))
    .data;

let coordinateur: Actor;
let membre: Actor;
let comite: ComiteRow;
let reunion: RegroupementRow;

beforeAll(async () => {
  const db = getDb();
  const c = await insertCoordination(db);
  coordinateur = c.coordinateur04;
  membre = c.copil04;
  comite = await insertComite(db, { nom: "COPIL rendu" });
  await insertMembre(db, comite, { organisation: "MSA Alpes-Vaucluse", nom: "Gilles Pons", userId: membre.userId });
  const debut = new Date(Date.now() - 40 * 86_400_000);
  reunion = await insertRegroupement(db, {
    type: "comite_pilotage",
    comiteId: comite.id,
    audience: "copil",
    titre: "COPIL de printemps",
    debut,
    fin: new Date(debut.getTime() + 7_200_000),
    compteRendu: "## Relevé de décisions\n\nTout est **validé**.",
  });
  await insertDecision(db, comite, { texte: "Décision en retard", echeance: "2021-01-04" });
});

const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

function h1Count(html: string) {
  return html.match(/<h1[\s>]/g)?.length ?? 0;
}

describe("pages de la gouvernance (rendu)", () => {
  it("le comité : membres, décisions en retard signalées ; une erreur de formulaire à côté de son champ", async () => {
    const data = await load(detail.loader, coordinateur, { id: comite.id });
    const refus = await post(
      detail.action,
      coordinateur,
      { intent: "ajouter", organisation: "", nom: "Jo" },
      { id: comite.id },
    );
    const html = render(page(detail.default)(data, refus));
    expect(h1Count(html)).toBe(1);
    expect(html).toContain("MSA Alpes-Vaucluse");
    expect(html).toContain("en retard");
    expect(html).toMatch(
      /id="membre-nouveau-organisation"[^>]*aria-invalid="true"[^>]*aria-describedby="membre-nouveau-organisation-erreur"|aria-invalid="true"[^>]*aria-describedby="membre-nouveau-organisation-erreur"[^>]*id="membre-nouveau-organisation"/,
    );
    expect(html).toContain('id="membre-nouveau-organisation-erreur"');
    // The steering member reads it without any form.
    const lu = render(page(detail.default)(await load(detail.loader, membre, { id: comite.id })));
    expect(lu).not.toContain('<form method="post"');
    expect(lu).toContain("Décision en retard");
  });

  it("les décisions d'une réunion, une décision, les documents et le compte rendu rendu en HTML", async () => {
    const d = render(
      page(reunionDecisions.default)(await load(reunionDecisions.loader, coordinateur, { id: reunion.id })),
    );
    expect(h1Count(d)).toBe(1);
    expect(d).toContain("Décisions à suivre");
    expect(d).toContain("Décision en retard");
    expect(d).toContain('name="echeance"');
    const docs = render(page(documents.default)(await load(documents.loader, membre, { id: reunion.id })));
    expect(h1Count(docs)).toBe(1);
    expect(docs).toContain("<strong>validé</strong>");
    expect(docs).not.toContain('type="file"');
    const gere = render(page(documents.default)(await load(documents.loader, coordinateur, { id: reunion.id })));
    expect(gere).toMatch(/enctype="multipart\/form-data"/i);
  });

  it("une décision : son état, son porteur et le formulaire de suivi pour la coordination", async () => {
    const { decisions } = (await load(detail.loader, coordinateur, { id: comite.id })) as {
      decisions: { id: string }[];
    };
    const id = decisions[0]?.id ?? "";
    const html = render(page(decision.default)(await load(decision.loader, coordinateur, { id })));
    expect(h1Count(html)).toBe(1);
    expect(html).toContain("Coordination départementale");
    expect(html).toContain("en retard");
    expect(html).toContain("Enregistrer le suivi");
  });

  it("nouveau comité : le groupe de boutons radio est relié à son erreur", async () => {
    const refus = await post(nouveau.action, coordinateur, { type: "inconnu", nom: "Un comité" }, {});
    const html = render(page(nouveau.default)({ departement: "04" }, refus));
    expect(html).toContain('id="type-erreur"');
    const radios = html.match(/<input[^>]*type="radio"[^>]*>/g) ?? [];
    expect(radios).toHaveLength(2);
    for (const radio of radios) expect(radio).toContain('aria-describedby="type-erreur"');
  });

  it("les documents annoncent leur type et leur taille", async () => {
    const form = new FormData();
    form.set("intent", "ajouter");
    form.set("nature", "support");
    form.set("titre", "Diaporama");
    form.set("fichier", new File([new Uint8Array(PDF)], "d.pdf", { type: "application/pdf" }));
    const request = new Request("http://localhost:3000/espace/regroupements/x/documents", {
      method: "POST",
      body: form,
    });
    const envoi = await outcome(() =>
      documents.action({ request, context: contextFor(coordinateur), params: { id: reunion.id } } as never),
    );
    expect(envoi.status).toBe(302);
    const html = render(page(documents.default)(await load(documents.loader, membre, { id: reunion.id })));
    expect(html).toContain(`PDF, ${PDF.length} octets`.replace(" ", " "));
  });

  it("une réunion annulée : ni formulaire de décision ni de suivi, une phrase le dit", async () => {
    const annulee = await insertRegroupement(getDb(), {
      type: "comite_pilotage",
      comiteId: comite.id,
      audience: "copil",
      statut: "annule",
    });
    const html = render(
      page(reunionDecisions.default)(await load(reunionDecisions.loader, coordinateur, { id: annulee.id })),
    );
    expect(html).toContain("Cette réunion est annulée");
    expect(html).not.toContain('name="echeance"');
    expect(html).not.toContain('value="suivre"');
  });
});
