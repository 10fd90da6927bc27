/**
 * How the journal names each audited change to a situation of concern. The audit row keeps which
 * fields changed, never their values: the journal is read beyond the coordination of the
 * département (national role), and a situation is for its promeneur and the coordination only.
 */
export const situationAuditLabels: Record<string, string> = {
  "situation.creer": "Enregistrement d'une situation préoccupante",
  "situation.modifier": "Modification d'une situation préoccupante",
};
