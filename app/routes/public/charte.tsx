import type { Route } from "./+types/charte";

export const meta: Route.MetaFunction = () => [
  { title: "La charte – Promeneurs du Net" },
  {
    name: "description",
    content:
      "Les principes de la charte nationale des Promeneurs du Net\u00a0: posture professionnelle, compte identifié, respect de la vie privée, aucune surveillance, horaires annoncés, procédures d'alerte, formation et engagement de l'employeur.",
  },
];

const principes = [
  {
    id: "posture",
    titre: "Une posture professionnelle",
    texte:
      "Le promeneur agit en ligne comme il le fait dans sa structure\u00a0: avec la même éthique, dans le cadre de ses missions et sous la responsabilité de son employeur. Il ne mélange jamais sa vie personnelle et son activité de promeneur.",
  },
  {
    id: "presence",
    titre: "Une présence éducative",
    texte:
      "Il écoute, informe, conseille, encourage les projets des jeunes, prévient les risques et oriente vers les services compétents. Il n'est ni un modérateur, ni un service d'urgence, ni une publicité pour sa structure.",
  },
  {
    id: "transparence",
    titre: "La transparence",
    texte:
      "Il utilise un compte professionnel, distinct de ses comptes personnels, qui montre sa photo, son prénom, sa structure employeuse et le visuel Promeneurs du Net. Il n'est jamais anonyme et figure dans l'annuaire officiel, où chacun peut vérifier son profil.",
  },
  {
    id: "vie-privee",
    titre: "Le respect de la vie privée",
    texte:
      "Ce qu'un jeune confie reste confidentiel et n'est partagé que si sa protection l'exige. Le promeneur ne diffuse pas les échanges, ne collecte pas d'informations inutiles et respecte le droit à l'image.",
  },
  {
    id: "initiative",
    titre: "C'est le jeune qui prend contact",
    texte:
      "Le promeneur se fait connaître et publie, mais il ne sollicite pas les jeunes un par un\u00a0: c'est le jeune qui choisit de lui écrire, et il reste libre d'arrêter l'échange à tout moment.",
  },
  {
    id: "surveillance",
    titre: "Aucune surveillance",
    texte:
      "Le promeneur ne surveille pas les comptes des jeunes et ne rapporte pas ce qu'il voit à leurs parents, à leur établissement ou à une administration, sauf danger pour le jeune.",
  },
  {
    id: "horaires",
    titre: "Des horaires annoncés",
    texte:
      "Il est présent en ligne sur son temps de travail, à des horaires affichés sur son profil. En dehors de ces horaires, il indique où trouver de l'aide.",
  },
  {
    id: "alerte",
    titre: "Des procédures d'alerte",
    texte:
      "Face à un jeune en danger, il ne reste pas seul\u00a0: il applique les procédures prévues (secours, information préoccupante, signalement d'un contenu illicite) avec son employeur et en informe la coordination départementale.",
  },
  {
    id: "formation",
    titre: "Formation et accompagnement",
    texte:
      "Il suit une formation initiale, puis participe à l'analyse de pratiques et aux rencontres du réseau animées par la coordination départementale.",
  },
  {
    id: "employeur",
    titre: "L'engagement de l'employeur",
    texte:
      "La structure signe une charte employeur\u00a0: elle reconnaît la présence en ligne comme une mission à part entière, lui consacre du temps de travail et le matériel nécessaire, et soutient le promeneur, notamment face aux situations difficiles.",
  },
] as const;

export default function ChartePage() {
  return (
    <div className="prose-pdn max-w-3xl">
      <h1>La charte des Promeneurs du Net</h1>
      <p className="text-lg">
        Chaque promeneur et chaque structure employeuse s'engagent à respecter la charte nationale des Promeneurs du
        Net. Voici ses principes, résumés avec nos mots.
      </p>

      {principes.map((p, index) => (
        <section key={p.id} aria-labelledby={`principe-${p.id}`}>
          <h2 id={`principe-${p.id}`}>
            {index + 1}. {p.titre}
          </h2>
          <p>{p.texte}</p>
        </section>
      ))}

      <section aria-labelledby="titre-reference">
        <h2 id="titre-reference">Le texte de référence</h2>
        <p>
          Cette page ne remplace pas la charte&nbsp;: le texte qui fait foi est la charte nationale des Promeneurs du
          Net de la Caisse nationale des allocations familiales (CNAF). La{" "}
          <a href="/contact">coordination départementale</a> peut vous la transmettre, ainsi que la charte employeur.
        </p>
      </section>
    </div>
  );
}
