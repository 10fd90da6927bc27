import { Outlet } from "react-router";
import { homePathFor, primaryRole } from "~/domain/comptes/actor";
import { type Action, can } from "~/domain/comptes/policy";
import { roleLabels } from "~/domain/comptes/roles";
import { getEnv } from "~/server/env.server";
import { requireActor } from "~/server/request.server";
import { EspaceShell, type NavItem } from "~/ui/layouts/espace-shell";
import type { Route } from "./+types/_layout";

/** Signed-out visitors go to the sign-in page; each loader still checks its own permission. */
export const middleware: Route.MiddlewareFunction[] = [
  ({ context, request }, next) => {
    requireActor(context, request);
    return next();
  },
];

const entries: (NavItem & { action: Action; demoOnly?: boolean })[] = [
  { to: "/espace/national", label: "Vue nationale", action: "national.lire" },
  { to: "/espace/coordination", label: "Tableau de bord", action: "coordination.acceder" },
  { to: "/espace/pilotage", label: "Pilotage", action: "pilotage.lire" },
  { to: "/espace/indicateurs", label: "Indicateurs", action: "indicateurs.lire" },
  { to: "/espace/rapport-annuel", label: "Rapport d'activité", action: "rapport-annuel.lire" },
  { to: "/espace/budget", label: "Budget et subvention", action: "budget.lire" },
  { to: "/espace/appels", label: "Appels à candidatures", action: "appels.gerer" },
  { to: "/espace/structure", label: "Ma structure", action: "structure.lire" },
  { to: "/espace/promeneur", label: "Mon activité", action: "promeneur.acceder" },
  { to: "/espace/mes-rapports", label: "Mes bilans mensuels", action: "rapport.saisir" },
  { to: "/espace/rapports", label: "Bilans mensuels", action: "rapport.lire" },
  // The promeneur records theirs, the coordination reads all of its département: one page, one entry.
  { to: "/espace/situations", label: "Situations préoccupantes", action: "situation.saisir" },
  { to: "/espace/situations", label: "Situations préoccupantes", action: "situation.lire" },
  { to: "/espace/projets?vue=miens", label: "Mes projets de jeunes", action: "projet.saisir" },
  { to: "/espace/projets", label: "Projets de jeunes", action: "projet.lire" },
  { to: "/espace/evaluations", label: "Évaluations", action: "evaluations.acceder" },
  { to: "/espace/annonces", label: "Annonces", action: "annonce.lire" },
  { to: "/espace/regroupements", label: "Regroupements", action: "regroupement.lire" },
  { to: "/espace/comites", label: "Comités", action: "comite.lire" },
  { to: "/espace/participation", label: "Participation", action: "participation.lire" },
  { to: "/espace/promeneurs", label: "Promeneurs", action: "promeneur.lire" },
  { to: "/espace/structures", label: "Structures", action: "equipe.lire" },
  { to: "/espace/conformite", label: "Conformité des profils", action: "conformite.lire" },
  { to: "/espace/annuaire", label: "Annuaire du réseau", action: "annuaire.lire" },
  { to: "/espace/import", label: "Import et export", action: "reseau.importer" },
  { to: "/espace/messages", label: "Messages reçus", action: "messages.lire" },
  { to: "/espace/audience", label: "Audience du site", action: "audience.lire" },
  { to: "/espace/contenus", label: "Contenus du site", action: "contenu.gerer" },
  { to: "/espace/communication", label: "Actions de communication", action: "communication.lire" },
  { to: "/espace/ressources", label: "Ressources", action: "ressource.reseau.lire" },
  { to: "/espace/numeros", label: "Numéros d'aide", action: "numeros.gerer" },
  { to: "/espace/equipe", label: "Équipe et invitations", action: "equipe.lire" },
  { to: "/espace/territoire", label: "Territoire", action: "territoire.lire" },
  { to: "/espace/journal", label: "Journal des modifications", action: "journal.lire" },
  { to: "/espace/donnees-personnelles", label: "Effacement des données", action: "donnees.effacer" },
  { to: "/espace/registre", label: "Registre des traitements", action: "registre.lire" },
  { to: "/espace/outbox", label: "E-mails envoyés (démo)", action: "outbox.lire", demoOnly: true },
  { to: "/espace/compte", label: "Mon compte", action: "espace.acceder" },
  { to: "/espace/mes-donnees", label: "Mes données", action: "espace.acceder" },
];

export function loader({ context, request }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  const demo = getEnv().demo;
  const role = primaryRole(actor);
  const home = homePathFor(actor);
  const navigation = entries
    .filter((e) => can(actor, e.action) && (!e.demoOnly || demo))
    // A referent's "Ma structure" is their home; coordinators reach structures from "Structures".
    .filter((e) => !(e.to === "/espace/structure" && role !== "referent"))
    // A page listed under two actions (situations) appears once for an actor holding both.
    .filter((e, i, shown) => shown.findIndex((o) => o.to === e.to) === i)
    .map(({ to, label }) => ({ to, label }));
  return { nom: actor.nom, roleLabel: role ? roleLabels[role] : "sans rôle", navigation, home };
}

export default function EspaceLayout({ loaderData }: Route.ComponentProps) {
  return (
    <EspaceShell nom={loaderData.nom} roleLabel={loaderData.roleLabel} navigation={loaderData.navigation}>
      <Outlet />
    </EspaceShell>
  );
}
