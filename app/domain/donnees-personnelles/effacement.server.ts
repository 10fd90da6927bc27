import {
  auditLog,
  comiteMembres,
  creneauxPresence,
  exceptionsPresence,
  fichiers,
  invitations,
  jetonsCalendrier,
  passwordResets,
  profilsSociaux,
  promeneurs,
  regroupementInvitations,
  sessions,
  signInAttempts,
  userRoles,
  users,
} from "@db/schema";
import { and, asc, eq, inArray, isNotNull, isNull, max, or, sql } from "drizzle-orm";
import type { Actor } from "~/domain/comptes/actor";
import { type RoleCode, roleLabels } from "~/domain/comptes/roles";
import { type AuditActor, recordAudit } from "~/server/audit.server";
import type { Database, Executor, Transaction } from "~/server/db.server";
import { Invalid, notFound } from "~/server/errors.server";
import { emailPersonneEffacee, libellePersonneEffacee } from "./conservation.rules";
import { concernePersonne, findPersonne } from "./export.server";

/** Statuses of a promeneur record that has left the network (or never entered it). */
const STATUTS_FINIS = ["sorti", "refuse"];

export type PersonneEffacable = {
  userId: string;
  nom: string;
  email: string;
  roles: string[];
  derniereConnexion: Date | null;
  statutPromeneur: string | null;
  /** Why the erasure must wait, or null. */
  empechement: string | null;
};

type Grant = { userId: string; role: string; departement: string | null };

/**
 * The people a coordinator of `departement` may erase: every role they hold and their promeneur
 * record are in that département (someone also known elsewhere is not theirs to erase), not
 * already erased, and not the coordinator themselves.
 */
export async function findPersonnesEffacables(
  db: Executor,
  departement: string,
  actor: Pick<Actor, "userId">,
): Promise<PersonneEffacable[]> {
  const grants: Grant[] = await db
    .select({ userId: userRoles.userId, role: userRoles.role, departement: userRoles.departement })
    .from(userRoles);
  const fiches = await db
    .select({ userId: promeneurs.userId, departement: promeneurs.departement, statut: promeneurs.statut })
    .from(promeneurs)
    .where(isNotNull(promeneurs.userId));
  const ids = new Set<string>();
  for (const g of grants) if (g.departement === departement) ids.add(g.userId);
  for (const f of fiches) if (f.departement === departement && f.userId) ids.add(f.userId);
  ids.delete(actor.userId);
  for (const g of grants) if (g.departement !== departement) ids.delete(g.userId);
  for (const f of fiches) if (f.departement !== departement && f.userId) ids.delete(f.userId);
  if (ids.size === 0) return [];
  const rows = await db
    .select()
    .from(users)
    .where(and(inArray(users.id, [...ids]), isNull(users.effaceLe)))
    .orderBy(asc(users.nom));
  return rows.map((u) => {
    const fiche = fiches.find((f) => f.userId === u.id);
    const statut = fiche?.statut ?? null;
    return {
      userId: u.id,
      nom: u.nom,
      email: u.email,
      roles: grants
        .filter((g) => g.userId === u.id)
        .map((g) => roleLabels[g.role as RoleCode] ?? g.role)
        .sort(),
      derniereConnexion: u.lastSignInAt,
      statutPromeneur: statut,
      empechement:
        statut !== null && !STATUTS_FINIS.includes(statut)
          ? "Sa fiche de promeneur est encore dans le réseau : enregistrez d'abord sa sortie."
          : null,
    };
  });
}

