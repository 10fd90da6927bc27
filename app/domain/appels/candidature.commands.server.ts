/**
 * The applicant's writes (issue 9): the draft opened on the first visit, saved in several sittings,
 * its documents added, replaced and removed, and the submission. Each write locks the application,
 * checks the version the form was read at (a stale form is a conflict), and writes its audit row in
 * the same transaction; the bytes of a replaced or removed document are deleted once it commits.
 * The clock comes from the context, so that tests put the deadline where they want.
 */
import { candidaturePieces, candidatures } from "@db/schema";
import { and, eq, sql } from "drizzle-orm";
import { formatDateTime } from "~/lib/format";
import { recordAudit } from "~/server/audit.server";
import type { Database, Executor } from "~/server/db.server";
import type { FichierRecu } from "~/server/envoi-fichier.server";
import { Invalid, notFound } from "~/server/errors.server";
import { cleanFileName } from "~/server/fichiers.server";
import type { Mail } from "~/server/mail.server";
import { type EcritureReussie, getStockage, type StockageFichiers } from "~/server/stockage.server";
import { type Appel, type Candidature, candidatureDepuisLigne } from "./appel.queries.server";
import { etatAppel, refusDepot, refusFichier } from "./appel.rules";
import type { CandidatConnecte } from "./candidat.server";
import { verifierDepot } from "./candidature.rules";
import {
  CHAMP_DOCUMENT,
  CHAMP_FICHIER,
  CHAMP_FORMULAIRE,
  CHAMP_VERSION,
  NOMS_CHAMPS_TEXTE,
  type SaisieCandidature,
} from "./candidature.schema";

type Ctx = { db: Database; now: Date; requestId?: string; stockage?: StockageFichiers };
type CandidatureRow = typeof candidatures.$inferSelect;

export const MESSAGE_VERSION =
  "Votre candidature a été modifiée entre-temps (dans un autre onglet) : rechargez la page pour partir de la dernière version. Rien n'a été enregistré.";
export const MESSAGE_DEPOSEE = "Votre candidature est déjà déposée : elle ne peut plus être modifiée.";

/** A submission refused: each reason, in French (the page lists them). */
export class DepotRefuse extends Error {
  constructor(readonly motifs: string[]) {
    super(motifs.join(" "));
  }
}

function acteur(candidat: CandidatConnecte) {
  return { system: `candidat <${candidat.email}>` };
}

async function journal(
  tx: Executor,
  ctx: Ctx,
  candidat: CandidatConnecte,
  candidature: Pick<CandidatureRow, "id" | "departement" | "appelId">,
  { action, changes = {} }: { action: string; changes?: Record<string, unknown> },
) {
  await recordAudit(
    tx,
    acteur(candidat),
    {
      action,
      entityType: "candidature",
      entityId: candidature.id,
      departement: candidature.departement,
      changes: { appelId: candidature.appelId, ...changes },
    },
    ctx.requestId,
  );
}

/**
 * The applicant's application to the call, created as a draft on the first visit while the call
 * is open; null when they have none and the call is not open.
 */
