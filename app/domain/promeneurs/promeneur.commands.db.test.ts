import {
  auditLog,
  communes,
  epci,
  invitations,
  promeneurs,
  promeneurTerritoires,
  structures,
  userRoles,
} from "@db/schema";
import { and, asc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { acceptInvitation } from "~/domain/comptes/comptes.commands.server";
import { hashToken } from "~/domain/comptes/tokens.server";
import { getDb } from "~/server/db.server";
import { Invalid } from "~/server/errors.server";
import { findOutboxMails } from "~/server/mail.server";
import { insertProfil, insertPromeneur } from "../../../tests/factories/promeneur";
import { insertStructure } from "../../../tests/factories/structure";
import { insertUser } from "../../../tests/factories/user";
import { actorOf, expectRefus } from "../../../tests/support/route";
import {
  ajouterTerritoire,
  modifierPromeneur,
  proposerPromeneur,
  retirerTerritoire,
  transitionPromeneur,
} from "./promeneur.commands.server";
import { findPromeneursForActor, rechercherCommunes } from "./promeneur.queries.server";
import type { ProposerInput } from "./promeneur.schema";

const T0 = new Date("2025-03-10T09:00:00.000Z");
const days = (n: number) => new Date(T0.getTime() + n * 86_400_000);
const ctx = (now: Date = T0) => ({ db: getDb(), now, requestId: "req-promeneurs" });

let counter = 0;
const uniqueEmail = (prefix: string) => {
  counter += 1;
  return `${prefix}${counter}-${Date.now()}@essai.pdn.fr`;
};

async function rowOf(id: string) {
  const [row] = await getDb().select().from(promeneurs).where(eq(promeneurs.id, id));
  if (!row) throw new Error("promeneur absent");
  return row;
}

async function auditOf(id: string, action?: string) {
  return getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityId, id), action ? eq(auditLog.action, action) : undefined))
    .orderBy(asc(auditLog.id));
}

async function mailsTo(email: string) {
  return (await findOutboxMails(5000)).filter((m) => m.to === email);
}

/** A structure of 04 with its referent, and a coordinator of the 04. */
async function setup(structureOverrides: Partial<typeof structures.$inferInsert> = {}) {
  const db = getDb();
  const structure = await insertStructure(db, { departement: "04", communeCode: "04209", ...structureOverrides });
  const referentUser = await insertUser(db, {
    email: uniqueEmail("referent"),
    roles: [{ role: "referent", departement: "04", structureId: structure.id }],
  });
  return { structure, referent: await actorOf(referentUser.id), referentUser };
}

const proposal = (structureId: string, overrides: Partial<ProposerInput> = {}): ProposerInput => ({
  structureId,
  prenom: "Léa",
  nom: "Martin",
  email: uniqueEmail("lea"),
  fonction: "Animatrice jeunesse",
  heuresHebdomadaires: 4,
  ...overrides,
});

let coordinator04: Actor;
let coordinator05: Actor;
let national: Actor;
let copil04: Actor;

beforeAll(async () => {
  const db = getDb();
  coordinator04 = await actorOf(
    (await insertUser(db, { email: uniqueEmail("coord04"), roles: [{ role: "coordinateur", departement: "04" }] })).id,
  );
  coordinator05 = await actorOf(
    (await insertUser(db, { email: uniqueEmail("coord05"), roles: [{ role: "coordinateur", departement: "05" }] })).id,
  );
  national = await actorOf((await insertUser(db, { roles: [{ role: "national" }] })).id);
  copil04 = await actorOf((await insertUser(db, { roles: [{ role: "copil", departement: "04" }] })).id);
});

