import { sessions, users } from "@db/schema";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { RoleGrant } from "~/domain/comptes/actor";
import { hashPassword } from "~/domain/comptes/password.server";
import { hashToken } from "~/domain/comptes/tokens.server";
import { totpAt } from "~/domain/comptes/totp";
import { getDb } from "~/server/db.server";
import { insertStructure } from "../../../tests/factories/structure";
import { insertUser } from "../../../tests/factories/user";
import { actorOf, contextFor, getRequest, type Outcome, outcome, postRequest } from "../../../tests/support/route";
import { action, loader } from "./connexion";
import { action as verifyAction, loader as verifyLoader } from "./connexion.verification";
import { action as signOutAction } from "./deconnexion";

const PASSWORD = "phrase de passe de connexion";
const TOTP_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
let cheapHash: string;
beforeAll(async () => {
  cheapHash = await hashPassword(PASSWORD, 10);
});

let counter = 0;
/** A fresh address per test: the throttling counts failures per IP. */
function freshIp() {
  counter += 1;
  return `198.51.100.${counter}`;
}

async function account(roles: Partial<RoleGrant>[], extra: { totpSecret?: string } = {}) {
  counter += 1;
  return insertUser(getDb(), {
    email: `connexion-route${counter}-${Date.now()}@essai.pdn.fr`,
    passwordHash: cheapHash,
    roles,
    totpSecret: extra.totpSecret,
  });
}

type Reply = { status: string; error?: Record<string, string[] | null> };

async function signIn(fields: Record<string, string>, options: { ip?: string; cookie?: string; https?: boolean } = {}) {
  const base = options.https ? "https://pdn04.fr" : "http://localhost:3000";
  const request = postRequest("/connexion", fields, options.cookie ? { cookie: options.cookie } : {});
  const moved = options.https ? new Request(request.url.replace("http://localhost:3000", base), request) : request;
  return outcome(() => action({ request: moved, context: contextFor(null, { ip: options.ip }), params: {} } as never));
}

function sessionToken(result: Outcome, name = "pdn_session"): string {
  const cookie = result.headers.get("Set-Cookie") ?? "";
  const match = new RegExp(`^${name}=([\\w-]+);`).exec(cookie);
  if (!match?.[1]) throw new Error(`pas de cookie ${name} : ${cookie}`);
  return match[1];
}

async function countSessions() {
  const [row] = await getDb().select({ n: sql<number>`count(*)::int` }).from(sessions);
  return row?.n ?? 0;
}

