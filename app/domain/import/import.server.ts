import { auditLog, communes, epci, promeneurs, promeneurTerritoires, structures } from "@db/schema";
import { asc, eq, inArray, like, notInArray, or, sql } from "drizzle-orm";
import type { Actor } from "~/domain/comptes/actor";
import { can } from "~/domain/comptes/policy";
import { STATUTS_FINAUX } from "~/domain/promeneurs/promeneur.rules";
import { slugBase, slugLibre } from "~/lib/text";
import { recordAudit } from "~/server/audit.server";
import type { Database, Executor } from "~/server/db.server";
import { notFound } from "~/server/errors.server";
import type { ImportKind } from "./import.columns";
import {
  analyseImport,
  type ImportAnalyse,
  type ImportReference,
  type PromeneurImporte,
  type StructureImportee,
} from "./import.rules";

/**
 * Import of an existing network from a CSV file: `previewImport` checks and writes nothing;
 * `applyImport` checks again inside one transaction and, only when every line is valid, inserts
 * every line, one audit row per structure or promeneur created (their history starts there) and
 * one summary row `reseau.importer`, all or nothing.
 */

type Ctx = { db: Database; now: Date; requestId?: string };

/**
 * What the checks need from the database: communes, EPCI and structures of the département, and
 * the e-mails of the promeneurs still in the network, whatever their département (the database
 * allows one such promeneur per address).
 */
