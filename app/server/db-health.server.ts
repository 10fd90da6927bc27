import { getDatabaseHandle } from "./db.server";
import { getLogger } from "./logger.server";

/**
 * Tracks whether the database answers. When a query fails for a connection reason, pages answer a
 * French 503 at once (instead of hanging) and a ping every two seconds notices the recovery.
 */
let down = false;
let timer: NodeJS.Timeout | undefined;

const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EPIPE",
  "57P01", // admin_shutdown
  "57P02",
  "57P03", // cannot_connect_now
  "08000",
  "08001",
  "08003",
  "08006",
]);

export function isConnectionError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const e = current as { code?: string; message?: string; cause?: unknown };
    if (e.code && CONNECTION_CODES.has(e.code)) return true;
    if (
      typeof e.message === "string" &&
      /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED|Client has encountered a connection error/i.test(
        e.message,
      )
    )
      return true;
    current = e.cause;
  }
  return false;
}

export function isDatabaseDown(): boolean {
  return down;
}

async function ping(): Promise<boolean> {
  try {
    await Promise.race([
      getDatabaseHandle().ping(),
      new Promise((_, reject) => setTimeout(() => reject(new Error("ping timeout")), 2000)),
    ]);
    return true;
  } catch {
    return false;
  }
}

export function reportDatabaseError(error: unknown): void {
  if (!isConnectionError(error) || down) return;
  down = true;
  getLogger().error({ err: error }, "database unavailable");
  timer = setInterval(async () => {
    if (await ping()) {
      down = false;
      clearInterval(timer);
      timer = undefined;
      getLogger().info("database available again");
    }
  }, 2000);
  timer.unref();
}

export async function checkDatabase(): Promise<boolean> {
  const ok = await ping();
  if (!ok) reportDatabaseError(Object.assign(new Error("ping failed"), { code: "ECONNREFUSED" }));
  return ok;
}
