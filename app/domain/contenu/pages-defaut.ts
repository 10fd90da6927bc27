import type { PageFixe } from "./contenu.labels";

/**
 * The built-in text of the fixed pages, shown until the coordination saves its own version (and
 * again if it puts its version back to draft). Markdown, rendered like the coordination's text.
 *
 * In the accessibility statement, the line `{{etat-de-conformite}}` is replaced by the conformity
 * section written from the RGAA status saved with the page (« non conforme » without an audit).
 */
/** `onglet`: the window title of the built-in page, when shorter than its heading. */
export type PageDefaut = { titre: string; onglet?: string; description: string; corps: string };

export const ETAT_CONFORMITE_MARQUEUR = "{{etat-de-conformite}}";

const charte = `Chaque promeneur et chaque structure employeuse s'engagent à respecter la charte nationale des Promeneurs du Net. Voici ses principes, résumés avec nos mots.

## 1. Une posture professionnelle

Le promeneur agit en ligne comme il le fait dans sa structure\u00a0: avec la même éthique, dans le cadre de ses missions et sous la responsabilité de son employeur. Il ne mélange jamais sa vie personnelle et son activité de promeneur.

## 2. Une présence éducative

Il écoute, informe, conseille, encourage les projets des jeunes, prévient les risques et oriente vers les services compétents. Il n'est ni un modérateur, ni un service d'urgence, ni une publicité pour sa structure.

## 3. La transparence

Il utilise un compte professionnel, distinct de ses comptes personnels, qui montre sa photo, son prénom, sa structure employeuse et le visuel Promeneurs du Net. Il n'est jamais anonyme et figure dans l'annuaire officiel, où chacun peut vérifier son profil.

## 4. Le respect de la vie privée

Ce qu'un jeune confie reste confidentiel et n'est partagé que si sa protection l'exige. Le promeneur ne diffuse pas les échanges, ne collecte pas d'informations inutiles et respecte le droit à l'image.

## 5. C'est le jeune qui prend contact

Le promeneur se fait connaître et publie, mais il ne sollicite pas les jeunes un par un\u00a0: c'est le jeune qui choisit de lui écrire, et il reste libre d'arrêter l'échange à tout moment.

## 6. Aucune surveillance

Le promeneur ne surveille pas les comptes des jeunes et ne rapporte pas ce qu'il voit à leurs parents, à leur établissement ou à une administration, sauf danger pour le jeune.

## 7. Des horaires annoncés

Il est présent en ligne sur son temps de travail, à des horaires affichés sur son profil. En dehors de ces horaires, il indique où trouver de l'aide.

## 8. Des procédures d'alerte

Face à un jeune en danger, il ne reste pas seul\u00a0: il applique les procédures prévues (secours, information préoccupante, signalement d'un contenu illicite) avec son employeur et en informe la coordination départementale.

## 9. Formation et accompagnement

Il suit une formation initiale, puis participe à l'analyse de pratiques et aux rencontres du réseau animées par la coordination départementale.

## 10. L'engagement de l'employeur

La structure signe une charte employeur\u00a0: elle reconnaît la présence en ligne comme une mission à part entière, lui consacre du temps de travail et le matériel nécessaire, et soutient le promeneur, notamment face aux situations difficiles.

## Le texte de référence

Cette page ne remplace pas la charte\u00a0: le texte qui fait foi est la charte nationale des Promeneurs du Net de la Caisse nationale des allocations familiales (CNAF). La [coordination départementale](/contact) peut vous la transmettre, ainsi que la charte employeur.
`;

const A_COMPLETER = "à compléter par la coordination";

