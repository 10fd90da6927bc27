import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { RadioField } from "./field";

const labels = { brouillon: "Brouillon", publie: "Publié" } as const;
const field = (errors?: string[]) =>
  ({ id: "f-statut", name: "statut", errorId: "f-statut-error", errors, initialValue: undefined }) as never;

describe("RadioField", () => {
  it("coche la valeur par défaut et n'annonce aucune erreur quand il n'y en a pas", () => {
    const html = renderToString(
      <RadioField
        field={field()}
        legend="État"
        options={["brouillon", "publie"]}
        labels={labels}
        defaultValue="publie"
      />,
    );
    expect(html).toMatch(/<input[^>]*id="f-statut-publie"[^>]*checked=""/);
    expect(html).not.toMatch(/<input[^>]*id="f-statut-brouillon"[^>]*checked=""/);
    expect(html).not.toContain("aria-describedby");
    expect(html).not.toContain("aria-invalid");
  });

  it("montre l'erreur en français sous les choix, reliée au groupe", () => {
    const html = renderToString(
      <RadioField
        field={field(["Choisissez l'état."])}
        legend="État"
        options={["brouillon", "publie"]}
        labels={labels}
        defaultValue="brouillon"
      />,
    );
    expect(html).toContain('<fieldset class="mb-4" aria-describedby="f-statut-error">');
    expect(html).toContain(
      '<p id="f-statut-error" class="mt-1 text-sm font-semibold text-alerte-700">Choisissez l&#x27;état.</p>',
    );
    expect(html.match(/aria-invalid="true"/g)).toHaveLength(2);
  });
});