describe("page de connexion", () => {
  it("refuse une adresse mal formée avec une erreur en français sur le champ, sans ouvrir de session", async () => {
    const before = await countSessions();
    const result = await signIn({ email: "pas-une-adresse", password: "secret-a-ne-pas-renvoyer" }, { ip: freshIp() });
    expect(result.status).toBe(400);
    const reply = result.data as Reply;
    expect(reply.error?.email).toEqual(["Saisissez une adresse e-mail valide, par exemple prenom.nom@exemple.fr."]);
    expect(JSON.stringify(result.data)).not.toContain("secret-a-ne-pas-renvoyer");
    expect(result.headers.get("Set-Cookie")).toBeNull();
    expect(await countSessions()).toBe(before);
  });

  it("refuse un mot de passe erroné par un message qui ne dit pas lequel des deux est faux", async () => {
    const user = await account([{ role: "coordinateur", departement: "04" }]);
    const ip = freshIp();
    const before = await countSessions();
    const wrong = await signIn({ email: user.email, password: "mauvais mot de passe" }, { ip });
    expect(wrong.status).toBe(400);
    expect((wrong.data as Reply).error?.[""]).toEqual(["Adresse e-mail ou mot de passe incorrect."]);
    expect(JSON.stringify(wrong.data)).not.toContain("mauvais mot de passe");
    const unknown = await signIn({ email: `inconnu-${Date.now()}@essai.pdn.fr`, password: "x" }, { ip });
    expect(unknown.status).toBe(400);
    expect((unknown.data as Reply).error?.[""]).toEqual(["Adresse e-mail ou mot de passe incorrect."]);
    expect(await countSessions()).toBe(before);
  });

  it.each([
    ["coordinateur", "/espace/coordination"],
    ["copil", "/espace/pilotage"],
    ["referent", "/espace/structure"],
    ["promeneur", "/espace/promeneur"],
    ["evaluateur", "/espace/evaluations"],
    ["national", "/espace/national"],
  ] as const)("envoie le rôle %s vers %s avec un cookie de session HttpOnly et SameSite=Lax", async (role, home) => {
    const structure = role === "referent" ? await insertStructure(getDb()) : null;
    const user = await account([{ role, departement: "04", structureId: structure?.id }]);
    const result = await signIn({ email: user.email.toUpperCase(), password: PASSWORD }, { ip: freshIp() });
    expect(result.status).toBe(302);
    expect(result.location).toBe(home);
    const cookie = result.headers.get("Set-Cookie") ?? "";
    expect(cookie).toMatch(/^pdn_session=[\w-]{43}; /);
    expect(cookie.split("; ")).toEqual(expect.arrayContaining(["Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=43200"]));
    expect(cookie).not.toContain("Secure");
    const [row] = await getDb()
      .select()
      .from(sessions)
      .where(eq(sessions.id, hashToken(sessionToken(result))));
    expect(row).toMatchObject({ userId: user.id, secondFactorPending: false });
  });

  it("pose en HTTPS un cookie __Host- marqué Secure", async () => {
    const user = await account([{ role: "promeneur" }]);
    const result = await signIn({ email: user.email, password: PASSWORD }, { ip: freshIp(), https: true });
    expect(result.status).toBe(302);
    const cookie = result.headers.get("Set-Cookie") ?? "";
    expect(cookie).toMatch(/^__Host-pdn_session=[\w-]{43}; /);
    expect(cookie.split("; ")).toEqual(expect.arrayContaining(["Secure", "HttpOnly", "SameSite=Lax", "Path=/"]));
  });

  it("revient à la page demandée, mais ignore un retour vers un autre site", async () => {
    const user = await account([{ role: "coordinateur", departement: "04" }]);
    const back = await signIn(
      { email: user.email, password: PASSWORD, retour: "/espace/equipe?x=1" },
      { ip: freshIp() },
    );
    expect(back.location).toBe("/espace/equipe?x=1");
    for (const retour of ["//evil.example", "https://evil.example/", "/\\evil.example", "/\t/evil.example"]) {
      const result = await signIn({ email: user.email, password: PASSWORD, retour }, { ip: freshIp() });
      expect(result.status, retour).toBe(302);
      expect(result.location, retour).toBe("/espace/coordination");
    }
  });

  it("répond 429 avec le message de blocage après dix échecs, même avec le bon mot de passe ensuite", async () => {
    const user = await account([{ role: "promeneur" }]);
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++)
      statuses.push((await signIn({ email: user.email, password: "mauvais" }, { ip })).status);
    expect(statuses).toEqual([...Array(9).fill(400), 429]);
    const before = await countSessions();
    const result = await signIn({ email: user.email, password: PASSWORD }, { ip });
    expect(result.status).toBe(429);
    expect((result.data as Reply).error?.[""]).toEqual([
      "Trop de tentatives infructueuses : la connexion à ce compte depuis votre adresse est bloquée pendant 15 minutes. Patientez ou réinitialisez votre mot de passe.",
    ]);
    expect(result.headers.get("Set-Cookie")).toBeNull();
    expect(await countSessions()).toBe(before);
    // Depuis une autre adresse, la personne se connecte.
    expect((await signIn({ email: user.email, password: PASSWORD }, { ip: freshIp() })).status).toBe(302);
  });

  it("remplace la session que le navigateur avait déjà", async () => {
    const user = await account([{ role: "promeneur" }]);
    const first = await signIn({ email: user.email, password: PASSWORD }, { ip: freshIp() });
    const firstToken = sessionToken(first);
    const second = await signIn(
      { email: user.email, password: PASSWORD },
      { ip: freshIp(), cookie: `pdn_session=${firstToken}` },
    );
    const secondToken = sessionToken(second);
    expect(secondToken).not.toBe(firstToken);
    const ids = (await getDb().select().from(sessions).where(eq(sessions.userId, user.id))).map((s) => s.id);
    expect(ids).toEqual([hashToken(secondToken)]);
  });

  it("renvoie une personne déjà connectée vers son espace", async () => {
    const user = await account([{ role: "copil", departement: "04" }]);
    const actor = await actorOf(user.id);
    const home = await outcome(() =>
      loader({ request: getRequest("/connexion"), context: contextFor(actor), params: {} } as never),
    );
    expect(home).toMatchObject({ status: 302, location: "/espace/pilotage" });
    const back = await outcome(() =>
      loader({
        request: getRequest("/connexion?retour=%2F%2Fevil.example"),
        context: contextFor(actor),
        params: {},
      } as never),
    );
    expect(back.location).toBe("/espace/pilotage");
  });

  it("n'affiche pas les comptes de démonstration hors du mode démonstration", async () => {
    const result = await outcome(() =>
      loader({
        request: getRequest("/connexion?retour=/espace/equipe"),
        context: contextFor(null),
        params: {},
      } as never),
    );
    expect(result).toMatchObject({ status: 200, data: { retour: "/espace/equipe", demo: null } });
  });
});

