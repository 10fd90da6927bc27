import type { Database, DatabaseHandle } from "~/server/db.server";
import { type Env, EnvError, parseEnv, setEnv } from "~/server/env.server";
import { prepareDatabase } from "~/server/startup.server";

/**
 * Runs a command against the configured database (migrated, reference data loaded), then closes
 * it. Any failure prints one French line and exits non-zero.
 */
export async function runCommand(
  fn: (ctx: { db: Database; env: Env; handle: DatabaseHandle }) => Promise<void>,
  options: { seedDemo?: boolean } = {},
): Promise<void> {
  let env: Env;
  try {
    env = parseEnv({ LOG_LEVEL: "warn", ...process.env });
  } catch (error) {
    if (error instanceof EnvError) {
      for (const line of error.lines) console.error(line);
      process.exit(1);
    }
    throw error;
  }
  setEnv(env);
  let handle: DatabaseHandle | undefined;
  try {
    handle = await prepareDatabase(env, { seedDemo: options.seedDemo ?? false });
    await fn({ db: handle.db, env, handle });
    await handle.close();
  } catch (error) {
    await handle?.close().catch(() => {});
    console.error(`Échec : ${(error as Error).message}`);
    process.exit(1);
  }
}

/** `--name value` and `--flag` arguments. */
export function parseArgs(argv: string[]): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith("--")) continue;
    const [name, inline] = arg.slice(2).split("=", 2) as [string, string | undefined];
    const next = argv[i + 1];
    if (inline !== undefined) out[name] = inline;
    else if (next !== undefined && !next.startsWith("--")) {
      out[name] = next;
      i++;
    } else out[name] = true;
  }
  return out;
}