const mentionsLegales = `## Éditeur

Ce site est édité par la coordination départementale Promeneurs du Net des Alpes-de-Haute-Provence (Promeneurs du Net\u00a004), portée par une structure du réseau et financée par la CAF des Alpes-de-Haute-Provence, avec la MSA Alpes-Vaucluse.

- **Structure porteuse**\u00a0: ${A_COMPLETER} (nom, forme juridique, numéro SIRET)
- **Adresse**\u00a0: ${A_COMPLETER}
- **Contact**\u00a0: ${A_COMPLETER}, en attendant voir la page [Contact](/contact)
- **Directeur de la publication**\u00a0: ${A_COMPLETER}

## Hébergement

- **Hébergeur**\u00a0: ${A_COMPLETER} (nom ou raison sociale)
- **Adresse et téléphone**\u00a0: ${A_COMPLETER}

## Propriété intellectuelle

Les textes de ce site peuvent être repris à condition de citer la source («\u00a0Promeneurs du Net\u00a004\u00a0») et de ne pas en modifier le sens. Le nom et l'identité visuelle «\u00a0Promeneurs du Net\u00a0» sont ceux du dispositif national et ne peuvent être réutilisés sans l'accord de leurs titulaires.

Les photos et les textes des profils des promeneurs leur appartiennent et ne peuvent pas être réutilisés sans leur accord.

## Crédits et sources des données

Les données territoriales affichées sur ce site, notamment sur la carte, proviennent de sources publiques\u00a0:

- communes, populations et intercommunalités\u00a0: Code officiel géographique de l'INSEE, via le paquet open source \`@etalab/decoupage-administratif\`\u00a0;
- contours des communes\u00a0: IGN, Admin Express\u00a0;
- classement France Ruralités Revitalisation (FRR)\u00a0: liste de la DGCL\u00a0;
- quartiers prioritaires de la politique de la ville (QPV)\u00a0: liste de l'ANCT.

Ces données sont réutilisées selon les conditions de la Licence Ouverte / Open Licence d'Etalab.

## Liens vers d'autres sites

Ce site renvoie vers des services publics et des associations (numéros d'urgence et d'écoute, signalement). L'éditeur n'est pas responsable du contenu de ces sites.

## Voir aussi

- [Données personnelles et cookies](/confidentialite)
- [Déclaration d'accessibilité](/accessibilite)
`;

