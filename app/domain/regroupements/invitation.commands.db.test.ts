import { auditLog, regroupementInvitations, regroupements } from "@db/schema";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { getDb } from "~/server/db.server";
import { resetMailTransport } from "~/server/mail.server";
import { defaultJobs } from "~/server/scheduler.server";
import { insertPromeneur } from "../../../tests/factories/promeneur";
import { insertComite, insertMembre, insertRegroupement, invitePersonne } from "../../../tests/factories/regroupement";
import { insertStructure } from "../../../tests/factories/structure";
import { insertUser } from "../../../tests/factories/user";
import { applyTestEnv } from "../../../tests/setup/test-env";
import { insertActor } from "../../../tests/support/acteurs";
import { actorOf, contextFor, getRequest, outcome, postRequest } from "../../../tests/support/route";
import { type DecodedMail, parseMessage, startSmtpServer, type TestSmtpServer } from "../../../tests/support/smtp";
import * as reponsePage from "../../routes/public/reponse.$jeton";
import { findCandidats, inviter, repondreParJeton } from "./invitation.commands.server";
import { annulerRegroupement, modifierRegroupement } from "./regroupement.commands.server";
import type { RegroupementInput } from "./regroupement.schema";
import { envoyerRappelsRegroupement, RAPPEL_REGROUPEMENT } from "./regroupement-rappel.server";

const HEURE = 3_600_000;
// Monday 31 March 2031, 09:30–12:00 Paris (summer time, the day after the change).
const DEBUT = new Date("2031-03-31T07:30:00Z");
const FIN = new Date("2031-03-31T10:00:00Z");
const AVANT = new Date("2031-03-20T10:00:00Z");

let smtp: TestSmtpServer;
let coordinateur: Actor;
const promeneurs: { id: string; email: string; userId: string | null }[] = [];

/** The `.ics` attachment of a received mail, decoded. */
function ics(mail: DecodedMail): string {
  const part = mail.raw.split(/\r\n--/).find((p) => /content-type:\s*text\/calendar/i.test(p));
  if (!part) throw new Error("pas de pièce jointe .ics");
  return parseMessage(part.replace(/^[^\r\n]*\r\n/, "")).text;
}

/** The text part of a received (multipart) mail, decoded; non-breaking spaces read as spaces. */
function texte(mail: DecodedMail): string {
  const part = mail.raw.split(/\r\n--/).find((p) => /content-type:\s*text\/plain/i.test(p));
  const text = part ? parseMessage(part.replace(/^[^\r\n]*\r\n/, "")).text : mail.text;
  return text.replace(/\u00a0/g, " ");
}

const mailsPour = (email: string) => smtp.mails().filter((m) => m.to.includes(email));

beforeAll(async () => {
  smtp = await startSmtpServer();
  applyTestEnv({ SMTP_URL: smtp.url });
  resetMailTransport();
  const db = getDb();
  coordinateur = await insertActor(db, { role: "coordinateur", departement: "13" });
  const structure = await insertStructure(db, { departement: "13", communeCode: "13001" });
  for (const [i, statut] of (["actif", "forme", "accepte", "sorti"] as const).entries()) {
    const user = await insertUser(db, { roles: [{ role: "promeneur", departement: "13" }] });
    const p = await insertPromeneur(db, {
      departement: "13",
      structureId: structure.id,
      statut,
      userId: user.id,
      prenom: `Invitee${i}`,
      email: `invitee${i}-${Date.now()}@regroupement.essai.fr`,
    });
    promeneurs.push({ id: p.id, email: p.email.toLowerCase(), userId: p.userId });
  }
});

beforeEach(() => {
  smtp.received.length = 0;
});

afterAll(async () => {
  resetMailTransport();
  await smtp.close();
});

async function nouveauRegroupement(overrides: Parameters<typeof insertRegroupement>[1] = {}) {
  return insertRegroupement(getDb(), {
    departement: "13",
    debut: DEBUT,
    fin: FIN,
    lieu: "Salle des fêtes",
    communeCode: "13001",
    ...overrides,
  });
}

const ctx = (now = AVANT) => ({ db: getDb(), now, requestId: "test" });

async function invitations(regroupementId: string) {
  return getDb()
    .select()
    .from(regroupementInvitations)
    .where(eq(regroupementInvitations.regroupementId, regroupementId));
}

