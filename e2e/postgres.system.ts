import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withDatabase } from "../tests/setup/global-db";
import { type AppProcess, freePort, startServer } from "./support/app-process";
import { HttpClient } from "./support/http";
import { PrivatePostgres } from "./support/private-postgres";
import { TcpProxy } from "./support/tcp-proxy";

const url = process.env.TEST_DATABASE_URL;

// Runs where a PostgreSQL server is available (bash .ci/run starts one); npm test says when it is not.
describe.runIf(url)("sur PostgreSQL (DATABASE_URL)", () => {
  const name = `pdn_sys_${crypto.randomBytes(4).toString("hex")}`;
  let databaseUrl = "";
  let first: AppProcess;
  let second: AppProcess;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    databaseUrl = withDatabase(url as string, name);
    // Two instances start at once on the same empty database: migrations and demo happen once.
    [first, second] = await Promise.all([
      startServer({ DATABASE_URL: databaseUrl, DEMO: "1" }),
      startServer({ DATABASE_URL: databaseUrl, DEMO: "1" }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  it("charge la démo une seule fois quand deux instances démarrent ensemble", async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const users = await client.query("select count(*)::int as n from users");
    const structures = await client.query("select count(*)::int as n from structures");
    const communes = await client.query("select count(*)::int as n from communes where departement = '04'");
    await client.end();
    // The four demo accounts and the calls' reviewer.
    expect(users.rows[0].n).toBe(5);
    expect(structures.rows[0].n).toBe(10);
    expect(communes.rows[0].n).toBe(198);
  });

  it("sert l'accueil, /healthz et la connexion de chaque compte de démonstration", async () => {
    expect((await fetch(`${first.url}/`)).status).toBe(200);
    const health = await (await fetch(`${first.url}/healthz`)).json();
    expect(health).toEqual({ statut: "ok", base: "postgres" });
    const homes = {
      "coordination@demo.pdn04.fr": "/espace/coordination",
      "promeneur@demo.pdn04.fr": "/espace/promeneur",
      "structure@demo.pdn04.fr": "/espace/structure",
      "copil@demo.pdn04.fr": "/espace/pilotage",
    };
    for (const [email, home] of Object.entries(homes)) {
      const client = new HttpClient(second.url);
      const response = await client.post("/connexion", { email, password: "demo-pdn-04" });
      expect(response.status, email).toBe(302);
      expect(response.headers.get("location")).toBe(home);
      expect((await client.get(home)).status).toBe(200);
    }
  });

  it("bloque un compte après dix mauvais mots de passe répartis sur deux instances", async () => {
    const email = "promeneur@demo.pdn04.fr";
    const onFirst = new HttpClient(first.url);
    const onSecond = new HttpClient(second.url);
    for (let i = 0; i < 10; i++) {
      const response = await (i % 2 === 0 ? onFirst : onSecond).post("/connexion", { email, password: `faux-${i}` });
      // The tenth failure already answers with the lock message.
      expect(response.status).toBe(i < 9 ? 400 : 429);
    }
    for (const client of [onFirst, onSecond]) {
      const locked = await client.post("/connexion", { email, password: "demo-pdn-04" });
      expect(locked.status).toBe(429);
      expect(await locked.text()).toContain("Trop de tentatives infructueuses");
    }
    // Another account from the same address is not locked.
    const other = await new HttpClient(first.url).post("/connexion", {
      email: "copil@demo.pdn04.fr",
      password: "demo-pdn-04",
    });
    expect(other.status).toBe(302);
  });

  it("répond vite une page 503 en français quand PostgreSQL s'arrête en pleine activité, puis se rétablit seul", async () => {
    const server = await PrivatePostgres.create();
    try {
      const app = await startServer({ DATABASE_URL: server.url, DEMO: "1" });
      try {
        await expectOutageUnderTraffic(app, {
          cut: () => server.stop("fast"),
          restore: () => server.start(),
        });
      } finally {
        await app.stop();
      }
    } finally {
      await server.destroy();
    }
  });

  it("répond vite une page 503 en français quand le réseau vers la base est coupé, puis se rétablit seul", async () => {
    const target = new URL(databaseUrl);
    const proxy = new TcpProxy({ host: target.hostname, port: Number(target.port) }, await freePort());
    await proxy.open();
    const viaProxy = new URL(databaseUrl);
    viaProxy.port = String(proxy.port);
    const app = await startServer({ DATABASE_URL: viaProxy.toString(), DEMO: "0" });
    try {
      await expectOutageUnderTraffic(app, { cut: () => proxy.cut(), restore: () => proxy.open() });
    } finally {
      await app.stop();
      await proxy.cut();
    }
  });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Six requests in flight at all times on the coordination's dashboard, before, during and after a
 * database outage: none hangs, each answers the page or the French 503 page, `/healthz` tells the
 * outage, and the pages come back by themselves once the database does.
 */
async function expectOutageUnderTraffic(
  app: AppProcess,
  outage: { cut: () => Promise<void>; restore: () => Promise<void> },
): Promise<void> {
  const client = new HttpClient(app.url);
  await client.post("/connexion", { email: "coordination@demo.pdn04.fr", password: "demo-pdn-04" });
  expect((await client.get("/espace/coordination")).status).toBe(200);

  const samples: { status: number; started: number; ended: number; french: boolean }[] = [];
  let running = true;
  const loops = Array.from({ length: 6 }, async () => {
    while (running) {
      const started = Date.now();
      const page = await client.get("/espace/coordination");
      const body = await page.text();
      samples.push({
        status: page.status,
        started,
        ended: Date.now(),
        french: body.includes("Service momentanément indisponible"),
      });
      await sleep(20);
    }
  });

  await sleep(1000);
  const cutAt = Date.now();
  await outage.cut();
  const downAt = Date.now();
  await sleep(4000);
  const health = await fetch(`${app.url}/healthz`);
  expect(health.status).toBe(503);
  expect(await health.json()).toEqual({ statut: "indisponible", base: "injoignable" });

  const backAt = Date.now();
  await outage.restore();
  while (Date.now() - backAt < 20_000 && !samples.some((s) => s.started > backAt && s.status === 200)) {
    await sleep(200);
  }
  await sleep(500);
  running = false;
  await Promise.all(loops);

  expect(Math.max(...samples.map((s) => s.ended - s.started))).toBeLessThan(5000);
  expect(samples.filter((s) => s.status !== 200 && s.status !== 503)).toEqual([]);
  expect(samples.filter((s) => s.status === 503 && !s.french)).toEqual([]);
  expect(samples.filter((s) => s.ended < cutAt).every((s) => s.status === 200)).toBe(true);
  // Every request made while the database was away got the 503 page.
  const duringOutage = samples.filter((s) => s.started > downAt && s.ended < backAt);
  expect(duringOutage.length).toBeGreaterThan(10);
  expect(duringOutage.every((s) => s.status === 503)).toBe(true);
  // Recovery by itself: the last answers are the page again.
  expect(samples.at(-1)?.status).toBe(200);
  expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
}
