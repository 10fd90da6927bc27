import { can } from "~/domain/comptes/policy";
import { getRessource } from "~/domain/ressources/ressource.queries.server";
import { getDb } from "~/server/db.server";
import { notFound } from "~/server/errors.server";
import { fichierResponse, readFichier } from "~/server/fichiers.server";
import { requirePermission } from "~/server/request.server";
import type { Route } from "./+types/ressources.$id.fichier";

/**
 * The file of a resource, for the network of its département (public or network-only): 403 for a
 * role without access to resources, 404 for another département's resource or a hidden one (except
 * for its coordination).
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "ressource.reseau.lire");
  const db = getDb();
  const ressource = await getRessource(db, params.id);
  if (!ressource?.fichierId) notFound();
  const { departement } = ressource;
  if (!can(actor, "ressource.reseau.lire", { departement })) notFound();
  if (!ressource.publie && !can(actor, "contenu.gerer", { departement })) notFound();
  const fichier = await readFichier(db, ressource.fichierId);
  if (!fichier) notFound();
  return fichierResponse(fichier, { request });
}
