import type { Actor } from "~/domain/comptes/actor";
import { formatDate, formatNumber, TIME_ZONE } from "~/lib/format";
import { type Coordonnee, coordonneeDansTexte } from "./fiche.rules";
import {
  type PromeneurAuditAction,
  type PromeneurStatut,
  type PromeneurTransition,
  promeneurAuditAction,
  promeneurStatutLabels,
  STATUTS_FINAUX,
} from "./promeneur.labels";
import { canTransition } from "./promeneur.policy";

/** Re-exported for the modules that read the final statuses with the rules. */
export { STATUTS_FINAUX };

/**
 * The promeneur lifecycle as a pure state machine (DESIGN §3, STYLE §3): given the current state,
 * a transition, its input, the actor and `now`, say what to write, what to audit and whom to tell,
 * or refuse with a French message. No database, no clock, no e-mail.
 *
 *   (rien) ─proposer→ proposé ─accepter→ accepté ─charte + formation→ formé ─activer→ actif ⇄ suspendu
 *                        └─refuser→ refusé        accepté, formé, actif, suspendu ─enregistrer_sortie→ sorti
 *
 * Decisions:
 * - `formé` is reached automatically when the second of {promeneur charter, initial training} is
 *   recorded while `accepté`; there is no separate "former" transition. The charter may still be
 *   recorded while `formé` (a corrected or renewed signature date); the training only while `accepté`.
 * - `activer` (from `formé`) and `reactiver` (from `suspendu`) both require the promeneur charter,
 *   the initial training, the structure's employer charter and at least one conforming profile.
 *   The first activation sets `entreeLe`; a reactivation keeps it.
 * - Someone may leave from `accepté` or `formé` (before starting) as well as from `actif` or
 *   `suspendu`. `sorti` and `refusé` are final.
 * - Dates given by the user (charter, training, entry, exit; default `now`) are compared as calendar
 *   days in Europe/Paris: not after today, not before the proposal (nor, for an entry, before the
 *   charter and the training; for an exit, before the entry).
 * - The actor's rights are checked first (promeneur.policy.ts): a refusal then has `interdit: true`,
 *   which the command maps to 403 (or 404 when the promeneur is out of the actor's read scope).
 */

export type PromeneurEtat = {
  statut: PromeneurStatut;
  departement: string;
  structureId: string;
  /** The user who made the proposal (a referent of the structure). */
  proposePar: string;
  /** When the proposal was recorded; no other date of the lifecycle may precede it. */
  proposeLe: Date;
  /** The promeneur's own charter. */
  charteSigneeLe: Date | null;
  /** The structure's employer charter, read from the structure (signed by its referent). */
  charteEmployeurSigneeLe: Date | null;
  formationInitialeLe: Date | null;
  /** How many of the promeneur's social profiles are currently `conforme`. */
  profilsConformes: number;
  /** First activation. */
  entreeLe: Date | null;
  sortieLe: Date | null;
};

/** What each transition takes from the form. Dates default to `now`. */
export type TransitionInputs = {
  proposer: { departement: string; structureId: string; heuresHebdomadaires: number };
  accepter: Record<string, never>;
  refuser: { motif: string };
  enregistrer_charte: { date?: Date | null };
  enregistrer_formation: { date?: Date | null };
  activer: { date?: Date | null };
  suspendre: { motif: string };
  reactiver: Record<string, never>;
  enregistrer_sortie: { date?: Date | null; motif?: string | null };
};

/** Columns to write. For `proposer`, the whole new row (except what belongs to the structure and profiles). */
export type PromeneurPatch = Partial<Omit<PromeneurEtat, "charteEmployeurSigneeLe" | "profilsConformes">> & {
  /** Weekly hours the employer dedicates to the mission. */
  heuresHebdomadaires?: number;
  /** When the status last changed (the moment it was recorded, i.e. `now`). */
  statutDepuis?: Date;
  /** Reason of the refusal, suspension or exit; cleared on reactivation. */
  motifStatut?: string | null;
};

export type NotificationDestinataire = "promeneur" | "referents" | "coordination";

export type PromeneurNotification = {
  to: NotificationDestinataire;
  sujet: string;
  /** The e-mail carries an invitation to create the promeneur's account (on acceptance). */
  invitation?: true;
};

export type TransitionPlan = {
  ok: true;
  /** The status after the transition. */
  statut: PromeneurStatut;
  patch: PromeneurPatch;
  audit: { action: PromeneurAuditAction; changes: Record<string, { avant: unknown; apres: unknown }> };
  notifications: PromeneurNotification[];
};

