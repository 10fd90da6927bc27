import {
  appMeta,
  comiteMembres,
  comites,
  decisionSuivis,
  decisions,
  promeneurs,
  regroupementDocuments,
  regroupementInvitations,
  regroupements,
  users,
} from "@db/schema";
import { and, eq, gt, lt } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { TYPES_FORMATION } from "~/domain/regroupements/regroupement.labels";
import { jourIso } from "~/lib/jour";
import { getDb } from "~/server/db.server";
import * as comitesPage from "../../app/routes/espace/comites";
import * as decisionsPage from "../../app/routes/espace/regroupements.$id.decisions";
import * as documentsPage from "../../app/routes/espace/regroupements.$id.documents";
import { actorOf, contextFor, getRequest, outcome } from "../../tests/support/route";
import { seedDemoIfEmpty } from "./demo";
import {
  COMITE_NORD_NOM,
  COMITE_PILOTAGE_NOM,
  COMITE_SUD_NOM,
  DEMO_REGROUPEMENTS_MARKER,
  INFORMATION_PUBLIQUE_TITRE,
  PROMENEUR_PEU_PRESENT,
  seedDemoRegroupements,
} from "./demo-regroupements";

const now = new Date();
const DAY_MS = 86_400_000;

beforeAll(async () => {
  expect(await seedDemoIfEmpty(getDb(), now)).toBe("seeded");
});

async function compte(email: string) {
  const [user] = await getDb().select().from(users).where(eq(users.email, email));
  if (!user) throw new Error(`${email} missing`);
  return user;
}

