/** One change the audit log keeps: a field's value before and after. */
export type Changement = { avant: unknown; apres: unknown };

const norm = (v: unknown) =>
  v === undefined || v === "" ? null : v instanceof Date ? v.toISOString() : Array.isArray(v) ? JSON.stringify(v) : v;

/**
 * The fields whose value changes, with before and after (what the audit log keeps). Empty strings
 * and null are the same "no value"; dates compare by instant, arrays by content. `fields` defaults
 * to the keys of `apres`.
 */
export function diffFields<K extends string>(
  avant: Partial<Record<K, unknown>>,
  apres: Partial<Record<K, unknown>>,
  fields: readonly K[] = Object.keys(apres) as K[],
): Record<string, Changement> {
  const changes: Record<string, Changement> = {};
  for (const field of fields) {
    if (norm(avant[field]) === norm(apres[field])) continue;
    const shown = (v: unknown) => (v === undefined || v === "" ? null : v instanceof Date ? v.toISOString() : v);
    changes[field] = { avant: shown(avant[field]), apres: shown(apres[field]) };
  }
  return changes;
}
