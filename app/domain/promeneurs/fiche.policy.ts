import type { Actor } from "~/domain/comptes/actor";
import { canManagePromeneurPublic, canReadPromeneur, type PromeneurCible } from "./promeneur.policy";

/**
 * Access to what a promeneur shows the public (public record, photo, presence hours). Pure; the
 * commands and the loaders call it on the row they loaded.
 */
export type PromeneurPublicCible = PromeneurCible & { userId: string | null; statut: string };

/** The promeneur themselves: their account is linked to the record and holds the promeneur role there. */
export function isPromeneurLuiMeme(actor: Actor | null | undefined, cible: PromeneurPublicCible): boolean {
  if (!actor || !cible.userId || cible.userId !== actor.userId) return false;
  return actor.roles.some((g) => g.role === "promeneur" && g.departement === cible.departement);
}

/**
 * Who may see the public record and hours in the back office: whoever reads the internal record
 * (national, coordinator of the département, referent of the structure) and the promeneur themselves.
 * Anyone else gets a 404, as for anything out of scope.
 */
export function canSeePromeneurPublic(actor: Actor | null | undefined, cible: PromeneurPublicCible): boolean {
  return canReadPromeneur(actor, cible) || isPromeneurLuiMeme(actor, cible);
}

/** What the actor may do: `none` (404), `read` (403 on a write), `manage`. */
export function publicAccess(actor: Actor | null | undefined, cible: PromeneurPublicCible): "none" | "read" | "manage" {
  if (!canSeePromeneurPublic(actor, cible)) return "none";
  return canManagePromeneurPublic(actor, cible) ? "manage" : "read";
}