describe("cycle de vie d'un promeneur", () => {
  it("va de la proposition à la sortie, avec un journal à chaque étape et les e-mails prévus", async () => {
    const { structure, referent, referentUser } = await setup();
    const input = proposal(structure.id, { telephone: "04 92 00 00 00" });

    // Proposition par le référent.
    const { id } = await proposerPromeneur(ctx(), referent, input);
    let row = await rowOf(id);
    expect(row).toMatchObject({
      statut: "propose",
      departement: "04",
      structureId: structure.id,
      proposePar: referent.userId,
      proposeLe: T0,
      nomPublic: "Léa",
      email: input.email,
      telephone: "04 92 00 00 00",
      heuresHebdomadaires: 4,
      userId: null,
    });
    expect(row.slug).toMatch(/^lea-sisteron(-\d+)?$/);
    const [proposed] = await auditOf(id, "promeneur.proposer");
    expect(proposed).toMatchObject({ actorUserId: referent.userId, departement: "04", requestId: "req-promeneurs" });
    expect(proposed?.changes).toMatchObject({ statut: { avant: null, apres: "propose" }, prenom: { apres: "Léa" } });
    const toCoordination = (await mailsTo(coordinator04.email)).filter(
      (m) => m.text.includes(input.email) || m.text.includes(id),
    );
    expect(toCoordination.map((m) => m.subject)).toContain(
      "Nouvelle proposition de promeneur à examiner – Promeneurs du Net",
    );
    expect((await mailsTo(coordinator05.email)).filter((m) => m.text.includes(id))).toEqual([]);

    // Acceptation par la coordination : invitation et e-mail avec le lien.
    await transitionPromeneur(ctx(days(1)), coordinator04, id, "accepter", {});
    row = await rowOf(id);
    expect(row).toMatchObject({ statut: "accepte", statutDepuis: days(1), updatedAt: days(1) });
    const [invitation] = await getDb().select().from(invitations).where(eq(invitations.promeneurId, id));
    expect(invitation).toMatchObject({
      email: input.email,
      role: "promeneur",
      departement: "04",
      structureId: null,
      invitedBy: coordinator04.userId,
      expiresAt: new Date(days(1).getTime() + 14 * 86_400_000),
    });
    const [accepted] = await auditOf(id, "promeneur.accepter");
    expect(accepted?.changes).toMatchObject({
      statut: { avant: "propose", apres: "accepte" },
      invitationId: invitation?.id,
    });
    const [welcome] = await mailsTo(input.email);
    expect(welcome?.subject).toBe("Bienvenue chez les Promeneurs du Net : créez votre compte – Promeneurs du Net");
    expect(welcome?.text).toContain("Bonjour Léa,");
    const token = /http:\/\/localhost:3000\/invitation\/([\w-]{43})/.exec(welcome?.text ?? "")?.[1];
    expect(token && hashToken(token)).toBe(invitation?.tokenHash);
    expect((await mailsTo(referentUser.email)).map((m) => m.subject)).toContain(
      "Proposition de promeneur acceptée – Promeneurs du Net",
    );

    // Le promeneur crée son compte : il est lié à sa fiche.
    const { userId } = await acceptInvitation(ctx(days(2)), token as string, "une phrase de passe solide");
    expect((await rowOf(id)).userId).toBe(userId);
    const roles = await getDb().select().from(userRoles).where(eq(userRoles.userId, userId));
    expect(roles.map((r) => [r.role, r.departement])).toEqual([["promeneur", "04"]]);

    // Charte puis formation : formé.
    await transitionPromeneur(ctx(days(3)), coordinator04, id, "enregistrer_charte", { date: days(2) });
    expect(await rowOf(id)).toMatchObject({ statut: "accepte", charteSigneeLe: days(2) });
    await transitionPromeneur(ctx(days(4)), coordinator04, id, "enregistrer_formation", { date: null });
    expect(await rowOf(id)).toMatchObject({ statut: "forme", formationInitialeLe: days(4) });
    expect((await mailsTo(referentUser.email)).map((m) => m.subject)).toContain(
      "Promeneur formé : il peut être activé – Promeneurs du Net",
    );

    // Activation refusée sans charte employeur, puis sans profil conforme.
    await expect(transitionPromeneur(ctx(days(5)), coordinator04, id, "activer", {})).rejects.toMatchObject({
      field: "form",
      message: expect.stringContaining("la charte employeur de la structure n'est pas signée"),
    });
    await getDb()
      .update(structures)
      .set({ charteSigneeLe: days(1) })
      .where(eq(structures.id, structure.id));
    await insertProfil(getDb(), row, { dernierResultat: "non_conforme", derniereVerificationLe: days(4) });
    const refused = transitionPromeneur(ctx(days(5)), coordinator04, id, "activer", {});
    await expect(refused).rejects.toBeInstanceOf(Invalid);
    await expect(refused).rejects.toMatchObject({
      message: expect.stringContaining("aucun de ses profils n'est conforme"),
    });
    expect((await rowOf(id)).statut).toBe("forme");
    expect(await auditOf(id, "promeneur.activer")).toEqual([]);

    await insertProfil(getDb(), row, { dernierResultat: "conforme", derniereVerificationLe: days(4) });
    await transitionPromeneur(ctx(days(5)), coordinator04, id, "activer", {});
    expect(await rowOf(id)).toMatchObject({ statut: "actif", entreeLe: days(5), motifStatut: null });

    // Suspension : le motif est obligatoire.
    await expect(
      transitionPromeneur(ctx(days(6)), coordinator04, id, "suspendre", { motif: "  " }),
    ).rejects.toMatchObject({ field: "motif", message: "Indiquez le motif de la suspension." });
    expect((await rowOf(id)).statut).toBe("actif");
    await transitionPromeneur(ctx(days(6)), coordinator04, id, "suspendre", { motif: "Congé de longue durée" });
    expect(await rowOf(id)).toMatchObject({ statut: "suspendu", motifStatut: "Congé de longue durée" });
    const suspendedMail = (await mailsTo(input.email)).find((m) =>
      m.subject.startsWith("Votre présence de Promeneur du Net est suspendue"),
    );
    expect(suspendedMail?.text).toContain("Motif : Congé de longue durée");

    await transitionPromeneur(ctx(days(7)), coordinator04, id, "reactiver", {});
    expect(await rowOf(id)).toMatchObject({ statut: "actif", entreeLe: days(5), motifStatut: null });

    // Sortie enregistrée par le référent.
    await transitionPromeneur(ctx(days(8)), referent, id, "enregistrer_sortie", {
      date: days(8),
      motif: "Départ de la structure",
    });
    expect(await rowOf(id)).toMatchObject({
      statut: "sorti",
      sortieLe: days(8),
      motifStatut: "Départ de la structure",
    });
    expect((await mailsTo(input.email)).map((m) => m.subject)).toContain(
      "Fin de votre mission de Promeneur du Net – Promeneurs du Net",
    );
    expect((await mailsTo(coordinator04.email)).map((m) => m.subject)).toContain(
      "Sortie d'un promeneur enregistrée – Promeneurs du Net",
    );
    // Sorti : il perd son rôle de promeneur dans le 04 (annuaire interne, annonces), dans la même écriture.
    expect(await getDb().select().from(userRoles).where(eq(userRoles.userId, userId))).toEqual([]);
    const [sortie] = await auditOf(id, "promeneur.enregistrer_sortie");
    expect(sortie?.changes).toMatchObject({ rolePromeneur: { avant: "04", apres: null } });

    // Une ligne de journal par étape, dans l'ordre.
    expect((await auditOf(id)).map((a) => a.action)).toEqual([
      "promeneur.proposer",
      "promeneur.accepter",
      "promeneur.enregistrer_charte",
      "promeneur.enregistrer_formation",
      "promeneur.activer",
      "promeneur.suspendre",
      "promeneur.reactiver",
      "promeneur.enregistrer_sortie",
    ]);

    // Sorti est définitif.
    await expect(transitionPromeneur(ctx(days(9)), coordinator04, id, "reactiver", {})).rejects.toMatchObject({
      message: expect.stringContaining("état définitif"),
    });
  });

  it("retire le rôle de promeneur du 04 au promeneur refusé, pas ses autres rôles", async () => {
    const user = await insertUser(getDb(), {
      email: uniqueEmail("refuse"),
      roles: [
        { role: "promeneur", departement: "04" },
        { role: "promeneur", departement: "05" },
        { role: "copil", departement: "04" },
      ],
    });
    const promeneur = await insertPromeneur(getDb(), { departement: "04", userId: user.id, email: user.email });
    await transitionPromeneur(ctx(), coordinator04, promeneur.id, "refuser", { motif: "Poste non pérennisé" });
    const roles = await getDb().select().from(userRoles).where(eq(userRoles.userId, user.id));
    expect(roles.map((r) => `${r.role} ${r.departement}`).sort()).toEqual(["copil 04", "promeneur 05"]);
    const [audit] = await auditOf(promeneur.id, "promeneur.refuser");
    expect(audit?.changes).toMatchObject({ rolePromeneur: { avant: "04", apres: null } });
  });

  it("annule l'invitation en attente d'un promeneur accepté qui sort avant de créer son compte", async () => {
    const { structure, referent } = await setup();
    const { id } = await proposerPromeneur(ctx(), referent, proposal(structure.id));
    await transitionPromeneur(ctx(days(1)), coordinator04, id, "accepter", {});
    await transitionPromeneur(ctx(days(2)), referent, id, "enregistrer_sortie", { date: days(2) });
    const [invitation] = await getDb().select().from(invitations).where(eq(invitations.promeneurId, id));
    expect(invitation?.revokedAt).toEqual(days(2));
  });

  it("refuse un motif qui contient une adresse, un numéro, un pseudonyme ou un lien, sans rien écrire", async () => {
    const promeneur = await insertPromeneur(getDb(), { departement: "04" });
    await expect(
      transitionPromeneur(ctx(), coordinator04, promeneur.id, "refuser", { motif: "Voir @jeune_du_04" }),
    ).rejects.toMatchObject({ field: "motif", message: expect.stringContaining("pseudonyme") });
    expect((await rowOf(promeneur.id)).statut).toBe("propose");
    expect(await auditOf(promeneur.id)).toEqual([]);
  });

  it("lie à la fiche un compte existant qui accepte l'invitation avec son mot de passe", async () => {
    const { structure, referent } = await setup();
    const existing = await insertUser(getDb(), {
      email: uniqueEmail("deja"),
      roles: [{ role: "referent", departement: "04", structureId: structure.id }],
    });
    const { id } = await proposerPromeneur(ctx(), referent, proposal(structure.id, { email: existing.email }));
    await transitionPromeneur(ctx(days(1)), coordinator04, id, "accepter", {});
    const mail = (await mailsTo(existing.email)).find((m) => m.subject.startsWith("Bienvenue"));
    const token = /\/invitation\/([\w-]{43})/.exec(mail?.text ?? "")?.[1] as string;
    await acceptInvitation(ctx(days(1)), token, "mot-de-passe-essai-04");
    expect((await rowOf(id)).userId).toBe(existing.id);
  });

  it("donne un slug différent à deux promeneurs de même nom public dans la même commune", async () => {
    const { structure, referent } = await setup({ communeCode: "04112" });
    const a = await proposerPromeneur(ctx(), referent, proposal(structure.id, { nomPublic: "Zoé" }));
    const b = await proposerPromeneur(ctx(), referent, proposal(structure.id, { nomPublic: "Zoé" }));
    const slugs = [(await rowOf(a.id)).slug, (await rowOf(b.id)).slug];
    expect(slugs[0]).toMatch(/^zoe-manosque/);
    expect(new Set(slugs).size).toBe(2);
  });

  it("refuse une adresse déjà prise par un promeneur du réseau, sur le champ e-mail", async () => {
    const { structure, referent } = await setup();
    const input = proposal(structure.id);
    await proposerPromeneur(ctx(), referent, input);
    await expect(proposerPromeneur(ctx(), referent, { ...input, nom: "Autre" })).rejects.toMatchObject({
      field: "email",
    });
    const rows = await getDb().select().from(promeneurs).where(sql`lower(${promeneurs.email}) = ${input.email}`);
    expect(rows).toHaveLength(1);
  });
});

