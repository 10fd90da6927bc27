import type { Route } from "./+types/mentions-legales";

export const meta: Route.MetaFunction = () => [
  { title: "Mentions légales – Promeneurs du Net" },
  {
    name: "description",
    content:
      "Mentions légales du site des Promeneurs du Net des Alpes-de-Haute-Provence\u00a0: éditeur, hébergement, propriété intellectuelle et sources des données.",
  },
];

const A_COMPLETER = "à compléter par la coordination";

export default function MentionsLegalesPage() {
  return (
    <div className="prose-pdn max-w-3xl">
      <h1>Mentions légales</h1>

      <section aria-labelledby="titre-editeur">
        <h2 id="titre-editeur">Éditeur</h2>
        <p>
          Ce site est édité par la coordination départementale Promeneurs du Net des Alpes-de-Haute-Provence (Promeneurs
          du Net&nbsp;04), portée par une structure du réseau et financée par la CAF des Alpes-de-Haute-Provence, avec
          la MSA Alpes-Vaucluse.
        </p>
        <dl className="my-3 grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
          <dt className="font-semibold">Structure porteuse</dt>
          <dd>{A_COMPLETER} (nom, forme juridique, numéro SIRET)</dd>
          <dt className="font-semibold">Adresse</dt>
          <dd>{A_COMPLETER}</dd>
          <dt className="font-semibold">Contact</dt>
          <dd>
            {A_COMPLETER}, en attendant voir la page <a href="/contact">Contact</a>
          </dd>
          <dt className="font-semibold">Directeur de la publication</dt>
          <dd>{A_COMPLETER}</dd>
        </dl>
      </section>

      <section aria-labelledby="titre-hebergement">
        <h2 id="titre-hebergement">Hébergement</h2>
        <dl className="my-3 grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
          <dt className="font-semibold">Hébergeur</dt>
          <dd>{A_COMPLETER} (nom ou raison sociale)</dd>
          <dt className="font-semibold">Adresse et téléphone</dt>
          <dd>{A_COMPLETER}</dd>
        </dl>
      </section>

      <section aria-labelledby="titre-propriete">
        <h2 id="titre-propriete">Propriété intellectuelle</h2>
        <p>
          Les textes de ce site peuvent être repris à condition de citer la source («&nbsp;Promeneurs du
          Net&nbsp;04&nbsp;») et de ne pas en modifier le sens. Le nom et l'identité visuelle «&nbsp;Promeneurs du
          Net&nbsp;» sont ceux du dispositif national et ne peuvent être réutilisés sans l'accord de leurs titulaires.
        </p>
        <p>
          Les photos et les textes des profils des promeneurs leur appartiennent et ne peuvent pas être réutilisés sans
          leur accord.
        </p>
      </section>

      <section aria-labelledby="titre-credits">
        <h2 id="titre-credits">Crédits et sources des données</h2>
        <p>
          Les données territoriales affichées sur ce site, notamment sur la carte, proviennent de sources
          publiques&nbsp;:
        </p>
        <ul>
          <li>
            communes, populations et intercommunalités&nbsp;: Code officiel géographique de l'INSEE, via le paquet{" "}
            <span lang="en">open source</span> <code>@etalab/decoupage-administratif</code>&nbsp;;
          </li>
          <li>contours des communes&nbsp;: IGN, Admin Express&nbsp;;</li>
          <li>classement France Ruralités Revitalisation (FRR)&nbsp;: liste de la DGCL&nbsp;;</li>
          <li>quartiers prioritaires de la politique de la ville (QPV)&nbsp;: liste de l'ANCT.</li>
        </ul>
        <p>
          Ces données sont réutilisées selon les conditions de la Licence Ouverte / <span lang="en">Open Licence</span>{" "}
          d'Etalab.
        </p>
      </section>

      <section aria-labelledby="titre-liens">
        <h2 id="titre-liens">Liens vers d'autres sites</h2>
        <p>
          Ce site renvoie vers des services publics et des associations (numéros d'urgence et d'écoute, signalement).
          L'éditeur n'est pas responsable du contenu de ces sites.
        </p>
      </section>

      <section aria-labelledby="titre-voir-aussi">
        <h2 id="titre-voir-aussi">Voir aussi</h2>
        <ul>
          <li>
            <a href="/confidentialite">Données personnelles et cookies</a>
          </li>
          <li>
            <a href="/accessibilite">Déclaration d'accessibilité</a>
          </li>
        </ul>
      </section>
    </div>
  );
}