describe("connexion avec double authentification", () => {
  it("demande le code : redirection vers la vérification et session en attente", async () => {
    const user = await account([{ role: "coordinateur", departement: "04" }], { totpSecret: TOTP_SECRET });
    const result = await signIn({ email: user.email, password: PASSWORD }, { ip: freshIp() });
    expect(result.status).toBe(302);
    expect(result.location).toBe("/connexion/verification");
    const token = sessionToken(result);
    const [row] = await getDb()
      .select()
      .from(sessions)
      .where(eq(sessions.id, hashToken(token)));
    expect(row?.secondFactorPending).toBe(true);
    const [updated] = await getDb().select().from(users).where(eq(users.id, user.id));
    expect(updated?.lastSignInAt).toBeNull();
  });

  it("garde la page demandée jusqu'après la vérification", async () => {
    const user = await account([{ role: "coordinateur", departement: "04" }], { totpSecret: TOTP_SECRET });
    const result = await signIn(
      { email: user.email, password: PASSWORD, retour: "/espace/journal" },
      { ip: freshIp() },
    );
    expect(result.location).toBe("/connexion/verification?retour=%2Fespace%2Fjournal");
  });

  it("ouvre la session complète avec le bon code, la refuse avec un mauvais", async () => {
    const user = await account([{ role: "coordinateur", departement: "04" }], { totpSecret: TOTP_SECRET });
    const ip = freshIp();
    const pending = sessionToken(await signIn({ email: user.email, password: PASSWORD }, { ip }));
    const cookie = `pdn_session=${pending}`;
    const page = await outcome(() =>
      verifyLoader({
        request: new Request("http://localhost:3000/connexion/verification", { headers: { cookie } }),
        context: contextFor(null, { ip }),
        params: {},
      } as never),
    );
    expect(page.status).toBe(200);

    const now = Date.now();
    const accepted = [-1, 0, 1, 2].map((s) => totpAt(TOTP_SECRET, now + s * 30_000));
    const wrongCode = ["000000", "111111", "222222", "333333", "444444"].find((c) => !accepted.includes(c)) ?? "555555";
    const wrong = await outcome(() =>
      verifyAction({
        request: postRequest("/connexion/verification", { code: wrongCode }, { cookie }),
        context: contextFor(null, { ip }),
        params: {},
      } as never),
    );
    expect(wrong.status).toBe(400);
    expect((wrong.data as Reply).error?.code).toEqual([
      "Ce code n'est pas valable : saisissez le code affiché maintenant.",
    ]);

    const right = await outcome(() =>
      verifyAction({
        request: postRequest("/connexion/verification", { code: totpAt(TOTP_SECRET, Date.now()) }, { cookie }),
        context: contextFor(null, { ip }),
        params: {},
      } as never),
    );
    expect(right.status).toBe(302);
    expect(right.location).toBe("/espace/coordination");
    const full = sessionToken(right);
    expect(full).not.toBe(pending);
    const rows = await getDb().select().from(sessions).where(eq(sessions.userId, user.id));
    expect(rows.map((r) => ({ id: r.id, pending: r.secondFactorPending }))).toEqual([
      { id: hashToken(full), pending: false },
    ]);
  });

  it("bloque la vérification après dix codes erronés, même avec le bon code ensuite", async () => {
    const user = await account([{ role: "coordinateur", departement: "04" }], { totpSecret: TOTP_SECRET });
    const ip = freshIp();
    const cookie = `pdn_session=${sessionToken(await signIn({ email: user.email, password: PASSWORD }, { ip }))}`;
    const verify = (code: string) =>
      outcome(() =>
        verifyAction({
          request: postRequest("/connexion/verification", { code }, { cookie }),
          context: contextFor(null, { ip }),
          params: {},
        } as never),
      );
    const accepted = [-1, 0, 1, 2].map((s) => totpAt(TOTP_SECRET, Date.now() + s * 30_000));
    const wrongCode = ["000000", "111111", "222222", "333333", "444444"].find((c) => !accepted.includes(c)) ?? "555555";
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await verify(wrongCode)).status);
    expect(statuses).toEqual(Array(10).fill(400));
    const locked = await verify(totpAt(TOTP_SECRET, Date.now()));
    expect(locked.status).toBe(429);
    expect((locked.data as Reply).error?.[""]).toEqual([
      "Trop de codes erronés : patientez 15 minutes avant de réessayer.",
    ]);
    const rows = await getDb().select().from(sessions).where(eq(sessions.userId, user.id));
    expect(rows.map((r) => r.secondFactorPending)).toEqual([true]);
  });

  it("renvoie vers la connexion sans session en attente", async () => {
    const result = await outcome(() =>
      verifyLoader({ request: getRequest("/connexion/verification"), context: contextFor(null), params: {} } as never),
    );
    expect(result).toMatchObject({ status: 302, location: "/connexion" });
  });
});

describe("déconnexion", () => {
  it("supprime la session et efface le cookie", async () => {
    const user = await account([{ role: "promeneur" }]);
    const token = sessionToken(await signIn({ email: user.email, password: PASSWORD }, { ip: freshIp() }));
    const result = await outcome(() =>
      signOutAction({
        request: postRequest("/deconnexion", {}, { cookie: `pdn_session=${token}` }),
        context: contextFor(null),
        params: {},
      } as never),
    );
    expect(result).toMatchObject({ status: 302, location: "/connexion" });
    expect(result.headers.get("Set-Cookie")).toBe("pdn_session=; Path=/; SameSite=Lax; HttpOnly; Max-Age=0");
    expect(
      await getDb()
        .select()
        .from(sessions)
        .where(eq(sessions.id, hashToken(token))),
    ).toEqual([]);
  });
});
