import { invitations, users } from "@db/schema";
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Actor, RoleGrant } from "~/domain/comptes/actor";
import { hashPassword } from "~/domain/comptes/password.server";
import type { RoleCode } from "~/domain/comptes/roles";
import { totpAt } from "~/domain/comptes/totp";
import { recordAudit } from "~/server/audit.server";
import { getDb } from "~/server/db.server";
import { getEnv, setEnv } from "~/server/env.server";
import { sendMail } from "~/server/mail.server";
import { insertStructure } from "../../../tests/factories/structure";
import { insertUser } from "../../../tests/factories/user";
import { actorOf, contextFor, getRequest, type Outcome, outcome, postRequest } from "../../../tests/support/route";
import * as layout from "./_layout";
import * as budget from "./budget";
import * as compte from "./compte";
import * as coordination from "./coordination";
import * as evaluations from "./evaluations";
import * as index from "./index";
import * as journal from "./journal";
import * as national from "./national";
import * as outbox from "./outbox";
import * as pilotage from "./pilotage";
import * as promeneur from "./promeneur";
import * as structure from "./structure";
import * as territoire from "./territoire";

type Loader = (args: never) => unknown;

function run(loader: Loader, actor: Actor | null, path: string): Promise<Outcome> {
  return outcome(() => loader({ request: getRequest(path), context: contextFor(actor), params: {} } as never));
}

let counter = 0;
async function actorWith(...roles: Partial<RoleGrant>[]): Promise<Actor> {
  counter += 1;
  const user = await insertUser(getDb(), { email: `permissions${counter}-${Date.now()}@essai.pdn.fr`, roles });
  return actorOf(user.id);
}

const actors = {} as Record<
  "coordinateur04" | "coordinateur05" | "copil04" | "promeneur04" | "evaluateur04" | "national",
  Actor
>;
let referentA: Actor;
let structureA: { id: string; nom: string };
let structureB: { id: string; nom: string };
let structure05: { id: string; nom: string };

beforeAll(async () => {
  structureA = await insertStructure(getDb(), { nom: "Structure A du 04", departement: "04" });
  structureB = await insertStructure(getDb(), { nom: "Structure B du 04", departement: "04" });
  structure05 = await insertStructure(getDb(), { nom: "Structure du 05", departement: "05", communeCode: "05061" });
  actors.coordinateur04 = await actorWith({ role: "coordinateur", departement: "04" });
  actors.coordinateur05 = await actorWith({ role: "coordinateur", departement: "05" });
  actors.copil04 = await actorWith({ role: "copil", departement: "04" });
  actors.promeneur04 = await actorWith({ role: "promeneur", departement: "04" });
  actors.evaluateur04 = await actorWith({ role: "evaluateur", departement: "04" });
  actors.national = await actorWith({ role: "national" });
  referentA = await actorWith({ role: "referent", departement: "04", structureId: structureA.id });
});

/** For each back-office page: a role that gets it, one that does not. */
const pages: {
  name: string;
  path: string;
  loader: Loader;
  allowed: keyof typeof actors | "referent";
  forbidden: keyof typeof actors;
}[] = [
  {
    name: "coordination",
    path: "/espace/coordination",
    loader: coordination.loader,
    allowed: "coordinateur04",
    forbidden: "promeneur04",
  },
  { name: "pilotage", path: "/espace/pilotage", loader: pilotage.loader, allowed: "copil04", forbidden: "promeneur04" },
  { name: "budget", path: "/espace/budget", loader: budget.loader, allowed: "copil04", forbidden: "promeneur04" },
  {
    name: "structure",
    path: "/espace/structure",
    loader: structure.loader,
    allowed: "referent",
    forbidden: "coordinateur04",
  },
  {
    name: "promeneur",
    path: "/espace/promeneur",
    loader: promeneur.loader,
    allowed: "promeneur04",
    forbidden: "coordinateur04",
  },
  {
    name: "evaluations",
    path: "/espace/evaluations",
    loader: evaluations.loader,
    allowed: "evaluateur04",
    forbidden: "promeneur04",
  },
  {
    name: "national",
    path: "/espace/national",
    loader: national.loader,
    allowed: "national",
    forbidden: "coordinateur04",
  },
  { name: "journal", path: "/espace/journal", loader: journal.loader, allowed: "coordinateur04", forbidden: "copil04" },
  { name: "outbox", path: "/espace/outbox", loader: outbox.loader, allowed: "coordinateur04", forbidden: "copil04" },
  {
    name: "territoire",
    path: "/espace/territoire",
    loader: territoire.loader,
    allowed: "copil04",
    forbidden: "promeneur04",
  },
  { name: "compte", path: "/espace/compte", loader: compte.loader, allowed: "promeneur04", forbidden: "national" },
];

