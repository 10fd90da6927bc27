import { communes, epci, qpv } from "@db/schema";
import { and, asc, eq, isNotNull, sql } from "drizzle-orm";
import type { Executor } from "~/server/db.server";

export type CarteCommune = {
  code: string;
  nom: string;
  population: number;
  epci: string | null;
  frrStatut: string | null;
  /** True once its boundary is imported (the geometry itself comes from findContours). */
  hasContour: boolean;
  /** Names of the QPV of the commune. */
  qpv: string[];
};

const collator = new Intl.Collator("fr", { sensitivity: "base", numeric: true });

/** Communes of a département for the public coverage map, in French alphabetical order. */
export async function findCarteCommunes(db: Executor, departement: string): Promise<CarteCommune[]> {
  const [rows, quartiers] = await Promise.all([
    db
      .select({
        code: communes.code,
        nom: communes.nom,
        population: communes.population,
        epci: epci.nom,
        frrStatut: communes.frrStatut,
        hasContour: sql<boolean>`${communes.contour} is not null`,
      })
      .from(communes)
      .leftJoin(epci, eq(epci.siren, communes.epciSiren))
      .where(eq(communes.departement, departement)),
    db
      .select({ communeCode: qpv.communeCode, nom: qpv.nom })
      .from(qpv)
      .where(eq(qpv.departement, departement))
      .orderBy(asc(qpv.code)),
  ]);
  const qpvOf = new Map<string, string[]>();
  for (const q of quartiers) qpvOf.set(q.communeCode, [...(qpvOf.get(q.communeCode) ?? []), q.nom]);
  return rows.map((c) => ({ ...c, qpv: qpvOf.get(c.code) ?? [] })).sort((a, b) => collator.compare(a.nom, b.nom));
}

/** The imported boundaries (GeoJSON geometries) of a département's communes, by INSEE code. */
export async function findContours(db: Executor, departement: string): Promise<Map<string, unknown>> {
  const rows = await db
    .select({ code: communes.code, contour: communes.contour })
    .from(communes)
    .where(and(eq(communes.departement, departement), isNotNull(communes.contour)));
  return new Map(rows.map((r) => [r.code, r.contour]));
}

/** Changes whenever boundaries are imported again: the key of the projected geometry's cache. */
export async function contoursVersion(db: Executor, departement: string): Promise<string> {
  const [row] = await db
    .select({
      at: sql<string | null>`max(${communes.territoireImporteLe})::text`,
      n: sql<number>`count(${communes.contour})::int`,
    })
    .from(communes)
    .where(eq(communes.departement, departement));
  return `${row?.at ?? "-"}|${row?.n ?? 0}`;
}
