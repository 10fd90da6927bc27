import { findNumerosPourDepartement, type NumeroAffiche } from "~/domain/orientation/numero.queries.server";
import { chiffresDe, grouperNumeros } from "~/domain/orientation/numero.rules";
import { NUMERO_KINDS, type NumeroKind } from "~/domain/orientation/numeros-nationaux";
import { type NumeroPublic, numeroKindLabels, numeroPublicPhrase } from "~/domain/orientation/orientation.labels";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { publicMeta } from "~/ui/meta";
import type { Route } from "./+types/besoin-d-aide";

export const meta: Route.MetaFunction = (args) =>
  publicMeta(args, {
    title: "Besoin d'aide",
    description:
      "Numéros d'urgence (112, 15, 17, 18, 114 par SMS), écoute gratuite (3114, 119, 3018…) et information préoccupante\u00a0: qui appeler quand un jeune est en danger.",
    path: "/besoin-d-aide",
  });

/** The referral directory of the site's département, read at each request (inactive entries left out). */
export async function loader() {
  const departement = getEnv().DEFAULT_DEPARTEMENT;
  const numeros = await findNumerosPourDepartement(getDb(), departement);
  return { groupes: grouperNumeros(numeros) };
}

const introOf: Record<NumeroKind, string> = {
  urgence:
    "Quelqu'un est en danger maintenant, blessé, ou risque de se faire du mal\u00a0: appelez. Ces numéros sont gratuits et répondent jour et nuit. Un promeneur, lui, n'est en ligne qu'à ses horaires annoncés et n'est pas un service d'urgence.",
  ecoute:
    "Des professionnels écoutent, conseillent et orientent, sans juger. Vous pouvez appeler pour vous ou pour quelqu'un d'autre.",
  signalement:
    "Pour faire connaître un contenu ou une situation aux services de l'État. Ce ne sont pas des services d'urgence.",
};

function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^www\./, "");
}

function detailsOf(numero: NumeroAffiche): string {
  const pour = numeroPublicPhrase[numero.public as NumeroPublic] ?? null;
  const gratuit = numero.gratuit === true ? "gratuit" : null;
  const details = [numero.horaires, gratuit, pour].filter(Boolean).join(" – ");
  return details ? `${details.charAt(0).toUpperCase()}${details.slice(1)}.` : "";
}

function NumeroCard({ numero }: { numero: NumeroAffiche }) {
  const urgent = numero.departement === null && numero.genre === "urgence";
  const callClass = `${urgent ? "btn-danger" : "btn"} min-h-11 max-w-full text-center text-lg`;
  const affiche = numero.telephone ?? numero.sms;
  const details = detailsOf(numero);
  return (
    <li className="flex min-w-0 flex-col rounded-md border border-slate-300 bg-white p-3 sm:p-4">
      <h3 className="text-lg font-semibold">
        {affiche && affiche !== numero.nom ? (
          <>
            <span className="whitespace-nowrap">{affiche}</span> – {numero.nom}
          </>
        ) : (
          numero.nom
        )}
      </h3>
      {numero.description ? <p className="mt-2 whitespace-pre-line">{numero.description}</p> : null}
      {details ? <p className="mt-2 text-sm text-slate-700">{details}</p> : null}
      <p className="mt-auto flex flex-wrap items-center gap-3 pt-3">
        {numero.telephone ? (
          <a href={`tel:${chiffresDe(numero.telephone)}`} className={callClass}>
            <span>
              Appeler le <span className="whitespace-nowrap">{numero.telephone}</span>
            </span>
          </a>
        ) : null}
        {numero.sms ? (
          <a href={`sms:${chiffresDe(numero.sms)}`} className={callClass}>
            <span>
              Envoyer un SMS au <span className="whitespace-nowrap">{numero.sms}</span>
            </span>
          </a>
        ) : null}
        {numero.url ? (
          <a href={numero.url} className="inline-flex min-h-11 items-center">
            {numero.telephone || numero.sms
              ? `Site\u00a0: ${hostOf(numero.url)}`
              : numero.genre === "signalement"
                ? `Signaler sur ${hostOf(numero.url)}`
                : `Sur internet\u00a0: ${hostOf(numero.url)}`}
          </a>
        ) : null}
      </p>
    </li>
  );
}

