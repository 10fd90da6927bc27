import type { Route } from "./+types/devenir-promeneur";

export const meta: Route.MetaFunction = () => [
  { title: "Devenir promeneur – Promeneurs du Net" },
  {
    name: "description",
    content:
      "Professionnels de la jeunesse des Alpes-de-Haute-Provence\u00a0: qui peut devenir promeneur du Net, ce que cela implique pour vous et votre structure, et les étapes pour rejoindre le réseau.",
  },
];

export default function DevenirPromeneurPage() {
  return (
    <div className="prose-pdn max-w-3xl">
      <h1>Devenir promeneur du Net</h1>
      <p className="text-lg">
        Vous travaillez avec des jeunes de 12 à 25&nbsp;ans dans les Alpes-de-Haute-Provence&nbsp;? Avec l'accord de
        votre employeur, vous pouvez prolonger votre action éducative sur les réseaux sociaux et rejoindre le réseau
        départemental des Promeneurs du Net.
      </p>

      <section aria-labelledby="titre-qui">
        <h2 id="titre-qui">Qui peut devenir promeneur&nbsp;?</h2>
        <p>
          Les professionnels de la jeunesse (animateurs, éducateurs, conseillers, informateurs jeunesse…) employés par
          une structure du département qui accueille ou accompagne des jeunes, notamment&nbsp;:
        </p>
        <ul>
          <li>
            les accueils de jeunes, espaces jeunes, maisons des jeunes et services jeunesse municipaux ou
            intercommunaux, dont ceux que soutient la CAF par la prestation de service Jeunes&nbsp;;
          </li>
          <li>les centres sociaux et les Espaces de Vie Sociale&nbsp;;</li>
          <li>
            les Missions locales, les structures Information Jeunesse (BIJ, PIJ), les Points Accueil Écoute Jeunes et la
            Maison des Adolescents&nbsp;;
          </li>
          <li>les collèges et les lycées&nbsp;;</li>
          <li>
            les foyers de jeunes travailleurs et autres lieux d'hébergement de jeunes, les maisons d'enfants à caractère
            social (MECS) accueillant des adolescents&nbsp;;
          </li>
          <li>
            la prévention spécialisée, les associations locales de jeunesse et les fédérations d'éducation populaire.
          </li>
        </ul>
      </section>

      <section aria-labelledby="titre-engagement">
        <h2 id="titre-engagement">Ce que cela implique</h2>
        <h3 className="mt-4 text-lg font-semibold">Pour vous, professionnel</h3>
        <ul>
          <li>
            signer et respecter la <a href="/charte">charte des Promeneurs du Net</a>&nbsp;;
          </li>
          <li>suivre la formation initiale organisée par la coordination départementale&nbsp;;</li>
          <li>
            ouvrir un <strong>compte professionnel</strong> sur chaque réseau utilisé, séparé de vos comptes personnels,
            avec votre photo, votre prénom, le nom de votre structure et le visuel Promeneurs du Net&nbsp;;
          </li>
          <li>
            être présent en ligne à des <strong>horaires annoncés</strong>, sur votre temps de travail&nbsp;;
          </li>
          <li>
            participer aux temps d'analyse de pratiques, aux échanges entre promeneurs et aux rencontres du
            réseau&nbsp;;
          </li>
          <li>
            remplir chaque mois un court bilan d'activité, en chiffres, sans aucune donnée permettant d'identifier un
            jeune.
          </li>
        </ul>
        <h3 className="mt-4 text-lg font-semibold">Pour votre structure</h3>
        <ul>
          <li>
            signer la <strong>charte employeur</strong>&nbsp;: la présence en ligne est une mission reconnue, inscrite
            dans le temps de travail&nbsp;;
          </li>
          <li>dégager un temps dédié chaque semaine et le matériel professionnel nécessaire&nbsp;;</li>
          <li>permettre la participation aux formations et aux rencontres du réseau&nbsp;;</li>
          <li>
            soutenir le promeneur, en particulier face à une situation de danger&nbsp;: procédures d'alerte connues,
            encadrement disponible.
          </li>
        </ul>
      </section>

      <section aria-labelledby="titre-etapes">
        <h2 id="titre-etapes">Les étapes</h2>
        <ol className="my-3 list-decimal space-y-2 pl-6">
          <li>
            <strong>Proposition</strong>&nbsp;: le référent de votre structure (votre direction) propose votre
            candidature à la coordination départementale.
          </li>
          <li>
            <strong>Accord</strong>&nbsp;: la coordination étudie la demande et vous accepte dans le réseau&nbsp;; votre
            structure signe la charte employeur.
          </li>
          <li>
            <strong>Formation</strong>&nbsp;: vous suivez la formation initiale et signez la charte du promeneur.
          </li>
          <li>
            <strong>Activation</strong>&nbsp;: la coordination vérifie vos comptes professionnels, puis votre profil est
            publié dans l'annuaire officiel avec vos horaires de présence.
          </li>
        </ol>
      </section>

      <section aria-labelledby="titre-contact">
        <h2 id="titre-contact">Vous êtes intéressé&nbsp;?</h2>
        <p>
          Parlez-en à votre direction, puis <a href="/contact">contactez la coordination départementale</a>. Les appels
          à candidatures en cours sont publiés sur la page <a href="/appels">Appels à candidatures</a>.
        </p>
      </section>
    </div>
  );
}
