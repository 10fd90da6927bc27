import os from "node:os";
import path from "node:path";
import { parseEnv, setEnv } from "~/server/env.server";

/** The configuration every database test runs with: silent logs, mails to a temporary outbox. */
export function applyTestEnv(overrides: Record<string, string> = {}) {
  const env = parseEnv({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    DEMO: "0",
    DATA_DIR: path.join(os.tmpdir(), `pdn-test-${process.pid}-${Date.now()}`),
    PUBLIC_URL: "http://localhost:3000",
    ...overrides,
  });
  setEnv(env);
  return env;
}
