import type { Actor, RoleGrant } from "~/domain/comptes/actor";

/** An actor for pure permission tests (no database): roles in 04 unless said otherwise. */
export function buildActor(...roles: Partial<RoleGrant>[]): Actor {
  return {
    userId: "00000000-0000-4000-8000-000000000001",
    email: "personne@essai.pdn.fr",
    nom: "Personne d'essai",
    sessionId: "session",
    totpEnabled: false,
    roles: roles.map((g) => ({
      role: g.role ?? "promeneur",
      departement: g.role === "national" ? null : (g.departement ?? "04"),
      structureId: g.structureId ?? null,
    })),
  };
}
