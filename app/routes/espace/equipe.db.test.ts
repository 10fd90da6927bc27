import { auditLog, invitations } from "@db/schema";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { flashContext } from "~/server/context.server";
import { getDb } from "~/server/db.server";
import { findOutboxMails } from "~/server/mail.server";
import { insertStructure } from "../../../tests/factories/structure";
import { insertUser } from "../../../tests/factories/user";
import { actorOf, contextFor, getRequest, outcome, postRequest } from "../../../tests/support/route";
import { action, loader } from "./equipe";

type LoaderData = {
  departement: string;
  team: { email: string; roles: { role: string; structure: string | null }[] }[];
  invitations: { email: string }[];
  structures: { id: string; nom: string }[];
  roles: string[];
};
type Reply = { status: string; error?: Record<string, string[] | null> };

let counter = 0;
function uniqueEmail(prefix: string) {
  counter += 1;
  return `${prefix}${counter}-${Date.now()}@essai.pdn.fr`;
}

const load = (actor: Actor | null, path = "/espace/equipe") =>
  outcome(() => loader({ request: getRequest(path), context: contextFor(actor), params: {} } as never));

const post = (actor: Actor | null, fields: Record<string, string>, path = "/espace/equipe") => {
  const context = contextFor(actor);
  return {
    context,
    result: outcome(() => action({ request: postRequest(path, fields), context, params: {} } as never)),
  };
};

async function invitationsTo(email: string) {
  return getDb().select().from(invitations).where(eq(invitations.email, email));
}

let coordinator04: Actor;
let coordinator05: Actor;
let member04Email: string;
let member05Email: string;

beforeAll(async () => {
  const db = getDb();
  coordinator04 = await actorOf((await insertUser(db, { roles: [{ role: "coordinateur", departement: "04" }] })).id);
  coordinator05 = await actorOf((await insertUser(db, { roles: [{ role: "coordinateur", departement: "05" }] })).id);
  member04Email = (
    await insertUser(db, { email: uniqueEmail("membre04"), roles: [{ role: "promeneur", departement: "04" }] })
  ).email;
  member05Email = (
    await insertUser(db, { email: uniqueEmail("membre05"), roles: [{ role: "promeneur", departement: "05" }] })
  ).email;
});

describe("équipe et invitations : lecture", () => {
  it("montre au coordinateur du 04 l'équipe du 04 seulement", async () => {
    const structure05 = await insertStructure(getDb(), {
      nom: "Structure de l'équipe 05",
      departement: "05",
      communeCode: "05061",
    });
    const result = await load(coordinator04);
    expect(result.status).toBe(200);
    const data = result.data as LoaderData;
    expect(data.departement).toBe("04");
    const emails = data.team.map((m) => m.email);
    expect(emails).toContain(member04Email);
    expect(emails).toContain(coordinator04.email);
    expect(emails).not.toContain(member05Email);
    expect(emails).not.toContain(coordinator05.email);
    expect(data.structures.map((s) => s.id)).not.toContain(structure05.id);
    expect(data.roles).toEqual(["coordinateur", "copil", "referent", "promeneur", "evaluateur"]);
  });

  it("ne montre pas au coordinateur du 04 les invitations en attente du 05", async () => {
    const email = uniqueEmail("attente05");
    const { result } = post(coordinator05, { email, nom: "Dominique Cinq", role: "copil", departement: "05" });
    expect((await result).status).toBe(302);
    const own = (await load(coordinator05)).data as LoaderData;
    expect(own.invitations.map((i) => i.email)).toContain(email);
    const other = (await load(coordinator04)).data as LoaderData;
    expect(other.invitations.map((i) => i.email)).not.toContain(email);
  });

  it("répond 404 au coordinateur du 05 qui demande l'équipe du 04", async () => {
    expect((await load(coordinator05, "/espace/equipe?departement=04")).status).toBe(404);
  });

  it.each(["copil", "promeneur", "evaluateur"] as const)("répond 403 au rôle %s", async (role) => {
    const user = await insertUser(getDb(), { roles: [{ role, departement: "04" }] });
    expect((await load(await actorOf(user.id))).status).toBe(403);
  });

  it("renvoie un visiteur non connecté vers la connexion avec la page en retour", async () => {
    const result = await load(null, "/espace/equipe?departement=04");
    expect(result).toMatchObject({ status: 302, location: "/connexion?retour=%2Fespace%2Fequipe%3Fdepartement%3D04" });
  });
});

