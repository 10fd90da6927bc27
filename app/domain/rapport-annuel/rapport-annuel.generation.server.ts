import { generationsRapportAnnuel } from "@db/schema";
import { and, asc, eq, isNull, lt, or } from "drizzle-orm";
import { getBudgetComplet } from "~/domain/budget/budget.queries.server";
import { rapportFinancierDuBudget } from "~/domain/budget/rapport-financier.queries.server";
import { calculerIndicateurs } from "~/domain/indicateurs/indicateurs.server";
import type { VueIndicateurs } from "~/domain/indicateurs/indicateurs.types";
import { periodeAnnee } from "~/domain/indicateurs/periode";
import type { Database, Executor } from "~/server/db.server";
import { storeFichier } from "~/server/fichiers.server";
import { getLogger } from "~/server/logger.server";
import { svgBarres, svgCourbes } from "~/ui/charts/graphiques.server";
import { svgCarteCouverture } from "./rapport-annuel.carte.server";
import {
  type ContenuRapportAnnuel,
  contenuRapportAnnuel,
  type DonneesRapportAnnuel,
  type Graphique,
} from "./rapport-annuel.contenu";
import { docxRapportAnnuel } from "./rapport-annuel.docx.server";
import {
  ETAPES_GENERATION,
  type EtapeGeneration,
  type EtatGeneration,
  type FormatRapport,
  nomFichierRapport,
  typeMimeRapport,
} from "./rapport-annuel.labels";
import { pdfRapportAnnuel } from "./rapport-annuel.pdf.server";
import {
  findActionsDeLAnnee,
  findContoursCommunes,
  findFaitsMarquantsDeLAnnee,
  findRegroupementsDeLAnnee,
  type Generation,
  getNomDepartement,
  getRapportAnnuel,
} from "./rapport-annuel.queries.server";
import type { ContenuRendu } from "./rapport-annuel.rendu";
import { finDeBail } from "./rapport-annuel.rules";
import { xlsxRapportAnnuel } from "./rapport-annuel.xlsx.server";

/**
 * The background generation of the annual report's documents. A request creates the generation
 * row and calls `lancerGeneration` after its commit (the page does not wait); a worker takes the
 * row with a lease (`verrouJusqua`), renews the lease at each step while it records the progress,
 * then stores the three files and marks it `terminee` in one transaction — or `echec` with a
 * French message. A generation left waiting, or whose worker stopped (lease expired), is taken
 * over by the scheduled job `reprendreGenerations`.
 */

const g = generationsRapportAnnuel;

/** Another worker took the generation over (our lease expired): stop without writing anything. */
class BailPerdu extends Error {}

/**
 * Everything the documents need, read from the database (coordination choices, indicators, lists,
 * and the year's budget for the financial report).
 */
export async function chargerDonnees(
  db: Executor,
  generation: Pick<Generation, "departement" | "annee" | "vue">,
  maintenant: Date,
): Promise<DonneesRapportAnnuel> {
  const { departement, annee } = generation;
  const vue = generation.vue as VueIndicateurs;
  const filtre = { departements: [departement], periode: periodeAnnee(annee) };
  const [nom, indicateurs, choix, disponibles, regroupements, actions, carte, budget] = await Promise.all([
    getNomDepartement(db, departement),
    calculerIndicateurs(db, filtre, vue, maintenant),
    getRapportAnnuel(db, departement, annee),
    vue === "coordination" ? findFaitsMarquantsDeLAnnee(db, departement, annee) : Promise.resolve([]),
    findRegroupementsDeLAnnee(db, departement, annee, maintenant),
    findActionsDeLAnnee(db, departement, annee),
    findContoursCommunes(db, departement),
    getBudgetComplet(db, departement, annee),
  ]);
  const parId = new Map(disponibles.map((f) => [f.id, f]));
  const faitsMarquants =
    vue === "coordination"
      ? choix.faitsMarquants.flatMap((id) => {
          const f = parId.get(id);
          return f ? [{ mois: f.mois, promeneur: f.promeneur, structure: f.structure, texte: f.texte }] : [];
        })
      : [];
  return {
    departement: { code: departement, nom },
    annee,
    vue,
    genereLe: maintenant,
    introduction: choix.introduction,
    indicateurs,
    faitsMarquants,
    regroupements,
    actions,
    carte,
    financier: budget ? await rapportFinancierDuBudget(db, budget, maintenant, nom) : null,
  };
}

