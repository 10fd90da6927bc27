import {
  annonceDestinataires,
  annonces,
  appels,
  appMeta,
  auditLog,
  communes,
  controlesConformite,
  creneauxPresence,
  exceptionsPresence,
  parametresDepartement,
  profilsSociaux,
  promeneurs,
  promeneurTerritoires,
  structures,
  userRoles,
  users,
  verificationsProfil,
} from "@db/schema";
import { asc, count, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { candidaturesDeLAppel, getAppel } from "~/domain/appels/appel.queries.server";
import { classement, completude, etatAppel, evaluer } from "~/domain/appels/appel.rules";
import { budgetProposeConforme } from "~/domain/appels/budget-propose";
import { etatBudget } from "~/domain/budget/budget.etat";
import { budgetsComplets, getBudgetComplet } from "~/domain/budget/budget.queries.server";
import { verifyPassword } from "~/domain/comptes/password.server";
import { localParts, validateCreneaux, validateExceptions } from "~/domain/presences/presence.rules";
import { findControles } from "~/domain/profils/conformite.queries.server";
import {
  CONTROLES_CONFORMITE,
  CONTROLES_SOCLE_NATIONAL,
  controleConformiteLabels,
  RESEAUX,
  type Reseau,
} from "~/domain/profils/profil.labels";
import { countProfilsConformes, getDelaiVerification, statutDuProfil } from "~/domain/profils/profil.queries.server";
import { normalizeProfil, personalHandleWarning } from "~/domain/profils/profil.rules";
import { ficheSchema } from "~/domain/promeneurs/fiche.schema";
import { countPromeneursParStatut } from "~/domain/promeneurs/promeneur.queries.server";
import { activationManques } from "~/domain/promeneurs/promeneur.rules";
import { getDb } from "~/server/db.server";
import { getStockage } from "~/server/stockage.server";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_STRUCTURES, seedDemoIfEmpty } from "./demo";
import { DEMO_APPEL_RECRUTEMENT, DEMO_EVALUATEUR } from "./demo-appels";

const now = new Date();
const DAY_MS = 86_400_000;

async function counts() {
  const db = getDb();
  const [p] = await db.select({ n: count() }).from(promeneurs);
  const [pr] = await db.select({ n: count() }).from(profilsSociaux);
  const [v] = await db.select({ n: count() }).from(verificationsProfil);
  const [c] = await db.select({ n: count() }).from(creneauxPresence);
  const [t] = await db.select({ n: count() }).from(promeneurTerritoires);
  const [a] = await db.select({ n: count() }).from(annonces);
  const [d] = await db.select({ n: count() }).from(annonceDestinataires);
  const [u] = await db.select({ n: count() }).from(users);
  const [s] = await db.select({ n: count() }).from(structures);
  const [audit] = await db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, "demo.charger"));
  return {
    promeneurs: p?.n,
    profils: pr?.n,
    verifications: v?.n,
    creneaux: c?.n,
    territoires: t?.n,
    annonces: a?.n,
    destinataires: d?.n,
    users: u?.n,
    structures: s?.n,
    audit: audit?.n,
  };
}

async function demoUser(email: string) {
  const [user] = await getDb().select().from(users).where(eq(users.email, email));
  if (!user) throw new Error(`${email} missing`);
  return user;
}

let first: Awaited<ReturnType<typeof seedDemoIfEmpty>>;
let afterFirst: Awaited<ReturnType<typeof counts>>;

beforeAll(async () => {
  first = await seedDemoIfEmpty(getDb(), now);
  afterFirst = await counts();
});

describe("démo 04 : chargement", () => {
  it("charge la démo et le réseau dans une base vide, puis ne fait plus rien", async () => {
    expect(first).toBe("seeded");
    expect(afterFirst).toMatchObject({ users: 5, structures: 10, promeneurs: 9, annonces: 2, audit: 1 });

    expect(await seedDemoIfEmpty(getDb(), now)).toBe("present");
    expect(await counts()).toEqual(afterFirst);
    const markers = await getDb()
      .select({ key: appMeta.key })
      .from(appMeta)
      .where(inArray(appMeta.key, ["demo.04", "demo.04.reseau"]));
    expect(markers.map((m) => m.key).sort()).toEqual(["demo.04", "demo.04.reseau"]);
  });
});