describe("démo 04 : regroupements et gouvernance", () => {
  it("un COPIL dont la CAF est liée au compte copil@demo.pdn04.fr, et deux comités opérationnels", async () => {
    const db = getDb();
    const tous = await db.select().from(comites).where(eq(comites.departement, "04"));
    expect(tous.map((c) => c.nom).sort()).toEqual([COMITE_PILOTAGE_NOM, COMITE_NORD_NOM, COMITE_SUD_NOM].sort());
    const copil = tous.find((c) => c.type === "comite_pilotage");
    const membres = await db
      .select()
      .from(comiteMembres)
      .where(eq(comiteMembres.comiteId, copil?.id ?? ""));
    expect(membres.map((m) => m.organisation)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^CAF/),
        expect.stringMatching(/^MSA/),
        expect.stringMatching(/DDETS/),
      ]),
    );
    const martine = await compte("copil@demo.pdn04.fr");
    expect(membres.find((m) => m.userId === martine.id)?.organisation).toMatch(/^CAF/);
    // The steering demo account reads its committee (and only it) through the pages.
    const actor = await actorOf(martine.id);
    const siens = await outcome(() =>
      comitesPage.loader({ request: getRequest("/espace/comites"), context: contextFor(actor), params: {} } as never),
    );
    expect((siens.data as { comites: { nom: string }[] }).comites.map((c) => c.nom)).toEqual([COMITE_PILOTAGE_NOM]);
  });

  it("deux ans de regroupements passés avec présences ; un promeneur nettement sous 50 %", async () => {
    const db = getDb();
    const passes = await db
      .select()
      .from(regroupements)
      .where(and(eq(regroupements.departement, "04"), lt(regroupements.fin, now)));
    const types = new Set(passes.map((r) => r.type));
    for (const t of [...TYPES_FORMATION, "reunion_departementale", "comite_pilotage", "comite_operationnel"]) {
      expect(types.has(t), t).toBe(true);
    }
    expect(Math.min(...passes.filter((r) => r.type === "analyse_pratique").map((r) => r.debut.getTime()))).toBeLessThan(
      now.getTime() - 600 * DAY_MS,
    );
    const invitations = await db
      .select({ invitation: regroupementInvitations, slug: promeneurs.slug, fin: regroupements.fin })
      .from(regroupementInvitations)
      .innerJoin(regroupements, eq(regroupements.id, regroupementInvitations.regroupementId))
      .leftJoin(promeneurs, eq(promeneurs.id, regroupementInvitations.promeneurId))
      .where(lt(regroupements.fin, now));
    expect(invitations.every((i) => i.invitation.presence !== null)).toBe(true);
    expect(invitations.every((i) => /^[0-9a-f]{64}$/.test(i.invitation.jetonHash))).toBe(true);
    const taux = new Map<string, { present: number; total: number }>();
    for (const i of invitations) {
      if (!i.slug) continue;
      const t = taux.get(i.slug) ?? { present: 0, total: 0 };
      t.total += 1;
      if (i.invitation.presence === "present") t.present += 1;
      taux.set(i.slug, t);
    }
    const sous = [...taux].filter(([, t]) => t.present / t.total < 0.5).map(([slug]) => slug);
    expect(sous).toEqual([PROMENEUR_PEU_PRESENT]);
    const hugo = taux.get(PROMENEUR_PEU_PRESENT);
    expect((hugo?.present ?? 0) / (hugo?.total ?? 1)).toBeLessThan(0.45);
    expect(hugo?.total).toBeGreaterThan(8);
    const statuts = new Set(invitations.map((i) => i.invitation.presence));
    expect([...statuts].sort()).toEqual(["absent", "excuse", "present"]);
  });

  it("à venir : une analyse de la pratique dans dix jours (le compte de démo invité, sans réponse), une séance publique, le prochain COPIL", async () => {
    const db = getDb();
    const futurs = await db
      .select()
      .from(regroupements)
      .where(and(eq(regroupements.departement, "04"), gt(regroupements.debut, now)));
    const analyse = futurs.find((r) => r.type === "analyse_pratique");
    const jours = (r: { debut: Date } | undefined) => ((r?.debut.getTime() ?? 0) - now.getTime()) / DAY_MS;
    expect(jours(analyse)).toBeGreaterThan(8);
    expect(jours(analyse)).toBeLessThan(14);
    const sami = await compte("promeneur@demo.pdn04.fr");
    const invites = await db
      .select()
      .from(regroupementInvitations)
      .where(eq(regroupementInvitations.regroupementId, analyse?.id ?? ""));
    expect(invites.find((i) => i.userId === sami.id)?.reponse).toBe("en_attente");
    expect(invites.some((i) => i.reponse === "oui")).toBe(true);
    expect(invites.some((i) => i.reponse === "non")).toBe(true);
    expect(invites.every((i) => i.invitationEnvoyeeLe !== null && i.presence === null)).toBe(true);

    const publique = futurs.find((r) => r.audience === "public");
    expect(publique?.titre).toBe(INFORMATION_PUBLIQUE_TITRE);
    expect(publique?.type).toBe("information_structures");
    expect(jours(publique)).toBeGreaterThan(18);
    expect(jours(publique)).toBeLessThan(26);

    const copil = futurs.find((r) => r.type === "comite_pilotage");
    expect(jours(copil)).toBeGreaterThan(38);
    expect(jours(copil)).toBeLessThan(48);
  });

  it("les décisions du COPIL : réalisées, en cours, une en retard, suivies d'une réunion à l'autre ; comptes rendus et ordre du jour", async () => {
    const db = getDb();
    const [copil] = await db.select().from(comites).where(eq(comites.type, "comite_pilotage"));
    const liste = await db
      .select()
      .from(decisions)
      .where(eq(decisions.comiteId, copil?.id ?? ""));
    const aujourdhui = jourIso(now);
    expect(liste.some((d) => d.etat === "realisee" && d.clotureeLe !== null)).toBe(true);
    const enRetard = liste.filter((d) => d.etat === "ouverte" && d.echeance !== null && d.echeance < aujourdhui);
    expect(enRetard).toHaveLength(1);
    expect(liste.filter((d) => d.etat === "ouverte").length).toBeGreaterThan(1);
    const suivis = await db.select().from(decisionSuivis);
    for (const s of suivis) {
      const d = liste.find((x) => x.id === s.decisionId);
      if (d) expect(s.regroupementId).not.toBe(d.regroupementId);
    }
    expect(suivis.length).toBeGreaterThan(3);
    const reunions = await db
      .select()
      .from(regroupements)
      .where(and(eq(regroupements.comiteId, copil?.id ?? ""), lt(regroupements.fin, now)));
    expect(reunions.every((r) => r.compteRendu.length > 50)).toBe(true);

    // The steering demo account reads the last COPIL's agenda and its decisions to follow.
    const derniere = reunions.sort((a, b) => b.debut.getTime() - a.debut.getTime())[0];
    const actor = await actorOf((await compte("copil@demo.pdn04.fr")).id);
    const docs = await outcome(() =>
      documentsPage.loader({
        request: getRequest("/"),
        context: contextFor(actor),
        params: { id: derniere?.id },
      } as never),
    );
    expect((docs.data as { documents: { nature: string }[] }).documents.map((d) => d.nature)).toEqual([
      "ordre_du_jour",
    ]);
    const [document] = await db.select().from(regroupementDocuments);
    expect(document?.regroupementId).toBe(derniere?.id);
    const aSuivre = await outcome(() =>
      decisionsPage.loader({
        request: getRequest("/"),
        context: contextFor(actor),
        params: { id: derniere?.id },
      } as never),
    );
    expect((aSuivre.data as { aSuivre: unknown[] }).aSuivre.length).toBeGreaterThan(0);
  });

  it("n'est chargé qu'une fois (marqueur)", async () => {
    const db = getDb();
    const [marker] = await db.select().from(appMeta).where(eq(appMeta.key, DEMO_REGROUPEMENTS_MARKER));
    expect(marker).toBeDefined();
    const avant = (await db.select().from(regroupements)).length;
    expect(await seedDemoRegroupements(db, null, now)).toBe(false);
    expect((await db.select().from(regroupements)).length).toBe(avant);
  });
});
