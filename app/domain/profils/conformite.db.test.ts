import { auditLog, controlesConformite } from "@db/schema";
import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { getDb } from "~/server/db.server";
import { findOutboxMails } from "~/server/mail.server";
import { insertProfil, insertPromeneur, type ProfilRow } from "../../../tests/factories/promeneur";
import { insertStructure } from "../../../tests/factories/structure";
import { insertUser } from "../../../tests/factories/user";
import { insertActor } from "../../../tests/support/acteurs";
import { activerControle, deplacerControle, renommerControle } from "./conformite.commands.server";
import { countProfilsASuivre, findControles, findProfilsASuivre } from "./conformite.queries.server";
import { HORIZON_PAGE_JOURS, HORIZON_RAPPEL_JOURS } from "./conformite.rules";
import { envoyerRappelsConformite } from "./conformite-rappel.server";

// Monday 2 June 2025, 10:00 Paris. Default delay: 6 months.
const NOW = new Date("2025-06-02T08:00:00Z");
const verifie = (jour: string, resultat: "conforme" | "non_conforme" = "conforme") => ({
  derniereVerificationLe: new Date(`${jour}T10:00:00+01:00`),
  dernierResultat: resultat,
});

const p: Record<string, ProfilRow> = {};

beforeAll(async () => {
  const db = getDb();
  // Département 43 only for this file: its coordinator receives the weekly reminder.
  const structure = await insertStructure(db, { departement: "43", communeCode: "43157" });
  const actif = await insertPromeneur(db, {
    departement: "43",
    structureId: structure.id,
    statut: "actif",
    prenom: "Camille",
    nom: "Actif",
  });
  const suspendu = await insertPromeneur(db, {
    departement: "43",
    structureId: structure.id,
    statut: "suspendu",
    prenom: "Dominique",
    nom: "Suspendu",
  });
  const propose = await insertPromeneur(db, { departement: "43", structureId: structure.id, statut: "propose" });
  const sorti = await insertPromeneur(db, { departement: "43", structureId: structure.id, statut: "sorti" });
  p.jamais = await insertProfil(db, actif, { handle: "c43.jamais" });
  p.expire = await insertProfil(db, actif, { handle: "c43.expire", ...verifie("2024-11-01") });
  p.veille = await insertProfil(db, actif, { handle: "c43.veille", ...verifie("2024-12-01") });
  p.nonConforme = await insertProfil(db, suspendu, {
    handle: "c43.nonconforme",
    ...verifie("2025-05-20", "non_conforme"),
  });
  p.aujourdhui = await insertProfil(db, actif, { handle: "c43.aujourdhui", ...verifie("2024-12-02") });
  p.dans8jours = await insertProfil(db, suspendu, { handle: "c43.dans8jours", ...verifie("2024-12-10") });
  p.dans18jours = await insertProfil(db, actif, { handle: "c43.dans18jours", ...verifie("2024-12-20") });
  p.dans31jours = await insertProfil(db, actif, { handle: "c43.dans31jours", ...verifie("2025-01-03") });
  p.tard = await insertProfil(db, actif, { handle: "c43.tard", ...verifie("2025-03-01") });
  p.propose = await insertProfil(db, propose, { handle: "c43.propose" });
  p.sorti = await insertProfil(db, sorti, { handle: "c43.sorti" });
  await insertUser(db, {
    email: "coordination43@essai.pdn.fr",
    nom: "Coordination Haute-Loire",
    roles: [{ role: "coordinateur", departement: "43" }],
  });
  // A coordinator with nothing to verify in their département gets no e-mail.
  await insertUser(db, { email: "coordination48@essai.pdn.fr", roles: [{ role: "coordinateur", departement: "48" }] });
});

const suivis = async (departement: string) =>
  (await findProfilsASuivre(getDb(), departement, NOW, HORIZON_PAGE_JOURS)).profils;

describe("findProfilsASuivre", () => {
  it("classe les profils à vérifier, non conformes et à échéance dans les 30 jours, par échéance", async () => {
    const profils = await suivis("43");
    const par = (categorie: string) => profils.filter((x) => x.categorie === categorie).map((x) => x.handle);
    expect(par("a_verifier")).toEqual(["c43.jamais", "c43.expire", "c43.veille"]);
    expect(par("non_conforme")).toEqual(["c43.nonconforme"]);
    expect(par("echeance_proche")).toEqual(["c43.aujourdhui", "c43.dans8jours", "c43.dans18jours"]);
  });

  it("ne montre ni les promeneurs proposés ou sortis, ni les profils valables plus de 30 jours", async () => {
    const handles = (await suivis("43")).map((x) => x.handle);
    expect(handles).not.toContain("c43.propose");
    expect(handles).not.toContain("c43.sorti");
    expect(handles).not.toContain("c43.dans31jours");
    expect(handles).not.toContain("c43.tard");
  });

  it("donne l'échéance : le dernier jour où la vérification vaut encore", async () => {
    const profils = await suivis("43");
    const aujourdhui = profils.find((x) => x.handle === "c43.aujourdhui");
    expect(aujourdhui?.echeance?.toISOString()).toBe("2025-06-01T22:00:00.000Z");
    expect(aujourdhui?.promeneur).toBe("Camille Actif");
  });

  it("ne montre rien d'un autre département, et donne le délai du département", async () => {
    expect(await findProfilsASuivre(getDb(), "48", NOW, HORIZON_PAGE_JOURS)).toEqual({ delai: 6, profils: [] });
  });
});