describe("cycle de vie : qui peut faire quoi", () => {
  it("refuse au référent d'accepter (403), sans rien changer", async () => {
    const { structure, referent } = await setup();
    const { id } = await proposerPromeneur(ctx(), referent, proposal(structure.id));
    await expectRefus(transitionPromeneur(ctx(), referent, id, "accepter", {}), 403);
    expect((await rowOf(id)).statut).toBe("propose");
    expect(await auditOf(id, "promeneur.accepter")).toEqual([]);
  });

  it("ne laisse pas accepter sa propre proposition (coordinateur et référent de la structure)", async () => {
    const structure = await insertStructure(getDb(), { departement: "04" });
    const both = await actorOf(
      (
        await insertUser(getDb(), {
          roles: [
            { role: "coordinateur", departement: "04" },
            { role: "referent", departement: "04", structureId: structure.id },
          ],
        })
      ).id,
    );
    const { id } = await proposerPromeneur(ctx(), both, proposal(structure.id));
    const message = await expectRefus(transitionPromeneur(ctx(), both, id, "accepter", {}), 403);
    expect(message).toContain("vous avez vous-même proposé");
    expect((await rowOf(id)).statut).toBe("propose");
    // Une autre personne de la coordination peut accepter.
    await transitionPromeneur(ctx(), coordinator04, id, "accepter", {});
    expect((await rowOf(id)).statut).toBe("accepte");
  });

  it("répond 404 au coordinateur du 05 sur un promeneur du 04, sans rien changer", async () => {
    const promeneur = await insertPromeneur(getDb(), { departement: "04" });
    await expectRefus(transitionPromeneur(ctx(), coordinator05, promeneur.id, "accepter", {}), 404);
    await expectRefus(transitionPromeneur(ctx(), coordinator05, promeneur.id, "refuser", { motif: "Non" }), 404);
    expect((await rowOf(promeneur.id)).statut).toBe("propose");
    expect(await auditOf(promeneur.id)).toEqual([]);
  });

  it("répond 403 au rôle national (il lit la fiche), 404 au comité de pilotage et à un promeneur (ils ne la lisent pas)", async () => {
    const promeneur = await insertPromeneur(getDb(), { departement: "04" });
    const promeneurActor = await actorOf(
      (await insertUser(getDb(), { roles: [{ role: "promeneur", departement: "04" }] })).id,
    );
    await expectRefus(transitionPromeneur(ctx(), national, promeneur.id, "accepter", {}), 403);
    for (const actor of [copil04, promeneurActor]) {
      await expectRefus(transitionPromeneur(ctx(), actor, promeneur.id, "accepter", {}), 404);
    }
    expect((await rowOf(promeneur.id)).statut).toBe("propose");
  });

  it("refuse la proposition à un coordinateur qui n'est pas référent de la structure", async () => {
    const structure = await insertStructure(getDb(), { departement: "04" });
    const input = proposal(structure.id);
    await expectRefus(proposerPromeneur(ctx(), coordinator04, input), 403);
    await expectRefus(proposerPromeneur(ctx(), coordinator05, input), 404);
    const rows = await getDb().select().from(promeneurs).where(eq(promeneurs.email, input.email));
    expect(rows).toEqual([]);
  });

  it("refuse un identifiant qui n'est pas celui d'un promeneur", async () => {
    await expectRefus(transitionPromeneur(ctx(), coordinator04, "pas-un-uuid", "accepter", {}), 404);
    await expectRefus(
      transitionPromeneur(ctx(), coordinator04, "00000000-0000-4000-8000-00000000abcd", "accepter", {}),
      404,
    );
  });
});