// The test environment runs without the demo; a few tests switch it on for themselves.
let demoAtStart = false;
beforeAll(() => {
  demoAtStart = getEnv().demo;
});
function withDemo(on: boolean) {
  setEnv({ ...getEnv(), demo: on });
}
afterEach(() => {
  setEnv({ ...getEnv(), demo: demoAtStart });
});

describe.each(pages)("page $path", (page) => {
  it(`s'ouvre pour le rôle autorisé (${page.allowed})`, async () => {
    if (page.name === "outbox") withDemo(true);
    const actor = page.allowed === "referent" ? referentA : actors[page.allowed];
    expect((await run(page.loader, actor, page.path)).status).toBe(200);
  });

  it(`répond 403 à un autre rôle (${page.forbidden})`, async () => {
    if (page.name === "outbox") withDemo(true);
    // Le compte (« espace.acceder ») est ouvert à tous les rôles : on le refuse à un compte sans rôle.
    const actor = page.name === "compte" ? await actorWith() : actors[page.forbidden];
    expect((await run(page.loader, actor, page.path)).status).toBe(403);
  });

  it("renvoie un visiteur non connecté vers la connexion", async () => {
    const result = await run(page.loader, null, `${page.path}?x=1`);
    expect(result.status).toBe(302);
    expect(result.location).toBe(`/connexion?retour=${encodeURIComponent(`${page.path}?x=1`)}`);
  });
});

