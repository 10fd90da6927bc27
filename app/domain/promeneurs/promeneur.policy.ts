import type { Actor, RoleGrant } from "~/domain/comptes/actor";
import { can } from "~/domain/comptes/policy";
import { isStatutFinal, type PromeneurTransition } from "./promeneur.labels";

/**
 * Who may move a promeneur through its lifecycle. Pure; the rules (promeneur.rules.ts) call it
 * again before planning a transition, and the UI calls it only to hide buttons.
 *
 * - The referent of the promeneur's structure (in the promeneur's département) proposes a
 *   professional and records their exit (the employee leaves). They never accept, refuse, train or
 *   activate: the employer commits hours, the coordination validates.
 * - The coordinator of the promeneur's département does everything else, whatever the structure.
 *   They do not propose: a proposal is the employer's commitment (a coordinator who is also the
 *   referent of a structure proposes through that referent grant).
 * - Nobody accepts a proposal they made themselves (`proposePar === actor.userId`), whatever their
 *   roles. Refusing it stays possible: it only withdraws it and gives no one any right.
 * - The national role reads every promeneur but acts on none: a département's lifecycle belongs to
 *   its coordination.
 * - Steering members, reviewers and promeneurs: nothing here; another département: nothing.
 */

/** The promeneur a transition applies to; for `proposer`, the one about to be proposed. */
export type PromeneurCible = {
  departement: string;
  structureId: string;
  /** The user who proposed the promeneur; absent before the proposal. */
  proposePar?: string | null;
};

const REFERENT_TRANSITIONS: readonly PromeneurTransition[] = ["proposer", "enregistrer_sortie"];
const COORDINATEUR_TRANSITIONS: readonly PromeneurTransition[] = [
  "accepter",
  "refuser",
  "enregistrer_charte",
  "enregistrer_formation",
  "activer",
  "suspendre",
  "reactiver",
  "enregistrer_sortie",
];

function isReferentOf(grant: RoleGrant, cible: PromeneurCible): boolean {
  return (
    grant.role === "referent" && grant.departement === cible.departement && grant.structureId === cible.structureId
  );
}

function isCoordinateurOf(grant: RoleGrant, cible: PromeneurCible): boolean {
  return grant.role === "coordinateur" && grant.departement === cible.departement;
}

export function canTransition(
  actor: Actor | null | undefined,
  transition: PromeneurTransition,
  cible: PromeneurCible,
): boolean {
  if (!actor) return false;
  if (transition === "accepter" && cible.proposePar && cible.proposePar === actor.userId) return false;
  return actor.roles.some(
    (grant) =>
      (isReferentOf(grant, cible) && REFERENT_TRANSITIONS.includes(transition)) ||
      (isCoordinateurOf(grant, cible) && COORDINATEUR_TRANSITIONS.includes(transition)),
  );
}

/**
 * Who may see a promeneur's internal record (lifecycle, dates, reasons): national everywhere, the
 * coordinator of its département, the referent of its structure. The same rule as the list's
 * `scopeFor(actor, "promeneur.lire")`; steering members read aggregated indicators only.
 */
export function canReadPromeneur(actor: Actor | null | undefined, cible: PromeneurCible): boolean {
  return can(actor, "promeneur.lire", { departement: cible.departement, structureId: cible.structureId });
}

/** A promeneur's record with what the pages of the promeneur (public record, hours, profiles, territory) need. */
export type PromeneurPublicCible = PromeneurCible & { userId: string | null; statut: string };

/** The promeneur themselves: their account is linked to the record and holds the promeneur role there. */
export function isPromeneurLuiMeme(actor: Actor | null | undefined, cible: PromeneurPublicCible): boolean {
  if (!actor || !cible.userId || cible.userId !== actor.userId) return false;
  return actor.roles.some((g) => g.role === "promeneur" && g.departement === cible.departement);
}

/**
 * Who may edit what a promeneur shows the public and the network (public record, photo, social
 * profiles, presence hours, territory): the promeneur themselves and the coordinator of its
 * département. Not the referent, not the national role, not another département. A promeneur who
 * has left (`sorti`) or was refused keeps nothing editable.
 */
export function canManagePromeneurPublic(actor: Actor | null | undefined, cible: PromeneurPublicCible): boolean {
  if (!actor) return false;
  if (isStatutFinal(cible.statut)) return false;
  return isPromeneurLuiMeme(actor, cible) || actor.roles.some((grant) => isCoordinateurOf(grant, cible));
}

/**
 * The one access rule of a promeneur's pages (public record, hours, social profiles, territory):
 * `none` for whoever neither reads the record nor is the promeneur (a 404, whatever their role),
 * `read` for those who see it but may not change it (a 403 on a write), `manage`.
 */
export function publicAccess(actor: Actor | null | undefined, cible: PromeneurPublicCible): "none" | "read" | "manage" {
  if (!canReadPromeneur(actor, cible) && !isPromeneurLuiMeme(actor, cible)) return "none";
  return canManagePromeneurPublic(actor, cible) ? "manage" : "read";
}

/**
 * Who may edit a promeneur's internal data (contacts, function, weekly hours; first and last name
 * for the coordination only): the coordinator of its département and the referent of its
 * structure, while the promeneur is still in the network. `null`: no edit at all.
 */
export function canModifierPromeneur(
  actor: Actor | null | undefined,
  cible: PromeneurCible & { statut: string },
): { identite: boolean } | null {
  if (!actor || isStatutFinal(cible.statut)) return null;
  const coordinateur = actor.roles.some((g) => isCoordinateurOf(g, cible));
  const referent = actor.roles.some((g) => isReferentOf(g, cible));
  if (!coordinateur && !referent) return null;
  return { identite: coordinateur };
}
