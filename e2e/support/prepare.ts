// `tsx e2e/support/prepare.ts <empty directory>`: builds the app if stale and prepares the demo data
// directory the e2e and system tests copy. scripts/test.mjs runs it alongside lint and types, then
// hands the directory to Vitest (E2E_DEMO_DATA_DIR), so that neither Vitest run waits for it.
import { buildIfStale } from "../../scripts/build-if-stale.mjs";
import { prepareDemoData } from "./demo-data";

const dataDir = process.argv[2];
if (!dataDir) throw new Error("usage: tsx e2e/support/prepare.ts <directory>");
if (!buildIfStale({ quiet: true })) throw new Error("react-router build failed");
await prepareDemoData(dataDir);
