import { auditLog, generationsRapportAnnuel } from "@db/schema";
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { attendreGenerations } from "~/domain/rapport-annuel/rapport-annuel.generation.server";
import { getRapportAnnuel } from "~/domain/rapport-annuel/rapport-annuel.queries.server";
import { getDb } from "~/server/db.server";
import { insertPromeneur } from "../../../tests/factories/promeneur";
import { insertRapport } from "../../../tests/factories/rapport";
import { insertStructure } from "../../../tests/factories/structure";
import { insertActor, insertCoordination } from "../../../tests/support/acteurs";
import { contextFor, getRequest, outcome, postRequest } from "../../../tests/support/route";
import * as page from "./rapport-annuel";
import * as fichier from "./rapport-annuel.fichiers.$generationId.$format";

type Handler = (args: never) => unknown;
const load = (loader: Handler, actor: Actor | null, path: string, params: Record<string, string> = {}) =>
  outcome(() => loader({ request: getRequest(path), context: contextFor(actor), params } as never));
const post = (actor: Actor | null, path: string, fields: Record<string, string | string[]>) =>
  outcome(() => page.action({ request: postRequest(path, fields), context: contextFor(actor), params: {} } as never));

type PageData = {
  preparer: boolean;
  vue: string;
  enCours: boolean;
  rapport: { version: number; introduction: string } | null;
  faits: { id: string; texte: string }[];
  generations: { id: string; etat: string; liens: { format: string; href: string }[] }[];
};

const URL_2025 = "/espace/rapport-annuel?annee=2025";
const FAIT = "Forum des métiers co-animé avec la mission locale";

let coordinateur04: Actor;
let coordinateur05: Actor;
let copil04: Actor;
let national: Actor;
let promeneur04: Actor;
let referent04: Actor;
let rapportId: string;

beforeAll(async () => {
  const db = getDb();
  ({ coordinateur04, coordinateur05, copil04, national } = await insertCoordination(db));
  promeneur04 = await insertActor(db, { role: "promeneur", departement: "04" });
  const structure = await insertStructure(db);
  referent04 = await insertActor(db, { role: "referent", departement: "04", structureId: structure.id });
  const p = await insertPromeneur(db, { statut: "actif", structureId: structure.id });
  rapportId = (await insertRapport(db, p, "2025-04-01", { statut: "valide", faitMarquant: FAIT })).id;
});

async function auditPreparer() {
  const [row] = await getDb()
    .select({ n: count() })
    .from(auditLog)
    .where(eq(auditLog.action, "rapport-annuel.preparer"));
  return row?.n ?? 0;
}

describe("page du rapport d'activité", () => {
  it("est refusée aux promeneurs et aux référents (403), à la coordination d'un autre département (404)", async () => {
    expect((await load(page.loader, promeneur04, URL_2025)).status).toBe(403);
    expect((await load(page.loader, referent04, URL_2025)).status).toBe(403);
    expect((await load(page.loader, coordinateur05, `${URL_2025}&departement=04`)).status).toBe(404);
    expect((await load(page.loader, coordinateur04, "/espace/rapport-annuel?annee=1999")).status).toBe(400);
  });

  it("montre à la coordination les faits marquants de l'année à retenir", async () => {
    const r = await load(page.loader, coordinateur04, URL_2025);
    expect(r.status).toBe(200);
    const d = r.data as PageData;
    expect(d).toMatchObject({ preparer: true, vue: "coordination", enCours: false });
    expect(d.faits.map((f) => f.texte)).toEqual([FAIT]);
  });

  it("ne montre au comité de pilotage ni la préparation ni les faits marquants (version agrégée)", async () => {
    const d = (await load(page.loader, copil04, URL_2025)).data as PageData;
    expect(d).toMatchObject({ preparer: false, vue: "agregee", rapport: null, faits: [] });
  });
});

describe("préparer le rapport", () => {
  it("refuse le comité de pilotage (403) et la coordination d'un autre département (404)", async () => {
    const champs = { intent: "enregistrer", introduction: "", version: "0" };
    expect((await post(copil04, URL_2025, champs)).status).toBe(403);
    expect((await post(coordinateur05, `${URL_2025}&departement=04`, champs)).status).toBe(404);
  });

  it("refuse une introduction avec une donnée identifiante : 400, le message à côté du champ, rien d'enregistré", async () => {
    const avant = await auditPreparer();
    const r = await post(coordinateur04, URL_2025, {
      intent: "enregistrer",
      introduction: "Merci à Léa (06 12 34 56 78) pour son aide",
      faitsMarquants: [rapportId],
      version: "0",
    });
    expect(r.status).toBe(400);
    const { erreurs } = r.data as { erreurs: Record<string, string[]> };
    expect(erreurs.introduction?.[0]).toMatch(/reconnaître un jeune/);
    expect((await getRapportAnnuel(getDb(), "04", 2025)).version).toBe(0);
    expect(await auditPreparer()).toBe(avant);
  });

  it("enregistre l'introduction et les faits retenus, puis refuse un formulaire périmé (409)", async () => {
    const champs = {
      intent: "enregistrer",
      introduction: "Une belle année.",
      faitsMarquants: [rapportId],
      version: "0",
    };
    const r = await post(coordinateur04, URL_2025, champs);
    expect(r.status).toBe(302);
    expect(r.location).toBe("/espace/rapport-annuel?departement=04&annee=2025");
    expect(await getRapportAnnuel(getDb(), "04", 2025)).toEqual({
      introduction: "Une belle année.",
      faitsMarquants: [rapportId],
      version: 1,
    });
    const perime = await post(coordinateur04, URL_2025, { ...champs, introduction: "Autre" });
    expect(perime.status).toBe(409);
    expect((await getRapportAnnuel(getDb(), "04", 2025)).introduction).toBe("Une belle année.");
  });
});

