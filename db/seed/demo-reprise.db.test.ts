import {
  annonces,
  appMeta,
  auditLog,
  creneauxPresence,
  profilsSociaux,
  promeneurs,
  rapportsMensuels,
  structures,
  userRoles,
  users,
} from "@db/schema";
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { countPromeneursParStatut } from "~/domain/promeneurs/promeneur.queries.server";
import { recordAudit } from "~/server/audit.server";
import { getDb } from "~/server/db.server";
import { insertPromeneur } from "../../tests/factories/promeneur";
import { DEMO_ACCOUNTS, DEMO_STRUCTURES, seedDemoIfEmpty } from "./demo";

/** A database as the issue-2 demo left it: structures, the four accounts, marker `demo.04` only. */
async function loadIssue2Demo() {
  await getDb().transaction(async (tx) => {
    const created = await tx
      .insert(structures)
      .values(
        DEMO_STRUCTURES.map((s) => ({
          ...s,
          departement: "04",
          email: `contact@${s.type.replace(/_/g, "-")}.demo.pdn04.fr`,
        })),
      )
      .returning();
    for (const account of DEMO_ACCOUNTS) {
      const [user] = await tx.insert(users).values({ email: account.email, nom: account.nom }).returning();
      if (!user) throw new Error("user not inserted");
      await tx.insert(userRoles).values({
        userId: user.id,
        role: account.role,
        departement: "04",
        structureId: account.role === "referent" ? (created[0]?.id ?? null) : null,
      });
    }
    await tx.insert(appMeta).values({ key: "demo.04", value: new Date().toISOString() });
    await recordAudit(tx, { system: "démo" }, { action: "demo.charger", entityType: "demo", departement: "04" });
  });
}

async function promeneursOf04() {
  const [row] = await getDb().select({ n: count() }).from(promeneurs).where(eq(promeneurs.departement, "04"));
  return row?.n ?? 0;
}

async function reseauMarker() {
  return getDb().select().from(appMeta).where(eq(appMeta.key, "demo.04.reseau"));
}

beforeAll(loadIssue2Demo);

describe("démo 04 : base chargée avant le réseau (marqueur demo.04 seul)", () => {
  it("ne touche à rien quand un compte de démo a disparu", async () => {
    const db = getDb();
    await db.update(users).set({ email: "ancien-copil@essai.pdn.fr" }).where(eq(users.email, "copil@demo.pdn04.fr"));
    expect(await seedDemoIfEmpty(db)).toBe("present");
    expect(await promeneursOf04()).toBe(0);
    expect(await reseauMarker()).toEqual([]);
    await db.update(users).set({ email: "copil@demo.pdn04.fr" }).where(eq(users.email, "ancien-copil@essai.pdn.fr"));
  });

  it("ne touche à rien quand 04 a déjà un promeneur", async () => {
    const db = getDb();
    const intrus = await insertPromeneur(db);
    expect(await seedDemoIfEmpty(db)).toBe("present");
    expect(await promeneursOf04()).toBe(1);
    const [annonce] = await db.select({ n: count() }).from(annonces);
    expect(annonce?.n).toBe(0);
    expect(await reseauMarker()).toEqual([]);
    await db.delete(promeneurs).where(eq(promeneurs.id, intrus.id));
  });

  it("reçoit le réseau au démarrage suivant, une seule fois", async () => {
    const db = getDb();
    expect(await seedDemoIfEmpty(db)).toBe("seeded");

    expect(await countPromeneursParStatut(db, "04")).toEqual({ actif: 6, suspendu: 1, forme: 1, propose: 1 });
    const [compte] = await db.select().from(users).where(eq(users.email, "promeneur@demo.pdn04.fr"));
    const [sami] = await db
      .select()
      .from(promeneurs)
      .where(eq(promeneurs.userId, compte?.id ?? ""));
    expect(sami).toMatchObject({ prenom: "Sami", nom: "Roux", statut: "actif" });
    const [referent] = await db.select().from(users).where(eq(users.email, "structure@demo.pdn04.fr"));
    const [propose] = await db.select().from(promeneurs).where(eq(promeneurs.statut, "propose"));
    expect(propose?.proposePar).toBe(referent?.id);
    const signees = await db.select().from(structures).where(eq(structures.departement, "04"));
    expect(signees.filter((s) => s.charteSigneeLe)).toHaveLength(8);
    expect(await reseauMarker()).toHaveLength(1);

    const snapshot = async () => {
      const [p] = await db.select({ n: count() }).from(profilsSociaux);
      const [c] = await db.select({ n: count() }).from(creneauxPresence);
      const [a] = await db.select({ n: count() }).from(annonces);
      const [l] = await db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, "demo.charger"));
      const [r] = await db.select({ n: count() }).from(rapportsMensuels);
      return {
        promeneurs: await promeneursOf04(),
        profils: p?.n,
        creneaux: c?.n,
        annonces: a?.n,
        audit: l?.n,
        rapports: r?.n,
      };
    };
    const before = await snapshot();
    expect(before).toMatchObject({ promeneurs: 9, annonces: 2, audit: 2 });
    // The activity (monthly reports…) comes with the network, under the same audit row.
    expect(before.rapports).toBeGreaterThan(60);
    expect(await seedDemoIfEmpty(db)).toBe("present");
    expect(await snapshot()).toEqual(before);
  });
});
