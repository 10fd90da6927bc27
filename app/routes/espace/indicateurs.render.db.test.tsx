import { communes, promeneurTerritoires } from "@db/schema";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { refaireTousLesAgregats } from "~/domain/indicateurs/agregats.server";
import { instantParis } from "~/lib/jour";
import { getDb } from "~/server/db.server";
import { insertPromeneur } from "../../../tests/factories/promeneur";
import { insertRapport } from "../../../tests/factories/rapport";
import { insertSituation } from "../../../tests/factories/situation";
import { insertStructure } from "../../../tests/factories/structure";
import { insertActor, insertCoordination } from "../../../tests/support/acteurs";
import { page, render } from "../../../tests/support/render";
import { contextFor, getRequest, outcome } from "../../../tests/support/route";
import IndicateursPage, { loader } from "./indicateurs";

/*
 * Year 2019 in 04 (no seeded activity then): two promeneurs active since 2018 covering the commune
 * « Essai-sur-Bléone » (so 2 promeneurs: « < 3 » outside the coordination), reports with the theme
 * « Mobilité » counted once, and two situations of the category « Violences » (counted 2).
 */
const ANNEE = "periode=annee&annee=2019";
const load = (actor: Actor, query: string) =>
  outcome(() =>
    loader({ request: getRequest(`/espace/indicateurs?${query}`), context: contextFor(actor), params: {} } as never),
  );
const html = async (actor: Actor, query: string) => {
  const result = await load(actor, query);
  const texte = render(page(IndicateursPage)(result.data)).replaceAll("&#x27;", "'").replaceAll("\u00a0", " ");
  return { status: result.status, html: texte };
};

/** The text of the table row whose row header is `libelle`, cells separated by « | ». */
function ligne(page: string, libelle: string): string {
  const rangees = page.match(/<tr[^>]*>[\s\S]*?<\/tr>/g) ?? [];
  const trouvee = rangees.find((r) => r.includes('scope="row"') && r.includes(`>${libelle}<`)) ?? "";
  return trouvee
    .replace(/<[^>]+>/g, "|")
    .replace(/\|+/g, "|")
    .replaceAll("&lt;", "<");
}

let acteurs: Awaited<ReturnType<typeof insertCoordination>>;
let promeneurActeur: Actor;
let referent: Actor;

beforeAll(async () => {
  const db = getDb();
  acteurs = await insertCoordination(db);
  await db.insert(communes).values({
    code: "04T01",
    nom: "Essai-sur-Bléone",
    departement: "04",
    population: 321,
    contour: {
      type: "Polygon",
      coordinates: [
        [
          [6.2, 44.1],
          [6.25, 44.1],
          [6.25, 44.15],
          [6.2, 44.15],
          [6.2, 44.1],
        ],
      ],
    },
  });
  const structure = await insertStructure(db, { departement: "04", communeCode: "04T01" });
  const actif = {
    departement: "04",
    structureId: structure.id,
    statut: "actif",
    entreeLe: instantParis({ annee: 2018, mois: 1, jour: 1 }, 12),
  };
  const p1 = await insertPromeneur(db, { ...actif, prenom: "Inès", nom: "Idir" });
  const p2 = await insertPromeneur(db, { ...actif, prenom: "Jules", nom: "Joly" });
  await db.insert(promeneurTerritoires).values([
    { promeneurId: p1.id, communeCode: "04T01" },
    { promeneurId: p2.id, communeCode: "04T01" },
  ]);
  await insertRapport(
    db,
    p1,
    "2019-03-01",
    { statut: "valide", nouveauxJeunes: 12, echanges: 40, echangesIndividuels: 40 },
    { theme: { mobilite: 1, sante: 17, bien_etre: 23, scolarite: 31 } },
  );
  await insertRapport(
    db,
    p2,
    "2019-04-01",
    { statut: "soumis", nouveauxJeunes: 8, echanges: 20, echangesIndividuels: 20 },
    { theme: { sante: 5 } },
  );
  await refaireTousLesAgregats(db);
  await insertSituation(db, p1, { date: "2019-05-02", categorie: "violences" });
  await insertSituation(db, p1, { date: "2019-06-12", categorie: "violences" });
  for (const date of ["2019-02-01", "2019-03-01", "2019-04-01", "2019-05-01"]) {
    await insertSituation(db, p2, { date, categorie: "harcelement" });
  }
  promeneurActeur = await insertActor(db, { role: "promeneur", departement: "04" });
  referent = await insertActor(db, { role: "referent", departement: "04", structureId: structure.id });
});

