import { regroupementInvitations, regroupements } from "@db/schema";
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Actor } from "~/domain/comptes/actor";
import { can } from "~/domain/comptes/policy";
import { isUuid } from "~/lib/text";
import { recordAudit } from "~/server/audit.server";
import type { Database } from "~/server/db.server";
import { forbidden, Invalid, notFound } from "~/server/errors.server";
import { requireScoped } from "~/server/request.server";
import { motifRequis, refusPresence } from "./participation.rules";
import { CHAMP_MOTIF, CHAMP_PRESENCE, motifPresenceSchema, presenceSchema } from "./presence.schema";
import type { RegroupementRow } from "./regroupement.acces.server";
import type { Presence } from "./regroupement.labels";

type Ctx = { db: Database; now: Date; requestId?: string };

/** One invitee's attendance as the coordinator taps it. */
export type SaisiePresence = { invitationId: string; presence: string };

/** What to record: some invitees' attendance, or « Tous présents » for everyone not recorded yet. */
export type DemandePresence = { saisies: SaisiePresence[] } | { tous: true };

const PAS_INVITE = "Cette personne n'est pas invitée à ce regroupement.";

/**
 * The gathering whose attendance the actor records: 403 for a role that never records attendance
 * (checked first: it learns nothing of the gathering), 404 when it is absent or in another
 * département.
 */
export async function regroupementPourPresences(db: Database, actor: Actor, id: string): Promise<RegroupementRow> {
  if (!can(actor, "presence.noter")) forbidden();
  if (!isUuid(id)) notFound();
  const [regroupement] = await db.select().from(regroupements).where(eq(regroupements.id, id));
  if (!regroupement) notFound();
  requireScoped(actor, "presence.noter", { departement: regroupement.departement });
  return regroupement;
}

function lireSaisies(saisies: SaisiePresence[]): { invitationId: string; presence: Presence }[] {
  if (saisies.length === 0) throw new Invalid(CHAMP_PRESENCE, "Choisissez présent, excusé ou absent.");
  const vues = new Map<string, Presence>();
  for (const s of saisies) {
    if (!isUuid(s.invitationId)) throw new Invalid(CHAMP_PRESENCE, PAS_INVITE);
    const presence = presenceSchema.safeParse(s.presence);
    if (!presence.success) throw new Invalid(CHAMP_PRESENCE, "Choisissez présent, excusé ou absent.");
    vues.set(s.invitationId, presence.data);
  }
  return [...vues].map(([invitationId, presence]) => ({ invitationId, presence }));
}

/**
 * Records the attendance of one or several invitees of a gathering (the coordination, on its phone
 * during the meeting). Refused with a French message (400, nothing written): a cancelled gathering,
 * before its start, an invitation of another gathering; more than 30 days after its end, a reason
 * of 5 characters at least is required, and it goes to the journal. Each change, with its journal
 * row, in one transaction; an attendance tapped again with the same value writes nothing.
 * Answers how many invitees' attendance changed.
 */
export async function noterPresence(
  { db, now, requestId }: Ctx,
  actor: Actor,
  regroupementId: string,
  demande: DemandePresence,
  motifSaisi?: string,
): Promise<{ changees: number }> {
  const regroupement = await regroupementPourPresences(db, actor, regroupementId);
  const refus = refusPresence(regroupement, now);
  if (refus) throw new Invalid(CHAMP_PRESENCE, refus);
  const saisies = "tous" in demande ? null : lireSaisies(demande.saisies);
  let motif: string | null = null;
  if (motifRequis(regroupement, now)) {
    const lu = motifPresenceSchema.safeParse(motifSaisi ?? "");
    if (!lu.success) throw new Invalid(CHAMP_MOTIF, lu.error.issues[0]?.message ?? "Indiquez un motif.");
    motif = lu.data;
  }
  return db.transaction(async (tx) => {
    const invitations = await tx
      .select({
        id: regroupementInvitations.id,
        nom: regroupementInvitations.nom,
        presence: regroupementInvitations.presence,
      })
      .from(regroupementInvitations)
      .where(
        and(
          eq(regroupementInvitations.regroupementId, regroupement.id),
          saisies
            ? inArray(
                regroupementInvitations.id,
                saisies.map((s) => s.invitationId),
              )
            : isNull(regroupementInvitations.presence),
        ),
      )
      .for("update");
    const parId = new Map(invitations.map((i) => [i.id, i]));
    const voulues = saisies ?? invitations.map((i) => ({ invitationId: i.id, presence: "present" as Presence }));
    if (voulues.some((s) => !parId.has(s.invitationId))) throw new Invalid(CHAMP_PRESENCE, PAS_INVITE);
    const changements = voulues.filter((s) => parId.get(s.invitationId)?.presence !== s.presence);
    if (changements.length === 0) return { changees: 0 };
    for (const presence of ["present", "excuse", "absent"] as const) {
      const ids = changements.filter((c) => c.presence === presence).map((c) => c.invitationId);
      if (ids.length === 0) continue;
      await tx
        .update(regroupementInvitations)
        .set({ presence, presenceNoteeLe: now, presenceNoteePar: actor.userId })
        .where(
          and(eq(regroupementInvitations.regroupementId, regroupement.id), inArray(regroupementInvitations.id, ids)),
        );
    }
    await recordAudit(
      tx,
      actor,
      {
        action: "regroupement.presence.noter",
        entityType: "regroupement",
        entityId: regroupement.id,
        departement: regroupement.departement,
        changes: {
          titre: regroupement.titre,
          ...("tous" in demande ? { tousPresents: true } : {}),
          presences: changements.map((c) => ({
            invitation: c.invitationId,
            nom: parId.get(c.invitationId)?.nom,
            avant: parId.get(c.invitationId)?.presence ?? null,
            apres: c.presence,
          })),
          ...(motif ? { motif } : {}),
        },
      },
      requestId,
    );
    return { changees: changements.length };
  });
}
