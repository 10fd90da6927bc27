/**
 * One app instance's scheduler tick, for e2e/rappels.system.ts: connects to DATABASE_URL, waits
 * until START_AT (epoch ms, shared by the instances so they act at the same moment), then at the
 * instant NOW runs either the due jobs (MODE=jobs, as the scheduler does) or the reminder job
 * itself (MODE=rappels, as if two leases overlapped), prints `resultat: <json>` and exits.
 */
import { sql } from "drizzle-orm";
import { envoyerRappelsRapport } from "~/domain/rapports/rapport-rappel.server";
import { openPostgres } from "~/server/db.server";
import { parseEnv, setEnv } from "~/server/env.server";
import { defaultJobs, runDueJobs } from "~/server/scheduler.server";

const env = parseEnv({ LOG_LEVEL: "warn", ...process.env });
setEnv(env);
const handle = openPostgres(process.env.DATABASE_URL as string, { max: 4 });
const now = new Date(process.env.NOW as string);
// Connect first, so that the instances' queries start together.
await handle.db.execute(sql`select 1`);
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(process.env.START_AT) - Date.now())));
const resultat =
  process.env.MODE === "jobs"
    ? await runDueJobs(handle.db, now, `instance-${process.pid}`, defaultJobs)
    : await envoyerRappelsRapport(handle.db, now, env.publicUrl);
console.log(`resultat: ${JSON.stringify(resultat)}`);
await handle.close();
