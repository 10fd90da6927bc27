/** How the journal names each audited action on contact messages. */
export const contactAuditLabels: Record<string, string> = {
  "contact.recevoir": "Message reçu par le formulaire de contact",
  "contact.archiver": "Archivage d'un message de contact",
  "contact.desarchiver": "Retour d'un message de contact dans la boîte de réception",
  "contact.supprimer-anciens": "Suppression automatique des messages de contact reçus il y a plus de douze mois",
};
