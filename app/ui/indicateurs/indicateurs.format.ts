/**
 * How the dashboards write the indicators' values: French numbers and percentages, « < 3 » for a
 * withheld count, and the evolution over the previous period in words. Pure (pages, steering view,
 * national view and tests share it).
 */
import type { CodeIndicateur, Evolution, Indicateurs } from "~/domain/indicateurs/indicateurs.types";
import { formatNumber } from "~/lib/format";

/** How a value reads: a count, a share 0–1 (« 83 % »), an index 0–1 (« 0,81 »), a mean (« 47,3 »), hours. */
export type FormatValeur = "nombre" | "taux" | "indice" | "moyenne" | "heures";

const pourcent = new Intl.NumberFormat("fr-FR", { style: "percent", maximumFractionDigits: 0 });
const deuxDecimales = new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const uneDecimale = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });

/** « < 3 » for a withheld count (`null`), the French number otherwise. */
export function texteNombre(nombre: number | null): string {
  return nombre === null ? "< 3" : formatNumber(nombre);
}

/** A value in its format; « – » when unknown (no profile, no request…). */
export function texteValeur(valeur: number | null, format: FormatValeur): string {
  if (valeur === null || !Number.isFinite(valeur)) return "–";
  switch (format) {
    case "nombre":
      return formatNumber(valeur);
    case "taux":
      return pourcent.format(valeur).replace(/\u202f%/, "\u00a0%");
    case "indice":
      return deuxDecimales.format(valeur);
    case "moyenne":
      return uneDecimale.format(valeur);
    case "heures":
      return `${uneDecimale.format(valeur)}\u00a0h`;
  }
}

/** « 12 % », a share 0–1 or null (« – »). */
export function textePourcent(valeur: number | null): string {
  return texteValeur(valeur, "taux");
}

/**
 * The evolution in words: « en hausse de 9 % par rapport à Année 2024 (377) », « stable par rapport
 * à … », « en baisse de 4 points… » for a share, « en hausse de 0,04… » for an index; « pas de
 * valeur à comparer sur Année 2024 » when either value is unknown.
 */
export function texteEvolution(evolution: Evolution, format: FormatValeur, libellePrecedente: string): string {
  const { valeur, precedente } = evolution;
  const reference = `par rapport à ${minusculeInitiale(libellePrecedente)}`;
  if (valeur === null || precedente === null)
    return `pas de valeur à comparer sur ${minusculeInitiale(libellePrecedente)}`;
  const ancienne = texteValeur(precedente, format);
  if (format === "taux") {
    const points = Math.round((valeur - precedente) * 100);
    if (points === 0) return `stable ${reference} (${ancienne})`;
    return `en ${points > 0 ? "hausse" : "baisse"} de ${formatNumber(Math.abs(points))} point${Math.abs(points) > 1 ? "s" : ""} ${reference} (${ancienne})`;
  }
  if (format === "indice") {
    const ecart = Math.round((valeur - precedente) * 100) / 100;
    if (ecart === 0) return `stable ${reference} (${ancienne})`;
    return `en ${ecart > 0 ? "hausse" : "baisse"} de ${deuxDecimales.format(Math.abs(ecart))} ${reference} (${ancienne})`;
  }
  if (valeur === precedente) return `stable ${reference} (${ancienne})`;
  if (precedente === 0) return `en hausse ${reference} (0)`;
  const variation = Math.round(((valeur - precedente) / precedente) * 100);
  if (variation === 0) return `stable ${reference} (${ancienne})`;
  return `en ${variation > 0 ? "hausse" : "baisse"} de ${formatNumber(Math.abs(variation))}\u00a0% ${reference} (${ancienne})`;
}

/** « Année 2024 » → « année 2024 », « 2e trimestre… » unchanged, « Du 3 mars… » → « du 3 mars… » (mid-sentence). */
function minusculeInitiale(texte: string): string {
  return texte.charAt(0).toLowerCase() + texte.slice(1);
}

/** One indicator's headline: what is measured, its value and the evolution (steering view, dashboard summary). */
export type Titre = { libelle: string; valeur: string; evolution: string };

/** The headline value of each of the nine indicators, in the order of their numbers. */
export function titresIndicateurs(i: Indicateurs): Record<CodeIndicateur, Titre> {
  const avant = i.periodePrecedente.libelle;
  const titre = (libelle: string, evolution: Evolution, format: FormatValeur): Titre => ({
    libelle,
    valeur: texteValeur(evolution.valeur, format),
    evolution: texteEvolution(evolution, format, avant),
  });
  return {
    conformite: titre("Profils conformes", i.conformite.taux, "taux"),
    jeunes: titre("Nouveaux jeunes en contact", i.jeunes.nouveaux, "nombre"),
    reseaux: titre("Réseaux avec un profil conforme", i.reseaux.reseauxConformes, "nombre"),
    demandes: titre("Demandes", i.demandes.total, "nombre"),
    echanges: titre("Échanges", i.echanges.total, "nombre"),
    participation: titre("Taux de présence aux regroupements", i.participation.taux, "taux"),
    publications: titre("Publications", i.publications.total, "nombre"),
    communication: titre("Actions de communication", i.communication.actions, "nombre"),
    couverture: titre("Population vivant dans une commune couverte", i.couverture.tauxPopulation, "taux"),
  };
}

/** « janvier 2025 » for « 2025-01 ». */
/** Built once: an Intl formatter costs far more to create than to use. */
const FORMAT_MOIS = new Intl.DateTimeFormat("fr-FR", { month: "long", year: "numeric", timeZone: "UTC" });

export function texteMois(mois: string): string {
  const [annee, numero] = mois.split("-").map(Number);
  if (!annee || !numero) return mois;
  return FORMAT_MOIS.format(new Date(Date.UTC(annee, numero - 1, 1)));
}
