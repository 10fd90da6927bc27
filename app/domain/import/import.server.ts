import { communes, epci, promeneurs, promeneurTerritoires, structures } from "@db/schema";
import { asc, eq } from "drizzle-orm";
import type { Actor } from "~/domain/comptes/actor";
import { can } from "~/domain/comptes/policy";
import { slugBase, slugLibre } from "~/lib/text";
import { recordAudit } from "~/server/audit.server";
import type { Database, Executor } from "~/server/db.server";
import { NotFound } from "~/server/errors.server";
import type { ImportKind } from "./import.columns";
import { analyseImport, type ImportAnalyse, type ImportReference } from "./import.rules";

/**
 * Import of an existing network from a CSV file: `previewImport` checks and writes nothing;
 * `applyImport` checks again inside one transaction and, only when every line is valid, inserts
 * every line and one audit row `reseau.importer`, all or nothing.
 */

type Ctx = { db: Database; now: Date; requestId?: string };

/** What the checks need from the database: communes, EPCI, structures and promeneur e-mails of the département. */
export async function loadImportReference(db: Executor, departement: string): Promise<ImportReference> {
  const [communeRows, epciRows, structureRows, emailRows] = await Promise.all([
    db
      .select({ code: communes.code, nom: communes.nom })
      .from(communes)
      .where(eq(communes.departement, departement))
      .orderBy(asc(communes.code)),
    db
      .selectDistinct({ siren: epci.siren, nom: epci.nom })
      .from(epci)
      .innerJoin(communes, eq(communes.epciSiren, epci.siren))
      .where(eq(communes.departement, departement)),
    db
      .select({ id: structures.id, nom: structures.nom })
      .from(structures)
      .where(eq(structures.departement, departement)),
    db.select({ email: promeneurs.email }).from(promeneurs).where(eq(promeneurs.departement, departement)),
  ]);
  return {
    departement,
    communes: communeRows,
    epci: epciRows,
    structures: structureRows,
    emailsPromeneurs: emailRows.map((r) => r.email.toLowerCase()),
  };
}

/** Dry run: every error of the file, by line and column; nothing is written. */
export async function previewImport(
  db: Executor,
  departement: string,
  kind: ImportKind,
  bytes: Uint8Array,
  now: Date = new Date(),
): Promise<ImportAnalyse> {
  return analyseImport(kind, bytes, await loadImportReference(db, departement), now);
}

export type ImportCounts = { structures: number; promeneurs: number; territoires: number };

export type ImportOutcome =
  | { ok: true; analyse: ImportAnalyse; counts: ImportCounts }
  | { ok: false; analyse: ImportAnalyse };

const CHUNK = 500;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Checks the file again (against the database as it is inside the transaction) and inserts it
 * whole, or nothing at all when a single line is wrong. Imported promeneurs are proposed by the
 * importing coordinator; no e-mail is sent.
 */
export async function applyImport(
  ctx: Ctx,
  actor: Actor,
  departement: string,
  kind: ImportKind,
  bytes: Uint8Array,
  fichierNom: string,
): Promise<ImportOutcome> {
  if (!can(actor, "reseau.importer", { departement })) throw new NotFound();
  return ctx.db.transaction(async (tx) => {
    const analyse = analyseImport(kind, bytes, await loadImportReference(tx, departement), ctx.now);
    if (analyse.erreurs.length > 0 || analyse.lignes.length === 0) return { ok: false, analyse };

    const counts: ImportCounts = { structures: 0, promeneurs: 0, territoires: 0 };
    if (analyse.kind === "structures") {
      for (const part of chunks(analyse.lignes)) {
        await tx
          .insert(structures)
          .values(
            part.map(({ ligne: _ligne, ...s }) => ({ ...s, departement, createdAt: ctx.now, updatedAt: ctx.now })),
          );
      }
      counts.structures = analyse.lignes.length;
    } else {
      // Slugs are unique across the deployment (a few thousand at most): read them once.
      const taken = new Set((await tx.select({ slug: promeneurs.slug }).from(promeneurs)).map((r) => r.slug));
      for (const part of chunks(analyse.lignes)) {
        const inserted = await tx
          .insert(promeneurs)
          .values(
            part.map(({ ligne: _ligne, communes: _communes, epci: _epci, motifStatut, ...p }) => ({
              ...p,
              departement,
              motifStatut,
              slug: reserveSlug(p.nomPublic, taken),
              proposePar: actor.userId,
              statutDepuis: ctx.now,
              createdAt: ctx.now,
              updatedAt: ctx.now,
            })),
          )
          .returning({ id: promeneurs.id });
        const territoires = part.flatMap((p, i) => {
          const promeneurId = (inserted[i] as { id: string }).id;
          return [
            ...p.communes.map((communeCode) => ({ promeneurId, communeCode, epciSiren: null })),
            ...p.epci.map((epciSiren) => ({ promeneurId, communeCode: null, epciSiren })),
          ];
        });
        for (const t of chunks(territoires, 2000)) await tx.insert(promeneurTerritoires).values(t);
        counts.territoires += territoires.length;
      }
      counts.promeneurs = analyse.lignes.length;
    }

    await recordAudit(
      tx,
      actor,
      {
        action: "reseau.importer",
        entityType: "reseau",
        entityId: null,
        departement,
        changes: { kind, fichier: fichierNom, lignes: analyse.total, ...counts },
      },
      ctx.requestId,
    );
    return { ok: true, analyse, counts };
  });
}

/** A free public slug for this name, reserved in `taken` so that the next line of the file gets another. */
function reserveSlug(nomPublic: string, taken: Set<string>): string {
  const slug = slugLibre(slugBase(nomPublic), taken);
  taken.add(slug);
  return slug;
}
