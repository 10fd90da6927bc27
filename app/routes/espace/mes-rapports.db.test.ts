import { auditLog, rapportComptes, rapportsMensuels } from "@db/schema";
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { getRapportComplet } from "~/domain/rapports/rapport.queries.server";
import { ajouterMoisIso, moisCourant } from "~/domain/rapports/rapport.workflow";
import { getDb } from "~/server/db.server";
import { insertCreneau, type PromeneurRow } from "../../../tests/factories/promeneur";
import { insertRapport } from "../../../tests/factories/rapport";
import { insertCoordination, insertPromeneurEtEntourage } from "../../../tests/support/acteurs";
import { contextFor, getRequest, outcome, postRequest } from "../../../tests/support/route";
import * as liste from "./mes-rapports";
import * as page from "./mes-rapports.$mois";
import * as accueil from "./promeneur";

type Loader = (args: never) => unknown;
const load = (loader: Loader, actor: Actor | null, path: string, params: Record<string, string> = {}) =>
  outcome(() => loader({ request: getRequest(path), context: contextFor(actor), params } as never));
const post = (action: Loader, actor: Actor | null, mois: string, fields: Record<string, string>) =>
  outcome(() =>
    action({
      request: postRequest(`/espace/mes-rapports/${mois}`, fields),
      context: contextFor(actor),
      params: { mois },
    } as never),
  );

const courant = moisCourant(new Date());
const precedent = ajouterMoisIso(courant, -1);
const url = (mois: string) => mois.slice(0, 7);

/** A consistent month as the form posts it. */
const formulaire = {
  "age_nouveaux.15_17": "4",
  "age_file.15_17": "9",
  "canal.messages_prives": "20",
  echangesIndividuels: "18",
  echangesCollectifs: "2",
  "theme.sante": "5",
  "reseau.instagram": "20",
  heuresEnLigne: "12,5",
  faitMarquant: "Beaucoup de questions sur l'orientation scolaire.",
};

async function lignes(promeneurId: string) {
  const [rapports] = await getDb()
    .select({ n: count() })
    .from(rapportsMensuels)
    .where(eq(rapportsMensuels.promeneurId, promeneurId));
  const [comptes] = await getDb().select({ n: count() }).from(rapportComptes);
  const [audits] = await getDb().select({ n: count() }).from(auditLog);
  return { rapports: rapports?.n ?? 0, comptes: comptes?.n ?? 0, audits: audits?.n ?? 0 };
}

let e: Awaited<ReturnType<typeof insertPromeneurEtEntourage>>;
let promeneur: PromeneurRow;
let copil04: Actor;

beforeAll(async () => {
  e = await insertPromeneurEtEntourage(getDb());
  promeneur = e.promeneur;
  ({ copil04 } = await insertCoordination(getDb()));
});

