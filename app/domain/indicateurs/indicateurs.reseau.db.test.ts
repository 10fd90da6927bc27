import {
  actionsCommunication,
  actualites,
  communes,
  departements,
  epci,
  promeneurTerritoires,
  qpv,
  verificationsProfil,
  vuesPages,
} from "@db/schema";
import { beforeAll, describe, expect, it } from "vitest";
import { instantParis, type JourCivil } from "~/lib/jour";
import { getDb } from "~/server/db.server";
import { insertProfil, insertPromeneur, type PromeneurRow } from "../../../tests/factories/promeneur";
import { insertRegroupement, invitePromeneur } from "../../../tests/factories/regroupement";
import { insertStructure } from "../../../tests/factories/structure";
import { indicateursReseau, reseauParDepartement } from "./indicateurs.reseau.server";
import type { FiltreIndicateurs } from "./indicateurs.types";
import { periodeAnnee, periodePrecedente } from "./periode";

/*
 * A small territory of its own (département T9), so that every expected value is computed by hand:
 *
 *   commune  population  FRR         EPCI   QPV        covered at 31/12/2025 by   at 31/12/2024 by
 *   T9001    1 000       frr_plus    E1     Q3         A (EPCI), B, G             A, G
 *   T9002      200       frr_plus    E1                A (EPCI)                   A
 *   T9003       50       frr_socle   E1                A (EPCI)                   A
 *   T9004    5 000       non_classee E2     Q1, Q2     B                          —
 *   T9005      300       frr_plus    E2     Q4         — (C gone, E not yet in)   C
 *   T9006       80       —           —                 — (D suspended)            D
 *
 * Promeneurs: A active since 1 June 2024, B since 1 March 2025, G since 2020, C gone on 30 June
 * 2025, D suspended since 1 November 2025, E enters on 15 January 2026, F only proposed.
 */
const DEP = "T9";
const VIDE = "T8";
const E1 = "T9E000001";
const E2 = "T9E000002";
const j = (annee: number, mois: number, jour: number): JourCivil => ({ annee, mois, jour });
const midi = (annee: number, mois: number, jour: number) => instantParis(j(annee, mois, jour), 12);
const MAINTENANT = new Date("2026-06-01T10:00:00Z");
const ANNEE = periodeAnnee(2025);
const PRECEDENTE = periodePrecedente(ANNEE);
const filtre = (autres: Partial<FiltreIndicateurs> = {}): FiltreIndicateurs => ({
  departements: [DEP],
  periode: ANNEE,
  ...autres,
});

let pa: PromeneurRow;
let pb: PromeneurRow;
let pg: PromeneurRow;

async function verifier(profilId: string, jour: Date, resultat: "conforme" | "non_conforme") {
  await getDb()
    .insert(verificationsProfil)
    .values({ departement: DEP, profilId, verifieLe: jour, resultat, controles: [] });
}