export type TransitionRefusee = {
  ok: false;
  /** The form field at fault, when there is one. */
  field?: "motif" | "date" | "heuresHebdomadaires";
  message: string;
  /** The actor may not perform this transition on this promeneur. */
  interdit?: true;
};

export type TransitionResult = TransitionPlan | TransitionRefusee;

export const MOTIF_MAX = 500;

/** The motif is e-mailed and kept in the journal: it names no one's contact details or profiles. */
const motifCoordonneeMessages = {
  email: "Retirez l'adresse e-mail du motif : il est envoyé par e-mail et gardé au journal.",
  telephone: "Retirez le numéro de téléphone du motif : il est envoyé par e-mail et gardé au journal.",
  pseudo: "Retirez le pseudonyme (@…) du motif : il est envoyé par e-mail et gardé au journal.",
  lien: "Retirez le lien du motif : il est envoyé par e-mail et gardé au journal.",
} satisfies Record<Coordonnee, string>;
export const HEURES_MIN = 0.5;
export const HEURES_MAX = 35;

/** From which statuses each transition is possible (`proposer` starts from no promeneur at all). */
const DEPUIS: Record<Exclude<PromeneurTransition, "proposer">, readonly PromeneurStatut[]> = {
  accepter: ["propose"],
  refuser: ["propose"],
  enregistrer_charte: ["accepte", "forme"],
  enregistrer_formation: ["accepte"],
  activer: ["forme"],
  suspendre: ["actif"],
  reactiver: ["suspendu"],
  enregistrer_sortie: ["accepte", "forme", "actif", "suspendu"],
};

/** Transitions the state allows (the policy decides who); null: no promeneur yet. */
export function transitionsDepuis(statut: PromeneurStatut | null): PromeneurTransition[] {
  if (statut === null) return ["proposer"];
  return (Object.keys(DEPUIS) as Exclude<PromeneurTransition, "proposer">[]).filter((t) => DEPUIS[t].includes(statut));
}

const IMPOSSIBLE: Record<PromeneurTransition, string> = {
  proposer: "Impossible de proposer",
  accepter: "Impossible d'accepter",
  refuser: "Impossible de refuser",
  enregistrer_charte: "Impossible d'enregistrer la signature de la charte",
  enregistrer_formation: "Impossible d'enregistrer la formation initiale",
  activer: "Impossible d'activer",
  suspendre: "Impossible de suspendre",
  reactiver: "Impossible de réactiver",
  enregistrer_sortie: "Impossible d'enregistrer la sortie",
};

/** What is missing before a promeneur can be (re)activated; empty when nothing is. */
export function activationManques(
  etat: Pick<PromeneurEtat, "charteSigneeLe" | "formationInitialeLe" | "charteEmployeurSigneeLe" | "profilsConformes">,
): string[] {
  const manques: string[] = [];
  if (!etat.charteSigneeLe) manques.push("la charte du promeneur n'est pas signée");
  if (!etat.formationInitialeLe) manques.push("la formation initiale n'est pas enregistrée");
  if (!etat.charteEmployeurSigneeLe) manques.push("la charte employeur de la structure n'est pas signée");
  if (etat.profilsConformes < 1) manques.push("aucun de ses profils n'est conforme");
  return manques;
}

function refus(message: string, field?: TransitionRefusee["field"]): TransitionRefusee {
  return field ? { ok: false, field, message } : { ok: false, message };
}

