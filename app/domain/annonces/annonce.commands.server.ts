import { annonceDestinataires, annonces } from "@db/schema";
import type { Actor } from "~/domain/comptes/actor";
import { findActiveUsersWithRoles } from "~/domain/comptes/user.queries.server";
import { recordAudit } from "~/server/audit.server";
import type { Database, Executor } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { Invalid } from "~/server/errors.server";
import { sendMails } from "~/server/mail.server";
import { requireScoped } from "~/server/request.server";
import { type Audience, audienceLabels, audienceRoles } from "./annonce.labels";
import type { AnnonceInput } from "./annonce.schema";

type Ctx = { db: Database; now: Date; requestId?: string };

type Destinataire = { userId: string; email: string; nom: string };

/**
 * The people an announcement goes to: accounts (not disabled) holding the audience's role(s) in
 * the département, each once even when they hold both roles.
 */
async function findDestinataires(db: Executor, departement: string, audience: Audience): Promise<Destinataire[]> {
  const personnes = await findActiveUsersWithRoles(db, { departement, roles: audienceRoles[audience] });
  // A person holding both roles is one recipient.
  const uniques = new Map(personnes.map((p) => [p.userId, { userId: p.userId, email: p.email, nom: p.nom }]));
  return [...uniques.values()];
}

/** How many people each audience would reach today (shown on the form), from one query. */
export async function countDestinataires(db: Executor, departement: string): Promise<Record<Audience, number>> {
  const personnes = await findActiveUsersWithRoles(db, { departement, roles: audienceRoles.tous });
  const count = (audience: Audience) => {
    const ids = new Set<string>();
    for (const p of personnes) if ((audienceRoles[audience] as readonly string[]).includes(p.role)) ids.add(p.userId);
    return ids.size;
  };
  return { promeneurs: count("promeneurs"), referents: count("referents"), tous: count("tous") };
}

function annonceMail(
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
 * recipient and the audit row in one transaction; the e-mails leave after it commits. Another
 * département's coordination gets a 404 (out of its scope), any other role a 403.
 */
export async function publierAnnonce(
  { db, now, requestId }: Ctx,
  actor: Actor,
  departement: string,
  input: Omit<AnnonceInput, "departement">,
): Promise<{ id: string; destinataires: number }> {
  requireScoped(actor, "annonce.publier", { departement });
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
        // Written for the record only: the counts shown are read from the annonce_destinataires rows.
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
  await sendMails(
    destinataires.map((d) => annonceMail(annonce, d.email, publicUrl)),
    { annonceId: annonce.id },
  );
  return { id: annonce.id, destinataires: destinataires.length };
}
