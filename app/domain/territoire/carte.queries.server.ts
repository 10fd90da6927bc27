import { communes, epci, qpv, structures } from "@db/schema";
import { and, asc, count, eq } from "drizzle-orm";
import type { Executor } from "~/server/db.server";

export type CarteCommune = {
  code: string;
  nom: string;
  population: number;
  epci: string | null;
  frrStatut: string | null;
  /** GeoJSON geometry (WGS84), null until the boundaries are imported. */
  contour: unknown;
  /** Names of the QPV of the commune. */
  qpv: string[];
  /** Active structures of the network in the commune. */
  structures: number;
};

const collator = new Intl.Collator("fr", { sensitivity: "base", numeric: true });

/** Communes of a département for the public coverage map, in French alphabetical order. */
export async function findCarteCommunes(db: Executor, departement: string): Promise<CarteCommune[]> {
  const [rows, quartiers, parCommune] = await Promise.all([
    db
      .select({
        code: communes.code,
        nom: communes.nom,
        population: communes.population,
        epci: epci.nom,
        frrStatut: communes.frrStatut,
        contour: communes.contour,
      })
      .from(communes)
      .leftJoin(epci, eq(epci.siren, communes.epciSiren))
      .where(eq(communes.departement, departement)),
    db
      .select({ communeCode: qpv.communeCode, nom: qpv.nom })
      .from(qpv)
      .where(eq(qpv.departement, departement))
      .orderBy(asc(qpv.code)),
    db
      .select({ communeCode: structures.communeCode, n: count() })
      .from(structures)
      .where(and(eq(structures.departement, departement), eq(structures.statut, "active")))
      .groupBy(structures.communeCode),
  ]);
  const qpvOf = new Map<string, string[]>();
  for (const q of quartiers) qpvOf.set(q.communeCode, [...(qpvOf.get(q.communeCode) ?? []), q.nom]);
  const structuresOf = new Map(parCommune.map((s) => [s.communeCode, s.n]));
  return rows
    .map((c) => ({ ...c, qpv: qpvOf.get(c.code) ?? [], structures: structuresOf.get(c.code) ?? 0 }))
    .sort((a, b) => collator.compare(a.nom, b.nom));
}
