/**
 * The e-mails of a gathering: the invitation (with its answer links), the change, the cancellation
 * and the reminder of the day before, each with the gathering's `.ics`. Built here, sent by the
 * commands after their transaction commits.
 */
import { communes, regroupements } from "@db/schema";
import { eq, inArray } from "drizzle-orm";
import type { Executor } from "~/server/db.server";
import type { Mail } from "~/server/mail.server";
import { evenementDe, pieceJointeIcs } from "./ics";
import { lieuComplet, regroupementTypeLabels } from "./regroupement.labels";
import { formatPlage } from "./regroupement.rules";

export type RegroupementMail = typeof regroupements.$inferSelect & { communeNom: string | null };

/** Gatherings with their commune's name, as the mails and the `.ics` show them, by id. */
export async function findRegroupementsMail(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, RegroupementMail>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ r: regroupements, communeNom: communes.nom })
    .from(regroupements)
    .leftJoin(communes, eq(communes.code, regroupements.communeCode))
    .where(inArray(regroupements.id, [...ids]));
  return new Map(rows.map((row) => [row.r.id, { ...row.r, communeNom: row.communeNom }]));
}

/** A gathering with its commune's name, as the mails and the `.ics` show it. */
export async function findRegroupementMail(db: Executor, id: string): Promise<RegroupementMail | null> {
  return (await findRegroupementsMail(db, [id])).get(id) ?? null;
}

type Destinataire = { nom: string; email: string };

function lignesDetails(r: RegroupementMail): string[] {
  const lieu = lieuComplet(r.lieu, r.communeNom);
  const lignes = [
    `« ${r.titre} » (${regroupementTypeLabels[r.type as keyof typeof regroupementTypeLabels] ?? r.type})`,
    `Quand : ${formatPlage(r.debut, r.fin)}`,
  ];
  if (lieu) lignes.push(`Où : ${lieu}`);
  if (r.lienVisio) lignes.push(`Visioconférence : ${r.lienVisio}`);
  if (r.description.trim() !== "") lignes.push("", r.description.trim());
  return lignes;
}

const sujet = (r: RegroupementMail, quoi: string) => `[Promeneurs du Net ${r.departement}] ${quoi} : ${r.titre}`;

const piedDePage = (r: RegroupementMail) =>
  `Le fichier joint (invitation.ics) ajoute ce regroupement à votre agenda. Coordination départementale des Promeneurs du Net (${r.departement}).`;

/** The invitation: the details, the answer page (never answered by opening it), the `.ics`. */
export function mailInvitation(
  r: RegroupementMail,
  d: Destinataire,
  jeton: string,
  publicUrl: string,
  now: Date,
): Mail {
  const lien = `${publicUrl}/reponse/${jeton}`;
  return {
    to: d.email,
    subject: sujet(r, "Invitation"),
    text: [
      `Bonjour ${d.nom},`,
      "",
      "Vous êtes invité·e au regroupement suivant :",
      "",
      ...lignesDetails(r),
      "",
      "Merci de nous dire si vous venez :",
      `Je participe : ${lien}?choix=oui`,
      `Je ne participe pas : ${lien}?choix=non`,
      "",
      "Vous pourrez changer votre réponse avec ces mêmes liens jusqu'au début du regroupement.",
      "",
      "—",
      piedDePage(r),
    ].join("\n"),
    attachments: [pieceJointeIcs(evenementDe(r, publicUrl), { maintenant: now })],
  };
}

/** A change of time or place: the new details and the updated `.ics` (same UID, higher SEQUENCE). */
export function mailModification(r: RegroupementMail, d: Destinataire, publicUrl: string, now: Date): Mail {
  return {
    to: d.email,
    subject: sujet(r, "Changement"),
    text: [
      `Bonjour ${d.nom},`,
      "",
      "Le regroupement auquel vous êtes invité·e change d'horaire ou de lieu. Voici ses nouvelles informations :",
      "",
      ...lignesDetails(r),
      "",
      "Votre réponse reste enregistrée ; vous pouvez la changer avec le lien de votre invitation.",
      "",
      "—",
      piedDePage(r),
    ].join("\n"),
    attachments: [pieceJointeIcs(evenementDe(r, publicUrl), { maintenant: now })],
  };
}

/** A cancellation, with its reason and a METHOD:CANCEL `.ics` that removes it from calendars. */
export function mailAnnulation(r: RegroupementMail, d: Destinataire, publicUrl: string, now: Date): Mail {
  return {
    to: d.email,
    subject: sujet(r, "Annulé"),
    text: [
      `Bonjour ${d.nom},`,
      "",
      `Le regroupement « ${r.titre} », prévu le ${formatPlage(r.debut, r.fin)}, est annulé.`,
      "",
      `Motif : ${r.motifAnnulation ?? ""}`,
      "",
      "—",
      "Le fichier joint (invitation.ics) retire ce regroupement de votre agenda.",
      `Coordination départementale des Promeneurs du Net (${r.departement}).`,
    ].join("\n"),
    attachments: [pieceJointeIcs(evenementDe(r, publicUrl), { maintenant: now, methode: "CANCEL" })],
  };
}

/** The reminder of the day before. */
export function mailRappel(r: RegroupementMail, d: Destinataire, publicUrl: string, now: Date): Mail {
  return {
    to: d.email,
    subject: sujet(r, "Rappel, c'est demain"),
    text: [
      `Bonjour ${d.nom},`,
      "",
      "Petit rappel : le regroupement suivant a lieu demain.",
      "",
      ...lignesDetails(r),
      "",
      "Un empêchement ? Dites-le avec le lien de votre invitation, la coordination s'organisera.",
      "",
      "—",
      piedDePage(r),
    ].join("\n"),
    attachments: [pieceJointeIcs(evenementDe(r, publicUrl), { maintenant: now })],
  };
}
