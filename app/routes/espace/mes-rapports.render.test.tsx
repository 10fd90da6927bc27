import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { comptesVides } from "~/domain/rapports/rapport.queries.server";
import { rapportSchema } from "~/domain/rapports/rapport.schema";
import { page, render } from "../../../tests/support/render";
import RapportDuMois from "./mes-rapports.$mois";

const Page = page(RapportDuMois);

function donnees(overrides: Record<string, unknown> = {}) {
  const comptes = { ...comptesVides(), canal: { messages_prives: 30 }, age_file: { "15_17": 12 } };
  return {
    mois: "2026-03-01",
    libelle: "mars 2026",
    statut: "brouillon",
    statutLabel: "Brouillon",
    version: 2,
    modifiable: true,
    refusStatut: null,
    enCours: false,
    moisSuivant: "avril 2026",
    echeance: "2026-04-10",
    enRetard: true,
    soumisLe: null,
    heuresSuggerees: 17.5,
    heuresPreRemplies: false,
    situations: 2,
    reseauxPropres: ["instagram", "snapchat"],
    comptes,
    totaux: {
      nouveauxJeunes: 0,
      fileActive: 12,
      echanges: 30,
      echangesIndividuels: 30,
      echangesCollectifs: 0,
      heuresEnLigne: 0,
    },
    faitMarquant: "",
    commentaireCoordination: null,
    motifReouverture: null,
    valeurs: {
      canal: { messages_prives: "30" },
      age_file: { "15_17": "12" },
      echangesIndividuels: "30",
    },
    ...overrides,
  };
}