/** One erasable person of the coordinator's département, or a 404. */
export async function getPersonneEffacable(
  db: Executor,
  departement: string,
  actor: Pick<Actor, "userId">,
  userId: string,
): Promise<PersonneEffacable> {
  const personne = (await findPersonnesEffacables(db, departement, actor)).find((p) => p.userId === userId);
  if (!personne) notFound();
  return personne;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Replaces `aiguille` (case-insensitively) by `par` in the audit rows matching `where`. */
async function remplacerDansJournal(
  tx: Executor,
  aiguille: string,
  par: string,
  where?: ReturnType<typeof concernePersonne>,
): Promise<void> {
  // Inside the JSON text the value is escaped as JSON strings are.
  const json = JSON.stringify(aiguille).slice(1, -1);
  const motifJson = escapeRegex(json);
  const parJson = JSON.stringify(par).slice(1, -1).replace(/\\/g, "\\\\");
  const motif = escapeRegex(aiguille);
  const like = `%${aiguille.replace(/[\\%_]/g, "\\$&")}%`;
  const likeJson = `%${json.replace(/[\\%_]/g, "\\$&")}%`;
  await tx
    .update(auditLog)
    .set({
      actorLabel: sql`regexp_replace(${auditLog.actorLabel}, ${motif}, ${par}, 'gi')`,
      changes: sql`case when ${auditLog.changes} is null then null else regexp_replace(${auditLog.changes}::text, ${motifJson}, ${parJson}, 'gi')::jsonb end`,
    })
    .where(and(or(sql`${auditLog.actorLabel} ilike ${like}`, sql`${auditLog.changes}::text ilike ${likeJson}`), where));
}

export type EffacementOptions = {
  /** The retention job: a record still in the network is closed (`sorti`) instead of refused. */
  fermerFiche?: boolean;
  departement: string | null;
  requestId?: string;
};

/**
 * Erases a person's identity (RGPD art. 17) in `tx`, with its audit row: name, e-mail, phone,
 * photo, bio, social handles, sessions, roles and sign-in ability go; the account and promeneur
 * rows stay under « Personne effacée n° X », so the monthly reports' counts, attendance and
 * everything they recorded keep counting. The audit log is rewritten to the placeholder. Returns
 * the number given.
 */
export async function effacerPersonne(
  tx: Transaction,
  by: AuditActor,
  userId: string,
  now: Date,
  options: EffacementOptions,
): Promise<number> {
  const [user] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
  if (!user || user.effaceLe) notFound();
  const personne = await findPersonne(tx, userId);
  if (!personne) notFound();
  const fiches = await tx.select().from(promeneurs).where(eq(promeneurs.userId, userId));
  const ouvertes = fiches.filter((f) => !STATUTS_FINIS.includes(f.statut));
  if (ouvertes.length > 0 && !options.fermerFiche) {
    throw new Invalid(
      "confirmation",
      "Sa fiche de promeneur est encore dans le réseau : enregistrez d'abord sa sortie.",
    );
  }
  const profils =
    personne.promeneurIds.length === 0
      ? []
      : await tx.select().from(profilsSociaux).where(inArray(profilsSociaux.promeneurId, personne.promeneurIds));
  const membres = await tx.select().from(comiteMembres).where(eq(comiteMembres.userId, userId));

  const [dernier] = await tx.select({ n: max(users.numeroEffacement) }).from(users);
  const numero = (dernier?.n ?? 0) + 1;
  const libelle = libellePersonneEffacee(numero);
  const email = emailPersonneEffacee(numero);

  // What identified them, as it may appear in free text of the audit log.
  const distinctifs = new Set<string>([user.email, user.nom]);
  const noms = new Set<string>();
  for (const f of fiches) {
    for (const v of [f.email, `${f.prenom} ${f.nom}`, f.nomPublic, f.slug, f.telephone ?? ""]) distinctifs.add(v);
    noms.add(f.nom);
    noms.add(f.prenom);
  }
  for (const p of profils) {
    distinctifs.add(p.handle);
    distinctifs.add(p.url);
  }
  for (const m of membres) {
    distinctifs.add(m.nom);
    if (m.email) distinctifs.add(m.email);
  }
  for (const mot of user.nom.split(/\s+/)) noms.add(mot);

  // Account: identity and every way in.
  await tx
    .update(users)
    .set({
      email,
      nom: libelle,
      passwordHash: null,
      totpSecret: null,
      totpEnabledAt: null,
      totpLastStep: null,
      disabledAt: user.disabledAt ?? now,
      effaceLe: now,
      numeroEffacement: numero,
    })
    .where(eq(users.id, userId));
  await tx.delete(sessions).where(eq(sessions.userId, userId));
  await tx.delete(passwordResets).where(eq(passwordResets.userId, userId));
  await tx.delete(jetonsCalendrier).where(eq(jetonsCalendrier.userId, userId));
  await tx.delete(userRoles).where(eq(userRoles.userId, userId));
  await tx.delete(signInAttempts).where(inArray(sql`lower(${signInAttempts.email})`, personne.emails));
  await tx
    .delete(invitations)
    .where(
      or(
        inArray(sql`lower(${invitations.email})`, personne.emails),
        personne.promeneurIds.length > 0 ? inArray(invitations.promeneurId, personne.promeneurIds) : undefined,
      ),
    );

  // Promeneur record: kept (its reports and attendance count), without anything personal.
  for (const f of fiches) {
    await tx
      .update(promeneurs)
      .set({
        prenom: "Personne effacée",
        nom: `n°\u00a0${numero}`,
        email,
        telephone: null,
        nomPublic: libelle,
        slug: `personne-effacee-${numero}`,
        bio: null,
        photoId: null,
        fonction: "Non renseignée",
        motifStatut: null,
        ...(STATUTS_FINIS.includes(f.statut)
          ? {}
          : { statut: "sorti", statutDepuis: now, sortieLe: f.sortieLe ?? now }),
        updatedAt: now,
      })
      .where(eq(promeneurs.id, f.id));
    if (f.photoId) await tx.delete(fichiers).where(eq(fichiers.id, f.photoId));
  }
  if (personne.promeneurIds.length > 0) {
    await tx.delete(profilsSociaux).where(inArray(profilsSociaux.promeneurId, personne.promeneurIds));
    await tx.delete(creneauxPresence).where(inArray(creneauxPresence.promeneurId, personne.promeneurIds));
    await tx.delete(exceptionsPresence).where(inArray(exceptionsPresence.promeneurId, personne.promeneurIds));
  }

  // Gatherings and committees: the attendance stays, under the placeholder.
  await tx
    .update(regroupementInvitations)
    .set({
      nom: libelle,
      email: sql`'personne-effacee-' || ${numero}::text || '-' || left(${regroupementInvitations.id}::text, 8) || '@efface.invalid'`,
    })
    .where(
      or(
        eq(regroupementInvitations.userId, userId),
        personne.promeneurIds.length > 0
          ? inArray(regroupementInvitations.promeneurId, personne.promeneurIds)
          : undefined,
      ),
    );
  await tx.update(comiteMembres).set({ nom: libelle, email: null }).where(eq(comiteMembres.userId, userId));

  // Audit log: their label, then every distinctive value anywhere, then their names in their own entries.
  await tx.update(auditLog).set({ actorLabel: libelle }).where(eq(auditLog.actorUserId, userId));
  const parLongueur = (a: string, b: string) => b.length - a.length;
  for (const valeur of [...distinctifs].filter((v) => v.trim().length >= 3).sort(parLongueur)) {
    await remplacerDansJournal(tx, valeur, libelle);
  }
  for (const mot of [...noms].filter((v) => v.trim().length >= 2).sort(parLongueur)) {
    await remplacerDansJournal(tx, mot, libelle, concernePersonne(personne));
  }

  await recordAudit(
    tx,
    by,
    {
      action: "donnees.effacer",
      entityType: "user",
      entityId: userId,
      departement: options.departement,
      changes: { personne: libelle, fichesPromeneur: fiches.length, profilsSupprimes: profils.length },
    },
    options.requestId,
  );
  return numero;
}

/** The coordinator's erasure: their département's person, confirmed, in one transaction. */
export async function effacerPersonneParCoordination(
  db: Database,
  actor: Actor,
  departement: string,
  userId: string,
  now: Date,
  requestId?: string,
): Promise<number> {
  return db.transaction(async (tx) => {
    const personne = await getPersonneEffacable(tx, departement, actor, userId);
    if (personne.empechement) throw new Invalid("confirmation", personne.empechement);
    return effacerPersonne(tx, actor, userId, now, { departement, requestId });
  });
}