beforeAll(async () => {
  const db = getDb();
  await db.insert(departements).values([
    { code: DEP, nom: "Département d'essai" },
    { code: VIDE, nom: "Département vide" },
  ]);
  await db.insert(epci).values([
    { siren: E1, nom: "CC des Essais", type: "CC", departements: [DEP] },
    { siren: E2, nom: "CA du Banc", type: "CA", departements: [DEP] },
  ]);
  await db.insert(communes).values([
    { code: "T9001", nom: "Alpha", departement: DEP, epciSiren: E1, population: 1000, frrStatut: "frr_plus" },
    { code: "T9002", nom: "Bêta", departement: DEP, epciSiren: E1, population: 200, frrStatut: "frr_plus" },
    { code: "T9003", nom: "Gamma", departement: DEP, epciSiren: E1, population: 50, frrStatut: "frr_socle" },
    { code: "T9004", nom: "Delta", departement: DEP, epciSiren: E2, population: 5000, frrStatut: "non_classee" },
    { code: "T9005", nom: "Epsilon", departement: DEP, epciSiren: E2, population: 300, frrStatut: "frr_plus" },
    { code: "T9006", nom: "Zêta", departement: DEP, epciSiren: null, population: 80, frrStatut: null },
  ]);
  await db.insert(qpv).values([
    { code: "QNT9001", nom: "Les Tours", communeCode: "T9004", departement: DEP },
    { code: "QNT9002", nom: "Le Parc", communeCode: "T9004", departement: DEP },
    { code: "QNT9003", nom: "Centre ancien", communeCode: "T9001", departement: DEP },
    { code: "QNT9004", nom: "La Gare", communeCode: "T9005", departement: DEP },
  ]);
  const centreSocial = await insertStructure(db, { departement: DEP, type: "centre_social", communeCode: "T9001" });
  const missionLocale = await insertStructure(db, { departement: DEP, type: "mission_locale", communeCode: "T9004" });
  const promeneur = (overrides: Parameters<typeof insertPromeneur>[1]) =>
    insertPromeneur(db, { departement: DEP, structureId: missionLocale.id, statut: "actif", ...overrides });
  pa = await promeneur({ prenom: "Anna", nom: "Aubert", structureId: centreSocial.id, entreeLe: midi(2024, 6, 1) });
  pb = await promeneur({ prenom: "Bruno", nom: "Blanc", entreeLe: midi(2025, 3, 1) });
  pg = await promeneur({ prenom: "Gaël", nom: "Garcin", entreeLe: midi(2020, 1, 1) });
  const pc = await promeneur({
    prenom: "Carla",
    nom: "Chabert",
    statut: "sorti",
    entreeLe: midi(2023, 1, 1),
    sortieLe: midi(2025, 6, 30),
    statutDepuis: midi(2025, 6, 30),
  });
  const pd = await promeneur({
    prenom: "Dora",
    nom: "Dumas",
    statut: "suspendu",
    entreeLe: midi(2024, 1, 1),
    statutDepuis: midi(2025, 11, 1),
  });
  const pe = await promeneur({ prenom: "Émile", nom: "Estève", entreeLe: midi(2026, 1, 15) });
  const pf = await promeneur({ prenom: "Fanny", nom: "Faure", statut: "propose" });
  await db.insert(promeneurTerritoires).values([
    { promeneurId: pa.id, epciSiren: E1 },
    { promeneurId: pb.id, communeCode: "T9004" },
    { promeneurId: pb.id, communeCode: "T9001" },
    { promeneurId: pg.id, communeCode: "T9001" },
    { promeneurId: pc.id, communeCode: "T9005" },
    { promeneurId: pd.id, communeCode: "T9006" },
    { promeneurId: pe.id, communeCode: "T9005" },
    { promeneurId: pf.id, communeCode: "T9006" },
  ]);

  // Profiles (all created on 1 January 2024 unless said otherwise).
  const cree = { createdAt: midi(2024, 1, 1) };
  const paInsta = await insertProfil(db, pa, {
    ...cree,
    reseau: "instagram",
    derniereVerificationLe: midi(2026, 1, 10),
    dernierResultat: "non_conforme",
  });
  await verifier(paInsta.id, midi(2025, 9, 10), "conforme");
  await verifier(paInsta.id, midi(2026, 1, 10), "non_conforme"); // after the period: ignored
  const paTiktok = await insertProfil(db, pa, { ...cree, reseau: "tiktok", handle: `pa.tiktok.${Date.now()}` });
  await verifier(paTiktok.id, midi(2025, 5, 15), "conforme"); // holds until 15 November 2025
  const pbInsta = await insertProfil(db, pb, { ...cree, reseau: "instagram" });
  await verifier(pbInsta.id, midi(2025, 10, 1), "non_conforme");
  await insertProfil(db, pb, { ...cree, reseau: "snapchat", handle: `pbsnap${Date.now() % 100000}` }); // never verified
  // Created after the period, never verified: not counted.
  await insertProfil(db, pb, { reseau: "x", handle: `pbx${Date.now() % 100000}`, createdAt: midi(2026, 2, 1) });
  const pgFacebook = await insertProfil(db, pg, { ...cree, reseau: "facebook", handle: `pg.facebook.${Date.now()}` });
  await verifier(pgFacebook.id, midi(2024, 9, 1), "conforme");
  await verifier(pgFacebook.id, midi(2025, 6, 30), "conforme"); // holds until 30 December 2025
  const pgYoutube = await insertProfil(db, pg, { ...cree, reseau: "youtube", handle: `pg.youtube.${Date.now()}` });
  await verifier(pgYoutube.id, midi(2025, 7, 1), "conforme"); // holds until 1 January 2026
  const pcInsta = await insertProfil(db, pc, { ...cree, reseau: "instagram" });
  await verifier(pcInsta.id, midi(2024, 10, 1), "conforme");
  // No history, only the copy on the profile (imported data): read as of its date.
  await insertProfil(db, pd, {
    ...cree,
    reseau: "instagram",
    derniereVerificationLe: midi(2024, 11, 1),
    dernierResultat: "conforme",
  });

  // Gatherings: 2025, a 3-hour training and a meeting; 2024, a 2-hour practice analysis; one cancelled.
  const g1 = await insertRegroupement(db, {
    departement: DEP,
    type: "formation_continue",
    debut: instantParis(j(2025, 3, 10), 9),
    fin: instantParis(j(2025, 3, 10), 12),
  });
  await invitePromeneur(db, g1, pa, { presence: "present" });
  await invitePromeneur(db, g1, pb, { presence: "absent" });
  await invitePromeneur(db, g1, pg, { presence: "present" });
  const g2 = await insertRegroupement(db, {
    departement: DEP,
    type: "reunion_departementale",
    debut: instantParis(j(2025, 5, 5), 10),
    fin: instantParis(j(2025, 5, 5), 12),
  });
  await invitePromeneur(db, g2, pa, { presence: "excuse" });
  await invitePromeneur(db, g2, pb, { presence: "present" });
  await invitePromeneur(db, g2, pg, { presence: null });
  const g0 = await insertRegroupement(db, {
    departement: DEP,
    type: "analyse_pratique",
    debut: instantParis(j(2024, 6, 1), 14),
    fin: instantParis(j(2024, 6, 1), 16),
  });
  await invitePromeneur(db, g0, pa, { presence: "present" });
  await invitePromeneur(db, g0, pg, { presence: "absent" });
  const annule = await insertRegroupement(db, {
    departement: DEP,
    type: "formation_continue",
    statut: "annule",
    motifAnnulation: "Neige",
    debut: instantParis(j(2025, 12, 1), 9),
    fin: instantParis(j(2025, 12, 1), 17),
  });
  await invitePromeneur(db, annule, pa, { presence: "present" });

  // Communication: three actions in 2025 (reach 100 + unknown + 50), one in 2024, one elsewhere.
  await db.insert(actionsCommunication).values([
    { departement: DEP, date: "2025-02-01", type: "presse", titre: "Article", portee: 100 },
    { departement: DEP, date: "2025-06-01", type: "stand", titre: "Forum" },
    { departement: DEP, date: "2025-12-31", type: "presse", titre: "Radio", portee: 50 },
    { departement: DEP, date: "2024-05-01", type: "flyer_affiche", titre: "Affiches", portee: 400 },
    { departement: VIDE, date: "2025-05-01", type: "presse", titre: "Ailleurs", portee: 9 },
  ]);
  const actu = (slug: string, statut: string, publieLe: Date | null) => ({
    departement: DEP,
    slug,
    titre: slug,
    resume: "Résumé",
    corps: "Texte",
    statut,
    publieLe,
  });
  await db
    .insert(actualites)
    .values([
      actu("avril", "publie", midi(2025, 4, 1)),
      actu("saint-sylvestre", "publie", instantParis(j(2025, 12, 31), 23, 30)),
      actu("brouillon", "brouillon", null),
      actu("l-an-dernier", "publie", midi(2024, 3, 1)),
      actu("jour-de-l-an", "publie", instantParis(j(2026, 1, 1), 0, 30)),
    ]);
  await db.insert(vuesPages).values([
    { jour: "2025-01-15", departement: DEP, chemin: "/", vues: 10 },
    { jour: "2025-01-20", departement: DEP, chemin: "/carte", vues: 5 },
    { jour: "2025-03-02", departement: DEP, chemin: "/", vues: 7 },
    { jour: "2024-12-31", departement: DEP, chemin: "/", vues: 100 },
    { jour: "2025-01-15", departement: VIDE, chemin: "/", vues: 1000 },
  ]);
});

