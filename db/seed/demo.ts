import { count, eq, inArray } from "drizzle-orm";
import type { RoleCode } from "~/domain/comptes/roles";
import { recordAudit } from "~/server/audit.server";
import type { Database, Transaction } from "~/server/db.server";
import { buildStructure } from "../../tests/factories/structure";
import { appMeta, promeneurs, structures, userRoles, users } from "../schema";
import { seedDemoActivite } from "./demo-activite";
import { seedDemoAppels } from "./demo-appels";
import { seedDemoBudget } from "./demo-budget";
import { seedDemoContenu } from "./demo-contenu";
import { seedDemoOrientation } from "./demo-orientation";
import { seedDemoRegroupements } from "./demo-regroupements";
import { type DemoAccounts, seedDemoReseau } from "./demo-reseau";

export const DEMO_PASSWORD = "demo-pdn-04";
/**
 * scrypt hash of DEMO_PASSWORD with the default parameters, computed once: hashing takes seconds on
 * a small machine and the demo is loaded at every fresh start. The password is public anyway.
 */
const DEMO_PASSWORD_HASH = "scrypt$17$8$1$nyqZMU5ny2In7ekMApeWvQ$30C0bdm4lBnmKC33sJnPRuAvrqaxlbVBPCGa5hMV1-E";
const DEMO_MARKER = "demo.04";
/** Set once the network (promeneurs, profiles, hours, announcements) is loaded too. */
const DEMO_RESEAU_MARKER = "demo.04.reseau";

export const DEMO_ACCOUNTS: { email: string; nom: string; role: RoleCode }[] = [
  { email: "coordination@demo.pdn04.fr", nom: "Camille Arnaud (démo)", role: "coordinateur" },
  { email: "promeneur@demo.pdn04.fr", nom: "Sami Roux (démo)", role: "promeneur" },
  { email: "structure@demo.pdn04.fr", nom: "Hélène Garcin (démo)", role: "referent" },
  { email: "copil@demo.pdn04.fr", nom: "Martine Blanc (démo)", role: "copil" },
];

/** Ten fictional structures in real towns of 04 (names invented for the demo). */
export const DEMO_STRUCTURES = [
  { nom: "Centre social Les Trois Vallées", type: "centre_social", communeCode: "04070" },
  { nom: "Espace jeunes Durance Lumière", type: "accueil_jeunes", communeCode: "04112" },
  { nom: "Mission locale des Deux Rives (démo)", type: "mission_locale", communeCode: "04209" },
  { nom: "Point Information Jeunesse du Plateau", type: "information_jeunesse", communeCode: "04143" },
  { nom: "Association Jeunesse Lure et Luberon", type: "association_jeunesse", communeCode: "04088" },
  { nom: "Service jeunesse intercommunal Moyenne Durance", type: "service_jeunesse", communeCode: "04049" },
  { nom: "Maison des jeunes de l'Ubaye", type: "accueil_jeunes", communeCode: "04019" },
  { nom: "Espace de vie sociale du Haut-Verdon", type: "evs", communeCode: "04039" },
  { nom: "PAEJ Plateau de Valensole", type: "paej", communeCode: "04166" },
  { nom: "Foyer Habitat Jeunes Bléone", type: "fjt", communeCode: "04070" },
] as const;

/**
 * Loads the fictional demo for 04 in one transaction, only into a database with no account and no
 * demo yet: a start killed half-way leaves nothing, and the next start loads it whole.
 *
 * A database seeded before the network existed (marker `demo.04` only) gets the network on the next
 * call, when its demo accounts still exist and 04 has no promeneur yet; otherwise it is left alone.
 */
