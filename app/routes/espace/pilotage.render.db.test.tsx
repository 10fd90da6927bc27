import { fichiers, regroupementDocuments } from "@db/schema";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { refaireTousLesAgregats } from "~/domain/indicateurs/agregats.server";
import { jourIso } from "~/lib/jour";
import { getDb } from "~/server/db.server";
import { insertPromeneur } from "../../../tests/factories/promeneur";
import { insertRapport } from "../../../tests/factories/rapport";
import {
  insertComite,
  insertMembre,
  insertRegroupement,
  invitePromeneur,
  type RegroupementRow,
} from "../../../tests/factories/regroupement";
import { insertSituation } from "../../../tests/factories/situation";
import { insertActor, insertCoordination } from "../../../tests/support/acteurs";
import { page, render } from "../../../tests/support/render";
import { contextFor, getRequest, outcome } from "../../../tests/support/route";
import PilotageHome, { loader } from "./pilotage";

const load = (actor: Actor, path = "/espace/pilotage") =>
  outcome(() => loader({ request: getRequest(path), context: contextFor(actor), params: {} } as never));

let acteurs: Awaited<ReturnType<typeof insertCoordination>>;
let promeneurActeur: Actor;

async function insertDocument(db: ReturnType<typeof getDb>, reunion: RegroupementRow, titre: string) {
  const [fichier] = await db
    .insert(fichiers)
    .values({
      departement: "04",
      nom: `${titre}.pdf`,
      typeMime: "application/pdf",
      taille: 4,
      sha256: "0".repeat(64),
      contenu: Buffer.from("%PDF"),
    })
    .returning();
  if (!fichier) throw new Error("fichier not inserted");
  await db
    .insert(regroupementDocuments)
    .values({ regroupementId: reunion.id, fichierId: fichier.id, nature: "compte_rendu", titre });
}

beforeAll(async () => {
  const db = getDb();
  acteurs = await insertCoordination(db);
  promeneurActeur = await insertActor(db, { role: "promeneur", departement: "04" });
  const passe = new Date(Date.now() - 20 * 86_400_000);
  const sien = await insertComite(db, { nom: "COPIL départemental" });
  await insertMembre(db, sien, { userId: acteurs.copil04.userId });
  const autre = await insertComite(db, { nom: "Comité opérationnel fermé", type: "comite_operationnel" });
  const reunion = await insertRegroupement(db, {
    type: "comite_pilotage",
    comiteId: sien.id,
    audience: "copil",
    titre: "COPIL d'automne",
    debut: passe,
    fin: new Date(passe.getTime() + 7_200_000),
  });
  const reunionAutre = await insertRegroupement(db, {
    type: "comite_operationnel",
    comiteId: autre.id,
    audience: "copil",
    titre: "Comité opérationnel",
    debut: passe,
    fin: new Date(passe.getTime() + 7_200_000),
  });
  await insertDocument(db, reunion, "Compte rendu du COPIL d'automne");
  await insertDocument(db, reunionAutre, "Relevé du comité opérationnel");

  // This year's activity of a named promeneur: nothing of it may reach the steering home but numbers.
  const zoe = await insertPromeneur(db, {
    statut: "actif",
    prenom: "Zoé",
    nom: "Zéphyrin",
    entreeLe: new Date(Date.now() - 400 * 86_400_000),
  });
  const mois = `${jourIso(passe).slice(0, 7)}-01`;
  await insertRapport(db, zoe, mois, { statut: "valide", nouveauxJeunes: 4, echanges: 9 }, { theme: { sante: 1 } });
  await refaireTousLesAgregats(db);
  await insertSituation(db, zoe, { date: jourIso(passe), note: "Note professionnelle à ne pas diffuser" });
  const formation = await insertRegroupement(db, {
    type: "formation_continue",
    debut: passe,
    fin: new Date(passe.getTime() + 3 * 3_600_000),
  });
  await invitePromeneur(db, formation, zoe, { presence: "present" });
});

describe("/espace/pilotage", () => {
  it("montre au COPIL les neuf indicateurs de l'année et les documents de ses comités, rien de nominatif", async () => {
    const result = await load(acteurs.copil04);
    expect(result.status).toBe(200);
    const html = render(page(PilotageHome)(result.data)).replaceAll("&#x27;", "'");
    const section = html.slice(html.indexOf('id="indicateurs"'));
    expect(section.match(/<li /g)?.length).toBeGreaterThanOrEqual(9);
    expect(html).toContain("Les neuf indicateurs · Année ");
    expect(html).toContain('href="/espace/indicateurs?departement=04"');
    expect(html).toContain('href="/espace/indicateurs?departement=04#indicateur-couverture"');
    // The documents of the committee they sit on, not those of another committee.
    expect(html).toContain("Compte rendu du COPIL d'automne");
    expect(html).not.toContain("Relevé du comité opérationnel");
    // Still the meetings and decisions block.
    expect(html).toContain("Prochaines réunions et décisions à suivre");
    // No name, no situation record, no attendance per person, no report highlight.
    expect(html).not.toContain("Zoé");
    expect(html).not.toContain("Zéphyrin");
    expect(html).not.toContain("Note professionnelle");
    expect(html).not.toContain("Présence par promeneur");
    expect(html).not.toContain("Profils à suivre");
    expect(html).not.toContain("Faits marquants");
  });

  it("calcule les indicateurs de l'accueil en vue agrégée, même pour la coordination", async () => {
    const data = (await load(acteurs.coordinateur04)).data as {
      indicateurs: { vue: string; participation: { parPromeneur: unknown } };
    };
    expect(data.indicateurs.vue).toBe("agregee");
    expect(data.indicateurs.participation.parPromeneur).toBeNull();
  });

  it("refuse l'accueil de pilotage à un promeneur (403) et le 04 à la coordination du 05 (404)", async () => {
    expect((await load(promeneurActeur)).status).toBe(403);
    expect((await load(acteurs.coordinateur05, "/espace/pilotage?departement=04")).status).toBe(404);
  });
});