describe("cloisonnement entre départements", () => {
  it("tableau de bord : le coordinateur du 05 ne compte ni ne voit rien du 04", async () => {
    type Data = {
      departement: string;
      structures: number;
      people: number;
      invitations: number;
      recent: { departement: string | null; action: string }[];
    };
    const before05 = (await run(coordination.loader, actors.coordinateur05, "/espace/coordination")).data as Data;
    const before04 = (await run(coordination.loader, actors.coordinateur04, "/espace/coordination")).data as Data;
    await insertStructure(getDb(), { departement: "04" });
    await insertUser(getDb(), { roles: [{ role: "promeneur", departement: "04" }] });
    await getDb()
      .insert(invitations)
      .values({
        email: `attente-${Date.now()}@essai.pdn.fr`,
        nom: "En attente",
        role: "promeneur",
        departement: "04",
        tokenHash: `essai-${Date.now()}`,
        expiresAt: new Date(Date.now() + 86_400_000),
      });
    await recordAudit(
      getDb(),
      { system: "essai" },
      { action: "essai.tableau.04", entityType: "essai", departement: "04" },
    );
    const after05 = (await run(coordination.loader, actors.coordinateur05, "/espace/coordination")).data as Data;
    const after04 = (await run(coordination.loader, actors.coordinateur04, "/espace/coordination")).data as Data;
    expect(after05.departement).toBe("05");
    expect({ s: after05.structures, p: after05.people, i: after05.invitations }).toEqual({
      s: before05.structures,
      p: before05.people,
      i: before05.invitations,
    });
    expect(after05.recent.every((e) => e.departement === "05")).toBe(true);
    expect({ s: after04.structures, p: after04.people, i: after04.invitations }).toEqual({
      s: before04.structures + 1,
      p: before04.people + 1,
      i: before04.invitations + 1,
    });
    expect(after04.recent[0]?.action).toBe("essai.tableau.04");
    expect((await run(coordination.loader, actors.coordinateur05, "/espace/coordination?departement=04")).status).toBe(
      404,
    );
  });

  it("pilotage : un membre du comité du 05 voit les chiffres du 05, jamais ceux du 04", async () => {
    const copil05 = await actorWith({ role: "copil", departement: "05" });
    type Data = { departement: string; structures: number; territoire: { communes: number } };
    const before = (await run(pilotage.loader, copil05, "/espace/pilotage")).data as Data;
    await insertStructure(getDb(), { departement: "04" });
    const after = (await run(pilotage.loader, copil05, "/espace/pilotage")).data as Data;
    expect(after.departement).toBe("05");
    expect(after.structures).toBe(before.structures);
    expect((await run(pilotage.loader, copil05, "/espace/pilotage?departement=04")).status).toBe(404);
    const own = (await run(pilotage.loader, actors.copil04, "/espace/pilotage")).data as Data;
    expect(own.departement).toBe("04");
    expect(own.territoire.communes).toBeGreaterThan(100);
  });

  it("ma structure : le référent voit la sienne, ni une autre du 04 ni une du 05", async () => {
    const data = (await run(structure.loader, referentA, "/espace/structure")).data as { structures: { id: string }[] };
    expect(data.structures.map((s) => s.id)).toEqual([structureA.id]);
    expect(data.structures.map((s) => s.id)).not.toContain(structureB.id);
    expect(data.structures.map((s) => s.id)).not.toContain(structure05.id);
  });

  it("territoire : le coordinateur du 05 ne voit que les communes du 05", async () => {
    type Data = { departement: string; summary: { communes: number }; communes: { code: string }[] };
    const data = (await run(territoire.loader, actors.coordinateur05, "/espace/territoire")).data as Data;
    expect(data.departement).toBe("05");
    expect(data.communes.length).toBeGreaterThan(100);
    expect(data.communes.every((c) => c.code.startsWith("05"))).toBe(true);
    expect(data.summary.communes).toBe(data.communes.length);
    expect((await run(territoire.loader, actors.coordinateur05, "/espace/territoire?departement=04")).status).toBe(404);
  });

  it("journal : les lignes du 04 sont invisibles au coordinateur du 05", async () => {
    type Data = { departement: string; entries: { action: string; departement: string | null }[] };
    const marker = `essai.journal.${Date.now()}`;
    await recordAudit(getDb(), { system: "essai" }, { action: `${marker}.04`, entityType: "essai", departement: "04" });
    await recordAudit(getDb(), { system: "essai" }, { action: `${marker}.05`, entityType: "essai", departement: "05" });
    await recordAudit(getDb(), { system: "essai" }, { action: `${marker}.aucun`, entityType: "essai" });
    const of05 = (await run(journal.loader, actors.coordinateur05, "/espace/journal")).data as Data;
    const actions05 = of05.entries.map((e) => e.action);
    expect(actions05).toContain(`${marker}.05`);
    expect(actions05).not.toContain(`${marker}.04`);
    expect(actions05).not.toContain(`${marker}.aucun`);
    expect(of05.entries.every((e) => e.departement === "05")).toBe(true);
    expect((await run(journal.loader, actors.coordinateur05, "/espace/journal?departement=04")).status).toBe(404);
    const of04 = (await run(journal.loader, actors.coordinateur04, "/espace/journal")).data as Data;
    expect(of04.entries.map((e) => e.action)).toContain(`${marker}.04`);
    expect(of04.entries.map((e) => e.action)).not.toContain(`${marker}.05`);
    const nationalView = (await run(journal.loader, actors.national, "/espace/journal?departement=05")).data as Data;
    expect(nationalView.entries.map((e) => e.action)).toContain(`${marker}.05`);
    expect(nationalView.entries.map((e) => e.action)).not.toContain(`${marker}.04`);
  });

  it("journal : pagine par 50, du plus récent au plus ancien", async () => {
    const coordinator06 = await actorWith({ role: "coordinateur", departement: "06" });
    for (let i = 0; i < 52; i++) {
      await recordAudit(
        getDb(),
        { system: "essai" },
        { action: `essai.page.${i}`, entityType: "essai", departement: "06" },
      );
    }
    type Data = { entries: { id: number; action: string }[]; next?: number };
    const first = (await run(journal.loader, coordinator06, "/espace/journal")).data as Data;
    expect(first.entries).toHaveLength(50);
    expect(first.entries[0]?.action).toBe("essai.page.51");
    expect(first.next).toBe(first.entries[49]?.id);
    const second = (await run(journal.loader, coordinator06, `/espace/journal?avant=${first.next}`)).data as Data;
    expect(second.entries.map((e) => e.action)).toEqual(["essai.page.1", "essai.page.0"]);
    expect(second.next).toBeUndefined();
  });

  it("vue nationale : réservée au rôle national, elle liste les départements déployés", async () => {
    const data = (await run(national.loader, actors.national, "/espace/national")).data as {
      departements: { code: string; coordinateurs: number }[];
    };
    const codes = data.departements.map((d) => d.code);
    expect(codes).toEqual(expect.arrayContaining(["04", "05"]));
    expect(data.departements.find((d) => d.code === "04")?.coordinateurs).toBeGreaterThanOrEqual(1);
    expect((await run(national.loader, actors.copil04, "/espace/national")).status).toBe(403);
  });

  it("boîte d'envoi : introuvable hors démonstration, lisible en démonstration", async () => {
    withDemo(false);
    expect((await run(outbox.loader, actors.coordinateur04, "/espace/outbox")).status).toBe(404);
    withDemo(true);
    await sendMail({ to: "boite@essai.pdn.fr", subject: "Essai de la boîte d'envoi", text: "Bonjour" });
    const data = (await run(outbox.loader, actors.coordinateur04, "/espace/outbox")).data as {
      mails: { subject: string }[];
    };
    expect(data.mails.map((m) => m.subject)).toContain("Essai de la boîte d'envoi");
  });
});

