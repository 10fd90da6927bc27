import { isUuid } from "~/lib/text";

export const ANNUAIRE_ROLES = ["promeneurs", "referents", "coordination"] as const;
export type AnnuaireRole = (typeof ANNUAIRE_ROLES)[number];

export const annuaireRoleLabels = {
  promeneurs: "Promeneurs",
  referents: "Référents de structure",
  coordination: "Coordination",
} satisfies Record<AnnuaireRole, string>;

export type AnnuaireFiltres = { q?: string; structureId?: string; role?: AnnuaireRole };

/** The directory's GET filters; anything malformed is ignored rather than refused. */
export function parseAnnuaireFiltres(params: URLSearchParams): AnnuaireFiltres {
  const q = (params.get("q") ?? "").replace(/\s+/g, " ").trim().slice(0, 100);
  const structureId = params.get("structure") ?? "";
  const role = params.get("role") ?? "";
  return {
    ...(q ? { q } : {}),
    ...(isUuid(structureId) ? { structureId } : {}),
    ...((ANNUAIRE_ROLES as readonly string[]).includes(role) ? { role: role as AnnuaireRole } : {}),
  };
}
