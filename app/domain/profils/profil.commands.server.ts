import { profilsSociaux, verificationsProfil } from "@db/schema";
import { and, eq, ne, sql } from "drizzle-orm";
import type { Actor } from "~/domain/comptes/actor";
import { isStatutFinal } from "~/domain/promeneurs/promeneur.labels";
import { publicAccess } from "~/domain/promeneurs/promeneur.policy";
import { formatDate } from "~/lib/format";
import { recordAudit } from "~/server/audit.server";
import type { Database, Executor } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { forbidden, Invalid, notFound, uniqueViolation } from "~/server/errors.server";
import { type Mail, sendMails } from "~/server/mail.server";
import { findControles } from "./conformite.queries.server";
import { type Reseau, reseauLabels } from "./profil.labels";
import { accesVerification, type ProfilsCible } from "./profil.policy";
import { getProfil, getPromeneurPourProfils, type PromeneurPourProfils } from "./profil.queries.server";
import { resultatVerification } from "./profil.rules";
import { profilSchema, profilSchemaFor } from "./profil.schema";

/** The profile form as posted (strings); the command reads and checks it itself. */
export type ProfilSaisie = { reseau: string; saisie: string; confirmationPersonnel?: string | undefined };

export type Ctx = { db: Database; now: Date; requestId?: string };

const COMMENTAIRE_MAX = 2000;

/** The promeneur's profiles, read (`lire`) or changed (`gerer`): 404 out of scope, 403 when only read. */
function exigerAcces(actor: Actor, promeneur: ProfilsCible, mode: "lire" | "gerer"): void {
  const access = publicAccess(actor, promeneur);
  if (access === "none") notFound();
  if (mode === "gerer" && access === "read") {
    forbidden("Seuls le promeneur et la coordination de son département modifient ses profils.");
  }
}

/** The promeneur, if the actor may read (`lire`) or change (`gerer`) its profiles: 404 / 403 otherwise. */
export async function requirePromeneurPourProfils(
  db: Executor,
  actor: Actor,
  promeneurId: string | undefined,
  mode: "lire" | "gerer",
): Promise<PromeneurPourProfils> {
  const promeneur = await getPromeneurPourProfils(db, promeneurId);
  if (!promeneur) notFound();
  exigerAcces(actor, promeneur, mode);
  return promeneur;
}

/** The profile and its promeneur, if the actor may read, change or verify it: 404 / 403 otherwise. */
export async function requireProfil(
  db: Executor,
  actor: Actor,
  profilId: string | undefined,
  mode: "lire" | "gerer" | "verifier",
) {
  const row = await getProfil(db, profilId);
  if (!row) notFound();
  if (mode !== "verifier") {
    exigerAcces(actor, row.promeneur, mode);
    return row;
  }
  const acces = accesVerification(actor, row.promeneur);
  if (acces === "introuvable") notFound();
  if (acces === "interdit") {
    forbidden(
      isStatutFinal(row.promeneur.statut)
        ? "Ce promeneur a quitté le dispositif ou n'a pas été retenu : ses profils ne se vérifient plus."
        : "Seule la coordination du département vérifie les profils.",
    );
  }
  return row;
}

/**
 * Reads the form with the person's identity: the canonical handle and URL, or the first error as
 * `Invalid` on its field (`confirmationPersonnel` carries the personal-handle warning).
 */
function lireSaisie(promeneur: PromeneurPourProfils | null, input: ProfilSaisie) {
  const schema = promeneur
    ? profilSchemaFor({ prenom: promeneur.prenom, nom: promeneur.nom, structure: promeneur.structureNom })
    : profilSchema;
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Invalid(String(issue?.path[0] ?? "saisie"), issue?.message ?? "Saisie invalide.");
  }
  return result.data;
}

function doublon(reseau: Reseau): Invalid {
  return new Invalid(
    "saisie",
    `Ce compte ${reseauLabels[reseau]} est déjà enregistré dans le réseau : un compte n'appartient qu'à un seul promeneur. Vérifiez l'adresse, ou demandez à la coordination.`,
  );
}