describe("inviter", () => {
  it("propose les promeneurs acceptés, formés et actifs du département, cochés pour « tous les promeneurs »", async () => {
    const r = await nouveauRegroupement();
    const candidats = await findCandidats(getDb(), r);
    const cles = candidats.filter((c) => c.kind === "promeneur").map((c) => c.cle);
    expect(cles).toEqual(expect.arrayContaining(promeneurs.slice(0, 3).map((p) => `p:${p.id}`)));
    expect(cles).not.toContain(`p:${promeneurs[3]?.id}`);
    expect(candidats.filter((c) => c.kind === "promeneur").every((c) => c.propose)).toBe(true);
  });

  it("envoie à chaque nouvel invité l'e-mail, ses liens de réponse et un .ics valide, une seule fois", async () => {
    const r = await nouveauRegroupement({ titre: "Analyse de la pratique de printemps" });
    const [a, b] = promeneurs;
    if (!a || !b) throw new Error("promeneurs manquants");
    const resultat = await inviter(ctx(), coordinateur, r.id, [`p:${a.id}`, `p:${b.id}`]);
    expect(resultat).toEqual({ invites: 2, envoyes: 2 });
    const mail = await smtp.waitFor((m) => m.to.includes(a.email));
    expect(mail.subject).toBe("[Promeneurs du Net 13] Invitation : Analyse de la pratique de printemps");
    expect(texte(mail)).toContain("Quand : lundi 31 mars 2031, de 9 h 30 à 12 h");
    const lien = /http:\/\/localhost:3000\/reponse\/([\w-]+)\?choix=oui/.exec(texte(mail));
    expect(lien).not.toBeNull();
    const calendrier = ics(mail);
    expect(calendrier).toContain("METHOD:PUBLISH");
    expect(calendrier).toContain(`UID:${r.id}@promeneurs-du-net`);
    expect(calendrier).toContain("SEQUENCE:0");
    expect(calendrier).toContain("DTSTART;TZID=Europe/Paris:20310331T093000");
    expect(mail.raw).toMatch(/filename="?invitation\.ics/);
    const rows = await invitations(r.id);
    expect(rows.map((i) => i.email).sort()).toEqual([a.email, b.email].sort());
    const audit = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "regroupement.inviter"), eq(auditLog.entityId, r.id)));
    expect(audit).toHaveLength(1);

    // Inviting the same person again changes nothing and sends nothing.
    smtp.received.length = 0;
    expect(await inviter(ctx(), coordinateur, r.id, [`p:${a.id}`])).toEqual({ invites: 0, envoyes: 0 });
    expect(await invitations(r.id)).toHaveLength(2);
    expect(smtp.received).toHaveLength(0);

    // The link of the e-mail: GET shows the page and records nothing; POST records; twice updates.
    const jeton = lien?.[1] ?? "";
    const page = await outcome(() =>
      reponsePage.loader({
        request: getRequest(`/reponse/${jeton}?choix=oui`),
        params: { jeton },
        context: contextFor(null),
      } as never),
    );
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({
      titre: "Analyse de la pratique de printemps",
      reponse: "en_attente",
      choix: "oui",
    });
    expect((await invitations(r.id)).find((i) => i.email === a.email)?.reponse).toBe("en_attente");
    await repondreParJeton(ctx(), jeton, "oui");
    expect((await invitations(r.id)).find((i) => i.email === a.email)?.reponse).toBe("oui");
    await repondreParJeton(ctx(new Date(AVANT.getTime() + HEURE)), jeton, "non");
    const apres = (await invitations(r.id)).find((i) => i.email === a.email);
    expect(apres?.reponse).toBe("non");
    expect(apres?.reponduLe).toEqual(new Date(AVANT.getTime() + HEURE));
  });

  it("refuse d'inviter sans personne cochée, et au coordinateur d'un autre département (404) ou à un promeneur (403)", async () => {
    const r = await nouveauRegroupement();
    await expect(inviter(ctx(), coordinateur, r.id, [])).rejects.toThrow("Cochez au moins une personne");
    const autre = await insertActor(getDb(), { role: "coordinateur", departement: "05" });
    const promeneur = await actorOf(promeneurs[0]?.userId ?? "");
    for (const [actor, status] of [
      [autre, 404],
      [promeneur, 403],
    ] as const) {
      const refus = await outcome(() => inviter(ctx(), actor, r.id, [`p:${promeneurs[0]?.id}`]));
      expect(refus.status).toBe(status);
    }
    expect(await invitations(r.id)).toHaveLength(0);
  });

  it("invite les membres du comité d'une réunion de comité, cochés d'office", async () => {
    const comite = await insertComite(getDb(), { departement: "13" });
    const membre = await insertMembre(getDb(), comite, { organisation: "CAF 13" });
    const r = await nouveauRegroupement({ type: "comite_pilotage", comiteId: comite.id, audience: "copil" });
    const candidats = await findCandidats(getDb(), r);
    const ligne = candidats.find((c) => c.cle === `m:${membre.id}`);
    expect(ligne).toMatchObject({ kind: "membre", propose: true, organisation: "CAF 13" });
    expect(candidats.filter((c) => c.kind === "promeneur").some((c) => c.propose)).toBe(false);
  });
});