describe("/espace/mes-rapports/:mois", () => {
  it("ouvre le formulaire vide d'un mois sans bilan, avec la suggestion d'heures d'après les créneaux", async () => {
    const mois = ajouterMoisIso(courant, -3);
    // Un créneau de 2 h chaque lundi.
    await insertCreneau(getDb(), promeneur.id, { jour: 1, debut: 600, fin: 720 });
    const r = await load(page.loader, e.lui, `/espace/mes-rapports/${url(mois)}`, { mois: url(mois) });
    expect(r.status).toBe(200);
    const d = r.data as Awaited<ReturnType<typeof page.loader>>;
    expect(d).toMatchObject({ mois, statut: null, version: 0, modifiable: true, enCours: false });
    expect(d.heuresSuggerees).toBeGreaterThanOrEqual(8);
    expect(d.heuresSuggerees).toBeLessThanOrEqual(10);
    // The suggestion fills the field of a new report, written as the promeneur types it.
    expect(d.heuresPreRemplies).toBe(true);
    expect(d.valeurs.heuresEnLigne).toBe(String(d.heuresSuggerees).replace(".", ","));
    expect((d.valeurs.canal as Record<string, string>).messages_prives).toBe("");
  });

  it("enregistre un brouillon (302 vers le même mois) puis le soumet (302 vers la liste)", async () => {
    const mois = url(ajouterMoisIso(courant, -2));
    const brouillon = await post(page.action, e.lui, mois, { ...formulaire, intent: "enregistrer", version: "0" });
    expect(brouillon.status).toBe(302);
    expect(brouillon.location).toBe(`/espace/mes-rapports/${mois}`);
    const apresBrouillon = await getRapportComplet(getDb(), { promeneurId: promeneur.id, mois: `${mois}-01` });
    expect(apresBrouillon?.rapport).toMatchObject({
      statut: "brouillon",
      echanges: 20,
      heuresEnLigne: 12.5,
      version: 1,
    });

    const soumis = await post(page.action, e.lui, mois, { ...formulaire, intent: "soumettre", version: "1" });
    expect(soumis.status).toBe(302);
    expect(soumis.location).toBe("/espace/mes-rapports");
    const apres = await getRapportComplet(getDb(), { promeneurId: promeneur.id, mois: `${mois}-01` });
    expect(apres?.rapport.statut).toBe("soumis");

    // Soumis : lecture seule, avec son fait marquant (c'est le sien).
    const r = await load(page.loader, e.lui, `/espace/mes-rapports/${mois}`, { mois });
    expect(r.data).toMatchObject({ statut: "soumis", modifiable: false, faitMarquant: formulaire.faitMarquant });
  });

  it("refuse (400) une soumission incohérente, l'erreur sur le champ, et n'écrit rien ; le brouillon passe", async () => {
    const mois = url(ajouterMoisIso(courant, -4));
    const avant = await lignes(promeneur.id);
    const r = await post(page.action, e.lui, mois, {
      ...formulaire,
      echangesIndividuels: "19",
      intent: "soumettre",
      version: "0",
    });
    expect(r.status).toBe(400);
    const erreurs = (r.data as { error?: Record<string, string[]> }).error ?? {};
    expect(erreurs.echangesIndividuels?.[0]).toContain("font 21, mais les échanges par canal en comptent 20");
    expect(await lignes(promeneur.id)).toEqual(avant);

    const brouillon = await post(page.action, e.lui, mois, {
      ...formulaire,
      echangesIndividuels: "19",
      intent: "enregistrer",
      version: "0",
    });
    expect(brouillon.status).toBe(302);
  });

  it("refuse (400) un numéro de téléphone dans le fait marquant et un nombre au-dessus de sa borne, sans rien écrire", async () => {
    const mois = url(ajouterMoisIso(courant, -5));
    const avant = await lignes(promeneur.id);
    const r = await post(page.action, e.lui, mois, {
      ...formulaire,
      faitMarquant: "Elle m'a donné son 06 12 34 56 78",
      "publication.live": "301",
      intent: "enregistrer",
      version: "0",
    });
    expect(r.status).toBe(400);
    const erreurs = (r.data as { error?: Record<string, string[]> }).error ?? {};
    expect(erreurs.faitMarquant).toBeDefined();
    expect(erreurs["publication.live"]?.[0]).toContain("vérifiez ce nombre");
    expect(await lignes(promeneur.id)).toEqual(avant);
  });

  it("refuse (409) une version périmée et un bilan déjà soumis, sans rien écrire", async () => {
    const mois = ajouterMoisIso(courant, -6);
    await insertRapport(getDb(), promeneur, mois, { statut: "brouillon", version: 3 });
    const avant = await lignes(promeneur.id);
    const perime = await post(page.action, e.lui, url(mois), { ...formulaire, intent: "enregistrer", version: "2" });
    expect(perime.status).toBe(409);
    expect(JSON.stringify(perime.data)).toContain("enregistré entre-temps");

    const soumisMois = ajouterMoisIso(courant, -7);
    await insertRapport(getDb(), promeneur, soumisMois, { statut: "soumis", version: 2 });
    const avant2 = await lignes(promeneur.id);
    expect(avant2.rapports).toBe(avant.rapports + 1);
    const soumis = await post(page.action, e.lui, url(soumisMois), {
      ...formulaire,
      intent: "soumettre",
      version: "2",
    });
    expect(soumis.status).toBe(409);
    expect(JSON.stringify(soumis.data)).toContain("déjà soumis");
    expect(await lignes(promeneur.id)).toEqual(avant2);
  });

  it("refuse (400) de soumettre le mois en cours, mais enregistre son brouillon", async () => {
    const mois = url(courant);
    const r = await post(page.action, e.lui, mois, { ...formulaire, intent: "soumettre", version: "0" });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.data)).toContain("Le mois n'est pas terminé");
    const brouillon = await post(page.action, e.lui, mois, { ...formulaire, intent: "enregistrer", version: "0" });
    expect(brouillon.status).toBe(302);
  });

  it("répond 404 pour un mois futur ou mal écrit", async () => {
    const futur = url(ajouterMoisIso(courant, 1));
    expect((await load(page.loader, e.lui, `/espace/mes-rapports/${futur}`, { mois: futur })).status).toBe(404);
    expect((await load(page.loader, e.lui, "/espace/mes-rapports/2026-13", { mois: "2026-13" })).status).toBe(404);
    expect((await load(page.loader, e.lui, "/espace/mes-rapports/abc", { mois: "abc" })).status).toBe(404);
  });

  it("montre un bilan renvoyé avec le commentaire de la coordination, modifiable", async () => {
    const mois = ajouterMoisIso(courant, -8);
    await insertRapport(getDb(), promeneur, mois, {
      statut: "a_corriger",
      commentaireCoordination: "Il manque les orientations.",
      version: 4,
    });
    const r = await load(page.loader, e.lui, `/espace/mes-rapports/${url(mois)}`, { mois: url(mois) });
    expect(r.data).toMatchObject({
      statut: "a_corriger",
      modifiable: true,
      version: 4,
      commentaireCoordination: "Il manque les orientations.",
    });
  });

  it("ne montre et n'écrit jamais que le bilan du promeneur connecté : l'adresse ne porte que le mois", async () => {
    const mois = ajouterMoisIso(courant, -9);
    await insertRapport(getDb(), promeneur, mois, {
      statut: "soumis",
      faitMarquant: "Texte du premier promeneur",
      echanges: 40,
    });
    const autre = await load(page.loader, e.autrePromeneur, `/espace/mes-rapports/${url(mois)}`, { mois: url(mois) });
    expect(autre.status).toBe(200);
    expect(autre.data).toMatchObject({ statut: null, version: 0, modifiable: true, faitMarquant: "" });
    expect(JSON.stringify(autre.data)).not.toContain("Texte du premier promeneur");

    // Son envoi crée son propre bilan ; celui du premier ne change pas.
    const r = await post(page.action, e.autrePromeneur, url(mois), {
      ...formulaire,
      intent: "soumettre",
      version: "0",
    });
    expect(r.status).toBe(302);
    const premier = await getRapportComplet(getDb(), { promeneurId: promeneur.id, mois });
    expect(premier?.rapport).toMatchObject({
      statut: "soumis",
      echanges: 40,
      faitMarquant: "Texte du premier promeneur",
    });
  });

  it("refuse (403) les rôles sans « rapport.saisir », en lecture comme en écriture, sans rien écrire", async () => {
    const mois = url(precedent);
    const avant = await lignes(promeneur.id);
    for (const actor of [e.coordinateur04, e.coordinateur05, e.referent, copil04]) {
      expect((await load(page.loader, actor, `/espace/mes-rapports/${mois}`, { mois })).status).toBe(403);
      expect(
        (await post(page.action, actor, mois, { ...formulaire, intent: "enregistrer", version: "0" })).status,
      ).toBe(403);
      expect((await load(liste.loader, actor, "/espace/mes-rapports")).status).toBe(403);
    }
    expect(await lignes(promeneur.id)).toEqual(avant);
  });

  it("renvoie un visiteur non connecté vers la connexion", async () => {
    const r = await load(liste.loader, null, "/espace/mes-rapports");
    expect(r.status).toBe(302);
    expect(r.location).toContain("/connexion");
  });
});

