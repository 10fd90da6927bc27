import crypto from "node:crypto";
import os from "node:os";
import { tachesPlanifiees } from "@db/schema";
import { and, eq, isNull, lt, lte, or } from "drizzle-orm";
import { SUPPRESSION_MESSAGES_ANCIENS, supprimerMessagesAnciens } from "~/domain/contact/contact.commands.server";
import { prochaineSuppressionMessages } from "~/domain/contact/contact.rules";
import { prochaineConservation } from "~/domain/donnees-personnelles/conservation.rules";
import { appliquerConservation, CONSERVATION_DONNEES } from "~/domain/donnees-personnelles/conservation.server";
import { prochainLundiSeptHeures } from "~/domain/profils/conformite.rules";
import { envoyerRappelsConformite, RAPPEL_HEBDOMADAIRE } from "~/domain/profils/conformite-rappel.server";
import {
  prochaineReprise,
  REPRISE_GENERATIONS,
  reprendreGenerations,
} from "~/domain/rapport-annuel/rapport-annuel.generation.server";
import { envoyerRappelsRapport, RAPPEL_RAPPORT } from "~/domain/rapports/rapport-rappel.server";
import { prochainRappelRapport } from "~/domain/rapports/rapport-suivi.rules";
import { prochainRappelRegroupement } from "~/domain/regroupements/regroupement.rules";
import { envoyerRappelsRegroupement, RAPPEL_REGROUPEMENT } from "~/domain/regroupements/regroupement-rappel.server";
import type { Database } from "./db.server";
import { getEnv } from "./env.server";
import { getLogger } from "./logger.server";

/** A job run at most once per occurrence across every app instance sharing the database. */
export type Job = {
  nom: string;
  /** The occurrence after `now` (the first one too, when the job's row is created). */
  prochaine(now: Date): Date;
  run(db: Database, now: Date): Promise<unknown>;
};

/** How long an instance holds a job before another may take it over (a crashed run). */
export const LEASE_MS = 15 * 60_000;
/** After a failure the job is tried again this much later, not at every tick. */
export const RETRY_MS = 60 * 60_000;
export const TICK_MS = 5 * 60_000;

export const defaultJobs: readonly Job[] = [
  {
    nom: RAPPEL_HEBDOMADAIRE,
    prochaine: prochainLundiSeptHeures,
    run: (db, now) => envoyerRappelsConformite(db, now, getEnv().publicUrl),
  },
  {
    nom: SUPPRESSION_MESSAGES_ANCIENS,
    prochaine: prochaineSuppressionMessages,
    run: supprimerMessagesAnciens,
  },
  {
    // Inactive accounts erased, old audit entries deleted (RGPD retention).
    nom: CONSERVATION_DONNEES,
    prochaine: prochaineConservation,
    run: appliquerConservation,
  },
  {
    nom: RAPPEL_RAPPORT,
    prochaine: prochainRappelRapport,
    run: (db, now) => envoyerRappelsRapport(db, now, getEnv().publicUrl),
  },
  {
    nom: RAPPEL_REGROUPEMENT,
    prochaine: prochainRappelRegroupement,
    run: (db, now) => envoyerRappelsRegroupement(db, now, getEnv().publicUrl),
  },
  {
    // Annual report generations left waiting or whose worker stopped (expired lease).
    nom: REPRISE_GENERATIONS,
    prochaine: prochaineReprise,
    run: (db, now) => reprendreGenerations(db, now),
  },
];

/**
 * Runs every job that is due at `now`. For each job: creates its row if missing (first occurrence
 * in the future), then takes a lease with one conditional UPDATE … RETURNING, so that of several
 * instances (or overlapping ticks) exactly one gets the row; runs it; then moves the next occurrence
 * on and releases the lease. A failure is recorded in `derniereErreur` and retried an hour later.
 * Returns the names of the jobs this call ran successfully.
 */
export async function runDueJobs(
  db: Database,
  now: Date,
  instanceId: string,
  jobs: readonly Job[] = defaultJobs,
): Promise<string[]> {
  const ran: string[] = [];
  for (const job of jobs) {
    await db
      .insert(tachesPlanifiees)
      .values({ nom: job.nom, prochaineExecution: job.prochaine(now) })
      .onConflictDoNothing();
    const [leased] = await db
      .update(tachesPlanifiees)
      .set({ verrouJusqua: new Date(now.getTime() + LEASE_MS), verrouPar: instanceId })
      .where(
        and(
          eq(tachesPlanifiees.nom, job.nom),
          lte(tachesPlanifiees.prochaineExecution, now),
          or(isNull(tachesPlanifiees.verrouJusqua), lt(tachesPlanifiees.verrouJusqua, now)),
        ),
      )
      .returning();
    if (!leased) continue;
    const mine = and(eq(tachesPlanifiees.nom, job.nom), eq(tachesPlanifiees.verrouPar, instanceId));
    try {
      await job.run(db, now);
      await db
        .update(tachesPlanifiees)
        .set({
          derniereExecution: now,
          prochaineExecution: job.prochaine(now),
          verrouJusqua: null,
          verrouPar: null,
          derniereErreur: null,
        })
        .where(mine);
      ran.push(job.nom);
    } catch (error) {
      getLogger().error({ err: error, job: job.nom }, "scheduled job failed");
      await db
        .update(tachesPlanifiees)
        .set({
          prochaineExecution: new Date(now.getTime() + RETRY_MS),
          verrouJusqua: null,
          verrouPar: null,
          derniereErreur: `${now.toISOString()} ${error instanceof Error ? error.message : String(error)}`.slice(
            0,
            2000,
          ),
        })
        .where(mine);
    }
  }
  return ran;
}

/** Checks the jobs every five minutes (the timer does not keep the process alive); `stop()` on shutdown. */
export function startScheduler(db: Database, options: { jobs?: readonly Job[]; intervalMs?: number } = {}) {
  const instanceId = `${os.hostname()}-${process.pid}-${crypto.randomBytes(3).toString("hex")}`;
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = runDueJobs(db, new Date(), instanceId, options.jobs)
      .catch((error) => getLogger().error({ err: error }, "scheduler tick failed"))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, options.intervalMs ?? TICK_MS);
  timer.unref();
  // A first look shortly after start, so that a restart on Monday morning does not wait 5 minutes.
  const first = setTimeout(tick, 10_000);
  first.unref();
  return {
    instanceId,
    async stop() {
      clearInterval(timer);
      clearTimeout(first);
      await running;
    },
  };
}