describe("répondre par le lien", () => {
  it("refuse un oui quand c'est complet, accepte un non ; un jeton inconnu est un 404", async () => {
    const r = await nouveauRegroupement({ capacite: 1 });
    const premier = await invitePersonne(getDb(), r, { nom: "Une", email: `une-${Date.now()}@essai.fr` });
    const second = await invitePersonne(getDb(), r, { nom: "Deux", email: `deux-${Date.now()}@essai.fr` });
    await repondreParJeton(ctx(), premier.jeton, "oui");
    await expect(repondreParJeton(ctx(), second.jeton, "oui")).rejects.toThrow("Complet\u00a0: 1 place, déjà prise.");
    await repondreParJeton(ctx(), second.jeton, "non");
    // Answering yes again when already registered is not « full ».
    await repondreParJeton(ctx(), premier.jeton, "oui");
    expect((await outcome(() => repondreParJeton(ctx(), "x".repeat(43), "oui"))).status).toBe(404);
  });

  it("refuse une réponse après le début et à un regroupement annulé, par la page publique aussi", async () => {
    const r = await nouveauRegroupement();
    const invite = await invitePersonne(getDb(), r, { nom: "Trois", email: `trois-${Date.now()}@essai.fr` });
    await expect(repondreParJeton(ctx(new Date(DEBUT.getTime() + 60_000)), invite.jeton, "oui")).rejects.toThrow(
      "déjà commencé",
    );
    await getDb().update(regroupements).set({ statut: "annule" }).where(eq(regroupements.id, r.id));
    const post = await outcome(() =>
      reponsePage.action({
        request: postRequest(`/reponse/${invite.jeton}`, { reponse: "oui" }),
        params: { jeton: invite.jeton },
        context: contextFor(null),
      } as never),
    );
    expect(post.status).toBe(400);
    expect(post.data).toMatchObject({
      erreur: "Ce regroupement est annulé\u00a0: il n'est plus possible d'y répondre.",
    });
    expect((await invitations(r.id))[0]?.reponse).toBe("en_attente");
  });
});

const saisie = (r: { type: string; titre: string; audience: string }, debut: Date, fin: Date): RegroupementInput => ({
  type: r.type as RegroupementInput["type"],
  titre: r.titre,
  debut,
  fin,
  lieu: "Salle des fêtes",
  communeCode: "13001",
  lienVisio: null,
  description: "",
  audience: r.audience as RegroupementInput["audience"],
  capacite: null,
  comiteId: null,
});

describe("modifier et annuler", () => {
  it("un changement d'horaire renvoie l'invitation aux invités qui n'ont pas décliné, SEQUENCE + 1", async () => {
    const r = await nouveauRegroupement();
    const vient = await invitePersonne(getDb(), r, { nom: "Vient", email: `vient-${Date.now()}@essai.fr` });
    const decline = await invitePersonne(getDb(), r, { nom: "Décline", email: `decline-${Date.now()}@essai.fr` });
    await repondreParJeton(ctx(), decline.jeton, "non");
    const resultat = await modifierRegroupement(
      ctx(),
      coordinateur,
      r.id,
      r.version,
      saisie(r, new Date(DEBUT.getTime() + HEURE), new Date(FIN.getTime() + HEURE)),
    );
    expect(resultat.prevenus).toBe(1);
    const mail = await smtp.waitFor((m) => m.to.includes(vient.email));
    expect(mail.subject).toContain("Changement");
    expect(texte(mail)).toContain("de 10 h 30 à 13 h");
    expect(ics(mail)).toContain("SEQUENCE:1");
    expect(ics(mail)).toContain("DTSTART;TZID=Europe/Paris:20310331T103000");
    expect(mailsPour(decline.email)).toHaveLength(0);
    const [apres] = await getDb().select().from(regroupements).where(eq(regroupements.id, r.id));
    expect(apres).toMatchObject({ sequence: 1, version: 2 });

    // The version the form read is stale now: refused, nothing changed.
    await expect(modifierRegroupement(ctx(), coordinateur, r.id, r.version, saisie(r, DEBUT, FIN))).rejects.toThrow(
      "modifié entre-temps",
    );

    smtp.received.length = 0;
    const annulation = await annulerRegroupement(ctx(), coordinateur, r.id, "Formateur malade");
    expect(annulation.prevenus).toBe(1);
    const annule = await smtp.waitFor((m) => m.to.includes(vient.email));
    expect(texte(annule)).toContain("Motif : Formateur malade");
    expect(annule.raw).toMatch(/method=CANCEL/i);
    const calendrier = ics(annule);
    expect(calendrier).toContain("METHOD:CANCEL");
    expect(calendrier).toContain("STATUS:CANCELLED");
    expect(calendrier).toContain("SEQUENCE:2");
    expect(mailsPour(decline.email)).toHaveLength(0);
  });

  it("refuse une capacité sous les inscriptions, avec leur nombre, sans rien changer", async () => {
    const r = await nouveauRegroupement();
    for (const nom of ["a", "b", "c"]) {
      const i = await invitePersonne(getDb(), r, { nom, email: `${nom}-cap-${Date.now()}@essai.fr` });
      await repondreParJeton(ctx(), i.jeton, "oui");
    }
    await expect(
      modifierRegroupement(ctx(), coordinateur, r.id, r.version, { ...saisie(r, DEBUT, FIN), capacite: 2 }),
    ).rejects.toThrow("3 personnes sont déjà inscrites\u00a0: la capacité ne peut pas être inférieure à 3.");
    const [apres] = await getDb().select().from(regroupements).where(eq(regroupements.id, r.id));
    expect(apres).toMatchObject({ capacite: null, version: 1 });
  });
});

