import { auditLog, creneauxPresence, exceptionsPresence } from "@db/schema";
import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { getDb } from "~/server/db.server";
import { Invalid } from "~/server/errors.server";
import { insertCreneau, insertPromeneur, type PromeneurRow } from "../../../tests/factories/promeneur";
import { insertUser } from "../../../tests/factories/user";
import { actorOf, outcome } from "../../../tests/support/route";
import { enregistrerHoraires } from "./presence.commands.server";
import { findHoraires } from "./presence.queries.server";
import type { CreneauPresence } from "./presence.rules";

const h = (heures: number, minutes = 0) => heures * 60 + minutes;
const NOW = new Date("2026-03-10T10:00:00Z");
const ctx = () => ({ db: getDb(), now: NOW, requestId: "req-presence" });

let coordinateur04: Actor;
let coordinateur05: Actor;

async function promeneurAvecCompte(overrides: Partial<Parameters<typeof insertPromeneur>[1]> = {}) {
  const departement = overrides?.departement ?? "04";
  const user = await insertUser(getDb(), { roles: [{ role: "promeneur", departement }] });
  const promeneur = await insertPromeneur(getDb(), { statut: "actif", userId: user.id, ...overrides });
  return { promeneur, actor: await actorOf(user.id) };
}

async function etat(promeneurId: string) {
  const db = getDb();
  const creneaux = await db
    .select({ jour: creneauxPresence.jour, debut: creneauxPresence.debut, fin: creneauxPresence.fin })
    .from(creneauxPresence)
    .where(eq(creneauxPresence.promeneurId, promeneurId))
    .orderBy(asc(creneauxPresence.jour), asc(creneauxPresence.debut));
  const exceptions = await db
    .select({ du: exceptionsPresence.du, au: exceptionsPresence.au })
    .from(exceptionsPresence)
    .where(eq(exceptionsPresence.promeneurId, promeneurId))
    .orderBy(asc(exceptionsPresence.du));
  const audit = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityId, promeneurId), eq(auditLog.action, "presence.modifier")));
  return { creneaux, exceptions, audit: audit.length };
}

const mardi = (debut: number, fin: number, reseaux = ["instagram"]): CreneauPresence => ({
  jour: 2,
  debut,
  fin,
  reseaux,
});

beforeAll(async () => {
  const db = getDb();
  coordinateur04 = await actorOf((await insertUser(db, { roles: [{ role: "coordinateur", departement: "04" }] })).id);
  coordinateur05 = await actorOf((await insertUser(db, { roles: [{ role: "coordinateur", departement: "05" }] })).id);
});

describe("enregistrer les horaires de présence", () => {
  it("remplace les créneaux et les absences du promeneur et l'écrit au journal avec l'avant et l'après", async () => {
    const { promeneur, actor } = await promeneurAvecCompte();
    await insertCreneau(getDb(), promeneur.id, { jour: 1, debut: h(9), fin: h(10), reseaux: ["tiktok"] });

    await enregistrerHoraires(ctx(), actor, promeneur.id, {
      creneaux: [
        mardi(h(18), h(20), ["instagram", "snapchat"]),
        { jour: 1, debut: h(22), fin: 1440, reseaux: ["discord"] },
      ],
      exceptions: [{ du: "2026-04-01", au: "2026-04-15", motif: "Congés" }],
    });

    const apres = await etat(promeneur.id);
    expect(apres.creneaux).toEqual([
      { jour: 1, debut: h(22), fin: 1440 },
      { jour: 2, debut: h(18), fin: h(20) },
    ]);
    expect(apres.exceptions).toEqual([{ du: "2026-04-01", au: "2026-04-15" }]);
    const [audit] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, promeneur.id), eq(auditLog.action, "presence.modifier")));
    expect(audit).toMatchObject({ actorUserId: actor.userId, departement: "04", requestId: "req-presence" });
    const changes = audit?.changes as {
      creneaux: { avant: string[]; apres: string[] };
      exceptions: { apres: string[] };
    };
    expect(changes.creneaux.avant).toEqual(["lundi de 9\u00a0h\u00a000 à 10\u00a0h\u00a000 (tiktok)"]);
    expect(changes.creneaux.apres).toEqual([
      "lundi de 22\u00a0h\u00a000 à 24\u00a0h\u00a000 (discord)",
      "mardi de 18\u00a0h\u00a000 à 20\u00a0h\u00a000 (instagram, snapchat)",
    ]);
    expect(changes.exceptions.apres).toEqual(["du 2026-04-01 au 2026-04-15 : Congés"]);
  });

  it("garde les absences déjà passées, que le formulaire ne montre plus", async () => {
    const { promeneur, actor } = await promeneurAvecCompte();
    await getDb()
      .insert(exceptionsPresence)
      .values([
        { promeneurId: promeneur.id, du: "2026-02-01", au: "2026-02-10", motif: "Passée" },
        { promeneurId: promeneur.id, du: "2026-03-05", au: "2026-03-12", motif: "En cours" },
      ]);
    expect((await findHoraires(getDb(), promeneur.id, NOW)).exceptions).toEqual([
      { du: "2026-03-05", au: "2026-03-12", motif: "En cours" },
    ]);

    await enregistrerHoraires(ctx(), actor, promeneur.id, {
      creneaux: [],
      exceptions: [{ du: "2026-05-01", au: "2026-05-01" }],
    });

    expect((await etat(promeneur.id)).exceptions).toEqual([
      { du: "2026-02-01", au: "2026-02-10" },
      { du: "2026-05-01", au: "2026-05-01" },
    ]);
  });

  it("n'écrit rien, ni au journal, quand les horaires n'ont pas changé", async () => {
    const { promeneur, actor } = await promeneurAvecCompte();
    const input = {
      creneaux: [mardi(h(18), h(20), ["tiktok", "instagram"])],
      exceptions: [{ du: "2026-04-01", au: "2026-04-02" }],
    };
    await enregistrerHoraires(ctx(), actor, promeneur.id, input);
    await enregistrerHoraires(ctx(), actor, promeneur.id, {
      ...input,
      creneaux: [mardi(h(18), h(20), ["instagram", "tiktok"])],
    });
    expect((await etat(promeneur.id)).audit).toBe(1);
    await enregistrerHoraires(ctx(), actor, promeneur.id, { ...input, exceptions: [] });
    expect(await etat(promeneur.id)).toMatchObject({ exceptions: [], audit: 2 });
  });

  it("laisse la coordination du département modifier les horaires", async () => {
    const { promeneur } = await promeneurAvecCompte();
    await enregistrerHoraires(ctx(), coordinateur04, promeneur.id, { creneaux: [mardi(h(17), h(18))], exceptions: [] });
    expect((await etat(promeneur.id)).creneaux).toEqual([{ jour: 2, debut: h(17), fin: h(18) }]);
  });
});

