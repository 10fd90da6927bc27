import { projetsJeunes } from "@db/schema";
import { eq } from "drizzle-orm";
import { diffFields } from "~/domain/audit/audit.changes";
import type { Actor } from "~/domain/comptes/actor";
import { can } from "~/domain/comptes/policy";
import { findActiveUsersWithRoles } from "~/domain/comptes/user.queries.server";
import { themeLabels } from "~/domain/promeneurs/theme.labels";
import { recordAudit } from "~/server/audit.server";
import type { Database, Executor } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { forbidden, notFound } from "~/server/errors.server";
import { type Mail, sendMails } from "~/server/mail.server";
import { requireScoped } from "~/server/request.server";
import { type ProjetEtat, projetEtatLabels } from "./projet.labels";
import { findPorteurDeCompte, getProjet, type ProjetJeune } from "./projet.queries.server";
import type { ProjetInput } from "./projet.schema";

type Ctx = { db: Database; now: Date; requestId?: string };

type Porteur = NonNullable<Awaited<ReturnType<typeof findPorteurDeCompte>>>;

/**
 * The promeneur record of the actor, who records projects: a role that never does it gets a 403,
 * an account not linked to a promeneur record a 403 that says so.
 */
export async function requirePorteur(db: Executor, actor: Actor): Promise<Porteur> {
  if (!can(actor, "projet.saisir")) forbidden();
  const porteur = await findPorteurDeCompte(db, actor.userId);
  if (!porteur) {
    forbidden("Votre compte n'est pas relié à une fiche de promeneur : contactez la coordination.");
  }
  requireScoped(actor, "projet.saisir", { departement: porteur.departement });
  return porteur;
}

/** A project its promeneur may change: 404 when it does not exist or is another promeneur's. */
export async function getProjetModifiable(db: Executor, actor: Actor, id: string | undefined) {
  const porteur = await requirePorteur(db, actor);
  const projet = await getProjet(db, id);
  if (!projet || projet.promeneurId !== porteur.id) notFound();
  return { projet, porteur };
}

function valeurs(input: ProjetInput) {
  return {
    titre: input.titre,
    theme: input.theme,
    forme: input.forme,
    nombreJeunes: input.nombreJeunes,
    partenaires: input.partenaires,
    description: input.description,
    etat: input.etat,
    debutLe: input.debutLe,
    besoinSoutien: input.besoinSoutien,
  };
}

/**
 * The e-mails telling the coordinators of the département that a project asks for their support:
 * the title, the promeneur's public name, theme and state, and a link (nothing about the young
 * people but their number).
 */
async function mailsSoutien(db: Executor, projet: ProjetJeune, porteur: Porteur): Promise<Mail[]> {
  const coordinateurs = await findActiveUsersWithRoles(db, {
    departement: projet.departement,
    roles: ["coordinateur"],
  });
  const destinataires = [...new Set(coordinateurs.map((c) => c.email))];
  const lien = `${getEnv().publicUrl}/espace/projets/${projet.id}`;
  const theme = themeLabels[projet.theme as keyof typeof themeLabels] ?? projet.theme;
  const etat = projetEtatLabels[projet.etat as ProjetEtat] ?? projet.etat;
  return destinataires.map((to) => ({
    to,
    subject: `[Promeneurs du Net ${projet.departement}] Un projet de jeunes demande votre soutien : ${projet.titre}`,
    text: [
      "Bonjour,",
      "",
      `${porteur.nomPublic} demande le soutien de la coordination pour le projet « ${projet.titre} ».`,
      "",
      `Thème : ${theme}`,
      `État : ${etat}`,
      `Jeunes concernés : ${projet.nombreJeunes}`,
      "",
      `Voir le projet : ${lien}`,
      "",
      "—",
      `Message envoyé par la plateforme des Promeneurs du Net (${projet.departement}).`,
    ].join("\n"),
  }));
}

/**
 * Records a project of the actor (a promeneur): the project and its audit row in one transaction;
 * when it asks for support, the coordinators are told by e-mail after the commit.
 */
export async function createProjet({ db, now, requestId }: Ctx, actor: Actor, input: ProjetInput) {
  const porteur = await requirePorteur(db, actor);
  const projet = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(projetsJeunes)
      .values({
        ...valeurs(input),
        departement: porteur.departement,
        promeneurId: porteur.id,
        structureId: porteur.structureId,
        soutienDemandeLe: input.besoinSoutien ? now : null,
        creePar: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error("projet not inserted");
    await recordAudit(
      tx,
      actor,
      {
        action: "projet.creer",
        entityType: "projet_jeune",
        entityId: row.id,
        departement: row.departement,
        changes: {
          titre: row.titre,
          theme: row.theme,
          forme: row.forme,
          nombreJeunes: row.nombreJeunes,
          etat: row.etat,
          besoinSoutien: row.besoinSoutien,
        },
      },
      requestId,
    );
    return row;
  });
  if (projet.besoinSoutien) {
    await sendMails(await mailsSoutien(db, projet, porteur), { projetId: projet.id });
  }
  return projet;
}

/**
 * Saves the form of one of the actor's projects; the audit row keeps each changed field. When
 * « besoin du soutien de la coordination » goes from off to on, the request is dated and the
 * coordinators are told after the commit; turned off, the request is withdrawn.
 */
export async function updateProjet(
  { db, now, requestId }: Ctx,
  actor: Actor,
  id: string | undefined,
  input: ProjetInput,
) {
  const { projet: avant, porteur } = await getProjetModifiable(db, actor, id);
  const apres = valeurs(input);
  const demandeSoutien = !avant.besoinSoutien && apres.besoinSoutien;
  const soutienDemandeLe = apres.besoinSoutien ? (demandeSoutien ? now : avant.soutienDemandeLe) : null;
  const projet = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(projetsJeunes)
      .set({ ...apres, soutienDemandeLe, updatedAt: now })
      .where(eq(projetsJeunes.id, avant.id))
      .returning();
    if (!row) throw new Error("projet not updated");
    await recordAudit(
      tx,
      actor,
      {
        action: "projet.modifier",
        entityType: "projet_jeune",
        entityId: avant.id,
        departement: avant.departement,
        changes: diffFields(avant, apres),
      },
      requestId,
    );
    return row;
  });
  if (demandeSoutien) {
    await sendMails(await mailsSoutien(db, projet, porteur), { projetId: projet.id });
  }
  return projet;
}
