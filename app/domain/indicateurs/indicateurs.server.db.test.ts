import { communes, departements, promeneurTerritoires, verificationsProfil } from "@db/schema";
import { beforeAll, describe, expect, it } from "vitest";
import { THEMES } from "~/domain/promeneurs/theme.labels";
import { instantParis, type JourCivil } from "~/lib/jour";
import { getDb } from "~/server/db.server";
import { insertProfil, insertPromeneur, type PromeneurRow } from "../../../tests/factories/promeneur";
import { insertRapport } from "../../../tests/factories/rapport";
import { insertRegroupement, invitePromeneur } from "../../../tests/factories/regroupement";
import { insertStructure } from "../../../tests/factories/structure";
import { refaireTousLesAgregats } from "./indicateurs.rapports.server";
import { calculerIndicateurs, indicateursParDepartement, vueDe } from "./indicateurs.server";
import type { FiltreIndicateurs, Indicateurs } from "./indicateurs.types";
import { periodeAnnee } from "./periode";

/*
 * Département T7: two communes (T7001, 500 inhabitants, covered by both promeneurs; T7002, 100,
 * uncovered), two promeneurs active since 2024 — Inès (instagram conforming on 1 October 2025) and
 * Jules (instagram never verified) — their 2025 reports, and one gathering (Inès present, Jules absent).
 */
const DEP = "T7";
const VIDE = "T6";
const j = (annee: number, mois: number, jour: number): JourCivil => ({ annee, mois, jour });
const midi = (annee: number, mois: number, jour: number) => instantParis(j(annee, mois, jour), 12);
const MAINTENANT = new Date("2026-03-01T10:00:00Z");
const filtre: FiltreIndicateurs = { departements: [DEP], periode: periodeAnnee(2025) };

let p1: PromeneurRow;
let p2: PromeneurRow;

beforeAll(async () => {
  const db = getDb();
  await db.insert(departements).values([
    { code: DEP, nom: "Département d'essai T7" },
    { code: VIDE, nom: "Département vide T6" },
  ]);
  await db.insert(communes).values([
    { code: "T7001", nom: "Ubac", departement: DEP, population: 500 },
    { code: "T7002", nom: "Adret", departement: DEP, population: 100 },
  ]);
  const structure = await insertStructure(db, { departement: DEP, communeCode: "T7001" });
  const actif = { departement: DEP, structureId: structure.id, statut: "actif", entreeLe: midi(2024, 1, 1) };
  p1 = await insertPromeneur(db, { ...actif, prenom: "Inès", nom: "Idir" });
  p2 = await insertPromeneur(db, { ...actif, prenom: "Jules", nom: "Joly" });
  await db.insert(promeneurTerritoires).values([
    { promeneurId: p1.id, communeCode: "T7001" },
    { promeneurId: p2.id, communeCode: "T7001" },
  ]);
  const profil = await insertProfil(db, p1, { createdAt: midi(2024, 1, 1) });
  await db.insert(verificationsProfil).values({
    departement: DEP,
    profilId: profil.id,
    verifieLe: midi(2025, 10, 1),
    resultat: "conforme",
    controles: [],
  });
  await insertProfil(db, p2, { createdAt: midi(2024, 1, 1) });
  await insertRapport(
    db,
    p1,
    "2025-03-01",
    { statut: "soumis", nouveauxJeunes: 3, echanges: 7, echangesIndividuels: 7 },
    { theme: { sante: 5, logement: 2, bien_etre: 4 }, reseau: { instagram: 7 } },
  );
  await insertRapport(
    db,
    p2,
    "2025-04-01",
    { statut: "valide", nouveauxJeunes: 1, echanges: 2, echangesIndividuels: 2 },
    { theme: { sante: 1 }, reseau: { instagram: 2 } },
  );
  await insertRapport(db, p2, "2025-05-01", { statut: "brouillon", nouveauxJeunes: 50 }, { theme: { sante: 50 } });
  await refaireTousLesAgregats(db);
  const g = await insertRegroupement(db, {
    departement: DEP,
    debut: instantParis(j(2025, 5, 1), 14),
    fin: instantParis(j(2025, 5, 1), 16),
  });
  await invitePromeneur(db, g, p1, { presence: "present" });
  await invitePromeneur(db, g, p2, { presence: "absent" });
});

describe("vueDe", () => {
  const role = (r: string, departement: string | null) => ({ role: r, departement, structureId: null }) as never;
  it("is the coordination view only for a coordinator of that single département", () => {
    expect(vueDe({ roles: [role("coordinateur", "04")] }, ["04"])).toBe("coordination");
    expect(vueDe({ roles: [role("coordinateur", "04")] }, ["05"])).toBe("agregee");
    expect(vueDe({ roles: [role("coordinateur", "04"), role("coordinateur", "05")] }, ["04", "05"])).toBe("agregee");
    expect(vueDe({ roles: [role("copil", "04")] }, ["04"])).toBe("agregee");
    expect(vueDe({ roles: [role("national", null)] }, ["04"])).toBe("agregee");
    expect(vueDe({ roles: [role("referent", "04")] }, ["04"])).toBe("agregee");
  });
});