describe("indicateursReseau — 1 and 3, conformity at the period's end", () => {
  it("counts the profiles of the promeneurs active on 31 December, with their status on that day", async () => {
    const r = await indicateursReseau(getDb(), filtre(), PRECEDENTE, "coordination", MAINTENANT);
    // Active on 31/12/2025: A, B, G (C gone, D suspended, E not yet in, F proposed).
    // A: instagram conforme (10/09/2025; the 10/01/2026 one is after), tiktok à vérifier (15/05 + 6 months = 15/11);
    // B: instagram non conforme, snapchat never verified, x created in 2026 (not counted);
    // G: facebook à vérifier (30/06 + 6 months = 30/12 < 31/12), youtube conforme (01/07 + 6 months = 01/01/2026).
    expect(r.conformite).toMatchObject({ profils: 6, conformes: 2, nonConformes: 1, aVerifier: 3 });
    // On 31/12/2024: A, C, D, G active; conforming: C (01/10/2024), D (copy of 01/11/2024), G facebook (01/09/2024).
    expect(r.conformite.taux).toEqual({ valeur: 2 / 6, precedente: 3 / 6 });
    expect(r.profilsConformesParReseau).toEqual({ instagram: 1, youtube: 1 });
    expect(r.reseauxConformes).toEqual({ valeur: 2, precedente: 2 });
  });

  it("lists the profiles to follow, since when, in the coordination view only", async () => {
    const r = await indicateursReseau(getDb(), filtre(), PRECEDENTE, "coordination", MAINTENANT);
    expect(
      r.conformite.aSuivre?.map(({ promeneur, reseau, statut, depuis }) => ({ promeneur, reseau, statut, depuis })),
    ).toEqual([
      { promeneur: "Anna Aubert", reseau: "tiktok", statut: "a_verifier", depuis: "2025-11-16" },
      { promeneur: "Bruno Blanc", reseau: "instagram", statut: "non_conforme", depuis: "2025-10-01" },
      { promeneur: "Bruno Blanc", reseau: "snapchat", statut: "a_verifier", depuis: null },
      { promeneur: "Gaël Garcin", reseau: "facebook", statut: "a_verifier", depuis: "2025-12-31" },
    ]);
    expect(r.conformite.aSuivre?.[1]?.promeneurId).toBe(pb.id);
    const agregee = await indicateursReseau(getDb(), filtre(), PRECEDENTE, "agregee", MAINTENANT);
    expect(agregee.conformite.aSuivre).toBeNull();
    expect(agregee.conformite.conformes).toBe(2);
  });

  it("keeps one network's profiles, or the profiles of one structure type's promeneurs", async () => {
    const instagram = await indicateursReseau(
      getDb(),
      filtre({ reseau: "instagram" }),
      PRECEDENTE,
      "agregee",
      MAINTENANT,
    );
    expect(instagram.conformite).toMatchObject({ profils: 2, conformes: 1, nonConformes: 1, aVerifier: 0 });
    // 31/12/2024: A's instagram (à vérifier: its verifications are later), C's and D's (conforming).
    expect(instagram.conformite.taux).toEqual({ valeur: 1 / 2, precedente: 2 / 3 });
    const centreSocial = await indicateursReseau(
      getDb(),
      filtre({ typeStructure: "centre_social" }),
      PRECEDENTE,
      "agregee",
      MAINTENANT,
    );
    expect(centreSocial.conformite).toMatchObject({ profils: 2, conformes: 1, aVerifier: 1 });
    const alpha = await indicateursReseau(getDb(), filtre({ commune: "T9001" }), PRECEDENTE, "agregee", MAINTENANT);
    expect(alpha.conformite.profils).toBe(2);
    const e2 = await indicateursReseau(getDb(), filtre({ epci: E2 }), PRECEDENTE, "agregee", MAINTENANT);
    // B and G work in T9004's mission locale (EPCI E2): 4 profiles, 1 conforming.
    expect(e2.conformite).toMatchObject({ profils: 4, conformes: 1 });
  });
});