export async function seedDemoIfEmpty(db: Database, now: Date = new Date()): Promise<"seeded" | "present" | "skipped"> {
  return db.transaction(async (tx) => {
    const markers = await tx
      .select({ key: appMeta.key })
      .from(appMeta)
      .where(inArray(appMeta.key, [DEMO_MARKER, DEMO_RESEAU_MARKER]));
    const keys = new Set(markers.map((m) => m.key));
    if (keys.has(DEMO_MARKER)) {
      // The public site's news joins a demo loaded before it existed, while its coordinator is there.
      const [coordinateur] = await tx
        .select({ id: users.id })
        .from(users)
        .where(eq(users.email, DEMO_ACCOUNTS[0]?.email ?? ""));
      if (coordinateur) await seedDemoContenu(tx, coordinateur.id, now);
      // The referral directory's local services and the resources, likewise (once, by their marker).
      await seedDemoOrientation(tx, coordinateur?.id ?? null, now);
      // The activity (reports, situations, projects, communication) joins a demo loaded before it
      // existed, once its promeneurs are there (by its own marker).
      if (keys.has(DEMO_RESEAU_MARKER)) {
        await seedDemoActivite(tx, coordinateur?.id ?? null, now);
        // The gatherings and committees, likewise (by their own marker).
        await seedDemoRegroupements(tx, coordinateur?.id ?? null, now);
        // The convention's budgets, likewise (by their own marker).
        await seedDemoBudget(tx, coordinateur?.id ?? null, now);
        // The calls for applications, likewise (by their own marker).
        await seedDemoAppels(tx, coordinateur?.id ?? null, now);
        return "present";
      }
      if (!(await seedReseauOfExistingDemo(tx, now))) return "present";
      await seedDemoActivite(tx, coordinateur?.id ?? null, now);
      await seedDemoRegroupements(tx, coordinateur?.id ?? null, now);
      await seedDemoBudget(tx, coordinateur?.id ?? null, now);
      await seedDemoAppels(tx, coordinateur?.id ?? null, now);
      return "seeded";
    }
    const [existing] = await tx.select({ n: count() }).from(users);
    if ((existing?.n ?? 0) > 0) return "skipped";

    const created = await tx
      .insert(structures)
      .values(
        DEMO_STRUCTURES.map((s) =>
          buildStructure({
            ...s,
            departement: "04",
            email: `contact@${s.type.replace(/_/g, "-")}.demo.pdn04.fr`,
            createdAt: now,
            updatedAt: now,
          }),
        ),
      )
      .returning({ id: structures.id, nom: structures.nom });
    const referentStructure = created.find((s) => s.nom === DEMO_STRUCTURES[0].nom);
    const accounts = await tx
      .insert(users)
      .values(
        DEMO_ACCOUNTS.map((a) => ({ email: a.email, nom: a.nom, passwordHash: DEMO_PASSWORD_HASH, createdAt: now })),
      )
      .returning({ id: users.id, email: users.email });
    const ids = new Map<string, string>();
    for (const account of DEMO_ACCOUNTS) {
      const id = accounts.find((u) => u.email === account.email)?.id;
      if (!id) throw new Error(`demo account ${account.email} not inserted`);
      ids.set(account.role, id);
    }
    await tx.insert(userRoles).values(
      DEMO_ACCOUNTS.map((account) => ({
        userId: ids.get(account.role) as string,
        role: account.role,
        departement: "04",
        structureId: account.role === "referent" ? (referentStructure?.id ?? null) : null,
      })),
    );
    const seeded = await seedDemoReseau(tx, demoAccounts(ids), now);
    if (!seeded) throw new Error("demo structures missing right after their insertion");
    await seedDemoContenu(tx, ids.get("coordinateur") ?? null, now);
    await seedDemoOrientation(tx, ids.get("coordinateur") ?? null, now);
    await seedDemoActivite(tx, ids.get("coordinateur") ?? null, now);
    await seedDemoRegroupements(tx, ids.get("coordinateur") ?? null, now);
    await seedDemoBudget(tx, ids.get("coordinateur") ?? null, now);
    await seedDemoAppels(tx, ids.get("coordinateur") ?? null, now);
    await tx.insert(appMeta).values([
      { key: DEMO_MARKER, value: now.toISOString() },
      { key: DEMO_RESEAU_MARKER, value: now.toISOString() },
    ]);
    await recordAudit(tx, { system: "démo" }, { action: "demo.charger", entityType: "demo", departement: "04" });
    return "seeded";
  });
}

function demoAccounts(ids: Map<string, string>): DemoAccounts {
  const coordinateur = ids.get("coordinateur");
  const promeneur = ids.get("promeneur");
  const referent = ids.get("referent");
  if (!coordinateur || !promeneur || !referent) throw new Error("demo accounts missing");
  return { coordinateur, promeneur, referent };
}

/**
 * The network for a demo loaded before it existed: only when every demo account is still there
 * (found by e-mail), 04 has no promeneur and the demo structures are all present.
 */
async function seedReseauOfExistingDemo(tx: Transaction, now: Date): Promise<boolean> {
  const emails = DEMO_ACCOUNTS.map((a) => a.email);
  const found = await tx.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, emails));
  if (found.length !== DEMO_ACCOUNTS.length) return false;
  const [promeneursOf04] = await tx.select({ n: count() }).from(promeneurs).where(eq(promeneurs.departement, "04"));
  if ((promeneursOf04?.n ?? 0) > 0) return false;

  const ids = new Map<string, string>();
  for (const account of DEMO_ACCOUNTS) {
    const user = found.find((u) => u.email === account.email);
    if (user) ids.set(account.role, user.id);
  }
  if (!(await seedDemoReseau(tx, demoAccounts(ids), now))) return false;
  await tx.insert(appMeta).values({ key: DEMO_RESEAU_MARKER, value: now.toISOString() });
  await recordAudit(
    tx,
    { system: "démo" },
    { action: "demo.charger", entityType: "demo", departement: "04", changes: { partie: "réseau" } },
  );
  return true;
}
