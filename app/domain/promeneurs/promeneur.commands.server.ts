import { communes, invitations, promeneurs, promeneurTerritoires, structures, userRoles } from "@db/schema";
import { and, eq, isNull, like, ne, notInArray, or, sql } from "drizzle-orm";
import { diffFields } from "~/domain/audit/audit.changes";
import type { Actor } from "~/domain/comptes/actor";
import { insertInvitation } from "~/domain/comptes/comptes.commands.server";
import { can } from "~/domain/comptes/policy";
import { findActiveUsersWithRoles } from "~/domain/comptes/user.queries.server";
import { countProfilsConformes } from "~/domain/profils/profil.queries.server";
import { formatDate, formatNumber } from "~/lib/format";
import { isUuid, slugBase, slugLibre } from "~/lib/text";
import { recordAudit } from "~/server/audit.server";
import type { Database, Executor } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { forbidden, Invalid, notFound, withUniqueGuard } from "~/server/errors.server";
import { type Mail, sendMails } from "~/server/mail.server";
import { isStatutFinal, type PromeneurTransition, STATUTS_FINAUX } from "./promeneur.labels";
import { canModifierPromeneur, canReadPromeneur, publicAccess } from "./promeneur.policy";
import type { PromeneurRow } from "./promeneur.queries.server";
import {
  type PromeneurEtat,
  type PromeneurNotification,
  planTransition,
  type TransitionInputs,
  type TransitionPlan,
} from "./promeneur.rules";
import type { ModifierInput, ProposerInput, TerritoireElement } from "./promeneur.schema";

export type Ctx = { db: Database; now: Date; requestId?: string };

type Changes = Record<string, { avant: unknown; apres: unknown }>;

const SIGNATURE = "La coordination Promeneurs du Net";

/** The audit row of a change to a promeneur's record, written in the caller's transaction. */
function auditPromeneur(
  tx: Executor,
  actor: Actor,
  row: Pick<PromeneurRow, "id" | "departement">,
  action: string,
  changes: Record<string, unknown>,
  requestId: string | undefined,
): Promise<void> {
  return recordAudit(
    tx,
    actor,
    { action, entityType: "promeneur", entityId: row.id, departement: row.departement, changes },
    requestId,
  );
}

const emailPris = () => new Invalid("email", "Cette adresse est déjà celle d'un promeneur du réseau.");

/** Someone else already holds this e-mail as a promeneur still in the network (a field error). */
async function checkEmailLibre(tx: Executor, email: string, exceptId?: string): Promise<void> {
  const [other] = await tx
    .select({ id: promeneurs.id })
    .from(promeneurs)
    .where(
      and(
        sql`lower(${promeneurs.email}) = ${email.toLowerCase()}`,
        notInArray(promeneurs.statut, [...STATUTS_FINAUX]),
        exceptId ? ne(promeneurs.id, exceptId) : undefined,
      ),
    );
  if (other) throw emailPris();
}

