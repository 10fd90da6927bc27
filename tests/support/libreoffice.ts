/**
 * LibreOffice headless for document tests: converts files (DOCX with Writer, XLSX with Calc) to PDF
 * with a throwaway profile and a time limit. CI installs LibreOffice (`libreoffice-writer-nogui`
 * and `libreoffice-calc-nogui`, .ci/run): there a missing `soffice` fails the test; on a developer
 * machine without it, the caller may skip the check.
 */
import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";

const SOFFICE_DELAI_MS = 120_000;

export type ExtensionBureautique = "docx" | "xlsx";
export type DocumentAConvertir = { contenu: Buffer; extension: ExtensionBureautique };

/**
 * Converts several documents to PDF with one LibreOffice start (its own throwaway profile, a time
 * limit): starting soffice is most of a conversion's time. Answers the PDFs in the same order, or
 * null when `soffice` is not installed — which fails the calling test in CI. A document LibreOffice
 * could not open (a format whose module is not installed, a corrupt file) throws.
 */
export async function convertirDocumentsAvecLibreOffice(documents: DocumentAConvertir[]): Promise<Buffer[] | null> {
  const dossier = await fs.mkdtemp(path.join(os.tmpdir(), "pdn-rapport-"));
  try {
    const sources: string[] = [];
    for (const [index, document] of documents.entries()) {
      const source = path.join(dossier, `document-${index}.${document.extension}`);
      await fs.writeFile(source, document.contenu);
      sources.push(source);
    }
    const profil = `file://${path.join(dossier, "profil")}`;
    const resultat = await new Promise<{ code: number | string | null; sortie: string }>((resolve) => {
      execFile(
        "soffice",
        [`-env:UserInstallation=${profil}`, "--headless", "--convert-to", "pdf", "--outdir", dossier, ...sources],
        { timeout: SOFFICE_DELAI_MS },
        (error, stdout, stderr) =>
          resolve({ code: error ? ((error as NodeJS.ErrnoException).code ?? 1) : 0, sortie: `${stdout}${stderr}` }),
      );
    });
    if (resultat.code === "ENOENT") return null;
    if (resultat.code !== 0) throw new Error(`soffice a échoué (${resultat.code}) : ${resultat.sortie}`);
    const pdfs: Buffer[] = [];
    for (const [index, document] of documents.entries()) {
      const pdf = await fs.readFile(path.join(dossier, `document-${index}.pdf`)).catch(() => null);
      if (!pdf) {
        // soffice exits with 0 when it cannot load a file (« source file could not be loaded »).
        throw new Error(
          `LibreOffice n'a pas converti le ${document.extension.toUpperCase()} en PDF (pour un XLSX, libreoffice-calc-nogui est-il installé ?) : ${resultat.sortie}`,
        );
      }
      pdfs.push(pdf);
    }
    return pdfs;
  } finally {
    await fs.rm(dossier, { recursive: true, force: true });
  }
}

/** Converts one DOCX (or XLSX) to PDF with LibreOffice headless; null when `soffice` is not installed. */
export async function convertirAvecLibreOffice(
  document: Buffer,
  extension: ExtensionBureautique = "docx",
): Promise<Buffer | null> {
  const pdfs = await convertirDocumentsAvecLibreOffice([{ contenu: document, extension }]);
  return pdfs?.[0] ?? null;
}

/** True when a missing LibreOffice must fail the test (in CI). */
export function libreOfficeExige(): boolean {
  return Boolean(process.env.CI);
}
