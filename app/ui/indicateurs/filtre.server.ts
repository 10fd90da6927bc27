/** The choices of the dashboard's territory filter: the EPCI and communes of a département. */
import { communes, epci } from "@db/schema";
import { asc, eq } from "drizzle-orm";
import type { Executor } from "~/server/db.server";
import type { ListesFiltre } from "./filtre";

const collator = new Intl.Collator("fr", { sensitivity: "base", numeric: true });

export async function listesFiltre(db: Executor, departement: string): Promise<ListesFiltre> {
  const rows = await db
    .select({ code: communes.code, nom: communes.nom, epci: communes.epciSiren, epciNom: epci.nom })
    .from(communes)
    .leftJoin(epci, eq(epci.siren, communes.epciSiren))
    .where(eq(communes.departement, departement))
    .orderBy(asc(communes.code));
  const epcis = new Map<string, string>();
  for (const r of rows) if (r.epci && r.epciNom) epcis.set(r.epci, r.epciNom);
  return {
    epcis: [...epcis].map(([siren, nom]) => ({ siren, nom })).sort((a, b) => collator.compare(a.nom, b.nom)),
    communes: rows
      .map((r) => ({ code: r.code, nom: r.nom, epci: r.epci }))
      .sort((a, b) => collator.compare(a.nom, b.nom)),
  };
}
