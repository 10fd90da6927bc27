import { type Actor, departementsWith, hasRole, structuresReferred } from "./actor";
import type { RoleCode } from "./roles";

/**
 * Every permission the application checks. A rule answers for one département (and structure) at
 * a time; reads are also scoped in the queries with `scopeFor`.
 */
export type Action =
  | "espace.acceder"
  | "coordination.acceder"
  | "promeneur.acceder"
  | "evaluations.acceder"
  | "equipe.lire"
  | "equipe.inviter"
  | "structure.lire"
  | "journal.lire"
  | "territoire.lire"
  | "territoire.importer"
  | "outbox.lire"
  | "pilotage.lire"
  | "national.lire"
  | "structure.creer"
  | "structure.modifier"
  | "promeneur.lire"
  | "profil.verifier"
  | "conformite.lire"
  | "conformite.configurer"
  | "annuaire.lire"
  | "annonce.lire"
  | "annonce.publier"
  | "reseau.importer"
  | "reseau.exporter"
  | "messages.lire"
  | "audience.lire"
  | "contenu.gerer"
  | "ressource.reseau.lire"
  | "numeros.gerer"
  | "rapport.saisir"
  | "rapport.lire"
  | "rapport.lire.detail"
  | "rapport.valider"
  | "rapport.exporter"
  | "situation.saisir"
  | "situation.lire"
  | "projet.saisir"
  | "projet.lire"
  | "communication.lire"
  | "communication.gerer"
  | "regroupement.lire"
  | "regroupement.gerer"
  | "regroupement.repondre"
  | "presence.noter"
  | "participation.lire"
  | "participation.lire.detail"
  | "comite.lire"
  | "comite.gerer"
  | "calendrier.gerer"
  | "rapport-annuel.lire"
  | "rapport-annuel.preparer"
  | "indicateurs.lire"
  | "budget.lire"
  | "budget.gerer"
  | "appels.gerer"
  | "donnees.effacer"
  | "registre.lire";

export type Target = { departement?: string | null; structureId?: string | null };

