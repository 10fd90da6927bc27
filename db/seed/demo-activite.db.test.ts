import {
  actionsCommunication,
  appMeta,
  auditLog,
  profilsSociaux,
  projetsJeunes,
  promeneurs,
  rapportComptes,
  rapportsMensuels,
  situationsPreoccupantes,
  users,
} from "@db/schema";
import { asc, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { COMMUNICATION_TYPES } from "~/domain/communication/communication.labels";
import { trouverDonneeIdentifiante } from "~/domain/confidentialite/donnees-identifiantes";
import { PROJET_ETATS } from "~/domain/projets/projet.labels";
import { THEMES } from "~/domain/promeneurs/theme.labels";
import { PARTENAIRES, RUBRIQUES, type Rubrique } from "~/domain/rapports/rapport.labels";
import { CODES_PAR_RUBRIQUE, type SaisieRapport, verifierCoherence } from "~/domain/rapports/rapport.rules";
import { ajouterMoisIso, moisCourant } from "~/domain/rapports/rapport.workflow";
import { SITUATION_ACTIONS, SITUATION_CATEGORIES } from "~/domain/situations/situation.labels";
import { jourIso } from "~/lib/jour";
import { getDb } from "~/server/db.server";
import { seedDemoIfEmpty } from "./demo";
import {
  COMMENTAIRE_A_CORRIGER,
  DEMO_ACTIVITE_MARKER,
  FAITS_MARQUANTS,
  MOIS_HISTORIQUE,
  moisDeRapport,
  prng,
  repartir,
  seedDemoActivite,
} from "./demo-activite";

const now = new Date();
const precedent = ajouterMoisIso(moisCourant(now), -1);

async function coordination() {
  const [user] = await getDb().select().from(users).where(eq(users.email, "coordination@demo.pdn04.fr"));
  if (!user) throw new Error("demo coordinator missing");
  return user;
}

/** Every report with its promeneur's slug and its breakdowns, in a stable order (no ids). */
async function snapshot() {
  const db = getDb();
  const rows = await db
    .select({ rapport: rapportsMensuels, slug: promeneurs.slug })
    .from(rapportsMensuels)
    .innerJoin(promeneurs, eq(promeneurs.id, rapportsMensuels.promeneurId))
    .orderBy(asc(promeneurs.slug), asc(rapportsMensuels.mois));
  const comptes = await db.select().from(rapportComptes);
  return rows.map(({ rapport, slug }) => {
    const { id, createdAt, updatedAt, ...rest } = rapport;
    const saisie = Object.fromEntries(RUBRIQUES.map((r) => [r, {} as Record<string, number>])) as Record<
      Rubrique,
      Record<string, number>
    >;
    for (const c of comptes.filter((c) => c.rapportId === id)) saisie[c.rubrique as Rubrique][c.code] = c.nombre;
    return { slug, ...rest, createdAt: createdAt.getTime(), updatedAt: updatedAt.getTime(), saisie };
  });
}

let rapports: Awaited<ReturnType<typeof snapshot>>;

beforeAll(async () => {
  expect(await seedDemoIfEmpty(getDb(), now)).toBe("seeded");
  rapports = await snapshot();
});

describe("démo 04 : bilans mensuels", () => {
  it("deux ans au plus de bilans pour chaque promeneur en poste, depuis le mois de son entrée", async () => {
    const db = getDb();
    const enPoste = (await db.select().from(promeneurs)).filter((p) => p.entreeLe);
    expect(enPoste).toHaveLength(7);
    let attendus = 0;
    for (const p of enPoste) {
      const mois = moisDeRapport(p, now);
      expect(mois.length, p.slug).toBeGreaterThan(0);
      expect(mois.length).toBeLessThanOrEqual(MOIS_HISTORIQUE);
      const own = rapports.filter((r) => r.slug === p.slug).map((r) => r.mois);
      // Every month from the first to the last, except the demo account's previous month.
      const manquants = mois.filter((m) => !own.includes(m));
      expect(manquants, p.slug).toEqual(p.userId ? [precedent] : []);
      expect(own.every((m) => mois.includes(m as never))).toBe(true);
      attendus += mois.length;
      if (p.statut === "suspendu") expect(own.at(-1)?.localeCompare(precedent)).toBeLessThan(0);
    }
    expect(rapports.length).toBe(attendus - 1);
    expect(rapports.length).toBeGreaterThan(60);
  });

  it("le mois précédent : plusieurs soumis, un à corriger commenté, un brouillon, aucun pour le compte de démo", async () => {
    const db = getDb();
    const duMois = rapports.filter((r) => r.mois === precedent);
    const statuts = duMois.map((r) => r.statut).sort();
    expect(statuts).toEqual(["a_corriger", "brouillon", "soumis", "soumis", "soumis"]);
    const aCorriger = duMois.find((r) => r.statut === "a_corriger");
    expect(aCorriger?.commentaireCoordination).toBe(COMMENTAIRE_A_CORRIGER);
    for (const r of duMois) {
      expect(r.valideLe).toBeNull();
      expect(r.validePar).toBeNull();
      expect(r.soumisLe === null).toBe(r.statut === "brouillon");
      if (r.soumisLe) {
        expect(r.soumisLe.getTime()).toBeLessThanOrEqual(now.getTime());
        expect(jourIso(r.soumisLe) >= moisCourant(now)).toBe(true);
      }
      expect(r.updatedAt).toBeLessThanOrEqual(now.getTime());
    }

    const [compte] = await db.select().from(users).where(eq(users.email, "promeneur@demo.pdn04.fr"));
    const [sami] = await db
      .select()
      .from(promeneurs)
      .where(eq(promeneurs.userId, compte?.id ?? ""));
    expect(sami?.slug).toBe("sami-centre-social-digne");
    const siens = rapports.filter((r) => r.slug === sami?.slug);
    expect(siens.some((r) => r.mois === precedent)).toBe(false);
    expect(siens.at(-1)?.mois).toBe(ajouterMoisIso(precedent, -1));
    expect(siens.length).toBeGreaterThanOrEqual(12);
  });

  it("les mois plus anciens sont validés par la coordination, après leur soumission, le mois suivant", async () => {
    const coordinateur = await coordination();
    const anciens = rapports.filter((r) => r.mois < precedent);
    expect(anciens.length).toBeGreaterThan(50);
    for (const r of anciens) {
      expect(r.statut).toBe("valide");
      expect(r.validePar).toBe(coordinateur.id);
      expect(r.soumisLe && r.valideLe && r.soumisLe < r.valideLe).toBe(true);
      const suivant = ajouterMoisIso(r.mois as never, 1);
      expect(jourIso(r.soumisLe as Date).slice(0, 7)).toBe(suivant.slice(0, 7));
      expect(jourIso(r.valideLe as Date).slice(0, 7)).toBe(suivant.slice(0, 7));
      expect(r.commentaireCoordination).toBeNull();
    }
  });

  it("chaque bilan respecte les règles de cohérence, et ses totaux sont les sommes de ses détails", async () => {
    const profils = await getDb()
      .select({ slug: promeneurs.slug, reseau: profilsSociaux.reseau })
      .from(profilsSociaux)
      .innerJoin(promeneurs, eq(promeneurs.id, profilsSociaux.promeneurId));
    for (const r of rapports) {
      const label = `${r.slug} ${r.mois}`;
      const saisie: Pick<SaisieRapport, Rubrique | "echangesIndividuels" | "echangesCollectifs"> = {
        ...r.saisie,
        echangesIndividuels: r.echangesIndividuels,
        echangesCollectifs: r.echangesCollectifs,
      };
      expect(verifierCoherence(saisie), label).toEqual([]);
      const somme = (rubrique: Rubrique) => Object.values(r.saisie[rubrique]).reduce((s, n) => s + n, 0);
      expect(somme("age_nouveaux"), label).toBe(r.nouveauxJeunes);
      expect(somme("age_file"), label).toBe(r.fileActive);
      expect(somme("canal"), label).toBe(r.echanges);
      expect(r.echangesIndividuels + r.echangesCollectifs, label).toBe(r.echanges);
      expect(somme("theme")).toBeLessThanOrEqual(r.echanges);
      expect(somme("orientation")).toBeLessThanOrEqual(r.echanges);
      expect(somme("reseau")).toBeLessThanOrEqual(r.echanges - (r.saisie.canal.rencontres ?? 0));
      if (r.nouveauxJeunes > 0) expect(r.echanges).toBeGreaterThan(0);
      expect(r.heuresEnLigne).toBeGreaterThan(0);
      expect(r.heuresEnLigne).toBeLessThanOrEqual(300);
      expect(Math.round(r.heuresEnLigne * 10) / 10).toBe(r.heuresEnLigne);
      for (const rubrique of RUBRIQUES) {
        for (const code of Object.keys(r.saisie[rubrique])) {
          expect(CODES_PAR_RUBRIQUE[rubrique] as readonly string[], `${label} ${rubrique}`).toContain(code);
        }
      }
      // Exchanges per network: only on the promeneur's own networks.
      const siens = profils.filter((p) => p.slug === r.slug).map((p) => p.reseau);
      for (const reseau of Object.keys(r.saisie.reseau)) expect(siens, label).toContain(reseau);
    }
    // The breakdowns are filled: each rubrique appears, the themes are varied.
    for (const rubrique of RUBRIQUES)
      expect(rapports.some((r) => Object.keys(r.saisie[rubrique]).length > 0)).toBe(true);
    const themes = new Set(rapports.flatMap((r) => Object.keys(r.saisie.theme)));
    expect(themes.size).toBeGreaterThanOrEqual(10);
    expect(THEMES).toEqual(expect.arrayContaining([...themes]));
  });

  it("l'activité suit les saisons (été et décembre plus calmes) et varie d'un promeneur à l'autre", () => {
    const moyenne = (liste: number[]) => liste.reduce((s, n) => s + n, 0) / Math.max(1, liste.length);
    const echangesDe = (filtre: (mois: number) => boolean) =>
      moyenne(rapports.filter((r) => filtre(Number(r.mois.slice(5, 7)))).map((r) => r.echanges));
    const ete = echangesDe((m) => m === 7 || m === 8);
    const decembre = echangesDe((m) => m === 12);
    const autres = echangesDe((m) => ![7, 8, 12].includes(m));
    expect(ete).toBeLessThan(autres * 0.8);
    expect(decembre).toBeLessThan(autres);
    const parPromeneur = new Set(
      [...new Set(rapports.map((r) => r.slug))].map((slug) =>
        Math.round(moyenne(rapports.filter((r) => r.slug === slug).map((r) => r.fileActive))),
      ),
    );
    expect(parPromeneur.size).toBeGreaterThanOrEqual(5);
    const avecFait = rapports.filter((r) => r.faitMarquant !== "");
    expect(avecFait.length).toBeGreaterThan(rapports.length / 6);
    expect(avecFait.length).toBeLessThan(rapports.length / 1.5);
  });
});

describe("démo 04 : situations, projets, communication", () => {
  it("15 à 25 situations sur les listes G et H, pendant la présence de leur promeneur, la plupart closes", async () => {
    const rows = await getDb()
      .select({ s: situationsPreoccupantes, p: promeneurs })
      .from(situationsPreoccupantes)
      .innerJoin(promeneurs, eq(promeneurs.id, situationsPreoccupantes.promeneurId));
    expect(rows.length).toBeGreaterThanOrEqual(15);
    expect(rows.length).toBeLessThanOrEqual(25);
    const aujourdhui = jourIso(now);
    for (const { s, p } of rows) {
      expect(SITUATION_CATEGORIES).toContain(s.categorie);
      expect(s.actions.length).toBeGreaterThan(0);
      for (const a of s.actions) expect(SITUATION_ACTIONS).toContain(a);
      if (s.partenaire) expect(PARTENAIRES).toContain(s.partenaire);
      expect(s.date <= aujourdhui).toBe(true);
      expect(s.date >= jourIso(p.entreeLe as Date)).toBe(true);
      expect(s.structureId).toBe(p.structureId);
      expect(s.creePar).toBe(p.userId);
    }
    expect(new Set(rows.map((r) => r.s.categorie)).size).toBeGreaterThanOrEqual(7);
    expect(new Set(rows.flatMap((r) => r.s.actions)).size).toBeGreaterThanOrEqual(6);
    const closes = rows.filter((r) => r.s.suivi === "close");
    expect(closes.length).toBeGreaterThan(rows.length / 2);
    expect(rows.length - closes.length).toBeGreaterThanOrEqual(2);
    expect(rows.some((r) => r.s.note === "")).toBe(true);
  });

  it("6 à 8 projets de jeunes, dont un seul attend le soutien de la coordination", async () => {
    const rows = await getDb().select().from(projetsJeunes);
    expect(rows.length).toBeGreaterThanOrEqual(6);
    expect(rows.length).toBeLessThanOrEqual(8);
    for (const p of rows) {
      expect(THEMES).toContain(p.theme);
      expect(PROJET_ETATS).toContain(p.etat);
      expect(p.nombreJeunes).toBeGreaterThanOrEqual(1);
      expect(p.nombreJeunes).toBeLessThanOrEqual(30);
      if (p.forme === "individuel") expect(p.nombreJeunes).toBe(1);
      expect(p.debutLe <= jourIso(now)).toBe(true);
    }
    const soutien = rows.filter((p) => p.besoinSoutien);
    expect(soutien).toHaveLength(1);
    expect(soutien[0]?.soutienDemandeLe?.getTime()).toBeLessThan(now.getTime());
    expect(new Set(rows.map((p) => p.etat)).size).toBeGreaterThanOrEqual(3);
  });

  it("12 à 15 actions de communication de la coordination, sur la liste J, avec public et portée", async () => {
    const coordinateur = await coordination();
    const rows = await getDb().select().from(actionsCommunication);
    expect(rows.length).toBeGreaterThanOrEqual(12);
    expect(rows.length).toBeLessThanOrEqual(15);
    for (const a of rows) {
      expect(COMMUNICATION_TYPES).toContain(a.type);
      expect(a.public).not.toBe("");
      expect(a.creePar).toBe(coordinateur.id);
      expect(a.date <= jourIso(now)).toBe(true);
    }
    expect(new Set(rows.map((a) => a.type)).size).toBe(COMMUNICATION_TYPES.length);
    expect(rows.filter((a) => a.portee !== null).length).toBeGreaterThan(rows.length / 2);
  });

  it("aucun texte libre de la démo ne contient de donnée identifiante", async () => {
    const db = getDb();
    const textes = [
      ...FAITS_MARQUANTS.map((f) => f.texte),
      COMMENTAIRE_A_CORRIGER,
      ...rapports.flatMap((r) => [r.faitMarquant, r.commentaireCoordination ?? ""]),
      ...(await db.select().from(situationsPreoccupantes)).map((s) => s.note),
      ...(await db.select().from(projetsJeunes)).flatMap((p) => [p.titre, p.partenaires, p.description]),
      ...(await db.select().from(actionsCommunication)).flatMap((a) => [a.titre, a.public, a.commentaire]),
    ].filter((t) => t !== "");
    expect(textes.length).toBeGreaterThan(60);
    for (const texte of textes) expect(trouverDonneeIdentifiante(texte), texte).toBeNull();
  });
});

describe("démo 04 : chargement de l'activité", () => {
  it("répartit un total exactement, et le générateur pseudo-aléatoire est reproductible", () => {
    expect(
      repartir(10, [
        ["a", 1],
        ["b", 1],
        ["c", 1],
      ] as const),
    ).toEqual({ a: 4, b: 3, c: 3 });
    expect(repartir(0, [["a", 1]] as const)).toEqual({ a: 0 });
    const a = prng("graine");
    const b = prng("graine");
    const suite = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(suite);
    expect(suite.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(suite).size).toBe(5);
  });

  it("ne se recharge pas, et un second chargement au même instant donne les mêmes chiffres", async () => {
    const db = getDb();
    const coordinateur = await coordination();
    const [audit] = await db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, "demo.charger"));
    expect(audit?.n).toBe(1);
    expect(await seedDemoIfEmpty(db, now)).toBe("present");
    expect(await seedDemoActivite(db, coordinateur.id, now)).toBe(false);
    expect(await snapshot()).toEqual(rapports);

    // Wipe the activity and its marker, then load it again at the same instant.
    const counts = async () => ({
      situations: (await db.select({ n: count() }).from(situationsPreoccupantes))[0]?.n,
      projets: (await db.select({ n: count() }).from(projetsJeunes))[0]?.n,
      communication: (await db.select({ n: count() }).from(actionsCommunication))[0]?.n,
    });
    const avant = await counts();
    await db.transaction(async (tx) => {
      await tx.delete(rapportsMensuels);
      await tx.delete(situationsPreoccupantes);
      await tx.delete(projetsJeunes);
      await tx.delete(actionsCommunication);
      await tx.delete(appMeta).where(eq(appMeta.key, DEMO_ACTIVITE_MARKER));
    });
    expect(await db.transaction((tx) => seedDemoActivite(tx, coordinateur.id, now))).toBe(true);
    expect(await snapshot()).toEqual(rapports);
    expect(await counts()).toEqual(avant);
  });

  it("sur une démo déjà utilisée, garde les bilans que le promeneur a faits", async () => {
    const db = getDb();
    const [sami] = await db.select().from(promeneurs).where(eq(promeneurs.slug, "sami-centre-social-digne"));
    await db.transaction(async (tx) => {
      await tx.delete(rapportsMensuels);
      await tx.delete(situationsPreoccupantes);
      await tx.delete(projetsJeunes);
      await tx.delete(actionsCommunication);
      await tx.delete(appMeta).where(eq(appMeta.key, DEMO_ACTIVITE_MARKER));
    });
    const mois = ajouterMoisIso(precedent, -3);
    await db.insert(rapportsMensuels).values({
      departement: "04",
      promeneurId: sami?.id ?? "",
      structureId: sami?.structureId ?? "",
      mois,
      statut: "brouillon",
      echanges: 1,
      echangesIndividuels: 1,
    });
    // Loaded by the next start (the demo's markers are there, not the activity's).
    expect(await seedDemoIfEmpty(db, now)).toBe("present");
    const apres = await snapshot();
    expect(apres).toHaveLength(rapports.length);
    expect(apres.find((r) => r.slug === sami?.slug && r.mois === mois)).toMatchObject({
      statut: "brouillon",
      echanges: 1,
    });
    const [marker] = await db.select().from(appMeta).where(eq(appMeta.key, DEMO_ACTIVITE_MARKER));
    expect(marker).toBeDefined();
  });
});
