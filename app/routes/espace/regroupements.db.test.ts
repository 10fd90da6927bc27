import { auditLog, promeneurs, regroupementInvitations, regroupements } from "@db/schema";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { getDb } from "~/server/db.server";
import { insertPromeneur, type PromeneurRow } from "../../../tests/factories/promeneur";
import {
  insertComite,
  insertRegroupement,
  invitePersonne,
  invitePromeneur,
} from "../../../tests/factories/regroupement";
import { insertActor, insertPromeneurEtEntourage } from "../../../tests/support/acteurs";
import { contextFor, getRequest, outcome, postRequest } from "../../../tests/support/route";
import * as reponse from "../public/reponse.$jeton";
import * as promeneurHome from "./promeneur";
import * as liste from "./regroupements";
import * as detail from "./regroupements.$id";
import * as modifier from "./regroupements.$id.modifier";
import * as nouveau from "./regroupements.nouveau";

type Loader = (args: never) => unknown;
type Reply = { status: string; error?: Record<string, string[] | null> };

const load = (loader: Loader, actor: Actor | null, path: string, params: Record<string, string> = {}) =>
  outcome(() => loader({ request: getRequest(path), context: contextFor(actor), params } as never));
const post = (
  action: Loader,
  actor: Actor | null,
  path: string,
  fields: Record<string, string | string[]>,
  params: Record<string, string> = {},
) => outcome(() => action({ request: postRequest(path, fields), context: contextFor(actor), params } as never));

let promeneur: PromeneurRow;
let lui: Actor;
let autrePromeneur: Actor;
let referent: Actor;
let coordinateur04: Actor;
let coordinateur05: Actor;
let copil04: Actor;

beforeAll(async () => {
  ({ promeneur, lui, autrePromeneur, referent, coordinateur04, coordinateur05 } = await insertPromeneurEtEntourage(
    getDb(),
  ));
  copil04 = await insertActor(getDb(), { role: "copil", departement: "04" });
});

const formulaire = (titre: string, overrides: Record<string, string> = {}) => ({
  departement: "04",
  type: "formation_continue",
  titre,
  jourDebut: "2030-05-14",
  heureDebut: "09:30",
  heureFin: "12:00",
  lieu: "Maison des associations",
  communeCode: "04070",
  audience: "promeneurs",
  ...overrides,
});

async function regroupementsTitled(titre: string) {
  return getDb().select().from(regroupements).where(eq(regroupements.titre, titre));
}

