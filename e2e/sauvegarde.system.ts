import fs from "node:fs/promises";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { spawnApp, tempDir } from "./support/app-process";

/** `npm run <script> -- args` as an operator would type it; resolves with its exit code and output. */
async function npmRun(script: string, args: string[], env: Record<string, string>) {
  const run = spawnApp({
    command: ["npm", "run", "--silent", script, "--", ...args],
    env: { LOG_LEVEL: "warn", ...env },
  });
  const { code } = await run.exited;
  return { code, lines: run.output().trim().split("\n") };
}

describe("npm run db:backup et db:restore (base embarquée)", () => {
  it("sauvegarde, refuse une archive abîmée d'une seule ligne, restaure dans un DATA_DIR neuf", async () => {
    const source = await tempDir("source");
    const dossier = await tempDir("sauvegardes");
    const cible = await tempDir("restauree");
    try {
      await fs.cp(inject("demoDataDir"), source, { recursive: true });
      await fs.rm(path.join(source, "pglite.lock"), { force: true });

      const sauvegarde = await npmRun("db:backup", ["--dossier", dossier, "--garder", "3"], { DATA_DIR: source });
      expect(sauvegarde.lines.at(-1)).toMatch(
        /^Sauvegarde écrite : .*pdn-sauvegarde-\d{8}T\d{6}Z-pglite\.tar\.gz \(base embarquée, migration \d{4}_[\w-]+/,
      );
      expect(sauvegarde.code).toBe(0);
      const [archive] = (await fs.readdir(dossier)).map((nom) => path.join(dossier, nom));

      const abimee = path.join(dossier, "abimee.tar.gz");
      const octets = await fs.readFile(archive as string);
      await fs.writeFile(abimee, octets.subarray(0, Math.floor(octets.length * 0.8)));
      const refusee = await npmRun("db:restore", [abimee], { DATA_DIR: cible });
      expect(refusee.lines).toEqual([
        "Échec de la restauration : L'archive abimee.tar.gz est illisible ou corrompue : rien n'a été restauré.",
      ]);
      expect(refusee.code).toBe(1);
      expect(await fs.readdir(cible)).toEqual([]);

      // The restore checks the row count of every table against the manifest before it answers.
      const restauree = await npmRun("db:restore", [archive as string], { DATA_DIR: cible });
      expect(restauree.lines[0]).toMatch(
        /^Sauvegarde restaurée : base embarquée du .*, migration \d{4}_[\w-]+, \d+ lignes/,
      );
      expect(restauree.code).toBe(0);
      // The demo's applications have their documents on disk: they come back, byte for byte.
      const documents = async (dataDir: string) =>
        Promise.all(
          (await fs.readdir(path.join(dataDir, "candidatures"), { recursive: true }))
            .sort()
            .map(async (nom) => [nom, (await fs.stat(path.join(dataDir, "candidatures", nom))).size]),
        );
      expect((await documents(source)).length).toBeGreaterThan(0);
      expect(await documents(cible)).toEqual(await documents(source));
    } finally {
      for (const dir of [source, dossier, cible]) await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