function svgGraphique(graphique: Graphique): string {
  if (graphique.type === "barres") {
    // Horizontal bars: the chart's height follows the number of bars.
    return svgBarres(graphique.parts, {
      titre: graphique.titre,
      largeur: 640,
      ...(graphique.horizontal ? { horizontal: true } : { hauteur: 320 }),
    });
  }
  return svgCourbes(graphique.series, { titre: graphique.titre, largeur: 640, hauteur: 320 });
}

/** Draws the charts and the map of the content (SVG strings). */
export function rendreContenu(contenu: ContenuRapportAnnuel): ContenuRendu {
  return {
    ...contenu,
    svgSections: contenu.sections.map((s) => s.graphiques.map(svgGraphique)),
    svgCarte: svgCarteCouverture(
      contenu.carte,
      contenu.indicateurs.couverture,
      `Couverture des communes — ${contenu.departement.nom}, ${contenu.annee}`,
    ),
  };
}

/** The three documents of the report. */
export async function produireDocuments(
  contenu: ContenuRendu,
  avancer: (etape: EtapeGeneration) => Promise<void> = async () => {},
): Promise<Record<FormatRapport, Buffer>> {
  await avancer("docx");
  const docx = await docxRapportAnnuel(contenu);
  await avancer("pdf");
  const pdf = await pdfRapportAnnuel(contenu);
  await avancer("xlsx");
  const xlsx = await xlsxRapportAnnuel(contenu);
  return { docx, pdf, xlsx };
}

/** Takes the generation if it is waiting or its lease expired: one conditional UPDATE, so one worker gets it. */
export async function prendreGeneration(db: Executor, id: string, now: Date): Promise<Generation | null> {
  const etape = ETAPES_GENERATION.indicateurs;
  const [row] = await db
    .update(g)
    .set({ etat: "en_cours", verrouJusqua: finDeBail(now), progression: etape.progression, etape: etape.libelle })
    .where(
      and(
        eq(g.id, id),
        or(eq(g.etat, "en_attente"), and(eq(g.etat, "en_cours"), or(isNull(g.verrouJusqua), lt(g.verrouJusqua, now)))),
      ),
    )
    .returning();
  return row ?? null;
}

/** Records a step and renews the lease, if the lease is still ours; answers the new lease. */
async function avancerGeneration(db: Executor, id: string, bail: Date, etape: EtapeGeneration, now: Date) {
  const suivant = finDeBail(now);
  const { progression, libelle } = ETAPES_GENERATION[etape];
  const [row] = await db
    .update(g)
    .set({ progression, etape: libelle, verrouJusqua: suivant })
    .where(and(eq(g.id, id), eq(g.etat, "en_cours"), eq(g.verrouJusqua, bail)))
    .returning({ id: g.id });
  if (!row) throw new BailPerdu();
  return suivant;
}

export type OptionsGeneration = {
  horloge?: () => Date;
  /** Replaces the reading of the data (tests). */
  charger?: typeof chargerDonnees;
};

/**
 * Runs one generation to its end if this worker can take it; answers the state it ended in, or
 * null when it was not taken (another worker holds it, or it is over).
 */