export async function ouvrirCandidature(
  ctx: Ctx,
  candidat: CandidatConnecte,
  appel: Appel,
): Promise<Candidature | null> {
  const lire = async (db: Executor) => {
    const [row] = await db
      .select()
      .from(candidatures)
      .where(and(eq(candidatures.appelId, appel.id), eq(candidatures.candidatId, candidat.candidatId)));
    return row ?? null;
  };
  const existante = await lire(ctx.db);
  if (existante) return candidatureDepuisLigne(existante);
  if (etatAppel(appel, ctx.now) !== "ouvert") return null;
  const row = await ctx.db.transaction(async (tx) => {
    const [creee] = await tx
      .insert(candidatures)
      .values({
        appelId: appel.id,
        departement: appel.departement,
        candidatId: candidat.candidatId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .onConflictDoNothing({ target: [candidatures.appelId, candidatures.candidatId] })
      .returning();
    // Two first visits at once: the other one created it.
    if (!creee) return lire(tx);
    await journal(tx, ctx, candidat, creee, { action: "candidature.creer" });
    return creee;
  });
  return row ? candidatureDepuisLigne(row) : null;
}

/** The applicant's application to the call, locked until the transaction ends; 404 when none. */
async function candidatureVerrouillee(tx: Executor, candidat: CandidatConnecte, appel: Appel): Promise<CandidatureRow> {
  const [row] = await tx
    .select()
    .from(candidatures)
    .where(and(eq(candidatures.appelId, appel.id), eq(candidatures.candidatId, candidat.candidatId)))
    .for("update");
  if (!row) notFound("Vous n'avez pas de candidature à cet appel.");
  return row;
}

/** A draft, read at the current version, of a call still open; else the refusal. */
function verifierModifiable(row: CandidatureRow, appel: Appel, now: Date, version: number | undefined): void {
  if (version !== undefined && version !== row.version) throw new Invalid(CHAMP_VERSION, MESSAGE_VERSION);
  if (row.statut !== "brouillon") throw new Invalid(CHAMP_VERSION, MESSAGE_DEPOSEE);
  const etat = etatAppel(appel, now);
  if (etat === "clos") {
    throw new Invalid(
      CHAMP_FORMULAIRE,
      `L'appel est clos depuis le ${formatDateTime(appel.clotureLe)} : la candidature ne peut plus être modifiée.`,
    );
  }
  if (etat === "a_venir") throw new Invalid(CHAMP_FORMULAIRE, refusDepot(appel, now) ?? "L'appel n'est pas ouvert.");
}

async function nouvelleVersion(tx: Executor, row: CandidatureRow, now: Date, set: Partial<CandidatureRow> = {}) {
  await tx
    .update(candidatures)
    .set({ ...set, version: sql`${candidatures.version} + 1`, updatedAt: now })
    .where(eq(candidatures.id, row.id));
}

function valeursSaisies(saisie: SaisieCandidature) {
  const textes = Object.fromEntries(NOMS_CHAMPS_TEXTE.map((c) => [c, saisie[c]]));
  return { ...textes, reponses: saisie.reponses, budget: saisie.budget };
}

/** The names of the fields a save changes (the journal keeps names, not the applicant's words). */
function champsChanges(row: CandidatureRow, saisie: SaisieCandidature): string[] {
  const changes: string[] = NOMS_CHAMPS_TEXTE.filter((c) => row[c] !== saisie[c]);
  if (JSON.stringify(row.reponses ?? {}) !== JSON.stringify(saisie.reponses)) changes.push("reponses");
  if (JSON.stringify(row.budget ?? null) !== JSON.stringify(saisie.budget)) changes.push("budget");
  return changes;
}

/** Saves the draft as typed (it may be incomplete); the version moves on. */
export async function enregistrerCandidature(
  ctx: Ctx,
  candidat: CandidatConnecte,
  appel: Appel,
  saisie: SaisieCandidature,
  version: number,
): Promise<{ changements: number }> {
  return ctx.db.transaction(async (tx) => {
    const row = await candidatureVerrouillee(tx, candidat, appel);
    verifierModifiable(row, appel, ctx.now, version);
    const champs = champsChanges(row, saisie);
    await nouvelleVersion(tx, row, ctx.now, valeursSaisies(saisie));
    await journal(tx, ctx, candidat, row, { action: "candidature.enregistrer", changes: { champs } });
    return { changements: champs.length };
  });
}

/**
 * Submits the application with the form as typed: refused (nothing written) past the deadline,
 * or while a field, a mandatory document, an eligibility answer or the budget is missing, or when
 * the budget breaks a funding rule. Answers the confirmation mail to send once committed.
 */
export async function deposerCandidature(
  ctx: Ctx,
  candidat: CandidatConnecte,
  appel: Appel,
  saisie: SaisieCandidature,
  version: number,
  publicUrl: string,
): Promise<{ mail: Mail }> {
  return ctx.db.transaction(async (tx) => {
    const row = await candidatureVerrouillee(tx, candidat, appel);
    if (version !== row.version) throw new Invalid(CHAMP_VERSION, MESSAGE_VERSION);
    if (row.statut !== "brouillon") throw new Invalid(CHAMP_VERSION, MESSAGE_DEPOSEE);
    const pieces = await tx
      .select({ code: candidaturePieces.documentCode })
      .from(candidaturePieces)
      .where(eq(candidaturePieces.candidatureId, row.id));
    const verification = verifierDepot({
      appel,
      candidature: saisie,
      documentsFournis: new Set(pieces.map((p) => p.code)),
      maintenant: ctx.now,
    });
    if (!verification.peutDeposer) throw new DepotRefuse(verification.motifs);
    await nouvelleVersion(tx, row, ctx.now, { ...valeursSaisies(saisie), statut: "deposee", deposeeLe: ctx.now });
    await journal(tx, ctx, candidat, row, {
      action: "candidature.deposer",
      changes: {
        champs: champsChanges(row, saisie),
        documents: pieces.map((p) => p.code),
        eligible: verification.eligibilite.eligible,
      },
    });
    return {
      mail: {
        to: candidat.email,
        subject: `Candidature déposée – ${appel.titre}`,
        text: [
          "Bonjour,",
          "",
          `Votre candidature à l'appel « ${appel.titre} » (structure : ${saisie.structureNom}) est déposée le ${formatDateTime(ctx.now)}.`,
          `Documents joints : ${pieces.length}.`,
          "",
          "Elle ne peut plus être modifiée. La coordination en vérifie la complétude et l'éligibilité, puis la commission l'évalue.",
          appel.decisionLe ? `La décision est attendue vers le ${formatDateTime(appel.decisionLe)}.` : "",
          "",
          `Vous pouvez la relire à tout moment : ${publicUrl}/appels/${appel.slug}/candidature`,
          "",
          "La coordination Promeneurs du Net",
        ]
          .filter((ligne, i, lignes) => ligne !== "" || lignes[i - 1] !== "")
          .join("\n"),
      },
    };
  });
}

/** The type of a stored file read from its bytes (a whole file for office documents, ZIP containers). */
export async function typeDuFichier(ecriture: EcritureReussie, stockage: StockageFichiers): Promise<string | null> {
  const { fileTypeFromBuffer, fileTypeFromFile } = await import("file-type");
  const type = await fileTypeFromBuffer(ecriture.entete);
  const chemin = stockage.cheminLocal(ecriture.cle);
  if (chemin && (!type || type.mime === "application/zip" || type.mime === "application/x-cfb")) {
    return (await fileTypeFromFile(chemin))?.mime ?? null;
  }
  return type?.mime ?? null;
}

/**
 * Keeps an uploaded file (already on the storage) as the document `documentCode` of the
 * application, replacing the previous one: its type is read from its bytes and checked with its
 * size against what the document accepts. On any refusal the new bytes are deleted and nothing
 * changes; the replaced bytes are deleted once the change commits.
 */
export async function ajouterPiece(
  ctx: Ctx,
  candidat: CandidatConnecte,
  appel: Appel,
  input: { documentCode: string; version: number | undefined; fichier: FichierRecu },
): Promise<{ pieceId: string; remplace: boolean }> {
  const stockage = ctx.stockage ?? getStockage();
  const { ecriture } = input.fichier;
  let ancienneCle: string | null = null;
  let resultat: { pieceId: string; remplace: boolean };
  try {
    const document = appel.documents.find((d) => d.code === input.documentCode);
    if (!document) throw new Invalid(CHAMP_DOCUMENT, "Ce document n'est pas demandé par l'appel.");
    const typeMime = await typeDuFichier(ecriture, stockage);
    const refus = refusFichier(document, { typeMime, taille: ecriture.taille });
    if (refus) throw new Invalid(CHAMP_FICHIER, refus);
    resultat = await ctx.db.transaction(async (tx) => {
      const row = await candidatureVerrouillee(tx, candidat, appel);
      verifierModifiable(row, appel, ctx.now, input.version);
      const [ancienne] = await tx
        .delete(candidaturePieces)
        .where(and(eq(candidaturePieces.candidatureId, row.id), eq(candidaturePieces.documentCode, document.code)))
        .returning();
      const nom = cleanFileName(input.fichier.nom, document.code);
      const [piece] = await tx
        .insert(candidaturePieces)
        .values({
          candidatureId: row.id,
          documentCode: document.code,
          nom,
          typeMime: typeMime as string,
          taille: ecriture.taille,
          sha256: ecriture.sha256,
          cle: ecriture.cle,
          createdAt: ctx.now,
        })
        .returning({ id: candidaturePieces.id });
      if (!piece) throw new Error("piece not inserted");
      await nouvelleVersion(tx, row, ctx.now);
      await journal(tx, ctx, candidat, row, {
        action: ancienne ? "candidature.piece.remplacer" : "candidature.piece.ajouter",
        changes: { document: document.code, nom, typeMime, taille: ecriture.taille, sha256: ecriture.sha256 },
      });
      ancienneCle = ancienne?.cle ?? null;
      return { pieceId: piece.id, remplace: Boolean(ancienne) };
    });
  } catch (error) {
    await stockage.supprimer(ecriture.cle);
    throw error;
  }
  if (ancienneCle) await stockage.supprimer(ancienneCle);
  return resultat;
}

/** Removes one of the draft's documents; its bytes are deleted once the change commits. */
export async function retirerPiece(
  ctx: Ctx,
  candidat: CandidatConnecte,
  appel: Appel,
  input: { pieceId: string; version: number | undefined },
): Promise<void> {
  const stockage = ctx.stockage ?? getStockage();
  const cle = await ctx.db.transaction(async (tx) => {
    const row = await candidatureVerrouillee(tx, candidat, appel);
    verifierModifiable(row, appel, ctx.now, input.version);
    const [piece] = await tx
      .delete(candidaturePieces)
      .where(and(eq(candidaturePieces.id, input.pieceId), eq(candidaturePieces.candidatureId, row.id)))
      .returning();
    if (!piece) notFound("Ce document n'est pas dans votre candidature.");
    await nouvelleVersion(tx, row, ctx.now);
    await journal(tx, ctx, candidat, row, {
      action: "candidature.piece.retirer",
      changes: { document: piece.documentCode, nom: piece.nom },
    });
    return piece.cle;
  });
  await stockage.supprimer(cle);
}