describe("démo 04 : comptes", () => {
  it("les quatre comptes de démo se connectent avec le mot de passe affiché", async () => {
    const rows = await getDb()
      .select()
      .from(users)
      .where(
        inArray(
          users.email,
          DEMO_ACCOUNTS.map((a) => a.email),
        ),
      );
    expect(rows).toHaveLength(4);
    // One hash for the four (hashing is slow): checking it once checks them all.
    const hashes = new Set(rows.map((u) => u.passwordHash));
    expect(hashes.size).toBe(1);
    expect(await verifyPassword(DEMO_PASSWORD, rows[0]?.passwordHash ?? "")).toBe(true);
  });
});

describe("démo 04 : promeneurs", () => {
  it("compte 9 promeneurs : 6 actifs, 1 suspendu, 1 formé, 1 proposé", async () => {
    expect(await countPromeneursParStatut(getDb(), "04")).toEqual({ actif: 6, suspendu: 1, forme: 1, propose: 1 });
  });

  it("relie le compte promeneur@demo.pdn04.fr à Sami Roux, actif, de la structure du référent", async () => {
    const db = getDb();
    const compte = await demoUser("promeneur@demo.pdn04.fr");
    const referent = await demoUser("structure@demo.pdn04.fr");
    const [role] = await db.select().from(userRoles).where(eq(userRoles.userId, referent.id));
    const linked = await db.select().from(promeneurs).where(eq(promeneurs.userId, compte.id));
    expect(linked).toHaveLength(1);
    expect(linked[0]).toMatchObject({ prenom: "Sami", nom: "Roux", statut: "actif", structureId: role?.structureId });
    expect(linked[0]?.proposePar).toBe(referent.id);
  });

  it("le promeneur proposé attend la coordination : proposé par le référent, pour sa structure", async () => {
    const db = getDb();
    const referent = await demoUser("structure@demo.pdn04.fr");
    const [role] = await db.select().from(userRoles).where(eq(userRoles.userId, referent.id));
    const [propose] = await db.select().from(promeneurs).where(eq(promeneurs.statut, "propose"));
    expect(propose).toMatchObject({ proposePar: referent.id, structureId: role?.structureId, entreeLe: null });
    const [structure] = await db
      .select()
      .from(structures)
      .where(eq(structures.id, role?.structureId ?? ""));
    expect(structure?.nom).toBe("Centre social Les Trois Vallées");
  });

  it("les fiches sont complètes, cohérentes et fictives", async () => {
    const rows = await getDb().select().from(promeneurs);
    expect(new Set(rows.map((p) => p.slug)).size).toBe(9);
    expect(new Set(rows.map((p) => p.email)).size).toBe(9);
    for (const p of rows) {
      expect(p.email).toMatch(/^[a-z-]+\.[a-z-]+@[a-z-]+\.demo\.pdn04\.fr$/);
      expect(p.heuresHebdomadaires).toBeGreaterThanOrEqual(2);
      expect(p.heuresHebdomadaires).toBeLessThanOrEqual(8);
      expect(p.nomPublic.startsWith(p.prenom)).toBe(true);
      expect(p.bio?.length).toBeGreaterThan(20);
      expect(p.themes.length).toBeGreaterThan(0);
      // The public record passes the form's own validation (themes of list E, ages, no contact in the bio).
      const fiche = ficheSchema.safeParse({ ...p, bio: p.bio ?? undefined });
      expect(fiche.error?.issues ?? [], p.slug).toEqual([]);
      if (p.statut === "actif" || p.statut === "suspendu") {
        for (const date of [p.proposeLe, p.charteSigneeLe, p.formationInitialeLe, p.entreeLe]) {
          expect(date?.getUTCFullYear()).toBe(2025);
        }
        expect(p.proposeLe.getTime()).toBeLessThan(p.charteSigneeLe?.getTime() ?? 0);
        expect(p.charteSigneeLe?.getTime()).toBeLessThanOrEqual(p.entreeLe?.getTime() ?? 0);
        expect(p.formationInitialeLe?.getTime()).toBeLessThanOrEqual(p.entreeLe?.getTime() ?? 0);
      }
      if (p.statut === "suspendu") expect(p.motifStatut).toBeTruthy();
    }
  });

  it("chaque promeneur actif a au moins un profil conforme ; le formé ne manque que de cela", async () => {
    const db = getDb();
    const rows = await db
      .select({ promeneur: promeneurs, charteEmployeur: structures.charteSigneeLe })
      .from(promeneurs)
      .innerJoin(structures, eq(structures.id, promeneurs.structureId));
    for (const { promeneur, charteEmployeur } of rows) {
      const conformes = await countProfilsConformes(db, promeneur, now);
      const manques = activationManques({
        charteSigneeLe: promeneur.charteSigneeLe,
        formationInitialeLe: promeneur.formationInitialeLe,
        charteEmployeurSigneeLe: charteEmployeur,
        profilsConformes: conformes,
      });
      if (promeneur.statut === "actif") {
        expect(conformes, promeneur.slug).toBeGreaterThanOrEqual(1);
        expect(manques, promeneur.slug).toEqual([]);
      }
      if (promeneur.statut === "forme") expect(manques).toEqual(["aucun de ses profils n'est conforme"]);
    }
    // Verified within the last five months: still conforming four weeks later.
    const later = new Date(now.getTime() + 28 * DAY_MS);
    for (const { promeneur } of rows.filter((r) => r.promeneur.statut === "actif")) {
      expect(await countProfilsConformes(db, promeneur, later), promeneur.slug).toBeGreaterThanOrEqual(1);
    }
  });

  it("le territoire : des communes de 04 et un EPCI entier, lu dans la table des communes", async () => {
    const db = getDb();
    const rows = await db
      .select({
        slug: promeneurs.slug,
        communeCode: promeneurTerritoires.communeCode,
        epci: promeneurTerritoires.epciSiren,
      })
      .from(promeneurTerritoires)
      .innerJoin(promeneurs, eq(promeneurs.id, promeneurTerritoires.promeneurId));
    expect(new Set(rows.map((r) => r.slug)).size).toBe(9);
    const codes = rows.flatMap((r) => (r.communeCode ? [r.communeCode] : []));
    const found = await db.select().from(communes).where(inArray(communes.code, codes));
    expect(found.every((c) => c.departement === "04")).toBe(true);
    const [sisteron] = await db.select().from(communes).where(eq(communes.code, "04209"));
    expect(sisteron?.epciSiren).toBeTruthy();
    expect(rows).toContainEqual({
      slug: "yanis-mission-locale-sisteron",
      communeCode: null,
      epci: sisteron?.epciSiren,
    });
  });
});

