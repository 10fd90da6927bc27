import { beforeAll, describe, expect, it } from "vitest";
import { ouvrirBudget } from "~/domain/budget/budget.commands.server";
import { getBudgetComplet } from "~/domain/budget/budget.queries.server";
import { champ } from "~/domain/budget/budget.schema";
import type { Actor } from "~/domain/comptes/actor";
import { getDb } from "~/server/db.server";
import { insertActor, insertCoordination } from "../../../tests/support/acteurs";
import { page, render } from "../../../tests/support/render";
import { contextFor, getRequest, outcome, postRequest } from "../../../tests/support/route";
import * as liste from "./budget";
import * as detail from "./budget.$annee";
import * as bilan from "./budget.$annee.bilan.$format";
import * as justificatif from "./budget.$annee.justificatifs.$id";
import * as versements from "./budget.$annee.versements";

type Handler = (args: never) => unknown;
const appel = (handler: Handler, actor: Actor | null, request: Request, params: Record<string, string> = {}) =>
  outcome(() => handler({ request, context: contextFor(actor), params } as never));

const ANNEE = "2025";
let c: Awaited<ReturnType<typeof insertCoordination>>;
let referent: Actor;
let promeneur: Actor;

async function budget() {
  const b = await getBudgetComplet(getDb(), "04", 2025);
  if (!b) throw new Error("pas de budget");
  return b;
}

/** Every line's planned field as typed, the rest at its current value. */
async function formulaire(prevus: Record<string, string>, autres: Record<string, string> = {}) {
  const b = await budget();
  const champs: Record<string, string> = {
    intent: "enregistrer",
    version: String(b.version),
    etpCoordination: "0,5",
    coutAnnuelCoordination: "60 000",
  };
  for (const l of b.lignes) {
    if (l.code !== "personnel_coordination") champs[champ.prevu(l.id)] = prevus[l.code] ?? "0";
    champs[champ.realise(l.id)] = "";
    champs[champ.commentaire(l.id)] = "";
  }
  return { ...champs, ...autres };
}

const CONFORME = {
  deplacements: "5 000",
  communication: "3 000,00",
  formation_supervision: "2000",
  equipement: "1 000",
  frais_structure: "4\u202f000",
  caf: "36 000",
  msa: "2 500,00 €",
  fonds_propres: "6 500",
};

beforeAll(async () => {
  const db = getDb();
  c = await insertCoordination(db);
  referent = await insertActor(db, { role: "referent", departement: "04" });
  promeneur = await insertActor(db, { role: "promeneur", departement: "04" });
  await ouvrirBudget({ db, now: new Date() }, c.coordinateur04, "04", 2025);
});

describe("les pages du budget : qui lit, qui écrit", () => {
  it("la coordination, le comité de pilotage et le national lisent ; référent et promeneur non (403) ; un autre département non (404)", async () => {
    const get = (actor: Actor, path: string) => appel(detail.loader, actor, getRequest(path), { annee: ANNEE });
    expect((await get(c.coordinateur04, "/espace/budget/2025")).status).toBe(200);
    expect((await get(c.copil04, "/espace/budget/2025")).status).toBe(200);
    expect((await get(c.national, "/espace/budget/2025?departement=04")).status).toBe(200);
    expect((await get(referent, "/espace/budget/2025")).status).toBe(403);
    expect((await get(promeneur, "/espace/budget/2025")).status).toBe(403);
    expect((await get(c.coordinateur05, "/espace/budget/2025?departement=04")).status).toBe(404);
    // 05 has no budget 2025: its own coordinator gets 404, not 04's budget.
    expect((await get(c.coordinateur05, "/espace/budget/2025")).status).toBe(404);
    expect((await appel(liste.loader, c.copil04, getRequest("/espace/budget"))).status).toBe(200);
    expect((await appel(liste.loader, referent, getRequest("/espace/budget"))).status).toBe(403);
    expect(
      (
        await appel(versements.loader, c.coordinateur05, getRequest("/espace/budget/2025/versements?departement=04"), {
          annee: ANNEE,
        })
      ).status,
    ).toBe(404);
  });

  it("seule la coordination du département écrit : 403 pour le comité de pilotage et le national, 404 pour un autre département", async () => {
    const avant = await budget();
    const champs = await formulaire(CONFORME);
    const post = (actor: Actor, path = "/espace/budget/2025") =>
      appel(detail.action, actor, postRequest(path, champs), { annee: ANNEE });
    expect((await post(c.copil04)).status).toBe(403);
    expect((await post(c.national, "/espace/budget/2025?departement=04")).status).toBe(403);
    expect((await post(c.coordinateur05, "/espace/budget/2025?departement=04")).status).toBe(404);
    const ouvrir = postRequest("/espace/budget", { annee: "2026" });
    expect((await appel(liste.action, c.copil04, ouvrir)).status).toBe(403);
    const versement = { intent: "ajouter-versement", type: "avance", montant: "100", verseLe: "2025-03-01" };
    expect(
      (
        await appel(versements.action, c.copil04, postRequest("/espace/budget/2025/versements", versement), {
          annee: ANNEE,
        })
      ).status,
    ).toBe(403);
    expect((await budget()).version).toBe(avant.version);
  });
});

