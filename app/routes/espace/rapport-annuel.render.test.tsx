import { describe, expect, it } from "vitest";
import { page, render } from "../../../tests/support/render";
import RapportAnnuelPage from "./rapport-annuel";

const GEN = "00000000-0000-4000-8000-0000000000aa";
const FAIT = "00000000-0000-4000-8000-0000000000bb";

const base = {
  departement: "04",
  annee: 2025,
  annees: [2026, 2025, 2024],
  preparer: true,
  vue: "coordination",
  rapport: { introduction: "Une belle année.", faitsMarquants: [FAIT], version: 2 },
  faits: [
    { id: FAIT, mois: "avril 2025", promeneur: "Alex Martin", structure: "MJC de Digne", texte: "Forum des métiers" },
  ],
  enCours: false,
  generations: [] as unknown[],
};

describe("page du rapport d'activité (rendu serveur)", () => {
  it("montre l'avancement d'une génération en cours avec une barre de progression étiquetée", () => {
    const html = render(
      page(RapportAnnuelPage)({
        ...base,
        enCours: true,
        generations: [
          {
            id: GEN,
            etat: "en_cours",
            progression: 45,
            etape: "Document Word",
            erreur: null,
            demandeLe: "2026-02-10T10:00:00.000Z",
            termineLe: null,
            liens: [],
          },
        ],
      }),
    );
    expect(html.match(/<h1/g)).toHaveLength(1);
    expect(html).toContain("Générer le rapport 2025");
    expect(html).toMatch(new RegExp(`<label for="progression-${GEN}"[^>]*>Document Word\u00a0: 45\u00a0%</label>`));
    expect(html).toMatch(/<progress[^>]*max="100"[^>]*value="45"/);
  });

  it("donne les liens de téléchargement d'une génération terminée et le message d'un échec", () => {
    const html = render(
      page(RapportAnnuelPage)({
        ...base,
        generations: [
          {
            id: GEN,
            etat: "terminee",
            progression: 100,
            etape: "Terminé",
            erreur: null,
            demandeLe: "2026-02-10T10:00:00.000Z",
            termineLe: "2026-02-10T10:00:09.000Z",
            liens: ["docx", "pdf", "xlsx"].map((format) => ({
              format,
              href: `/espace/rapport-annuel/fichiers/${GEN}/${format}`,
            })),
          },
          {
            id: "00000000-0000-4000-8000-0000000000cc",
            etat: "echec",
            progression: 5,
            etape: "Calcul des indicateurs",
            erreur: "La génération a échoué à l'étape « Calcul des indicateurs ».",
            demandeLe: "2026-02-09T10:00:00.000Z",
            termineLe: "2026-02-09T10:00:01.000Z",
            liens: [],
          },
        ],
      }),
    );
    expect(html).toContain(`href="/espace/rapport-annuel/fichiers/${GEN}/pdf"`);
    expect(html).toContain("Télécharger\u00a0: Document Word (DOCX)");
    expect(html).toMatch(/role="alert"[^>]*>La génération a échoué/);
    expect(html).not.toContain("<progress");
  });

  it("présente les faits marquants en cases à cocher étiquetées, et l'erreur de l'introduction à côté du champ", () => {
    const html = render(
      page(RapportAnnuelPage)(base, {
        erreurs: { introduction: ["Ce texte semble contenir un numéro de téléphone."] },
        valeurs: { introduction: "Appeler le 06 12 34 56 78", faitsMarquants: [] },
      }),
    );
    const caseFait = html.match(new RegExp(`<input id="fait-${FAIT}"[^>]*>`))?.[0] ?? "";
    expect(caseFait).toContain('type="checkbox"');
    expect(caseFait).toContain(`name="faitsMarquants" value="${FAIT}"`);
    // The values sent back after a refusal win over the saved choice (nothing was ticked).
    expect(caseFait).not.toContain("checked");
    expect(html).toContain(`<label for="fait-${FAIT}"`);
    expect(html).toContain('aria-describedby="rapport-introduction-aide rapport-introduction-erreur"');
    expect(html).toMatch(/id="rapport-introduction-erreur"[^>]*>Ce texte semble contenir un numéro/);
    expect(html).toContain("Appeler le 06 12 34 56 78</textarea>");
  });

  it("ne propose pas la préparation au comité de pilotage", () => {
    const html = render(
      page(RapportAnnuelPage)({ ...base, preparer: false, vue: "agregee", rapport: null, faits: [] }),
    );
    expect(html).not.toContain("Préparer le rapport");
    expect(html).toContain("Version agrégée");
    expect(html).toContain("Générer le rapport 2025");
  });
});
