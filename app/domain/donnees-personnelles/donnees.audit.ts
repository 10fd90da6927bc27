/** How the journal names each audited action on personal data (export, erasure, retention). */
export const donneesAuditLabels: Record<string, string> = {
  "donnees.exporter": "Téléchargement de ses données personnelles",
  "donnees.effacer": "Effacement de l'identité d'une personne partie du réseau",
  "journal.supprimer-anciens": "Suppression automatique des entrées du journal de plus de cinq ans",
};
