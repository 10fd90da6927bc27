/**
 * The exports of a call's applications (issue 9): an Excel workbook of the submitted applications
 * (structure, contact, status, completeness, eligibility, score out of 100 and rank over the
 * submitted evaluations, decision) with every reviewer's score and comment per criterion on a
 * second sheet; and a ZIP of their documents, one folder per application, each file streamed from
 * the storage as the archive is read (never the whole archive in memory).
 */
import { Readable } from "node:stream";
import { formatDateTime } from "~/lib/format";
import { cleanFileName } from "~/server/fichiers.server";
import { getStockage, type StockageFichiers } from "~/server/stockage.server";
import { statutCandidatureLabels } from "./appel.labels";
import type { Appel, CandidatureComplete } from "./appel.queries.server";
import { noteSur100 } from "./appel.rules";
import { type LigneInstruction, syntheseAppel } from "./instruction.rules";

export const FORMATS_EXPORT = ["xlsx", "zip"] as const;
export type FormatExport = (typeof FORMATS_EXPORT)[number];

export function isFormatExport(value: string | undefined): value is FormatExport {
  return (FORMATS_EXPORT as readonly (string | undefined)[]).includes(value);
}

export const FEUILLE_CANDIDATURES = "Candidatures";
export const FEUILLE_NOTES = "Notes";

/** « appel-coordination-2026-candidatures.xlsx » */
export function nomFichierExport(appel: Pick<Appel, "slug">, format: FormatExport): string {
  return format === "xlsx" ? `${appel.slug}-candidatures.xlsx` : `${appel.slug}-documents.zip`;
}

export function texteCompletude(ligne: LigneInstruction): string {
  if (ligne.completude.complet) return "Complète";
  return `Incomplète\u00a0: manque ${ligne.completude.manquants.map((d) => `«\u00a0${d.libelle}\u00a0»`).join(", ")}`;
}

export function texteEligibilite(ligne: LigneInstruction): string {
  const e = ligne.eligibilite;
  if (e.eligible === true) return "Éligible";
  if (e.eligible === false)
    return `Non éligible\u00a0: «\u00a0non\u00a0» à ${e.eliminee.map((q) => `«\u00a0${q.question}\u00a0»`).join(", ")}`;
  return "À vérifier\u00a0: questions éliminatoires sans réponse";
}

/** The workbook of a call's submitted applications (drafts are left out). */
export async function xlsxCandidatures(
  appel: Appel,
  completes: readonly CandidatureComplete[],
  emails: ReadonlyMap<string, string>,
  genereLe: Date,
): Promise<Buffer> {
  const { default: ExcelJS } = await import("exceljs");
  const classeur = new ExcelJS.Workbook();
  classeur.creator = "Promeneurs du Net";
  classeur.title = appel.titre;
  classeur.created = genereLe;
  const { lignes } = syntheseAppel(completes);

  const feuille = classeur.addWorksheet(FEUILLE_CANDIDATURES);
  feuille.addRow([appel.titre]).font = { bold: true, size: 14 };
  feuille.addRow([
    `Généré le ${formatDateTime(genereLe)}. Note sur 100\u00a0: moyenne des évaluations soumises, pondérée par les poids des critères.`,
  ]);
  feuille.addRow([]);
  const entetes = [
    "Rang",
    "Structure",
    "Commune",
    "SIRET",
    "Contact",
    "Téléphone",
    "E-mail",
    "Personne proposée",
    "Fonction",
    "Déposée le",
    "Statut",
    "Complétude",
    "Éligibilité",
    "Motif d'irrecevabilité",
    "Évaluations soumises",
    "Note /100",
    "Décision",
    "Motifs de la décision",
  ];
  const entete = feuille.addRow(entetes);
  entete.font = { bold: true };
  const largeurs = [8, 32, 20, 18, 24, 18, 30, 24, 24, 18, 22, 40, 40, 40, 12, 10, 14, 50];
  largeurs.forEach((l, i) => {
    feuille.getColumn(i + 1).width = l;
  });
  for (const l of lignes) {
    const c = l.candidature;
    feuille.addRow([
      l.rang ?? "",
      c.structureNom,
      c.structureCommune,
      c.structureSiret,
      c.contactNom,
      c.contactTelephone,
      emails.get(c.candidatId) ?? "",
      c.personneProposee,
      c.personneFonction,
      c.deposeeLe ? formatDateTime(c.deposeeLe) : "",
      statutCandidatureLabels[c.statut],
      texteCompletude(l),
      texteEligibilite(l),
      c.motifIrrecevabilite ?? "",
      `${l.soumises}/${l.evaluationsCalculees.length}`,
      l.note ?? "",
      c.statut === "retenue" ? "Retenue" : c.statut === "refusee" ? "Non retenue" : "",
      c.motifDecision ?? "",
    ]);
  }

  const notes = classeur.addWorksheet(FEUILLE_NOTES);
  const enteteNotes = notes.addRow([
    "Structure",
    "Évaluateur",
    "Évaluation",
    "Critère",
    "Poids",
    "Note /5",
    "Commentaire",
    "Total pondéré /100",
  ]);
  enteteNotes.font = { bold: true };
  [32, 24, 28, 44, 8, 8, 60, 14].forEach((l, i) => {
    notes.getColumn(i + 1).width = l;
  });
  for (const l of lignes) {
    for (const e of l.evaluationsCalculees) {
      const etat = e.soumiseLe ? `Soumise le ${formatDateTime(e.soumiseLe)}` : "Brouillon (non comptée)";
      const total = (e.total && noteSur100([e.total])) ?? "";
      for (const critere of appel.criteres) {
        const note = e.notes.find((n) => n.critereCode === critere.code);
        notes.addRow([
          l.candidature.structureNom,
          e.evaluateurNom,
          etat,
          critere.libelle,
          critere.poids,
          note?.note ?? "",
          note?.commentaire ?? "",
          total,
        ]);
      }
    }
  }
  return Buffer.from(await classeur.xlsx.writeBuffer());
}

