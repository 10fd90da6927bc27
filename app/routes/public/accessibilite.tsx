import type { Route } from "./+types/accessibilite";

export const meta: Route.MetaFunction = () => [
  { title: "Déclaration d'accessibilité – Promeneurs du Net" },
  {
    name: "description",
    content:
      "Déclaration d'accessibilité RGAA 4.1 du site des Promeneurs du Net des Alpes-de-Haute-Provence\u00a0: état de conformité, contrôles réalisés, contact et voies de recours.",
  },
];

export default function AccessibilitePage() {
  return (
    <div className="prose-pdn max-w-3xl">
      <h1>Déclaration d'accessibilité</h1>
      <p>
        La coordination départementale Promeneurs du Net des Alpes-de-Haute-Provence s'engage à rendre son site internet
        accessible conformément à l'article&nbsp;47 de la loi n°&nbsp;2005-102 du 11&nbsp;février&nbsp;2005.
      </p>
      <p>Cette déclaration d'accessibilité s'applique au site des Promeneurs du Net des Alpes-de-Haute-Provence.</p>

      <section aria-labelledby="titre-etat">
        <h2 id="titre-etat">État de conformité</h2>
        <p>
          Le site des Promeneurs du Net des Alpes-de-Haute-Provence est <strong>non conforme</strong> avec le
          référentiel général d'amélioration de l'accessibilité (RGAA), version&nbsp;4.1, car aucun audit de conformité
          n'a encore été réalisé. En l'absence de résultats d'audit, le RGAA demande de déclarer le site non conforme,
          même si aucun défaut n'est connu.
        </p>
      </section>

      <section aria-labelledby="titre-resultats">
        <h2 id="titre-resultats">Résultats des tests</h2>
        <p>Aucun audit RGAA complet n'ayant été réalisé, aucun taux de conformité n'est publié. En attendant&nbsp;:</p>
        <ul>
          <li>
            chaque page publique est contrôlée automatiquement avec l'outil axe-core (règles WCAG&nbsp;2.1 niveaux A et
            AA) par les tests lancés à chaque modification du site, qui échouent si une anomalie est détectée&nbsp;;
          </li>
          <li>
            les pages publiques fonctionnent sans JavaScript et sont vérifiées ainsi dans le navigateur Chromium&nbsp;;
          </li>
          <li>
            ces contrôles automatiques ne couvrent qu'une partie des critères du RGAA&nbsp;: ils ne remplacent pas un
            audit.
          </li>
        </ul>
      </section>

      <section aria-labelledby="titre-non-accessibles">
        <h2 id="titre-non-accessibles">Contenus non accessibles</h2>
        <p>
          Aucun contenu non accessible n'est connu à ce jour. La liste des non-conformités sera établie par un audit, et
          cette déclaration mise à jour.
        </p>
        <p>Aucune dérogation pour charge disproportionnée n'est invoquée.</p>
      </section>

      <section aria-labelledby="titre-etablissement">
        <h2 id="titre-etablissement">Établissement de cette déclaration d'accessibilité</h2>
        <p>Cette déclaration a été établie le 29&nbsp;novembre&nbsp;2026.</p>
        <h3 className="mt-4 text-lg font-semibold">Technologies utilisées pour la réalisation du site</h3>
        <ul>
          <li>HTML</li>
          <li>CSS</li>
          <li>SVG (carte de couverture)</li>
        </ul>
        <p>Les pages publiques n'ont pas besoin de JavaScript.</p>
        <h3 className="mt-4 text-lg font-semibold">Outils pour évaluer l'accessibilité</h3>
        <ul>
          <li>axe-core, dans le navigateur Chromium</li>
        </ul>
        <h3 className="mt-4 text-lg font-semibold">Pages du site ayant fait l'objet de la vérification</h3>
        <p>
          Toutes les pages publiques, listées dans le <a href="/plan-du-site">plan du site</a>, ainsi que les pages de
          connexion et de mot de passe oublié.
        </p>
      </section>

      <section aria-labelledby="titre-retour">
        <h2 id="titre-retour">Retour d'information et contact</h2>
        <p>
          Si vous n'arrivez pas à accéder à un contenu ou à un service, vous pouvez contacter la coordination
          départementale pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme.
          Ses coordonnées seront publiées sur la page <a href="/contact">Contact</a>.
        </p>
      </section>

      <section aria-labelledby="titre-recours">
        <h2 id="titre-recours">Voies de recours</h2>
        <p>
          Cette procédure est à utiliser dans le cas suivant&nbsp;: vous avez signalé au responsable du site un défaut
          d'accessibilité qui vous empêche d'accéder à un contenu ou à un des services du site, et vous n'avez pas
          obtenu de réponse satisfaisante.
        </p>
        <ul>
          <li>
            <a href="https://formulaire.defenseurdesdroits.fr/">Écrire un message au Défenseur des droits</a>
          </li>
          <li>
            <a href="https://www.defenseurdesdroits.fr/saisir/delegues">
              Contacter le délégué du Défenseur des droits dans votre région
            </a>
          </li>
          <li>
            Envoyer un courrier par la poste (gratuit, ne pas mettre de timbre)&nbsp;:
            <br />
            Défenseur des droits
            <br />
            Libre réponse 71120
            <br />
            75342 Paris CEDEX 07
          </li>
        </ul>
      </section>
    </div>
  );
}
