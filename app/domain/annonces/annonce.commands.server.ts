import { annonceDestinataires, annonces, userRoles, users } from "@db/schema";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Actor } from "~/domain/comptes/actor";
import { can } from "~/domain/comptes/policy";
import { recordAudit } from "~/server/audit.server";
import type { Database, Executor } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { forbidden, Invalid } from "~/server/errors.server";
import { getLogger } from "~/server/logger.server";
import { sendMail } from "~/server/mail.server";
import { type Audience, audienceLabels, audienceRoles } from "./annonce.labels";
import type { AnnonceInput } from "./annonce.schema";

type Ctx = { db: Database; now: Date; requestId?: string };

export type Destinataire = { userId: string; email: string; nom: string };

/**
 * The people an announcement goes to: accounts (not disabled) holding the audience's role(s) in
 * the département, each once even when they hold both roles.
 */
export async function findDestinataires(
  db: Executor,
  departement: string,
  audience: Audience,
): Promise<Destinataire[]> {
  const rows = await db
    .selectDistinct({ userId: users.id, email: users.email, nom: users.nom })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(
      and(
        eq(userRoles.departement, departement),
        inArray(userRoles.role, [...audienceRoles[audience]]),
        isNull(users.disabledAt),
      ),
    )
    .orderBy(asc(users.nom), asc(users.id));
  return rows;
}

/** How many people each audience would reach today (shown on the form). */
export async function countDestinataires(db: Executor, departement: string): Promise<Record<Audience, number>> {
  const [promeneurs, referents, tous] = await Promise.all(
    (["promeneurs", "referents", "tous"] as const).map((a) => findDestinataires(db, departement, a)),
  );
  return { promeneurs: promeneurs?.length ?? 0, referents: referents?.length ?? 0, tous: tous?.length ?? 0 };
}

export function annonceMail(
  annonce: { id: string; titre: string; corps: string; departement: string },
  to: string,
  publicUrl: string,
) {
  return {
    to,
    subject: `[Promeneurs du Net ${annonce.departement}] ${annonce.titre}`,
    text: [
      annonce.corps,
      "",
      "—",
      `Annonce de la coordination départementale des Promeneurs du Net (${annonce.departement}).`,
      `Retrouvez-la dans votre espace : ${publicUrl}/espace/annonces/${annonce.id}`,
    ].join("\n"),
  };
}

/**
 * Publishes an announcement of the coordination: the announcement, one read-receipt row per
 * recipient and the audit row in one transaction; the e-mails leave after it commits.
 */
export async function publierAnnonce(
  { db, now, requestId }: Ctx,
  actor: Actor,
  departement: string,
  input: Omit<AnnonceInput, "departement">,
): Promise<{ id: string; destinataires: number }> {
  if (!can(actor, "annonce.publier", { departement })) forbidden();
  const { annonce, destinataires } = await db.transaction(async (tx) => {
    const destinataires = await findDestinataires(tx, departement, input.audience);
    if (destinataires.length === 0) {
      throw new Invalid(
        "audience",
        `Personne ne recevrait cette annonce : aucun compte actif pour « ${audienceLabels[input.audience].toLowerCase()} » dans le département.`,
      );
    }
    const [annonce] = await tx
      .insert(annonces)
      .values({
        departement,
        titre: input.titre,
        corps: input.corps,
        audience: input.audience,
        auteurId: actor.userId,
        publieeLe: now,
        destinataires: destinataires.length,
      })
      .returning();
    if (!annonce) throw new Error("annonce not inserted");
    await tx
      .insert(annonceDestinataires)
      .values(destinataires.map((d) => ({ annonceId: annonce.id, userId: d.userId })));
    await recordAudit(
      tx,
      actor,
      {
        action: "annonce.publier",
        entityType: "annonce",
        entityId: annonce.id,
        departement,
        changes: { titre: input.titre, audience: input.audience, destinataires: destinataires.length },
      },
      requestId,
    );
    return { annonce, destinataires };
  });
  const publicUrl = getEnv().publicUrl;
  for (const d of destinataires) {
    // One failed address must not stop the others: the announcement stays readable in the back office.
    await sendMail(annonceMail(annonce, d.email, publicUrl)).catch((error) =>
      getLogger().error({ err: error, annonceId: annonce.id, to: d.email }, "annonce mail failed"),
    );
  }
  return { id: annonce.id, destinataires: destinataires.length };
}
