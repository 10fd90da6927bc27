import path from "node:path";
import { communes, promeneurs, promeneurTerritoires } from "@db/schema";
import { eq, sql } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import * as carteQueries from "~/domain/territoire/carte.queries.server";
import { collectTerritoireFiles, importTerritoireFiles } from "~/domain/territoire/territoire-import.server";
import { getDb } from "~/server/db.server";
import { insertProfil, insertPromeneur, type PromeneurRow } from "../../../tests/factories/promeneur";
import { insertStructure } from "../../../tests/factories/structure";
import { outcome } from "../../../tests/support/route";
import CartePage, { loader } from "./carte";

// Counts how often the boundaries are read and projected again (the expensive part).
vi.mock("~/domain/territoire/carte.queries.server", async (importOriginal) => {
  const original = await importOriginal<typeof import("~/domain/territoire/carte.queries.server")>();
  return { ...original, findContours: vi.fn(original.findContours) };
});

const DATA = path.resolve(process.cwd(), "../shared/data/territoire-04");
const JOUR_MS = 86_400_000;
const MANOSQUE = "04112";
const DIGNE = "04070";
/** SIREN of the CA Provence-Alpes-Agglomération (Digne-les-Bains and its neighbours). */
const PROVENCE_ALPES_AGGLO = "200067437";

type LoaderData = Awaited<ReturnType<typeof loader>>;

async function load(): Promise<LoaderData> {
  const result = await outcome(() => loader());
  expect(result.status).toBe(200);
  return result.data as LoaderData;
}

const render = (loaderData: LoaderData) => renderToStaticMarkup(createElement(CartePage, { loaderData } as never));
const db = () => getDb();

async function importTerritoire() {
  const { files } = await collectTerritoireFiles([DATA]);
  await importTerritoireFiles(db(), files);
}

/**
 * A promeneur of the public directory (actif, Instagram profile verified `conforme` a month ago), or
 * not public (`verifieIlYa` beyond six months: its verification has expired).
 */
async function promeneurPublic(
  nomPublic: string,
  territoire: { communeCode?: string; epciSiren?: string }[],
  options: { structureId?: string; verifieIlYa?: number } = {},
): Promise<PromeneurRow> {
  const p = await insertPromeneur(db(), {
    nomPublic,
    statut: "actif",
    ...(options.structureId ? { structureId: options.structureId } : {}),
  });
  await insertProfil(db(), p, {
    derniereVerificationLe: new Date(Date.now() - (options.verifieIlYa ?? 30) * JOUR_MS),
    dernierResultat: "conforme",
  });
  for (const t of territoire)
    await db()
      .insert(promeneurTerritoires)
      .values({ promeneurId: p.id, ...t });
  return p;
}

const commune = (data: LoaderData, code: string) => data.communes.find((c) => c.code === code);
const feature = (data: LoaderData, code: string) => data.map?.features.find((f) => f.id === code);

