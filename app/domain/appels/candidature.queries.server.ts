/**
 * The applicant's reads (issue 9): the published calls of the public site, and an applicant's own
 * application and documents — scoped in the query by the applicant, so that another applicant's
 * reads nothing (a 404 for the page).
 */
import { appels, candidaturePieces, candidatures } from "@db/schema";
import { and, asc, desc, eq, gt, isNotNull } from "drizzle-orm";
import type { Executor } from "~/server/db.server";
import { notFound } from "~/server/errors.server";
import {
  type Appel,
  appelDepuisLigne,
  type Candidature,
  candidatureDepuisLigne,
  findAppelPublie,
  type Piece,
} from "./appel.queries.server";
import { etatAppel } from "./appel.rules";

/** How long a closed call stays listed on /appels. */
export const CLOS_RECEMMENT_JOURS = 365;

export type AppelsPublies = { ouverts: Appel[]; aVenir: Appel[]; closRecemment: Appel[] };

/** The published calls of a département: open (closing first), upcoming, closed within a year. */
export async function findAppelsPublies(db: Executor, departement: string, maintenant: Date): Promise<AppelsPublies> {
  const depuis = new Date(maintenant.getTime() - CLOS_RECEMMENT_JOURS * 86_400_000);
  const rows = await db
    .select()
    .from(appels)
    .where(and(eq(appels.departement, departement), isNotNull(appels.publieLe), gt(appels.clotureLe, depuis)))
    .orderBy(asc(appels.clotureLe));
  const liste = rows.map(appelDepuisLigne);
  return {
    ouverts: liste.filter((a) => etatAppel(a, maintenant) === "ouvert"),
    aVenir: liste
      .filter((a) => etatAppel(a, maintenant) === "a_venir")
      .sort((a, b) => a.ouvertureLe.getTime() - b.ouvertureLe.getTime()),
    closRecemment: liste.filter((a) => etatAppel(a, maintenant) === "clos").reverse(),
  };
}

/** A published call of the département, or 404 (an unpublished one does not exist for the public). */
export async function getAppelPublie(db: Executor, departement: string, slug: string): Promise<Appel> {
  const appel = await findAppelPublie(db, departement, slug);
  if (!appel) notFound("Cet appel à candidatures n'existe pas ou n'est pas publié.");
  return appel;
}

export type CandidatureDuCandidat = { candidature: Candidature; pieces: Piece[] };

/** The applicant's application to a call with its documents, or null when they have none. */
export async function getCandidatureDuCandidat(
  db: Executor,
  candidatId: string,
  appelId: string,
): Promise<CandidatureDuCandidat | null> {
  const [row] = await db
    .select()
    .from(candidatures)
    .where(and(eq(candidatures.appelId, appelId), eq(candidatures.candidatId, candidatId)));
  if (!row) return null;
  return { candidature: candidatureDepuisLigne(row), pieces: await findPiecesDeCandidature(db, row.id) };
}

/** The documents of an application (the caller has scoped the application), newest first. */
export async function findPiecesDeCandidature(db: Executor, candidatureId: string): Promise<Piece[]> {
  return db
    .select()
    .from(candidaturePieces)
    .where(eq(candidaturePieces.candidatureId, candidatureId))
    .orderBy(desc(candidaturePieces.createdAt));
}

/** One of the applicant's own documents of a call, or null (someone else's reads as nothing). */
export async function getPieceDuCandidat(
  db: Executor,
  candidatId: string,
  appelId: string,
  pieceId: string,
): Promise<Piece | null> {
  const [row] = await db
    .select({ piece: candidaturePieces })
    .from(candidaturePieces)
    .innerJoin(candidatures, eq(candidatures.id, candidaturePieces.candidatureId))
    .where(
      and(
        eq(candidaturePieces.id, pieceId),
        eq(candidatures.candidatId, candidatId),
        eq(candidatures.appelId, appelId),
      ),
    );
  return row?.piece ?? null;
}