describe("saisie des montants", () => {
  it("accepte les montants écrits à la française (espaces, virgule, €) et les range en centimes", async () => {
    const r = await appel(
      detail.action,
      c.coordinateur04,
      postRequest("/espace/budget/2025", await formulaire({ ...CONFORME, deplacements: "5 000,50" })),
      { annee: ANNEE },
    );
    expect(r.status).toBe(302);
    const b = await budget();
    const prevu = (code: string) => b.lignes.find((l) => l.code === code)?.prevu;
    expect(prevu("deplacements")).toBe(500_050);
    expect(prevu("frais_structure")).toBe(400_000);
    expect(prevu("msa")).toBe(250_000);
    expect(prevu("personnel_coordination")).toBe(3_000_000);
  });

  it("refuse lettres, montant négatif et trois décimales, chacun avec son message à côté du champ, sans rien changer", async () => {
    const avant = await budget();
    const id = (code: string) => avant.lignes.find((l) => l.code === code)?.id ?? "";
    const champs = await formulaire(
      { ...CONFORME, deplacements: "cinq cents", communication: "-300", formation_supervision: "2 000,505" },
      { coutAnnuelCoordination: "60 000", etpCoordination: "1,5" },
    );
    const r = await appel(detail.action, c.coordinateur04, postRequest("/espace/budget/2025", champs), {
      annee: ANNEE,
    });
    expect(r.status).toBe(400);
    const erreurs = (r.data as { erreurs: Record<string, string[]> }).erreurs;
    expect(erreurs[champ.prevu(id("deplacements"))]).toEqual([
      "Indiquez un montant en euros, en chiffres : par exemple 2 500,50.",
    ]);
    expect(erreurs[champ.prevu(id("communication"))]).toEqual([
      "Un montant négatif n'a pas de sens ici : indiquez un montant positif.",
    ]);
    expect(erreurs[champ.prevu(id("formation_supervision"))]).toEqual([
      "Deux décimales au plus (les centimes) : par exemple 2 500,50.",
    ]);
    expect(erreurs.etpCoordination).toEqual(["Un temps de travail ne dépasse pas 1 ETP (un temps plein)."]);
    const apres = await budget();
    expect(apres.version).toBe(avant.version);
    expect(apres.lignes.map((l) => l.prevu)).toEqual(avant.lignes.map((l) => l.prevu));

    // The page shows each message next to its field, with the value typed.
    const loaderData = (
      await appel(detail.loader, c.coordinateur04, getRequest("/espace/budget/2025"), { annee: ANNEE })
    ).data;
    const html = render(page(detail.default)(loaderData, r.data));
    const champDeplacements = champ.prevu(id("deplacements"));
    expect(html).toContain(`id="${champDeplacements}-erreur"`);
    expect(html).toMatch(new RegExp(`aria-describedby="${champDeplacements}-erreur"[^>]*value="cinq cents"`));
    expect(html).toContain("Rien n&#x27;a été enregistré : corrigez les champs signalés ci-dessous.");
  });

  it("refuse la soumission d'un budget qui enfreint une règle (400), puis l'accepte une fois corrigé ; une version périmée donne 409", async () => {
    const post = async (champs: Record<string, string>) =>
      appel(detail.action, c.coordinateur04, postRequest("/espace/budget/2025", champs), { annee: ANNEE });
    expect((await post(await formulaire({ ...CONFORME, caf: "36 000,01" }))).status).toBe(302);
    const v = String((await budget()).version);
    const refus = await post({ intent: "soumettre", version: v });
    expect(refus.status).toBe(400);
    expect(JSON.stringify(refus.data)).toContain("Part de la CAF");
    expect((await post(await formulaire(CONFORME))).status).toBe(302);
    expect((await post({ intent: "soumettre", version: v })).status).toBe(409);
    expect((await post({ intent: "soumettre", version: String((await budget()).version) })).status).toBe(302);
    expect((await budget()).statut).toBe("soumis");

    const html = render(
      page(detail.default)(
        (await appel(detail.loader, c.copil04, getRequest("/espace/budget/2025"), { annee: ANNEE })).data,
      ),
    );
    // The steering committee reads: no form field, the rules with their status in words.
    expect(html).not.toContain("<input");
    expect(html).toContain("Respectée");
    expect(html).toContain("36\u202f000,00\u00a0€");
  });

  it("refuse un versement mal saisi avec un message à côté du champ", async () => {
    const r = await appel(
      versements.action,
      c.coordinateur04,
      postRequest("/espace/budget/2025/versements", {
        intent: "ajouter-versement",
        type: "avance",
        montant: "18 000,001",
        verseLe: "31/02/2025",
      }),
      { annee: ANNEE },
    );
    expect(r.status).toBe(400);
    expect((r.data as { erreurs: Record<string, string[]> }).erreurs).toEqual({
      montant: ["Deux décimales au plus (les centimes) : par exemple 2 500,50."],
      verseLe: ["Indiquez la date du versement (jj/mm/aaaa)."],
    });
    expect((await budget()).versements).toEqual([]);
  });

  it("refuse de retirer une ligne de l'appel, avec le message à côté de la liste des lignes", async () => {
    const ligne = (await budget()).lignes.find((l) => l.code === "deplacements");
    const r = await appel(
      detail.action,
      c.coordinateur04,
      postRequest("/espace/budget/2025", { intent: "supprimer-ligne", ligneId: ligne?.id ?? "" }),
      { annee: ANNEE },
    );
    expect(r.status).toBe(400);
    const loaderData = (
      await appel(detail.loader, c.coordinateur04, getRequest("/espace/budget/2025"), { annee: ANNEE })
    ).data;
    const html = render(page(detail.default)(loaderData, r.data));
    expect(html).toMatch(/id="ligne-erreurs"[^>]*>.*Les lignes de l&#x27;appel à projets restent au budget/);
    expect((await budget()).lignes.some((l) => l.id === ligne?.id)).toBe(true);
  });

  it("un justificatif d'un autre département ou inconnu donne 404", async () => {
    const r = await appel(
      justificatif.loader,
      c.coordinateur04,
      getRequest(`/espace/budget/2025/justificatifs/${crypto.randomUUID()}`),
      { annee: ANNEE, id: crypto.randomUUID() },
    );
    expect(r.status).toBe(404);
  });
});

describe("bilan financier", () => {
  it("se télécharge en Excel pour le comité de pilotage, aux totaux du budget ; 404 pour un autre département ou un format inconnu", async () => {
    const get = (actor: Actor, format: string, query = "") =>
      appel(bilan.loader, actor, getRequest(`/espace/budget/2025/bilan/${format}${query}`), {
        annee: ANNEE,
        format,
      });
    const r = (await bilan.loader({
      request: getRequest("/espace/budget/2025/bilan/xlsx"),
      context: contextFor(c.copil04),
      params: { annee: ANNEE, format: "xlsx" },
    } as never)) as Response;
    expect(r.status).toBe(200);
    expect(r.headers.get("Content-Disposition")).toBe('attachment; filename="bilan-financier-04-2025.xlsx"');
    const { default: ExcelJS } = await import("exceljs");
    const classeur = new ExcelJS.Workbook();
    await classeur.xlsx.load(await r.arrayBuffer());
    const valeurs: unknown[] = [];
    classeur.eachSheet((f) => f.eachRow((row) => valeurs.push(...(row.values as unknown[]))));
    const b = await budget();
    const totalCharges = b.lignes.filter((l) => l.sens === "charge").reduce((t, l) => t + l.prevu, 0);
    expect(valeurs).toContain(totalCharges / 100);
    expect((await get(c.coordinateur05, "xlsx", "?departement=04")).status).toBe(404);
    expect((await get(c.coordinateur04, "odt")).status).toBe(404);
    expect((await get(referent, "pdf")).status).toBe(403);
  });
});