async function verifierDoublon(db: Executor, reseau: Reseau, handle: string, saufId?: string) {
  const [autre] = await db
    .select({ id: profilsSociaux.id })
    .from(profilsSociaux)
    .where(
      and(
        eq(profilsSociaux.reseau, reseau),
        sql`lower(${profilsSociaux.handle}) = lower(${handle})`,
        saufId ? ne(profilsSociaux.id, saufId) : undefined,
      ),
    );
  if (autre) throw doublon(reseau);
}

/** Adds a social profile to a promeneur (the promeneur themselves or their coordinator). */
export async function ajouterProfil(ctx: Ctx, actor: Actor, promeneurId: string, input: ProfilSaisie) {
  const promeneur = await requirePromeneurPourProfils(ctx.db, actor, promeneurId, "gerer");
  const saisie = lireSaisie(promeneur, input);
  await verifierDoublon(ctx.db, saisie.reseau, saisie.handle);
  try {
    return await ctx.db.transaction(async (tx) => {
      const [profil] = await tx
        .insert(profilsSociaux)
        .values({
          departement: promeneur.departement,
          promeneurId: promeneur.id,
          reseau: saisie.reseau,
          handle: saisie.handle,
          url: saisie.url,
          avertissementAccepte: saisie.confirmationPersonnel,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning();
      if (!profil) throw new Error("profil not inserted");
      await recordAudit(
        tx,
        actor,
        {
          action: "profil.ajouter",
          entityType: "profil",
          entityId: profil.id,
          departement: promeneur.departement,
          changes: {
            promeneurId: promeneur.id,
            reseau: profil.reseau,
            handle: profil.handle,
            url: profil.url,
            avertissementAccepte: profil.avertissementAccepte,
          },
        },
        ctx.requestId,
      );
      return profil;
    });
  } catch (error) {
    if (uniqueViolation(error) !== null) throw doublon(saisie.reseau);
    throw error;
  }
}

/**
 * Changes the network or the address of a profile. A new handle or network is a new account to
 * check: the latest verification no longer applies and the profile is `à vérifier` again.
 */
export async function modifierProfil(ctx: Ctx, actor: Actor, profilId: string, input: ProfilSaisie) {
  const { profil, promeneur } = await requireProfil(ctx.db, actor, profilId, "gerer");
  const lu = lireSaisie(null, input);
  const compteChange = lu.reseau !== profil.reseau || lu.handle.toLowerCase() !== profil.handle.toLowerCase();
  if (!compteChange && lu.handle === profil.handle && lu.url === profil.url) return profil;
  // The same account keeps its accepted warning; a new one is checked against the person's name.
  const saisie = compteChange ? lireSaisie(promeneur, input) : lu;
  if (compteChange) await verifierDoublon(ctx.db, saisie.reseau, saisie.handle, profil.id);
  try {
    return await ctx.db.transaction(async (tx) => {
      const [modifie] = await tx
        .update(profilsSociaux)
        .set({
          reseau: saisie.reseau,
          handle: saisie.handle,
          url: saisie.url,
          updatedAt: ctx.now,
          ...(compteChange
            ? {
                avertissementAccepte: saisie.confirmationPersonnel,
                derniereVerificationLe: null,
                dernierResultat: null,
              }
            : {}),
        })
        .where(eq(profilsSociaux.id, profil.id))
        .returning();
      if (!modifie) throw new Error("profil not updated");
      await recordAudit(
        tx,
        actor,
        {
          action: "profil.modifier",
          entityType: "profil",
          entityId: profil.id,
          departement: profil.departement,
          changes: {
            promeneurId: promeneur.id,
            avant: { reseau: profil.reseau, handle: profil.handle, url: profil.url },
            apres: { reseau: modifie.reseau, handle: modifie.handle, url: modifie.url },
            verificationEffacee: compteChange && profil.derniereVerificationLe !== null,
          },
        },
        ctx.requestId,
      );
      return modifie;
    });
  } catch (error) {
    if (uniqueViolation(error) !== null) throw doublon(saisie.reseau);
    throw error;
  }
}

/** Deletes a profile and its verification history (the journal keeps what it was). */
export async function supprimerProfil(ctx: Ctx, actor: Actor, profilId: string) {
  const { profil, promeneur } = await requireProfil(ctx.db, actor, profilId, "gerer");
  await ctx.db.transaction(async (tx) => {
    await tx.delete(profilsSociaux).where(eq(profilsSociaux.id, profil.id));
    await recordAudit(
      tx,
      actor,
      {
        action: "profil.supprimer",
        entityType: "profil",
        entityId: profil.id,
        departement: profil.departement,
        changes: { promeneurId: promeneur.id, reseau: profil.reseau, handle: profil.handle, url: profil.url },
      },
      ctx.requestId,
    );
  });
  return { promeneurId: promeneur.id };
}

export type VerificationInput = { coches: readonly string[]; commentaire?: string | null };

/**
 * Records the coordinator's verification of a profile against the département's active checks (all
 * of them mandatory), updates the profile's status and, when it does not conform, e-mails the
 * promeneur what is missing (after the transaction commits).
 */
export async function verifierProfil(ctx: Ctx, actor: Actor, profilId: string, input: VerificationInput) {
  const { profil, promeneur } = await requireProfil(ctx.db, actor, profilId, "verifier");
  const commentaire = input.commentaire?.trim() || null;
  if (commentaire && commentaire.length > COMMENTAIRE_MAX) {
    throw new Invalid("commentaire", `Le commentaire est trop long (${COMMENTAIRE_MAX} caractères au plus).`);
  }
  const controles = await findControles(ctx.db, profil.departement, { actifs: true });
  const coches = new Set(input.coches);
  const checklist = controles.map((c) => ({ code: c.code, libelle: c.libelle, ok: coches.has(c.code) }));
  const { resultat, manquants } = resultatVerification(
    checklist.map((c) => ({ code: c.code, coche: c.ok })),
    controles.map((c) => c.code),
    Object.fromEntries(controles.map((c) => [c.code, c.libelle])),
  );
  const verification = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(verificationsProfil)
      .values({
        departement: profil.departement,
        profilId: profil.id,
        verifieLe: ctx.now,
        verifiePar: actor.userId,
        resultat,
        controles: checklist,
        manques: manquants.length ? manquants.join("\n") : null,
        commentaire,
      })
      .returning();
    if (!row) throw new Error("verification not inserted");
    await tx
      .update(profilsSociaux)
      .set({ derniereVerificationLe: ctx.now, dernierResultat: resultat, updatedAt: ctx.now })
      .where(eq(profilsSociaux.id, profil.id));
    await recordAudit(
      tx,
      actor,
      {
        action: "profil.verifier",
        entityType: "profil",
        entityId: profil.id,
        departement: profil.departement,
        changes: { promeneurId: promeneur.id, verificationId: row.id, resultat, manquants, commentaire },
      },
      ctx.requestId,
    );
    return row;
  });
  let mailEnvoye = false;
  if (resultat === "non_conforme") {
    const mail = mailNonConforme(promeneur, profil, manquants, commentaire, ctx.now);
    mailEnvoye = (await sendMails([mail], { profilId: profil.id })) === 1;
  }
  return { verification, resultat, manquants, mailEnvoye, promeneurId: promeneur.id };
}

export function mailNonConforme(
  promeneur: { id: string; prenom: string; email: string },
  profil: { reseau: string; handle: string; url: string },
  manquants: readonly string[],
  commentaire: string | null,
  now: Date,
): Mail {
  const reseau = reseauLabels[profil.reseau as Reseau] ?? profil.reseau;
  return {
    to: promeneur.email,
    subject: `Votre profil ${reseau} n'est pas encore conforme – Promeneurs du Net`,
    text: [
      `Bonjour ${promeneur.prenom},`,
      "",
      `La coordination a vérifié le ${formatDate(now)} votre profil ${reseau} « ${profil.handle} » (${profil.url}).`,
      "Il n'est pas encore conforme à la charte des Promeneurs du Net. Il manque :",
      ...manquants.map((m) => `- ${m}`),
      ...(commentaire ? ["", "Commentaire de la coordination :", commentaire] : []),
      "",
      "Une fois votre profil complété, la coordination le vérifiera de nouveau. Vos profils :",
      `${getEnv().publicUrl}/espace/promeneurs/${promeneur.id}/profils`,
      "",
      "La coordination Promeneurs du Net",
    ].join("\n"),
  };
}
