import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { collectTerritoireFiles, importTerritoireFiles } from "~/domain/territoire/territoire-import.server";
import { getDb } from "~/server/db.server";
import { insertStructure } from "../../../tests/factories/structure";
import { outcome } from "../../../tests/support/route";
import CartePage, { loader } from "./carte";

const DATA = path.resolve(process.cwd(), "../shared/data/territoire-04");

type LoaderData = Awaited<ReturnType<typeof loader>>;

async function load(): Promise<LoaderData> {
  const result = await outcome(() => loader());
  expect(result.status).toBe(200);
  return result.data as LoaderData;
}

const render = (loaderData: LoaderData) => renderToStaticMarkup(createElement(CartePage, { loaderData } as never));

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
    expect(html).toContain("classement France Ruralités Revitalisation non importé");
    expect(html).toContain("La couverture du territoire par les promeneurs sera affichée ici");
  });

  it("dessine les 198 communes, les QPV et les structures une fois le territoire importé", async () => {
    const { files } = await collectTerritoireFiles([DATA]);
    await importTerritoireFiles(getDb(), files);
    await insertStructure(getDb(), { nom: "Espace jeunes d'essai", communeCode: "04112" });
    await insertStructure(getDb(), { nom: "Deuxième structure d'essai", communeCode: "04112" });
    await insertStructure(getDb(), { nom: "Structure fermée", communeCode: "04070", statut: "inactive" });

    const data = await load();

    expect(data.map?.features).toHaveLength(198);
    expect(data.sansContour).toBe(0);
    expect(data.totals).toMatchObject({ frrPlus: 58, frrSocle: 140, frrNonImporte: 0, qpv: 3, communesAvecQpv: 2 });
    expect(
      data.map?.features
        .filter((f) => f.hatched)
        .map((f) => f.id)
        .sort(),
    ).toEqual(["04070", "04112"]);
    expect(data.map?.points.map((p) => [p.id, p.title])).toEqual([["04112", "Manosque : 2 structures du réseau"]]);
    const manosque = data.communes.find((c) => c.code === "04112");
    expect(manosque).toMatchObject({ frr: "FRR socle", qpv: ["Quartier Est", "Quartier Ouest"], structures: 2 });
    expect(data.communes.find((c) => c.code === "04070")?.structures).toBe(0);

    const html = render(data);
    expect(html).not.toContain("ne sont pas encore importés");
    expect(html).toMatch(/<svg[^>]* role="img" aria-labelledby="carte-couverture-titre carte-couverture-description"/);
    expect(html).toContain(
      '<title id="carte-couverture-titre">Carte des communes – Alpes-de-Haute-Provence (04)</title>',
    );
    expect(html).toContain("FRR+ (58 communes)");
    expect(html).toContain("FRR socle (140 communes)");
    const svg = html.slice(html.indexOf("<svg"), html.indexOf("</svg>") + 6);
    expect(svg.match(/<path d="[^"]*" fill="[^"]*"><title>/g)).toHaveLength(198);
    expect(svg).toMatch(
      /<title>Manosque – [\d\s]+ habitants ; FRR socle ; quartiers prioritaires : Quartier Est, Quartier Ouest ; 2 structures du réseau<\/title>/,
    );
    const coordinates = [...svg.matchAll(/ (?:d|cx|cy|r)="([^"]*)"/g)].map((m) => m[1]).join(" ");
    expect(coordinates).toMatch(/\d\.\d/);
    expect(coordinates).not.toMatch(/\d\.\d\d/);
    expect(svg.length).toBeLessThan(250_000);
    expect(html.match(/<th scope="row"/g)).toHaveLength(198);
  });

  it("garde la carte projetée tant que rien ne change, et la refait quand une structure s'ajoute", async () => {
    const { files } = await collectTerritoireFiles([DATA]);
    await importTerritoireFiles(getDb(), files);
    const first = await load();
    const again = await load();
    expect(again.map).toBe(first.map);
    await insertStructure(getDb(), { nom: "Nouvelle structure d'essai", communeCode: "04209" });
    const after = await load();
    expect(after.map).not.toBe(first.map);
    expect(after.map?.points.map((p) => p.id)).toContain("04209");
  });
});
