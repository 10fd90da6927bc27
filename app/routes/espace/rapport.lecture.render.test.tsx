import { describe, expect, it } from "vitest";
import { comptesVides } from "~/domain/rapports/rapport.queries.server";
import { render } from "../../../tests/support/render";
import { RapportLecture } from "./rapport.lecture";

const totaux = {
  nouveauxJeunes: 7,
  fileActive: 1234,
  echanges: 40,
  echangesIndividuels: 30,
  echangesCollectifs: 10,
  heuresEnLigne: 12.5,
};

function comptes() {
  const c = comptesVides();
  c.age_nouveaux = { "15_17": 5, "18_21": 2 };
  c.canal = { messages_prives: 31, appels: 9 };
  c.theme = { risques_numeriques: 4 };
  c.reseau = { instagram: 25, snapchat: 15, ancien_reseau: 3 };
  c.orientation = { mission_locale: 2 };
  return c;
}

describe("lecture d'un bilan mensuel", () => {
  it("montre « < 3 » pour un thème masqué et garde le vrai total de la rubrique", () => {
    const c = comptes();
    c.theme = { risques_numeriques: 4 };
    const html = render(
      <RapportLecture totaux={totaux} comptes={c} masques={{ theme: { codes: ["sante"], total: 6 } }} />,
    );
    expect(html).toMatch(/>Santé<\/th><td[^>]*>&lt; 3</);
    expect(html).toMatch(/<caption[^>]*>Demandes par thème<\/caption>[\s\S]*?Total<\/th><td[^>]*>6</);
  });

  it("affiche les totaux au format français et chaque rubrique avec ses libellés et son total", () => {
    const html = render(<RapportLecture totaux={totaux} comptes={comptes()} />);
    expect(html).toContain("Nouveaux jeunes en contact");
    expect(html).toMatch(/File active<\/dt><dd[^>]*>1\u202f234</);
    expect(html).toContain("12,5\u00a0h");
    expect(html).toMatch(/<caption[^>]*>Échanges par canal<\/caption>/);
    expect(html).toMatch(/Messages privés<\/th><td[^>]*>31</);
    expect(html).toMatch(/Appels audio ou vidéo<\/th><td[^>]*>9</);
    // A code with no count is listed with 0: the reader sees the whole list.
    expect(html).toMatch(/Commentaires publics<\/th><td[^>]*>0</);
    // Channel total (31 + 9).
    expect(html).toMatch(/<caption[^>]*>Échanges par canal<\/caption>[\s\S]*?Total<\/th><td[^>]*>40</);
    expect(html).toMatch(/Risques numériques et cyberharcèlement<\/th><td[^>]*>4</);
    expect(html).toMatch(/15–17 ans<\/th><td[^>]*>5</);
    expect(html).toMatch(/Mission locale<\/th><td[^>]*>2</);
    expect(html).toMatch(/Instagram<\/th><td[^>]*>25</);
    // A code no list knows any more (imported history) is still shown, not dropped.
    expect(html).toMatch(/ancien_reseau<\/th><td[^>]*>3</);
  });

  it("n'affiche ni le fait marquant ni les commentaires quand ils ne sont pas passés (lecture par un référent)", () => {
    const html = render(<RapportLecture totaux={totaux} comptes={comptes()} />);
    expect(html).not.toContain("Fait marquant");
    expect(html).not.toContain("Commentaire de la coordination");
    expect(html).not.toContain("Motif de la réouverture");
  });

  it("affiche le fait marquant et le commentaire comme du texte, jamais comme du HTML", () => {
    const html = render(
      <RapportLecture
        totaux={totaux}
        comptes={comptes()}
        faitMarquant={"Atelier <b>réussi</b>\nsuite"}
        commentaireCoordination="Vérifiez les canaux."
        motifReouverture="Erreur de saisie signalée."
      />,
    );
    expect(html).toContain("Fait marquant du mois");
    expect(html).toContain("Atelier &lt;b&gt;réussi&lt;/b&gt;\nsuite");
    expect(html).toContain("Vérifiez les canaux.");
    expect(html).toContain("Erreur de saisie signalée.");
  });

  it("signale un fait marquant vide plutôt qu'une section vide, et suit le niveau de titre demandé", () => {
    const html = render(<RapportLecture totaux={totaux} comptes={comptesVides()} faitMarquant="" niveauTitre={3} />);
    expect(html).toContain("Aucun fait marquant indiqué.");
    expect(html).toMatch(/<h3 id="rapport-totaux">Chiffres du mois<\/h3>/);
    expect(html).not.toContain("<h2");
  });
});