export async function executerGeneration(
  db: Database,
  id: string,
  options: OptionsGeneration = {},
): Promise<EtatGeneration | null> {
  const horloge = options.horloge ?? (() => new Date());
  const generation = await prendreGeneration(db, id, horloge());
  if (!generation?.verrouJusqua) return null;
  let bail: Date = generation.verrouJusqua;
  let etape: EtapeGeneration = "indicateurs";
  const avancer = async (suivante: EtapeGeneration) => {
    etape = suivante;
    bail = await avancerGeneration(db, id, bail, suivante, horloge());
  };
  const logger = getLogger();
  try {
    const donnees = await (options.charger ?? chargerDonnees)(db, generation, horloge());
    await avancer("graphiques");
    const rendu = rendreContenu(contenuRapportAnnuel(donnees));
    const documents = await produireDocuments(rendu, avancer);
    await avancer("enregistrement");
    const vue = generation.vue as VueIndicateurs;
    await db.transaction(async (tx) => {
      const ids: Partial<Record<FormatRapport, string>> = {};
      for (const format of ["docx", "pdf", "xlsx"] as const) {
        ids[format] = await storeFichier(
          tx,
          {
            nom: nomFichierRapport(generation.departement, generation.annee, vue, format),
            typeMime: typeMimeRapport[format],
            contenu: documents[format],
          },
          { departement: generation.departement, creePar: generation.demandePar },
        );
      }
      const [row] = await tx
        .update(g)
        .set({
          etat: "terminee",
          progression: 100,
          etape: "Terminé",
          docxId: ids.docx,
          pdfId: ids.pdf,
          xlsxId: ids.xlsx,
          verrouJusqua: null,
          termineLe: horloge(),
          erreur: null,
        })
        .where(and(eq(g.id, id), eq(g.etat, "en_cours"), eq(g.verrouJusqua, bail)))
        .returning({ id: g.id });
      if (!row) throw new BailPerdu();
    });
    logger.info(
      { generation: id, departement: generation.departement, annee: generation.annee },
      "annual report generated",
    );
    return "terminee";
  } catch (error) {
    if (error instanceof BailPerdu) {
      logger.warn({ generation: id }, "annual report generation taken over by another worker");
      return null;
    }
    logger.error({ err: error, generation: id, etape }, "annual report generation failed");
    const [row] = await db
      .update(g)
      .set({
        etat: "echec",
        erreur: `La génération a échoué à l'étape « ${ETAPES_GENERATION[etape].libelle} ». Relancez-la ; si l'échec se répète, signalez-le à l'équipe nationale.`,
        verrouJusqua: null,
        termineLe: horloge(),
      })
      .where(and(eq(g.id, id), eq(g.etat, "en_cours"), eq(g.verrouJusqua, bail)))
      .returning({ id: g.id });
    return row ? "echec" : null;
  }
}

const enCours = new Set<Promise<unknown>>();

/** Starts a generation in the background of this process (call it after the request's commit). */
export function lancerGeneration(db: Database, id: string, options: OptionsGeneration = {}): void {
  const travail: Promise<unknown> = executerGeneration(db, id, options)
    .catch((error) => getLogger().error({ err: error, generation: id }, "annual report generation crashed"))
    .finally(() => enCours.delete(travail));
  enCours.add(travail);
}

/** Waits for the generations started in this process (tests, shutdown). */
export async function attendreGenerations(): Promise<void> {
  while (enCours.size > 0) await Promise.allSettled([...enCours]);
}

export const REPRISE_GENERATIONS = "rapport-annuel.reprise";

/**
 * The scheduled job: runs, one after the other, the generations left waiting (their request's
 * process stopped before starting them) and those whose worker's lease expired (it crashed).
 * Answers how many it ran.
 */
export async function reprendreGenerations(db: Database, now: Date, options: OptionsGeneration = {}): Promise<number> {
  const abandonnees = await db
    .select({ id: g.id })
    .from(g)
    .where(
      or(eq(g.etat, "en_attente"), and(eq(g.etat, "en_cours"), or(isNull(g.verrouJusqua), lt(g.verrouJusqua, now)))),
    )
    .orderBy(asc(g.demandeLe))
    .limit(20);
  let executees = 0;
  for (const { id } of abandonnees) {
    if ((await executerGeneration(db, id, options)) !== null) executees++;
  }
  return executees;
}

/** The job's next run: every scheduler tick. */
export function prochaineReprise(now: Date): Date {
  return new Date(now.getTime() + 60_000);
}
