import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "~": path.resolve(import.meta.dirname, "app"),
  "@db": path.resolve(import.meta.dirname, "db"),
};

// Kept apart from vite.config.ts: the React Router plugin must not run under Vitest.
export default defineConfig({
  resolve: { alias },
  test: {
    env: { TZ: "Europe/Paris" },
    testTimeout: 30_000,
    hookTimeout: 120_000,
    allowOnly: !process.env.CI,
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["app/**/*.test.{ts,tsx}", "db/**/*.test.ts", "scripts/**/*.test.ts", "server/**/*.test.ts"],
          exclude: ["**/*.db.test.{ts,tsx}"],
          setupFiles: ["tests/setup/console.ts", "tests/setup/fast-check.ts", "tests/setup/shared-state.ts"],
          // Pure tests share one module graph per worker instead of a new one per file: the imports
          // were three quarters of this project's time. tests/setup/shared-state.ts puts back what
          // a file may change globally.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: "db",
          include: ["**/*.db.test.{ts,tsx}"],
          exclude: [
            "node_modules/**",
            "build/**",
            // `npm test` with PostgreSQL at hand runs these on it only (scripts/test.mjs).
            ...(process.env.TEST_DB_SANS_DOMAINE === "1" ? ["app/domain/**", "db/**"] : []),
          ],
          globalSetup: ["tests/setup/global-db.ts"],
          setupFiles: ["tests/setup/console.ts", "tests/setup/db-file.ts"],
        },
      },
      {
        extends: true,
        test: {
          // Whole processes: start-up, configuration errors, locks, crashes, several instances.
          name: "system",
          include: ["e2e/**/*.system.ts"],
          globalSetup: ["e2e/support/global.ts"],
          setupFiles: ["tests/setup/console.ts"],
          testTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          // Journeys in Debian's Chromium driven by playwright-core.
          name: "e2e",
          include: ["e2e/**/*.e2e.ts"],
          globalSetup: ["e2e/support/global.ts"],
          setupFiles: ["tests/setup/console.ts"],
          testTimeout: 60_000,
        },
      },
    ],
  },
});
