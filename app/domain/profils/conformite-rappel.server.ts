import { findActiveUsersWithRoles, type Personne } from "~/domain/comptes/user.queries.server";
import { formatDate } from "~/lib/format";
import type { Executor } from "~/server/db.server";
import { getLogger } from "~/server/logger.server";
import { type Mail, sendMails } from "~/server/mail.server";
import { findProfilsASuivre, type ProfilASuivre } from "./conformite.queries.server";
import { HORIZON_RAPPEL_JOURS } from "./conformite.rules";
import { type Reseau, reseauLabels } from "./profil.labels";

export const RAPPEL_HEBDOMADAIRE = "conformite.rappel-hebdomadaire";

/** Active coordinators' accounts, by département. */
async function findCoordinateurs(db: Executor) {
  const parDepartement = new Map<string, Personne[]>();
  for (const personne of await findActiveUsersWithRoles(db, { roles: ["coordinateur"] })) {
    parDepartement.set(personne.departement, [...(parDepartement.get(personne.departement) ?? []), personne]);
  }
  return parDepartement;
}

function ligne(p: ProfilASuivre, publicUrl: string): string[] {
  const reseau = reseauLabels[p.reseau as Reseau] ?? p.reseau;
  const derniere = p.derniereVerificationLe ? `vérifié le ${formatDate(p.derniereVerificationLe)}` : "jamais vérifié";
  const echeance = p.echeance ? `, échéance le ${formatDate(p.echeance)}` : "";
  return [
    `- ${p.promeneur} · ${reseau} · ${p.handle} (${derniere}${echeance})`,
    `  Vérifier : ${publicUrl}/espace/profils/${p.profilId}/verifier`,
  ];
}

/** The weekly e-mail of one coordinator, or `null` when there is nothing to list. */
function mailRappel(
  coordinateur: { email: string; nom: string },
  departement: string,
  profils: readonly ProfilASuivre[],
  publicUrl: string,
): Mail | null {
  if (profils.length === 0) return null;
  const enRetard = profils.filter((p) => p.categorie !== "echeance_proche");
  const bientot = profils.filter((p) => p.categorie === "echeance_proche");
  const text = [
    `Bonjour ${coordinateur.nom},`,
    "",
    `Voici les profils des promeneurs du département ${departement} à vérifier.`,
  ];
  if (enRetard.length) {
    text.push("", `En retard (à vérifier ou non conformes) : ${enRetard.length}`);
    for (const p of enRetard) text.push(...ligne(p, publicUrl));
  }
  if (bientot.length) {
    text.push("", `À vérifier dans les ${HORIZON_RAPPEL_JOURS} prochains jours : ${bientot.length}`);
    for (const p of bientot) text.push(...ligne(p, publicUrl));
  }
  text.push(
    "",
    `La liste complète : ${publicUrl}/espace/conformite?departement=${departement}`,
    "",
    "Ce message est envoyé chaque lundi matin tant que des profils sont à vérifier.",
  );
  return {
    to: coordinateur.email,
    subject: `${profils.length} profil${profils.length > 1 ? "s" : ""} à vérifier – département ${departement}`,
    text: text.join("\n"),
  };
}

/**
 * The weekly job: each coordinator of each département receives the profiles overdue (`à vérifier`,
 * `non conforme`) and those falling due within `HORIZON_RAPPEL_JOURS` days, with a link to verify
 * each one. Returns the number of e-mails sent.
 */
export async function envoyerRappelsConformite(db: Executor, now: Date, publicUrl: string): Promise<number> {
  const mails: Mail[] = [];
  for (const [departement, coordinateurs] of await findCoordinateurs(db)) {
    const { profils } = await findProfilsASuivre(db, departement, now, HORIZON_RAPPEL_JOURS);
    for (const coordinateur of coordinateurs) {
      const mail = mailRappel(coordinateur, departement, profils, publicUrl);
      if (mail) mails.push(mail);
    }
  }
  // A failed address is logged, not retried: the job is not run again for the others.
  const envoyes = await sendMails(mails, { job: RAPPEL_HEBDOMADAIRE });
  getLogger().info({ envoyes }, "weekly conformity reminders sent");
  return envoyes;
}