const confidentialite = `## En bref

- La plateforme n'enregistre **aucune donnée personnelle sur les jeunes**.
- Elle conserve les données nécessaires aux comptes des professionnels du réseau.
- Elle n'utilise que des cookies techniques\u00a0: ni mesure d'audience par cookie, ni publicité, ni réseau social.
- Vos données ne sont ni vendues, ni utilisées à des fins commerciales.

## Responsable du traitement

La coordination départementale Promeneurs du Net des Alpes-de-Haute-Provence, c'est-à-dire la structure qui la porte (nom et adresse à compléter par la coordination, voir les [mentions légales](/mentions-legales)).

## Aucune donnée sur les jeunes

- Les jeunes n'ont pas de compte et le site public ne leur demande rien.
- Les bilans d'activité des promeneurs sont des **nombres**\u00a0: jamais de nom, de pseudo, de numéro de téléphone ni d'histoire qui permettrait de reconnaître quelqu'un.
- Les zones de texte libre sont contrôlées\u00a0: un texte qui contient une adresse e-mail, un numéro de téléphone, un pseudo (@…) ou le lien d'un profil est refusé.
- Hors de l'espace de la coordination, les petits nombres (1 ou 2) par thème ou par commune sont affichés «\u00a0moins de 3\u00a0», pour qu'on ne puisse pas deviner de qui il s'agit.

## Données des professionnels

Pour les promeneurs, les référents des structures, la coordination et les membres du comité de pilotage\u00a0:

- **compte**\u00a0: nom, adresse e-mail, mot de passe (conservé sous une forme qui ne permet pas de le relire), second facteur d'authentification s'il est activé, rôles et structure\u00a0;
- **profil public des promeneurs**\u00a0: prénom ou nom d'affichage, fonction, structure, photo facultative, comptes professionnels et horaires de présence, publiés dans l'annuaire\u00a0;
- **historique de connexion**, pour la sécurité\u00a0: date, adresse IP et navigateur des sessions, tentatives de connexion réussies ou échouées (pour bloquer les tentatives répétées)\u00a0;
- **journal des modifications**\u00a0: qui a modifié quoi et quand (personnes, profils, bilans, budget, décisions)\u00a0;
- bilans d'activité mensuels, inscriptions et présences aux rencontres du réseau.

## Pourquoi et sur quelle base

Ces données servent à\u00a0:

- animer le réseau\u00a0: formations, rencontres, informations aux promeneurs et aux structures\u00a0;
- publier l'annuaire officiel, qui permet à chacun de vérifier qu'un profil est authentique\u00a0;
- suivre l'activité et produire les indicateurs et le bilan annuel demandés par les financeurs, sous forme de chiffres agrégés\u00a0;
- sécuriser la plateforme et garder la trace des modifications.

La base légale est la mission d'intérêt public confiée à la coordination dans le cadre de la convention qui la lie à la CAF des Alpes-de-Haute-Provence (article\u00a06.1.e du RGPD) ou, selon le statut de la structure porteuse, son intérêt légitime à animer le réseau qu'elle coordonne (article\u00a06.1.f). La sécurité de la plateforme et le journal des modifications reposent sur l'intérêt légitime à protéger les comptes et les données. La coordination précisera la base retenue.

## Qui voit quoi

- la coordination départementale\u00a0: les données des professionnels de son département\u00a0;
- le référent d'une structure\u00a0: sa structure et les bilans chiffrés de ses promeneurs\u00a0;
- les membres du comité de pilotage (CAF, MSA…)\u00a0: des indicateurs et bilans agrégés, jamais les notes des bilans individuels\u00a0;
- le public\u00a0: uniquement le profil public des promeneurs actifs\u00a0;
- l'hébergeur du site, comme sous-traitant technique.

## Durées de conservation

- compte et profil\u00a0: pendant la participation au réseau\u00a0; au départ, la coordination efface l'identité de la personne (nom, adresse e-mail, téléphone, photo, présentation, profils sur les réseaux sociaux, rôles et sessions)\u00a0; un compte sans connexion depuis deux ans est effacé de la même façon, automatiquement\u00a0;
- sessions\u00a0: jusqu'à la déconnexion, deux heures d'inactivité ou douze heures au plus, puis suppression automatique\u00a0;
- tentatives de connexion\u00a0: trente jours, puis suppression automatique\u00a0;
- messages envoyés par le formulaire de contact\u00a0: douze mois après leur réception, archivés ou non, puis suppression automatique\u00a0;
- bilans d'activité\u00a0: leurs chiffres restent dans les indicateurs du réseau\u00a0; une fois l'identité de leur auteur effacée, ils ne permettent plus de l'identifier\u00a0;
- journal des modifications\u00a0: cinq ans, puis suppression automatique.

Chaque professionnel peut télécharger toutes les données qui le concernent depuis «\u00a0Mes données\u00a0», dans son espace. Le registre des traitements tenu par la coordination décrit chaque traitement, sa finalité et sa durée de conservation.

## Vos droits

Vous pouvez demander l'accès à vos données, leur rectification, leur effacement, leur export dans un format réutilisable (portabilité), la limitation de leur traitement, et vous opposer à un traitement fondé sur l'intérêt légitime ou l'intérêt public.

Pour exercer ces droits, écrivez à la coordination départementale (voir la page [Contact](/contact)). Elle vous répond dans un délai d'un mois.

Si vous estimez que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la CNIL\u00a0: [cnil.fr/fr/plaintes](https://www.cnil.fr/fr/plaintes).

## Cookies

Le site n'utilise que des cookies techniques, indispensables à son fonctionnement. Ils ne servent ni à vous suivre ni à la publicité, et ne demandent donc pas de consentement.

- \`pdn_csrf\`\u00a0: protège les formulaires contre leur envoi depuis un autre site. Il est déposé lors de la visite et supprimé à la fermeture du navigateur.
- \`pdn_session\`\u00a0: garde votre connexion, uniquement si vous vous connectez à l'espace professionnel (il s'appelle \`__Host-pdn_session\` sur une connexion sécurisée). Il disparaît à la déconnexion ou à la fin de la session.
- \`pdn_flash\`\u00a0: affiche un message de confirmation après une action (par exemple «\u00a0Bilan enregistré\u00a0»). Il dure au plus deux minutes.

Il n'y a aucun traceur de mesure d'audience, aucune publicité et aucun bouton de réseau social qui déposerait ses propres cookies. Lorsque la fréquentation du site public est mesurée, elle l'est sans cookie et sans conserver d'adresse IP\u00a0: seules des pages vues sont comptées.

Le serveur enregistre dans ses journaux techniques les requêtes reçues (date, page demandée, réponse), sans adresse IP ni cookie, pour la sécurité et le diagnostic des pannes\u00a0; ces journaux sont conservés pour une durée limitée.
`;

