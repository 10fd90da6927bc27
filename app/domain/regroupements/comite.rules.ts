/**
 * A committee's next meetings: planned (not cancelled) and not over yet at `now`. The same rule
 * as `reunionAVenir` (SQL) in comite.queries.server.ts.
 */
export function estReunionAVenir(r: { statut: string; fin: Date }, now: Date): boolean {
  return r.statut === "prevu" && r.fin > now;
}
