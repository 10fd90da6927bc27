import { ROLES, type RoleCode, roleHomes } from "./roles";

export type RoleGrant = {
  role: RoleCode;
  /** null only for the national role. */
  departement: string | null;
  /** Set for a structure referent. */
  structureId: string | null;
};

/** The signed-in person, as every loader and action sees them. */
export type Actor = {
  userId: string;
  email: string;
  nom: string;
  roles: RoleGrant[];
  sessionId: string;
  totpEnabled: boolean;
};

export function hasRole(actor: Actor, role: RoleCode, departement?: string): boolean {
  return actor.roles.some((g) => g.role === role && (departement === undefined || g.departement === departement));
}

export function primaryRole(actor: Pick<Actor, "roles">): RoleCode | undefined {
  return ROLES.find((role) => actor.roles.some((g) => g.role === role));
}

export function homePathFor(actor: Pick<Actor, "roles">): string {
  const role = primaryRole(actor);
  return role ? roleHomes[role] : "/espace/compte";
}

/** Départements where the actor holds one of the roles. */
export function departementsWith(actor: Actor, roles: readonly RoleCode[]): string[] {
  const codes = actor.roles
    .filter((g) => roles.includes(g.role) && g.departement !== null)
    .map((g) => g.departement as string);
  return [...new Set(codes)].sort();
}

export function structuresReferred(actor: Actor): string[] {
  return actor.roles.filter((g) => g.role === "referent" && g.structureId).map((g) => g.structureId as string);
}
