/**
 * The coordination's writes of a call for applications (issue 9): create it from a template, edit
 * it, publish and unpublish it. Each command checks the permission itself (403 for a role that
 * never manages calls, 404 for another département), writes its audit row in the same transaction
 * and refuses a form read at an older version (409 for the route).
 */
import {
  appelEvaluateurs,
  appels,
  candidaturePieces,
  candidatures,
  evaluationNotes,
  evaluations,
  users,
} from "@db/schema";
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Actor } from "~/domain/comptes/actor";
import { can } from "~/domain/comptes/policy";
import { isUuid } from "~/lib/text";
import { recordAudit } from "~/server/audit.server";
import type { Database, Executor } from "~/server/db.server";
import { forbidden, Invalid, notFound, withUniqueGuard } from "~/server/errors.server";
import { requireScoped } from "~/server/request.server";
import { type Appel, appelDepuisLigne } from "./appel.queries.server";
import { CHAMP_FORMULAIRE, CHAMP_VERSION, type SaisieAppel } from "./appel.schema";
import { evaluateursDuDepartement } from "./instruction.queries.server";

type Ctx = { db: Database; now: Date; requestId?: string };

const MESSAGE_VERSION =
  "L'appel a été modifié entre-temps (dans un autre onglet ou par une autre personne)\u00a0: rechargez la page pour partir de la dernière version.";

/**
 * Runs a write on a call: the permission first (403 for a role that never manages calls, 404 for
 * another département or an unknown call), then one transaction with the call's row locked until
 * it ends, so that the write and its audit row stand or fall together.
 */
async function dansLAppel<T>(
  db: Database,
  actor: Actor,
  appelId: string | undefined,
  ecrire: (tx: Executor, appel: Appel) => Promise<T>,
): Promise<T> {
  if (!can(actor, "appels.gerer")) forbidden();
  if (!isUuid(appelId)) notFound("Cet appel n'existe pas ou n'est pas accessible.");
  const [avant] = await db.select({ departement: appels.departement }).from(appels).where(eq(appels.id, appelId));
  if (!avant) notFound("Cet appel n'existe pas ou n'est pas accessible.");
  requireScoped(actor, "appels.gerer", { departement: avant.departement });
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(appels).where(eq(appels.id, appelId)).for("update");
    if (!row) notFound("Cet appel n'existe pas ou n'est pas accessible.");
    return ecrire(tx, appelDepuisLigne(row));
  });
}

function verifierVersion(appel: Pick<Appel, "version">, version: number | undefined): void {
  if (version !== undefined && version !== appel.version) throw new Invalid(CHAMP_VERSION, MESSAGE_VERSION);
}

async function journal(
  tx: Executor,
  actor: Actor,
  appel: Pick<Appel, "id" | "departement" | "titre">,
  action: string,
  changes: Record<string, unknown>,
  requestId: string | undefined,
) {
  await recordAudit(
    tx,
    actor,
    {
      action,
      entityType: "appel",
      entityId: appel.id,
      departement: appel.departement,
      changes: { titre: appel.titre, ...changes },
    },
    requestId,
  );
}

function doublonSlug(slug: string): Invalid {
  return new Invalid(
    "slug",
    `L'adresse «\u00a0/appels/${slug}\u00a0» est déjà celle d'un autre appel du département\u00a0: choisissez-en une autre.`,
  );
}

/** The commission must be reviewers of the département: anyone else is refused by name. */
async function verifierCommission(tx: Executor, departement: string, evaluateurs: readonly string[]): Promise<void> {
  if (evaluateurs.length === 0) return;
  const possibles = new Set((await evaluateursDuDepartement(tx, departement)).map((e) => e.userId));
  if (evaluateurs.some((id) => !possibles.has(id))) {
    throw new Invalid(
      "evaluateurs",
      "Choisissez les membres de la commission parmi les évaluateurs du département (invitez-les depuis «\u00a0Équipe et invitations\u00a0»).",
    );
  }
}

function valeursAppel(saisie: SaisieAppel) {
  return {
    titre: saisie.titre,
    slug: saisie.slug,
    description: saisie.description,
    ouvertureLe: saisie.ouvertureLe,
    clotureLe: saisie.clotureLe,
    decisionLe: saisie.decisionLe,
    documents: saisie.documents,
    questions: saisie.questions,
    criteres: saisie.criteres,
    budgetPropose: saisie.budgetPropose,
  };
}

