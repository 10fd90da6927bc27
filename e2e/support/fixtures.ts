import { afterAll, beforeAll } from "vitest";
import type { AppProcess } from "./app-process";
import { type Browser, launchBrowser } from "./browser";
import { startDemoServer } from "./demo-server";

/**
 * For a test file: a server on its own copy of the demo database and a Chromium, started before
 * the file's tests and stopped after them.
 */
export function withDemoBrowser(env: Record<string, string> = {}): { app: AppProcess; browser: Browser } {
  const state = {} as { app: AppProcess; browser: Browser };
  beforeAll(async () => {
    [state.app, state.browser] = await Promise.all([startDemoServer(env), launchBrowser()]);
  });
  afterAll(async () => {
    await state.browser?.close();
    await state.app?.stop();
  });
  return state;
}