const accessibilite = `La coordination départementale Promeneurs du Net des Alpes-de-Haute-Provence s'engage à rendre son site internet accessible conformément à l'article\u00a047 de la loi n°\u00a02005-102 du 11\u00a0février\u00a02005.

Cette déclaration d'accessibilité s'applique au site des Promeneurs du Net des Alpes-de-Haute-Provence.

${ETAT_CONFORMITE_MARQUEUR}

## Résultats des tests

Aucun audit RGAA complet n'ayant été réalisé, aucun taux de conformité n'est publié. En attendant\u00a0:

- chaque page publique est contrôlée automatiquement avec l'outil axe-core (règles WCAG\u00a02.1 niveaux A et AA) par les tests lancés à chaque modification du site, qui échouent si une anomalie est détectée\u00a0;
- les pages publiques fonctionnent sans JavaScript et sont vérifiées ainsi dans le navigateur Chromium\u00a0;
- ces contrôles automatiques ne couvrent qu'une partie des critères du RGAA\u00a0: ils ne remplacent pas un audit.

## Contenus non accessibles

Aucun contenu non accessible n'est connu à ce jour. La liste des non-conformités sera établie par un audit, et cette déclaration mise à jour.

Aucune dérogation pour charge disproportionnée n'est invoquée.

## Établissement de cette déclaration d'accessibilité

Cette déclaration a été établie le 29\u00a0novembre\u00a02026.

### Technologies utilisées pour la réalisation du site

- HTML
- CSS
- SVG (carte de couverture)

Les pages publiques n'ont pas besoin de JavaScript.

### Outils pour évaluer l'accessibilité

- axe-core, dans le navigateur Chromium

### Pages du site ayant fait l'objet de la vérification

Toutes les pages publiques, listées dans le [plan du site](/plan-du-site), ainsi que les pages de connexion et de mot de passe oublié.

## Retour d'information et contact

Si vous n'arrivez pas à accéder à un contenu ou à un service, vous pouvez contacter la coordination départementale pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme. Ses coordonnées seront publiées sur la page [Contact](/contact).

## Voies de recours

Cette procédure est à utiliser dans le cas suivant\u00a0: vous avez signalé au responsable du site un défaut d'accessibilité qui vous empêche d'accéder à un contenu ou à un des services du site, et vous n'avez pas obtenu de réponse satisfaisante.

- [Écrire un message au Défenseur des droits](https://formulaire.defenseurdesdroits.fr/)
- [Contacter le délégué du Défenseur des droits dans votre région](https://www.defenseurdesdroits.fr/saisir/delegues)
- Envoyer un courrier par la poste (gratuit, ne pas mettre de timbre)\u00a0:\\
  Défenseur des droits\\
  Libre réponse 71120\\
  75342 Paris CEDEX 07
`;

