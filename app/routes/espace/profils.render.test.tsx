import { describe, expect, it } from "vitest";
import { page, render } from "../../../tests/support/render";
import ConformitePage from "./conformite";
import ReglagesPage from "./conformite.reglages";
import ProfilPage from "./profils.$profilId";
import VerifierPage from "./profils.$profilId.verifier";
import ProfilsPage from "./promeneurs.$id.profils";

const PROMENEUR_ID = "00000000-0000-4000-8000-000000000010";
const profil = {
  id: "00000000-0000-4000-8000-000000000020",
  reseau: "instagram",
  handle: "pdn04.julie",
  url: "https://www.instagram.com/pdn04.julie/",
  statut: "conforme",
  echeance: new Date("2025-12-01T23:00:00Z"),
  derniereVerificationLe: new Date("2025-06-02T08:00:00Z"),
  avertissementAccepte: false,
};
const profilsData = (gerer: boolean) => ({
  promeneur: { id: PROMENEUR_ID, nom: "Julie Martinez", structure: "MJC de Digne", departement: "04" },
  delai: 6,
  profils: [profil],
  may: { gerer, verifier: gerer },
});

describe("page des profils d'un promeneur (rendu serveur)", () => {
  it("liste les profils avec un lien sûr vers le compte, le statut et l'échéance", () => {
    const html = render(page(ProfilsPage)(profilsData(true)));
    expect(html).toContain('href="https://www.instagram.com/pdn04.julie/" target="_blank" rel="noopener noreferrer"');
    expect(html).toContain(">conforme<");
    expect(html).toContain("2 décembre 2025");
    expect(html).toContain(`href="/espace/profils/${profil.id}/verifier"`);
    expect(html).toMatch(/<label[^>]*for="[^"]+"[^>]*>Adresse du profil ou nom du compte<\/label>/);
    expect(html).toContain("https://www.tiktok.com/@nom_du_compte");
  });

  it("ne montre la case de confirmation qu'après l'avertissement, reliée à son message", () => {
    expect(render(page(ProfilsPage)(profilsData(true)))).not.toContain('name="confirmationPersonnel"');
    const html = render(
      page(ProfilsPage)(profilsData(true), {
        status: "error",
        initialValue: { reseau: "instagram", saisie: "julie.martinez" },
        error: { confirmationPersonnel: ["Ce nom de compte contient votre nom de famille."] },
      }),
    );
    const checkbox = html.match(/<input[^>]*name="confirmationPersonnel"[^>]*>/)?.[0] ?? "";
    expect(checkbox).toContain('type="checkbox"');
    const describedBy = checkbox.match(/aria-describedby="([^"]+)"/)?.[1];
    expect(describedBy).toBeTruthy();
    expect(html).toContain(`id="${describedBy}"`);
    expect(html).toContain("Ce nom de compte contient votre nom de famille.");
    expect(html).toContain('value="julie.martinez"');
  });

  it("n'affiche ni formulaire ni lien de vérification à qui ne fait que lire", () => {
    const html = render(page(ProfilsPage)(profilsData(false)));
    expect(html).not.toContain("Ajouter le profil");
    expect(html).not.toContain("/verifier");
    expect(html).toContain("Historique");
  });
});

describe("page d'un profil (rendu serveur)", () => {
  it("montre l'historique des vérifications et la suppression avec une case de confirmation", () => {
    const html = render(
      page(ProfilPage)({
        profil,
        promeneur: { id: PROMENEUR_ID, nom: "Julie Martinez" },
        verifications: [
          {
            id: "v1",
            verifieLe: new Date("2025-06-02T08:00:00Z"),
            resultat: "non_conforme",
            controles: [],
            manques: ["Photo d'identité"],
            commentaire: "Ajoutez une photo.",
            verificateur: "Coordination 04",
          },
        ],
        may: { gerer: true, verifier: true },
      }),
    );
    expect(html).toContain("Coordination 04");
    expect(html).toContain("non conforme");
    expect(html).toContain("Photo d&#x27;identité");
    expect(html).toMatch(/<input type="checkbox"[^>]*name="confirmer"/);
    expect(html).toContain("Supprimer le profil");
  });
});

describe("page de vérification (rendu serveur)", () => {
  it("présente la liste de contrôle dans un groupe légendé, socle national signalé", () => {
    const html = render(
      page(VerifierPage)({
        profil: { ...profil, statut: "a_verifier" },
        promeneur: { id: PROMENEUR_ID, nom: "Julie Martinez", structure: "MJC de Digne" },
        controles: [
          { code: "compte_professionnel", libelle: "Compte professionnel", socleNational: true },
          { code: "banniere", libelle: "Bannière départementale", socleNational: false },
        ],
      }),
    );
    expect(html).toMatch(/<fieldset[^>]*><legend[^>]*>Liste de contrôle<\/legend>/);
    expect(html.match(/name="coches"/g)).toHaveLength(2);
    expect(html.match(/\(socle national\)/g)).toHaveLength(1);
    expect(html).toContain('rel="noopener noreferrer"');
    expect(html).toMatch(/<label for="commentaire"/);
  });
});

describe("pages de conformité (rendu serveur)", () => {
  it("donne les nombres en tête et une section par situation", () => {
    const ligne = {
      profilId: profil.id,
      promeneurId: PROMENEUR_ID,
      promeneur: "Julie Martinez",
      reseau: "instagram",
      handle: "pdn04.julie",
      url: profil.url,
      derniereVerificationLe: null,
      echeance: null,
      categorie: "a_verifier",
    };
    const html = render(
      page(ConformitePage)({
        departement: "04",
        delai: 6,
        parCategorie: { a_verifier: [ligne], non_conforme: [], echeance_proche: [] },
        choisirDepartement: false,
        may: { verifier: true, configurer: true },
      }),
    );
    expect(html).toContain("À vérifier (jamais vérifié ou vérification trop ancienne) (1)");
    expect(html).toContain("Non conformes (0)");
    expect(html).toContain(`/espace/profils/${profil.id}/verifier`);
    expect(html).toContain("jamais");
  });

  it("n'offre pas de désactiver un contrôle du socle national, et montre l'erreur de délai sur le champ", () => {
    const html = render(
      page(ReglagesPage)(
        {
          departement: "04",
          delai: 6,
          controles: [
            { id: "c1", code: "compte_professionnel", libelle: "Compte pro", socleNational: true, actif: true },
            { id: "c2", code: "horaires", libelle: "Horaires", socleNational: false, actif: true },
          ],
        },
        { intent: "delai", controleId: "", champ: "delai", erreur: "Le délai est d'au plus 24 mois.", valeur: "25" },
      ),
    );
    expect(html.match(/>Désactiver</g)).toHaveLength(1);
    expect(html).toMatch(/<input id="delai"[^>]*aria-describedby="delai-erreur"/);
    expect(html).toContain("Le délai est d&#x27;au plus 24 mois.");
    expect(html).toContain('value="25"');
  });
});