/** Creates a call of a département (not published), with its commission. */
export async function createAppel(
  { db, now, requestId }: Ctx,
  actor: Actor,
  departement: string,
  saisie: SaisieAppel,
): Promise<{ id: string }> {
  requireScoped(actor, "appels.gerer", { departement });
  const doublon = doublonSlug(saisie.slug);
  return withUniqueGuard(
    () =>
      db.transaction(async (tx) => {
        const [pris] = await tx
          .select({ id: appels.id })
          .from(appels)
          .where(and(eq(appels.departement, departement), eq(appels.slug, saisie.slug)));
        if (pris) throw doublon;
        await verifierCommission(tx, departement, saisie.evaluateurs);
        const [row] = await tx
          .insert(appels)
          .values({ departement, type: saisie.type, ...valeursAppel(saisie), createdAt: now, updatedAt: now })
          .returning({ id: appels.id });
        if (!row) throw new Error("appel not inserted");
        if (saisie.evaluateurs.length > 0) {
          await tx
            .insert(appelEvaluateurs)
            .values(saisie.evaluateurs.map((userId) => ({ appelId: row.id, userId, createdAt: now })));
        }
        await journal(
          tx,
          actor,
          { id: row.id, departement, titre: saisie.titre },
          "appel.creer",
          {
            type: saisie.type,
            slug: saisie.slug,
            ouvertureLe: saisie.ouvertureLe.toISOString(),
            clotureLe: saisie.clotureLe.toISOString(),
            decisionLe: saisie.decisionLe?.toISOString() ?? null,
            documents: saisie.documents.map((d) => d.code),
            questions: saisie.questions.map((q) => q.code),
            criteres: saisie.criteres.map((c) => `${c.code} ×${c.poids}`),
            budgetPropose: saisie.budgetPropose,
            evaluateurs: saisie.evaluateurs.length,
          },
          requestId,
        );
        return row;
      }),
    { appels_departement_slug_unique: doublon },
  );
}

type Changement = { avant: unknown; apres: unknown };

/**
 * Saves a call's form. Once an application is submitted, a required document some submitted
 * application holds a file for, and a criterion some reviewer scored, may no longer be removed (the
 * files and scores would be orphaned); a reviewer assigned to applications may not leave the
 * commission before their assignments are withdrawn.
 */
export async function updateAppel(
  { db, now, requestId }: Ctx,
  actor: Actor,
  appelId: string | undefined,
  saisie: SaisieAppel,
  version: number | undefined,
): Promise<{ changements: number }> {
  const doublon = doublonSlug(saisie.slug);
  return withUniqueGuard(
    () =>
      dansLAppel(db, actor, appelId, async (tx, appel) => {
        verifierVersion(appel, version);
        if (saisie.slug !== appel.slug) {
          const [pris] = await tx
            .select({ id: appels.id })
            .from(appels)
            .where(
              and(eq(appels.departement, appel.departement), eq(appels.slug, saisie.slug), ne(appels.id, appel.id)),
            );
          if (pris) throw doublon;
        }
        await verifierDonneesGardees(tx, appel, saisie);
        await verifierCommission(tx, appel.departement, saisie.evaluateurs);
        const commissionAvant = new Set(
          (await tx.select().from(appelEvaluateurs).where(eq(appelEvaluateurs.appelId, appel.id))).map((r) => r.userId),
        );
        const commissionApres = new Set(saisie.evaluateurs);
        const sortants = [...commissionAvant].filter((id) => !commissionApres.has(id));
        const entrants = [...commissionApres].filter((id) => !commissionAvant.has(id));
        if (sortants.length > 0) {
          const occupes = await tx
            .selectDistinct({ nom: users.nom })
            .from(evaluations)
            .innerJoin(candidatures, eq(candidatures.id, evaluations.candidatureId))
            .innerJoin(users, eq(users.id, evaluations.evaluateurId))
            .where(and(eq(candidatures.appelId, appel.id), inArray(evaluations.evaluateurId, sortants)));
          if (occupes.length > 0) {
            throw new Invalid(
              "evaluateurs",
              `${occupes.map((o) => o.nom).join(", ")} ${occupes.length > 1 ? "évaluent" : "évalue"} des candidatures de cet appel\u00a0: retirez d'abord ces attributions depuis chaque candidature.`,
            );
          }
        }

        const apres = valeursAppel(saisie);
        const changements: Record<string, Changement> = {};
        const comparer = (nom: string, a: unknown, b: unknown) => {
          const av = a instanceof Date ? a.toISOString() : a;
          const ap = b instanceof Date ? b.toISOString() : b;
          if (JSON.stringify(av) !== JSON.stringify(ap)) changements[nom] = { avant: av ?? null, apres: ap ?? null };
        };
        for (const nom of Object.keys(apres) as (keyof typeof apres)[]) {
          if (nom === "description") {
            if (appel.description !== apres.description) changements.description = { avant: "…", apres: "…" };
          } else comparer(nom, appel[nom], apres[nom]);
        }
        if (sortants.length > 0 || entrants.length > 0) {
          changements.commission = { avant: commissionAvant.size, apres: commissionApres.size };
        }
        const nombre = Object.keys(changements).length;
        if (nombre === 0) return { changements: 0 };
        await tx
          .update(appels)
          .set({ ...apres, version: sql`${appels.version} + 1`, updatedAt: now })
          .where(eq(appels.id, appel.id));
        if (sortants.length > 0) {
          await tx
            .delete(appelEvaluateurs)
            .where(and(eq(appelEvaluateurs.appelId, appel.id), inArray(appelEvaluateurs.userId, sortants)));
        }
        if (entrants.length > 0) {
          await tx
            .insert(appelEvaluateurs)
            .values(entrants.map((userId) => ({ appelId: appel.id, userId, createdAt: now })));
        }
        await journal(tx, actor, { ...appel, titre: saisie.titre }, "appel.modifier", changements, requestId);
        return { changements: nombre };
      }),
    { appels_departement_slug_unique: doublon },
  );
}

