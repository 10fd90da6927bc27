import { auditLog, regroupementInvitations } from "@db/schema";
import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { getDb } from "~/server/db.server";
import { insertPromeneur, type PromeneurRow } from "../../../tests/factories/promeneur";
import { insertRegroupement, invitePersonne, invitePromeneur } from "../../../tests/factories/regroupement";
import { insertActor, insertCoordination } from "../../../tests/support/acteurs";
import { expectRefus, invalid } from "../../../tests/support/route";
import { noterPresence } from "./presence.commands.server";

const HEURE = 3_600_000;
const JOUR = 24 * HEURE;
const NOW = new Date("2026-06-10T08:00:00Z");
const ctx = () => ({ db: getDb(), now: NOW, requestId: "req-presence" });

let coordination: Awaited<ReturnType<typeof insertCoordination>>;
let promeneurActor: Actor;
const inscrits: PromeneurRow[] = [];

beforeAll(async () => {
  coordination = await insertCoordination(getDb());
  promeneurActor = await insertActor(getDb(), { role: "promeneur", departement: "04" });
  for (let n = 0; n < 3; n++) inscrits.push(await insertPromeneur(getDb(), { statut: "actif" }));
});

/** A gathering of 04 (started an hour before NOW unless told) with the three promeneurs invited. */
async function regroupementAvecInvites(overrides: Parameters<typeof insertRegroupement>[1] = {}) {
  const regroupement = await insertRegroupement(getDb(), {
    debut: new Date(NOW.getTime() - HEURE),
    fin: new Date(NOW.getTime() + 2 * HEURE),
    ...overrides,
  });
  const invitations = [];
  for (const p of inscrits) invitations.push(await invitePromeneur(getDb(), regroupement, p));
  return { regroupement, invitations };
}

const presences = async (ids: string[]) =>
  Object.fromEntries(
    (
      await getDb()
        .select({ id: regroupementInvitations.id, presence: regroupementInvitations.presence })
        .from(regroupementInvitations)
        .where(inArray(regroupementInvitations.id, ids))
    ).map((row) => [row.id, row.presence]),
  );
const audits = (id: string) =>
  getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityId, id), eq(auditLog.action, "regroupement.presence.noter")));