describe("modification d'un promeneur", () => {
  it("laisse le référent changer contacts, fonction et heures, pas l'identité", async () => {
    const { structure, referent } = await setup();
    const { id } = await proposerPromeneur(ctx(), referent, proposal(structure.id));
    const email = uniqueEmail("nouvelle");
    await modifierPromeneur(ctx(days(1)), referent, id, {
      prenom: "Autre",
      nom: "Nom",
      email,
      fonction: "Éducatrice spécialisée",
      heuresHebdomadaires: 6.5,
    });
    expect(await rowOf(id)).toMatchObject({
      prenom: "Léa",
      nom: "Martin",
      email,
      fonction: "Éducatrice spécialisée",
      heuresHebdomadaires: 6.5,
      telephone: null,
    });
    const [audit] = await auditOf(id, "promeneur.modifier");
    expect(audit?.changes).toMatchObject({ heuresHebdomadaires: { avant: 4, apres: 6.5 }, email: { apres: email } });
    expect(audit?.changes).not.toHaveProperty("prenom");
  });

  it("laisse la coordination corriger le prénom et le nom", async () => {
    const promeneur = await insertPromeneur(getDb(), { departement: "04" });
    await modifierPromeneur(ctx(), coordinator04, promeneur.id, {
      prenom: "Lou",
      nom: "Durand",
      email: promeneur.email,
      fonction: promeneur.fonction,
      heuresHebdomadaires: promeneur.heuresHebdomadaires,
    });
    expect(await rowOf(promeneur.id)).toMatchObject({ prenom: "Lou", nom: "Durand" });
  });

  it("refuse la modification au national (403) et au coordinateur du 05 (404)", async () => {
    const promeneur = await insertPromeneur(getDb(), { departement: "04" });
    const input = { email: uniqueEmail("x"), fonction: "X", heuresHebdomadaires: 2 };
    await expectRefus(modifierPromeneur(ctx(), national, promeneur.id, input), 403);
    await expectRefus(modifierPromeneur(ctx(), coordinator05, promeneur.id, input), 404);
    await expectRefus(modifierPromeneur(ctx(), copil04, promeneur.id, input), 404);
    expect((await rowOf(promeneur.id)).email).toBe(promeneur.email);
    expect(await auditOf(promeneur.id)).toEqual([]);
  });
});