/** Refuses removing a document or criterion whose data submitted applications hold. */
async function verifierDonneesGardees(tx: Executor, appel: Appel, saisie: SaisieAppel): Promise<void> {
  const documentsRetires = appel.documents.filter((d) => !saisie.documents.some((x) => x.code === d.code));
  const criteresRetires = appel.criteres.filter((c) => !saisie.criteres.some((x) => x.code === c.code));
  if (documentsRetires.length === 0 && criteresRetires.length === 0) return;
  const [deposee] = await tx
    .select({ id: candidatures.id })
    .from(candidatures)
    .where(and(eq(candidatures.appelId, appel.id), ne(candidatures.statut, "brouillon")))
    .limit(1);
  if (!deposee) return;
  if (documentsRetires.length > 0) {
    const fournis = await tx
      .selectDistinct({ code: candidaturePieces.documentCode })
      .from(candidaturePieces)
      .innerJoin(candidatures, eq(candidatures.id, candidaturePieces.candidatureId))
      .where(
        and(
          eq(candidatures.appelId, appel.id),
          ne(candidatures.statut, "brouillon"),
          inArray(
            candidaturePieces.documentCode,
            documentsRetires.map((d) => d.code),
          ),
        ),
      );
    const gardes = documentsRetires.filter((d) => fournis.some((f) => f.code === d.code));
    if (gardes.length > 0) {
      throw new Invalid(
        "documents",
        `Des candidatures déposées contiennent ${gardes.map((d) => `«\u00a0${d.libelle}\u00a0»`).join(", ")}\u00a0: ${gardes.length > 1 ? "ces documents ne peuvent" : "ce document ne peut"} plus être retiré${gardes.length > 1 ? "s" : ""} de l'appel.`,
      );
    }
  }
  if (criteresRetires.length > 0) {
    const notes = await tx
      .selectDistinct({ code: evaluationNotes.critereCode })
      .from(evaluationNotes)
      .innerJoin(candidatures, eq(candidatures.id, evaluationNotes.candidatureId))
      .where(
        and(
          eq(candidatures.appelId, appel.id),
          inArray(
            evaluationNotes.critereCode,
            criteresRetires.map((c) => c.code),
          ),
        ),
      );
    const gardes = criteresRetires.filter((c) => notes.some((n) => n.code === c.code));
    if (gardes.length > 0) {
      throw new Invalid(
        "criteres",
        `Des évaluateurs ont déjà noté ${gardes.map((c) => `«\u00a0${c.libelle}\u00a0»`).join(", ")}\u00a0: ${gardes.length > 1 ? "ces critères ne peuvent" : "ce critère ne peut"} plus être retiré${gardes.length > 1 ? "s" : ""}.`,
      );
    }
  }
}

/**
 * Publishes a call (it appears on /appels, applications are taken between its dates) or withdraws
 * it from /appels (its applications stay; applicants no longer reach it).
 */
export async function publierAppel(ctx: Ctx, actor: Actor, appelId: string | undefined, version: number | undefined) {
  await changerPublication(ctx, actor, appelId, version, true);
}

export async function depublierAppel(ctx: Ctx, actor: Actor, appelId: string | undefined, version: number | undefined) {
  await changerPublication(ctx, actor, appelId, version, false);
}

async function changerPublication(
  { db, now, requestId }: Ctx,
  actor: Actor,
  appelId: string | undefined,
  version: number | undefined,
  publie: boolean,
): Promise<void> {
  await dansLAppel(db, actor, appelId, async (tx, appel) => {
    verifierVersion(appel, version);
    if (Boolean(appel.publieLe) === publie) {
      throw new Invalid(CHAMP_FORMULAIRE, publie ? "L'appel est déjà publié." : "L'appel n'est pas publié.");
    }
    await tx
      .update(appels)
      .set({ publieLe: publie ? now : null, version: sql`${appels.version} + 1`, updatedAt: now })
      .where(eq(appels.id, appel.id));
    await journal(tx, actor, appel, publie ? "appel.publier" : "appel.depublier", { slug: appel.slug }, requestId);
  });
}
