/**
 * The reviewers' side of calls for applications (issue 9) in tests: the rows of tests/factories/appel.ts
 * with the defaults a reviewer meets — a published call, a receivable application (the coordination
 * has checked it), a document whose bytes go to a temporary directory. Assign a reviewer, with their
 * scores if any, with `insertEvaluation` of the same file.
 */
import os from "node:os";
import path from "node:path";
import type { Executor } from "~/server/db.server";
import { StockageDisque } from "~/server/stockage.server";
import { insertAppel, insertCandidature, insertPiece } from "./appel";

export { insertEvaluation } from "./appel";

const stockage = new StockageDisque(path.join(os.tmpdir(), `pdn-evaluations-${process.pid}-${Date.now()}`));

/** A published call of the 04 (criteria: tests/factories/appel.ts `CRITERES_APPEL`). */
export function insertAppelEssai(db: Executor, input: Parameters<typeof insertAppel>[1] = {}) {
  return insertAppel(db, { publie: true, ...input });
}

/** An application of the call, receivable unless told otherwise. */
export function insertCandidatureEssai(
  db: Executor,
  appel: { id: string; departement: string },
  input: Parameters<typeof insertCandidature>[2] = {},
) {
  return insertCandidature(db, appel, { statut: "recevable", ...input });
}

/** The application's « dossier » document. */
export function insertPieceEssai(db: Executor, candidatureId: string) {
  return insertPiece(db, stockage, candidatureId, { nom: "dossier-candidature.pdf" });
}