describe("/espace/mes-rapports", () => {
  it("liste les mois jusqu'au mois en cours, avec statut, échéance et retard, et le résumé des 12 derniers mois", async () => {
    const { promeneur: p, lui } = await insertPromeneurEtEntourage(getDb());
    await insertRapport(
      getDb(),
      p,
      precedent,
      { statut: "valide", nouveauxJeunes: 3, fileActive: 10, echanges: 30, heuresEnLigne: 8.5 },
      { theme: { sante: 4, scolarite: 6, logement: 1, mobilite: 2 } },
    );
    await insertRapport(getDb(), p, ajouterMoisIso(courant, -2), { statut: "brouillon", echanges: 99 });
    const r = await load(liste.loader, lui, "/espace/mes-rapports");
    expect(r.status).toBe(200);
    const d = r.data as Awaited<ReturnType<typeof liste.loader>>;
    // Entrée inconnue : les 12 derniers mois, le plus récent d'abord.
    expect(d.mois).toHaveLength(12);
    expect(d.mois[0]).toMatchObject({
      mois: url(courant),
      statut: null,
      enCours: true,
      enRetard: false,
      action: "Remplir",
    });
    expect(d.mois[1]).toMatchObject({ mois: url(precedent), statut: "valide", enRetard: false, action: "Voir" });
    expect(d.mois[2]).toMatchObject({ statut: "brouillon", enRetard: true, action: "Reprendre" });
    // Le brouillon ne compte pas dans le résumé.
    expect(d.resume).toMatchObject({
      bilans: 1,
      nouveauxJeunes: 3,
      fileActiveMoyenne: 10,
      echanges: 30,
      heuresEnLigne: 8.5,
    });
    expect(d.resume.themes.map((t) => t.label)).toEqual(["Scolarité et études", "Santé", "Mobilité"]);

    // L'accueil du promeneur donne l'état du bilan du mois dernier.
    const home = await load(accueil.loader, lui, "/espace/promeneur");
    expect((home.data as { bilan: { etat: string } | null }).bilan?.etat).toBe("validé");
  });
});