function ouListe(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ou ${items.at(-1)}`;
}

const jourFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** "2025-03-20": the calendar day in Europe/Paris, comparable as a string. */
function jour(date: Date): string {
  const parts = Object.fromEntries(jourFormat.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

type Borne = { date: Date | null; quoi: string };

function checkDate(date: Date | null | undefined, now: Date, bornes: Borne[]): Date | TransitionRefusee {
  const value = date ?? now;
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) return refus("La date n'est pas valide.", "date");
  if (jour(value) > jour(now)) return refus("La date ne peut pas être dans le futur.", "date");
  for (const borne of bornes) {
    if (borne.date && jour(value) < jour(borne.date)) {
      return refus(`La date ne peut pas précéder ${borne.quoi} (${formatDate(borne.date)}).`, "date");
    }
  }
  return value;
}

function checkMotif(raw: unknown, requis: string | null): string | null | TransitionRefusee {
  const motif = typeof raw === "string" ? raw.trim() : "";
  if (motif === "") return requis ? refus(requis, "motif") : null;
  const length = Array.from(motif).length;
  if (length > MOTIF_MAX) {
    return refus(`Le motif ne doit pas dépasser ${MOTIF_MAX} caractères (il en compte ${length}).`, "motif");
  }
  const coordonnee = coordonneeDansTexte(motif, { profils: true });
  if (coordonnee) return refus(motifCoordonneeMessages[coordonnee], "motif");
  return motif;
}

const isRefus = (value: unknown): value is TransitionRefusee =>
  typeof value === "object" && value !== null && "ok" in value && value.ok === false;

function serialise(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : (value ?? null);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return (a ?? null) === (b ?? null);
}

/** The audit diff: every written column whose value changes, before and after. */
function diff(etat: PromeneurEtat | null, patch: PromeneurPatch): TransitionPlan["audit"]["changes"] {
  const changes: TransitionPlan["audit"]["changes"] = {};
  const before = (etat ?? {}) as Record<string, unknown>;
  for (const [key, apres] of Object.entries(patch)) {
    if (key === "statutDepuis") continue;
    const avant = before[key] ?? null;
    if (!sameValue(avant, apres)) changes[key] = { avant: serialise(avant), apres: serialise(apres) };
  }
  return changes;
}

function plan(
  etat: PromeneurEtat | null,
  transition: PromeneurTransition,
  patch: PromeneurPatch,
  notifications: PromeneurNotification[],
): TransitionPlan {
  const statut = patch.statut ?? (etat?.statut as PromeneurStatut);
  return {
    ok: true,
    statut,
    patch,
    audit: { action: promeneurAuditAction(transition), changes: diff(etat, patch) },
    notifications,
  };
}

/** Decides a transition. `now` is the moment of the request; nothing here reads the clock. */
export function planTransition<T extends PromeneurTransition>(
  etat: PromeneurEtat | null,
  transition: T,
  input: TransitionInputs[T],
  actor: Actor | null | undefined,
  now: Date,
): TransitionResult {
  const impossible = IMPOSSIBLE[transition];

  if (transition === "proposer") {
    const i = input as TransitionInputs["proposer"];
    if (!canTransition(actor, "proposer", { departement: i.departement, structureId: i.structureId })) {
      return {
        ok: false,
        interdit: true,
        message: `${impossible} : seul un référent de cette structure peut la proposer.`,
      };
    }
    if (etat) return refus(`${impossible} : ce promeneur a déjà été proposé.`);
    return proposer(i, actor as Actor, now);
  }

  if (!etat) return refus(`${impossible} : ce promeneur n'a pas encore été proposé.`);

  if (!canTransition(actor, transition, etat)) {
    const propre = transition === "accepter" && actor?.userId === etat.proposePar;
    return {
      ok: false,
      interdit: true,
      message: propre
        ? `${impossible} : vous avez vous-même proposé ce promeneur ; une autre personne de la coordination doit décider.`
        : `${impossible} : vous n'avez pas les droits nécessaires pour ce promeneur.`,
    };
  }

  const depuis = DEPUIS[transition as Exclude<PromeneurTransition, "proposer">];
  if (!depuis.includes(etat.statut)) {
    const label = promeneurStatutLabels[etat.statut];
    if (STATUTS_FINAUX.includes(etat.statut)) {
      return refus(`${impossible} : le promeneur est ${label}, c'est un état définitif.`);
    }
    const attendus = ouListe(depuis.map((s) => promeneurStatutLabels[s]));
    return refus(`${impossible} : le promeneur est ${label} ; il doit être ${attendus}.`);
  }

  switch (transition) {
    case "accepter":
      return plan(etat, transition, { statut: "accepte", statutDepuis: now, motifStatut: null }, [
        { to: "promeneur", sujet: "Bienvenue chez les Promeneurs du Net : créez votre compte", invitation: true },
        { to: "referents", sujet: "Proposition de promeneur acceptée" },
      ]);

    case "refuser": {
      const motif = checkMotif((input as TransitionInputs["refuser"]).motif, "Indiquez le motif du refus.");
      if (isRefus(motif)) return motif;
      return plan(etat, transition, { statut: "refuse", statutDepuis: now, motifStatut: motif }, [
        { to: "referents", sujet: "Proposition de promeneur refusée" },
      ]);
    }

    case "enregistrer_charte":
    case "enregistrer_formation": {
      const date = checkDate((input as TransitionInputs["enregistrer_charte"]).date, now, [
        { date: etat.proposeLe, quoi: "la proposition" },
      ]);
      if (isRefus(date)) return date;
      const isCharte = transition === "enregistrer_charte";
      const patch: PromeneurPatch = isCharte ? { charteSigneeLe: date } : { formationInitialeLe: date };
      const notifications: PromeneurNotification[] = [
        {
          to: "promeneur",
          sujet: isCharte ? "Votre signature de la charte est enregistrée" : "Votre formation initiale est enregistrée",
        },
      ];
      const charte = isCharte ? date : etat.charteSigneeLe;
      const formation = isCharte ? etat.formationInitialeLe : date;
      if (etat.statut === "accepte" && charte && formation) {
        patch.statut = "forme";
        patch.statutDepuis = now;
        notifications.push({ to: "referents", sujet: "Promeneur formé : il peut être activé" });
      }
      return plan(etat, transition, patch, notifications);
    }

    case "activer":
    case "reactiver": {
      const manques = activationManques(etat);
      if (manques.length > 0) return refus(`${impossible} : ${manques.join(" ; ")}.`);
      const patch: PromeneurPatch = { statut: "actif", statutDepuis: now, motifStatut: null };
      if (transition === "activer" && !etat.entreeLe) {
        const date = checkDate((input as TransitionInputs["activer"]).date, now, [
          { date: etat.proposeLe, quoi: "la proposition" },
          { date: etat.charteSigneeLe, quoi: "la signature de la charte" },
          { date: etat.formationInitialeLe, quoi: "la formation initiale" },
        ]);
        if (isRefus(date)) return date;
        patch.entreeLe = date;
      }
      const activer = transition === "activer";
      return plan(etat, transition, patch, [
        {
          to: "promeneur",
          sujet: activer
            ? "Vous êtes Promeneur du Net : votre présence est active"
            : "Votre présence de Promeneur du Net reprend",
        },
        { to: "referents", sujet: activer ? "Promeneur activé" : "Promeneur réactivé" },
      ]);
    }

    case "suspendre": {
      const motif = checkMotif((input as TransitionInputs["suspendre"]).motif, "Indiquez le motif de la suspension.");
      if (isRefus(motif)) return motif;
      return plan(etat, transition, { statut: "suspendu", statutDepuis: now, motifStatut: motif }, [
        { to: "promeneur", sujet: "Votre présence de Promeneur du Net est suspendue" },
        { to: "referents", sujet: "Promeneur suspendu" },
      ]);
    }

    case "enregistrer_sortie": {
      const i = input as TransitionInputs["enregistrer_sortie"];
      const date = checkDate(i.date, now, [
        { date: etat.proposeLe, quoi: "la proposition" },
        { date: etat.entreeLe, quoi: "l'entrée dans le dispositif" },
      ]);
      if (isRefus(date)) return date;
      const motif = checkMotif(i.motif, null);
      if (isRefus(motif)) return motif;
      return plan(etat, transition, { statut: "sorti", statutDepuis: now, sortieLe: date, motifStatut: motif }, [
        { to: "promeneur", sujet: "Fin de votre mission de Promeneur du Net" },
        { to: "referents", sujet: "Sortie d'un promeneur enregistrée" },
        { to: "coordination", sujet: "Sortie d'un promeneur enregistrée" },
      ]);
    }
  }
  // Unreachable: every transition but `proposer` is handled above.
  return refus(`${impossible}.`);
}

function proposer(input: TransitionInputs["proposer"], actor: Actor, now: Date): TransitionResult {
  const heures = input.heuresHebdomadaires;
  if (typeof heures !== "number" || !Number.isFinite(heures) || heures < HEURES_MIN || heures > HEURES_MAX) {
    return refus(
      `Indiquez les heures que la structure consacre chaque semaine à la mission, entre ${formatNumber(HEURES_MIN)} et ${HEURES_MAX}.`,
      "heuresHebdomadaires",
    );
  }
  return plan(
    null,
    "proposer",
    {
      statut: "propose",
      statutDepuis: now,
      motifStatut: null,
      departement: input.departement,
      structureId: input.structureId,
      proposePar: actor.userId,
      proposeLe: now,
      heuresHebdomadaires: heures,
      charteSigneeLe: null,
      formationInitialeLe: null,
      entreeLe: null,
      sortieLe: null,
    },
    [{ to: "coordination", sujet: "Nouvelle proposition de promeneur à examiner" }],
  );
}