describe("démo 04 : profils et vérifications", () => {
  it("les adresses des profils sont celles que normalizeProfil produit, avec des noms professionnels", async () => {
    const rows = await getDb()
      .select({ profil: profilsSociaux, promeneur: promeneurs, structure: structures.nom })
      .from(profilsSociaux)
      .innerJoin(promeneurs, eq(promeneurs.id, profilsSociaux.promeneurId))
      .innerJoin(structures, eq(structures.id, promeneurs.structureId));
    expect(rows.length).toBeGreaterThanOrEqual(9);
    const perPromeneur = new Map<string, number>();
    for (const { profil, promeneur, structure } of rows) {
      expect(RESEAUX).toContain(profil.reseau);
      const relu = normalizeProfil(profil.reseau as Reseau, profil.url);
      expect(relu, profil.url).toMatchObject({ ok: true, handle: profil.handle, url: profil.url });
      if (relu.ok && relu.kind === "nom") {
        expect(personalHandleWarning(profil.handle, { ...promeneur, structure }), profil.handle).toBeNull();
      }
      perPromeneur.set(promeneur.id, (perPromeneur.get(promeneur.id) ?? 0) + 1);
    }
    expect(perPromeneur.size).toBe(9);
    for (const n of perPromeneur.values()) expect(n).toBeLessThanOrEqual(3);
  });

  it("un profil non conforme avec ses manques, un à vérifier après sept mois, un jamais vérifié", async () => {
    const db = getDb();
    const delai = await getDelaiVerification(db, "04");
    expect(delai).toBe(6);
    const rows = await db.select().from(profilsSociaux);
    const statuts = rows.map((p) => ({ p, statut: statutDuProfil(p, now, delai) }));

    const nonConformes = statuts.filter((s) => s.statut === "non_conforme");
    expect(nonConformes).toHaveLength(1);
    const [derniere] = await db
      .select()
      .from(verificationsProfil)
      .where(eq(verificationsProfil.profilId, nonConformes[0]?.p.id ?? ""))
      .orderBy(asc(verificationsProfil.verifieLe));
    expect(derniere?.resultat).toBe("non_conforme");
    expect(derniere?.manques?.split("\n")).toEqual([
      controleConformiteLabels.photo_identite,
      controleConformiteLabels.identite_visuelle_pdn,
    ]);

    const aVerifier = statuts.filter((s) => s.statut === "a_verifier");
    expect(aVerifier.filter((s) => s.p.derniereVerificationLe === null)).toHaveLength(1);
    const perimes = aVerifier.filter((s) => s.p.derniereVerificationLe !== null);
    expect(perimes).toHaveLength(1);
    const age = now.getTime() - (perimes[0]?.p.derniereVerificationLe?.getTime() ?? 0);
    expect(age / DAY_MS).toBeGreaterThan(200);
    expect(age / DAY_MS).toBeLessThan(230);
  });

  it("chaque vérification garde la liste de contrôle entière et concorde avec le profil", async () => {
    const db = getDb();
    const coordination = await demoUser("coordination@demo.pdn04.fr");
    const rows = await db.select().from(verificationsProfil);
    expect(rows.length).toBeGreaterThanOrEqual(15);
    for (const v of rows) {
      expect(v.verifiePar).toBe(coordination.id);
      expect(v.verifieLe.getTime()).toBeLessThanOrEqual(now.getTime());
      const controles = v.controles as { code: string; libelle: string; ok: boolean }[];
      expect(controles.map((c) => c.code)).toEqual([...CONTROLES_CONFORMITE]);
      for (const c of controles) expect(c.libelle).toBe(controleConformiteLabels[c.code as never]);
      expect(controles.every((c) => c.ok)).toBe(v.resultat === "conforme");
      expect(v.manques === null).toBe(v.resultat === "conforme");
    }
    // The row repeats its latest verification.
    const profils = await db.select().from(profilsSociaux);
    for (const p of profils) {
      const own = rows.filter((v) => v.profilId === p.id).sort((a, b) => a.verifieLe.getTime() - b.verifieLe.getTime());
      expect(p.derniereVerificationLe?.getTime() ?? null).toBe(own.at(-1)?.verifieLe.getTime() ?? null);
      expect(p.dernierResultat).toBe(own.at(-1)?.resultat ?? null);
    }
  });

  it("la liste de contrôle du département reste celle par défaut, et son délai est enregistré", async () => {
    const db = getDb();
    const stored = await db.select().from(controlesConformite).where(eq(controlesConformite.departement, "04"));
    expect(stored).toEqual([]);
    const rows = await findControles(db, "04");
    expect(rows.map((r) => r.code)).toEqual([...CONTROLES_CONFORMITE]);
    expect(rows.filter((r) => r.socleNational).map((r) => r.code)).toEqual([...CONTROLES_SOCLE_NATIONAL]);
    expect(rows.every((r) => r.actif && r.libelle === controleConformiteLabels[r.code as never])).toBe(true);
    const [parametres] = await db
      .select()
      .from(parametresDepartement)
      .where(eq(parametresDepartement.departement, "04"));
    expect(parametres?.delaiVerificationMois).toBe(6);
  });
});

