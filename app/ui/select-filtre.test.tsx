import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SelectFiltre } from "./select-filtre";

const options = [
  { value: "brouillon", label: "Brouillon" },
  { value: "publie", label: "Publié" },
] as const;

describe("SelectFiltre", () => {
  it("relie l'étiquette au select, met l'option vide en premier et sélectionne la valeur par défaut", () => {
    const html = renderToString(
      <SelectFiltre
        id="filtre-statut"
        name="statut"
        label="Statut"
        defaultValue="publie"
        toutes="Tous"
        options={options}
      />,
    );
    expect(html).toBe(
      '<div><label for="filtre-statut" class="mb-1 block font-semibold">Statut</label>' +
        '<select id="filtre-statut" name="statut" class="input">' +
        '<option value="">Tous</option><option value="brouillon">Brouillon</option>' +
        '<option value="publie" selected="">Publié</option></select></div>',
    );
  });

  it("sélectionne l'option vide quand aucun filtre n'est choisi", () => {
    for (const defaultValue of [null, undefined, ""]) {
      const html = renderToString(
        <SelectFiltre
          id="f"
          name="f"
          label="Structure"
          defaultValue={defaultValue}
          toutes="Toutes les structures"
          options={options}
          className="grow"
        />,
      );
      expect(html).toMatch(/^<div class="grow">/);
      expect(html).toContain('<option value="" selected="">Toutes les structures</option>');
      expect(html).not.toMatch(/<option value="(brouillon|publie)" selected/);
    }
  });
});