describe("horaires refusés : rien n'est modifié", () => {
  async function refus(input: Parameters<typeof enregistrerHoraires>[3]) {
    const { promeneur, actor } = await promeneurAvecCompte();
    await insertCreneau(getDb(), promeneur.id, { jour: 5, debut: h(14), fin: h(15), reseaux: ["instagram"] });
    const avant = await etat(promeneur.id);
    const error = await enregistrerHoraires(ctx(), actor, promeneur.id, input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Invalid);
    expect(await etat(promeneur.id)).toEqual(avant);
    return error as Invalid;
  }

  it("refuse deux créneaux qui se chevauchent, avec le créneau en cause dans le message", async () => {
    const error = await refus({ creneaux: [mardi(h(18), h(20)), mardi(h(19), h(21))], exceptions: [] });
    expect(error.field).toBe("creneaux[1].debut");
    expect(error.message.replace(/\u00a0/g, " ")).toBe("Ce créneau chevauche celui du mardi de 18 h 00 à 20 h 00.");
  });

  it("refuse un créneau qui finit avant de commencer", async () => {
    const error = await refus({ creneaux: [mardi(h(20), h(18))], exceptions: [] });
    expect(error.field).toBe("creneaux[0].fin");
    expect(error.message).toBe("L'heure de fin doit être après l'heure de début.");
  });

  it("refuse une absence dont la fin précède le début", async () => {
    const error = await refus({ creneaux: [], exceptions: [{ du: "2026-04-10", au: "2026-04-01" }] });
    expect(error.field).toBe("exceptions[0].au");
    expect(error.message).toBe("La date de fin ne peut pas être avant la date de début.");
  });

  it("refuse un réseau qui n'est pas dans la liste", async () => {
    const error = await refus({ creneaux: [mardi(h(18), h(19), ["myspace"])], exceptions: [] });
    expect(error.field).toBe("creneaux[0].reseaux");
  });
});

describe("horaires : qui peut les modifier", () => {
  let cible: PromeneurRow;
  let promeneurActor: Actor;
  const input = { creneaux: [mardi(h(10), h(11))], exceptions: [] };

  beforeAll(async () => {
    const setup = await promeneurAvecCompte();
    cible = setup.promeneur;
    promeneurActor = setup.actor;
    await insertCreneau(getDb(), cible.id, { jour: 3, debut: h(16), fin: h(17), reseaux: ["instagram"] });
  });

  async function tente(actor: Actor) {
    const avant = await etat(cible.id);
    const result = await outcome(() => enregistrerHoraires(ctx(), actor, cible.id, input));
    expect(await etat(cible.id)).toEqual(avant);
    return result.status;
  }

  it("répond 404 à un autre promeneur du département, qui ne voit pas ce promeneur", async () => {
    const autre = await promeneurAvecCompte();
    expect(await tente(autre.actor)).toBe(404);
  });

  it("répond 403 au référent de la structure, qui lit la fiche mais ne la modifie pas", async () => {
    const referent = await actorOf(
      (await insertUser(getDb(), { roles: [{ role: "referent", departement: "04", structureId: cible.structureId }] }))
        .id,
    );
    expect(await tente(referent)).toBe(403);
  });

  it("répond 404 au coordinateur d'un autre département", async () => {
    expect(await tente(coordinateur05)).toBe(404);
  });

  it("répond 404 pour un identifiant inconnu ou mal formé", async () => {
    const unknown = await outcome(() =>
      enregistrerHoraires(ctx(), coordinateur04, "00000000-0000-4000-8000-00000000abcd", input),
    );
    expect(unknown.status).toBe(404);
    expect((await outcome(() => enregistrerHoraires(ctx(), coordinateur04, "pas-un-id", input))).status).toBe(404);
  });

  it("répond 403 au promeneur lui-même une fois sorti du dispositif", async () => {
    const sorti = await promeneurAvecCompte({ statut: "sorti" });
    const result = await outcome(() => enregistrerHoraires(ctx(), sorti.actor, sorti.promeneur.id, input));
    expect(result.status).toBe(403);
    expect((await etat(sorti.promeneur.id)).creneaux).toEqual([]);
  });

  it("laisse le promeneur lui-même modifier ses horaires", async () => {
    await enregistrerHoraires(ctx(), promeneurActor, cible.id, input);
    expect((await etat(cible.id)).creneaux).toEqual([{ jour: 2, debut: h(10), fin: h(11) }]);
  });
});
