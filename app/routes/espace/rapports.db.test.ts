import { auditLog, rapportsMensuels } from "@db/schema";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { getDb } from "~/server/db.server";
import { insertPromeneur } from "../../../tests/factories/promeneur";
import { insertRapport, type RapportRow } from "../../../tests/factories/rapport";
import { insertActor, insertPromeneurEtEntourage } from "../../../tests/support/acteurs";
import { contextFor, getRequest, outcome, postRequest } from "../../../tests/support/route";
import * as coordination from "./coordination";
import * as liste from "./rapports";
import * as detail from "./rapports.$id";
import * as exportRoute from "./rapports.export";
import * as retards from "./rapports.retards";
import * as structureHome from "./structure";

type Loader = (args: never) => unknown;
const load = (loader: Loader, actor: Actor | null, path: string, params: Record<string, string> = {}) =>
  outcome(() => loader({ request: getRequest(path), context: contextFor(actor), params } as never));
const post = (action: Loader, actor: Actor | null, path: string, fields: Record<string, string>, params = {}) => {
  const context = contextFor(actor);
  return outcome(() => action({ request: postRequest(path, fields), context, params } as never));
};

const SECRET = "Atelier réussi avec le collège";
let e: Awaited<ReturnType<typeof insertPromeneurEtEntourage>>;
let copil: Actor;
let national: Actor;
let referentAutre: Actor;
let rapport: RapportRow;

beforeAll(async () => {
  const db = getDb();
  e = await insertPromeneurEtEntourage(db);
  copil = await insertActor(db, { role: "copil", departement: "04" });
  national = await insertActor(db, { role: "national" });
  const autre = await insertPromeneur(db, { statut: "actif" });
  referentAutre = await insertActor(db, { role: "referent", departement: "04", structureId: autre.structureId });
  rapport = await insertRapport(
    db,
    e.promeneur,
    "2026-01-01",
    {
      statut: "soumis",
      echanges: 14,
      echangesIndividuels: 14,
      fileActive: 9,
      faitMarquant: SECRET,
      commentaireCoordination: "Ancien commentaire",
    },
    { canal: { messages_prives: 14 }, theme: { sante: 2, scolarite: 6 } },
  );
  await insertRapport(db, autre, "2026-01-01", { statut: "brouillon" });
});

const page = (id: string) => `/espace/rapports/${id}`;
const statut = async (id: string) =>
  (await getDb().select().from(rapportsMensuels).where(eq(rapportsMensuels.id, id)))[0]?.statut;

describe("liste des bilans (/espace/rapports)", () => {
  it("montre au coordinateur les bilans du département, avec les compteurs et les liens d'export", async () => {
    const { status, data } = await load(liste.loader, e.coordinateur04, "/espace/rapports");
    expect(status).toBe(200);
    const d = data as Awaited<ReturnType<typeof liste.loader>>;
    expect(d.rapports.map((r) => r.id)).toContain(rapport.id);
    expect(d.statuts.soumis).toBeGreaterThanOrEqual(1);
    expect(d.exporter).toBe(true);
    expect(JSON.stringify(d)).not.toContain(SECRET);
  });

  it("ne montre au référent que les bilans de sa structure, sans export", async () => {
    const { status, data } = await load(liste.loader, e.referent, "/espace/rapports");
    expect(status).toBe(200);
    const d = data as Awaited<ReturnType<typeof liste.loader>>;
    expect(d.rapports.map((r) => r.id)).toEqual([rapport.id]);
    expect(d.exporter).toBe(false);
    expect(d.coordination).toBe(false);
  });

  it("refuse le comité de pilotage, l'équipe nationale et les promeneurs (403), le coordinateur d'un autre département (404)", async () => {
    expect((await load(liste.loader, copil, "/espace/rapports")).status).toBe(403);
    expect((await load(liste.loader, national, "/espace/rapports")).status).toBe(403);
    expect((await load(liste.loader, e.lui, "/espace/rapports")).status).toBe(403);
    expect((await load(liste.loader, e.coordinateur05, "/espace/rapports?departement=04")).status).toBe(404);
  });
});

