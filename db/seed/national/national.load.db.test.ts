import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { users } from "@db/schema";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findPromeneursPublics } from "~/domain/public/annuaire-public.queries.server";
import { getDb } from "~/server/db.server";
import { annuaireAttendu } from "../../../scripts/bench/attendus";
import { genererDonnees } from "../../../scripts/demo-national";
import { chargerNational, emailPromeneur, lireCsv } from "./national.load";
import { slugPromeneur, uuidDe } from "./national.rules";

// Scale 0.05: the smallest where every département has a structure (125 structures, 150
// promeneurs, 9,000 reports, about 50,000 request counts).
const SCALE = 0.05;
const SEED = 42;
let dossier: string;

const somme = (rows: Record<string, string>[], col: string) => rows.reduce((s, r) => s + Number(r[col]), 0);
const n = async (query: ReturnType<typeof sql>) => Number((await getDb().execute<{ n: number }>(query)).rows[0]?.n);

beforeAll(() => {
  dossier = fs.mkdtempSync(path.join(os.tmpdir(), "pdn-national-test-"));
  genererDonnees(dossier, SCALE, SEED);
});
afterAll(() => {
  fs.rmSync(dossier, { recursive: true, force: true });
});

describe("chargerNational", () => {
  it("refuses a database holding accounts that are neither the demo's nor the bench's", async () => {
    const db = getDb();
    await db.insert(users).values({ email: "vraie.personne@example.fr", nom: "Vraie Personne" });
    await expect(chargerNational(db, { dossier, scale: SCALE, seed: SEED })).rejects.toThrow(
      "Cette base contient 1 compte(s) qui ne sont ni de la démo ni du banc d'essai",
    );
    await db.delete(users).where(eq(users.email, "vraie.personne@example.fr"));
    expect(await n(sql`select count(*)::int as n from promeneurs`)).toBe(0);
  });

  it("loads the CSV into the model with every total intact, then says it is already there", async () => {
    const db = getDb();
    const resultat = await chargerNational(db, { dossier, scale: SCALE, seed: SEED });
    expect(resultat.etat).toBe("charge");

    const promeneurs = lireCsv(dossier, "promeneurs.csv");
    const profils = lireCsv(dossier, "social_profiles.csv");
    const rapports = lireCsv(dossier, "activity_reports.csv");
    const demandes = lireCsv(dossier, "report_requests.csv");
    expect(resultat.comptage).toMatchObject({
      structures: lireCsv(dossier, "structures.csv").length,
      promeneurs: promeneurs.length,
      profils: profils.length,
      verifications: profils.length,
      rapports: rapports.length,
      // national, a coordinator and a steering member per département, one per promeneur.
      comptes: 1 + 2 * 101 + promeneurs.length,
    });

    // Report totals and the request counts (two generator themes summed into one code).
    expect(await n(sql`select sum(nouveaux_jeunes)::int as n from rapports_mensuels`)).toBe(
      somme(rapports, "youth_new"),
    );
    expect(await n(sql`select sum(file_active)::int as n from rapports_mensuels`)).toBe(
      somme(rapports, "youth_followed"),
    );
    expect(await n(sql`select sum(echanges)::int as n from rapports_mensuels`)).toBe(somme(rapports, "exchanges"));
    expect(await n(sql`select sum(nombre)::int as n from rapport_comptes where rubrique = 'theme'`)).toBe(
      somme(demandes, "count"),
    );
    expect(await n(sql`select count(*)::int as n from rapports_mensuels where statut = 'valide'`)).toBe(
      rapports.filter((r) => r.status === "validated").length,
    );
    // Completed breakdowns keep their report's totals, on every report.
    expect(
      await n(sql`
        select count(*)::int as n from rapports_mensuels r
        where r.echanges_individuels + r.echanges_collectifs <> r.echanges
           or r.nouveaux_jeunes <> coalesce((select sum(nombre) from rapport_comptes c where c.rapport_id = r.id and c.rubrique = 'age_nouveaux'), 0)
           or r.file_active <> coalesce((select sum(nombre) from rapport_comptes c where c.rapport_id = r.id and c.rubrique = 'age_file'), 0)
           or r.echanges <> coalesce((select sum(nombre) from rapport_comptes c where c.rapport_id = r.id and c.rubrique = 'canal'), 0)`),
    ).toBe(0);
    // The monthly aggregates were rebuilt from the loaded reports.
    expect(await n(sql`select sum(nombre)::int as n from agregats_mensuels where rubrique = 'theme'`)).toBe(
      somme(demandes, "count"),
    );

    // Promeneur 1 under its derived id, with its account and public slug.
    const premier = promeneurs[0] as Record<string, string>;
    const [p] = (
      await db.execute<{ id: string; email: string; slug: string; statut: string; user_email: string }>(sql`
        select p.id, p.email, p.slug, p.statut, u.email as user_email
        from promeneurs p join users u on u.id = p.user_id where p.id = ${uuidDe("promeneur", 1)}::uuid`)
    ).rows;
    expect(p).toMatchObject({
      email: emailPromeneur(1),
      user_email: emailPromeneur(1),
      slug: slugPromeneur(premier.display_name as string, 1),
      statut: { active: "actif", suspended: "suspendu", left: "sorti" }[premier.status as string],
    });

    // The public directory serves what the benchmark expects (conformity read at the end of the data).
    const maintenant = new Date("2026-11-30T12:00:00Z");
    const plusGrands = [...new Set(promeneurs.map((x) => x.departement as string))]
      .map((d) => ({ d, k: annuaireAttendu(promeneurs, profils, d).length }))
      .sort((a, b) => b.k - a.k)
      .slice(0, 3);
    expect(plusGrands[0]?.k).toBeGreaterThanOrEqual(2);
    for (const { d: departement } of plusGrands) {
      const { promeneurs: publics } = await findPromeneursPublics(db, departement, maintenant, { reseau: "instagram" });
      const attendu = annuaireAttendu(promeneurs, profils, departement);
      expect(publics.map((x) => x.slug)).toEqual(attendu.map((a) => slugPromeneur(a.nom, a.id)));
    }

    expect((await chargerNational(db, { dossier, scale: SCALE, seed: SEED })).etat).toBe("deja_charge");
    await expect(chargerNational(db, { dossier, scale: 1, seed: SEED })).rejects.toThrow(
      "Cette base contient déjà les données nationales à l'échelle 0.05 (graine 42)",
    );
  }, 300_000);
});