describe("démo 04 : structures, horaires, annonces", () => {
  it("8 chartes employeur signées en 2025 sur 10, dont celle de chaque structure qui emploie un promeneur en poste", async () => {
    const db = getDb();
    const rows = await db.select().from(structures).where(eq(structures.departement, "04"));
    expect(rows).toHaveLength(DEMO_STRUCTURES.length);
    const signees = rows.filter((s) => s.charteSigneeLe);
    expect(signees).toHaveLength(8);
    for (const s of signees) {
      expect(s.charteSigneeLe?.getUTCFullYear()).toBe(2025);
      expect(s.charteSignataire).toBeTruthy();
    }
    expect(rows.filter((s) => !s.charteSigneeLe && s.charteSignataire)).toEqual([]);
    const referentStructure = rows.find((s) => s.nom === "Centre social Les Trois Vallées");
    expect(referentStructure?.charteSigneeLe).not.toBeNull();
    const employeurs = await db
      .select({ structureId: promeneurs.structureId })
      .from(promeneurs)
      .where(inArray(promeneurs.statut, ["actif", "suspendu", "forme"]));
    for (const { structureId } of employeurs) {
      expect(rows.find((s) => s.id === structureId)?.charteSigneeLe).not.toBeNull();
    }
  });

  it("les créneaux sont valides, de 2 à 4 par promeneur en poste, sur des réseaux de ses profils", async () => {
    const db = getDb();
    const enPoste = await db
      .select()
      .from(promeneurs)
      .where(inArray(promeneurs.statut, ["actif", "suspendu"]));
    expect(enPoste).toHaveLength(7);
    let samedi = false;
    let soir = false;
    for (const p of enPoste) {
      const creneaux = await db.select().from(creneauxPresence).where(eq(creneauxPresence.promeneurId, p.id));
      expect(creneaux.length, p.slug).toBeGreaterThanOrEqual(2);
      expect(creneaux.length, p.slug).toBeLessThanOrEqual(4);
      expect(validateCreneaux(creneaux.map((c) => ({ ...c, jour: c.jour as never })))).toEqual([]);
      const reseaux = new Set(
        (await db.select().from(profilsSociaux).where(eq(profilsSociaux.promeneurId, p.id))).map((r) => r.reseau),
      );
      for (const c of creneaux) for (const r of c.reseaux) expect(reseaux.has(r), `${p.slug} ${r}`).toBe(true);
      samedi ||= creneaux.some((c) => c.jour === 6);
      soir ||= creneaux.some((c) => c.debut >= 20 * 60);
    }
    expect(samedi && soir).toBe(true);
  });

  it("une absence pour congés, à venir, pour un seul promeneur", async () => {
    const rows = await getDb().select().from(exceptionsPresence);
    expect(rows).toHaveLength(1);
    expect(validateExceptions(rows.map((r) => ({ du: r.du, au: r.au })))).toEqual([]);
    expect((rows[0]?.du ?? "") > localParts(now).date).toBe(true);
    expect(rows[0]?.motif).toBe("Congés");
  });

  it("deux annonces de la coordination : la première lue par le compte promeneur, la seconde non lue", async () => {
    const db = getDb();
    const coordination = await demoUser("coordination@demo.pdn04.fr");
    const promeneur = await demoUser("promeneur@demo.pdn04.fr");
    const referent = await demoUser("structure@demo.pdn04.fr");
    const rows = await db.select().from(annonces).orderBy(asc(annonces.publieeLe));
    expect(rows).toHaveLength(2);
    for (const a of rows) {
      expect(a).toMatchObject({ departement: "04", auteurId: coordination.id });
      const recus = await db.select().from(annonceDestinataires).where(eq(annonceDestinataires.annonceId, a.id));
      expect(recus).toHaveLength(a.destinataires);
      expect(recus.map((r) => r.userId)).toContain(promeneur.id);
      expect(recus.map((r) => r.userId)).not.toContain(coordination.id);
      if (a.audience === "tous") expect(recus.map((r) => r.userId)).toContain(referent.id);
    }
    const lu = async (annonceId: string) =>
      (await db.select().from(annonceDestinataires).where(eq(annonceDestinataires.annonceId, annonceId))).find(
        (r) => r.userId === promeneur.id,
      )?.luLe;
    expect(await lu(rows[0]?.id ?? "")).toBeInstanceOf(Date);
    expect(await lu(rows[1]?.id ?? "")).toBeNull();
  });
});

