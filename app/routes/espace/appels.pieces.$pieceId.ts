import { getPieceLisible } from "~/domain/appels/instruction.queries.server";
import { getDb } from "~/server/db.server";
import { notFound } from "~/server/errors.server";
import { requireActor } from "~/server/request.server";
import { telechargementStocke } from "~/server/stockage.server";
import type { Route } from "./+types/appels.pieces.$pieceId";

const INTROUVABLE = "Ce document n'existe pas ou n'est pas accessible.";

/**
 * One uploaded document of an application, streamed from the storage as a download (never shown
 * inline, never sniffed, sandboxed, not cached): for the coordination and steering committee of
 * its call's département, and for a reviewer assigned to that submitted application. Anyone else
 * — a reviewer of another application or call, another département, a promeneur — gets a 404, as
 * if it did not exist.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  const db = getDb();
  const piece = await getPieceLisible(db, actor, params.pieceId);
  if (!piece) notFound(INTROUVABLE);
  return (await telechargementStocke(piece)) ?? notFound(INTROUVABLE);
}
