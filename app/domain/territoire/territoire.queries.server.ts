import { communes, departements, epci, qpv } from "@db/schema";
import { and, asc, count, eq, isNotNull, sql, sum } from "drizzle-orm";
import type { Executor } from "~/server/db.server";

export type TerritoireSummary = {
  communes: number;
  population: number;
  frrPlus: number;
  frrSocle: number;
  frrImported: boolean;
  withBoundary: number;
  qpv: number;
  epci: number;
  /** When a commune of the département last changed through `npm run territoire:import`. */
  dernierImport: Date | null;
};

export async function countTerritoire(db: Executor, departement: string): Promise<TerritoireSummary> {
  const [row] = await db
    .select({
      communes: count(),
      population: sum(communes.population).mapWith(Number),
      frrPlus: sql<number>`count(*) filter (where ${communes.frrStatut} = 'frr_plus')`.mapWith(Number),
      frrSocle: sql<number>`count(*) filter (where ${communes.frrStatut} = 'frr_socle')`.mapWith(Number),
      frrImported: sql<number>`count(*) filter (where ${communes.frrStatut} is not null)`.mapWith(Number),
      withBoundary: sql<number>`count(*) filter (where ${communes.contour} is not null)`.mapWith(Number),
      epci: sql<number>`count(distinct ${communes.epciSiren})`.mapWith(Number),
      dernierImport: sql<Date | null>`max(${communes.territoireImporteLe})`.mapWith(communes.territoireImporteLe),
    })
    .from(communes)
    .where(eq(communes.departement, departement));
  const [q] = await db.select({ n: count() }).from(qpv).where(eq(qpv.departement, departement));
  return {
    communes: row?.communes ?? 0,
    population: row?.population ?? 0,
    frrPlus: row?.frrPlus ?? 0,
    frrSocle: row?.frrSocle ?? 0,
    frrImported: (row?.frrImported ?? 0) > 0,
    withBoundary: row?.withBoundary ?? 0,
    qpv: q?.n ?? 0,
    epci: row?.epci ?? 0,
    dernierImport: row?.dernierImport ?? null,
  };
}

export async function findCommunes(db: Executor, departement: string) {
  return db
    .select({
      code: communes.code,
      nom: communes.nom,
      population: communes.population,
      frrStatut: communes.frrStatut,
      epci: epci.nom,
      hasBoundary: isNotNull(communes.contour),
      qpv: sql<number>`(select count(*) from ${qpv} where ${qpv.communeCode} = ${communes.code})`.mapWith(Number),
    })
    .from(communes)
    .leftJoin(epci, eq(epci.siren, communes.epciSiren))
    .where(eq(communes.departement, departement))
    .orderBy(asc(communes.nom));
}

export async function findQpv(db: Executor, departement: string) {
  return db
    .select({ code: qpv.code, nom: qpv.nom, commune: communes.nom })
    .from(qpv)
    .innerJoin(communes, eq(communes.code, qpv.communeCode))
    .where(eq(qpv.departement, departement))
    .orderBy(asc(qpv.code));
}

export async function getDepartement(db: Executor, code: string) {
  const [row] = await db
    .select()
    .from(departements)
    .where(and(eq(departements.code, code)));
  return row ?? null;
}
