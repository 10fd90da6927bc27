import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DataTable } from "./data-table";

const rows = [
  { code: "04070", nom: "Digne-les-Bains", population: 17979 },
  { code: "04112", nom: "Manosque", population: 22718 },
];

describe("DataTable", () => {
  it("met une légende, des en-têtes de colonne et un en-tête de ligne", () => {
    const html = renderToStaticMarkup(
      <DataTable
        caption="Communes"
        rows={rows}
        rowKey={(r) => r.code}
        columns={[
          { header: "Commune", cell: (r) => r.nom },
          { header: "Habitants", cell: (r) => r.population, align: "right" },
        ]}
      />,
    );
    expect(html).toContain("<caption");
    expect(html).toContain('<table class="tableau-donnees">');
    expect(html).toContain('<th scope="col">Commune</th>');
    expect(html).toMatch(/<th scope="row"[^>]*>Digne-les-Bains<\/th>/);
    expect(html).toContain('<td class="num">22718</td>');
  });

  it("affiche le message prévu quand il n'y a aucune ligne", () => {
    const html = renderToStaticMarkup(
      <DataTable caption="Vide" rows={[]} rowKey={() => 0} columns={[]} empty="Aucune structure ne correspond." />,
    );
    expect(html).toBe('<p class="mt-4">Aucune structure ne correspond.</p>');
  });
});
