import type { Actor } from "~/domain/comptes/actor";
import { can } from "~/domain/comptes/policy";
import { isStatutFinal } from "~/domain/promeneurs/promeneur.labels";
import { type PromeneurPublicCible, publicAccess } from "~/domain/promeneurs/promeneur.policy";

/**
 * Reading and changing a promeneur's social profiles follow the one rule of a promeneur's pages,
 * `publicAccess` (promeneur.policy.ts): 404 for whoever may not see the promeneur, 403 on a write
 * for those who only read it. Verifying a profile is the coordination's, below.
 */
export type ProfilsCible = PromeneurPublicCible;

/** `ok`, `interdit` (403: in scope, but the role may not do it) or `introuvable` (404: out of scope). */
export type Acces = "ok" | "interdit" | "introuvable";

/**
 * Verifying a profile: the coordinator of the promeneur's département (`profil.verifier`), while
 * the promeneur is still in the network (a promeneur who has left or was refused gets no e-mail
 * about their profiles). Whoever may not see the promeneur gets a 404 (another département); those
 * who see it with another role (referent, national, the promeneur themselves) a 403.
 */
export function accesVerification(actor: Actor | null | undefined, cible: ProfilsCible): Acces {
  if (!can(actor, "profil.verifier", { departement: cible.departement })) {
    return publicAccess(actor, cible) === "none" ? "introuvable" : "interdit";
  }
  return isStatutFinal(cible.statut) ? "interdit" : "ok";
}

/** What the profile pages offer the actor on a promeneur's profiles: the forms to change them, the verification. */
export function mayOnProfils(
  actor: Actor | null | undefined,
  cible: ProfilsCible,
): { gerer: boolean; verifier: boolean } {
  return {
    gerer: publicAccess(actor, cible) === "manage",
    verifier: accesVerification(actor, cible) === "ok",
  };
}
