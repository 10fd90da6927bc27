import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { getDb } from "~/server/db.server";
import type { PromeneurRow } from "../../../tests/factories/promeneur";
import { insertRegroupement, invitePersonne, invitePromeneur } from "../../../tests/factories/regroupement";
import { insertPromeneurEtEntourage } from "../../../tests/support/acteurs";
import { page, render } from "../../../tests/support/render";
import { contextFor, getRequest, outcome, postRequest } from "../../../tests/support/route";
import ReponsePage, * as reponse from "../public/reponse.$jeton";
import RegroupementsPage, * as liste from "./regroupements";
import RegroupementPage, * as detail from "./regroupements.$id";
import NouveauPage, * as nouveau from "./regroupements.nouveau";

let promeneur: PromeneurRow;
let lui: Actor;
let coordinateur04: Actor;

beforeAll(async () => {
  ({ promeneur, lui, coordinateur04 } = await insertPromeneurEtEntourage(getDb()));
});

const loaderData = async (loader: (args: never) => unknown, actor: Actor | null, path: string, params = {}) =>
  (await outcome(() => loader({ request: getRequest(path), context: contextFor(actor), params } as never))).data;

// Tuesday 12 May 2026… in 2037: Tuesday 12 May 2037, 09:30–12:00 Paris.
const debut = new Date("2037-05-12T07:30:00Z");
const fin = new Date("2037-05-12T10:00:00Z");

describe("pages des regroupements (rendu serveur)", () => {
  it("la page d'un regroupement : la date en français, les invités et le formulaire d'invitation pour la coordination", async () => {
    const r = await insertRegroupement(getDb(), { debut, fin, titre: "Échange de printemps", capacite: 12 });
    await invitePromeneur(getDb(), r, promeneur, { reponse: "oui", reponduLe: new Date() });
    const path = `/espace/regroupements/${r.id}`;
    const html = render(page(RegroupementPage)(await loaderData(detail.loader, coordinateur04, path, { id: r.id })));
    expect(html).toContain("Mardi 12 mai 2037, de 9\u00a0h\u00a030 à 12\u00a0h");
    expect(html).toContain("Inviter et envoyer");
    expect(html).toContain(`${promeneur.prenom} ${promeneur.nom}`);
    expect(html).toContain("places restantes");
    expect(html).toContain(`/espace/regroupements/${r.id}/presences`);
    expect(html).toContain("Annuler le regroupement");

    const invite = render(page(RegroupementPage)(await loaderData(detail.loader, lui, path, { id: r.id })));
    expect(invite).toContain("Votre réponse\u00a0: <strong>Inscrit·e</strong>");
    expect(invite).toContain("Je ne participe pas");
    expect(invite).not.toContain("Inviter et envoyer");
    expect(invite).not.toContain("Annuler le regroupement");
  });

  it("la liste d'un invité : ses invitations avec les deux boutons, sans JavaScript (formulaires POST)", async () => {
    const r = await insertRegroupement(getDb(), { debut, fin, titre: "Pour moi seul" });
    await invitePromeneur(getDb(), r, promeneur);
    const html = render(page(RegroupementsPage)(await loaderData(liste.loader, lui, "/espace/regroupements")));
    expect(html).toContain("Pour moi seul");
    expect(html).toMatch(/<form[^>]*method="post"/);
    expect(html).toMatch(/<button type="submit" value="oui"[^>]*name="reponse"/);
    expect(html).toContain("Je participe à « Pour moi seul »");
  });

  it("le formulaire de création montre l'erreur à côté du champ de fin", async () => {
    const data = await loaderData(nouveau.loader, coordinateur04, "/espace/regroupements/nouveau");
    const result = await outcome(() =>
      nouveau.action({
        request: postRequest("/espace/regroupements/nouveau", {
          departement: "04",
          type: "formation_continue",
          titre: "Fin avant début",
          jourDebut: "2037-05-12",
          heureDebut: "10:00",
          heureFin: "09:00",
          lieu: "Salle",
          audience: "promeneurs",
        }),
        context: contextFor(coordinateur04),
        params: {},
      } as never),
    );
    const html = render(page(NouveauPage)(data, result.data));
    expect(html).toMatch(/id="[^"]*heureFin[^"]*"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="[^"]*heureFin/);
    expect(html).toContain("La fin doit être après le début.");
  });

  it("la page publique du lien de réponse : le regroupement et les deux boutons, sans rien enregistrer", async () => {
    const r = await insertRegroupement(getDb(), { debut, fin, titre: "Réunion départementale", lieu: "Salle B" });
    const invite = await invitePersonne(getDb(), r, { nom: "Invitée", email: `public-${Date.now()}@essai.fr` });
    const data = await loaderData(reponse.loader, null, `/reponse/${invite.jeton}`, { jeton: invite.jeton });
    const html = render(page(ReponsePage)(data));
    expect(html).toContain("<h1>Répondre à l&#x27;invitation</h1>");
    expect(html).toContain("Mardi 12 mai 2037, de 9\u00a0h\u00a030 à 12\u00a0h");
    expect(html).toContain("Je participe");
    expect(html).toContain("Je ne participe pas");
    const merci = render(page(ReponsePage)(data, { erreur: null, enregistre: "oui" }));
    expect(merci).toContain("Vous participez");
  });
});