describe("page d'un bilan (/espace/rapports/:id)", () => {
  it("donne au coordinateur le fait marquant, les comptes et les actions possibles", async () => {
    const { status, data } = await load(detail.loader, e.coordinateur04, page(rapport.id), { id: rapport.id });
    expect(status).toBe(200);
    const d = data as Awaited<ReturnType<typeof detail.loader>>;
    expect(d.detail?.faitMarquant).toBe(SECRET);
    expect(d.comptes.canal.messages_prives).toBe(14);
    expect(d.comptes.theme).toEqual({ sante: 2, scolarite: 6 });
    expect(d.themesMasques).toBeNull();
    expect(d.actions).toEqual({ valider: true, renvoyer: true, rouvrir: false });
  });

  it("donne au référent de la structure les comptes, jamais le fait marquant ni les commentaires", async () => {
    const { status, data } = await load(detail.loader, e.referent, page(rapport.id), { id: rapport.id });
    expect(status).toBe(200);
    const d = data as Awaited<ReturnType<typeof detail.loader>>;
    expect(d.detail).toBeNull();
    expect(d.actions).toBeNull();
    expect(d.totaux.fileActive).toBe(9);
    // A theme counted 1 or 2 is « < 3 » outside the coordination's view: its figure is not sent.
    expect(d.comptes.theme).toEqual({ scolarite: 6 });
    expect(d.themesMasques).toEqual({ codes: ["sante"], total: 8 });
    expect(JSON.stringify(d)).not.toContain(SECRET);
    expect(JSON.stringify(d)).not.toContain("Ancien commentaire");
  });

  it("refuse le COPIL, le national et le promeneur (403), un référent d'une autre structure et un coordinateur du 05 (404)", async () => {
    const params = { id: rapport.id };
    for (const actor of [copil, national, e.lui, e.autrePromeneur]) {
      const refus = await load(detail.loader, actor, page(rapport.id), params);
      expect(refus.status).toBe(403);
      expect(JSON.stringify(refus.data)).not.toContain(SECRET);
    }
    for (const actor of [referentAutre, e.coordinateur05]) {
      const refus = await load(detail.loader, actor, page(rapport.id), params);
      expect(refus.status).toBe(404);
      expect(JSON.stringify(refus.data)).not.toContain(SECRET);
    }
    expect((await load(detail.loader, e.coordinateur04, page("inconnu"), { id: "inconnu" })).status).toBe(404);
  });

  it("renvoie 400 avec le message à côté du champ quand le commentaire manque, sans rien changer", async () => {
    const avant = await getDb().select().from(auditLog).where(eq(auditLog.entityId, rapport.id));
    const { status, data } = await post(
      detail.action,
      e.coordinateur04,
      page(rapport.id),
      { intent: "renvoyer", commentaire: " ", version: String(rapport.version) },
      { id: rapport.id },
    );
    expect(status).toBe(400);
    expect(data).toEqual({
      intent: "renvoyer",
      field: "commentaire",
      message: "Indiquez au promeneur ce qu'il doit corriger.",
    });
    expect(await statut(rapport.id)).toBe("soumis");
    expect(await getDb().select().from(auditLog).where(eq(auditLog.entityId, rapport.id))).toHaveLength(avant.length);
  });

  it("refuse la revue au référent (403) et au coordinateur d'un autre département (404)", async () => {
    const fields = { intent: "valider", version: String(rapport.version) };
    expect((await post(detail.action, e.referent, page(rapport.id), fields, { id: rapport.id })).status).toBe(403);
    expect((await post(detail.action, copil, page(rapport.id), fields, { id: rapport.id })).status).toBe(403);
    expect((await post(detail.action, e.coordinateur05, page(rapport.id), fields, { id: rapport.id })).status).toBe(
      404,
    );
    expect(await statut(rapport.id)).toBe("soumis");
  });

  it("renvoie, puis refuse une seconde revue faite sur la même version (409), puis rouvre un bilan validé", async () => {
    const db = getDb();
    const r = await insertRapport(db, e.promeneur, "2025-11-01", { statut: "soumis" });
    const fields = { intent: "renvoyer", commentaire: "Merci de compléter les thèmes.", version: String(r.version) };
    const ok = await post(detail.action, e.coordinateur04, page(r.id), fields, { id: r.id });
    expect(ok.status).toBe(302);
    expect(ok.location).toBe(page(r.id));
    expect(await statut(r.id)).toBe("a_corriger");
    const second = await post(
      detail.action,
      e.coordinateur04,
      page(r.id),
      { intent: "valider", version: String(r.version) },
      { id: r.id },
    );
    expect(second.status).toBe(409);
    expect(await statut(r.id)).toBe("a_corriger");

    const v = await insertRapport(db, e.promeneur, "2025-10-01", { statut: "valide" });
    const sansMotif = await post(
      detail.action,
      e.coordinateur04,
      page(v.id),
      { intent: "rouvrir", motif: "" },
      { id: v.id },
    );
    expect(sansMotif.status).toBe(400);
    expect((sansMotif.data as { field: string }).field).toBe("motif");
    const rouvert = await post(
      detail.action,
      e.coordinateur04,
      page(v.id),
      { intent: "rouvrir", motif: "Chiffres de janvier à reprendre." },
      { id: v.id },
    );
    expect(rouvert.status).toBe(302);
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, v.id), eq(auditLog.action, "rapport.rouvrir")));
    expect(audit?.changes).toMatchObject({ motif: "Chiffres de janvier à reprendre." });
  });
});

