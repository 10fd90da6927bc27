import fs from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { Database, Executor } from "~/server/db.server";
import { appMeta, communes, departements, epci } from "../schema";

type DecoupageCommune = {
  code: string;
  nom: string;
  type: string;
  departement: string;
  codesPostaux?: string[];
  population?: number;
};
type DecoupageEpci = {
  code: string;
  nom: string;
  type: string;
  populationMunicipale?: number;
  membres: { code: string }[];
};
type DecoupageDepartement = { code: string; nom: string; region?: string };

const META_KEY = "territoire.decoupage";

async function readDecoupage<T>(file: string): Promise<T> {
  const require = createRequire(import.meta.url);
  const root = path.dirname(require.resolve("@etalab/decoupage-administratif/package.json"));
  return JSON.parse(await fs.readFile(path.join(root, "data", file), "utf8")) as T;
}

async function packageVersion(): Promise<string> {
  const require = createRequire(import.meta.url);
  const pkg = JSON.parse(
    await fs.readFile(require.resolve("@etalab/decoupage-administratif/package.json"), "utf8"),
  ) as { version: string };
  return pkg.version;
}

async function insertChunks<T>(items: T[], size: number, insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += size) await insert(items.slice(i, i + size));
}

/**
 * Départements, EPCI and current communes of the COG, from @etalab/decoupage-administratif.
 * Upserts by code; runs again only when the package version changes. FRR, QPV and boundaries
 * (imported by `npm run territoire:import`) are kept.
 */
export async function seedTerritoire(db: Database): Promise<{ skipped: boolean }> {
  const version = await packageVersion();
  const [meta] = await db.select().from(appMeta).where(sql`${appMeta.key} = ${META_KEY}`);
  if (meta?.value === version) return { skipped: true };

  const [deps, epcis, allCommunes] = await Promise.all([
    readDecoupage<DecoupageDepartement[]>("departements.json"),
    readDecoupage<DecoupageEpci[]>("epci.json"),
    readDecoupage<DecoupageCommune[]>("communes.json"),
  ]);
  const current = allCommunes.filter((c) => c.type === "commune-actuelle");
  const communeDep = new Map(current.map((c) => [c.code, c.departement]));
  const epciOf = new Map<string, string>();
  for (const e of epcis) for (const m of e.membres) epciOf.set(m.code, e.code);

  await db.transaction(async (tx: Executor) => {
    await insertChunks(deps, 500, (chunk) =>
      tx
        .insert(departements)
        .values(chunk.map((d) => ({ code: d.code, nom: d.nom, region: d.region ?? null })))
        .onConflictDoUpdate({
          target: departements.code,
          set: { nom: sql`excluded.nom`, region: sql`excluded.region` },
        }),
    );
    await insertChunks(epcis, 500, (chunk) =>
      tx
        .insert(epci)
        .values(
          chunk.map((e) => ({
            siren: e.code,
            nom: e.nom,
            type: e.type,
            population: e.populationMunicipale ?? null,
            departements: [
              ...new Set(e.membres.map((m) => communeDep.get(m.code)).filter((d): d is string => !!d)),
            ].sort(),
          })),
        )
        .onConflictDoUpdate({
          target: epci.siren,
          set: {
            nom: sql`excluded.nom`,
            type: sql`excluded.type`,
            population: sql`excluded.population`,
            departements: sql`excluded.departements`,
          },
        }),
    );
    await insertChunks(current, 2000, (chunk) =>
      tx
        .insert(communes)
        .values(
          chunk.map((c) => ({
            code: c.code,
            nom: c.nom,
            departement: c.departement,
            epciSiren: epciOf.get(c.code) ?? null,
            population: c.population ?? 0,
            codesPostaux: c.codesPostaux ?? [],
          })),
        )
        .onConflictDoUpdate({
          target: communes.code,
          set: {
            nom: sql`excluded.nom`,
            departement: sql`excluded.departement`,
            epciSiren: sql`excluded.epci_siren`,
            population: sql`excluded.population`,
            codesPostaux: sql`excluded.codes_postaux`,
          },
        }),
    );
    await tx
      .insert(appMeta)
      .values({ key: META_KEY, value: version })
      .onConflictDoUpdate({ target: appMeta.key, set: { value: version, updatedAt: new Date() } });
  });
  return { skipped: false };
}
