import { communes, epci, promeneurs, rapportComptes, rapportsMensuels, structures } from "@db/schema";
import { eq, inArray } from "drizzle-orm";
import type { Actor } from "~/domain/comptes/actor";
import { type ExportFichier, type ExportFormat, type ExportLigne, fichierTableau } from "~/domain/import/export.server";
import { jourIso } from "~/lib/jour";
import { recordAudit } from "~/server/audit.server";
import type { Executor } from "~/server/db.server";
import { codesDeRubrique, libelleCode } from "./rapport.format";
import { type RapportStatut, RUBRIQUES, type Rubrique, rapportStatutLabels, rubriqueLabels } from "./rapport.labels";
import { findRapportIdsForActor, type RapportFiltres } from "./rapport-liste.queries.server";

/**
 * The coordination's export of monthly reports: one row per report, the totals, then one column per
 * breakdown code (« Échanges par canal – Messages privés »), French headers. The highlight is
 * included: only the coordination (`rapport.exporter`, which also reads it) downloads this file.
 */

const COLONNES_FIXES = [
  "Mois",
  "Promeneur",
  "Structure",
  "EPCI",
  "Statut",
  "Soumis le",
  "Validé le",
  "Nouveaux jeunes",
  "File active",
  "Échanges",
  "Échanges individuels",
  "Échanges collectifs",
  "Heures en ligne",
] as const;

function colonneCompte(rubrique: Rubrique, code: string): string {
  return `${rubriqueLabels[rubrique]} – ${libelleCode(rubrique, code)}`;
}

/** Every header of the file, in order. */
export function entetesRapports(): string[] {
  return [
    ...COLONNES_FIXES,
    ...RUBRIQUES.flatMap((r) => codesDeRubrique[r].map((code) => colonneCompte(r, code))),
    "Fait marquant",
  ];
}

const nombre = (n: number) => String(n).replace(".", ",");
const jour = (d: Date | null) => (d ? jourIso(d) : "");

/** The lines of the reports `ids`, in the order given. */
export async function lignesRapports(db: Executor, ids: string[]): Promise<ExportLigne[]> {
  if (ids.length === 0) return [];
  const [rows, comptes] = await Promise.all([
    db
      .select({
        r: rapportsMensuels,
        prenom: promeneurs.prenom,
        nom: promeneurs.nom,
        structure: structures.nom,
        epci: epci.nom,
      })
      .from(rapportsMensuels)
      .innerJoin(promeneurs, eq(promeneurs.id, rapportsMensuels.promeneurId))
      .innerJoin(structures, eq(structures.id, rapportsMensuels.structureId))
      .leftJoin(communes, eq(communes.code, structures.communeCode))
      .leftJoin(epci, eq(epci.siren, communes.epciSiren))
      .where(inArray(rapportsMensuels.id, ids)),
    db.select().from(rapportComptes).where(inArray(rapportComptes.rapportId, ids)),
  ]);
  const parRapport = new Map<string, Map<string, number>>();
  for (const c of comptes) {
    const m = parRapport.get(c.rapportId) ?? new Map<string, number>();
    if ((RUBRIQUES as readonly string[]).includes(c.rubrique))
      m.set(colonneCompte(c.rubrique as Rubrique, c.code), c.nombre);
    parRapport.set(c.rapportId, m);
  }
  const parId = new Map(rows.map((row) => [row.r.id, row]));
  return ids.flatMap((id) => {
    const row = parId.get(id);
    if (!row) return [];
    const { r } = row;
    const ligne: ExportLigne = {
      Mois: r.mois.slice(0, 7),
      Promeneur: `${row.prenom} ${row.nom}`,
      Structure: row.structure,
      EPCI: row.epci ?? "",
      Statut: rapportStatutLabels[r.statut as RapportStatut] ?? r.statut,
      "Soumis le": jour(r.soumisLe),
      "Validé le": jour(r.valideLe),
      "Nouveaux jeunes": nombre(r.nouveauxJeunes),
      "File active": nombre(r.fileActive),
      Échanges: nombre(r.echanges),
      "Échanges individuels": nombre(r.echangesIndividuels),
      "Échanges collectifs": nombre(r.echangesCollectifs),
      "Heures en ligne": nombre(r.heuresEnLigne),
      "Fait marquant": r.faitMarquant,
    };
    const valeurs = parRapport.get(id);
    for (const rubrique of RUBRIQUES) {
      for (const code of codesDeRubrique[rubrique]) {
        const colonne = colonneCompte(rubrique, code);
        ligne[colonne] = nombre(valeurs?.get(colonne) ?? 0);
      }
    }
    return [ligne];
  });
}

/**
 * The reports matching the list's filters as a file (`bilans-04-2026-03-11.csv`); the export is
 * written to the journal (it names promeneurs). The caller checked `rapport.exporter` in the département.
 */
export async function exportRapports(
  ctx: { db: Executor; now: Date; requestId?: string },
  actor: Actor,
  filtres: RapportFiltres,
  format: ExportFormat,
): Promise<ExportFichier> {
  const ids = await findRapportIdsForActor(ctx.db, actor, filtres);
  const lignes = await lignesRapports(ctx.db, ids);
  const fichier = await fichierTableau(
    entetesRapports(),
    lignes,
    format,
    `bilans-${filtres.departement}-${jourIso(ctx.now)}`,
  );
  await recordAudit(
    ctx.db,
    actor,
    {
      action: "rapport.exporter",
      entityType: "rapport_mensuel",
      entityId: null,
      departement: filtres.departement,
      changes: { format, lignes: lignes.length, filtres: { ...filtres, page: undefined } },
    },
    ctx.requestId,
  );
  return fichier;
}