describe("navigation et accueil de l'espace", () => {
  type Nav = { navigation: { to: string }[]; home: string };
  const links = async (actor: Actor) =>
    ((await run(layout.loader, actor, "/espace")).data as Nav).navigation.map((n) => n.to);

  it("ne montre à chaque rôle que les pages qu'il peut ouvrir", async () => {
    expect(await links(actors.coordinateur04)).toEqual([
      "/espace/coordination",
      "/espace/pilotage",
      "/espace/indicateurs",
      "/espace/rapport-annuel",
      "/espace/budget",
      "/espace/appels",
      "/espace/rapports",
      "/espace/situations",
      "/espace/projets",
      "/espace/annonces",
      "/espace/regroupements",
      "/espace/comites",
      "/espace/participation",
      "/espace/promeneurs",
      "/espace/structures",
      "/espace/conformite",
      "/espace/annuaire",
      "/espace/import",
      "/espace/messages",
      "/espace/audience",
      "/espace/contenus",
      "/espace/communication",
      "/espace/ressources",
      "/espace/numeros",
      "/espace/equipe",
      "/espace/territoire",
      "/espace/journal",
      "/espace/donnees-personnelles",
      "/espace/registre",
      "/espace/compte",
      "/espace/mes-donnees",
    ]);
    expect(await links(actors.copil04)).toEqual([
      "/espace/pilotage",
      "/espace/indicateurs",
      "/espace/rapport-annuel",
      "/espace/budget",
      "/espace/appels",
      "/espace/regroupements",
      "/espace/comites",
      "/espace/participation",
      "/espace/audience",
      "/espace/communication",
      "/espace/territoire",
      "/espace/registre",
      "/espace/compte",
      "/espace/mes-donnees",
    ]);
    expect(await links(referentA)).toEqual([
      "/espace/structure",
      "/espace/rapports",
      "/espace/projets",
      "/espace/annonces",
      "/espace/regroupements",
      "/espace/promeneurs",
      "/espace/annuaire",
      "/espace/ressources",
      "/espace/compte",
      "/espace/mes-donnees",
    ]);
    expect(await links(actors.promeneur04)).toEqual([
      "/espace/promeneur",
      "/espace/mes-rapports",
      "/espace/situations",
      "/espace/projets?vue=miens",
      "/espace/annonces",
      "/espace/regroupements",
      "/espace/annuaire",
      "/espace/ressources",
      "/espace/compte",
      "/espace/mes-donnees",
    ]);
    withDemo(true);
    expect(await links(actors.coordinateur04)).toContain("/espace/outbox");
  });

  it.each([
    ["coordinateur04", "/espace/coordination"],
    ["copil04", "/espace/pilotage"],
    ["promeneur04", "/espace/promeneur"],
    ["evaluateur04", "/espace/evaluations"],
    ["national", "/espace/national"],
  ] as const)("envoie %s de /espace vers %s", async (who, home) => {
    expect(await run(index.loader, actors[who], "/espace")).toMatchObject({ status: 302, location: home });
  });

  it("renvoie le layout d'un visiteur non connecté vers la connexion", async () => {
    expect((await run(layout.loader, null, "/espace")).status).toBe(302);
  });
});