describe("créer un regroupement", () => {
  it("part du comité quand on programme une réunion depuis sa page, jamais d'un comité d'un autre département", async () => {
    const comite = await insertComite(getDb(), { nom: "Comité opérationnel Ubaye" });
    const autre = await insertComite(getDb(), { departement: "05", nom: "Comité de pilotage 05" });
    const depuisComite = (await load(
      nouveau.loader,
      coordinateur04,
      `/espace/regroupements/nouveau?departement=04&comite=${comite.id}`,
    )) as { data: { comite?: { id: string } } };
    expect(depuisComite.data.comite?.id).toBe(comite.id);
    const horsDepartement = (await load(
      nouveau.loader,
      coordinateur04,
      `/espace/regroupements/nouveau?departement=04&comite=${autre.id}`,
    )) as { data: { comite?: unknown } };
    expect(horsDepartement.data.comite).toBeUndefined();
  });

  it("crée le regroupement aux heures de Paris, avec son journal, et renvoie vers sa page", async () => {
    const titre = `Formation ${Date.now()}`;
    const result = await post(nouveau.action, coordinateur04, "/espace/regroupements/nouveau", formulaire(titre));
    expect(result.status).toBe(302);
    const [r] = await regroupementsTitled(titre);
    expect(r).toMatchObject({
      departement: "04",
      debut: new Date("2030-05-14T07:30:00Z"),
      fin: new Date("2030-05-14T10:00:00Z"),
      communeCode: "04070",
      creePar: coordinateur04.userId,
    });
    expect(result.location).toBe(`/espace/regroupements/${r?.id}#inviter`);
    const audit = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "regroupement.creer"), eq(auditLog.entityId, r?.id ?? "")));
    expect(audit).toHaveLength(1);
  });

  it.each([
    [{ heureFin: "09:00" }, "heureFin", "La fin doit être après le début."],
    [
      { jourDebut: "2030-03-31", heureDebut: "02:30", heureFin: "04:00" },
      "heureDebut",
      "02\u00a0h\u00a030 n'existe pas",
    ],
    [{ lieu: "" }, "lieu", "Indiquez un lieu, un lien de visioconférence, ou les deux."],
    [{ communeCode: "05061" }, "communeCode", "Choisissez une commune du département dans la liste."],
    [{ type: "comite_pilotage" }, "comiteId", "Choisissez le comité qui se réunit."],
  ])("refuse %o (400, message sur le champ, rien d'écrit)", async (overrides, champ, message) => {
    const titre = `Refusé ${champ} ${Date.now()}`;
    const result = await post(
      nouveau.action,
      coordinateur04,
      "/espace/regroupements/nouveau",
      formulaire(titre, overrides),
    );
    expect(result.status).toBe(400);
    expect((result.data as Reply).error?.[champ]?.[0]).toContain(message);
    expect(await regroupementsTitled(titre)).toEqual([]);
  });

  it.each(["promeneur", "referent", "copil"] as const)("répond 403 au rôle %s, sans rien écrire", async (role) => {
    const actor = { promeneur: () => lui, referent: () => referent, copil: () => copil04 }[role]();
    const titre = `Par ${role} ${Date.now()}`;
    expect((await post(nouveau.action, actor, "/espace/regroupements/nouveau", formulaire(titre))).status).toBe(403);
    expect((await load(nouveau.loader, actor, "/espace/regroupements/nouveau")).status).toBe(403);
    expect(await regroupementsTitled(titre)).toEqual([]);
  });

  it("répond 404 au coordinateur du 05 qui crée pour le 04", async () => {
    const titre = `Du 05 ${Date.now()}`;
    expect(
      (await post(nouveau.action, coordinateur05, "/espace/regroupements/nouveau", formulaire(titre))).status,
    ).toBe(404);
    expect((await load(nouveau.loader, coordinateur05, "/espace/regroupements/nouveau?departement=04")).status).toBe(
      404,
    );
    expect(await regroupementsTitled(titre)).toEqual([]);
  });
});

