import { describe, expect, it } from "vitest";
import { getDb } from "~/server/db.server";
import { insertCreneau, insertProfil, insertPromeneur } from "../../../tests/factories/promeneur";
import { insertRapport } from "../../../tests/factories/rapport";
import {
  findRapportsDuPromeneur,
  findReseauxDuPromeneur,
  findResumePersonnel,
  MOIS_LISTE_MAX,
} from "./rapport.queries.server";

/** 12 April 2026, Paris: the March report is due on the 10th, so it is late if not submitted. */
const now = new Date("2026-04-12T10:00:00+02:00");

describe("findRapportsDuPromeneur", () => {
  it("liste les mois de l'entrée au mois en cours, le plus récent d'abord, avec échéance et retard", async () => {
    const p = await insertPromeneur(getDb(), { statut: "actif", entreeLe: new Date("2026-01-15T09:00:00Z") });
    await insertRapport(getDb(), p, "2026-03-01", { statut: "brouillon" });
    await insertRapport(getDb(), p, "2026-02-01", { statut: "soumis", soumisLe: new Date("2026-03-05T10:00:00Z") });
    const mois = await findRapportsDuPromeneur(getDb(), p.id, now);
    expect(mois?.map((m) => [m.mois, m.statut, m.echeance, m.enRetard, m.enCours])).toEqual([
      ["2026-04-01", null, "2026-05-10", false, true],
      ["2026-03-01", "brouillon", "2026-04-10", true, false],
      ["2026-02-01", "soumis", "2026-03-10", false, false],
      ["2026-01-01", null, "2026-02-10", true, false],
    ]);
  });

  it("n'est pas en retard le jour de l'échéance", async () => {
    const p = await insertPromeneur(getDb(), { statut: "actif", entreeLe: new Date("2026-03-02T09:00:00Z") });
    const mois = await findRapportsDuPromeneur(getDb(), p.id, new Date("2026-04-10T21:00:00+02:00"));
    expect(mois?.find((m) => m.mois === "2026-03-01")?.enRetard).toBe(false);
  });

  it("remonte au plus 24 mois, s'arrête au mois de sortie, et répond null pour un promeneur inconnu", async () => {
    const ancien = await insertPromeneur(getDb(), { statut: "actif", entreeLe: new Date("2020-01-01T09:00:00Z") });
    const liste = await findRapportsDuPromeneur(getDb(), ancien.id, now);
    expect(liste).toHaveLength(MOIS_LISTE_MAX);
    expect(liste?.at(-1)?.mois).toBe("2024-05-01");

    const sorti = await insertPromeneur(getDb(), {
      statut: "sorti",
      entreeLe: new Date("2025-11-03T09:00:00Z"),
      sortieLe: new Date("2026-02-20T09:00:00Z"),
    });
    expect((await findRapportsDuPromeneur(getDb(), sorti.id, now))?.map((m) => m.mois)).toEqual([
      "2026-02-01",
      "2026-01-01",
      "2025-12-01",
      "2025-11-01",
    ]);
    expect(await findRapportsDuPromeneur(getDb(), "00000000-0000-4000-8000-000000000000", now)).toBeNull();
  });
});

describe("findResumePersonnel", () => {
  it("additionne les bilans soumis ou validés des 12 derniers mois, moyenne la file active, classe les thèmes", async () => {
    const p = await insertPromeneur(getDb(), { statut: "actif" });
    await insertRapport(
      getDb(),
      p,
      "2026-03-01",
      { statut: "valide", nouveauxJeunes: 4, fileActive: 10, echanges: 30, heuresEnLigne: 10.5 },
      { theme: { sante: 5, logement: 2 } },
    );
    await insertRapport(
      getDb(),
      p,
      "2025-05-01",
      { statut: "soumis", nouveauxJeunes: 2, fileActive: 15, echanges: 20, heuresEnLigne: 4.2 },
      { theme: { sante: 1, scolarite: 7, mobilite: 2, addictions: 2 } },
    );
    // Hors période (13 mois), brouillon et à corriger : pas comptés.
    await insertRapport(getDb(), p, "2025-04-01", { statut: "valide", echanges: 1000 }, { theme: { droits: 99 } });
    await insertRapport(getDb(), p, "2026-02-01", { statut: "brouillon", echanges: 500 }, { theme: { droits: 99 } });
    await insertRapport(getDb(), p, "2026-01-01", { statut: "a_corriger", echanges: 500 }, { theme: { droits: 99 } });

    expect(await findResumePersonnel(getDb(), p.id, now)).toEqual({
      du: "2025-05-01",
      au: "2026-04-01",
      bilans: 2,
      nouveauxJeunes: 6,
      fileActiveMoyenne: 13,
      echanges: 50,
      heuresEnLigne: 14.7,
      themes: [
        { code: "scolarite", nombre: 7 },
        { code: "sante", nombre: 6 },
        { code: "addictions", nombre: 2 },
      ],
    });
  });

  it("répond des zéros sans bilan", async () => {
    const p = await insertPromeneur(getDb(), { statut: "actif" });
    expect(await findResumePersonnel(getDb(), p.id, now)).toMatchObject({
      bilans: 0,
      fileActiveMoyenne: 0,
      themes: [],
    });
  });
});

describe("findReseauxDuPromeneur", () => {
  it("donne les réseaux des profils et des créneaux, dans l'ordre de la liste B", async () => {
    const p = await insertPromeneur(getDb(), { statut: "actif" });
    await insertProfil(getDb(), p, {
      reseau: "tiktok",
      handle: `essai.tiktok.${Date.now()}`,
      url: "https://www.tiktok.com/@essai",
    });
    await insertCreneau(getDb(), p.id, { jour: 2, debut: 600, fin: 660, reseaux: ["discord", "instagram"] });
    expect(await findReseauxDuPromeneur(getDb(), p.id)).toEqual(["instagram", "tiktok", "discord"]);
  });
});
