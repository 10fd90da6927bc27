import type { Route } from "./+types/promeneurs";

export const meta: Route.MetaFunction = () => [
  { title: "Trouver un promeneur – Promeneurs du Net" },
  {
    name: "description",
    content:
      "L'annuaire officiel des Promeneurs du Net des Alpes-de-Haute-Provence est en préparation\u00a0: recherche par commune, réseau social, thème et présence en ligne.",
  },
];

export default function PromeneursPage() {
  return (
    <div className="prose-pdn max-w-3xl">
      <h1>Trouver un promeneur du Net</h1>
      <p className="text-lg">
        L'annuaire officiel des promeneurs du département est en préparation. Il sera publié sur cette page dès que les
        premiers profils auront été vérifiés par la coordination.
      </p>

      <section aria-labelledby="titre-fonctionnement">
        <h2 id="titre-fonctionnement">Ce que vous pourrez faire ici</h2>
        <ul>
          <li>
            chercher un promeneur <strong>près de chez vous</strong>, par commune ou intercommunalité&nbsp;;
          </li>
          <li>
            choisir le <strong>réseau social</strong> que vous utilisez&nbsp;: Instagram, Snapchat, TikTok, Discord,
            WhatsApp…&nbsp;;
          </li>
          <li>
            trouver quelqu'un pour un <strong>thème</strong>&nbsp;: santé, études, emploi, logement, harcèlement,
            projets…&nbsp;;
          </li>
          <li>
            voir qui est <strong>en ligne maintenant</strong>, d'après les horaires annoncés par chaque promeneur.
          </li>
        </ul>
        <p>
          Chaque fiche donnera le prénom du promeneur, sa photo, sa structure, ses horaires de présence et les liens
          vers ses comptes professionnels. C'est l'annuaire de référence pour vérifier qu'un profil est bien celui d'un
          promeneur.
        </p>
      </section>

      <section aria-labelledby="titre-en-attendant">
        <h2 id="titre-en-attendant">En attendant</h2>
        <ul>
          <li>
            Pour trouver un promeneur près de chez vous ou vérifier un profil,{" "}
            <a href="/contact">contactez la coordination départementale</a>.
          </li>
          <li>
            Si vous avez besoin d'aide maintenant, ou si quelqu'un est en danger, consultez les{" "}
            <a href="/besoin-d-aide">numéros d'urgence et d'écoute</a>.
          </li>
          <li>
            La <a href="/carte">carte du département</a> montre déjà les communes où le réseau a une structure.
          </li>
        </ul>
      </section>
    </div>
  );
}
