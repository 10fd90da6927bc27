import { findAppelPublie } from "~/domain/appels/appel.queries.server";
import { getCandidatConnecte } from "~/domain/appels/candidat.server";
import { getPieceDuCandidat } from "~/domain/appels/candidature.queries.server";
import { isUuid } from "~/lib/text";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { notFound } from "~/server/errors.server";
import { telechargementStocke } from "~/server/stockage.server";
import type { Route } from "./+types/appels.$slug.candidature.pieces.$pieceId";

const INTROUVABLE = "Ce document n'existe pas ou n'est pas accessible.";

/**
 * One of the applicant's own documents, streamed from the storage as a download: never shown
 * inline, never sniffed, sandboxed, not cached. Anyone else (another applicant, no session) gets a
 * 404, as if it did not exist.
 */
export async function loader({ request, params }: Route.LoaderArgs) {
  const db = getDb();
  const candidat = await getCandidatConnecte(db, request, new Date());
  if (!candidat || !isUuid(params.pieceId)) notFound(INTROUVABLE);
  const appel = await findAppelPublie(db, getEnv().DEFAULT_DEPARTEMENT, params.slug);
  if (!appel) notFound(INTROUVABLE);
  const piece = await getPieceDuCandidat(db, candidat.candidatId, appel.id, params.pieceId);
  if (!piece) notFound(INTROUVABLE);
  return (await telechargementStocke(piece)) ?? notFound(INTROUVABLE);
}
