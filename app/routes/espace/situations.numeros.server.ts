import { findNumerosPourDepartement } from "~/domain/orientation/numero.queries.server";
import { trouverCrip } from "~/domain/situations/situation.rules";
import type { Executor } from "~/server/db.server";
import type { NumeroDuFormulaire } from "./situations.form";

/**
 * The directory entries the situation form shows (national lines and the département's active
 * services, each with its categories: the page filters them by the chosen category), and the
 * département's CRIP when the coordination entered it.
 */
export async function numerosDuFormulaire(
  db: Executor,
  departement: string,
): Promise<{ numeros: NumeroDuFormulaire[]; crip: NumeroDuFormulaire | null }> {
  const numeros = (await findNumerosPourDepartement(db, departement)).map((n) => ({
    id: n.id,
    departement: n.departement,
    nom: n.nom,
    telephone: n.telephone,
    sms: n.sms,
    url: n.url,
    horaires: n.horaires,
    categories: n.categories,
  }));
  return { numeros, crip: trouverCrip(numeros) };
}