/** A referent proposes a professional of their structure as a promeneur (status `propose`). */
export async function proposerPromeneur(ctx: Ctx, actor: Actor, input: ProposerInput): Promise<{ id: string }> {
  const { db, now, requestId } = ctx;
  const [structure] = await db
    .select({
      id: structures.id,
      nom: structures.nom,
      departement: structures.departement,
      statut: structures.statut,
      commune: communes.nom,
    })
    .from(structures)
    .leftJoin(communes, eq(communes.code, structures.communeCode))
    .where(eq(structures.id, input.structureId));
  if (!structure) throw new Invalid("structureId", "Choisissez une de vos structures.");
  const result = planTransition(
    null,
    "proposer",
    { departement: structure.departement, structureId: structure.id, heuresHebdomadaires: input.heuresHebdomadaires },
    actor,
    now,
  );
  if (!result.ok) {
    // A structure the actor knows (same département): their role does not propose (403); otherwise 404.
    if (result.interdit) {
      if (can(actor, "structure.lire", structure)) forbidden(result.message);
      notFound();
    }
    throw new Invalid(result.field ?? "form", result.message);
  }
  if (structure.statut !== "active") {
    throw new Invalid("structureId", "Cette structure ne fait plus partie du réseau : elle ne peut pas proposer.");
  }
  const nomPublic = input.nomPublic ?? input.prenom;
  const created = await withUniqueGuard(
    () =>
      db.transaction(async (tx) => {
        await checkEmailLibre(tx, input.email);
        const base = slugBase(nomPublic, structure.commune ?? structure.nom);
        const taken = await tx
          .select({ slug: promeneurs.slug })
          .from(promeneurs)
          .where(or(eq(promeneurs.slug, base), like(promeneurs.slug, `${base}-%`)));
        const slug = slugLibre(
          base,
          taken.map((t) => t.slug),
        );
        const identite = {
          prenom: input.prenom,
          nom: input.nom,
          email: input.email,
          telephone: input.telephone ?? null,
          fonction: input.fonction,
          nomPublic,
          slug,
        };
        const [row] = await tx
          .insert(promeneurs)
          .values({
            ...identite,
            departement: structure.departement,
            structureId: structure.id,
            proposePar: actor.userId,
            proposeLe: now,
            heuresHebdomadaires: input.heuresHebdomadaires,
            statut: result.statut,
            statutDepuis: now,
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        if (!row) throw new Error("promeneur not inserted");
        const changes: Changes = { ...result.audit.changes };
        for (const [key, value] of Object.entries(identite)) changes[key] = { avant: null, apres: value };
        await auditPromeneur(tx, actor, row, result.audit.action, changes, requestId);
        return row;
      }),
    { promeneurs_email_unique: emailPris() },
  );
  await notify(db, created, structure.nom, "proposer", result, null);
  return { id: created.id };
}

/**
 * Moves a promeneur through its lifecycle (promeneur.rules.ts decides): the row is locked, the
 * patch and its audit row are written in one transaction, then the e-mails leave. On acceptance,
 * the invitation to create the promeneur's account is created in the same transaction.
 */
export async function transitionPromeneur<T extends Exclude<PromeneurTransition, "proposer">>(
  ctx: Ctx,
  actor: Actor,
  promeneurId: string,
  transition: T,
  input: TransitionInputs[T],
): Promise<{ statut: string }> {
  const { db, now, requestId } = ctx;
  if (!isUuid(promeneurId)) notFound();
  const done = await db.transaction(async (tx) => {
    const [row] = await tx.select().from(promeneurs).where(eq(promeneurs.id, promeneurId)).for("update");
    if (!row) notFound();
    const [structure] = await tx
      .select({ nom: structures.nom, charteSigneeLe: structures.charteSigneeLe })
      .from(structures)
      .where(eq(structures.id, row.structureId));
    if (!structure) notFound();
    const etat: PromeneurEtat = {
      statut: row.statut as PromeneurEtat["statut"],
      departement: row.departement,
      structureId: row.structureId,
      proposePar: row.proposePar,
      proposeLe: row.proposeLe,
      charteSigneeLe: row.charteSigneeLe,
      charteEmployeurSigneeLe: structure.charteSigneeLe,
      formationInitialeLe: row.formationInitialeLe,
      profilsConformes: await countProfilsConformes(tx, row, now),
      entreeLe: row.entreeLe,
      sortieLe: row.sortieLe,
    };
    const result = planTransition(etat, transition, input, actor, now);
    if (!result.ok) {
      // Whoever may not read the promeneur does not learn it exists (404); a reader gets the reason (403).
      if (result.interdit) {
        if (canReadPromeneur(actor, row)) forbidden(result.message);
        notFound();
      }
      throw new Invalid(result.field ?? "form", result.message);
    }
    const [updated] = await tx
      .update(promeneurs)
      .set({ ...result.patch, updatedAt: now })
      .where(eq(promeneurs.id, row.id))
      .returning();
    if (!updated) notFound();
    let token: string | null = null;
    const changes: Record<string, unknown> = { ...result.audit.changes };
    if (result.notifications.some((n) => n.invitation)) {
      const invitation = await insertInvitation(
        tx,
        {
          email: updated.email,
          nom: `${updated.prenom} ${updated.nom}`,
          role: "promeneur",
          departement: updated.departement,
          structureId: null,
          promeneurId: updated.id,
          invitedBy: actor.userId,
        },
        now,
      );
      token = invitation.token;
      changes.invitationId = invitation.id;
    }
    if (isStatutFinal(result.statut)) Object.assign(changes, await retirerAcces(tx, updated, now));
    await auditPromeneur(tx, actor, row, result.audit.action, changes, requestId);
    return { row: updated, structureNom: structure.nom, result, token };
  });
  await notify(db, done.row, done.structureNom, transition, done.result, done.token);
  return { statut: done.result.statut };
}

/**
 * A promeneur who leaves or is refused loses what their account gave them in the département:
 * the `promeneur` role (the internal directory, the announcements) and a pending invitation.
 * Written in the transition's transaction; answers what changed, for its audit row.
 */
async function retirerAcces(tx: Executor, promeneur: PromeneurRow, now: Date): Promise<Record<string, unknown>> {
  const changes: Record<string, unknown> = {};
  if (promeneur.userId) {
    const removed = await tx
      .delete(userRoles)
      .where(
        and(
          eq(userRoles.userId, promeneur.userId),
          eq(userRoles.role, "promeneur"),
          eq(userRoles.departement, promeneur.departement),
        ),
      )
      .returning({ id: userRoles.id });
    if (removed.length > 0) changes.rolePromeneur = { avant: promeneur.departement, apres: null };
  }
  const revoked = await tx
    .update(invitations)
    .set({ revokedAt: now })
    .where(
      and(eq(invitations.promeneurId, promeneur.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)),
    )
    .returning({ id: invitations.id });
  if (revoked.length > 0) changes.invitationsAnnulees = revoked.map((r) => r.id);
  return changes;
}

/**
 * Edits the internal data of a promeneur: the coordinator of the département everything here,
 * the referent of the structure the professional contacts, function and weekly hours.
 */
export async function modifierPromeneur(
  ctx: Ctx,
  actor: Actor,
  promeneurId: string,
  input: ModifierInput,
): Promise<void> {
  const { db, now, requestId } = ctx;
  if (!isUuid(promeneurId)) notFound();
  await withUniqueGuard(
    () =>
      db.transaction(async (tx) => {
        const [row] = await tx.select().from(promeneurs).where(eq(promeneurs.id, promeneurId)).for("update");
        if (!row) notFound();
        const rights = canModifierPromeneur(actor, row);
        if (!rights) {
          if (!canReadPromeneur(actor, row)) notFound();
          forbidden(
            isStatutFinal(row.statut)
              ? "Ce promeneur a quitté le dispositif ou n'a pas été retenu : sa fiche n'est plus modifiable."
              : "Seuls la coordination du département et le référent de la structure modifient ce promeneur.",
          );
        }
        const patch: Partial<PromeneurRow> = {
          email: input.email,
          telephone: input.telephone ?? null,
          fonction: input.fonction,
          heuresHebdomadaires: input.heuresHebdomadaires,
        };
        if (rights.identite) {
          if (input.prenom) patch.prenom = input.prenom;
          if (input.nom) patch.nom = input.nom;
        }
        if (input.email.toLowerCase() !== row.email.toLowerCase()) await checkEmailLibre(tx, input.email, row.id);
        const changes: Changes = diffFields(row, patch);
        if (Object.keys(changes).length === 0) return;
        await tx
          .update(promeneurs)
          .set({ ...patch, updatedAt: now })
          .where(eq(promeneurs.id, row.id));
        await auditPromeneur(tx, actor, row, "promeneur.modifier", changes, requestId);
      }),
    { promeneurs_email_unique: emailPris() },
  );
}

/**
 * The promeneur's row, locked until the transaction ends, if the actor may change its territory
 * (`publicAccess`: the coordinator of the département or the promeneur themselves): 404 for
 * whoever may not see it, 403 for those who only read it.
 */
async function lockPourTerritoire(tx: Executor, actor: Actor, promeneurId: string): Promise<PromeneurRow> {
  if (!isUuid(promeneurId)) notFound();
  const [row] = await tx.select().from(promeneurs).where(eq(promeneurs.id, promeneurId)).for("update");
  if (!row) notFound();
  const access = publicAccess(actor, row);
  if (access === "none") notFound();
  if (access === "read") {
    forbidden("Seuls la coordination du département et le promeneur lui-même définissent son territoire.");
  }
  return row;
}

/** The territory as the audit row lists it: sorted codes. */
async function territoireCodes(tx: Executor, promeneurId: string) {
  const rows = await tx
    .select({ communeCode: promeneurTerritoires.communeCode, epciSiren: promeneurTerritoires.epciSiren })
    .from(promeneurTerritoires)
    .where(eq(promeneurTerritoires.promeneurId, promeneurId));
  return {
    communes: rows.flatMap((r) => (r.communeCode ? [r.communeCode] : [])).sort(),
    epci: rows.flatMap((r) => (r.epciSiren ? [r.epciSiren] : [])).sort(),
  };
}

type Territoire = Awaited<ReturnType<typeof territoireCodes>>;

function auditTerritoire(avant: Territoire, apres: Territoire): Changes {
  const changes: Changes = {};
  if (avant.communes.join() !== apres.communes.join())
    changes.communes = { avant: avant.communes, apres: apres.communes };
  if (avant.epci.join() !== apres.epci.join()) changes.epci = { avant: avant.epci, apres: apres.epci };
  return changes;
}

/** The commune or EPCI must have a commune in the promeneur's département: a field error otherwise. */
async function checkElement(tx: Executor, departement: string, element: TerritoireElement): Promise<void> {
  if ("communeCode" in element) {
    const [commune] = await tx
      .select({ nom: communes.nom, departement: communes.departement })
      .from(communes)
      .where(eq(communes.code, element.communeCode));
    if (!commune) throw new Invalid("communeCode", `La commune ${element.communeCode} n'existe pas.`);
    if (commune.departement !== departement) {
      throw new Invalid(
        "communeCode",
        `${commune.nom} n'est pas une commune du département ${departement} : choisissez une commune du département.`,
      );
    }
    return;
  }
  const [found] = await tx
    .select({ siren: communes.epciSiren })
    .from(communes)
    .where(and(eq(communes.epciSiren, element.epciSiren), eq(communes.departement, departement)))
    .limit(1);
  if (!found) {
    throw new Invalid("epciSiren", `Cette intercommunalité n'a aucune commune dans le département ${departement}.`);
  }
}

function elementWhere(promeneurId: string, element: TerritoireElement) {
  return and(
    eq(promeneurTerritoires.promeneurId, promeneurId),
    "communeCode" in element
      ? eq(promeneurTerritoires.communeCode, element.communeCode)
      : eq(promeneurTerritoires.epciSiren, element.epciSiren),
  );
}

/**
 * Adds one commune of the département, or one EPCI with a commune there, to a promeneur's
 * intervention territory. The promeneur's row is locked: two changes made at the same time both
 * land, one after the other. Adding what is already there writes nothing.
 */
export async function ajouterTerritoire(
  ctx: Ctx,
  actor: Actor,
  promeneurId: string,
  element: TerritoireElement,
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const row = await lockPourTerritoire(tx, actor, promeneurId);
    await checkElement(tx, row.departement, element);
    const avant = await territoireCodes(tx, row.id);
    const [deja] = await tx
      .select({ id: promeneurTerritoires.id })
      .from(promeneurTerritoires)
      .where(elementWhere(row.id, element));
    if (deja) return;
    await tx.insert(promeneurTerritoires).values({ promeneurId: row.id, ...element });
    const changes = auditTerritoire(avant, await territoireCodes(tx, row.id));
    await auditPromeneur(tx, actor, row, "promeneur.territoire", changes, ctx.requestId);
  });
}

