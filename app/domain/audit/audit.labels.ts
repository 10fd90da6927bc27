import { annonceAuditLabels } from "~/domain/annonces/annonce.audit";
import { appelAuditLabels } from "~/domain/appels/appel.audit";
import { candidatureAuditLabels } from "~/domain/appels/candidature.audit";
import { evaluationAuditLabels } from "~/domain/appels/evaluation.audit";
import { budgetAuditLabels } from "~/domain/budget/budget.audit";
import { communicationAuditLabels } from "~/domain/communication/communication.audit";
import { contactAuditLabels } from "~/domain/contact/contact.audit";
import { contenuAuditLabels } from "~/domain/contenu/contenu.audit";
import { donneesAuditLabels } from "~/domain/donnees-personnelles/donnees.audit";
import { importAuditLabels } from "~/domain/import/import.audit";
import { numeroAuditLabels } from "~/domain/orientation/numero.audit";
import { presenceAuditLabels } from "~/domain/presences/presence.audit";
import { profilAuditLabels } from "~/domain/profils/profil.audit";
import { projetAuditLabels } from "~/domain/projets/projet.audit";
import { promeneurAuditLabels } from "~/domain/promeneurs/promeneur.audit";
import { rapportAnnuelAuditLabels } from "~/domain/rapport-annuel/rapport-annuel.audit";
import { rapportAuditLabels } from "~/domain/rapports/rapport.audit";
import { calendrierAuditLabels } from "~/domain/regroupements/calendrier.audit";
import { comiteAuditLabels } from "~/domain/regroupements/comite.audit";
import { presenceRegroupementAuditLabels } from "~/domain/regroupements/presence.audit";
import { regroupementAuditLabels } from "~/domain/regroupements/regroupement.audit";
import { ressourceAuditLabels } from "~/domain/ressources/ressource.audit";
import { situationAuditLabels } from "~/domain/situations/situation.audit";
import { structureAuditLabels } from "~/domain/structures/structure.audit";

/** Accounts, invitations and the platform's own operations. */
const compteAuditLabels: Record<string, string> = {
  "compte.connexion": "Connexion",
  "compte.creer": "Création d'un compte (commande)",
  "compte.role.ajouter": "Ajout d'un rôle (commande)",
  "compte.mot_de_passe.changer": "Changement de mot de passe",
  "compte.mot_de_passe.reinitialiser": "Réinitialisation du mot de passe",
  "compte.reinitialisation.demander": "Demande de réinitialisation du mot de passe",
  "compte.totp.activer": "Activation de la double authentification",
  "compte.totp.desactiver": "Désactivation de la double authentification",
  "demo.charger": "Chargement de la démonstration",
  "invitation.creer": "Invitation envoyée",
  "invitation.accepter": "Invitation acceptée",
  "invitation.annuler": "Invitation annulée",
  "territoire.importer": "Import du territoire (FRR, QPV, contours)",
};

/** Each area's labels, once: an action is named by one area only (checked by audit.labels.test.ts). */
export const auditLabelMaps: Record<string, Record<string, string>> = {
  promeneurs: promeneurAuditLabels,
  structures: structureAuditLabels,
  profils: profilAuditLabels,
  presences: presenceAuditLabels,
  annonces: annonceAuditLabels,
  import: importAuditLabels,
  contact: contactAuditLabels,
  contenu: contenuAuditLabels,
  numeros: numeroAuditLabels,
  ressources: ressourceAuditLabels,
  comptes: compteAuditLabels,
  rapports: rapportAuditLabels,
  situations: situationAuditLabels,
  projets: projetAuditLabels,
  communication: communicationAuditLabels,
  participation: presenceRegroupementAuditLabels,
  regroupements: regroupementAuditLabels,
  comites: comiteAuditLabels,
  calendrier: calendrierAuditLabels,
  "rapport-annuel": rapportAnnuelAuditLabels,
  budget: budgetAuditLabels,
  appels: appelAuditLabels,
  candidatures: candidatureAuditLabels,
  evaluations: evaluationAuditLabels,
  donnees: donneesAuditLabels,
};

/** What each audited action means, as the journal shows it. New actions add their line in their area's map. */
export const auditActionLabels: Record<string, string> = Object.assign({}, ...Object.values(auditLabelMaps));

export function auditActionLabel(action: string): string {
  return auditActionLabels[action] ?? action;
}