describe("ouvrir et modifier un regroupement", () => {
  it("répond 404 au coordinateur du 05 qui ouvre ou modifie un regroupement du 04, 403 à un invité qui modifie", async () => {
    const r = await insertRegroupement(getDb());
    await invitePromeneur(getDb(), r, promeneur);
    const path = `/espace/regroupements/${r.id}`;
    expect((await load(detail.loader, coordinateur05, path, { id: r.id })).status).toBe(404);
    expect((await load(modifier.loader, coordinateur05, `${path}/modifier`, { id: r.id })).status).toBe(404);
    const champs = { version: "1", ...formulaire("Piraté par le 05") };
    expect((await post(modifier.action, coordinateur05, `${path}/modifier`, champs, { id: r.id })).status).toBe(404);
    expect(
      (await post(detail.action, coordinateur05, path, { intent: "annuler", motif: "Non" }, { id: r.id })).status,
    ).toBe(404);
    // Invited, the promeneur reads it but neither edits, invites nor cancels it.
    expect((await load(detail.loader, lui, path, { id: r.id })).status).toBe(200);
    expect((await load(modifier.loader, lui, `${path}/modifier`, { id: r.id })).status).toBe(403);
    expect((await post(modifier.action, lui, `${path}/modifier`, champs, { id: r.id })).status).toBe(403);
    expect((await post(detail.action, lui, path, { intent: "annuler", motif: "Non merci" }, { id: r.id })).status).toBe(
      403,
    );
    expect((await post(detail.action, lui, path, { intent: "inviter", invites: [] }, { id: r.id })).status).toBe(403);
    // Not invited: the gathering is out of their reach.
    expect((await load(detail.loader, autrePromeneur, path, { id: r.id })).status).toBe(404);
    const [apres] = await getDb().select().from(regroupements).where(eq(regroupements.id, r.id));
    expect(apres).toMatchObject({ titre: r.titre, statut: "prevu", version: 1 });
  });

  it("garde le motif tapé quand l'annulation est refusée (400), et refuse une action inconnue (400)", async () => {
    const r = await insertRegroupement(getDb());
    const path = `/espace/regroupements/${r.id}`;
    const refus = await post(detail.action, coordinateur04, path, { intent: "annuler", motif: "ab" }, { id: r.id });
    expect(refus.status).toBe(400);
    expect(refus.data).toMatchObject({ intent: "annuler", motif: "ab", erreur: expect.stringMatching(/motif/) });
    expect((await post(detail.action, coordinateur04, path, { intent: "effacer" }, { id: r.id })).status).toBe(400);
    const [apres] = await getDb().select().from(regroupements).where(eq(regroupements.id, r.id));
    expect(apres).toMatchObject({ statut: "prevu", version: 1 });
  });

  it("refuse une capacité sous les inscriptions (400, sur le champ) et une fin avant le début", async () => {
    const r = await insertRegroupement(getDb());
    for (const nom of ["Aline", "Bruno"]) {
      await invitePersonne(getDb(), r, { nom, email: `${nom}-${Date.now()}@essai.fr` }, { reponse: "oui" });
    }
    const path = `/espace/regroupements/${r.id}/modifier`;
    const champs = { version: "1", ...formulaire(r.titre, { capacite: "1" }) };
    const result = await post(modifier.action, coordinateur04, path, champs, { id: r.id });
    expect(result.status).toBe(400);
    expect((result.data as Reply).error?.capacite).toEqual([
      "2 personnes sont déjà inscrites\u00a0: la capacité ne peut pas être inférieure à 2.",
    ]);
    const fin = await post(
      modifier.action,
      coordinateur04,
      path,
      { version: "1", ...formulaire(r.titre, { heureFin: "08:00" }) },
      { id: r.id },
    );
    expect(fin.status).toBe(400);
    expect((fin.data as Reply).error?.heureFin).toEqual(["La fin doit être après le début."]);
    const [apres] = await getDb().select().from(regroupements).where(eq(regroupements.id, r.id));
    expect(apres).toMatchObject({ capacite: null, version: 1, debut: r.debut });
  });

  it("enregistre une modification et refuse une version périmée sur tout le formulaire", async () => {
    const r = await insertRegroupement(getDb());
    const path = `/espace/regroupements/${r.id}/modifier`;
    const ok = await post(
      modifier.action,
      coordinateur04,
      path,
      { version: "1", ...formulaire("Nouveau titre") },
      { id: r.id },
    );
    expect(ok).toMatchObject({ status: 302, location: `/espace/regroupements/${r.id}` });
    const perime = await post(
      modifier.action,
      coordinateur04,
      path,
      { version: "1", ...formulaire("Autre") },
      { id: r.id },
    );
    expect(perime.status).toBe(400);
    expect((perime.data as Reply).error?.[""]?.[0]).toContain("modifié entre-temps");
    const [apres] = await getDb().select().from(regroupements).where(eq(regroupements.id, r.id));
    expect(apres).toMatchObject({ titre: "Nouveau titre", version: 2 });
  });

  it("montre au coordinateur les invités, leurs réponses et les comptes ; à l'invité sa seule réponse", async () => {
    const r = await insertRegroupement(getDb(), { capacite: 10 });
    await invitePromeneur(getDb(), r, promeneur, { reponse: "oui", reponduLe: new Date() });
    await invitePersonne(getDb(), r, { nom: "Zoé Sansréponse", email: `zoe-${Date.now()}@essai.fr` });
    const path = `/espace/regroupements/${r.id}`;
    const coord = (await load(detail.loader, coordinateur04, path, { id: r.id })).data as {
      gere: boolean;
      totaux: { inscrits: number; declines: number; enAttente: number; placesRestantes: number };
      invites: { nom: string; reponse: string }[];
      regroupement: { quand: string };
    };
    expect(coord.gere).toBe(true);
    expect(coord.totaux).toMatchObject({ inscrits: 1, declines: 0, enAttente: 1, placesRestantes: 9 });
    expect(coord.invites).toHaveLength(2);
    const invite = (await load(detail.loader, lui, path, { id: r.id })).data as {
      gere: boolean;
      invites: unknown;
      candidats: unknown;
      maReponse: string;
    };
    expect(invite).toMatchObject({ gere: false, invites: null, candidats: null, maReponse: "oui" });
  });
});