describe("indicateursReseau — 6, participation", () => {
  it("computes the attendance rate and training hours, by type and per promeneur", async () => {
    const r = await indicateursReseau(getDb(), filtre(), PRECEDENTE, "coordination", MAINTENANT);
    // 2025: recorded 3 + 2 = 5 (G's second not recorded), present 2 + 1 = 3; the cancelled one is not counted.
    // 2024: recorded 2, present 1. Training: 3 h × 2 present in 2025; 2 h × 1 in 2024.
    expect(r.participation.taux).toEqual({ valeur: 3 / 5, precedente: 1 / 2 });
    expect(r.participation.heuresFormation).toEqual({ valeur: 6, precedente: 2 });
    expect(r.participation.regroupements).toBe(2);
    expect(r.participation.parType).toEqual([
      {
        type: "formation_continue",
        libelle: expect.any(String),
        regroupements: 1,
        invitations: 3,
        presents: 2,
        taux: 2 / 3,
        heures: 6,
      },
      {
        type: "reunion_departementale",
        libelle: expect.any(String),
        regroupements: 1,
        invitations: 3,
        presents: 1,
        taux: 1 / 2,
        heures: 0,
      },
    ]);
    expect(r.participation.parPromeneur).toEqual([
      { promeneurId: pa.id, promeneur: "Anna Aubert", notees: 2, presents: 1, taux: 0.5 },
      { promeneurId: pb.id, promeneur: "Bruno Blanc", notees: 2, presents: 1, taux: 0.5 },
      { promeneurId: pg.id, promeneur: "Gaël Garcin", notees: 1, presents: 1, taux: 1 },
    ]);
  });

  it("hides the per-promeneur list in the aggregate view and follows the structure filter", async () => {
    const agregee = await indicateursReseau(getDb(), filtre(), PRECEDENTE, "agregee", MAINTENANT);
    expect(agregee.participation.parPromeneur).toBeNull();
    expect(agregee.participation.taux.valeur).toBe(3 / 5);
    const centreSocial = await indicateursReseau(
      getDb(),
      filtre({ typeStructure: "centre_social" }),
      PRECEDENTE,
      "agregee",
      MAINTENANT,
    );
    // Only A: present, excused in 2025; present in 2024; 3 h of training in 2025, 2 h in 2024.
    expect(centreSocial.participation.taux).toEqual({ valeur: 1 / 2, precedente: 1 });
    expect(centreSocial.participation.heuresFormation).toEqual({ valeur: 3, precedente: 2 });
  });
});

