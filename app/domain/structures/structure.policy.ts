import { type Actor, hasRole } from "~/domain/comptes/actor";
import { can } from "~/domain/comptes/policy";
import { canReadPromeneur, canTransition } from "~/domain/promeneurs/promeneur.policy";

/**
 * What a person may do on one structure's pages, beyond reading it (reads are scoped in the
 * queries with `structureScope`). The UI uses the same answers to show or hide buttons.
 */
export type StructureCible = { id: string; departement: string };

/** Edit the record (and sign the employer charter): the coordinator of its département, its referent. */
export function canEditStructure(actor: Actor | null | undefined, structure: StructureCible): boolean {
  return can(actor, "structure.modifier", { departement: structure.departement, structureId: structure.id });
}

/** Only the coordination decides whether a structure is part of the network (its statut). */
export function canChangeStructureStatut(actor: Actor | null | undefined, structure: StructureCible): boolean {
  return !!actor && hasRole(actor, "coordinateur", structure.departement);
}

/** The referent of the structure proposes a professional as a new promeneur. */
export function canProposePromeneur(actor: Actor | null | undefined, structure: StructureCible): boolean {
  return canTransition(actor, "proposer", { departement: structure.departement, structureId: structure.id });
}

/** Names of its promeneurs (internal records): national, the coordinator, the structure's referent. */
export function canSeeStructurePromeneurs(actor: Actor | null | undefined, structure: StructureCible): boolean {
  return canReadPromeneur(actor, { departement: structure.departement, structureId: structure.id });
}

/**
 * The people around the structure (its referents' contacts) and its history (who changed what):
 * those who run the network or the structure, not the steering committee.
 */
export function canSeeStructureTeam(actor: Actor | null | undefined, structure: StructureCible): boolean {
  return can(actor, "journal.lire", { departement: structure.departement }) || canEditStructure(actor, structure);
}
