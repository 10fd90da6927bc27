import { afterAll, vi } from "vitest";
import { type Env, setEnv } from "~/server/env.server";

// The unit project runs its files one after another in the same module graph (no isolation: five
// times faster). What a file may change globally is put back after it: the clock, stubbed
// environment variables and globals, and the configuration a test set with `setEnv` (read afresh
// from process.env on next use, as in a new process).
afterAll(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  setEnv(undefined as unknown as Env);
});