describe("indicateursReseau — 8, communication", () => {
  it("counts the actions by type, their reach, the news published and the site's views in the period", async () => {
    const r = await indicateursReseau(getDb(), filtre(), PRECEDENTE, "agregee", MAINTENANT);
    expect(r.communication.actions).toEqual({ valeur: 3, precedente: 1 });
    expect(r.communication.parType).toHaveLength(8);
    expect(r.communication.parType.filter((p) => p.nombre !== 0)).toEqual([
      { code: "presse", libelle: "Article ou passage dans la presse", nombre: 2 },
      { code: "stand", libelle: "Stand ou forum", nombre: 1 },
    ]);
    expect(r.communication.portee).toBe(150);
    // 1 April and 31 December 23:30 (Paris); not the draft, not 1 January 2026 00:30.
    expect(r.communication.actualitesPubliees).toEqual({ valeur: 2, precedente: 1 });
    expect(r.communication.vuesSite).toEqual({ valeur: 22, precedente: 100 });
    expect(r.communication.vuesParMois).toHaveLength(12);
    expect(r.communication.vuesParMois.slice(0, 3)).toEqual([
      { mois: "2025-01", valeur: 15 },
      { mois: "2025-02", valeur: 0 },
      { mois: "2025-03", valeur: 7 },
    ]);
  });
});

