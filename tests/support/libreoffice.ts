/**
 * LibreOffice headless for document tests: converts a file (DOCX, XLSX…) to PDF with a throwaway
 * profile and a time limit. CI installs LibreOffice (`libreoffice-writer-nogui`): there a missing
 * `soffice` fails the test; on a developer machine without it, the caller may skip the check.
 */
import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";

const SOFFICE_DELAI_MS = 120_000;

/**
 * Converts a DOCX to PDF with LibreOffice headless (its own throwaway profile, a time limit);
 * answers the PDF, or null when `soffice` is not installed — which fails the calling test in CI.
 */
export async function convertirAvecLibreOffice(docx: Buffer): Promise<Buffer | null> {
  const dossier = await fs.mkdtemp(path.join(os.tmpdir(), "pdn-rapport-"));
  try {
    const source = path.join(dossier, "rapport.docx");
    await fs.writeFile(source, docx);
    const profil = `file://${path.join(dossier, "profil")}`;
    const resultat = await new Promise<{ code: number | string | null; sortie: string }>((resolve) => {
      execFile(
        "soffice",
        [`-env:UserInstallation=${profil}`, "--headless", "--convert-to", "pdf", "--outdir", dossier, source],
        { timeout: SOFFICE_DELAI_MS },
        (error, stdout, stderr) =>
          resolve({ code: error ? ((error as NodeJS.ErrnoException).code ?? 1) : 0, sortie: `${stdout}${stderr}` }),
      );
    });
    if (resultat.code === "ENOENT") return null;
    if (resultat.code !== 0) throw new Error(`soffice a échoué (${resultat.code}) : ${resultat.sortie}`);
    return await fs.readFile(path.join(dossier, "rapport.pdf"));
  } finally {
    await fs.rm(dossier, { recursive: true, force: true });
  }
}

/** True when a missing LibreOffice must fail the test (in CI). */
export function libreOfficeExige(): boolean {
  return Boolean(process.env.CI);
}