describe("carte de couverture", () => {
  it("répond sans contours importés et donne le tableau des communes", async () => {
    const data = await load();

    expect(data.map).toBeNull();
    expect(data.departement).toEqual({ code: "04", nom: "Alpes-de-Haute-Provence" });
    expect(data.communes).toHaveLength(198);
    const html = render(data);
    expect(html).toContain("Les contours des communes ne sont pas encore importés.");
    expect(html).not.toContain("<svg");
    expect(html).toContain("<caption");
    expect(html.match(/<th scope="row"/g)).toHaveLength(198);
    expect(html).toContain("0 commune sur 198 couverte, 0\u00a0% de la population.");
  });

  it("colore chaque commune selon le nombre de promeneurs publics qui la couvrent, directement ou par son EPCI", async () => {
    await importTerritoire();
    const [digneAgglo] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(communes)
      .where(eq(communes.epciSiren, PROVENCE_ALPES_AGGLO));
    const agglo = digneAgglo?.n ?? 0;
    expect(agglo).toBeGreaterThan(10);

    const structure = await insertStructure(db(), { nom: "Espace jeunes de Manosque", communeCode: MANOSQUE });
    await insertStructure(db(), { nom: "Structure sans promeneur public", communeCode: "04209" });
    // Manosque: four public promeneurs (class 4+); Digne's agglomeration: one through its EPCI, and
    // Digne itself a second one directly (class 2–3).
    for (const nom of ["Anna", "Bruno", "Chloé", "David"]) {
      await promeneurPublic(nom, [{ communeCode: MANOSQUE }], { structureId: structure.id });
    }
    // Their structure is closed: it is not drawn.
    const fermee = await insertStructure(db(), { nom: "Structure fermée", communeCode: DIGNE, statut: "inactive" });
    await promeneurPublic("Élise", [{ epciSiren: PROVENCE_ALPES_AGGLO }], { structureId: fermee.id });
    await promeneurPublic("Fanny", [{ communeCode: DIGNE }], { structureId: fermee.id });
    // Not public: its only verification has expired, or it is not actif.
    await promeneurPublic("Gaston", [{ communeCode: "04209" }], { verifieIlYa: 200, structureId: structure.id });
    await insertPromeneur(db(), { nomPublic: "Hugo", statut: "forme", structureId: structure.id }).then((p) =>
      db().insert(promeneurTerritoires).values({ promeneurId: p.id, communeCode: "04209" }),
    );

    const data = await load();

    expect(data.map?.features).toHaveLength(198);
    expect(commune(data, MANOSQUE)).toMatchObject({ classe: "quatre_plus", qpv: ["Quartier Est", "Quartier Ouest"] });
    expect(commune(data, MANOSQUE)?.promeneurs.map((p) => p.nomPublic)).toEqual(["Anna", "Bruno", "Chloé", "David"]);
    expect(commune(data, DIGNE)?.promeneurs.map((p) => p.nomPublic)).toEqual(["Élise", "Fanny"]);
    expect(commune(data, DIGNE)?.classe).toBe("deux_trois");
    expect(commune(data, "04209")).toMatchObject({ classe: "aucun", promeneurs: [] });
    expect(data.resume.couvertes).toBe(agglo + 1);
    expect(data.resume.parClasse).toEqual({ aucun: 198 - agglo - 1, un: agglo - 1, deux_trois: 1, quatre_plus: 1 });
    const population = data.communes.reduce((sum, c) => sum + c.population, 0);
    const couverte = data.communes.filter((c) => c.promeneurs.length > 0).reduce((sum, c) => sum + c.population, 0);
    expect(data.resume.pourcentPopulation).toBe(Math.floor((couverte * 100) / population));

    // Four shades, darker with more promeneurs; the QPV communes hatched on top of their shade.
    const fills = new Set(data.map?.features.map((f) => f.fill));
    expect(fills.size).toBe(4);
    expect(feature(data, MANOSQUE)?.fill).not.toBe(feature(data, DIGNE)?.fill);
    expect(
      data.map?.features
        .filter((f) => f.hatched)
        .map((f) => f.id)
        .sort(),
    ).toEqual([DIGNE, MANOSQUE]);
    // One point: the structure employing public promeneurs, at the centroid of Manosque's boundary.
    expect(data.map?.points).toHaveLength(1);
    const [point] = data.map?.points ?? [];
    expect(point?.title).toBe("Manosque : Espace jeunes de Manosque");
    expect([point?.x, point?.y]).toEqual(feature(data, MANOSQUE)?.centroid);

    const html = render(data);
    expect(html).toContain(
      `${agglo + 1} communes sur 198 couvertes, ${data.resume.pourcentPopulation}\u00a0% de la population.`,
    );
    expect(html).not.toContain("ne sont pas encore importés");
    const svg = html.slice(html.indexOf("<svg"), html.indexOf("</svg>") + 6);
    expect(svg.match(/<path d="[^"]*" fill="[^"]*"><title>/g)).toHaveLength(198);
    expect(svg).toMatch(
      /<title>Manosque – 4 promeneurs ; [\d\s]+ habitants ; quartiers prioritaires : Quartier Est, Quartier Ouest<\/title>/,
    );
    expect(svg).toContain("<title>Manosque : Espace jeunes de Manosque</title>");
    expect(html).toContain("4 promeneurs ou plus (1 commune)");
    expect(html).toContain(`1 promeneur (${agglo - 1} communes)`);
    // The table links each covering promeneur to their public profile, and shows no one else.
    const table = html.slice(html.indexOf("<table"));
    const [fanny] = await db().select().from(promeneurs).where(eq(promeneurs.nomPublic, "Fanny"));
    expect(table).toContain(`<a href="/promeneurs/${fanny?.slug}">Fanny</a>`);
    expect(table).not.toContain("Gaston");
    expect(table).not.toContain("Hugo");
    expect(table.match(/<th scope="row"/g)).toHaveLength(198);
  });

  it("retire aussitôt de la carte un promeneur suspendu", async () => {
    await importTerritoire();
    const seul = await promeneurPublic("Inès", [{ communeCode: "04019" }]);
    const before = await load();
    expect(commune(before, "04019")?.classe).toBe("un");
    const profil = `href="/promeneurs/${seul.slug}"`;
    expect(render(before)).toContain(profil);

    await db().update(promeneurs).set({ statut: "suspendu" }).where(eq(promeneurs.id, seul.id));
    const after = await load();

    expect(after.resume.couvertes).toBe(before.resume.couvertes - 1);
    expect(commune(after, "04019")).toMatchObject({ classe: "aucun", promeneurs: [] });
    expect(feature(after, "04019")?.fill).not.toBe(feature(before, "04019")?.fill);
    expect(render(after)).not.toContain(profil);
  });

  it("projette les contours une fois, recolore à chaque requête, et reprojette quand les contours changent", async () => {
    const findContours = vi.mocked(carteQueries.findContours);
    // A boundary stamped with a new import date: the next request projects them again.
    await importTerritoire();
    await db().update(communes).set({ territoireImporteLe: new Date() }).where(eq(communes.code, "04001"));
    findContours.mockClear();
    const first = await load();
    expect(findContours).toHaveBeenCalledTimes(1);
    const again = await load();
    expect(findContours).toHaveBeenCalledTimes(1);
    expect(again.map?.features.map((f) => f.d)).toEqual(first.map?.features.map((f) => f.d));

    await promeneurPublic("Jules", [{ communeCode: "04209" }]);
    const covered = await load();
    expect(findContours).toHaveBeenCalledTimes(1);
    expect(commune(covered, "04209")?.classe).toBe("un");
    expect(feature(covered, "04209")?.fill).not.toBe(feature(first, "04209")?.fill);

    await db().update(communes).set({ territoireImporteLe: new Date() }).where(eq(communes.code, "04209"));
    await load();
    expect(findContours).toHaveBeenCalledTimes(2);
  });
});
