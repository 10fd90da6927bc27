import { comiteMembres, comites, userRoles } from "@db/schema";
import { and, eq } from "drizzle-orm";
import { diffFields } from "~/domain/audit/audit.changes";
import type { Actor } from "~/domain/comptes/actor";
import { can } from "~/domain/comptes/policy";
import { isUuid } from "~/lib/text";
import { recordAudit } from "~/server/audit.server";
import type { Database, Executor } from "~/server/db.server";
import { forbidden, Invalid, notFound } from "~/server/errors.server";
import { requireScoped } from "~/server/request.server";
import type { ComiteRow } from "./comite.queries.server";
import type { ComiteInput, MembreInput } from "./comite.schema";

type Ctx = { db: Database; now: Date; requestId?: string };

/** A committee the actor manages: 403 for a role that never manages committees, 404 elsewhere. */
async function comiteGere(db: Executor, actor: Actor, id: string | undefined): Promise<ComiteRow> {
  if (!can(actor, "comite.gerer")) forbidden();
  if (!isUuid(id)) notFound();
  const [comite] = await db.select().from(comites).where(eq(comites.id, id)).limit(1);
  if (!comite) notFound();
  requireScoped(actor, "comite.gerer", { departement: comite.departement });
  return comite;
}

/** A linked account must be a steering account of the committee's département. */
async function verifierCompte(db: Executor, departement: string, userId: string | null): Promise<void> {
  if (!userId) return;
  const [role] = await db
    .select({ id: userRoles.id })
    .from(userRoles)
    .where(and(eq(userRoles.userId, userId), eq(userRoles.role, "copil"), eq(userRoles.departement, departement)))
    .limit(1);
  if (!role) throw new Invalid("userId", "Choisissez un compte de membre du comité de pilotage de ce département.");
}

export async function createComite(
  { db, now, requestId }: Ctx,
  actor: Actor,
  departement: string,
  input: ComiteInput,
): Promise<{ id: string }> {
  requireScoped(actor, "comite.gerer", { departement });
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(comites)
      .values({ departement, ...input, createdAt: now, updatedAt: now })
      .returning({ id: comites.id });
    if (!row) throw new Error("comite not inserted");
    await recordAudit(
      tx,
      actor,
      { action: "comite.creer", entityType: "comite", entityId: row.id, departement, changes: { ...input } },
      requestId,
    );
    return row;
  });
}

function valeursMembre(input: MembreInput) {
  return {
    organisation: input.organisation,
    nom: input.nom,
    fonction: input.fonction,
    email: input.email,
    userId: input.userId,
  };
}

export async function addMembre(
  { db, requestId }: Ctx,
  actor: Actor,
  comiteId: string | undefined,
  input: MembreInput,
): Promise<{ id: string }> {
  const comite = await comiteGere(db, actor, comiteId);
  await verifierCompte(db, comite.departement, input.userId);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(comiteMembres)
      .values({ comiteId: comite.id, ...valeursMembre(input) })
      .returning({ id: comiteMembres.id });
    if (!row) throw new Error("membre not inserted");
    await recordAudit(
      tx,
      actor,
      {
        action: "comite.membre.ajouter",
        entityType: "comite",
        entityId: comite.id,
        departement: comite.departement,
        changes: { membre: row.id, organisation: input.organisation, nom: input.nom, compte: input.userId },
      },
      requestId,
    );
    return row;
  });
}

async function membreDe(db: Executor, comite: ComiteRow, membreId: string | undefined) {
  if (!isUuid(membreId)) notFound();
  const [membre] = await db
    .select()
    .from(comiteMembres)
    .where(and(eq(comiteMembres.id, membreId), eq(comiteMembres.comiteId, comite.id)))
    .limit(1);
  if (!membre) notFound();
  return membre;
}

export async function updateMembre(
  { db, requestId }: Ctx,
  actor: Actor,
  comiteId: string | undefined,
  membreId: string | undefined,
  input: MembreInput,
): Promise<void> {
  const comite = await comiteGere(db, actor, comiteId);
  const membre = await membreDe(db, comite, membreId);
  await verifierCompte(db, comite.departement, input.userId);
  const apres = valeursMembre(input);
  const changes = diffFields(membre, apres);
  if (Object.keys(changes).length === 0) return;
  await db.transaction(async (tx) => {
    await tx.update(comiteMembres).set(apres).where(eq(comiteMembres.id, membre.id));
    await recordAudit(
      tx,
      actor,
      {
        action: "comite.membre.modifier",
        entityType: "comite",
        entityId: comite.id,
        departement: comite.departement,
        changes: { membre: membre.id, ...changes },
      },
      requestId,
    );
  });
}

/** Deactivates (or reactivates) a member: a deactivated member no longer reads the committee. */
export async function setMembreActif(
  { db, requestId }: Ctx,
  actor: Actor,
  comiteId: string | undefined,
  membreId: string | undefined,
  actif: boolean,
): Promise<void> {
  const comite = await comiteGere(db, actor, comiteId);
  const membre = await membreDe(db, comite, membreId);
  if (membre.actif === actif) return;
  await db.transaction(async (tx) => {
    await tx.update(comiteMembres).set({ actif }).where(eq(comiteMembres.id, membre.id));
    await recordAudit(
      tx,
      actor,
      {
        action: actif ? "comite.membre.reactiver" : "comite.membre.desactiver",
        entityType: "comite",
        entityId: comite.id,
        departement: comite.departement,
        changes: { membre: membre.id, organisation: membre.organisation, nom: membre.nom },
      },
      requestId,
    );
  });
}
