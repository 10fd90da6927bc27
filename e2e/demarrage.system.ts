import fs from "node:fs";
import path from "node:path";
import { appMeta, structures, userRoles, users } from "@db/schema";
import { count } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openPglite } from "~/server/db.server";
import { freePort, spawnApp, startServer, tempDir } from "./support/app-process";
import { startDemoServer } from "./support/demo-server";

const tsx = ["node_modules/.bin/tsx", "scripts/start.ts"];

async function countDemo(dataDir: string) {
  const handle = await openPglite({ dataDir: path.join(dataDir, "pglite") });
  try {
    const [u] = await handle.db.select({ n: count() }).from(users);
    const [s] = await handle.db.select({ n: count() }).from(structures);
    const [r] = await handle.db.select({ n: count() }).from(userRoles);
    const [m] = await handle.db.select({ n: count() }).from(appMeta);
    return { users: u?.n, structures: s?.n, roles: r?.n, meta: m?.n };
  } finally {
    await handle.close();
  }
}

describe("démarrage et configuration", () => {
  it("refuse PORT=abc avec une seule ligne claire et un code de sortie non nul", async () => {
    const app = spawnApp({ command: tsx, env: { PORT: "abc" } });
    const { code } = await app.exited;
    expect(code).not.toBe(0);
    const lines = app.output().trim().split("\n");
    expect(lines).toEqual(['Configuration invalide : PORT="abc" doit être un numéro de port (1 à 65535).']);
  });

  it("refuse une DATABASE_URL mal formée avec une seule ligne claire", async () => {
    const app = spawnApp({ command: tsx, env: { DATABASE_URL: "pas-une-url" } });
    const { code } = await app.exited;
    expect(code).not.toBe(0);
    const lines = app.output().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Configuration invalide : DATABASE_URL="pas-une-url" doit être une URL PostgreSQL/);
  });

  it("refuse un second démarrage sur la même base embarquée tant que le premier tourne", async () => {
    const first = await startDemoServer();
    try {
      const second = spawnApp({ env: { DATA_DIR: first.dataDir, PORT: String(await freePort()) } });
      const { code } = await second.exited;
      expect(code).toBe(1);
      expect(second.output()).toContain(`est déjà ouverte par le processus ${first.child.pid}`);
      const health = await fetch(`${first.url}/healthz`);
      expect(health.status).toBe(200);
    } finally {
      await first.stop();
    }
  });

  it("s'arrête proprement sur SIGTERM et libère la base", async () => {
    const app = await startDemoServer();
    expect(fs.existsSync(path.join(app.dataDir, "pglite.lock"))).toBe(true);
    app.child.kill("SIGTERM");
    const { code } = await app.exited;
    expect(code).toBe(0);
    expect(fs.existsSync(path.join(app.dataDir, "pglite.lock"))).toBe(false);
  });

  it("après un kill -9 pendant le chargement de la démo, le démarrage suivant la charge entière, sans doublon", async () => {
    const dataDir = await tempDir("kill");
    const port = await freePort();
    const env = { DATA_DIR: dataDir, DEMO: "1", PORT: String(port) };
    const first = spawnApp({ env, port });
    await first.waitForOutput(/loading demo data/, 120_000);
    first.child.kill("SIGKILL");
    await first.exited;
    const second = await startServer(env);
    const home = await fetch(second.url);
    expect(home.status).toBe(200);
    await second.stop();
    expect(await countDemo(dataDir)).toMatchObject({ users: 5, structures: 10, roles: 5 });
    // A third start changes nothing.
    const third = await startServer(env);
    await third.stop();
    expect(await countDemo(dataDir)).toMatchObject({ users: 5, structures: 10, roles: 5 });
  });

  it("après un kill -9 pendant les migrations, le démarrage suivant aboutit", async () => {
    const dataDir = await tempDir("kill-migr");
    const port = await freePort();
    const env = { DATA_DIR: dataDir, DEMO: "1", PORT: String(port) };
    const first = spawnApp({ env, port });
    // Killed while the embedded database is created and migrated (before any demo data).
    await new Promise((resolve) => setTimeout(resolve, 2500));
    first.child.kill("SIGKILL");
    await first.exited;
    expect(first.output()).not.toContain("listening");
    const second = await startServer(env);
    expect((await fetch(`${second.url}/healthz`)).status).toBe(200);
    await second.stop();
    expect(await countDemo(dataDir)).toMatchObject({ users: 5, structures: 10 });
  });
});