describe("démo 04 : budget de la convention", () => {
  it("2025 et 2026 soumis, chacun dans les règles de l'appel ; 2025 soldé, 2026 avec son avance", async () => {
    const aujourdhui = "2026-11-30";
    const b2025 = await getBudgetComplet(getDb(), "04", 2025);
    const b2026 = await getBudgetComplet(getDb(), "04", 2026);
    if (!b2025 || !b2026) throw new Error("budgets de démo absents");
    for (const b of [b2025, b2026]) {
      const etat = etatBudget(b, aujourdhui);
      expect(b.statut).toBe("soumis");
      expect(etat.verificationsPrevu.map((v) => [v.regle, v.statut])).toEqual([
        ["part_caf", "respectee"],
        ["plafond_msa", "respectee"],
        ["equilibre", "respectee"],
        ["temps_coordination", "respectee"],
        ["subvention_constante", "respectee"],
      ]);
      expect(etat.prevu).toEqual({ charges: 4_550_000, produits: 4_550_000, caf: 3_640_000, msa: 250_000 });
    }
    const e2025 = etatBudget(b2025, aujourdhui);
    expect(e2025.chargesSansRealise).toBe(0);
    expect(e2025.realise.charges).toBe(e2025.realise.produits);
    expect(e2025.proratisation?.proratisee).toBe(false);
    expect(e2025.echeancier.echeances.map((e) => e.statut)).toEqual(["versee", "versee"]);
    expect(etatBudget(b2026, aujourdhui).echeancier.echeances.map((e) => e.statut)).toEqual([
      "versee",
      "en_attente_des_rapports",
    ]);
    // The list reads every year at once and finds the same budgets, the other year's subsidy included.
    expect(await budgetsComplets(getDb(), "04")).toEqual([b2026, b2025]);
  });
});