describe("formulaire du bilan mensuel (rendu serveur, sans JavaScript)", () => {
  it("présente des champs numériques nommés par rubrique, groupés sous des légendes, avec les deux boutons", () => {
    const html = render(Page(donnees()));
    expect(html).toContain("<h1");
    expect(html).toContain("Bilan de mars 2026");
    expect(html).toMatch(/<form[^>]*method="post"/);
    expect(html).toContain('name="_csrf"');
    expect(html).toMatch(/<input type="hidden" name="version" value="2"/);
    expect(html).toMatch(/<input[^>]*name="canal\.messages_prives"[^>]*value="30"/);
    expect(html).toMatch(
      /<input[^>]*name="age_nouveaux\.12_14"[^>]*inputMode="numeric"|<input[^>]*inputmode="numeric"[^>]*name="age_nouveaux\.12_14"/i,
    );
    for (const name of ["age_file.autre", "theme.sante", "publication.live", "orientation.paej", "reseau.tiktok"]) {
      expect(html).toContain(`name="${name}"`);
    }
    expect(html).toContain('name="echangesIndividuels"');
    expect(html).toContain('name="heuresEnLigne"');
    expect(html).toMatch(/<textarea[^>]*name="faitMarquant"/);
    expect(html).toContain("<legend");
    expect(html).toContain("Nouveaux jeunes en contact ce mois, par âge");
    expect(html).toContain("<details");
    expect(html).toMatch(/<button type="submit" value="enregistrer"[^>]*name="intent">Enregistrer le brouillon</);
    expect(html).toMatch(/<button type="submit" value="soumettre"[^>]*name="intent">Soumettre à la coordination</);
    // Totaux du dernier enregistrement, suggestion d'heures et situations du mois.
    expect(html).toContain("Total des échanges : 30");
    expect(html).toContain("File active : 12");
    expect(html).toContain("environ 17,5\u00a0h");
    expect(html).toMatch(/Situations préoccupantes enregistrées ce mois : <strong>2<\/strong>/);
    expect(html).toContain("en retard");
  });

  it("relie chaque étiquette à son champ", () => {
    const html = render(Page(donnees()));
    const id = /<input[^>]*name="theme\.sante"[^>]*id="([^"]+)"|<input[^>]*id="([^"]+)"[^>]*name="theme\.sante"/.exec(
      html,
    );
    const champId = id?.[1] ?? id?.[2];
    expect(champId).toBeTruthy();
    expect(html).toContain(`for="${champId}"`);
  });

  it("montre chaque erreur sous son champ, reliée par aria-describedby", () => {
    const erreurSur = (champs: Record<string, string>, name: string) => {
      const formData = new FormData();
      for (const [k, v] of Object.entries(champs)) formData.append(k, v);
      const submission = parseWithZod(formData, { schema: rapportSchema("soumission") });
      const html = render(Page(donnees(), submission.reply()));
      const input = new RegExp(`<input[^>]*name="${name.replace(".", "\\.")}"[^>]*>`).exec(html)?.[0] ?? "";
      expect(input).toContain('aria-invalid="true"');
      const decrit = /aria-describedby="([^"]+)"/.exec(input)?.[1] ?? "";
      const message = new RegExp(`<p id="${decrit}"[^>]*>([^<]*)</p>`).exec(html)?.[1];
      return message;
    };
    // Un champ faux d'abord ; la cohérence ensuite, une fois chaque champ correct.
    expect(erreurSur({ "theme.sante": "-2" }, "theme.sante")).toContain("ne peut pas être négatif");
    expect(erreurSur({ "canal.messages_prives": "30", echangesIndividuels: "29" }, "echangesIndividuels")).toContain(
      "font 29, mais les échanges par canal en comptent 30",
    );
  });

  it("montre une erreur de cohérence d'une rubrique sous sa légende, reliée au groupe", () => {
    const formData = new FormData();
    formData.append("canal.messages_prives", "3");
    formData.append("echangesIndividuels", "3");
    formData.append("theme.sante", "4");
    const submission = parseWithZod(formData, { schema: rapportSchema("soumission") });
    const html = render(Page(donnees(), submission.reply()));
    const groupe = /<fieldset[^>]*aria-describedby="([^"]+)"[^>]*><legend[^>]*>Demandes par thème/.exec(html);
    expect(groupe?.[1]).toBeTruthy();
    expect(html).toMatch(new RegExp(`<p id="${groupe?.[1]}"[^>]*>Les demandes par thème \\(4\\) dépassent`));
  });

  it("après un refus sans JavaScript, affiche les totaux des nombres renvoyés, pas ceux du dernier enregistrement", () => {
    const formData = new FormData();
    formData.append("canal.messages_prives", "7");
    formData.append("canal.appels", "5");
    formData.append("echangesIndividuels", "11");
    const submission = parseWithZod(formData, { schema: rapportSchema("soumission") });
    const html = render(Page(donnees(), submission.reply()));
    expect(html).toContain("Total des échanges : 12");
    expect(html).toContain("Individuels + collectifs : 11 sur 12 échanges");
  });

  it("met en avant le commentaire de la coordination d'un bilan à corriger", () => {
    const html = render(
      Page(
        donnees({
          statut: "a_corriger",
          statutLabel: "À corriger",
          commentaireCoordination: "Il manque les orientations.",
        }),
      ),
    );
    expect(html).toContain("La coordination vous demande de corriger ce bilan");
    expect(html).toContain("Il manque les orientations.");
    expect(html).toContain('name="intent"');
  });

  it("n'offre pas la soumission du mois en cours", () => {
    const html = render(Page(donnees({ enCours: true })));
    expect(html).not.toContain('value="soumettre"');
    expect(html).toContain("vous pourrez soumettre ce bilan à partir du 1");
  });

  it("montre un bilan soumis en lecture seule, sans formulaire", () => {
    const html = render(
      Page(donnees({ statut: "soumis", statutLabel: "Soumis", modifiable: false, faitMarquant: "Un atelier réussi." })),
    );
    expect(html).not.toContain("<form");
    expect(html).toContain("La coordination relit ce bilan");
    expect(html).toContain("Un atelier réussi.");
  });
});