describe("répondre", () => {
  it("la liste d'un invité ne montre que ses invitations, et il y répond en un geste", async () => {
    const mien = await insertRegroupement(getDb(), { titre: `Le mien ${Date.now()}` });
    const autre = await insertRegroupement(getDb(), { titre: `Pas le mien ${Date.now()}` });
    await invitePromeneur(getDb(), mien, promeneur);
    await invitePersonne(getDb(), autre, { nom: "Quelqu'un", email: `quelquun-${Date.now()}@essai.fr` });
    const data = (await load(liste.loader, lui, "/espace/regroupements")).data as {
      vue: string;
      invitations: { id: string; reponse: string }[];
    };
    expect(data.vue).toBe("invite");
    expect(data.invitations.map((i) => i.id)).toContain(mien.id);
    expect(data.invitations.map((i) => i.id)).not.toContain(autre.id);
    const vide = (await load(liste.loader, autrePromeneur, "/espace/regroupements")).data as { invitations: unknown[] };
    expect(vide.invitations.map((i) => (i as { id: string }).id)).not.toContain(mien.id);

    const result = await post(liste.action, lui, "/espace/regroupements", {
      intent: "repondre",
      regroupementId: mien.id,
      reponse: "oui",
      retour: "/espace/promeneur",
    });
    expect(result).toMatchObject({ status: 302, location: "/espace/promeneur" });
    const [row] = await getDb()
      .select()
      .from(regroupementInvitations)
      .where(and(eq(regroupementInvitations.regroupementId, mien.id), eq(regroupementInvitations.userId, lui.userId)));
    expect(row?.reponse).toBe("oui");
    // Someone not invited cannot answer for it.
    const intrus = await post(liste.action, autrePromeneur, "/espace/regroupements", {
      regroupementId: mien.id,
      reponse: "oui",
    });
    expect(intrus.status).toBe(404);
    // The promeneur's home lists it with its answer.
    const home = (await load(promeneurHome.loader, lui, "/espace/promeneur")).data as {
      regroupements: { id: string; reponse: string }[];
    };
    expect(home.regroupements.find((i) => i.id === mien.id)?.reponse).toBe("oui");
    expect(home.regroupements.map((i) => i.id)).not.toContain(autre.id);
  });

  it("refuse un « oui » quand c'est complet, depuis la page du regroupement (400, message)", async () => {
    const r = await insertRegroupement(getDb(), { capacite: 1 });
    await invitePersonne(getDb(), r, { nom: "Premier", email: `premier-${Date.now()}@essai.fr` }, { reponse: "oui" });
    await invitePromeneur(getDb(), r, promeneur);
    const path = `/espace/regroupements/${r.id}`;
    const result = await post(detail.action, lui, path, { intent: "repondre", reponse: "oui" }, { id: r.id });
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({ intent: "repondre", erreur: "Complet\u00a0: 1 place, déjà prise." });
  });

  it("la page publique du lien : 404 pour un jeton inconnu, rien d'enregistré à l'ouverture, le POST enregistre", async () => {
    expect((await load(reponse.loader, null, "/reponse/inconnu", { jeton: "a".repeat(43) })).status).toBe(404);
    const r = await insertRegroupement(getDb());
    const invite = await invitePersonne(getDb(), r, { nom: "Lien", email: `lien-${Date.now()}@essai.fr` });
    const path = `/reponse/${invite.jeton}`;
    expect((await load(reponse.loader, null, `${path}?choix=oui`, { jeton: invite.jeton })).status).toBe(200);
    const lire = async () =>
      (await getDb().select().from(regroupementInvitations).where(eq(regroupementInvitations.id, invite.id)))[0]
        ?.reponse;
    expect(await lire()).toBe("en_attente");
    const oui = await post(reponse.action, null, path, { reponse: "oui" }, { jeton: invite.jeton });
    expect(oui).toMatchObject({ status: 200, data: { enregistre: "oui" } });
    expect(await lire()).toBe("oui");
    await post(reponse.action, null, path, { reponse: "non" }, { jeton: invite.jeton });
    expect(await lire()).toBe("non");
    expect(reponse.meta({} as never)).toContainEqual({ name: "robots", content: "noindex" });
  });
});