function NumerosSection({ kind, numeros }: { kind: NumeroKind; numeros: NumeroAffiche[] }) {
  const urgent = kind === "urgence";
  if (numeros.length === 0) return null;
  return (
    <section
      id={kind}
      aria-labelledby={`titre-${kind}`}
      className={`mt-6 rounded-lg p-3 sm:p-5 ${urgent ? "border-2 border-alerte-700 bg-red-50" : "bg-slate-50"}`}
    >
      <h2 id={`titre-${kind}`} className={urgent ? "text-alerte-700" : undefined}>
        {numeroKindLabels[kind]}
      </h2>
      <p className="mt-2">{introOf[kind]}</p>
      <ul className="mt-4 grid gap-4 sm:grid-cols-2">
        {numeros.map((numero) => (
          <NumeroCard key={numero.id} numero={numero} />
        ))}
      </ul>
    </section>
  );
}

export default function BesoinDAidePage({ loaderData }: Route.ComponentProps) {
  const { groupes } = loaderData;
  return (
    <div className="max-w-4xl">
      <h1>Besoin d'aide tout de suite&nbsp;?</h1>
      <p className="mt-3 text-lg">
        En danger, ou quelqu'un l'est&nbsp;? Appelez les secours sans attendre la réponse d'un promeneur.
      </p>

      <NumerosSection kind="urgence" numeros={groupes.urgence} />

      <nav aria-label="Sur cette page" className="mt-6">
        <ul className="flex flex-wrap gap-x-5 gap-y-2">
          {NUMERO_KINDS.filter((kind) => kind !== "urgence" && groupes[kind].length > 0).map((kind) => (
            <li key={kind}>
              <a href={`#${kind}`}>{numeroKindLabels[kind]}</a>
            </li>
          ))}
          <li>
            <a href="#services-du-departement">Services du département</a>
          </li>
          <li>
            <a href="#information-preoccupante">L'information préoccupante</a>
          </li>
        </ul>
      </nav>

      {NUMERO_KINDS.filter((kind) => kind !== "urgence").map((kind) => (
        <NumerosSection key={kind} kind={kind} numeros={groupes[kind]} />
      ))}

      <section
        id="services-du-departement"
        aria-labelledby="titre-services"
        className="mt-6 rounded-lg bg-slate-50 p-3 sm:p-5"
      >
        <h2 id="titre-services">Services du département</h2>
        {groupes.locaux.length > 0 ? (
          <>
            <p className="mt-2">
              Les services des Alpes-de-Haute-Provence qui accueillent, écoutent et accompagnent les jeunes et leurs
              familles, vérifiés par la coordination départementale.
            </p>
            <ul className="mt-4 grid gap-4 sm:grid-cols-2">
              {groupes.locaux.map((numero) => (
                <NumeroCard key={numero.id} numero={numero} />
              ))}
            </ul>
          </>
        ) : (
          <div className="prose-pdn mt-2 max-w-3xl">
            <p>
              Les coordonnées des services des Alpes-de-Haute-Provence seront ajoutées ici par la coordination
              départementale, après vérification&nbsp;:
            </p>
            <ul>
              <li>la CRIP du Département des Alpes-de-Haute-Provence&nbsp;;</li>
              <li>la Maison des Adolescents&nbsp;;</li>
              <li>les Points Accueil Écoute Jeunes (PAEJ)&nbsp;;</li>
              <li>les Missions locales&nbsp;;</li>
              <li>les Points Information Jeunesse (PIJ).</li>
            </ul>
            <p>
              En attendant, les numéros nationaux ci-dessus répondent et orientent vers les services proches de chez
              vous.
            </p>
          </div>
        )}
        <p className="mt-4">
          Pour une question qui n'est pas urgente, vous pouvez aussi <a href="/contact">contacter la coordination</a>.
        </p>
      </section>

      <section
        id="information-preoccupante"
        aria-labelledby="titre-information-preoccupante"
        className="prose-pdn mt-10 max-w-3xl"
      >
        <h2 id="titre-information-preoccupante">
          L'information préoccupante&nbsp;: pour les parents et les professionnels
        </h2>

        <h3 className="mt-6 text-lg font-semibold">De quoi s'agit-il&nbsp;?</h3>
        <p>
          Une information préoccupante, c'est une information qui laisse craindre qu'un enfant ou un adolescent de moins
          de 18&nbsp;ans est en danger, ou risque de l'être&nbsp;: sa santé, sa sécurité, sa moralité ou son
          développement sont menacés, ou il a besoin d'aide. Elle est transmise à la <strong>CRIP</strong>, la cellule
          de recueil des informations préoccupantes du Conseil départemental. Dans les Alpes-de-Haute-Provence, c'est la
          CRIP du Département des Alpes-de-Haute-Provence. La CRIP fait évaluer la situation par des professionnels. Le
          Département peut ensuite proposer une aide à la famille, mettre en place une mesure de protection ou, si
          nécessaire, saisir le procureur de la République.
        </p>
        <p>
          Transmettre une information préoccupante, ce n'est pas porter plainte ni accuser quelqu'un&nbsp;: c'est
          demander qu'une situation soit regardée par les professionnels de la protection de l'enfance. Il n'est pas
          nécessaire d'avoir des preuves.
        </p>

        <h3 className="mt-6 text-lg font-semibold">Vous êtes parent, proche, ou vous-même concerné</h3>
        <ul>
          <li>
            Tout le monde peut appeler le <a href="tel:119">119 – Allô Enfance en danger</a>, gratuit, 24&nbsp;h/24. Le
            119 écoute, conseille et transmet si besoin la situation à la CRIP du département.
          </li>
          <li>Vous pouvez aussi écrire ou vous adresser directement au Conseil départemental (CRIP).</li>
          <li>
            Un jeune peut en parler à un adulte de confiance&nbsp;: un promeneur, un éducateur, l'infirmière ou
            l'assistante sociale du collège ou du lycée, un médecin.
          </li>
        </ul>

        <h3 className="mt-6 text-lg font-semibold">Vous êtes professionnel</h3>
        <ul>
          <li>
            Suivez la procédure de votre employeur&nbsp;: parlez-en à votre responsable, sans attendre, et ne restez pas
            seul avec la situation.
          </li>
          <li>
            Rédigez une information préoccupante factuelle&nbsp;: ce que vous avez vu ou lu, les mots employés entre
            guillemets, les dates, sans interprétation. Adressez-la à la CRIP du Département des
            Alpes-de-Haute-Provence.
          </li>
          <li>
            Le secret professionnel n'empêche pas cette transmission&nbsp;: la loi permet de partager les informations
            nécessaires à la protection d'un enfant.
          </li>
          <li>Sauf si c'est contraire à l'intérêt de l'enfant, les parents sont informés de la transmission.</li>
        </ul>

        <h3 className="mt-6 text-lg font-semibold">En cas de danger grave ou immédiat</h3>
        <p>
          Appelez le <a href="tel:17">17</a> ou le <a href="tel:112">112</a>. Un professionnel peut aussi saisir
          directement le procureur de la République (c'est un signalement), en adressant une copie à la CRIP.
        </p>

        <h3 className="mt-6 text-lg font-semibold">Et les promeneurs du Net&nbsp;?</h3>
        <p>
          Un promeneur qui repère en ligne un jeune en danger suit cette même procédure, avec sa structure employeuse,
          et en informe la coordination départementale. Il ne garde jamais seul une situation de danger. La plateforme
          des promeneurs n'enregistre aucune donnée qui permettrait d'identifier le jeune.
        </p>
        <p>
          L'information préoccupante concerne les mineurs. Pour un jeune majeur en danger, appelez le 17 ou le 112, et
          pour un mal-être, le 3114 ou Fil Santé Jeunes.
        </p>
      </section>
    </div>
  );
}
