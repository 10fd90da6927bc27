import type { Route } from "./+types/confidentialite";

export const meta: Route.MetaFunction = () => [
  { title: "Données personnelles et cookies – Promeneurs du Net" },
  {
    name: "description",
    content:
      "Comment la plateforme des Promeneurs du Net 04 traite les données\u00a0: aucune donnée personnelle sur les jeunes, données des professionnels, durées de conservation, droits RGPD et cookies techniques uniquement.",
  },
];

export default function ConfidentialitePage() {
  return (
    <div className="prose-pdn max-w-3xl">
      <h1>Données personnelles et cookies</h1>

      <section aria-labelledby="titre-en-bref">
        <h2 id="titre-en-bref">En bref</h2>
        <ul>
          <li>
            La plateforme n'enregistre <strong>aucune donnée personnelle sur les jeunes</strong>.
          </li>
          <li>Elle conserve les données nécessaires aux comptes des professionnels du réseau.</li>
          <li>
            Elle n'utilise que des cookies techniques&nbsp;: ni mesure d'audience par cookie, ni publicité, ni réseau
            social.
          </li>
          <li>Vos données ne sont ni vendues, ni utilisées à des fins commerciales.</li>
        </ul>
      </section>

      <section aria-labelledby="titre-responsable">
        <h2 id="titre-responsable">Responsable du traitement</h2>
        <p>
          La coordination départementale Promeneurs du Net des Alpes-de-Haute-Provence, c'est-à-dire la structure qui la
          porte (nom et adresse à compléter par la coordination, voir les{" "}
          <a href="/mentions-legales">mentions légales</a>).
        </p>
      </section>

      <section aria-labelledby="titre-jeunes">
        <h2 id="titre-jeunes">Aucune donnée sur les jeunes</h2>
        <ul>
          <li>Les jeunes n'ont pas de compte et le site public ne leur demande rien.</li>
          <li>
            Les bilans d'activité des promeneurs sont des <strong>nombres</strong>&nbsp;: jamais de nom, de pseudo, de
            numéro de téléphone ni d'histoire qui permettrait de reconnaître quelqu'un.
          </li>
          <li>
            Les zones de texte libre sont contrôlées&nbsp;: un texte qui contient une adresse e-mail, un numéro de
            téléphone, un pseudo (@…) ou le lien d'un profil est refusé.
          </li>
          <li>
            Hors de l'espace de la coordination, les petits nombres (1 ou 2) par thème ou par commune sont affichés
            «&nbsp;moins de 3&nbsp;», pour qu'on ne puisse pas deviner de qui il s'agit.
          </li>
        </ul>
      </section>

      <section aria-labelledby="titre-professionnels">
        <h2 id="titre-professionnels">Données des professionnels</h2>
        <p>
          Pour les promeneurs, les référents des structures, la coordination et les membres du comité de pilotage&nbsp;:
        </p>
        <ul>
          <li>
            <strong>compte</strong>&nbsp;: nom, adresse e-mail, mot de passe (conservé sous une forme qui ne permet pas
            de le relire), second facteur d'authentification s'il est activé, rôles et structure&nbsp;;
          </li>
          <li>
            <strong>profil public des promeneurs</strong>&nbsp;: prénom ou nom d'affichage, fonction, structure, photo
            facultative, comptes professionnels et horaires de présence, publiés dans l'annuaire&nbsp;;
          </li>
          <li>
            <strong>historique de connexion</strong>, pour la sécurité&nbsp;: date, adresse IP et navigateur des
            sessions, tentatives de connexion réussies ou échouées (pour bloquer les tentatives répétées)&nbsp;;
          </li>
          <li>
            <strong>journal des modifications</strong>&nbsp;: qui a modifié quoi et quand (personnes, profils, bilans,
            budget, décisions)&nbsp;;
          </li>
          <li>bilans d'activité mensuels, inscriptions et présences aux rencontres du réseau.</li>
        </ul>
      </section>

      <section aria-labelledby="titre-finalites">
        <h2 id="titre-finalites">Pourquoi et sur quelle base</h2>
        <p>Ces données servent à&nbsp;:</p>
        <ul>
          <li>animer le réseau&nbsp;: formations, rencontres, informations aux promeneurs et aux structures&nbsp;;</li>
          <li>publier l'annuaire officiel, qui permet à chacun de vérifier qu'un profil est authentique&nbsp;;</li>
          <li>
            suivre l'activité et produire les indicateurs et le bilan annuel demandés par les financeurs, sous forme de
            chiffres agrégés&nbsp;;
          </li>
          <li>sécuriser la plateforme et garder la trace des modifications.</li>
        </ul>
        <p>
          La base légale est la mission d'intérêt public confiée à la coordination dans le cadre de la convention qui la
          lie à la CAF des Alpes-de-Haute-Provence (article&nbsp;6.1.e du RGPD) ou, selon le statut de la structure
          porteuse, son intérêt légitime à animer le réseau qu'elle coordonne (article&nbsp;6.1.f). La sécurité de la
          plateforme et le journal des modifications reposent sur l'intérêt légitime à protéger les comptes et les
          données. La coordination précisera la base retenue.
        </p>
      </section>

      <section aria-labelledby="titre-destinataires">
        <h2 id="titre-destinataires">Qui voit quoi</h2>
        <ul>
          <li>la coordination départementale&nbsp;: les données des professionnels de son département&nbsp;;</li>
          <li>le référent d'une structure&nbsp;: sa structure et les bilans chiffrés de ses promeneurs&nbsp;;</li>
          <li>
            les membres du comité de pilotage (CAF, MSA…)&nbsp;: des indicateurs et bilans agrégés, jamais les notes des
            bilans individuels&nbsp;;
          </li>
          <li>le public&nbsp;: uniquement le profil public des promeneurs actifs&nbsp;;</li>
          <li>l'hébergeur du site, comme sous-traitant technique.</li>
        </ul>
      </section>

      <section aria-labelledby="titre-durees">
        <h2 id="titre-durees">Durées de conservation prévues</h2>
        <ul>
          <li>
            compte et profil&nbsp;: pendant la participation au réseau, puis supprimés au plus tard un an après le
            départ, ou plus tôt sur demande&nbsp;;
          </li>
          <li>
            sessions&nbsp;: jusqu'à la déconnexion, deux heures d'inactivité ou douze heures au plus, puis suppression
            automatique&nbsp;;
          </li>
          <li>tentatives de connexion&nbsp;: trente jours, puis suppression automatique&nbsp;;</li>
          <li>
            messages envoyés par le formulaire de contact&nbsp;: douze mois après leur réception, archivés ou non, puis
            suppression automatique&nbsp;;
          </li>
          <li>
            bilans d'activité et journal des modifications&nbsp;: cinq ans, pour les bilans et contrôles des financeurs.
          </li>
        </ul>
        <p>
          La suppression automatique des comptes, des bilans et du journal à ces échéances sera mise en place avec les
          prochaines versions de la plateforme.
        </p>
      </section>

      <section aria-labelledby="titre-droits">
        <h2 id="titre-droits">Vos droits</h2>
        <p>
          Vous pouvez demander l'accès à vos données, leur rectification, leur effacement, leur export dans un format
          réutilisable (portabilité), la limitation de leur traitement, et vous opposer à un traitement fondé sur
          l'intérêt légitime ou l'intérêt public.
        </p>
        <p>
          Pour exercer ces droits, écrivez à la coordination départementale (voir la page <a href="/contact">Contact</a>
          ). Elle vous répond dans un délai d'un mois.
        </p>
        <p>
          Si vous estimez que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la CNIL&nbsp;:{" "}
          <a href="https://www.cnil.fr/fr/plaintes">cnil.fr/fr/plaintes</a>.
        </p>
      </section>

      <section aria-labelledby="titre-cookies">
        <h2 id="titre-cookies">Cookies</h2>
        <p>
          Le site n'utilise que des cookies techniques, indispensables à son fonctionnement. Ils ne servent ni à vous
          suivre ni à la publicité, et ne demandent donc pas de consentement.
        </p>
        <ul>
          <li>
            <code>pdn_csrf</code>&nbsp;: protège les formulaires contre leur envoi depuis un autre site. Il est déposé
            lors de la visite et supprimé à la fermeture du navigateur.
          </li>
          <li>
            <code>pdn_session</code>&nbsp;: garde votre connexion, uniquement si vous vous connectez à l'espace
            professionnel (il s'appelle <code>__Host-pdn_session</code> sur une connexion sécurisée). Il disparaît à la
            déconnexion ou à la fin de la session.
          </li>
          <li>
            <code>pdn_flash</code>&nbsp;: affiche un message de confirmation après une action (par exemple «&nbsp;Bilan
            enregistré&nbsp;»). Il dure au plus deux minutes.
          </li>
        </ul>
        <p>
          Il n'y a aucun traceur de mesure d'audience, aucune publicité et aucun bouton de réseau social qui déposerait
          ses propres cookies. Lorsque la fréquentation du site public est mesurée, elle l'est sans cookie et sans
          conserver d'adresse IP&nbsp;: seules des pages vues sont comptées.
        </p>
        <p>
          Le serveur enregistre dans ses journaux techniques les requêtes reçues (date, page demandée, réponse), sans
          adresse IP ni cookie, pour la sécurité et le diagnostic des pannes&nbsp;; ces journaux sont conservés pour une
          durée limitée.
        </p>
      </section>
    </div>
  );
}
