import { describe, expect, it } from "vitest";
import { definitionsIndicateurs } from "./indicateurs.definitions";
import { CODES_INDICATEURS } from "./indicateurs.types";

describe("definitionsIndicateurs", () => {
  it("defines each of the nine indicators, numbered 1 to 9 in the contract's order", () => {
    expect(Object.keys(definitionsIndicateurs).sort()).toEqual([...CODES_INDICATEURS].sort());
    expect(CODES_INDICATEURS.map((code) => definitionsIndicateurs[code].numero)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("gives each a French title and a definition saying what is counted, over which period", () => {
    for (const code of CODES_INDICATEURS) {
      const { titre, definition } = definitionsIndicateurs[code];
      expect(titre.length, code).toBeGreaterThan(5);
      expect(definition.length, code).toBeGreaterThan(120);
      expect(definition, code).toMatch(/période/);
      // French typography: a non-breaking space before « : ; ! ? » and inside guillemets, never a plain one.
      expect(definition, code).not.toMatch(/ [:;!?»]/);
      expect(definition, code).not.toMatch(/« /);
    }
  });

  it("states the small-count rule where a count of 1 or 2 can be withheld", () => {
    for (const code of ["jeunes", "demandes", "couverture"] as const) {
      expect(definitionsIndicateurs[code].definition, code).toContain("« < 3 »");
    }
  });
});
