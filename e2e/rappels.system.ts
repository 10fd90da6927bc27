import crypto from "node:crypto";
import { tachesPlanifiees } from "@db/schema";
import { seedReference } from "@db/seed/reference";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { RAPPEL_RAPPORT } from "~/domain/rapports/rapport-rappel.server";
import { openPostgres, runMigrations } from "~/server/db.server";
import { insertPromeneur } from "../tests/factories/promeneur";
import { insertRapport } from "../tests/factories/rapport";
import { insertStructure } from "../tests/factories/structure";
import { insertUser } from "../tests/factories/user";
import { withDatabase } from "../tests/setup/global-db";
import { applyTestEnv } from "../tests/setup/test-env";
import { startSmtpServer, type TestSmtpServer } from "../tests/support/smtp";
import { spawnApp } from "./support/app-process";

const url = process.env.TEST_DATABASE_URL;

// 1 April 2026, 08:00 Paris: the first reminder of March's reports is due.
const NOW = "2026-04-01T06:00:00.000Z";

// Runs where a PostgreSQL server is available (bash .ci/run starts one); npm test says when it is not.
describe.runIf(url)("rappels des bilans avec deux instances sur PostgreSQL", () => {
  const name = `pdn_sys_${crypto.randomBytes(4).toString("hex")}`;
  let databaseUrl = "";
  let smtp: TestSmtpServer;
  const dus: string[] = [];

  beforeAll(async () => {
    smtp = await startSmtpServer();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    databaseUrl = withDatabase(url as string, name);
    applyTestEnv();
    const handle = openPostgres(databaseUrl, { max: 2 });
    await runMigrations(handle, handle.db);
    await seedReference(handle.db);
    const db = handle.db;
    const structure = await insertStructure(db);
    // Twelve promeneurs with an account and March due (none, draft, sent back), two who handed it in.
    for (let i = 0; i < 14; i++) {
      const email = `promeneur${i}@rappel-systeme.essai.fr`;
      const user = await insertUser(db, {
        email,
        passwordHash: null,
        roles: [{ role: "promeneur", departement: "04" }],
      });
      const p = await insertPromeneur(db, {
        structureId: structure.id,
        statut: "actif",
        userId: user.id,
        entreeLe: new Date("2025-09-01T10:00:00Z"),
      });
      const statut = ["brouillon", "a_corriger", null, "soumis", "valide"][i % 5] as string | null;
      if (statut) await insertRapport(db, p, "2026-03-01", { statut });
      if (statut !== "soumis" && statut !== "valide") dus.push(email);
    }
    await handle.close();
  });

  beforeEach(() => {
    smtp.received.length = 0;
  });

  afterAll(async () => {
    await smtp.close();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  /** Two separate Node processes that act at the same moment (START_AT) for the instant `now`. */
  async function deuxInstances(mode: "jobs" | "rappels", now: string) {
    const env = {
      DATABASE_URL: databaseUrl,
      SMTP_URL: smtp.url,
      PUBLIC_URL: "https://pdn04.example",
      NODE_ENV: "test",
      NOW: now,
      START_AT: String(Date.now() + 4_000),
      MODE: mode,
    };
    const instances = [0, 1].map(() =>
      spawnApp({ env, command: ["node_modules/.bin/tsx", "e2e/support/rappels-worker.ts"] }),
    );
    const fins = await Promise.all(instances.map((i) => i.exited));
    for (const [n, fin] of fins.entries()) expect(fin.code, instances[n]?.output()).toBe(0);
    return instances.map((i) => JSON.parse(/resultat: (.*)/.exec(i.output())?.[1] ?? "null") as unknown);
  }

  it("le planificateur des deux instances n'exécute le rappel qu'une fois : un e-mail par bilan dû", async () => {
    // The job's row as the scheduler left it: due on 1 April at 08:00.
    const handle = openPostgres(databaseUrl, { max: 1 });
    await handle.db
      .insert(tachesPlanifiees)
      .values({ nom: RAPPEL_RAPPORT, prochaineExecution: new Date(NOW) })
      .onConflictDoUpdate({ target: tachesPlanifiees.nom, set: { prochaineExecution: new Date(NOW) } });
    await handle.close();
    const [a, b] = (await deuxInstances("jobs", NOW)) as string[][];
    expect([...(a ?? []), ...(b ?? [])].filter((nom) => nom === RAPPEL_RAPPORT)).toHaveLength(1);
    expect(smtp.received.flatMap((m) => m.to).sort()).toEqual([...dus].sort());
    expect(new Set(smtp.mails().map((m) => m.subject))).toEqual(
      new Set(["Votre bilan de mars 2026 est à remettre avant le 10"]),
    );
  });

  it("même quand les deux instances lancent le rappel au même instant, chaque bilan dû reçoit un seul e-mail", async () => {
    // A new rank of reminder: the 8th, sent by both instances at once, bypassing the scheduler's lease.
    const envoyes = (await deuxInstances("rappels", "2026-04-08T06:00:00.000Z")) as number[];
    expect((envoyes[0] ?? 0) + (envoyes[1] ?? 0)).toBe(dus.length);
    const recus = smtp.received.flatMap((m) => m.to).sort();
    expect(recus).toEqual([...dus].sort());
    expect(new Set(smtp.mails().map((m) => m.subject))).toEqual(
      new Set(["Bilan de mars 2026 : plus que 2 jours pour le remettre"]),
    );
  });
});