/** Roles that may act in a département for each action (national acts everywhere when listed). */
const rules: Record<Action, readonly RoleCode[]> = {
  "espace.acceder": ["national", "coordinateur", "copil", "referent", "promeneur", "evaluateur"],
  "coordination.acceder": ["coordinateur"],
  "promeneur.acceder": ["promeneur"],
  "evaluations.acceder": ["evaluateur"],
  // The coordination call is the CAF's (a steering member); the recruitment of promeneurs, the coordinator's.
  "appels.gerer": ["coordinateur", "copil"],
  "equipe.lire": ["national", "coordinateur"],
  "equipe.inviter": ["national", "coordinateur"],
  "structure.lire": ["national", "coordinateur", "copil", "referent"],
  "journal.lire": ["national", "coordinateur"],
  "territoire.lire": ["national", "coordinateur", "copil"],
  "territoire.importer": ["national", "coordinateur"],
  "outbox.lire": ["coordinateur"],
  "pilotage.lire": ["national", "coordinateur", "copil"],
  "national.lire": ["national"],
  "structure.creer": ["coordinateur"],
  /** A referent edits their own structure (and signs its employer charter); the coordinator any of theirs. */
  "structure.modifier": ["coordinateur", "referent"],
  /** Internal promeneur records (lifecycle, dates, reasons); referents only their structure's. */
  "promeneur.lire": ["national", "coordinateur", "referent"],
  "profil.verifier": ["coordinateur"],
  "conformite.lire": ["national", "coordinateur"],
  "conformite.configurer": ["coordinateur"],
  /** The network's internal directory of professionals (professional contacts only). */
  "annuaire.lire": ["coordinateur", "referent", "promeneur"],
  "annonce.lire": ["coordinateur", "referent", "promeneur"],
  "annonce.publier": ["coordinateur"],
  "reseau.importer": ["coordinateur"],
  "reseau.exporter": ["national", "coordinateur"],
  /** The public contact form's inbox. */
  "messages.lire": ["coordinateur"],
  /** Page views of the public site (indicator 8). */
  "audience.lire": ["national", "coordinateur", "copil"],
  /** The public site's news, pages, images and resources. */
  "contenu.gerer": ["coordinateur"],
  /** Resources kept for the network (not public). */
  "ressource.reseau.lire": ["coordinateur", "referent", "promeneur"],
  /** The referral directory: national lines by the national role, a département's services by its coordination. */
  "numeros.gerer": ["national", "coordinateur"],
  /** A promeneur files their own monthly reports (the command checks the report is theirs). */
  "rapport.saisir": ["promeneur"],
  /** The counts of monthly reports: the coordination, and referents for their structure's promeneurs. */
  "rapport.lire": ["coordinateur", "referent"],
  /** A report's highlight and the coordination's comments: the coordination (and the report's promeneur). */
  "rapport.lire.detail": ["coordinateur"],
  /** Send back, validate, reopen; the list of late reports and the reminders' settings. */
  "rapport.valider": ["coordinateur"],
  "rapport.exporter": ["coordinateur"],
  /** Situations of concern: their promeneur files them, the coordination alone reads them all. */
  "situation.saisir": ["promeneur"],
  "situation.lire": ["coordinateur"],
  /** Young people's projects: their promeneur records them; the coordination and referents read them. */
  "projet.saisir": ["promeneur"],
  "projet.lire": ["coordinateur", "referent"],
  /** Communication actions (list J, indicator 8). */
  "communication.lire": ["national", "coordinateur", "copil"],
  "communication.gerer": ["coordinateur"],
  /**
   * Gatherings: the coordination reads them all; a promeneur, referent or steering member reads
   * those they are invited to (the queries narrow to their invitations).
   */
  "regroupement.lire": ["coordinateur", "copil", "referent", "promeneur"],
  /** Create, edit, cancel, invite, upload documents and minutes. */
  "regroupement.gerer": ["coordinateur"],
  /** Answer one's own invitation (the command checks it is theirs). */
  "regroupement.repondre": ["coordinateur", "copil", "referent", "promeneur"],
  "presence.noter": ["coordinateur"],
  /** Indicator 6 by gathering type and training hours; per promeneur (and the flags) for the coordination. */
  "participation.lire": ["national", "coordinateur", "copil"],
  "participation.lire.detail": ["coordinateur"],
  /** Committees, their documents and decisions: the coordination, and steering members of the committee. */
  "comite.lire": ["coordinateur", "copil"],
  "comite.gerer": ["coordinateur"],
  /** One's own private calendar feed address. */
  "calendrier.gerer": ["national", "coordinateur", "copil", "referent", "promeneur", "evaluateur"],
  /** The annual activity report: generate and download it (the steering committee and national: aggregate version). */
  "rapport-annuel.lire": ["national", "coordinateur", "copil"],
  /** Its foreword and highlights, and the coordination version with them. */
  "rapport-annuel.preparer": ["coordinateur"],
  /** The nine indicators' dashboard (exact for the coordinator on their own département, aggregate otherwise). */
  "indicateurs.lire": ["national", "coordinateur", "copil"],
  /** The convention's budgets, payments and financial reports: the steering committee and national read them. */
  "budget.lire": ["national", "coordinateur", "copil"],
  /** Enter, submit and reopen a budget; record payments, the reports' receipt and the prorating. */
  "budget.gerer": ["coordinateur"],
  /** Erase the identity of a person who left (RGPD art. 17), in the coordinator's département. */
  "donnees.effacer": ["coordinateur"],
  /** The register of processing activities (RGPD art. 30): kept by the coordination, read by the steering committee. */
  "registre.lire": ["coordinateur", "copil"],
};

export function can(actor: Actor | null | undefined, action: Action, target: Target = {}): boolean {
  if (!actor) return false;
  const roles = rules[action];
  if (roles.includes("national") && hasRole(actor, "national")) return true;
  return actor.roles.some((grant) => {
    if (!roles.includes(grant.role) || grant.role === "national") return false;
    if (target.departement !== undefined && target.departement !== null && grant.departement !== target.departement)
      return false;
    if (grant.role === "referent" && target.structureId !== undefined) {
      return grant.structureId === target.structureId;
    }
    return true;
  });
}

/**
 * What an actor may read for an action: every département (national), or a list of départements
 * plus, for referents, a list of structures. Queries turn this into their WHERE clause.
 */
export type Scope = { all: true } | { all: false; departements: string[]; structureIds: string[] };

export function scopeFor(actor: Actor, action: Action): Scope {
  const roles = rules[action];
  if (roles.includes("national") && hasRole(actor, "national")) return { all: true };
  const departements = departementsWith(
    actor,
    roles.filter((r) => r !== "referent" && r !== "national"),
  );
  const structureIds = roles.includes("referent") ? structuresReferred(actor) : [];
  return { all: false, departements, structureIds };
}

/**
 * Départements where the actor holds a role the action lists, referents included (a referent acts
 * in their structure's département; queries still narrow to their structures where it matters).
 * National is not in it: it acts everywhere (see `scopeFor`).
 */
export function departementsFor(actor: Actor, action: Action): string[] {
  return departementsWith(
    actor,
    rules[action].filter((r) => r !== "national"),
  );
}

/** Roles a person may invite others to, in a département. */
export function invitableRoles(actor: Actor, departement: string): RoleCode[] {
  if (hasRole(actor, "national")) return ["coordinateur", "copil", "referent", "promeneur", "evaluateur"];
  if (hasRole(actor, "coordinateur", departement))
    return ["coordinateur", "copil", "referent", "promeneur", "evaluateur"];
  return [];
}
