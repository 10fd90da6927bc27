import { type Actor, departementsWith } from "~/domain/comptes/actor";

/** Roles that belong to the network of a département (directory and announcements). */
export const ROLES_RESEAU = ["coordinateur", "referent", "promeneur"] as const;

/** Départements whose network the actor belongs to (a referent belongs to their structure's). */
export function departementsDuReseau(actor: Actor): string[] {
  return departementsWith(actor, ROLES_RESEAU);
}

/**
 * The département a network page shows: the one asked for if the actor belongs to its network
 * (404 otherwise: out of scope), else their first one; 403 when they belong to none.
 */
export function choisirDepartement(
  actor: Actor,
  asked: string | null,
): { ok: true; departement: string } | { ok: false; status: 403 | 404 } {
  const departements = departementsDuReseau(actor);
  if (asked) return departements.includes(asked) ? { ok: true, departement: asked } : { ok: false, status: 404 };
  const first = departements[0];
  return first ? { ok: true, departement: first } : { ok: false, status: 403 };
}

export const ANNUAIRE_ROLES = ["promeneurs", "referents", "coordination"] as const;
export type AnnuaireRole = (typeof ANNUAIRE_ROLES)[number];

export const annuaireRoleLabels = {
  promeneurs: "Promeneurs",
  referents: "Référents de structure",
  coordination: "Coordination",
} satisfies Record<AnnuaireRole, string>;

export type AnnuaireFiltres = { q?: string; structureId?: string; role?: AnnuaireRole };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The directory's GET filters; anything malformed is ignored rather than refused. */
export function parseAnnuaireFiltres(params: URLSearchParams): AnnuaireFiltres {
  const q = (params.get("q") ?? "").replace(/\s+/g, " ").trim().slice(0, 100);
  const structureId = params.get("structure") ?? "";
  const role = params.get("role") ?? "";
  return {
    ...(q ? { q } : {}),
    ...(UUID.test(structureId) ? { structureId } : {}),
    ...((ANNUAIRE_ROLES as readonly string[]).includes(role) ? { role: role as AnnuaireRole } : {}),
  };
}

/** Lower case without accents, so that « eloise » finds « Éloïse ». */
export function sansAccents(value: string): string {
  return value.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}
