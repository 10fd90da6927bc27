import type { Actor } from "~/domain/comptes/actor";
import type { RoleCode } from "~/domain/comptes/roles";
import { canManagePromeneurPublic, canReadPromeneur, type PromeneurCible } from "~/domain/promeneurs/promeneur.policy";

/** The promeneur whose social profiles are read or changed. */
export type ProfilsCible = PromeneurCible & { userId: string | null; statut: string };

/** `ok`, `interdit` (403: the role never allows it, or read-only) or `introuvable` (404: out of scope). */
export type Acces = "ok" | "interdit" | "introuvable";

const ROLES_LECTURE: readonly RoleCode[] = ["national", "coordinateur", "referent", "promeneur"];
const ROLES_GESTION: readonly RoleCode[] = ["coordinateur", "promeneur"];

function isSelf(actor: Actor, cible: ProfilsCible): boolean {
  return (
    cible.userId !== null &&
    cible.userId === actor.userId &&
    actor.roles.some((g) => g.role === "promeneur" && g.departement === cible.departement)
  );
}

/**
 * Who sees a promeneur's social profiles in the back office: the promeneur themselves, and whoever
 * reads the promeneur's record (national, the coordinator of its département, the referent of its
 * structure).
 */
export function canReadProfils(actor: Actor | null | undefined, cible: ProfilsCible): boolean {
  if (!actor) return false;
  return isSelf(actor, cible) || canReadPromeneur(actor, cible);
}

/**
 * Reading (`lire`) or adding, editing, deleting (`gerer`) a promeneur's profiles. A role that never
 * allows it answers 403; a promeneur out of the actor's scope answers 404 (nothing tells it exists);
 * one they read but may not change (referent, national, a promeneur who has left) answers 403.
 * Changing follows `canManagePromeneurPublic`: the promeneur themselves and their coordinator.
 */
export function accesProfils(actor: Actor | null | undefined, cible: ProfilsCible, mode: "lire" | "gerer"): Acces {
  if (!actor) return "interdit";
  const roles = mode === "lire" ? ROLES_LECTURE : ROLES_GESTION;
  if (!actor.roles.some((g) => roles.includes(g.role))) return "interdit";
  if (!canReadProfils(actor, cible)) return "introuvable";
  if (mode === "gerer" && !canManagePromeneurPublic(actor, cible)) return "interdit";
  return "ok";
}

/** Verifying a profile: the coordinator of the promeneur's département only. */
export function accesVerification(actor: Actor | null | undefined, cible: { departement: string }): Acces {
  if (!actor?.roles.some((g) => g.role === "coordinateur")) return "interdit";
  return actor.roles.some((g) => g.role === "coordinateur" && g.departement === cible.departement)
    ? "ok"
    : "introuvable";
}

/** What the profile pages offer the actor on a promeneur's profiles: the forms to change them, the verification. */
export function mayOnProfils(
  actor: Actor | null | undefined,
  cible: ProfilsCible,
): { gerer: boolean; verifier: boolean } {
  return {
    gerer: accesProfils(actor, cible, "gerer") === "ok",
    verifier: accesVerification(actor, cible) === "ok",
  };
}
