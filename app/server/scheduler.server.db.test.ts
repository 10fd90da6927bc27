import { tachesPlanifiees } from "@db/schema";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { prochainLundiSeptHeures } from "~/domain/profils/conformite.rules";
import { RAPPEL_HEBDOMADAIRE } from "~/domain/profils/conformite-rappel.server";
import { getDb } from "./db.server";
import { defaultJobs, type Job, LEASE_MS, RETRY_MS, runDueJobs } from "./scheduler.server";

let sequence = 0;

/** A weekly job (Monday 07:00 Paris) that counts its runs. */
function compteur(options: { echoue?: boolean; dureeMs?: number } = {}) {
  sequence += 1;
  const runs: Date[] = [];
  const job: Job = {
    nom: `essai.compteur-${sequence}`,
    prochaine: prochainLundiSeptHeures,
    async run(_db, now) {
      runs.push(now);
      if (options.dureeMs) await new Promise((resolve) => setTimeout(resolve, options.dureeMs));
      if (options.echoue) throw new Error("panne simulée");
    },
  };
  return { job, runs };
}

async function ligne(nom: string) {
  const [row] = await getDb().select().from(tachesPlanifiees).where(eq(tachesPlanifiees.nom, nom));
  return row;
}

// Friday 28 March 2025, 13:00 Paris (winter time); the clocks go forward on Sunday 30 March.
const VENDREDI = new Date("2025-03-28T12:00:00Z");
const LUNDI_31_MARS_7H = new Date("2025-03-31T05:00:00Z");

describe("runDueJobs", () => {
  it("crée la tâche pour le prochain lundi 7 h (heure d'été après le changement d'heure) sans la lancer", async () => {
    const { job, runs } = compteur();
    expect(await runDueJobs(getDb(), VENDREDI, "instance-a", [job])).toEqual([]);
    expect(runs).toEqual([]);
    expect(await ligne(job.nom)).toMatchObject({
      prochaineExecution: LUNDI_31_MARS_7H,
      verrouJusqua: null,
      derniereExecution: null,
    });
  });

  it("lance la tâche échue, puis la replanifie le lundi suivant à 7 h et libère le verrou", async () => {
    const { job, runs } = compteur();
    await runDueJobs(getDb(), VENDREDI, "instance-a", [job]);
    const lundi = new Date("2025-03-31T05:02:00Z");
    expect(await runDueJobs(getDb(), lundi, "instance-a", [job])).toEqual([job.nom]);
    expect(runs).toEqual([lundi]);
    expect(await ligne(job.nom)).toMatchObject({
      derniereExecution: lundi,
      prochaineExecution: new Date("2025-04-07T05:00:00Z"),
      verrouJusqua: null,
      verrouPar: null,
      derniereErreur: null,
    });
    // Same occurrence, a later tick: nothing to do.
    expect(await runDueJobs(getDb(), new Date("2025-03-31T05:07:00Z"), "instance-a", [job])).toEqual([]);
    expect(runs).toHaveLength(1);
  });

  it("ne lance la tâche qu'une fois quand deux instances passent au même instant", async () => {
    const { job, runs } = compteur({ dureeMs: 50 });
    await runDueJobs(getDb(), VENDREDI, "instance-a", [job]);
    const lundi = new Date("2025-03-31T05:00:00Z");
    const [a, b] = await Promise.all([
      runDueJobs(getDb(), lundi, "instance-a", [job]),
      runDueJobs(getDb(), lundi, "instance-b", [job]),
    ]);
    expect([...(a ?? []), ...(b ?? [])]).toEqual([job.nom]);
    expect(runs).toHaveLength(1);
  });

  it("laisse une autre instance reprendre une tâche dont le verrou a expiré (instance arrêtée en cours)", async () => {
    const { job, runs } = compteur();
    await runDueJobs(getDb(), VENDREDI, "instance-a", [job]);
    const lundi = new Date("2025-03-31T05:00:00Z");
    // instance-a took the lease and died without releasing it.
    await getDb()
      .update(tachesPlanifiees)
      .set({ verrouJusqua: new Date(lundi.getTime() + LEASE_MS), verrouPar: "instance-a" })
      .where(eq(tachesPlanifiees.nom, job.nom));
    expect(await runDueJobs(getDb(), new Date(lundi.getTime() + 60_000), "instance-b", [job])).toEqual([]);
    const apres = new Date(lundi.getTime() + LEASE_MS + 60_000);
    expect(await runDueJobs(getDb(), apres, "instance-b", [job])).toEqual([job.nom]);
    expect(runs).toEqual([apres]);
  });

  it("note l'erreur d'une tâche en échec, libère le verrou et réessaie une heure plus tard", async () => {
    const { job, runs } = compteur({ echoue: true });
    await runDueJobs(getDb(), VENDREDI, "instance-a", [job]);
    const lundi = new Date("2025-03-31T05:00:00Z");
    expect(await runDueJobs(getDb(), lundi, "instance-a", [job])).toEqual([]);
    expect(runs).toHaveLength(1);
    const row = await ligne(job.nom);
    expect(row?.derniereErreur).toContain("panne simulée");
    expect(row).toMatchObject({
      verrouJusqua: null,
      derniereExecution: null,
      prochaineExecution: new Date(lundi.getTime() + RETRY_MS),
    });
  });

  it("planifie le rappel hebdomadaire de conformité le lundi à 7 h, heure d'hiver après octobre", async () => {
    const vendredi = new Date("2025-10-24T12:00:00Z");
    await runDueJobs(getDb(), vendredi, "instance-a", defaultJobs);
    expect((await ligne(RAPPEL_HEBDOMADAIRE))?.prochaineExecution).toEqual(new Date("2025-10-27T06:00:00Z"));
  });
});