/** Removes one commune or EPCI from a promeneur's territory (row locked); absent, nothing is written. */
export async function retirerTerritoire(
  ctx: Ctx,
  actor: Actor,
  promeneurId: string,
  element: TerritoireElement,
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const row = await lockPourTerritoire(tx, actor, promeneurId);
    const avant = await territoireCodes(tx, row.id);
    const removed = await tx
      .delete(promeneurTerritoires)
      .where(elementWhere(row.id, element))
      .returning({ id: promeneurTerritoires.id });
    if (removed.length === 0) return;
    const changes = auditTerritoire(avant, await territoireCodes(tx, row.id));
    await auditPromeneur(tx, actor, row, "promeneur.territoire", changes, ctx.requestId);
  });
}

// ——— E-mails ———

type Destinataire = { email: string; nom: string };

async function destinataires(
  db: Executor,
  promeneur: PromeneurRow,
  to: PromeneurNotification["to"],
): Promise<Destinataire[]> {
  if (to === "promeneur") return [{ email: promeneur.email, nom: promeneur.prenom }];
  return findActiveUsersWithRoles(
    db,
    to === "referents"
      ? { roles: ["referent"], departement: promeneur.departement, structureId: promeneur.structureId }
      : { roles: ["coordinateur"], departement: promeneur.departement },
  );
}

