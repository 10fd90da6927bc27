import fc from "fast-check";

// In CI, property tests replay a fixed seed: a run is reproducible and a counterexample found by
// chance cannot turn a submission red. Locally, each run explores new cases.
const ciSeed = process.env.CI ? Number(process.env.FAST_CHECK_SEED ?? 20261129) : undefined;
if (ciSeed !== undefined) fc.configureGlobal({ seed: ciSeed });
