import { auditLog, rapportsMensuels } from "@db/schema";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/server/db.server";
import { Invalid } from "~/server/errors.server";
import { resetMailTransport } from "~/server/mail.server";
import { insertRapport } from "../../../tests/factories/rapport";
import { applyTestEnv } from "../../../tests/setup/test-env";
import { insertActor, insertPromeneurEtEntourage } from "../../../tests/support/acteurs";
import { expectRefus, invalid } from "../../../tests/support/route";
import { startSmtpServer, type TestSmtpServer } from "../../../tests/support/smtp";
import { renvoyerRapport, rouvrirRapport, validerRapport } from "./rapport-revue.commands.server";

const NOW = new Date("2026-03-04T09:00:00Z");
let smtp: TestSmtpServer;
let entourage: Awaited<ReturnType<typeof insertPromeneurEtEntourage>>;
let mois = 0;

/** A new submitted report of the promeneur, each for another month (one report per month). */
async function rapportSoumis(overrides: Partial<typeof rapportsMensuels.$inferInsert> = {}) {
  mois += 1;
  const annee = 2020 + Math.floor(mois / 12);
  const m = String((mois % 12) + 1).padStart(2, "0");
  return insertRapport(getDb(), entourage.promeneur, `${annee}-${m}-01`, {
    statut: "soumis",
    soumisLe: NOW,
    ...overrides,
  });
}

const ctx = () => ({ db: getDb(), now: NOW, requestId: "req-revue" });
const relire = async (id: string) =>
  (await getDb().select().from(rapportsMensuels).where(eq(rapportsMensuels.id, id)))[0];
const audits = (id: string, action: string) =>
  getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityId, id), eq(auditLog.action, action)));

beforeAll(async () => {
  smtp = await startSmtpServer();
  applyTestEnv({ SMTP_URL: smtp.url });
  resetMailTransport();
  entourage = await insertPromeneurEtEntourage(getDb());
});

afterAll(async () => {
  resetMailTransport();
  await smtp.close();
});

describe("renvoyer un bilan pour correction", () => {
  it("passe le bilan soumis à « à corriger », garde le commentaire, journalise, et écrit au promeneur avec le lien", async () => {
    const rapport = await rapportSoumis();
    const apres = await renvoyerRapport(
      ctx(),
      entourage.coordinateur04,
      rapport.id,
      "  Les canaux ne font pas le total.  ",
    );
    expect(apres.statut).toBe("a_corriger");
    expect(apres.commentaireCoordination).toBe("Les canaux ne font pas le total.");
    expect(apres.version).toBe(rapport.version + 1);
    const [audit] = await audits(rapport.id, "rapport.renvoyer");
    expect(audit?.departement).toBe("04");
    expect(audit?.requestId).toBe("req-revue");
    expect(audit?.changes).toMatchObject({
      statut: ["soumis", "a_corriger"],
      commentaire: "Les canaux ne font pas le total.",
    });
    const mail = await smtp.waitFor((m) => m.to.includes(entourage.promeneur.email) && m.text.includes("total"));
    expect(mail.subject).toMatch(/^Votre bilan de [a-zéû]+ \d{4} est à corriger$/);
    expect(mail.text).toContain("Les canaux ne font pas le total.");
    expect(mail.text).toContain(`http://localhost:3000/espace/mes-rapports/${rapport.mois.slice(0, 7)}`);
  });

  it("refuse un commentaire vide ou identifiant, sans rien changer ni écrire", async () => {
    const rapport = await rapportSoumis();
    const vide = await invalid(renvoyerRapport(ctx(), entourage.coordinateur04, rapport.id, "   "));
    expect(vide.field).toBe("commentaire");
    expect(vide.message).toBe("Indiquez au promeneur ce qu'il doit corriger.");
    const mail = await invalid(
      renvoyerRapport(ctx(), entourage.coordinateur04, rapport.id, "Écrire à jeune.personne@exemple.fr"),
    );
    expect(mail.field).toBe("commentaire");
    const long = await invalid(renvoyerRapport(ctx(), entourage.coordinateur04, rapport.id, "a".repeat(1001)));
    expect(long.message).toMatch(/1000 caractères au plus/);
    expect((await relire(rapport.id))?.statut).toBe("soumis");
    expect(await audits(rapport.id, "rapport.renvoyer")).toHaveLength(0);
    // The bound itself is accepted.
    const ok = await renvoyerRapport(ctx(), entourage.coordinateur04, rapport.id, "a".repeat(1000));
    expect(ok.statut).toBe("a_corriger");
  });

  it("refuse un bilan qui n'est pas soumis (brouillon, déjà validé) avec la raison en français", async () => {
    const brouillon = await rapportSoumis({ statut: "brouillon", soumisLe: null });
    const refus = await invalid(renvoyerRapport(ctx(), entourage.coordinateur04, brouillon.id, "À revoir."));
    expect(refus.field).toBe("statut");
    expect(refus.message).toBe("Seul un bilan soumis peut être validé ou renvoyé pour correction.");
    const valide = await rapportSoumis({ statut: "valide" });
    expect((await invalid(renvoyerRapport(ctx(), entourage.coordinateur04, valide.id, "À revoir."))).message).toBe(
      "Ce bilan est déjà validé.",
    );
  });
});