/** The sentences of an e-mail, for one transition and one kind of recipient. */
function corps(
  transition: PromeneurTransition,
  to: PromeneurNotification["to"],
  p: PromeneurRow,
  structure: string,
  plan: TransitionPlan,
  liens: { fiche: string; invitation: string | null },
): string[] {
  const qui = `${p.prenom} ${p.nom}`;
  const motif = p.motifStatut ? [`Motif : ${p.motifStatut}`] : [];
  const pourFiche = ["Fiche du promeneur dans l'espace :", liens.fiche];
  switch (transition) {
    case "proposer":
      return [
        `${structure} propose ${qui} (${p.fonction}, ${formatNumber(p.heuresHebdomadaires)} h par semaine) comme Promeneur du Net.`,
        "Examinez la proposition pour l'accepter ou la refuser :",
        liens.fiche,
      ];
    case "accepter":
      return to === "promeneur"
        ? [
            `La coordination a accepté votre engagement comme Promeneur du Net pour ${structure}.`,
            "Prochaines étapes : la signature de la charte et la formation initiale.",
            "",
            "Pour créer votre compte et choisir votre mot de passe, ouvrez ce lien (valable 14 jours) :",
            liens.invitation ?? "",
          ]
        : [
            `La coordination a accepté la proposition de ${qui}.`,
            "Prochaines étapes : la signature de la charte et la formation initiale.",
            ...pourFiche,
          ];
    case "refuser":
      return [`La coordination n'a pas retenu la proposition de ${qui}.`, ...motif, ...pourFiche];
    case "enregistrer_charte":
    case "enregistrer_formation":
      if (to === "promeneur") {
        return transition === "enregistrer_charte"
          ? [`Votre signature de la charte des Promeneurs du Net, le ${formatDate(p.charteSigneeLe)}, est enregistrée.`]
          : [`Votre formation initiale, suivie le ${formatDate(p.formationInitialeLe)}, est enregistrée.`];
      }
      return [
        `${qui} a signé la charte et suivi la formation initiale.`,
        "La coordination pourra l'activer dès que la charte employeur de la structure est signée et qu'un de ses profils est conforme.",
        ...pourFiche,
      ];
    case "activer":
    case "reactiver":
      return to === "promeneur"
        ? [
            plan.statut === "actif" && transition === "activer"
              ? `Votre présence de Promeneur du Net est active depuis le ${formatDate(p.entreeLe)}.`
              : "Votre présence de Promeneur du Net reprend.",
            "Votre fiche est visible dans l'annuaire public des Promeneurs du Net.",
          ]
        : [
            transition === "activer" ? `${qui} est désormais Promeneur du Net actif.` : `${qui} est de nouveau actif.`,
            ...pourFiche,
          ];
    case "suspendre":
      return to === "promeneur"
        ? [
            "Votre présence de Promeneur du Net est suspendue : votre fiche n'apparaît plus dans l'annuaire public.",
            ...motif,
          ]
        : [`La présence de ${qui} est suspendue.`, ...motif, ...pourFiche];
    case "enregistrer_sortie":
      return to === "promeneur"
        ? [
            `Votre mission de Promeneur du Net prend fin le ${formatDate(p.sortieLe)}.`,
            "Merci pour votre engagement auprès des jeunes.",
          ]
        : [`La sortie de ${qui} (${structure}) est enregistrée au ${formatDate(p.sortieLe)}.`, ...motif, ...pourFiche];
  }
}