describe("countProfilsASuivre", () => {
  it("compte ce que la page de conformité liste : en retard, et échéances dans les 30 jours", async () => {
    expect(await countProfilsASuivre(getDb(), "43", NOW)).toEqual({ enRetard: 4, echeances: 3 });
    expect(await countProfilsASuivre(getDb(), "48", NOW)).toEqual({ enRetard: 0, echeances: 0 });
  });
});

describe("rappel hebdomadaire de conformité", () => {
  it("écrit au coordinateur les profils en retard et ceux à échéance dans les 14 jours, avec les liens", async () => {
    const envoyes = await envoyerRappelsConformite(getDb(), NOW, "https://pdn.exemple.fr");
    expect(envoyes).toBe(1);
    const mails = await findOutboxMails();
    expect(mails.map((m) => m.to)).toEqual(["coordination43@essai.pdn.fr"]);
    const [mail] = mails;
    expect(mail?.subject).toBe("6 profils à vérifier – département 43");
    const text = mail?.text ?? "";
    expect(text).toContain("En retard (à vérifier ou non conformes) : 4");
    expect(text).toContain(`À vérifier dans les ${HORIZON_RAPPEL_JOURS} prochains jours : 2`);
    expect(text).toContain("- Camille Actif · Instagram · c43.jamais (jamais vérifié)");
    expect(text).toContain(
      "- Dominique Suspendu · Instagram · c43.dans8jours (vérifié le 10 décembre 2024, échéance le 10 juin 2025)",
    );
    expect(text).toContain(`https://pdn.exemple.fr/espace/profils/${p.jamais?.id}/verifier`);
    expect(text).toContain(`https://pdn.exemple.fr/espace/profils/${p.nonConforme?.id}/verifier`);
    expect(text).not.toContain("c43.dans18jours");
    expect(text).not.toContain("c43.propose");
    // Overdue first, then due soon.
    expect(text.indexOf("c43.nonconforme")).toBeLessThan(text.indexOf("c43.aujourdhui"));
  });
});

describe("liste de contrôle du département", () => {
  const stockes = (departement: string) =>
    getDb()
      .select()
      .from(controlesConformite)
      .where(eq(controlesConformite.departement, departement))
      .orderBy(asc(controlesConformite.ordre));
  const ctx = () => ({ db: getDb(), now: NOW, requestId: "test-conformite" });
  let coordinateur: Actor;

  beforeAll(async () => {
    coordinateur = await insertActor(getDb(), { role: "coordinateur", departement: "48" });
  });

  it("donne la liste C par défaut sans rien écrire, les cinq premiers contrôles en socle national", async () => {
    const controles = await findControles(getDb(), "48");
    expect(controles.map((c) => [c.code, c.socleNational, c.actif, c.ordre])).toEqual([
      ["compte_professionnel", true, true, 1],
      ["photo_identite", true, true, 2],
      ["prenom_affiche", true, true, 3],
      ["structure_nommee", true, true, 4],
      ["identite_visuelle_pdn", true, true, 5],
      ["horaires_indiques", false, true, 6],
      ["lien_site_ou_charte", false, true, 7],
      ["contenu_conforme_charte", false, true, 8],
    ]);
    expect(controles[1]?.libelle).toBe("Photo d'identité");
    expect((await findControles(getDb(), "48")).map((c) => c.id)).toEqual(controles.map((c) => c.id));
    expect((await findControles(getDb(), "43")).map((c) => c.id)).not.toContain(controles[0]?.id);
    expect(await stockes("48")).toEqual([]);
  });

  it("enregistre la liste au premier changement, sous les identifiants montrés, puis échange deux contrôles", async () => {
    const defauts = await findControles(getDb(), "48");
    const [premier, second, troisieme] = defauts;
    if (!premier || !second || !troisieme) throw new Error("liste vide");
    await renommerControle(ctx(), coordinateur, "48", second.id, "Photo nette du visage");
    expect((await stockes("48")).map((c) => [c.id, c.libelle])).toEqual(
      defauts.map((c) => [c.id, c.id === second.id ? "Photo nette du visage" : c.libelle]),
    );
    await deplacerControle(ctx(), coordinateur, "48", second.id, "monter");
    expect((await findControles(getDb(), "48")).map((c) => c.code).slice(0, 3)).toEqual([
      second.code,
      premier.code,
      troisieme.code,
    ]);
    // Déjà en tête : rien ne bouge, rien n'est écrit au journal.
    await deplacerControle(ctx(), coordinateur, "48", second.id, "monter");
    expect((await stockes("48")).map((c) => c.ordre)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const journal = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "conformite.reglages"), eq(auditLog.departement, "48")));
    expect(journal.map((a) => (a.changes as { operation: string }).operation)).toEqual(["renommer", "monter"]);
  });

  it("refuse de désactiver un contrôle du socle national avant tout changement, sans rien écrire", async () => {
    const coordinateur15 = await insertActor(getDb(), { role: "coordinateur", departement: "15" });
    const [socle] = await findControles(getDb(), "15");
    if (!socle) throw new Error("liste vide");
    await expect(activerControle(ctx(), coordinateur15, "15", socle.id, false)).rejects.toThrow(/socle national/);
    expect(await stockes("15")).toEqual([]);
  });
});