describe("calculerIndicateurs", () => {
  it("assembles the report and network figures, every network of list B listed", async () => {
    const r = await calculerIndicateurs(getDb(), filtre, "coordination", MAINTENANT);
    expect(r.periodePrecedente.libelle).toBe("Année 2024");
    expect(r.rapports).toBe(2);
    expect(r.conformite).toMatchObject({ profils: 2, conformes: 1, aVerifier: 1 });
    expect(r.reseaux.reseauxConformes).toEqual({ valeur: 1, precedente: 0 });
    expect(r.reseaux.parReseau).toHaveLength(12);
    expect(r.reseaux.parReseau[0]).toEqual({
      code: "instagram",
      libelle: "Instagram",
      profilsConformes: 1,
      echanges: 9,
    });
    expect(r.reseaux.parReseau.find((x) => x.code === "tiktok")).toEqual({
      code: "tiktok",
      libelle: "TikTok",
      profilsConformes: 0,
      echanges: 0,
    });
    expect(r.participation.taux.valeur).toBe(0.5);
    expect(r.couverture.communes).toEqual({ total: 2, couvertes: 1, population: 600, populationCouverte: 500 });
    const instagram = await calculerIndicateurs(
      getDb(),
      { ...filtre, reseau: "instagram" },
      "coordination",
      MAINTENANT,
    );
    expect(instagram.reseaux.parReseau.map((x) => x.code)).toEqual(["instagram"]);
  });

  it("differs in the aggregate view exactly as the contract says: no list of people, small counts withheld", async () => {
    const coordination = await calculerIndicateurs(getDb(), filtre, "coordination", MAINTENANT);
    const agregee = await calculerIndicateurs(getDb(), filtre, "agregee", MAINTENANT);
    expect(coordination.conformite.aSuivre?.map((p) => [p.promeneur, p.statut])).toEqual([
      ["Jules Joly", "a_verifier"],
    ]);
    expect(coordination.participation.parPromeneur?.map((p) => [p.promeneur, p.taux])).toEqual([
      ["Inès Idir", 1],
      ["Jules Joly", 0],
    ]);
    expect(coordination.couverture.parCommune).toEqual([
      { code: "T7001", promeneurs: 2 },
      { code: "T7002", promeneurs: 0 },
    ]);
    const theme = (i: Indicateurs, code: string) => i.demandes.parTheme.find((p) => p.code === code)?.nombre;
    expect([theme(coordination, "sante"), theme(coordination, "logement"), theme(coordination, "bien_etre")]).toEqual([
      6, 2, 4,
    ]);

    // The aggregate view is the coordination's with: no list of people, the commune covered by 2
    // read « < 3 », the theme counted 2 withheld and, being the only one, the next smallest (4) too.
    const attendu: Indicateurs = structuredClone(coordination);
    attendu.vue = "agregee";
    attendu.conformite.aSuivre = null;
    attendu.participation.parPromeneur = null;
    attendu.couverture.parCommune = [
      { code: "T7001", promeneurs: null },
      { code: "T7002", promeneurs: 0 },
    ];
    attendu.demandes.parTheme = attendu.demandes.parTheme.map((p) =>
      p.code === "logement" || p.code === "bien_etre" ? { ...p, nombre: null } : p,
    );
    expect(agregee).toEqual(attendu);
  });
});

describe("indicateursParDepartement", () => {
  it("gives one line per département, in the filter's order, an empty one with zeros", async () => {
    const lignes = await indicateursParDepartement(getDb(), { ...filtre, departements: [VIDE, DEP] }, MAINTENANT);
    // Themes 6, 2, 4 out of 12: Shannon index divided by ln(number of themes of list E).
    const p = [6 / 12, 2 / 12, 4 / 12];
    const shannon = -p.reduce((h, x) => h + x * Math.log(x), 0) / Math.log(THEMES.length);
    expect(lignes).toEqual([
      {
        code: VIDE,
        nom: "Département vide T6",
        promeneursActifs: 0,
        rapports: 0,
        tauxConformite: null,
        nouveaux: 0,
        echanges: 0,
        demandes: 0,
        shannon: null,
        tauxParticipation: null,
        publications: 0,
        actionsCommunication: 0,
        tauxPopulationCouverte: null,
      },
      {
        code: DEP,
        nom: "Département d'essai T7",
        promeneursActifs: 2,
        rapports: 2,
        tauxConformite: 0.5,
        nouveaux: 4,
        echanges: 9,
        demandes: 12,
        shannon: expect.closeTo(shannon, 10),
        tauxParticipation: 0.5,
        publications: 0,
        actionsCommunication: 0,
        tauxPopulationCouverte: 500 / 600,
      },
    ]);
  });
});
