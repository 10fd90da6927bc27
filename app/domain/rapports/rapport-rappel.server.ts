import { promeneurs, rappelsRapport, rapportsMensuels, users } from "@db/schema";
import { and, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import type { Executor } from "~/server/db.server";
import { getLogger } from "~/server/logger.server";
import { type Mail, sendMails } from "~/server/mail.server";
import { refusDeclarant } from "./rapport.commands.server";
import { libelleMois, moisUrl } from "./rapport.format";
import type { RapportStatut } from "./rapport.labels";
import type { MoisIso } from "./rapport.workflow";
import { etatRetard, isActifPendant, type RangRappel, rappelDu } from "./rapport-suivi.rules";

export const RAPPEL_RAPPORT = "rapports.rappel-mensuel";

type Destinataire = { promeneurId: string; prenom: string; email: string };

/** The mail of a reminder: on the 1st « à remettre avant le 10 », on the 8th « plus que 2 jours ». */
export function mailRappelRapport(d: Destinataire, mois: MoisIso, rang: RangRappel, publicUrl: string): Mail {
  const libelle = libelleMois(mois);
  const lien = `${publicUrl}/espace/mes-rapports/${moisUrl(mois)}`;
  const subject =
    rang === 1
      ? `Votre bilan de ${libelle} est à remettre avant le 10`
      : `Bilan de ${libelle} : plus que 2 jours pour le remettre`;
  const text = [
    `Bonjour ${d.prenom},`,
    "",
    rang === 1
      ? `Votre bilan d'activité de ${libelle} est à remettre avant le 10 : il ne prend que quelques minutes.`
      : `Plus que 2 jours : votre bilan d'activité de ${libelle} est attendu au plus tard le 10.`,
    "",
    `Le remplir ou le terminer : ${lien}`,
    "",
    "Vous recevez ce message parce que votre bilan n'est pas encore soumis ; il n'est plus envoyé une fois le bilan remis.",
  ];
  return { to: d.email, subject, text: text.join("\n") };
}

/**
 * The reminder job (the 1st and the 8th of each month, 08:00 Europe/Paris): for the previous month,
 * every promeneur with an account (not disabled) who had to report that month and has not handed
 * the report in (none, draft or sent back) gets one e-mail. Exactly once per report and reminder,
 * whatever the number of app instances: each reminder is first claimed by inserting its row in
 * `rappels_rapport` (ON CONFLICT DO NOTHING RETURNING), and only the rows this call inserted are
 * mailed. Returns the number of mails sent.
 */
export async function envoyerRappelsRapport(db: Executor, now: Date, publicUrl: string): Promise<number> {
  const rappel = rappelDu(now);
  if (!rappel) return 0;
  const { mois, rang } = rappel;
  const candidats = await db
    .select({
      promeneurId: promeneurs.id,
      prenom: promeneurs.prenom,
      email: users.email,
      entreeLe: promeneurs.entreeLe,
      sortieLe: promeneurs.sortieLe,
      statutPromeneur: promeneurs.statut,
      statut: rapportsMensuels.statut,
    })
    .from(promeneurs)
    .innerJoin(users, eq(users.id, promeneurs.userId))
    .leftJoin(rapportsMensuels, and(eq(rapportsMensuels.promeneurId, promeneurs.id), eq(rapportsMensuels.mois, mois)))
    .where(and(isNotNull(promeneurs.entreeLe), isNull(users.disabledAt)));
  const dus = candidats.filter(
    (c) =>
      isActifPendant(c, mois) &&
      // Someone who left cannot file any more (refusDeclarant): no reminder they could not act on.
      refusDeclarant(c.statutPromeneur) === null &&
      etatRetard((c.statut as RapportStatut | null) ?? null) !== null,
  );
  if (dus.length === 0) return 0;
  const reclames = await db
    .insert(rappelsRapport)
    .values(dus.map((d) => ({ promeneurId: d.promeneurId, mois, rang, envoyeLe: now })))
    .onConflictDoNothing()
    .returning({ promeneurId: rappelsRapport.promeneurId });
  const miens = new Set(reclames.map((r) => r.promeneurId));
  const mails = dus.filter((d) => miens.has(d.promeneurId)).map((d) => mailRappelRapport(d, mois, rang, publicUrl));
  // A failed address is logged, not retried: its row says the reminder was handled.
  const envoyes = await sendMails(mails, { job: RAPPEL_RAPPORT, mois, rang });
  getLogger().info({ envoyes, mois, rang }, "monthly report reminders sent");
  return envoyes;
}

/** For the tests and the back office: the reminders recorded for a promeneur. */
export async function findRappelsRapport(db: Executor, promeneurIds: string[]) {
  if (promeneurIds.length === 0) return [];
  return db.select().from(rappelsRapport).where(inArray(rappelsRapport.promeneurId, promeneurIds));
}