describe("générer et télécharger", () => {
  let coordination: string;
  let agregee: string;

  it("la coordination lance la génération sans attendre ; la page se rafraîchit tant qu'elle tourne", async () => {
    const r = await post(coordinateur04, URL_2025, { intent: "generer" });
    expect(r.status).toBe(302);
    const [row] = await getDb()
      .select()
      .from(generationsRapportAnnuel)
      .where(eq(generationsRapportAnnuel.demandePar, coordinateur04.userId));
    expect(row?.vue).toBe("coordination");
    expect(row?.etat).not.toBe("terminee");
    coordination = row?.id ?? "";
    const pendant = (await load(page.loader, coordinateur04, URL_2025)).data as PageData;
    expect(pendant.enCours).toBe(true);
    const meta = page.meta({ loaderData: pendant } as never);
    expect(meta).toContainEqual({ httpEquiv: "refresh", content: "2" });
    // A second click while it runs does not start another one.
    await post(coordinateur04, URL_2025, { intent: "generer" });
    await attendreGenerations();
    const apres = (await load(page.loader, coordinateur04, URL_2025)).data as PageData;
    expect(apres.enCours).toBe(false);
    expect(apres.generations).toHaveLength(1);
    expect(apres.generations[0]).toMatchObject({ id: coordination, etat: "terminee" });
    expect(apres.generations[0]?.liens.map((l) => l.href)).toEqual([
      `/espace/rapport-annuel/fichiers/${coordination}/docx`,
      `/espace/rapport-annuel/fichiers/${coordination}/pdf`,
      `/espace/rapport-annuel/fichiers/${coordination}/xlsx`,
    ]);
    expect(page.meta({ loaderData: apres } as never)).not.toContainEqual({ httpEquiv: "refresh", content: "2" });
  }, 120_000);

  it("le comité de pilotage génère la version agrégée", async () => {
    expect((await post(copil04, URL_2025, { intent: "generer" })).status).toBe(302);
    await attendreGenerations();
    const d = (await load(page.loader, copil04, URL_2025)).data as PageData;
    expect(d.generations).toHaveLength(1);
    expect(d.generations[0]?.etat).toBe("terminee");
    agregee = d.generations[0]?.id ?? "";
    const [row] = await getDb().select().from(generationsRapportAnnuel).where(eq(generationsRapportAnnuel.id, agregee));
    expect(row?.vue).toBe("agregee");
    expect((await post(promeneur04, URL_2025, { intent: "generer" })).status).toBe(403);
    expect((await post(coordinateur05, `${URL_2025}&departement=04`, { intent: "generer" })).status).toBe(404);
  }, 120_000);

  const telecharger = (actor: Actor, id: string, format: string) =>
    load(fichier.loader, actor, `/espace/rapport-annuel/fichiers/${id}/${format}`, { generationId: id, format });

  it("la coordination télécharge ses documents", async () => {
    const docx = await telecharger(coordinateur04, coordination, "docx");
    expect(docx.status).toBe(200);
    expect(docx.headers.get("Content-Type")).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    expect(docx.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename\*=UTF-8''rapport-activite-04-2025\.docx/,
    );
    expect((await telecharger(coordinateur04, coordination, "pdf")).headers.get("Content-Type")).toBe(
      "application/pdf",
    );
    expect((await telecharger(coordinateur04, coordination, "xlsx")).status).toBe(200);
    expect((await telecharger(coordinateur04, coordination, "odt")).status).toBe(404);
  });

  it("le comité de pilotage et l'équipe nationale n'obtiennent que la version agrégée", async () => {
    expect((await telecharger(copil04, coordination, "docx")).status).toBe(404);
    expect((await telecharger(national, coordination, "docx")).status).toBe(404);
    expect((await telecharger(copil04, agregee, "docx")).status).toBe(200);
    expect((await telecharger(national, agregee, "pdf")).status).toBe(200);
    expect((await telecharger(coordinateur04, agregee, "xlsx")).status).toBe(200);
  });

  it("refuse les autres rôles (403) et les autres départements (404)", async () => {
    expect((await telecharger(promeneur04, agregee, "pdf")).status).toBe(403);
    expect((await telecharger(referent04, agregee, "pdf")).status).toBe(403);
    expect((await telecharger(coordinateur05, agregee, "pdf")).status).toBe(404);
    expect((await telecharger(coordinateur05, coordination, "pdf")).status).toBe(404);
    expect((await telecharger(coordinateur04, "00000000-0000-4000-8000-000000000000", "pdf")).status).toBe(404);
  });
});
