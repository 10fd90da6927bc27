import { auditLog, jetonsCalendrier, users } from "@db/schema";
import { and, eq, isNull } from "drizzle-orm";
import ICAL from "ical.js";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { createToken } from "~/domain/comptes/tokens.server";
import * as pageCalendrier from "~/routes/espace/calendrier";
import * as flux from "~/routes/ressources/calendrier.$fichier";
import { getDb } from "~/server/db.server";
import { insertPromeneur, type PromeneurRow } from "../../../tests/factories/promeneur";
import {
  insertComite,
  insertMembre,
  insertRegroupement,
  invitePersonne,
  invitePromeneur,
  type RegroupementRow,
} from "../../../tests/factories/regroupement";
import { insertUser } from "../../../tests/factories/user";
import { insertCoordination, insertPromeneurEtEntourage } from "../../../tests/support/acteurs";
import { actorOf, contextFor, expectRefus, getRequest, outcome, postRequest } from "../../../tests/support/route";
import { creerJetonCalendrier, revoquerJetonCalendrier } from "./calendrier.commands.server";
import { ouvrirFluxCalendrier } from "./calendrier.queries.server";

const db = () => getDb();
const ctx = () => ({ db: db(), now: new Date(), requestId: "test" });
const JOUR = 86_400_000;
const dans = (jours: number) => new Date(Date.now() + jours * JOUR);

async function lireFlux(fichier: string) {
  return outcome(() =>
    flux.loader({ request: getRequest(`/calendrier/${fichier}`), params: { fichier }, context: {} } as never),
  );
}

/** The UIDs and statuses of a feed, read with ical.js. */
async function evenementsDu(jeton: string): Promise<Map<string, string>> {
  const reponse = await lireFlux(`${jeton}.ics`);
  expect(reponse.status).toBe(200);
  const calendrier = new ICAL.Component(ICAL.parse(String(reponse.data)));
  return new Map(
    calendrier
      .getAllSubcomponents("vevent")
      .map((v) => [String(v.getFirstPropertyValue("uid")), String(v.getFirstPropertyValue("status"))]),
  );
}
function uid(r: Pick<RegroupementRow, "id"> | undefined): string {
  if (!r) throw new Error("regroupement inconnu");
  return `${r.id}@promeneurs-du-net`;
}

describe("adresse d'agenda personnel : commandes", () => {
  it("crée une adresse dont seule l'empreinte est gardée, en révoquant la précédente, avec une ligne de journal", async () => {
    const actor = await actorOf((await insertUser(db(), { roles: [{ role: "promeneur", departement: "04" }] })).id);
    const premier = await creerJetonCalendrier(ctx(), actor);
    const second = await creerJetonCalendrier(ctx(), actor);
    expect(second.jeton).not.toBe(premier.jeton);
    const lignes = await db().select().from(jetonsCalendrier).where(eq(jetonsCalendrier.userId, actor.userId));
    expect(lignes).toHaveLength(2);
    expect(lignes.filter((l) => l.revoqueLe === null)).toHaveLength(1);
    for (const l of lignes) expect([premier.jeton, second.jeton]).not.toContain(l.jetonHash);
    expect((await lireFlux(`${premier.jeton}.ics`)).status).toBe(404);
    expect((await lireFlux(`${second.jeton}.ics`)).status).toBe(200);
    const journal = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "calendrier.creer"), eq(auditLog.actorUserId, actor.userId)));
    expect(journal).toHaveLength(2);
    expect(JSON.stringify(journal)).not.toContain(second.jeton);
  });

  it("révoque : l'adresse répond 404 ensuite ; la révocation est journalisée", async () => {
    const actor = await actorOf((await insertUser(db(), { roles: [{ role: "referent", departement: "04" }] })).id);
    const { jeton } = await creerJetonCalendrier(ctx(), actor);
    expect((await lireFlux(`${jeton}.ics`)).status).toBe(200);
    const [ligne] = await db().select().from(jetonsCalendrier).where(eq(jetonsCalendrier.userId, actor.userId));
    if (!ligne) throw new Error("pas de jeton");
    await revoquerJetonCalendrier(ctx(), actor, ligne.id);
    const revoque = await lireFlux(`${jeton}.ics`);
    expect(revoque.status).toBe(404);
    expect(revoque.headers.get("Content-Type")).not.toContain("text/calendar");
    const journal = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "calendrier.revoquer"), eq(auditLog.entityId, ligne.id)));
    expect(journal).toHaveLength(1);
    // Revoking twice: nothing left to revoke.
    await expectRefus(revoquerJetonCalendrier(ctx(), actor, ligne.id), 404);
  });

  it("ne laisse pas révoquer l'adresse d'un autre (404, elle reste active)", async () => {
    const a = await actorOf((await insertUser(db(), { roles: [{ role: "promeneur", departement: "04" }] })).id);
    const b = await actorOf((await insertUser(db(), { roles: [{ role: "promeneur", departement: "04" }] })).id);
    const { jeton } = await creerJetonCalendrier(ctx(), b);
    const [ligneB] = await db().select().from(jetonsCalendrier).where(eq(jetonsCalendrier.userId, b.userId));
    if (!ligneB) throw new Error("pas de jeton");
    await expectRefus(revoquerJetonCalendrier(ctx(), a, ligneB.id), 404);
    // Through the page too.
    const refus = await outcome(() =>
      pageCalendrier.action({
        request: postRequest("/espace/calendrier", { intent: "revoquer", id: ligneB.id }),
        context: contextFor(a),
        params: {},
      } as never),
    );
    expect(refus.status).toBe(404);
    const [apres] = await db().select().from(jetonsCalendrier).where(eq(jetonsCalendrier.id, ligneB.id));
    expect(apres?.revoqueLe).toBeNull();
    expect((await lireFlux(`${jeton}.ics`)).status).toBe(200);
    // A's page shows no address: B's is never listed to A.
    const page = await outcome(() =>
      pageCalendrier.loader({ request: getRequest("/espace/calendrier"), context: contextFor(a), params: {} } as never),
    );
    expect((page.data as { jeton: unknown }).jeton).toBeNull();
  });
});