describe("valider un bilan", () => {
  it("verrouille le bilan soumis, note la date et la personne, journalise", async () => {
    const rapport = await rapportSoumis();
    const apres = await validerRapport(ctx(), entourage.coordinateur04, rapport.id);
    expect(apres.statut).toBe("valide");
    expect(apres.valideLe?.toISOString()).toBe(NOW.toISOString());
    expect(apres.validePar).toBe(entourage.coordinateur04.userId);
    expect(await audits(rapport.id, "rapport.valider")).toHaveLength(1);
  });

  it("de deux revues simultanées, une seule aboutit : l'autre est refusée, un seul journal", async () => {
    const rapport = await rapportSoumis();
    const autreCoordinateur = await insertActor(getDb(), { role: "coordinateur", departement: "04" });
    const resultats = await Promise.allSettled([
      validerRapport(ctx(), entourage.coordinateur04, rapport.id),
      renvoyerRapport(ctx(), autreCoordinateur, rapport.id, "À revoir, merci."),
    ]);
    const reussis = resultats.filter((r) => r.status === "fulfilled");
    const refuses = resultats.filter((r) => r.status === "rejected");
    expect(reussis).toHaveLength(1);
    expect(refuses).toHaveLength(1);
    expect((refuses[0] as PromiseRejectedResult).reason).toBeInstanceOf(Invalid);
    const final = await relire(rapport.id);
    expect(final?.version).toBe(rapport.version + 1);
    const journal = [
      ...(await audits(rapport.id, "rapport.valider")),
      ...(await audits(rapport.id, "rapport.renvoyer")),
    ];
    expect(journal).toHaveLength(1);
  });

  it("refuse d'agir sur une version périmée du bilan (formulaire ouvert avant une autre action)", async () => {
    const rapport = await rapportSoumis();
    const refus = await invalid(validerRapport(ctx(), entourage.coordinateur04, rapport.id, rapport.version - 1));
    expect(refus.field).toBe("statut");
    expect((await relire(rapport.id))?.statut).toBe("soumis");
  });
});

describe("rouvrir un bilan validé", () => {
  it("le repasse « à corriger » avec son motif, journalisé, et prévient le promeneur", async () => {
    const rapport = await rapportSoumis({ statut: "valide", valideLe: NOW });
    const apres = await rouvrirRapport(
      ctx(),
      entourage.coordinateur04,
      rapport.id,
      "Erreur de saisie signalée par le promeneur.",
    );
    expect(apres.statut).toBe("a_corriger");
    expect(apres.motifReouverture).toBe("Erreur de saisie signalée par le promeneur.");
    expect(apres.valideLe).toBeNull();
    const [audit] = await audits(rapport.id, "rapport.rouvrir");
    expect(audit?.changes).toMatchObject({
      motif: "Erreur de saisie signalée par le promeneur.",
      statut: ["valide", "a_corriger"],
    });
    const mail = await smtp.waitFor((m) => m.text.includes("Erreur de saisie signalée"));
    expect(mail.subject).toMatch(/est rouvert$/);
    expect(mail.to).toEqual([entourage.promeneur.email]);
  });

  it("exige un motif et refuse un bilan qui n'est pas validé", async () => {
    const valide = await rapportSoumis({ statut: "valide" });
    expect((await invalid(rouvrirRapport(ctx(), entourage.coordinateur04, valide.id, ""))).field).toBe("motif");
    expect((await relire(valide.id))?.statut).toBe("valide");
    const soumis = await rapportSoumis();
    expect((await invalid(rouvrirRapport(ctx(), entourage.coordinateur04, soumis.id, "Motif."))).message).toBe(
      "Seul un bilan validé peut être rouvert.",
    );
  });
});

describe("permissions de la revue", () => {
  it("un coordinateur d'un autre département reçoit 404, les autres rôles 403, sans rien changer", async () => {
    const rapport = await rapportSoumis();
    await expectRefus(validerRapport(ctx(), entourage.coordinateur05, rapport.id), 404);
    await expectRefus(renvoyerRapport(ctx(), entourage.coordinateur05, rapport.id, "Texte."), 404);
    await expectRefus(validerRapport(ctx(), entourage.referent, rapport.id), 403);
    await expectRefus(validerRapport(ctx(), entourage.lui, rapport.id), 403);
    const copil = await insertActor(getDb(), { role: "copil", departement: "04" });
    await expectRefus(rouvrirRapport(ctx(), copil, rapport.id, "Texte."), 403);
    expect((await relire(rapport.id))?.statut).toBe("soumis");
  });

  it("un identifiant inconnu ou mal formé donne 404", async () => {
    await expectRefus(validerRapport(ctx(), entourage.coordinateur04, "pas-un-uuid"), 404);
    await expectRefus(validerRapport(ctx(), entourage.coordinateur04, "00000000-0000-4000-8000-000000000000"), 404);
  });
});
