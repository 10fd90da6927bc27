/**
 * The definitions of the nine indicators (DESIGN §5), shown next to each value on the dashboards
 * and reproduced in the annual report: what is counted, from which reports, profiles or
 * promeneurs, over which period, and when a small count is withheld. French, for the reader.
 */
import type { CodeIndicateur } from "./indicateurs.types";

export type DefinitionIndicateur = { numero: number; titre: string; definition: string };

const PETITS_EFFECTIFS =
  "Hors de la vue de la coordination départementale, un nombre de 1 ou 2 est affiché « < 3 » (et, si un seul nombre est masqué dans une répartition dont le total est connu, le plus petit suivant aussi).";

const RAPPORTS =
  "Sont comptés les rapports mensuels soumis ou validés (pas les brouillons ni ceux renvoyés en correction) dont le mois commence dans la période, des promeneurs correspondant aux filtres.";

const ACTIFS =
  "Un promeneur est actif à une date quand il est entré dans le réseau ce jour-là ou avant, n'en est pas sorti avant ce jour et n'est pas suspendu depuis ce jour ou avant.";

export const definitionsIndicateurs: Record<CodeIndicateur, DefinitionIndicateur> = {
  conformite: {
    numero: 1,
    titre: "Conformité des profils",
    definition: `Part des profils professionnels des promeneurs actifs au dernier jour de la période qui sont conformes à cette date. ${ACTIFS} Le statut d'un profil est celui de sa dernière vérification faite au plus tard ce jour-là ; il est « à vérifier » sans vérification ou quand elle date de plus que le délai du département (6 mois par défaut). La comparaison porte sur le dernier jour de la période précédente. Le filtre de réseau ne retient que les profils de ce réseau.`,
  },
  jeunes: {
    numero: 2,
    titre: "Jeunes en contact",
    definition: `Somme des nouveaux jeunes en contact déclarés dans les rapports de la période, et moyenne, sur les mois de la période ayant au moins un rapport, de la file active du mois (somme des files actives déclarées), avec leur répartition par tranche d'âge. ${RAPPORTS} Aucun jeune n'est identifié : seuls des nombres sont déclarés. ${PETITS_EFFECTIFS}`,
  },
  reseaux: {
    numero: 3,
    titre: "Réseaux sociaux investis",
    definition: `Nombre de réseaux sociaux (liste nationale) sur lesquels au moins un promeneur actif au dernier jour de la période a un profil conforme à cette date, et, par réseau, le nombre de profils conformes et d'échanges déclarés dans les rapports de la période. ${RAPPORTS}`,
  },
  demandes: {
    numero: 4,
    titre: "Diversité des demandes",
    definition: `Demandes déclarées dans les rapports de la période, par thème (liste nationale des thèmes), nombre de thèmes présents et indice de Shannon des demandes par thème divisé par le logarithme du nombre de thèmes de la liste (0 : un seul thème, 1 : demandes réparties également). S'y ajoutent les situations préoccupantes enregistrées dans la période, par catégorie. ${RAPPORTS} ${PETITS_EFFECTIFS}`,
  },
  echanges: {
    numero: 5,
    titre: "Échanges avec les jeunes",
    definition: `Nombre d'échanges déclarés dans les rapports de la période : total, par mois, par canal, individuels et collectifs. ${RAPPORTS}`,
  },
  participation: {
    numero: 6,
    titre: "Participation aux regroupements",
    definition:
      "Taux de présence des promeneurs aux regroupements tenus dans la période (non annulés, ayant commencé, dont le début est dans la période) : présents divisés par les présences notées (présent, excusé, absent), par type de regroupement et, dans la vue de la coordination, par promeneur. Heures de formation : durée des regroupements de formation (formation initiale, continue, analyse de pratique…) multipliée par le nombre de promeneurs présents, 7 heures par jour pour une formation de plusieurs jours. Seules les invitations de promeneurs comptent, pas celles des référents ni des membres de comité.",
  },
  publications: {
    numero: 7,
    titre: "Publications",
    definition: `Nombre de publications déclarées dans les rapports de la période, par type et par mois. ${RAPPORTS}`,
  },
  communication: {
    numero: 8,
    titre: "Communication",
    definition:
      "Actions de communication de la coordination datées dans la période, par type, et somme de leur portée quand elle est connue ; actualités publiées sur le site public dans la période ; pages vues du site public dans la période, comptées sans cookie ni adresse IP conservée. Ces chiffres sont ceux du département ; les filtres de structure et de réseau ne s'y appliquent pas.",
  },
  couverture: {
    numero: 9,
    titre: "Couverture territoriale",
    definition: `Communes du territoire demandé (département, EPCI ou commune) dont au moins un promeneur actif au dernier jour de la période a la commune, ou son EPCI, dans son territoire d'intervention, et population de ces communes (population municipale). ${ACTIFS} Le même décompte est fait pour les communes classées FRR+ (France Ruralités Revitalisation) et pour les quartiers prioritaires de la politique de la ville, couverts quand leur commune l'est, ainsi que par EPCI. Les communes non couvertes sont classées par population décroissante. Hors de la vue de la coordination départementale, un nombre de 1 ou 2 promeneurs pour une commune est affiché « < 3 ».`,
  },
};
