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
});
