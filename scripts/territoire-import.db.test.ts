import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const DATA = path.resolve(process.cwd(), "../shared/data/territoire-04");
const TSX = path.resolve(process.cwd(), "node_modules/.bin/tsx");
const SCRIPT = path.resolve(process.cwd(), "scripts/territoire-import.ts");

type Run = { code: number; stdout: string; stderr: string };

/** Runs the real command in a child process, on its own embedded database. */
function runImport(dataDir: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      TSX,
      [SCRIPT, ...args],
      {
        cwd: process.cwd(),
        env: { ...process.env, DATA_DIR: dataDir, DEMO: "0", LOG_LEVEL: "silent", DATABASE_URL: "" },
        timeout: 110_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const lines = (text: string) => text.split("\n").filter((line) => line.trim() !== "");

let tmp: string;
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "pdn-cli-territoire-"));
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

describe("npm run territoire:import", () => {
  it("importe le dossier du 04 dans une base neuve et le dit en français", { timeout: 120_000 }, async () => {
    const result = await runImport(path.join(tmp, "data"), [DATA]);

    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(lines(result.stdout)).toEqual([
      `Lu : ${DATA}/communes-04.geojson : contours des communes, 198 communes.`,
      `Lu : ${DATA}/frr-zrr-communes-04.csv : classement FRR/ZRR des communes, 198 communes.`,
      `Lu : ${DATA}/qpv-2024-04.csv : quartiers prioritaires (QPV), 3 quartiers.`,
      `Ignoré : ${DATA}/SOURCES.md (ni CSV ni GeoJSON).`,
      `Ignoré : ${DATA}/communes-04.csv (CSV sans colonne statut_frr… ni code_qpv).`,
      "Classement FRR/ZRR : 198 communes (58 FRR+, 140 FRR socle, 0 non classée), 198 mises à jour.",
      "Quartiers prioritaires : 3 QPV, 3 ajoutés, 0 modifié.",
      "Contours des communes : 198 communes, 198 mises à jour.",
      "Département concerné : 04.",
      "Import du territoire terminé (une ligne ajoutée au journal d'audit).",
    ]);
  });

  it("refuse une base embarquée déjà ouverte par un autre processus", { timeout: 60_000 }, async () => {
    const dataDir = path.join(tmp, "verrouillee");
    await fs.mkdir(dataDir, { recursive: true });
    // This test process is alive: the command must refuse to open the directory it "holds".
    await fs.writeFile(path.join(dataDir, "pglite.lock"), String(process.pid));

    const result = await runImport(dataDir, [DATA]);

    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([
      `La base embarquée ${path.join(dataDir, "pglite")} est déjà ouverte par le processus ${process.pid} : arrêtez-le avant de relancer (PGlite ne peut être ouverte que par un seul processus).`,
    ]);
  });

  it("échoue avec une ligne claire sur un dossier introuvable", { timeout: 60_000 }, async () => {
    const missing = path.join(tmp, "absent");

    const result = await runImport(path.join(tmp, "jamais"), [missing]);

    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(lines(result.stderr)).toEqual([`Dossier ou fichier introuvable : ${missing}`]);
    await expect(fs.stat(path.join(tmp, "jamais"))).rejects.toThrow();
  });

  it("rappelle l'usage sans argument", { timeout: 60_000 }, async () => {
    const result = await runImport(path.join(tmp, "jamais"), []);

    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([
      "Usage : npm run territoire:import -- <dossier ou URL> [autres dossiers ou URL]",
    ]);
  });
});