describe("équipe et invitations : inviter", () => {
  it("refuse une adresse mal formée avec l'erreur du champ, sans rien écrire", async () => {
    const nom = `Invité mal écrit ${Date.now()}`;
    const { result } = post(coordinator04, { email: "pas-une-adresse", nom, role: "promeneur", departement: "04" });
    const reply = await result;
    expect(reply.status).toBe(400);
    expect((reply.data as Reply).error?.email).toEqual([
      "Saisissez une adresse e-mail valide, par exemple prenom.nom@exemple.fr.",
    ]);
    expect(await getDb().select().from(invitations).where(eq(invitations.nom, nom))).toEqual([]);
  });

  it("exige une structure pour inviter un référent", async () => {
    const email = uniqueEmail("referent-sans-structure");
    const { result } = post(coordinator04, { email, nom: "Référent Sans", role: "referent", departement: "04" });
    const reply = await result;
    expect(reply.status).toBe(400);
    expect((reply.data as Reply).error?.structureId).toEqual([
      "Un référent est rattaché à une structure : choisissez-la.",
    ]);
    expect(await invitationsTo(email)).toEqual([]);
  });

  it("refuse une structure d'un autre département pour un référent, sur le champ structure", async () => {
    const structure05 = await insertStructure(getDb(), { departement: "05", communeCode: "05061" });
    const email = uniqueEmail("referent-05");
    const { result } = post(coordinator04, {
      email,
      nom: "Référent Ailleurs",
      role: "referent",
      departement: "04",
      structureId: structure05.id,
    });
    const reply = await result;
    expect(reply.status).toBe(400);
    expect((reply.data as Reply).error?.structureId).toEqual(["Cette structure n'existe pas dans ce département."]);
    expect(await invitationsTo(email)).toEqual([]);
  });

  it("envoie l'invitation : redirection, ligne d'invitation, journal et e-mail dans la boîte d'envoi", async () => {
    const email = uniqueEmail("invite-ok");
    const { result, context } = post(coordinator04, {
      email,
      nom: "Alix Invitée",
      role: "promeneur",
      departement: "04",
    });
    const reply = await result;
    expect(reply).toMatchObject({ status: 302, location: "/espace/equipe?departement=04" });
    expect(context.get(flashContext).next).toBe(`Invitation envoyée à ${email}.`);
    const [row] = await invitationsTo(email);
    expect(row).toMatchObject({
      role: "promeneur",
      departement: "04",
      invitedBy: coordinator04.userId,
      revokedAt: null,
    });
    const audit = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "invitation.creer"), eq(auditLog.entityId, row?.id ?? "")));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUserId: coordinator04.userId, departement: "04", requestId: "test" });
    const mails = (await findOutboxMails(1000)).filter((m) => m.to === email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe("Invitation à rejoindre l'espace Promeneurs du Net");
    expect(mails[0]?.text).toMatch(/http:\/\/localhost:3000\/invitation\/[\w-]{43}/);
  });

  it("répond 403 au coordinateur du 05 qui invite dans le 04, sans rien écrire", async () => {
    const email = uniqueEmail("intrus");
    const { result } = post(coordinator05, { email, nom: "Intrus Cinq", role: "coordinateur", departement: "04" });
    expect((await result).status).toBe(403);
    expect(await invitationsTo(email)).toEqual([]);
    expect((await findOutboxMails(1000)).filter((m) => m.to === email)).toEqual([]);
  });

  it("répond 403 à un membre du comité de pilotage qui invite, même avec un formulaire incomplet", async () => {
    const copil = await actorOf((await insertUser(getDb(), { roles: [{ role: "copil", departement: "04" }] })).id);
    const email = uniqueEmail("par-copil");
    const valid = post(copil, { email, nom: "Par Copil", role: "promeneur", departement: "04" });
    expect((await valid.result).status).toBe(403);
    const invalid = post(copil, { email: "x", nom: "", role: "promeneur", departement: "04" });
    expect((await invalid.result).status).toBe(403);
    expect(await invitationsTo(email)).toEqual([]);
  });

  it("renvoie un visiteur non connecté qui poste une invitation vers la connexion", async () => {
    const email = uniqueEmail("anonyme");
    const valid = post(null, { email, nom: "Anonyme", role: "promeneur", departement: "04" });
    expect((await valid.result).status).toBe(302);
    expect((await valid.result).location).toMatch(/^\/connexion\?retour=/);
    const invalid = post(null, { email: "x", nom: "", role: "promeneur", departement: "04" });
    expect((await invalid.result).status).toBe(302);
    expect(await invitationsTo(email)).toEqual([]);
  });
});

describe("équipe et invitations : annuler", () => {
  async function pendingInvitation() {
    const email = uniqueEmail("a-annuler");
    const { result } = post(coordinator04, { email, nom: "À Annuler", role: "promeneur", departement: "04" });
    await result;
    const [row] = await invitationsTo(email);
    if (!row) throw new Error("invitation absente");
    return row;
  }

  it("répond 404 au coordinateur d'un autre département", async () => {
    const invitation = await pendingInvitation();
    const { result } = post(coordinator05, { intent: "annuler", invitationId: invitation.id });
    expect((await result).status).toBe(404);
    expect((await invitationsTo(invitation.email))[0]?.revokedAt).toBeNull();
  });

  it("annule l'invitation pour le coordinateur du département, avec son journal", async () => {
    const invitation = await pendingInvitation();
    const { result } = post(
      coordinator04,
      { intent: "annuler", invitationId: invitation.id },
      "/espace/equipe?departement=04",
    );
    expect(await result).toMatchObject({ status: 302, location: "/espace/equipe?departement=04" });
    expect((await invitationsTo(invitation.email))[0]?.revokedAt).not.toBeNull();
    const [audit] = await getDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(and(eq(auditLog.action, "invitation.annuler"), eq(auditLog.entityId, invitation.id)));
    expect(audit?.n).toBe(1);
  });

  it("répond 404 pour un identifiant d'invitation qui n'en est pas un", async () => {
    const { result } = post(coordinator04, { intent: "annuler", invitationId: "pas-un-uuid" });
    expect((await result).status).toBe(404);
  });
});