export async function loadImportReference(db: Executor, departement: string): Promise<ImportReference> {
  // One query after the other: `db` may be the import's transaction, one connection that runs one
  // query at a time (pg 9 will refuse a query sent while another runs).
  const communeRows = await db
    .select({ code: communes.code, nom: communes.nom, codesPostaux: communes.codesPostaux })
    .from(communes)
    .where(eq(communes.departement, departement))
    .orderBy(asc(communes.code));
  const epciRows = await db
    .selectDistinct({ siren: epci.siren, nom: epci.nom })
    .from(epci)
    .innerJoin(communes, eq(communes.epciSiren, epci.siren))
    .where(eq(communes.departement, departement));
  const structureRows = await db
    .select({ id: structures.id, nom: structures.nom, statut: structures.statut, commune: communes.nom })
    .from(structures)
    .leftJoin(communes, eq(communes.code, structures.communeCode))
    .where(eq(structures.departement, departement));
  const emailRows = await db
    .select({ email: sql<string>`lower(${promeneurs.email})` })
    .from(promeneurs)
    .where(notInArray(promeneurs.statut, [...STATUTS_FINAUX]));
  return {
    departement,
    communes: communeRows,
    epci: epciRows,
    structures: structureRows,
    emailsPromeneurs: emailRows.map((r) => r.email),
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

type Journal = { tx: Executor; actor: Actor; departement: string; fichier: string; requestId?: string };

/**
 * The history rows of the records an import creates, in one statement (same transaction): each
 * change is `{ avant: null, apres }`, as the creation forms write it, plus the file it came from.
 */
async function journaliser(
  { tx, actor, departement, fichier, requestId }: Journal,
  action: string,
  entityType: string,
  rows: { id: string; values: Record<string, unknown> }[],
): Promise<void> {
  const apres = (v: unknown) => (v instanceof Date ? v.toISOString() : v);
  for (const part of chunks(rows)) {
    await tx.insert(auditLog).values(
      part.map(({ id, values }) => ({
        actorUserId: actor.userId,
        actorLabel: `${actor.nom} <${actor.email}>`,
        departement,
        action,
        entityType,
        entityId: id,
        changes: {
          ...Object.fromEntries(
            Object.entries(values)
              .filter(([, v]) => v !== null && v !== undefined)
              .map(([k, v]) => [k, { avant: null, apres: apres(v) }]),
          ),
          fichier,
        },
        requestId: requestId ?? null,
      })),
    );
  }
}

async function insertStructures(
  journal: Journal,
  lignes: StructureImportee[],
  now: Date,
): Promise<Pick<ImportCounts, "structures">> {
  for (const part of chunks(lignes)) {
    const values = part.map(({ ligne: _ligne, ...s }) => s);
    const inserted = await journal.tx
      .insert(structures)
      .values(values.map((s) => ({ ...s, departement: journal.departement, createdAt: now, updatedAt: now })))
      .returning({ id: structures.id });
    await journaliser(
      journal,
      "structure.importer",
      "structure",
      values.map((s, i) => ({ id: (inserted[i] as { id: string }).id, values: s })),
    );
  }
  return { structures: lignes.length };
}

/**
 * Public slugs as the proposal form makes them (public name + the structure's commune), each one
 * free: only the slugs starting with one of the file's bases are read, not the whole table.
 */
async function reserveSlugs(tx: Executor, bases: string[]): Promise<(base: string) => string> {
  const taken = new Set<string>();
  for (const part of chunks([...new Set(bases)], 200)) {
    const rows = await tx
      .select({ slug: promeneurs.slug })
      .from(promeneurs)
      .where(or(inArray(promeneurs.slug, part), ...part.map((base) => like(promeneurs.slug, `${base}-%`))));
    for (const row of rows) taken.add(row.slug);
  }
  return (base) => {
    const slug = slugLibre(base, taken);
    taken.add(slug);
    return slug;
  };
}

async function insertPromeneurs(
  journal: Journal,
  lignes: PromeneurImporte[],
  ref: ImportReference,
  now: Date,
): Promise<Omit<ImportCounts, "structures">> {
  const communeOf = new Map(ref.structures.map((s) => [s.id, s.commune ?? s.nom]));
  const baseOf = (p: Pick<PromeneurImporte, "nomPublic" | "structureId">) =>
    slugBase(p.nomPublic, communeOf.get(p.structureId));
  const reserve = await reserveSlugs(journal.tx, lignes.map(baseOf));
  let territoires = 0;
  for (const part of chunks(lignes)) {
    const values = part.map(({ ligne: _ligne, communes: _communes, epci: _epci, ...p }) => ({
      ...p,
      slug: reserve(baseOf(p)),
    }));
    const inserted = await journal.tx
      .insert(promeneurs)
      .values(
        values.map((p) => ({
          ...p,
          departement: journal.departement,
          proposePar: journal.actor.userId,
          statutDepuis: now,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .returning({ id: promeneurs.id });
    const ids = inserted.map((r) => r.id);
    await journaliser(
      journal,
      "promeneur.importer",
      "promeneur",
      values.map((p, i) => {
        const ligne = part[i] as PromeneurImporte;
        return {
          id: ids[i] as string,
          values: { ...p, communes: ligne.communes.join(", ") || null, epci: ligne.epci.join(", ") || null },
        };
      }),
    );
    const rows = part.flatMap((p, i) => {
      const promeneurId = ids[i] as string;
      return [
        ...p.communes.map((communeCode) => ({ promeneurId, communeCode, epciSiren: null })),
        ...p.epci.map((epciSiren) => ({ promeneurId, communeCode: null, epciSiren })),
      ];
    });
    for (const t of chunks(rows, 2000)) await journal.tx.insert(promeneurTerritoires).values(t);
    territoires += rows.length;
  }
  return { promeneurs: lignes.length, territoires };
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
  if (!can(actor, "reseau.importer", { departement })) notFound();
  return ctx.db.transaction(async (tx) => {
    const ref = await loadImportReference(tx, departement);
    const analyse = analyseImport(kind, bytes, ref, ctx.now);
    if (analyse.erreurs.length > 0 || analyse.lignes.length === 0) return { ok: false, analyse };

    const journal: Journal = { tx, actor, departement, fichier: fichierNom, requestId: ctx.requestId };
    const counts: ImportCounts = {
      structures: 0,
      promeneurs: 0,
      territoires: 0,
      ...(analyse.kind === "structures"
        ? await insertStructures(journal, analyse.lignes, ctx.now)
        : await insertPromeneurs(journal, analyse.lignes, ref, ctx.now)),
    };

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