describe("territoire d'intervention", () => {
  async function territoireOf(id: string) {
    const rows = await getDb().select().from(promeneurTerritoires).where(eq(promeneurTerritoires.promeneurId, id));
    return rows.map((r) => r.communeCode ?? r.epciSiren).sort();
  }

  it("ajoute puis retire communes et intercommunalité, une ligne de journal par changement", async () => {
    const promeneur = await insertPromeneur(getDb(), { departement: "04" });
    const [paa] = await getDb().select().from(epci).where(eq(epci.nom, "CA Provence-Alpes-Agglomération"));
    const siren = paa?.siren ?? "";
    await ajouterTerritoire(ctx(), coordinator04, promeneur.id, { communeCode: "04070" });
    await ajouterTerritoire(ctx(), coordinator04, promeneur.id, { communeCode: "04049" });
    await ajouterTerritoire(ctx(), coordinator04, promeneur.id, { epciSiren: siren });
    expect(await territoireOf(promeneur.id)).toEqual(["04049", "04070", siren].sort());
    // Ajouter ce qui y est déjà, retirer ce qui n'y est pas : rien n'est écrit.
    await ajouterTerritoire(ctx(), coordinator04, promeneur.id, { communeCode: "04070" });
    await retirerTerritoire(ctx(), coordinator04, promeneur.id, { communeCode: "04112" });
    await retirerTerritoire(ctx(), coordinator04, promeneur.id, { communeCode: "04049" });
    await retirerTerritoire(ctx(), coordinator04, promeneur.id, { epciSiren: siren });
    expect(await territoireOf(promeneur.id)).toEqual(["04070"]);
    const audits = await auditOf(promeneur.id, "promeneur.territoire");
    expect(audits).toHaveLength(5);
    expect(audits[3]?.changes).toEqual({ communes: { avant: ["04049", "04070"], apres: ["04070"] } });
    expect(audits[4]?.changes).toEqual({ epci: { avant: [siren], apres: [] } });
  });

  it("garde les deux ajouts faits en même temps (pas de mise à jour perdue)", async () => {
    const promeneur = await insertPromeneur(getDb(), { departement: "04" });
    await Promise.all([
      ajouterTerritoire(ctx(), coordinator04, promeneur.id, { communeCode: "04070" }),
      ajouterTerritoire(ctx(), coordinator04, promeneur.id, { communeCode: "04049" }),
      ajouterTerritoire(ctx(), coordinator04, promeneur.id, { communeCode: "04112" }),
    ]);
    expect(await territoireOf(promeneur.id)).toEqual(["04049", "04070", "04112"]);
  });

  it("refuse une commune du 05 et une intercommunalité sans commune du 04, sur leur champ, sans rien changer", async () => {
    const promeneur = await insertPromeneur(getDb(), { departement: "04" });
    await ajouterTerritoire(ctx(), coordinator04, promeneur.id, { communeCode: "04209" });
    await expect(ajouterTerritoire(ctx(), coordinator04, promeneur.id, { communeCode: "05061" })).rejects.toMatchObject(
      { field: "communeCode", message: expect.stringContaining("Gap n'est pas une commune du département 04") },
    );
    await expect(ajouterTerritoire(ctx(), coordinator04, promeneur.id, { communeCode: "99999" })).rejects.toMatchObject(
      { field: "communeCode" },
    );
    const [sans04] = await getDb()
      .select({ siren: epci.siren })
      .from(epci)
      .where(
        sql`not exists (select 1 from ${communes} where ${communes.epciSiren} = ${epci.siren} and ${communes.departement} = '04')`,
      )
      .limit(1);
    await expect(
      ajouterTerritoire(ctx(), coordinator04, promeneur.id, { epciSiren: sans04?.siren ?? "" }),
    ).rejects.toMatchObject({ field: "epciSiren" });
    expect(await territoireOf(promeneur.id)).toEqual(["04209"]);
    expect(await auditOf(promeneur.id, "promeneur.territoire")).toHaveLength(1);
  });

  it("laisse le promeneur lui-même définir son territoire ; 404 à un autre promeneur et au 05, 403 au référent", async () => {
    const own = await insertUser(getDb(), { roles: [{ role: "promeneur", departement: "04" }] });
    const promeneur = await insertPromeneur(getDb(), { departement: "04", statut: "actif", userId: own.id });
    await ajouterTerritoire(ctx(), await actorOf(own.id), promeneur.id, { communeCode: "04112" });
    const other = await actorOf((await insertUser(getDb(), { roles: [{ role: "promeneur", departement: "04" }] })).id);
    const referent = await actorOf(
      (
        await insertUser(getDb(), {
          roles: [{ role: "referent", departement: "04", structureId: promeneur.structureId }],
        })
      ).id,
    );
    await expectRefus(retirerTerritoire(ctx(), other, promeneur.id, { communeCode: "04112" }), 404);
    await expectRefus(retirerTerritoire(ctx(), coordinator05, promeneur.id, { communeCode: "04112" }), 404);
    await expectRefus(retirerTerritoire(ctx(), copil04, promeneur.id, { communeCode: "04112" }), 404);
    await expectRefus(retirerTerritoire(ctx(), referent, promeneur.id, { communeCode: "04112" }), 403);
    await expectRefus(ajouterTerritoire(ctx(), national, promeneur.id, { communeCode: "04070" }), 403);
    expect(await territoireOf(promeneur.id)).toEqual(["04112"]);
  });

  it("trouve « Digne » pour « digne » et « Château-Arnoux » pour « chateau », seulement dans le département", async () => {
    expect((await rechercherCommunes(getDb(), "04", "digne")).map((c) => c.nom)).toContain("Digne-les-Bains");
    expect((await rechercherCommunes(getDb(), "04", "chateau")).map((c) => c.nom)).toContain(
      "Château-Arnoux-Saint-Auban",
    );
    expect((await rechercherCommunes(getDb(), "04", "gap")).map((c) => c.nom)).not.toContain("Gap");
    expect(await rechercherCommunes(getDb(), "04", "  ")).toEqual([]);
  });
});