describe("démo 04 : appels à candidatures", () => {
  async function appelDemo(slug: string) {
    const [row] = await getDb().select({ id: appels.id }).from(appels).where(eq(appels.slug, slug));
    const appel = row ? await getAppel(getDb(), row.id) : null;
    if (!appel) throw new Error(`appel ${slug} absent`);
    return { appel, candidatures: await candidaturesDeLAppel(getDb(), appel) };
  }

  it("l'appel de coordination est clos et décidé : le dossier retenu est premier du classement", async () => {
    const { appel, candidatures } = await appelDemo("coordination-2025-2026");
    expect(etatAppel(appel, now)).toBe("clos");
    const classees = classement(
      candidatures.map((c) => ({
        statut: c.candidature.statut,
        evaluations: c.evaluations
          .filter((e) => e.soumiseLe)
          .map((e) => evaluer(appel.criteres, Object.fromEntries(e.notes.map((n) => [n.critereCode, n.note])))),
      })),
    );
    expect(classees.map((c) => [c.statut, c.rang])).toEqual([
      ["retenue", 1],
      ["refusee", 2],
    ]);
    for (const c of candidatures) {
      expect(c.candidature.motifDecision).toBeTruthy();
      expect(c.candidature.budget && budgetProposeConforme(c.candidature.budget)).toBe(true);
    }
  });

  it("le recrutement est ouvert ; son dossier est complet, ses pièces lisibles, l'évaluatrice a un brouillon", async () => {
    const { appel, candidatures } = await appelDemo(DEMO_APPEL_RECRUTEMENT);
    expect(etatAppel(appel, now)).toBe("ouvert");
    expect(candidatures).toHaveLength(1);
    const [dossier] = candidatures;
    if (!dossier) throw new Error("dossier absent");
    expect(dossier.candidature.statut).toBe("recevable");
    expect(completude(appel.documents, new Set(dossier.pieces.map((p) => p.documentCode))).complet).toBe(true);
    for (const piece of dossier.pieces) {
      const flux = await getStockage().lire(piece.cle);
      if (!flux) throw new Error(`pièce ${piece.nom} absente du stockage`);
      const octets: Buffer[] = [];
      for await (const morceau of flux) octets.push(morceau as Buffer);
      expect(Buffer.concat(octets).subarray(0, 5).toString()).toBe("%PDF-");
    }
    const [evaluation] = dossier.evaluations;
    expect(evaluation?.soumiseLe).toBeNull();
    const [evaluatrice] = await getDb().select().from(users).where(eq(users.email, DEMO_EVALUATEUR.email));
    expect(evaluation?.evaluateurId).toBe(evaluatrice?.id);
  });
});
