/**
 * The dashboard's GET filter besides the period (`lirePeriodeEtErreurs`): territory (EPCI, commune),
 * structure type (list A) and network (list B). An unknown code is not applied: the field gets a
 * French message and the filter its default (none). Pure.
 */
import { RESEAUX, reseauLabels } from "~/domain/profils/profil.labels";
import { STRUCTURE_TYPES, structureTypeLabels } from "~/domain/structures/structure.labels";

export type ChampFiltre = "epci" | "commune" | "type" | "reseau";

export type ListesFiltre = {
  epcis: ReadonlyArray<{ siren: string; nom: string }>;
  communes: ReadonlyArray<{ code: string; nom: string; epci: string | null }>;
};

export type FiltreLu = {
  valeurs: { epci: string | null; commune: string | null; typeStructure: string | null; reseau: string | null };
  /** What the person typed, to show it back in the form. */
  saisie: Record<ChampFiltre, string>;
  erreurs: Partial<Record<ChampFiltre, string>>;
};

export const optionsTypeStructure = STRUCTURE_TYPES.map((t) => ({ value: t, label: structureTypeLabels[t] }));
export const optionsReseau = RESEAUX.map((r) => ({ value: r, label: reseauLabels[r] }));

export function lireFiltre(params: URLSearchParams, listes: ListesFiltre): FiltreLu {
  const brut = (champ: ChampFiltre) => params.get(champ)?.trim() ?? "";
  const saisie = { epci: brut("epci"), commune: brut("commune"), type: brut("type"), reseau: brut("reseau") };
  const erreurs: FiltreLu["erreurs"] = {};
  const valeurs: FiltreLu["valeurs"] = { epci: null, commune: null, typeStructure: null, reseau: null };

  if (saisie.epci) {
    if (listes.epcis.some((e) => e.siren === saisie.epci)) valeurs.epci = saisie.epci;
    else erreurs.epci = "Choisissez un EPCI du département dans la liste\u00a0: ce filtre n'est pas appliqué.";
  }
  if (saisie.commune) {
    const commune = listes.communes.find((c) => c.code === saisie.commune);
    if (!commune)
      erreurs.commune = "Choisissez une commune du département dans la liste\u00a0: ce filtre n'est pas appliqué.";
    else if (valeurs.epci && commune.epci !== valeurs.epci)
      erreurs.commune = "Cette commune n'appartient pas à l'EPCI choisi\u00a0: ce filtre n'est pas appliqué.";
    else valeurs.commune = commune.code;
  }
  if (saisie.type) {
    if ((STRUCTURE_TYPES as readonly string[]).includes(saisie.type)) valeurs.typeStructure = saisie.type;
    else erreurs.type = "Choisissez un type de structure dans la liste\u00a0: ce filtre n'est pas appliqué.";
  }
  if (saisie.reseau) {
    if ((RESEAUX as readonly string[]).includes(saisie.reseau)) valeurs.reseau = saisie.reseau;
    else erreurs.reseau = "Choisissez un réseau social dans la liste\u00a0: ce filtre n'est pas appliqué.";
  }
  return { valeurs, saisie, erreurs };
}
