import { auditLog, rapportComptes, rapportsMensuels } from "@db/schema";
import { and, count, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { getDb } from "~/server/db.server";
import { Invalid } from "~/server/errors.server";
import { insertPromeneur, type PromeneurRow } from "../../../tests/factories/promeneur";
import { insertRapport } from "../../../tests/factories/rapport";
import { insertUser } from "../../../tests/factories/user";
import { insertActor, insertPromeneurEtEntourage } from "../../../tests/support/acteurs";
import { actorOf, expectRefus, invalid } from "../../../tests/support/route";
import {
  CHAMP_MOIS,
  CHAMP_STATUT,
  CHAMP_VERSION,
  enregistrerBrouillon,
  soumettreRapport,
} from "./rapport.commands.server";
import { getRapportComplet } from "./rapport.queries.server";
import type { SaisieRapport } from "./rapport.rules";

/** 5 April 2026, Paris: March 2026 may be submitted, April only drafted. */
const now = new Date("2026-04-05T10:00:00+02:00");
const ctx = () => ({ db: getDb(), now, requestId: "test" });

function saisie(overrides: Partial<SaisieRapport> = {}): SaisieRapport {
  return {
    age_nouveaux: { "15_17": 6, "18_21": 0 },
    age_file: { "15_17": 15, "18_21": 10 },
    canal: { messages_prives: 30, commentaires: 8, rencontres: 2 },
    theme: { scolarite: 10, sante: 5 },
    publication: { information_prevention: 4 },
    orientation: { mission_locale: 2 },
    reseau: { instagram: 30, snapchat: 8 },
    echangesIndividuels: 35,
    echangesCollectifs: 5,
    heuresEnLigne: 24.5,
    faitMarquant: "Un atelier au collège sur le cyberharcèlement.",
    ...overrides,
  };
}

/** Everything a write could leave behind for this promeneur. */
async function etat(promeneurId: string) {
  const rapports = await getDb().select().from(rapportsMensuels).where(eq(rapportsMensuels.promeneurId, promeneurId));
  const ids = rapports.map((r) => r.id);
  const [comptes] = ids.length
    ? await getDb().select({ n: count() }).from(rapportComptes).where(inArray(rapportComptes.rapportId, ids))
    : [{ n: 0 }];
  const [audits] = ids.length
    ? await getDb()
        .select({ n: count() })
        .from(auditLog)
        .where(and(eq(auditLog.entityType, "rapport"), inArray(auditLog.entityId, ids)))
    : [{ n: 0 }];
  return {
    rapports: rapports.length,
    versions: rapports.map((r) => `${r.mois}:${r.statut}:${r.version}`).sort(),
    comptes: comptes?.n ?? 0,
    audits: audits?.n ?? 0,
  };
}

/** A new active promeneur with an account, entered in the scheme on 1 September 2025. */
async function nouveauPromeneur(
  overrides: Partial<PromeneurRow> = {},
): Promise<{ promeneur: PromeneurRow; lui: Actor }> {
  const user = await insertUser(getDb(), {
    roles: [{ role: "promeneur", departement: overrides.departement ?? "04" }],
  });
  const promeneur = await insertPromeneur(getDb(), {
    statut: "actif",
    userId: user.id,
    entreeLe: new Date("2025-09-01T08:00:00Z"),
    ...overrides,
  });
  return { promeneur, lui: await actorOf(user.id) };
}

let entourage: Awaited<ReturnType<typeof insertPromeneurEtEntourage>>;

beforeAll(async () => {
  entourage = await insertPromeneurEtEntourage(getDb());
});

describe("enregistrerBrouillon", () => {
  it("crée le bilan du mois en brouillon : totaux calculés, ventilations sans les zéros, journal avec les totaux", async () => {
    const { promeneur, lui } = await nouveauPromeneur();
    const ecrit = await enregistrerBrouillon(ctx(), lui, "2026-03", saisie(), 0);
    expect(ecrit).toMatchObject({ mois: "2026-03-01", statut: "brouillon", version: 1 });

    const complet = await getRapportComplet(getDb(), { promeneurId: promeneur.id, mois: "2026-03-01" });
    expect(complet?.rapport).toMatchObject({
      id: ecrit.id,
      departement: "04",
      structureId: promeneur.structureId,
      statut: "brouillon",
      nouveauxJeunes: 6,
      fileActive: 25,
      echanges: 40,
      echangesIndividuels: 35,
      echangesCollectifs: 5,
      heuresEnLigne: 24.5,
      faitMarquant: "Un atelier au collège sur le cyberharcèlement.",
      soumisLe: null,
    });
    expect(complet?.comptes.age_nouveaux).toEqual({ "15_17": 6 });
    expect(complet?.comptes.canal).toEqual({ messages_prives: 30, commentaires: 8, rencontres: 2 });

    const [audit] = await getDb().select().from(auditLog).where(eq(auditLog.entityId, ecrit.id));
    expect(audit).toMatchObject({ action: "rapport.enregistrer", entityType: "rapport", departement: "04" });
    expect(audit?.changes).toMatchObject({
      mois: "2026-03-01",
      statut: { avant: null, apres: "brouillon" },
      nouveauxJeunes: 6,
      echanges: 40,
      heuresEnLigne: 24.5,
      faitMarquantLongueur: "Un atelier au collège sur le cyberharcèlement.".length,
    });
    // The highlight's text never goes to the journal.
    expect(JSON.stringify(audit?.changes)).not.toContain("atelier");
  });

  it("enregistre un brouillon incohérent (il se remplit au fil du mois), et le mois en cours", async () => {
    const { promeneur, lui } = await nouveauPromeneur();
    await enregistrerBrouillon(ctx(), lui, "2026-04", saisie({ echangesIndividuels: 99, theme: { sante: 500 } }), 0);
    expect((await etat(promeneur.id)).versions).toEqual(["2026-04-01:brouillon:1"]);
  });

  it("remplace les ventilations à chaque enregistrement et incrémente la version", async () => {
    const { lui } = await nouveauPromeneur();
    await enregistrerBrouillon(ctx(), lui, "2026-03", saisie(), 0);
    const ecrit = await enregistrerBrouillon(ctx(), lui, "2026-03", saisie({ theme: { sante: 5 } }), 1);
    expect(ecrit.version).toBe(2);
    const complet = await getRapportComplet(getDb(), { id: ecrit.id });
    expect(complet?.comptes.theme).toEqual({ sante: 5 });
    expect(complet?.rapport.version).toBe(2);
  });

  it("refuse une version périmée (un autre onglet a enregistré) et n'écrit rien", async () => {
    const { promeneur, lui } = await nouveauPromeneur();
    await enregistrerBrouillon(ctx(), lui, "2026-03", saisie(), 0);
    await enregistrerBrouillon(ctx(), lui, "2026-03", saisie({ heuresEnLigne: 10 }), 1);
    const avant = await etat(promeneur.id);
    const erreur = await invalid(() => enregistrerBrouillon(ctx(), lui, "2026-03", saisie({ heuresEnLigne: 3 }), 1));
    expect(erreur.field).toBe(CHAMP_VERSION);
    expect(erreur.message).toContain("enregistré entre-temps");
    expect(await etat(promeneur.id)).toEqual(avant);
    // Un formulaire ouvert avant la création du bilan (version 0) est périmé lui aussi.
    expect((await invalid(() => enregistrerBrouillon(ctx(), lui, "2026-03", saisie(), 0))).field).toBe(CHAMP_VERSION);
    expect(await etat(promeneur.id)).toEqual(avant);
  });

  it("garde « à corriger » un bilan renvoyé qu'on enregistre, puis le resoumet", async () => {
    const { promeneur, lui } = await nouveauPromeneur();
    const rapport = await insertRapport(getDb(), promeneur, "2026-02-01", {
      statut: "a_corriger",
      commentaireCoordination: "Les échanges par réseau dépassent le total.",
      version: 3,
    });
    expect((await enregistrerBrouillon(ctx(), lui, "2026-02", saisie(), 3)).statut).toBe("a_corriger");
    const soumis = await soumettreRapport(ctx(), lui, "2026-02", saisie(), 4);
    expect(soumis).toMatchObject({ id: rapport.id, statut: "soumis", version: 5 });
  });
});

describe("soumettreRapport", () => {
  it("soumet le bilan d'un mois terminé : statut soumis, date de soumission, journal", async () => {
    const { promeneur, lui } = await nouveauPromeneur();
    await enregistrerBrouillon(ctx(), lui, "2026-03", saisie(), 0);
    const ecrit = await soumettreRapport(ctx(), lui, "2026-03", saisie(), 1);
    expect(ecrit).toMatchObject({ statut: "soumis", version: 2 });
    const complet = await getRapportComplet(getDb(), { id: ecrit.id });
    expect(complet?.rapport.soumisLe?.toISOString()).toBe(now.toISOString());
    const audits = await getDb().select().from(auditLog).where(eq(auditLog.entityId, ecrit.id));
    expect(audits.map((a) => a.action).sort()).toEqual(["rapport.enregistrer", "rapport.soumettre"]);
    expect((await etat(promeneur.id)).rapports).toBe(1);
  });

  it("soumet directement un bilan sans brouillon", async () => {
    const { promeneur, lui } = await nouveauPromeneur();
    expect((await soumettreRapport(ctx(), lui, "2026-01", saisie(), 0)).statut).toBe("soumis");
    expect((await etat(promeneur.id)).versions).toEqual(["2026-01-01:soumis:1"]);
  });

  it("refuse un bilan incohérent sur le champ en cause, et n'écrit rien", async () => {
    const { promeneur, lui } = await nouveauPromeneur();
    const erreur = await invalid(() => soumettreRapport(ctx(), lui, "2026-03", saisie({ echangesCollectifs: 6 }), 0));
    expect(erreur.field).toBe("echangesIndividuels");
    expect(await etat(promeneur.id)).toEqual({ rapports: 0, versions: [], comptes: 0, audits: 0 });
    // Voisin légal : 35 + 5 = 40 échanges.
    expect((await soumettreRapport(ctx(), lui, "2026-03", saisie({ echangesCollectifs: 5 }), 0)).statut).toBe("soumis");
  });

  it("refuse de soumettre le mois en cours, et n'écrit rien ; le mois précédent passe", async () => {
    const { promeneur, lui } = await nouveauPromeneur();
    const erreur = await invalid(() => soumettreRapport(ctx(), lui, "2026-04", saisie(), 0));
    expect(erreur.field).toBe(CHAMP_MOIS);
    expect(erreur.message).toContain("Le mois n'est pas terminé");
    expect((await etat(promeneur.id)).rapports).toBe(0);
    await soumettreRapport(ctx(), lui, "2026-03", saisie(), 0);
  });

  it("refuse un bilan déjà soumis ou validé (conflit), sans rien écrire", async () => {
    const { promeneur, lui } = await nouveauPromeneur();
    await insertRapport(getDb(), promeneur, "2026-01-01", { statut: "soumis", version: 2 });
    await insertRapport(getDb(), promeneur, "2026-02-01", { statut: "valide", version: 4 });
    const avant = await etat(promeneur.id);
    const soumis = await invalid(() => soumettreRapport(ctx(), lui, "2026-01", saisie(), 2));
    expect(soumis.field).toBe(CHAMP_STATUT);
    expect(soumis.message).toContain("déjà soumis");
    const valide = await invalid(() => enregistrerBrouillon(ctx(), lui, "2026-02", saisie(), 4));
    expect(valide.message).toContain("validé et verrouillé");
    expect(await etat(promeneur.id)).toEqual(avant);
  });

  it("de plusieurs soumissions simultanées du même mois (deux onglets ou plus), une seule écrit : un seul bilan, un seul « soumettre » au journal", async () => {
    const { promeneur, lui } = await nouveauPromeneur();
    // Two tabs, and two more for good measure: on PostgreSQL each runs on its own connection.
    const resultats = await Promise.allSettled(
      [24.5, 12, 13, 14].map((heuresEnLigne) => soumettreRapport(ctx(), lui, "2026-03", saisie({ heuresEnLigne }))),
    );
    const reussis = resultats.filter((r) => r.status === "fulfilled");
    const refuses = resultats.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(reussis).toHaveLength(1);
    expect(refuses).toHaveLength(3);
    for (const refus of refuses) {
      expect(refus.reason).toBeInstanceOf(Invalid);
      expect((refus.reason as Invalid).field).toBe(CHAMP_STATUT);
    }
    const apres = await etat(promeneur.id);
    expect(apres.versions).toEqual(["2026-03-01:soumis:1"]);
    expect(apres.audits).toBe(1);
  });

  it("de deux premiers brouillons simultanés (deux onglets), le second est refusé comme périmé", async () => {
    const { promeneur, lui } = await nouveauPromeneur();
    const resultats = await Promise.allSettled([
      enregistrerBrouillon(ctx(), lui, "2026-03", saisie(), 0),
      enregistrerBrouillon(ctx(), lui, "2026-03", saisie({ heuresEnLigne: 12 }), 0),
    ]);
    expect(resultats.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refus = resultats.find((r): r is PromiseRejectedResult => r.status === "rejected");
    expect((refus?.reason as Invalid | undefined)?.field).toBe(CHAMP_VERSION);
    expect((await etat(promeneur.id)).versions).toEqual(["2026-03-01:brouillon:1"]);
  });
});

describe("mois et droits", () => {
  it("refuse un mois futur, antérieur à l'entrée ou mal écrit ; accepte le mois de l'entrée", async () => {
    const { promeneur, lui } = await nouveauPromeneur();
    const futur = await invalid(() => enregistrerBrouillon(ctx(), lui, "2026-05", saisie(), 0));
    expect(futur).toMatchObject({ field: CHAMP_MOIS });
    expect(futur.message).toContain("pas encore commencé");
    const avantEntree = await invalid(() => enregistrerBrouillon(ctx(), lui, "2025-08", saisie(), 0));
    expect(avantEntree.message).toContain("antérieur à votre entrée");
    expect((await invalid(() => enregistrerBrouillon(ctx(), lui, "2026-13", saisie(), 0))).field).toBe(CHAMP_MOIS);
    expect((await etat(promeneur.id)).rapports).toBe(0);
    await enregistrerBrouillon(ctx(), lui, "2025-09", saisie(), 0);
  });

  it("laisse un promeneur suspendu faire ses bilans, pas un promeneur sorti ni pas encore actif", async () => {
    const suspendu = await nouveauPromeneur({ statut: "suspendu" });
    await enregistrerBrouillon(ctx(), suspendu.lui, "2026-03", saisie(), 0);

    const sorti = await nouveauPromeneur({ statut: "sorti", sortieLe: new Date("2026-03-15T10:00:00Z") });
    const message = await expectRefus(enregistrerBrouillon(ctx(), sorti.lui, "2026-02", saisie(), 0), 403);
    expect(message).toContain("quitté le dispositif");
    expect((await etat(sorti.promeneur.id)).rapports).toBe(0);

    const forme = await nouveauPromeneur({ statut: "forme", entreeLe: null });
    expect(await expectRefus(soumettreRapport(ctx(), forme.lui, "2026-03", saisie(), 0), 403)).toContain("active");
  });

  it("refuse (403) un rôle sans « rapport.saisir » et un compte de promeneur sans fiche", async () => {
    await expectRefus(enregistrerBrouillon(ctx(), entourage.coordinateur04, "2026-03", saisie(), 0), 403);
    await expectRefus(enregistrerBrouillon(ctx(), entourage.referent, "2026-03", saisie(), 0), 403);
    const sansFiche = await insertActor(getDb(), { role: "promeneur", departement: "04" });
    expect(await expectRefus(enregistrerBrouillon(ctx(), sansFiche, "2026-03", saisie(), 0), 403)).toContain(
      "pas relié à une fiche",
    );
  });

  it("écrit toujours le bilan du promeneur connecté, jamais celui d'un autre", async () => {
    const { promeneur, lui } = entourage;
    const autre = entourage.autrePromeneur;
    await enregistrerBrouillon(ctx(), autre, "2026-03", saisie(), 0);
    expect((await etat(promeneur.id)).rapports).toBe(0);
    await enregistrerBrouillon(ctx(), lui, "2026-03", saisie({ heuresEnLigne: 7 }), 0);
    const siens = await getRapportComplet(getDb(), { promeneurId: promeneur.id, mois: "2026-03-01" });
    expect(siens?.rapport.heuresEnLigne).toBe(7);
  });

  it("refuse (404) un promeneur dont la fiche est dans un département où il n'a pas de rôle", async () => {
    const user = await insertUser(getDb(), { roles: [{ role: "promeneur", departement: "04" }] });
    await insertPromeneur(getDb(), { statut: "actif", userId: user.id, departement: "05" });
    await expectRefus(enregistrerBrouillon(ctx(), await actorOf(user.id), "2026-03", saisie(), 0), 404);
  });
});
