/**
 * An in-process memo of expensive reads (the indicators, the public directory), per département:
 * an entry is forgotten as soon as an audited write of its département happens in this process
 * (`signalerChangement`, called by `recordAudit`), and after its lifetime in any case (writes made by
 * another instance, page views that are not audited). Concurrent identical reads share one
 * computation; a failed computation is not kept. Off in tests (NODE_ENV=test), where a test writes
 * rows directly and reads them back at once.
 */
import { getEnv } from "./env.server";

type Entree = { versions: string; expire: number; valeur: Promise<unknown> };

const MAX_ENTREES = 500;
const entrees = new Map<string, Entree>();
const versions = new Map<string, number>();
let actif: boolean | undefined;

/** How long a signal is repeated: a read that started during the writing transaction may have seen the state before its commit. */
export const REPETITION_SIGNAL_MS = 2_000;

/** Bumped when the memo is turned on or off: what was kept before is stale after. */
let epoque = 0;

/**
 * What a read depends on: all of a département's data (`tout`: the indicators, the dashboards), or
 * only what its public site shows (`public`: the directory, the public pages), which the back
 * office's private writes — a monthly report, attendance, a score — leave as they are.
 */
export type Portee = "tout" | "public";

/**
 * The state of these départements' data as the memo sees it: it changes with every signalled
 * write of one of them (of the public part only, for `public`). A cached answer computed under one
 * state is stale under another.
 */
export function etatDonnees(departements: readonly string[], portee: Portee = "tout"): string {
  return `${epoque}:${departements.map((d) => versions.get(`${portee}:${d}`) ?? 0).join(",")}`;
}

/** The state key that changes with a write of any département (the national pages). */
export const TOUS_DEPARTEMENTS = "*";

function incrementer(cle: string) {
  versions.set(cle, (versions.get(cle) ?? 0) + 1);
}

function oublier(departement: string, publique: boolean) {
  const portees: Portee[] = publique ? ["tout", "public"] : ["tout"];
  for (const portee of portees) {
    incrementer(`${portee}:${departement}`);
    incrementer(`${portee}:${TOUS_DEPARTEMENTS}`);
  }
}

/**
 * Forgets the memoised reads of this département: all of them, or, for a write its public site
 * does not show (`publique: false`), only those that depend on all its data. A change without a
 * département (a sign-in, an account, a national referral line) touches no memoised read: it
 * forgets nothing. Repeated once shortly after, for a read that ran while the write's transaction
 * was not yet committed.
 */
export function signalerChangement(
  departement: string | null | undefined,
  { publique = true }: { publique?: boolean } = {},
): void {
  if (!departement) return;
  oublier(departement, publique);
  setTimeout(() => oublier(departement, publique), REPETITION_SIGNAL_MS).unref?.();
}

/** Turns the memo on or off (tests of the memo itself); by default on unless NODE_ENV=test. */
export function activerMemo(valeur: boolean | undefined): void {
  actif = valeur;
  epoque++;
  entrees.clear();
}

/** Whether the memo (and the page caches that follow its signals) is on. */
export function memoActif(): boolean {
  if (actif !== undefined) return actif;
  try {
    return getEnv().NODE_ENV !== "test";
  } catch {
    return false;
  }
}

/**
 * The value of `calcul`, memoised under `cle` for `dureeMs` while none of `departements` changes.
 * `cle` must name everything the result depends on besides those départements' data.
 */
export function memoiser<T>(
  cle: string,
  departements: readonly string[],
  dureeMs: number,
  calcul: () => Promise<T>,
  maintenant: () => number = Date.now,
  portee: Portee = "tout",
): Promise<T> {
  if (!memoActif()) return calcul();
  const etat = etatDonnees(departements, portee);
  const present = entrees.get(cle);
  if (present && present.versions === etat && present.expire > maintenant()) {
    // Most recently used last: the oldest are evicted first.
    entrees.delete(cle);
    entrees.set(cle, present);
    return present.valeur as Promise<T>;
  }
  const valeur = calcul();
  const entree: Entree = { versions: etat, expire: maintenant() + dureeMs, valeur };
  entrees.set(cle, entree);
  if (entrees.size > MAX_ENTREES) entrees.delete(entrees.keys().next().value as string);
  valeur.catch(() => {
    if (entrees.get(cle) === entree) entrees.delete(cle);
  });
  return valeur;
}