/** A name unique among `pris` (« nom », « nom (2) »…, before the extension). */
function nomLibre(nom: string, pris: Set<string>): string {
  const point = nom.lastIndexOf(".");
  const [base, ext] = point > 0 ? [nom.slice(0, point), nom.slice(point)] : [nom, ""];
  let libre = nom;
  for (let n = 2; pris.has(libre.toLowerCase()); n += 1) libre = `${base} (${n})${ext}`;
  pris.add(libre.toLowerCase());
  return libre;
}

/** A slash is no folder here: « Maison des jeunes / Digne » stays one name (cleaned to « _ »). */
function sansBarres(nom: string): string {
  return nom.replace(/[\\/]/g, "_");
}

export type EntreeZip = { chemin: string; cle: string };

/**
 * What the ZIP holds: for each submitted application (by submission), a folder named after its
 * structure (cleaned, made unique), and in it each document as « libellé du document – nom ».
 */
export function entreesZip(appel: Appel, completes: readonly CandidatureComplete[]): EntreeZip[] {
  const dossiers = new Set<string>();
  const entrees: EntreeZip[] = [];
  const deposees = completes
    .filter((c) => c.candidature.statut !== "brouillon")
    .sort((a, b) => (a.candidature.deposeeLe?.getTime() ?? 0) - (b.candidature.deposeeLe?.getTime() ?? 0));
  for (const c of deposees) {
    const dossier = nomLibre(cleanFileName(sansBarres(c.candidature.structureNom), "Candidature"), dossiers);
    const fichiers = new Set<string>();
    for (const p of c.pieces) {
      const libelle = appel.documents.find((d) => d.code === p.documentCode)?.libelle ?? p.documentCode;
      const nom = nomLibre(cleanFileName(sansBarres(`${libelle.slice(0, 60)} - ${p.nom}`), "document"), fichiers);
      entrees.push({ chemin: `${dossier}/${nom}`, cle: p.cle });
    }
  }
  return entrees;
}

/**
 * The ZIP as a stream: each file opened only when the archive reaches it (one open file at a time).
 * A document missing from the storage is replaced by a short note saying so.
 */
export async function zipDocuments(
  entrees: readonly EntreeZip[],
  stockage: StockageFichiers = getStockage(),
): Promise<Readable> {
  const { default: archiver } = await import("archiver");
  const archive = archiver("zip", { zlib: { level: 6 } });
  for (const entree of entrees) {
    const paresseux = Readable.from(
      (async function* () {
        const flux = await stockage.lire(entree.cle);
        if (!flux) {
          yield Buffer.from("Ce document est introuvable dans le stockage des fichiers.\n");
          return;
        }
        for await (const morceau of flux) yield morceau as Buffer;
      })(),
    );
    archive.append(paresseux, { name: entree.chemin });
  }
  // An error is emitted on the stream (the download stops); the promise is not the place to read it.
  archive.finalize().catch(() => {});
  return archive;
}