describe("indicateursReseau — 9, coverage", () => {
  it("counts communes, population, FRR+ communes and QPV covered by a promeneur active at the period's end", async () => {
    const r = await indicateursReseau(getDb(), filtre(), PRECEDENTE, "coordination", MAINTENANT);
    const c = r.couverture;
    // Covered: T9001–T9004 = 1 000 + 200 + 50 + 5 000 = 6 250 of 6 630 inhabitants.
    expect(c.communes).toEqual({ total: 6, couvertes: 4, population: 6630, populationCouverte: 6250 });
    // 31/12/2024: T9001, T9002, T9003, T9005, T9006 = 1 630.
    expect(c.tauxPopulation).toEqual({ valeur: 6250 / 6630, precedente: 1630 / 6630 });
    // FRR+: T9001, T9002 covered, T9005 not.
    expect(c.frr).toEqual({ total: 3, couvertes: 2, population: 1500, populationCouverte: 1200 });
    // QPV: Q1, Q2 (T9004) and Q3 (T9001) covered, Q4 (T9005) not.
    expect(c.qpv).toEqual({ total: 4, couvertes: 3, population: 0, populationCouverte: 0 });
    expect(c.parEpci).toEqual([
      { siren: E2, nom: "CA du Banc", total: 2, couvertes: 1, population: 5300, populationCouverte: 5000 },
      { siren: E1, nom: "CC des Essais", total: 3, couvertes: 3, population: 1250, populationCouverte: 1250 },
    ]);
    expect(c.nonCouvertes).toEqual([
      { code: "T9005", nom: "Epsilon", population: 300, epci: "CA du Banc" },
      { code: "T9006", nom: "Zêta", population: 80, epci: null },
    ]);
    expect(c.parCommune).toEqual([
      { code: "T9001", promeneurs: 3 },
      { code: "T9002", promeneurs: 1 },
      { code: "T9003", promeneurs: 1 },
      { code: "T9004", promeneurs: 1 },
      { code: "T9005", promeneurs: 0 },
      { code: "T9006", promeneurs: 0 },
    ]);
  });

  it("withholds 1 and 2 per commune in the aggregate view, keeps 0 and 3", async () => {
    const r = await indicateursReseau(getDb(), filtre(), PRECEDENTE, "agregee", MAINTENANT);
    expect(r.couverture.parCommune.map((p) => p.promeneurs)).toEqual([3, null, null, null, 0, 0]);
    expect(r.couverture.communes.couvertes).toBe(4);
  });

  it("narrows the territory to an EPCI, and the covering promeneurs to a structure type", async () => {
    const e2 = await indicateursReseau(getDb(), filtre({ epci: E2 }), PRECEDENTE, "agregee", MAINTENANT);
    expect(e2.couverture.communes).toEqual({ total: 2, couvertes: 1, population: 5300, populationCouverte: 5000 });
    expect(e2.couverture.qpv).toMatchObject({ total: 3, couvertes: 2 });
    const centreSocial = await indicateursReseau(
      getDb(),
      filtre({ typeStructure: "centre_social" }),
      PRECEDENTE,
      "agregee",
      MAINTENANT,
    );
    // Only A covers: E1's three communes.
    expect(centreSocial.couverture.communes).toEqual({
      total: 6,
      couvertes: 3,
      population: 6630,
      populationCouverte: 1250,
    });
  });
});

describe("reseauParDepartement", () => {
  it("gives each département's network values in grouped queries, an empty one with zeros", async () => {
    const lignes = await reseauParDepartement(getDb(), filtre({ departements: [DEP, VIDE] }), MAINTENANT);
    expect(lignes.get(DEP)).toEqual({
      promeneursActifs: 3,
      tauxConformite: 2 / 6,
      tauxParticipation: 3 / 5,
      actionsCommunication: 3,
      tauxPopulationCouverte: 6250 / 6630,
    });
    expect(lignes.get(VIDE)).toEqual({
      promeneursActifs: 0,
      tauxConformite: null,
      tauxParticipation: null,
      actionsCommunication: 1,
      tauxPopulationCouverte: null,
    });
  });
});
