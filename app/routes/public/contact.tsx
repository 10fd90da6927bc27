import type { Route } from "./+types/contact";

export const meta: Route.MetaFunction = () => [
  { title: "Contact – Promeneurs du Net" },
  {
    name: "description",
    content:
      "Contacter la coordination départementale des Promeneurs du Net des Alpes-de-Haute-Provence. Jeune en difficulté\u00a0: les numéros d'urgence et d'écoute d'abord.",
  },
];

export default function ContactPage() {
  return (
    <div className="prose-pdn max-w-3xl">
      <h1>Contacter la coordination</h1>

      <section
        aria-labelledby="titre-urgence"
        className="my-4 rounded-lg border-2 border-alerte-700 bg-red-50 px-4 py-2"
      >
        <h2 id="titre-urgence" className="text-alerte-700">
          Vous êtes un jeune en difficulté, ou quelqu'un est en danger&nbsp;?
        </h2>
        <p>
          N'attendez pas une réponse de la coordination&nbsp;: les numéros d'urgence et les lignes d'écoute répondent
          tout de suite, souvent jour et nuit.
        </p>
        <p>
          <a href="/besoin-d-aide" className="btn-danger min-h-11">
            Numéros d'urgence et d'écoute
          </a>
        </p>
      </section>

      <section aria-labelledby="titre-coordination">
        <h2 id="titre-coordination">La coordination départementale</h2>
        <p>
          Le réseau des Promeneurs du Net des Alpes-de-Haute-Provence est animé par une coordination départementale,
          portée par une structure du réseau et financée par la CAF des Alpes-de-Haute-Provence, avec la MSA
          Alpes-Vaucluse.
        </p>
        <p>La coordination&nbsp;:</p>
        <ul>
          <li>accompagne les structures et les professionnels qui veulent devenir promeneurs&nbsp;;</li>
          <li>organise les formations, l'analyse de pratiques et les rencontres du réseau&nbsp;;</li>
          <li>vérifie que les profils des promeneurs respectent la charte et tient l'annuaire officiel&nbsp;;</li>
          <li>présente le dispositif aux partenaires, aux établissements, aux communes et aux familles.</li>
        </ul>
      </section>

      <section aria-labelledby="titre-joindre">
        <h2 id="titre-joindre">Comment la joindre</h2>
        <p>
          Le formulaire de contact n'est pas encore en service. L'adresse de la coordination sera publiée sur cette page
          par la coordination elle-même.
        </p>
        <p>Vous pourrez lui écrire pour&nbsp;:</p>
        <ul>
          <li>trouver un promeneur près de chez vous ou vérifier qu'un profil est authentique&nbsp;;</li>
          <li>
            faire entrer votre structure dans le réseau (voir <a href="/devenir-promeneur">devenir promeneur</a>)&nbsp;;
          </li>
          <li>demander une présentation du dispositif&nbsp;;</li>
          <li>signaler un profil qui se présente à tort comme promeneur du Net.</li>
        </ul>
        <p>
          Ne transmettez pas d'informations personnelles sur un jeune dans vos messages&nbsp;: en cas d'inquiétude pour
          un enfant, la page <a href="/besoin-d-aide#information-preoccupante">Besoin d'aide</a> explique qui prévenir.
        </p>
      </section>
    </div>
  );
}