describe("adresse d'agenda personnel : la page /espace/calendrier", () => {
  it("montre l'adresse une seule fois, juste après sa création, puis seulement ses dates", async () => {
    const actor = await actorOf((await insertUser(db(), { roles: [{ role: "copil", departement: "04" }] })).id);
    const vide = await outcome(() =>
      pageCalendrier.loader({
        request: getRequest("/espace/calendrier"),
        context: contextFor(actor),
        params: {},
      } as never),
    );
    expect((vide.data as { jeton: unknown }).jeton).toBeNull();
    const cree = await outcome(() =>
      pageCalendrier.action({
        request: postRequest("/espace/calendrier", { intent: "creer" }),
        context: contextFor(actor),
        params: {},
      } as never),
    );
    expect(cree.status).toBe(200);
    const { adresse, webcal } = cree.data as { adresse: string; webcal: string };
    expect(adresse).toMatch(/\/calendrier\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(webcal).toMatch(/^webcal:\/\//);
    const fichier = adresse.split("/calendrier/")[1] ?? "";
    expect((await lireFlux(fichier)).status).toBe(200);
    const apres = await outcome(() =>
      pageCalendrier.loader({
        request: getRequest("/espace/calendrier"),
        context: contextFor(actor),
        params: {},
      } as never),
    );
    const jeton = (apres.data as { jeton: { createdAt: Date; dernierAccesLe: Date | null } }).jeton;
    expect(jeton.createdAt).toBeInstanceOf(Date);
    expect(jeton.dernierAccesLe).toBeInstanceOf(Date);
    expect(JSON.stringify(apres.data)).not.toContain(fichier.slice(0, -4));
  });

  it("refuse une action inconnue (400) sans rien créer", async () => {
    const actor = await actorOf((await insertUser(db(), { roles: [{ role: "promeneur", departement: "04" }] })).id);
    const avant = await db().$count(jetonsCalendrier);
    const refus = await outcome(() =>
      pageCalendrier.action({
        request: postRequest("/espace/calendrier", { intent: "autre" }),
        context: contextFor(actor),
        params: {},
      } as never),
    );
    expect(refus.status).toBe(400);
    expect(await db().$count(jetonsCalendrier)).toBe(avant);
  });

  it("refuse un compte sans rôle (403), à la page comme à la commande", async () => {
    const sansRole = await actorOf((await insertUser(db(), { roles: [] })).id);
    const r = await outcome(() =>
      pageCalendrier.loader({
        request: getRequest("/espace/calendrier"),
        context: contextFor(sansRole),
        params: {},
      } as never),
    );
    expect(r.status).toBe(403);
    await expectRefus(creerJetonCalendrier(ctx(), sansRole), 403);
    expect(await db().$count(jetonsCalendrier, eq(jetonsCalendrier.userId, sansRole.userId))).toBe(0);
  });

  it("renvoie vers la connexion sans session", async () => {
    const r = await outcome(() =>
      pageCalendrier.loader({
        request: getRequest("/espace/calendrier"),
        context: contextFor(null),
        params: {},
      } as never),
    );
    expect(r.status).toBe(302);
    expect(r.location).toContain("/connexion");
  });
});

describe("flux /calendrier/<jeton>.ics", () => {
  it("répond 404 à une adresse inconnue, mal formée ou sans suffixe .ics", async () => {
    expect((await lireFlux(`${createToken().token}.ics`)).status).toBe(404);
    for (const fichier of ["abc.ics", "..%2F.ics", ".ics", "x".repeat(43)]) {
      expect((await lireFlux(fichier)).status, fichier).toBe(404);
    }
    const actor = await actorOf((await insertUser(db(), { roles: [{ role: "promeneur", departement: "04" }] })).id);
    const { jeton } = await creerJetonCalendrier(ctx(), actor);
    expect((await lireFlux(jeton)).status).toBe(404);
    expect((await lireFlux(`${jeton}.ical`)).status).toBe(404);
  });

  it("répond 404 quand le compte est désactivé", async () => {
    const user = await insertUser(db(), { roles: [{ role: "promeneur", departement: "04" }] });
    const { jeton } = await creerJetonCalendrier(ctx(), await actorOf(user.id));
    await db().update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id));
    expect((await lireFlux(`${jeton}.ics`)).status).toBe(404);
  });

  describe("contenu selon le compte", () => {
    let lui: Actor;
    let autre: Actor;
    let coordination: Awaited<ReturnType<typeof insertCoordination>>;
    let sonRecord: PromeneurRow;
    const g: Record<string, RegroupementRow> = {};

    beforeAll(async () => {
      const entourage = await insertPromeneurEtEntourage(db());
      lui = entourage.lui;
      sonRecord = entourage.promeneur;
      const autreUser = await insertUser(db(), { roles: [{ role: "promeneur", departement: "04" }] });
      const autreRecord = await insertPromeneur(db(), { statut: "actif", userId: autreUser.id });
      autre = await actorOf(autreUser.id);
      coordination = await insertCoordination(db());

      g.invite = await insertRegroupement(db(), { titre: "Invité, sans réponse", debut: dans(5) });
      await invitePromeneur(db(), g.invite, sonRecord);
      g.inscrit = await insertRegroupement(db(), { titre: "Inscrit", debut: dans(6) });
      await invitePromeneur(db(), g.inscrit, sonRecord, { reponse: "oui" });
      g.decline = await insertRegroupement(db(), { titre: "Décliné", debut: dans(7) });
      await invitePromeneur(db(), g.decline, sonRecord, { reponse: "non" });
      g.annule = await insertRegroupement(db(), { titre: "Annulé", debut: dans(8), statut: "annule" });
      await invitePromeneur(db(), g.annule, sonRecord);
      // Invited through their promeneur record only (no account on the invitation row).
      g.parFiche = await insertRegroupement(db(), { titre: "Par la fiche", debut: dans(9) });
      await invitePromeneur(db(), g.parFiche, sonRecord, { userId: null });
      g.prive = await insertRegroupement(db(), {
        titre: "Privé de l'autre",
        audience: "promeneurs_choisis",
        debut: dans(10),
      });
      await invitePromeneur(db(), g.prive, autreRecord);
      g.autreDepartement = await insertRegroupement(db(), { titre: "Dans le 05", departement: "05", debut: dans(11) });
      g.ancien = await insertRegroupement(db(), { titre: "Il y a un an", debut: dans(-365) });
      await invitePromeneur(db(), g.ancien, sonRecord);
      g.passeRecent = await insertRegroupement(db(), { titre: "Le mois dernier", debut: dans(-30) });
      await invitePromeneur(db(), g.passeRecent, sonRecord, { reponse: "oui" });

      const comite = await insertComite(db());
      await insertMembre(db(), comite, { userId: coordination.copil04.userId });
      g.comite = await insertRegroupement(db(), {
        titre: "Réunion du comité",
        type: "comite_pilotage",
        comiteId: comite.id,
        audience: "copil",
        debut: dans(12),
      });
      const autreComite = await insertComite(db());
      g.autreComite = await insertRegroupement(db(), {
        titre: "Réunion d'un autre comité",
        type: "comite_pilotage",
        comiteId: autreComite.id,
        audience: "copil",
        debut: dans(13),
      });
      // A steering member invited by e-mail to something else of 04.
      g.invitationCopil = await insertRegroupement(db(), { titre: "Copil invité", audience: "copil", debut: dans(14) });
      await invitePersonne(db(), g.invitationCopil, {
        nom: coordination.copil04.nom,
        email: coordination.copil04.email,
        userId: coordination.copil04.userId,
      });
    });

    it("donne au promeneur ses invitations (annulées marquées), sans celles déclinées ni les regroupements privés d'un autre", async () => {
      const { jeton } = await creerJetonCalendrier(ctx(), lui);
      const reponse = await lireFlux(`${jeton}.ics`);
      expect(reponse.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
      expect(reponse.headers.get("Cache-Control")).toBe("private, no-store");
      const evenements = await evenementsDu(jeton);
      expect(evenements.get(uid(g.invite))).toBe("CONFIRMED");
      expect(evenements.get(uid(g.inscrit))).toBe("CONFIRMED");
      expect(evenements.get(uid(g.parFiche))).toBe("CONFIRMED");
      expect(evenements.get(uid(g.passeRecent))).toBe("CONFIRMED");
      expect(evenements.get(uid(g.annule))).toBe("CANCELLED");
      for (const absent of [
        "decline",
        "prive",
        "autreDepartement",
        "ancien",
        "comite",
        "autreComite",
        "invitationCopil",
      ]) {
        expect(evenements.has(uid(g[absent])), absent).toBe(false);
      }
      expect(evenements.size).toBe(5);

      const [ligne] = await db()
        .select()
        .from(jetonsCalendrier)
        .where(and(eq(jetonsCalendrier.userId, lui.userId), isNull(jetonsCalendrier.revoqueLe)));
      expect(ligne?.dernierAccesLe).toBeInstanceOf(Date);
    });

    it("donne à l'autre promeneur son regroupement privé, et rien de ceux du premier", async () => {
      const { jeton } = await creerJetonCalendrier(ctx(), autre);
      const evenements = await evenementsDu(jeton);
      expect([...evenements.keys()]).toEqual([uid(g.prive)]);
    });

    it("donne à la coordination tous les regroupements de son département, et rien d'un autre", async () => {
      const du04 = await evenementsDu((await creerJetonCalendrier(ctx(), coordination.coordinateur04)).jeton);
      for (const present of ["invite", "decline", "annule", "prive", "comite", "autreComite", "passeRecent"]) {
        expect(du04.has(uid(g[present])), present).toBe(true);
      }
      expect(du04.has(uid(g.autreDepartement))).toBe(false);
      expect(du04.has(uid(g.ancien))).toBe(false);

      const du05 = await evenementsDu((await creerJetonCalendrier(ctx(), coordination.coordinateur05)).jeton);
      expect([...du05.keys()]).toContain(uid(g.autreDepartement));
      for (const r of Object.values(g)) {
        if (r.departement === "04") expect(du05.has(uid(r)), r.titre).toBe(false);
      }
    });

    it("donne au membre d'un comité les réunions de son comité et ses invitations, pas celles d'un autre comité", async () => {
      const evenements = await evenementsDu((await creerJetonCalendrier(ctx(), coordination.copil04)).jeton);
      expect([...evenements.keys()].sort()).toEqual([uid(g.comite), uid(g.invitationCopil)].sort());
    });
  });
});

describe("dernier accès d'une adresse d'agenda", () => {
  it("n'est écrit qu'à la première lecture puis au plus une fois l'heure", async () => {
    const actor = await actorOf((await insertUser(db(), { roles: [{ role: "promeneur", departement: "04" }] })).id);
    const { jeton } = await creerJetonCalendrier(ctx(), actor);
    const lu = async () =>
      (
        await db()
          .select({ le: jetonsCalendrier.dernierAccesLe })
          .from(jetonsCalendrier)
          .where(and(eq(jetonsCalendrier.userId, actor.userId), isNull(jetonsCalendrier.revoqueLe)))
      )[0]?.le;
    const t0 = new Date("2031-01-10T10:00:00Z");
    expect(await lu()).toBeNull();
    expect(await ouvrirFluxCalendrier(db(), jeton, t0)).toBe(actor.userId);
    expect(await lu()).toEqual(t0);
    // Polled again within the hour: unchanged.
    expect(await ouvrirFluxCalendrier(db(), jeton, new Date(t0.getTime() + 59 * 60_000))).toBe(actor.userId);
    expect(await lu()).toEqual(t0);
    // An hour later: written again.
    const t1 = new Date(t0.getTime() + 60 * 60_000);
    expect(await ouvrirFluxCalendrier(db(), jeton, t1)).toBe(actor.userId);
    expect(await lu()).toEqual(t1);
    expect(await ouvrirFluxCalendrier(db(), "x".repeat(43), t1)).toBeNull();
  });
});