describe("noter la présence", () => {
  it("note présent, excusé et absent en une fois, avec qui et quand, et une ligne au journal", async () => {
    const { regroupement, invitations } = await regroupementAvecInvites();
    const [a, b, c] = invitations as [(typeof invitations)[0], (typeof invitations)[0], (typeof invitations)[0]];
    const resultat = await noterPresence(ctx(), coordination.coordinateur04, regroupement.id, {
      saisies: [
        { invitationId: a.id, presence: "present" },
        { invitationId: b.id, presence: "excuse" },
        { invitationId: c.id, presence: "absent" },
      ],
    });
    expect(resultat).toEqual({ changees: 3 });
    expect(await presences([a.id, b.id, c.id])).toEqual({ [a.id]: "present", [b.id]: "excuse", [c.id]: "absent" });
    const [ligne] = await getDb().select().from(regroupementInvitations).where(eq(regroupementInvitations.id, a.id));
    expect(ligne?.presenceNoteeLe).toEqual(NOW);
    expect(ligne?.presenceNoteePar).toBe(coordination.coordinateur04.userId);
    const journal = await audits(regroupement.id);
    expect(journal).toHaveLength(1);
    expect(journal[0]?.changes).toMatchObject({
      presences: expect.arrayContaining([{ invitation: b.id, nom: b.nom, avant: null, apres: "excuse" }]),
    });

    // Tapped again with the same value: nothing written, no second journal row.
    expect(
      await noterPresence(ctx(), coordination.coordinateur04, regroupement.id, {
        saisies: [{ invitationId: a.id, presence: "present" }],
      }),
    ).toEqual({ changees: 0 });
    expect(await audits(regroupement.id)).toHaveLength(1);
  });

  it("« Tous présents » ne touche que les personnes pas encore notées", async () => {
    const { regroupement, invitations } = await regroupementAvecInvites();
    const [a, b, c] = invitations as [(typeof invitations)[0], (typeof invitations)[0], (typeof invitations)[0]];
    const autre = await invitePersonne(getDb(), regroupement, { nom: "Référente invitée", email: "ref@essai.pdn.fr" });
    await noterPresence(ctx(), coordination.coordinateur04, regroupement.id, {
      saisies: [{ invitationId: a.id, presence: "absent" }],
    });
    expect(await noterPresence(ctx(), coordination.coordinateur04, regroupement.id, { tous: true })).toEqual({
      changees: 3,
    });
    expect(await presences([a.id, b.id, c.id, autre.id])).toEqual({
      [a.id]: "absent",
      [b.id]: "present",
      [c.id]: "present",
      [autre.id]: "present",
    });
    expect((await audits(regroupement.id))[1]?.changes).toMatchObject({ tousPresents: true });
  });

  it("refuse une personne invitée à un autre regroupement, sans rien changer", async () => {
    const { regroupement, invitations } = await regroupementAvecInvites();
    const autre = await regroupementAvecInvites();
    const etranger = autre.invitations[0]?.id as string;
    const erreur = await invalid(
      noterPresence(ctx(), coordination.coordinateur04, regroupement.id, {
        saisies: [
          { invitationId: invitations[0]?.id as string, presence: "present" },
          { invitationId: etranger, presence: "present" },
        ],
      }),
    );
    expect(erreur.message).toBe("Cette personne n'est pas invitée à ce regroupement.");
    expect(await presences([invitations[0]?.id as string, etranger])).toEqual({
      [invitations[0]?.id as string]: null,
      [etranger]: null,
    });
    expect(await audits(regroupement.id)).toHaveLength(0);
    // Not a uuid at all: the same refusal.
    await expect(
      noterPresence(ctx(), coordination.coordinateur04, regroupement.id, {
        saisies: [{ invitationId: "pas-un-id", presence: "present" }],
      }),
    ).rejects.toThrow("n'est pas invitée");
  });

  it("refuse une valeur inconnue", async () => {
    const { regroupement, invitations } = await regroupementAvecInvites();
    const erreur = await invalid(
      noterPresence(ctx(), coordination.coordinateur04, regroupement.id, {
        saisies: [{ invitationId: invitations[0]?.id as string, presence: "en_retard" }],
      }),
    );
    expect(erreur.message).toBe("Choisissez présent, excusé ou absent.");
  });

  it("refuse avant le début du regroupement et pour un regroupement annulé", async () => {
    const futur = await regroupementAvecInvites({
      debut: new Date(NOW.getTime() + 60_000),
      fin: new Date(NOW.getTime() + 2 * HEURE),
    });
    const erreur = await invalid(
      noterPresence(ctx(), coordination.coordinateur04, futur.regroupement.id, {
        saisies: [{ invitationId: futur.invitations[0]?.id as string, presence: "present" }],
      }),
    );
    expect(erreur.message).toBe("La présence se note à partir du début du regroupement.");
    expect(await presences([futur.invitations[0]?.id as string])).toEqual({
      [futur.invitations[0]?.id as string]: null,
    });

    const annule = await regroupementAvecInvites({ statut: "annule", motifAnnulation: "Neige" });
    await expect(
      noterPresence(ctx(), coordination.coordinateur04, annule.regroupement.id, { tous: true }),
    ).rejects.toThrow("Ce regroupement est annulé");
    expect(await audits(annule.regroupement.id)).toHaveLength(0);
  });

  it("demande un motif d'au moins 5 caractères plus de 30 jours après la fin, et le garde au journal", async () => {
    const { regroupement, invitations } = await regroupementAvecInvites({
      debut: new Date(NOW.getTime() - 31 * JOUR - 3 * HEURE),
      fin: new Date(NOW.getTime() - 31 * JOUR),
    });
    const id = invitations[0]?.id as string;
    const saisie = { saisies: [{ invitationId: id, presence: "excuse" }] };
    const sans = await invalid(noterPresence(ctx(), coordination.coordinateur04, regroupement.id, saisie));
    expect(sans.field).toBe("motif");
    expect(sans.message).toMatch(/plus de 30 jours/);
    const court = await invalid(noterPresence(ctx(), coordination.coordinateur04, regroupement.id, saisie, " oui "));
    expect(court.message).toBe("Le motif doit compter au moins 5 caractères.");
    expect(await presences([id])).toEqual({ [id]: null });
    expect(await audits(regroupement.id)).toHaveLength(0);

    await noterPresence(ctx(), coordination.coordinateur04, regroupement.id, saisie, "Feuille d'émargement retrouvée");
    expect(await presences([id])).toEqual({ [id]: "excuse" });
    const journal = await audits(regroupement.id);
    expect(journal).toHaveLength(1);
    expect(journal[0]?.changes).toMatchObject({ motif: "Feuille d'émargement retrouvée" });
  });

  it("ne demande pas de motif dans les 30 jours après la fin", async () => {
    const { regroupement, invitations } = await regroupementAvecInvites({
      debut: new Date(NOW.getTime() - 29 * JOUR - 3 * HEURE),
      fin: new Date(NOW.getTime() - 29 * JOUR),
    });
    const id = invitations[0]?.id as string;
    await noterPresence(ctx(), coordination.coordinateur04, regroupement.id, {
      saisies: [{ invitationId: id, presence: "absent" }],
    });
    expect(await presences([id])).toEqual({ [id]: "absent" });
  });

  it("refuse un promeneur et le COPIL (403), la coordination d'un autre département (404)", async () => {
    const { regroupement, invitations } = await regroupementAvecInvites();
    const saisie = { saisies: [{ invitationId: invitations[0]?.id as string, presence: "present" as const }] };
    await expectRefus(noterPresence(ctx(), promeneurActor, regroupement.id, saisie), 403);
    await expectRefus(noterPresence(ctx(), coordination.copil04, regroupement.id, saisie), 403);
    await expectRefus(noterPresence(ctx(), coordination.coordinateur05, regroupement.id, saisie), 404);
    expect(await presences([invitations[0]?.id as string])).toEqual({ [invitations[0]?.id as string]: null });
  });
});