describe("un compte lié après l'invitation", () => {
  it("un promeneur invité sans compte, lié ensuite à un compte, ouvre la page, la voit dans sa liste et répond", async () => {
    const r = await insertRegroupement(getDb(), { titre: `Lié plus tard ${Date.now()}` });
    const sansCompte = await insertPromeneur(getDb(), { userId: null });
    const invitation = await invitePromeneur(getDb(), r, sansCompte);
    expect(invitation.userId).toBeNull();
    const compte = await insertActor(getDb(), { role: "promeneur", departement: "04" });
    const path = `/espace/regroupements/${r.id}`;
    // Not yet linked: a stranger to this gathering.
    expect((await load(detail.loader, compte, path, { id: r.id })).status).toBe(404);
    await getDb().update(promeneurs).set({ userId: compte.userId }).where(eq(promeneurs.id, sansCompte.id));

    const page = (await load(detail.loader, compte, path, { id: r.id })) as {
      status: number;
      data: { maReponse: string | null; invites: unknown };
    };
    expect(page.status).toBe(200);
    expect(page.data.maReponse).toBe("en_attente");
    // A plain invitee never gets the list of invitees.
    expect(page.data.invites).toBeNull();
    const liste_ = (await load(liste.loader, compte, "/espace/regroupements")).data as {
      invitations: { id: string }[];
    };
    expect(liste_.invitations.map((i) => i.id)).toContain(r.id);
    const result = await post(detail.action, compte, path, { intent: "repondre", reponse: "oui" }, { id: r.id });
    expect(result.status).toBe(302);
    const [row] = await getDb()
      .select()
      .from(regroupementInvitations)
      .where(eq(regroupementInvitations.id, invitation.id));
    expect(row?.reponse).toBe("oui");
  });
});

describe("répondre : rôles et départements", () => {
  it("répond 403 à un rôle qui ne répond jamais (national), 404 à un promeneur du 05, sans rien changer", async () => {
    const r = await insertRegroupement(getDb());
    const invitation = await invitePromeneur(getDb(), r, promeneur);
    const national = await insertActor(getDb(), { role: "national" });
    const promeneur05 = await insertActor(getDb(), { role: "promeneur", departement: "05" });
    const champs = { intent: "repondre", regroupementId: r.id, reponse: "oui" };
    expect((await post(liste.action, national, "/espace/regroupements", champs)).status).toBe(403);
    expect((await load(liste.loader, national, "/espace/regroupements")).status).toBe(403);
    expect((await post(liste.action, promeneur05, "/espace/regroupements", champs)).status).toBe(404);
    const path = `/espace/regroupements/${r.id}`;
    expect((await post(detail.action, promeneur05, path, champs, { id: r.id })).status).toBe(404);
    expect((await load(detail.loader, national, path, { id: r.id })).status).toBe(403);
    const [row] = await getDb()
      .select()
      .from(regroupementInvitations)
      .where(eq(regroupementInvitations.id, invitation.id));
    expect(row?.reponse).toBe("en_attente");
  });
});

describe("liste de la coordination", () => {
  it("montre les regroupements du département avec les réponses, filtrés par type", async () => {
    const r = await insertRegroupement(getDb(), { type: "echange_pratiques", titre: `Échange ${Date.now()}` });
    await invitePersonne(getDb(), r, { nom: "A", email: `a-liste-${Date.now()}@essai.fr` }, { reponse: "oui" });
    await invitePersonne(getDb(), r, { nom: "B", email: `b-liste-${Date.now()}@essai.fr` });
    const data = (await load(liste.loader, coordinateur04, "/espace/regroupements?type=echange_pratiques")).data as {
      vue: string;
      regroupements: { id: string; type: string; inscrits: number; enAttente: number }[];
    };
    expect(data.vue).toBe("coordination");
    expect(data.regroupements.every((x) => x.type === "echange_pratiques")).toBe(true);
    expect(data.regroupements.find((x) => x.id === r.id)).toMatchObject({ inscrits: 1, enAttente: 1 });
    const du05 = (await load(liste.loader, coordinateur05, "/espace/regroupements")).data as {
      regroupements: { id: string }[];
    };
    expect(du05.regroupements.map((x) => x.id)).not.toContain(r.id);
  });

  it("répond 404 au coordinateur du 05 qui demande la liste du 04", async () => {
    expect((await load(liste.loader, coordinateur05, "/espace/regroupements?departement=04")).status).toBe(404);
  });
});
