import { type EnLignePublic, findEnLigneEtProchains } from "~/domain/public/annuaire-public.queries.server";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { publicMeta } from "~/ui/meta";
import type { Route } from "./+types/accueil";

export const meta: Route.MetaFunction = (args) =>
  publicMeta(args, {
    title: "Promeneurs du Net – Alpes-de-Haute-Provence",
    description:
      "Des professionnels de la jeunesse présents sur les réseaux sociaux pour écouter, informer et orienter les 12–25 ans des Alpes-de-Haute-Provence.",
    path: "/",
  });

export async function loader() {
  return findEnLigneEtProchains(getDb(), getEnv().DEFAULT_DEPARTEMENT, new Date());
}

function Reseaux({ p }: { p: EnLignePublic }) {
  return (
    <>
      {p.reseaux.map((r, i) => (
        <span key={`${r.reseau}-${r.handle}`}>
          {i > 0 ? ", " : " – "}
          <a href={r.url} rel="noopener noreferrer">
            {r.label}&nbsp;: {r.handle}
          </a>
        </span>
      ))}
    </>
  );
}

export default function AccueilPage({ loaderData }: Route.ComponentProps) {
  const { enLigne, prochains } = loaderData;
  return (
    <div className="max-w-4xl">
      <h1>Des professionnels de la jeunesse présents sur les réseaux sociaux</h1>
      <p className="mt-4 text-lg">
        Dans les Alpes-de-Haute-Provence, des animateurs, éducateurs et conseillers répondent aux jeunes de 12 à
        25&nbsp;ans et à leurs parents là où ils sont&nbsp;: sur Instagram, Snapchat, TikTok, Discord ou WhatsApp. Ce
        sont les Promeneurs du Net.
      </p>
      <p className="mt-4 flex flex-wrap gap-3">
        <a href="/promeneurs" className="btn min-h-11">
          Trouver un promeneur
        </a>
        <a href="/carte" className="btn-secondary min-h-11">
          Voir la carte du département
        </a>
      </p>

      <section
        aria-labelledby="titre-urgence"
        className="mt-8 rounded-lg border-2 border-alerte-700 bg-red-50 p-4 sm:p-5"
      >
        <h2 id="titre-urgence" className="text-alerte-700">
          Besoin d'aide tout de suite&nbsp;?
        </h2>
        <p className="mt-2">
          En cas de danger, appelez le{" "}
          <a href="tel:112" className="font-semibold">
            112
          </a>
          . Si vous pensez au suicide ou allez très mal, appelez le{" "}
          <a href="tel:3114" className="font-semibold">
            3114
          </a>
          , gratuit, 24&nbsp;h/24. Un promeneur n'est pas un service d'urgence.
        </p>
        <p className="mt-3">
          <a href="/besoin-d-aide" className="btn-danger min-h-11">
            Tous les numéros d'urgence et d'écoute
          </a>
        </p>
      </section>

      <div className="prose-pdn mt-4 max-w-3xl">
        <section aria-labelledby="titre-quoi">
          <h2 id="titre-quoi">Un promeneur du Net, c'est qui&nbsp;?</h2>
          <ul>
            <li>
              Un <strong>professionnel de la jeunesse</strong>, employé par une structure du département&nbsp;: centre
              social, Mission locale, espace jeunes, Point Information Jeunesse, établissement scolaire…
            </li>
            <li>
              Il est présent sur les réseaux sociaux <strong>à des horaires annoncés</strong>, pendant son temps de
              travail.
            </li>
            <li>
              Il utilise un <strong>compte professionnel</strong>, séparé de son compte personnel. Il n'est{" "}
              <strong>jamais anonyme</strong>&nbsp;: il dit qui il est et pour qui il travaille.
            </li>
            <li>
              <strong>C'est le jeune qui choisit de lui écrire.</strong> Le promeneur ne surveille personne et ne va pas
              fouiller dans vos comptes.
            </li>
            <li>
              Il écoute, informe, conseille, aide à monter un projet et oriente vers le bon service si besoin. Il
              respecte la <a href="/charte">charte des Promeneurs du Net</a>.
            </li>
          </ul>
        </section>

        <section aria-labelledby="titre-jeunes">
          <h2 id="titre-jeunes">Vous avez entre 12 et 25&nbsp;ans</h2>
          <p>
            Vous pouvez écrire à un promeneur pour une question, un projet ou quand quelque chose ne va pas&nbsp;:
            études, formation, emploi, logement, santé, relations, sexualité, harcèlement, sorties, sport, culture… Il
            vous répond pendant ses horaires de présence, sans juger. Ce que vous lui confiez reste confidentiel, sauf
            si vous êtes en danger&nbsp;: il agit alors pour vous protéger.
          </p>
        </section>

        <section aria-labelledby="titre-parents">
          <h2 id="titre-parents">Vous êtes parent</h2>
          <p>
            Les promeneurs répondent aussi aux parents&nbsp;: usages des écrans et des réseaux sociaux,
            cyberharcèlement, inquiétude pour un enfant, recherche d'un service près de chez vous. Ils respectent la vie
            privée des jeunes et n'exercent aucune surveillance. Si vous craignez qu'un enfant soit en danger, la page{" "}
            <a href="/besoin-d-aide#information-preoccupante">Besoin d'aide</a> explique qui prévenir.
          </p>
        </section>

        <section aria-labelledby="titre-verifier">
          <h2 id="titre-verifier">Comment savoir si un profil est vraiment celui d'un promeneur&nbsp;?</h2>
          <p>Un vrai promeneur du Net&nbsp;:</p>
          <ul>
            <li>figure dans l'annuaire officiel de ce site&nbsp;;</li>
            <li>a une photo de lui (pas un dessin ni un avatar)&nbsp;;</li>
            <li>affiche son prénom&nbsp;;</li>
            <li>indique le nom de la structure qui l'emploie&nbsp;;</li>
            <li>porte le visuel «&nbsp;Promeneurs du Net&nbsp;» sur son profil.</li>
          </ul>
          <p>
            Un promeneur ne vous demandera jamais d'argent, de photos intimes ni vos mots de passe. En cas de doute sur
            un profil, ne donnez pas d'informations personnelles et <a href="/contact">contactez la coordination</a>.
          </p>
        </section>

        <section aria-labelledby="titre-en-ligne">
          <h2 id="titre-en-ligne">En ligne maintenant</h2>
          {enLigne.length > 0 ? (
            <ul>
              {enLigne.map((p) => (
                <li key={p.slug}>
                  <a href={`/promeneurs/${encodeURIComponent(p.slug)}`} className="font-semibold">
                    {p.nomPublic}
                  </a>
                  <Reseaux p={p} />
                </li>
              ))}
            </ul>
          ) : (
            <p>
              Aucun promeneur n'est en ligne en ce moment. Les <a href="/besoin-d-aide">lignes d'écoute nationales</a>{" "}
              répondent, pour la plupart tous les jours.
            </p>
          )}
          {prochains.length > 0 ? (
            <>
              <h3>Prochainement</h3>
              <ul>
                {prochains.map((p) => (
                  <li key={p.slug}>
                    <a href={`/promeneurs/${encodeURIComponent(p.slug)}`} className="font-semibold">
                      {p.nomPublic}
                    </a>
                    , {p.quand}
                    <Reseaux p={p} />
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <p>
            <a href="/promeneurs">Voir tous les promeneurs et leurs horaires</a>
          </p>
        </section>

        <section aria-labelledby="titre-devenir">
          <h2 id="titre-devenir">Vous travaillez avec des jeunes&nbsp;?</h2>
          <p>
            Les professionnels des structures jeunesse du département peuvent rejoindre le réseau, avec l'accord de leur
            employeur. <a href="/devenir-promeneur">Devenir promeneur du Net</a>.
          </p>
        </section>
      </div>
    </div>
  );
}