describe("export et retards", () => {
  it("exporte en CSV une ligne par bilan, une colonne par code, en-têtes en français, et le journalise", async () => {
    const { status, data, headers } = await load(
      exportRoute.loader,
      e.coordinateur04,
      "/espace/rapports/export?format=csv&mois=2026-01",
    );
    expect(status).toBe(200);
    expect(headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(headers.get("Content-Disposition")).toMatch(/attachment; filename="bilans-04-\d{4}-\d{2}-\d{2}\.csv"/);
    const [entete, ...lignes] = (data as string)
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(entete).toContain("Mois;Promeneur;Structure;EPCI;Statut");
    expect(entete).toContain("Échanges par canal – Messages privés");
    expect(entete).toContain("Demandes par thème – Risques numériques et cyberharcèlement");
    const colonnes = entete?.split(";") ?? [];
    const ligne = lignes.find((l) => l.includes(e.promeneur.nom))?.split(";") ?? [];
    expect(ligne[colonnes.indexOf("Échanges par canal – Messages privés")]).toBe("14");
    expect(ligne[colonnes.indexOf("Échanges par canal – Appels audio ou vidéo")]).toBe("0");
    expect(ligne[colonnes.indexOf("Mois")]).toBe("2026-01");
    const [audit] = await getDb().select().from(auditLog).where(eq(auditLog.action, "rapport.exporter"));
    expect(audit?.departement).toBe("04");
  });

  it("exporte en XLSX, et refuse l'export au référent (403) et au coordinateur d'un autre département (404)", async () => {
    const xlsx = await load(exportRoute.loader, e.coordinateur04, "/espace/rapports/export?format=xlsx");
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect((await load(exportRoute.loader, e.referent, "/espace/rapports/export?format=csv")).status).toBe(403);
    expect(
      (await load(exportRoute.loader, e.coordinateur05, "/espace/rapports/export?format=csv&departement=04")).status,
    ).toBe(404);
    expect((await load(exportRoute.loader, e.coordinateur04, "/espace/rapports/export?format=pdf")).status).toBe(400);
  });

  it("montre les retards au coordinateur seulement", async () => {
    const ok = await load(retards.loader, e.coordinateur04, "/espace/rapports/retards");
    expect(ok.status).toBe(200);
    expect((await load(retards.loader, e.referent, "/espace/rapports/retards")).status).toBe(403);
    expect((await load(retards.loader, e.coordinateur05, "/espace/rapports/retards?departement=04")).status).toBe(404);
  });

  it("compte sur le tableau de bord les bilans à valider et en retard, et le référent a son lien", async () => {
    const { data } = await load(coordination.loader, e.coordinateur04, "/espace/coordination");
    const d = data as { rapportsAValider: number; rapportsEnRetard: number };
    expect(d.rapportsAValider).toBeGreaterThanOrEqual(1);
    expect(typeof d.rapportsEnRetard).toBe("number");
    const home = await load(structureHome.loader, e.referent, "/espace/structure");
    expect(home.status).toBe(200);
  });
});