const devenirPromeneur = `Vous travaillez avec des jeunes de 12 à 25\u00a0ans dans les Alpes-de-Haute-Provence\u00a0? Avec l'accord de votre employeur, vous pouvez prolonger votre action éducative sur les réseaux sociaux et rejoindre le réseau départemental des Promeneurs du Net.

## Qui peut devenir promeneur\u00a0?

Les professionnels de la jeunesse (animateurs, éducateurs, conseillers, informateurs jeunesse…) employés par une structure du département qui accueille ou accompagne des jeunes, notamment\u00a0:

- les accueils de jeunes, espaces jeunes, maisons des jeunes et services jeunesse municipaux ou intercommunaux, dont ceux que soutient la CAF par la prestation de service Jeunes\u00a0;
- les centres sociaux et les Espaces de Vie Sociale\u00a0;
- les Missions locales, les structures Information Jeunesse (BIJ, PIJ), les Points Accueil Écoute Jeunes et la Maison des Adolescents\u00a0;
- les collèges et les lycées\u00a0;
- les foyers de jeunes travailleurs et autres lieux d'hébergement de jeunes, les maisons d'enfants à caractère social (MECS) accueillant des adolescents\u00a0;
- la prévention spécialisée, les associations locales de jeunesse et les fédérations d'éducation populaire.

## Ce que cela implique

### Pour vous, professionnel

- signer et respecter la [charte des Promeneurs du Net](/charte)\u00a0;
- suivre la formation initiale organisée par la coordination départementale\u00a0;
- ouvrir un **compte professionnel** sur chaque réseau utilisé, séparé de vos comptes personnels, avec votre photo, votre prénom, le nom de votre structure et le visuel Promeneurs du Net\u00a0;
- être présent en ligne à des **horaires annoncés**, sur votre temps de travail\u00a0;
- participer aux temps d'analyse de pratiques, aux échanges entre promeneurs et aux rencontres du réseau\u00a0;
- remplir chaque mois un court bilan d'activité, en chiffres, sans aucune donnée permettant d'identifier un jeune.

### Pour votre structure

- signer la **charte employeur**\u00a0: la présence en ligne est une mission reconnue, inscrite dans le temps de travail\u00a0;
- dégager un temps dédié chaque semaine et le matériel professionnel nécessaire\u00a0;
- permettre la participation aux formations et aux rencontres du réseau\u00a0;
- soutenir le promeneur, en particulier face à une situation de danger\u00a0: procédures d'alerte connues, encadrement disponible.

## Les étapes

1. **Proposition**\u00a0: le référent de votre structure (votre direction) propose votre candidature à la coordination départementale.
2. **Accord**\u00a0: la coordination étudie la demande et vous accepte dans le réseau\u00a0; votre structure signe la charte employeur.
3. **Formation**\u00a0: vous suivez la formation initiale et signez la charte du promeneur.
4. **Activation**\u00a0: la coordination vérifie vos comptes professionnels, puis votre profil est publié dans l'annuaire officiel avec vos horaires de présence.

## Vous êtes intéressé\u00a0?

Parlez-en à votre direction, puis [contactez la coordination départementale](/contact). Les appels à candidatures en cours sont publiés sur la page [Appels à candidatures](/appels).
`;

export const PAGES_DEFAUT = {
  charte: {
    titre: "La charte des Promeneurs du Net",
    onglet: "La charte",
    description:
      "Les principes de la charte nationale des Promeneurs du Net\u00a0: posture professionnelle, compte identifié, respect de la vie privée, aucune surveillance, horaires annoncés, procédures d'alerte, formation et engagement de l'employeur.",
    corps: charte,
  },
  "mentions-legales": {
    titre: "Mentions légales",
    description:
      "Mentions légales du site des Promeneurs du Net des Alpes-de-Haute-Provence\u00a0: éditeur, hébergement, propriété intellectuelle et sources des données.",
    corps: mentionsLegales,
  },
  confidentialite: {
    titre: "Données personnelles et cookies",
    description:
      "Comment la plateforme des Promeneurs du Net 04 traite les données\u00a0: aucune donnée personnelle sur les jeunes, données des professionnels, durées de conservation, droits RGPD et cookies techniques uniquement.",
    corps: confidentialite,
  },
  accessibilite: {
    titre: "Déclaration d'accessibilité",
    description:
      "Déclaration d'accessibilité RGAA 4.1 du site des Promeneurs du Net des Alpes-de-Haute-Provence\u00a0: état de conformité, contrôles réalisés, contact et voies de recours.",
    corps: accessibilite,
  },
  "devenir-promeneur": {
    titre: "Devenir promeneur du Net",
    onglet: "Devenir promeneur",
    description:
      "Professionnels de la jeunesse des Alpes-de-Haute-Provence\u00a0: qui peut devenir promeneur du Net, ce que cela implique pour vous et votre structure, et les étapes pour rejoindre le réseau.",
    corps: devenirPromeneur,
  },
} as const satisfies Record<PageFixe, PageDefaut>;
