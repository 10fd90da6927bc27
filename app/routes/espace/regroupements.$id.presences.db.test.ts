import { auditLog, regroupementInvitations } from "@db/schema";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { getDb } from "~/server/db.server";
import { insertPromeneur } from "../../../tests/factories/promeneur";
import { insertRegroupement, invitePromeneur } from "../../../tests/factories/regroupement";
import { insertActor, insertCoordination } from "../../../tests/support/acteurs";
import { contextFor, getRequest, outcome, postRequest } from "../../../tests/support/route";
import * as page from "./regroupements.$id.presences";

const HEURE = 3_600_000;
const JOUR = 24 * HEURE;

let coordination: Awaited<ReturnType<typeof insertCoordination>>;
let promeneurActor: Actor;

beforeAll(async () => {
  coordination = await insertCoordination(getDb());
  promeneurActor = await insertActor(getDb(), { role: "promeneur", departement: "04" });
});

async function regroupementAvecInvites(debut: Date, fin: Date, nombre = 2) {
  const regroupement = await insertRegroupement(getDb(), { debut, fin });
  const invitations = [];
  for (let n = 0; n < nombre; n++) {
    invitations.push(await invitePromeneur(getDb(), regroupement, await insertPromeneur(getDb(), { statut: "actif" })));
  }
  return { regroupement, invitations };
}

const enCours = () => regroupementAvecInvites(new Date(Date.now() - HEURE), new Date(Date.now() + HEURE));
const path = (id: string) => `/espace/regroupements/${id}/presences`;
const charger = (actor: Actor, id: string) =>
  outcome(() => page.loader({ request: getRequest(path(id)), context: contextFor(actor), params: { id } } as never));
const poster = (actor: Actor, id: string, champs: Record<string, string>) =>
  outcome(() =>
    page.action({
      request: postRequest(path(id), { _csrf: "csrf-test", ...champs }),
      context: contextFor(actor),
      params: { id },
    } as never),
  );
const presence = async (id: string) =>
  (
    await getDb()
      .select({ presence: regroupementInvitations.presence })
      .from(regroupementInvitations)
      .where(eq(regroupementInvitations.id, id))
  )[0]?.presence;

describe("page des présences d'un regroupement", () => {
  it("liste les invités pour la coordination ; 403 pour un promeneur et le COPIL, 404 pour un autre département", async () => {
    const { regroupement, invitations } = await enCours();
    const vue = await charger(coordination.coordinateur04, regroupement.id);
    expect(vue.status).toBe(200);
    const donnees = vue.data as { invites: { id: string; presence: string | null }[]; refus: string | null };
    expect(donnees.invites.map((i) => i.id).sort()).toEqual(invitations.map((i) => i.id).sort());
    expect(donnees.refus).toBeNull();
    expect((await charger(promeneurActor, regroupement.id)).status).toBe(403);
    expect((await charger(coordination.copil04, regroupement.id)).status).toBe(403);
    expect((await charger(coordination.coordinateur05, regroupement.id)).status).toBe(404);
    expect((await charger(coordination.coordinateur04, "pas-un-uuid")).status).toBe(404);
    expect((await charger(coordination.coordinateur04, crypto.randomUUID())).status).toBe(404);
  });

  it("sans JavaScript, un appui note la présence et revient sur la personne (302 vers son ancre)", async () => {
    const { regroupement, invitations } = await enCours();
    const id = invitations[0]?.id as string;
    const reponse = await poster(coordination.coordinateur04, regroupement.id, { choix: `${id}:excuse` });
    expect(reponse.status).toBe(302);
    expect(reponse.location).toBe(`${path(regroupement.id)}#p-${id}`);
    expect(await presence(id)).toBe("excuse");
  });

  it("avec JavaScript (fetcher), répond sans redirection ; « Tous présents » note les autres", async () => {
    const { regroupement, invitations } = await enCours();
    const [a, b] = invitations.map((i) => i.id) as [string, string];
    const reponse = await poster(coordination.coordinateur04, regroupement.id, { choix: `${a}:absent`, _fetcher: "1" });
    expect(reponse).toMatchObject({ status: 200, data: { ok: true } });
    const tous = await poster(coordination.coordinateur04, regroupement.id, { intent: "tous" });
    expect(tous).toMatchObject({ status: 302, location: path(regroupement.id) });
    expect([await presence(a), await presence(b)]).toEqual(["absent", "present"]);
  });

  it("refuse une personne non invitée (400) sans rien changer", async () => {
    const { regroupement } = await enCours();
    const autre = await enCours();
    const etranger = autre.invitations[0]?.id as string;
    const reponse = await poster(coordination.coordinateur04, regroupement.id, { choix: `${etranger}:present` });
    expect(reponse).toMatchObject({
      status: 400,
      data: { field: "presence", message: "Cette personne n'est pas invitée à ce regroupement." },
    });
    expect(await presence(etranger)).toBeNull();
  });

  it("refuse avant le début (400) et le dit sur la page", async () => {
    const { regroupement, invitations } = await regroupementAvecInvites(
      new Date(Date.now() + HEURE),
      new Date(Date.now() + 2 * HEURE),
    );
    const id = invitations[0]?.id as string;
    const reponse = await poster(coordination.coordinateur04, regroupement.id, { choix: `${id}:present` });
    expect(reponse).toMatchObject({
      status: 400,
      data: { message: "La présence se note à partir du début du regroupement." },
    });
    expect(await presence(id)).toBeNull();
    const vue = (await charger(coordination.coordinateur04, regroupement.id)).data as { refus: string };
    expect(vue.refus).toBe("La présence se note à partir du début du regroupement.");
  });

  it("plus de 30 jours après : 400 sans motif, enregistré avec, le motif au journal", async () => {
    const { regroupement, invitations } = await regroupementAvecInvites(
      new Date(Date.now() - 40 * JOUR),
      new Date(Date.now() - 40 * JOUR + 2 * HEURE),
    );
    const id = invitations[0]?.id as string;
    expect(
      ((await charger(coordination.coordinateur04, regroupement.id)).data as { motifRequis: boolean }).motifRequis,
    ).toBe(true);
    const sans = await poster(coordination.coordinateur04, regroupement.id, { choix: `${id}:present` });
    // The reason's error names no person's line: it is shown once, next to the reason field.
    expect(sans).toMatchObject({ status: 400, data: { field: "motif", invitationId: null } });
    expect(await presence(id)).toBeNull();
    const avec = await poster(coordination.coordinateur04, regroupement.id, {
      choix: `${id}:present`,
      motif: "Oubli le jour même",
    });
    expect(avec.status).toBe(302);
    expect(await presence(id)).toBe("present");
    const [ligne] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, regroupement.id), eq(auditLog.action, "regroupement.presence.noter")));
    expect(ligne?.changes).toMatchObject({ motif: "Oubli le jour même" });
  });

  it("refuse l'action à un promeneur (403) et à la coordination d'un autre département (404)", async () => {
    const { regroupement, invitations } = await enCours();
    const id = invitations[0]?.id as string;
    expect((await poster(promeneurActor, regroupement.id, { choix: `${id}:present` })).status).toBe(403);
    expect((await poster(coordination.coordinateur05, regroupement.id, { choix: `${id}:present` })).status).toBe(404);
    expect(await presence(id)).toBeNull();
  });
});