describe("liste des promeneurs", () => {
  it("limite le référent à sa structure et le coordinateur à son département ; cherche sans accents", async () => {
    const { structure, referent } = await setup();
    const mine = await insertPromeneur(getDb(), { structureId: structure.id, prenom: "Élodie", nom: "Bérard" });
    const other04 = await insertPromeneur(getDb(), { departement: "04" });
    const other05 = await insertPromeneur(getDb(), { departement: "05" });
    const forReferent = (await findPromeneursForActor(getDb(), referent)).map((p) => p.id);
    expect(forReferent).toContain(mine.id);
    expect(forReferent).not.toContain(other04.id);
    const forCoordinator = (await findPromeneursForActor(getDb(), coordinator04)).map((p) => p.id);
    expect(forCoordinator).toEqual(expect.arrayContaining([mine.id, other04.id]));
    expect(forCoordinator).not.toContain(other05.id);
    const found = await findPromeneursForActor(getDb(), coordinator04, { q: "elodie berard" });
    expect(found.map((p) => p.id)).toEqual([mine.id]);
    expect((await findPromeneursForActor(getDb(), national, { statut: "propose" })).map((p) => p.id)).toContain(
      other05.id,
    );
    // Le filtre par département des liens du tableau de bord ; hors périmètre, il est ignoré.
    const national04 = (await findPromeneursForActor(getDb(), national, { departement: "04" })).map((p) => p.id);
    expect(national04).toEqual(expect.arrayContaining([mine.id, other04.id]));
    expect(national04).not.toContain(other05.id);
    const coordinateurVers05 = (await findPromeneursForActor(getDb(), coordinator04, { departement: "05" })).map(
      (p) => p.id,
    );
    expect(coordinateurVers05).toContain(other04.id);
    expect(coordinateurVers05).not.toContain(other05.id);
  });
});
