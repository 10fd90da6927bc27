import { agregatsARefaire, rapportsMensuels } from "@db/schema";
import { expect, it } from "vitest";
import { getDb } from "~/server/db.server";
import { seedDemoIfEmpty } from "../../../db/seed/demo";
import { indicateursRapports } from "./indicateurs.rapports.server";
import type { PeriodeIndicateurs } from "./indicateurs.types";

const annee = (n: number): PeriodeIndicateurs => ({
  nature: "annee",
  du: { annee: n, mois: 1, jour: 1 },
  au: { annee: n, mois: 12, jour: 31 },
  libelle: `Année ${n}`,
});

it("la démo marque les mois de ses bilans : le tableau de bord la lit juste dès le premier démarrage", async () => {
  const now = new Date("2026-03-10T10:00:00+01:00");
  expect(await seedDemoIfEmpty(getDb(), now)).toBe("seeded");
  // Every month having a report is marked stale, then rebuilt at the first reading.
  const marques = await getDb().select().from(agregatsARefaire);
  const moisDesBilans = await getDb().selectDistinct({ mois: rapportsMensuels.mois }).from(rapportsMensuels);
  expect(marques.map((m) => `${m.departement} ${m.mois}`).sort()).toEqual(
    moisDesBilans.map((r) => `04 ${r.mois}`).sort(),
  );
  expect(marques.length).toBeGreaterThan(0);
  const filtre = { departements: ["04"], periode: annee(2025) };
  const parAgregats = await indicateursRapports(getDb(), filtre, annee(2024), "coordination");
  expect(parAgregats.rapports).toBeGreaterThan(50);
  expect(await getDb().select().from(agregatsARefaire)).toEqual([]);
  expect(parAgregats).toEqual(
    await indicateursRapports(getDb(), filtre, annee(2024), "coordination", { source: "rapports" }),
  );
});