/** Sends the plan's e-mails, after the transaction committed; a failed e-mail is logged, not fatal. */
async function notify(
  db: Executor,
  promeneur: PromeneurRow,
  structureNom: string,
  transition: PromeneurTransition,
  plan: TransitionPlan,
  invitationToken: string | null,
): Promise<void> {
  const { publicUrl } = getEnv();
  const liens = {
    fiche: `${publicUrl}/espace/promeneurs/${promeneur.id}`,
    invitation: invitationToken ? `${publicUrl}/invitation/${invitationToken}` : null,
  };
  const mails: Mail[] = [];
  const dejaPrevu = new Set<string>();
  for (const notification of plan.notifications) {
    for (const d of await destinataires(db, promeneur, notification.to)) {
      const key = `${d.email.toLowerCase()}|${notification.sujet}`;
      if (dejaPrevu.has(key)) continue;
      dejaPrevu.add(key);
      mails.push({
        to: d.email,
        subject: `${notification.sujet} – Promeneurs du Net`,
        text: [
          `Bonjour ${d.nom},`,
          "",
          ...corps(transition, notification.to, promeneur, structureNom, plan, liens),
          "",
          SIGNATURE,
        ].join("\n"),
      });
    }
  }
  await sendMails(mails, { promeneurId: promeneur.id });
}
