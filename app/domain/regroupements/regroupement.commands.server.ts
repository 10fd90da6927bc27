import { comites, communes, regroupementInvitations, regroupements } from "@db/schema";
import { and, count, eq, ne, sql } from "drizzle-orm";
import type { Actor } from "~/domain/comptes/actor";
import { recordAudit } from "~/server/audit.server";
import type { Database, Executor } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { Invalid, notFound } from "~/server/errors.server";
import { sendMails } from "~/server/mail.server";
import { requireScoped } from "~/server/request.server";
import { findRegroupementMail, mailAnnulation, mailModification } from "./invitation.mails.server";
import { verifierCapacite } from "./regroupement.rules";
import type { RegroupementInput } from "./regroupement.schema";

type Ctx = { db: Database; now: Date; requestId?: string };

/** The commune must be one of the département's; the committee active, of the same département and type. */
async function verifierReferences(tx: Executor, departement: string, input: RegroupementInput): Promise<void> {
  if (input.communeCode) {
    const [commune] = await tx
      .select({ code: communes.code })
      .from(communes)
      .where(and(eq(communes.code, input.communeCode), eq(communes.departement, departement)));
    if (!commune) throw new Invalid("communeCode", "Choisissez une commune du département dans la liste.");
  }
  if (input.comiteId) {
    const [comite] = await tx
      .select({ type: comites.type })
      .from(comites)
      .where(and(eq(comites.id, input.comiteId), eq(comites.departement, departement), eq(comites.actif, true)));
    if (!comite) throw new Invalid("comiteId", "Choisissez un comité actif du département dans la liste.");
    if (comite.type !== input.type) {
      throw new Invalid("comiteId", "Ce comité n'est pas du type choisi : choisissez-en un autre ou changez le type.");
    }
  }
}

/** Registrations (`oui`) of a gathering. */
async function compterInscrits(db: Executor, regroupementId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(regroupementInvitations)
    .where(and(eq(regroupementInvitations.regroupementId, regroupementId), eq(regroupementInvitations.reponse, "oui")));
  return row?.n ?? 0;
}

/**
 * Creates a gathering of `departement` (coordination only: another département 404, another role
 * 403), with its audit row in the same transaction. Nobody is invited yet: the coordinator picks
 * the invitees on the gathering's page.
 */
export async function creerRegroupement(
  { db, now, requestId }: Ctx,
  actor: Actor,
  departement: string,
  input: RegroupementInput,
): Promise<{ id: string }> {
  requireScoped(actor, "regroupement.gerer", { departement });
  return db.transaction(async (tx) => {
    await verifierReferences(tx, departement, input);
    const [row] = await tx
      .insert(regroupements)
      .values({ departement, ...input, creePar: actor.userId, createdAt: now, updatedAt: now })
      .returning({ id: regroupements.id });
    if (!row) throw new Error("regroupement not inserted");
    await recordAudit(
      tx,
      actor,
      {
        action: "regroupement.creer",
        entityType: "regroupement",
        entityId: row.id,
        departement,
        changes: { titre: input.titre, type: input.type, debut: input.debut, fin: input.fin },
      },
      requestId,
    );
    return row;
  });
}

const MESSAGE_CONFLIT =
  "Ce regroupement a été modifié entre-temps par quelqu'un d'autre : rechargez la page pour partir de sa dernière version (vos changements de cet écran ne sont pas enregistrés).";

/** The gathering locked for a change, checked against the actor's rights and the version they read. */
async function verrouiller(tx: Executor, actor: Actor, id: string, versionLue?: number) {
  const [row] = await tx.select().from(regroupements).where(eq(regroupements.id, id)).for("update");
  if (!row) notFound();
  requireScoped(actor, "regroupement.gerer", { departement: row.departement });
  if (versionLue !== undefined && row.version !== versionLue) throw new Invalid("", MESSAGE_CONFLIT);
  if (row.statut === "annule") throw new Invalid("", "Ce regroupement est annulé : il ne peut plus être modifié.");
  return row;
}

const CHAMPS = [
  "type",
  "titre",
  "debut",
  "fin",
  "lieu",
  "communeCode",
  "lienVisio",
  "description",
  "audience",
  "capacite",
  "comiteId",
] as const;

function egal(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return (a ?? null) === (b ?? null);
}