describe("mon compte (actions)", () => {
  const PASSWORD = "mot de passe du compte 04";
  let cheapHash: string;
  beforeAll(async () => {
    cheapHash = await hashPassword(PASSWORD, 10);
  });

  async function post(actor: Actor, fields: Record<string, string>) {
    return outcome(() =>
      compte.action({
        request: postRequest("/espace/compte", fields),
        context: contextFor(actor),
        params: {},
      } as never),
    );
  }

  async function owner(roles: Partial<RoleGrant>[] = [{ role: "coordinateur" as RoleCode, departement: "04" }]) {
    counter += 1;
    const user = await insertUser(getDb(), {
      email: `compte-action${counter}-${Date.now()}@essai.pdn.fr`,
      passwordHash: cheapHash,
      roles,
    });
    return actorOf(user.id);
  }

  it("refuse un mot de passe actuel erroné, sur le champ du mot de passe actuel", async () => {
    const actor = await owner();
    const result = await post(actor, {
      intent: "mot-de-passe",
      current: "erroné",
      password: "nouvelle phrase de passe",
      confirmation: "nouvelle phrase de passe",
    });
    expect(result.status).toBe(400);
    const data = result.data as { intent: string; result: { error: Record<string, string[]> } };
    expect(data.intent).toBe("mot-de-passe");
    expect(data.result.error.current).toEqual(["Le mot de passe actuel ne correspond pas."]);
    expect(JSON.stringify(data)).not.toContain("nouvelle phrase de passe");
  });

  it("prépare puis active la double authentification", async () => {
    const actor = await owner();
    expect(await post(actor, { intent: "totp-preparer" })).toMatchObject({
      status: 302,
      location: "/espace/compte#double-authentification",
    });
    const page = (await run(compte.loader, actor, "/espace/compte")).data as {
      pendingSecret: string;
      pendingUri: string;
    };
    expect(page.pendingSecret).toMatch(/^[A-Z2-7]{32}$/);
    expect(page.pendingUri).toContain(`secret=${page.pendingSecret}`);
    const result = await post(actor, { intent: "totp-activer", code: totpAt(page.pendingSecret, Date.now()) });
    expect(result).toMatchObject({ status: 302, location: "/espace/compte" });
    const [row] = await getDb().select().from(users).where(eq(users.id, actor.userId));
    expect(row?.totpEnabledAt).not.toBeNull();
  });

  it("refuse de remplacer une double authentification active sans passer par sa désactivation", async () => {
    const actor = await owner();
    await post(actor, { intent: "totp-preparer" });
    const [prepared] = await getDb().select().from(users).where(eq(users.id, actor.userId));
    await post(actor, { intent: "totp-activer", code: totpAt(prepared?.totpSecret ?? "", Date.now()) });
    const result = await post(actor, { intent: "totp-preparer" });
    expect(result.status).toBe(400);
    const [row] = await getDb().select().from(users).where(eq(users.id, actor.userId));
    expect(row?.totpSecret).toBe(prepared?.totpSecret);
    expect(row?.totpEnabledAt).not.toBeNull();
  });

  it("montre la clé préparée et son QR code, pas avant", async () => {
    const actor = await owner();
    const before = (await run(compte.loader, actor, "/espace/compte")).data as { pendingQr: string | null };
    expect(before.pendingQr).toBeNull();
    await post(actor, { intent: "totp-preparer" });
    const after = (await run(compte.loader, actor, "/espace/compte")).data as {
      pendingSecret: string;
      pendingQr: string;
    };
    expect(after.pendingSecret).toMatch(/^[A-Z2-7]{32}$/);
    expect(after.pendingQr).toMatch(/^data:image\/svg\+xml;base64,/);
  });

  it("refuse une action inconnue", async () => {
    expect((await post(await owner(), { intent: "supprimer-tout" })).status).toBe(400);
  });
});
