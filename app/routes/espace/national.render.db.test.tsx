import { departements } from "@db/schema";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { refaireTousLesAgregats } from "~/domain/indicateurs/agregats.server";
import { instantParis } from "~/lib/jour";
import { getDb } from "~/server/db.server";
import { insertPromeneur } from "../../../tests/factories/promeneur";
import { insertRapport } from "../../../tests/factories/rapport";
import { insertStructure } from "../../../tests/factories/structure";
import { insertCoordination } from "../../../tests/support/acteurs";
import { page, render } from "../../../tests/support/render";
import { contextFor, getRequest, outcome } from "../../../tests/support/route";
import NationalHome, { loader } from "./national";

/* Two test départements with a structure each and 2019 reports: N1 (40 exchanges), N2 (2 exchanges). */
const load = (actor: Actor, query = "") =>
  outcome(() =>
    loader({ request: getRequest(`/espace/national?${query}`), context: contextFor(actor), params: {} } as never),
  );

type Donnees = {
  selection: string[];
  tous: boolean;
  indicateurs: { vue: string; filtre: { departements: string[] }; echanges: { total: { valeur: number } } } | null;
  departements: { code: string; structures: number; indicateurs: { echanges: number } | null }[];
  erreurs: Record<string, string>;
};

let acteurs: Awaited<ReturnType<typeof insertCoordination>>;

beforeAll(async () => {
  const db = getDb();
  acteurs = await insertCoordination(db);
  await db.insert(departements).values([
    { code: "N1", nom: "Département national un" },
    { code: "N2", nom: "Département national deux" },
  ]);
  for (const [code, echanges] of [
    ["N1", 40],
    ["N2", 2],
  ] as const) {
    const structure = await insertStructure(db, { departement: code });
    const p = await insertPromeneur(db, {
      departement: code,
      structureId: structure.id,
      statut: "actif",
      entreeLe: instantParis({ annee: 2018, mois: 1, jour: 1 }, 12),
    });
    await insertRapport(db, p, "2019-06-01", { statut: "valide", echanges, echangesIndividuels: echanges });
  }
  await refaireTousLesAgregats(db);
});

describe("/espace/national", () => {
  it("réunit par défaut tous les départements déployés, en vue agrégée, avec une ligne par département", async () => {
    const result = await load(acteurs.national, "periode=annee&annee=2019");
    expect(result.status).toBe(200);
    const data = result.data as Donnees;
    expect(data.tous).toBe(true);
    expect(data.selection).toEqual(expect.arrayContaining(["N1", "N2", "04"]));
    expect(data.indicateurs?.vue).toBe("agregee");
    const n1 = data.departements.find((d) => d.code === "N1");
    expect(n1?.structures).toBe(1);
    expect(n1?.indicateurs?.echanges).toBe(40);
    const html = render(page(NationalHome)(data));
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(html).toContain('href="/espace/indicateurs?departement=N1&amp;periode=annee&amp;annee=2019');
    expect(html).toContain("Les neuf indicateurs, départements réunis");
    expect(html).toContain('<input type="checkbox" name="departement" value="N2"/>');
  });

  it("ne calcule que les départements cochés, et signale un code inconnu", async () => {
    const data = (await load(acteurs.national, "periode=annee&annee=2019&departement=N1&departement=N2"))
      .data as Donnees;
    expect(data.selection).toEqual(["N1", "N2"]);
    expect(data.indicateurs?.filtre.departements).toEqual(["N1", "N2"]);
    expect(data.indicateurs?.echanges.total.valeur).toBe(42);
    const html = render(page(NationalHome)(data));
    expect(html).toContain('name="departement" checked="" value="N1"');
    expect(html).not.toContain('checked="" value="04"');

    const inconnu = await load(acteurs.national, "annee=2019&departement=N1&departement=ZZ");
    expect(inconnu.status).toBe(400);
    const d = inconnu.data as Donnees;
    expect(d.selection).toEqual(["N1"]);
    expect(d.erreurs.departement).toContain("ZZ");
  });

  it("est réservée au rôle national : 403 pour la coordination et le COPIL", async () => {
    expect((await load(acteurs.coordinateur04)).status).toBe(403);
    expect((await load(acteurs.copil04)).status).toBe(403);
  });
});