/**
 * Edits a gathering, if nobody changed it since the form read `versionLue` (else a form error).
 * A capacity below the registrations is refused with their count. A change of time or place
 * increments the iCalendar SEQUENCE, re-arms the reminder, and tells every invitee who did not
 * decline, with the updated `.ics` (after the commit).
 */
export async function modifierRegroupement(
  { db, now, requestId }: Ctx,
  actor: Actor,
  id: string,
  versionLue: number,
  input: RegroupementInput,
): Promise<{ prevenus: number }> {
  const { prevenir, destinataires } = await db.transaction(async (tx) => {
    const row = await verrouiller(tx, actor, id, versionLue);
    await verifierReferences(tx, row.departement, input);
    const capacite = verifierCapacite(input.capacite, await compterInscrits(tx, id));
    if (capacite) throw new Invalid("capacite", capacite);
    const changes: Record<string, { avant: unknown; apres: unknown }> = {};
    for (const champ of CHAMPS) {
      if (!egal(row[champ], input[champ])) changes[champ] = { avant: row[champ], apres: input[champ] };
    }
    const prevenir = ["debut", "fin", "lieu", "communeCode", "lienVisio"].some((c) => c in changes);
    await tx
      .update(regroupements)
      .set({
        ...input,
        version: sql`${regroupements.version} + 1`,
        sequence: prevenir ? sql`${regroupements.sequence} + 1` : row.sequence,
        updatedAt: now,
      })
      .where(eq(regroupements.id, id));
    if (prevenir && ("debut" in changes || "fin" in changes)) {
      // A new date: the reminder of the day before is due again.
      await tx
        .update(regroupementInvitations)
        .set({ rappelEnvoyeLe: null })
        .where(eq(regroupementInvitations.regroupementId, id));
    }
    await recordAudit(
      tx,
      actor,
      {
        action: "regroupement.modifier",
        entityType: "regroupement",
        entityId: id,
        departement: row.departement,
        changes,
      },
      requestId,
    );
    const destinataires = prevenir
      ? await tx
          .select({ nom: regroupementInvitations.nom, email: regroupementInvitations.email })
          .from(regroupementInvitations)
          .where(and(eq(regroupementInvitations.regroupementId, id), ne(regroupementInvitations.reponse, "non")))
      : [];
    return { prevenir, destinataires };
  });
  if (!prevenir || destinataires.length === 0) return { prevenus: 0 };
  const r = await findRegroupementMail(db, id);
  if (!r) return { prevenus: 0 };
  const publicUrl = getEnv().publicUrl;
  const prevenus = await sendMails(
    destinataires.map((d) => mailModification(r, d, publicUrl, now)),
    { regroupementId: id },
  );
  return { prevenus };
}

/**
 * Cancels a gathering with a reason: SEQUENCE incremented, audited, and every invitee who did not
 * decline receives the reason and a METHOD:CANCEL `.ics` (after the commit). A gathering that has
 * ended is not cancelled.
 */
export async function annulerRegroupement(
  { db, now, requestId }: Ctx,
  actor: Actor,
  id: string,
  motif: string,
): Promise<{ prevenus: number }> {
  const destinataires = await db.transaction(async (tx) => {
    const row = await verrouiller(tx, actor, id);
    if (row.fin.getTime() <= now.getTime()) {
      throw new Invalid("motif", "Ce regroupement est terminé\u00a0: il ne peut plus être annulé.");
    }
    await tx
      .update(regroupements)
      .set({
        statut: "annule",
        motifAnnulation: motif,
        version: sql`${regroupements.version} + 1`,
        sequence: sql`${regroupements.sequence} + 1`,
        updatedAt: now,
      })
      .where(eq(regroupements.id, id));
    await recordAudit(
      tx,
      actor,
      {
        action: "regroupement.annuler",
        entityType: "regroupement",
        entityId: id,
        departement: row.departement,
        changes: { motif },
      },
      requestId,
    );
    return tx
      .select({ nom: regroupementInvitations.nom, email: regroupementInvitations.email })
      .from(regroupementInvitations)
      .where(and(eq(regroupementInvitations.regroupementId, id), ne(regroupementInvitations.reponse, "non")));
  });
  if (destinataires.length === 0) return { prevenus: 0 };
  const r = await findRegroupementMail(db, id);
  if (!r) return { prevenus: 0 };
  const publicUrl = getEnv().publicUrl;
  const prevenus = await sendMails(
    destinataires.map((d) => mailAnnulation(r, d, publicUrl, now)),
    { regroupementId: id },
  );
  return { prevenus };
}