describe("rappel de la veille", () => {
  it("écrit la veille à 9 h aux invités qui n'ont pas décliné, une seule fois même lancé deux fois", async () => {
    // Tuesday 1 April 2031; the job runs on Monday 31 March at 09:00 Paris.
    const debut = new Date("2031-04-01T12:00:00Z");
    const r = await nouveauRegroupement({ debut, fin: new Date(debut.getTime() + 2 * HEURE), titre: "Demain" });
    const annule = await nouveauRegroupement({ debut, fin: new Date(debut.getTime() + HEURE), statut: "annule" });
    const surlendemain = await nouveauRegroupement({
      debut: new Date("2031-04-02T12:00:00Z"),
      fin: new Date("2031-04-02T14:00:00Z"),
    });
    const oui = await invitePersonne(getDb(), r, { nom: "Oui", email: `rappel-oui-${Date.now()}@essai.fr` });
    const attente = await invitePersonne(getDb(), r, { nom: "Attente", email: `rappel-att-${Date.now()}@essai.fr` });
    const non = await invitePersonne(getDb(), r, { nom: "Non", email: `rappel-non-${Date.now()}@essai.fr` });
    const autre1 = await invitePersonne(getDb(), annule, { nom: "X", email: `rappel-x-${Date.now()}@essai.fr` });
    const autre2 = await invitePersonne(getDb(), surlendemain, { nom: "Y", email: `rappel-y-${Date.now()}@essai.fr` });
    await repondreParJeton(ctx(), oui.jeton, "oui");
    await repondreParJeton(ctx(), non.jeton, "non");
    const maintenant = new Date("2031-03-31T07:00:00Z");
    const [a, b] = await Promise.all([
      envoyerRappelsRegroupement(getDb(), maintenant, "http://localhost:3000"),
      envoyerRappelsRegroupement(getDb(), maintenant, "http://localhost:3000"),
    ]);
    expect(a + b).toBe(2);
    expect(
      await envoyerRappelsRegroupement(getDb(), new Date(maintenant.getTime() + HEURE), "http://localhost:3000"),
    ).toBe(0);
    const destinataires = smtp.mails().flatMap((m) => m.to);
    expect(destinataires.sort()).toEqual([oui.email, attente.email].sort());
    for (const absent of [non, autre1, autre2]) expect(destinataires).not.toContain(absent.email);
    const mail = mailsPour(oui.email)[0];
    expect(mail?.subject).toBe("[Promeneurs du Net 13] Rappel, c'est demain : Demain");
    expect(mail && ics(mail)).toContain("BEGIN:VEVENT");
  });

  it("est planifié chaque jour à 9 h, heure de Paris", () => {
    const job = defaultJobs.find((j) => j.nom === RAPPEL_REGROUPEMENT);
    expect(job?.prochaine(new Date("2031-03-31T06:59:00Z"))).toEqual(new Date("2031-03-31T07:00:00Z"));
    expect(job?.prochaine(new Date("2031-12-01T09:00:00Z"))).toEqual(new Date("2031-12-02T08:00:00Z"));
  });
});