describe("/espace/indicateurs", () => {
  it("montre à la coordination du 04 les nombres exacts et les listes de personnes", async () => {
    const { status, html: h } = await html(acteurs.coordinateur04, ANNEE);
    expect(status).toBe(200);
    expect(h.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(h).toContain("Vue de la coordination départementale");
    expect(ligne(h, "Mobilité")).toBe("|Mobilité|1|");
    expect(ligne(h, "Violences (familiales, sexuelles…)")).toBe("|Violences (familiales, sexuelles…)|2|");
    expect(ligne(h, "Harcèlement, cyberharcèlement")).toBe("|Harcèlement, cyberharcèlement|4|");
    expect(ligne(h, "Essai-sur-Bléone")).toBe("|Essai-sur-Bléone|2|");
    // The coverage map, its area titled with the exact count.
    expect(h).toContain('id="carte-couverture-titre"');
    expect(h).toContain("<title>Essai-sur-Bléone – 2 promeneurs actifs</title>");
    expect(h).toMatch(/>20<\/span> nouveaux jeunes en contact/);
    expect(h).toContain("Présence par promeneur");
    expect(h).toContain('href="/espace/rapport-annuel?departement=04&amp;annee=2019"');
    // Every chart is an image with its name, and the filter is a GET form.
    expect(h).toMatch(/<svg [^>]*role="img" aria-label="Demandes par thème"/);
    expect(h).toMatch(/<form [^>]*method="get"/);
  });

  it("montre au COPIL du 04 « < 3 » au lieu de tout 1 ou 2, sans liste de personnes", async () => {
    const { status, html: h } = await html(acteurs.copil04, ANNEE);
    expect(status).toBe(200);
    expect(h).toContain("Vue agrégée");
    expect(ligne(h, "Mobilité")).toBe("|Mobilité|< 3|");
    expect(ligne(h, "Violences (familiales, sexuelles…)")).toBe("|Violences (familiales, sexuelles…)|< 3|");
    expect(ligne(h, "Essai-sur-Bléone")).toBe("|Essai-sur-Bléone|< 3|");
    expect(h).toContain("<title>Essai-sur-Bléone – &lt; 3 promeneurs actifs</title>");
    expect(h).not.toContain("Essai-sur-Bléone – 2");
    expect(h).not.toContain("Inès Idir");
    expect(h).not.toContain("Jules Joly");
    expect(h).not.toContain("Présence par promeneur");
    expect(h).not.toContain("Profils à suivre");
    // The theme chart says « < 3 » for Mobilité, not its value.
    const graphique = h.match(/<svg [^>]*aria-label="Demandes par thème"[\s\S]*?<\/svg>/)?.[0] ?? "";
    expect(graphique).toContain(">&lt; 3</text>");
    expect(graphique).not.toMatch(/>[12]<\/text>/);
  });

  it("refuse la page aux promeneurs et aux référents (403), et le 04 à la coordination du 05 (404)", async () => {
    expect((await load(promeneurActeur, ANNEE)).status).toBe(403);
    expect((await load(referent, ANNEE)).status).toBe(403);
    expect((await load(acteurs.coordinateur05, `${ANNEE}&departement=04`)).status).toBe(404);
    expect((await load(acteurs.national, `${ANNEE}&departement=04`)).status).toBe(200);
  });

  it("signale en français un filtre invalide, ne l'applique pas et affiche quand même la page", async () => {
    const { status, html: h } = await html(
      acteurs.coordinateur04,
      "periode=mois&annee=2019&mois=13&type=inconnu&reseau=myspace&epci=000000000&commune=99999",
    );
    expect(status).toBe(400);
    expect(h).toContain("Choisissez un mois entre 1 et 12.");
    expect(h).toContain("Choisissez un type de structure dans la liste : ce filtre n'est pas appliqué.");
    expect(h).toContain("Choisissez un réseau social dans la liste : ce filtre n'est pas appliqué.");
    expect(h).toContain("Choisissez un EPCI du département dans la liste : ce filtre n'est pas appliqué.");
    expect(h).toContain("Choisissez une commune du département dans la liste : ce filtre n'est pas appliqué.");
    expect(h).toMatch(/<select id="indicateurs-mois"[^>]*aria-invalid="true"/);
    expect(h).toContain("<h2");
  });
});
