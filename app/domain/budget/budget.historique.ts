/**
 * The budget's history as people read it (pure): each audit row's changes in French lines,
 * amounts with their euro sign, « avant → après ». The rows are written by budget.commands.server.ts.
 */
import { formatDate } from "~/lib/format";
import { typeVersementLabels } from "./budget.labels";
import { formatMontant, lireMontant } from "./montant";

const CHAMPS: Record<string, string> = {
  reprisDe: "Repris du budget",
  type: "Type",
  montant: "Montant",
  verseLe: "Date",
  ligne: "Ligne",
  sens: "Sens",
  fichier: "Fichier",
  prevu: "Prévu",
  realise: "Réalisé",
  charges: "Charges prévues",
  subvention: "Subvention CAF",
  subventionRetenue: "Subvention retenue",
  reduction: "Réduction",
  explication: "Calcul",
  rapportsRecusLe: "Rapports reçus le",
  etp: "Temps de coordination (ETP)",
  coutAnnuel: "Coût annuel d'un temps plein",
};

/** A value of a change: an amount as typed (« 5000,00 ») gets its euro sign, a day its French form. */
function valeur(champ: string, v: unknown): string {
  if (v === null || v === undefined || v === "") return "–";
  const texte = String(v);
  if (/^\d{4}-\d{2}-\d{2}$/.test(texte)) return formatDate(texte);
  if (champ === "type" && texte in typeVersementLabels)
    return typeVersementLabels[texte as keyof typeof typeVersementLabels];
  if (champ === "sens") return texte === "charge" ? "charge" : "produit";
  if (/^-?\d+,\d{2}$/.test(texte)) {
    const lu = lireMontant(texte, { negatif: true });
    if (lu.ok && lu.centimes !== null) return formatMontant(lu.centimes);
  }
  return texte;
}

function estChangement(v: unknown): v is { avant: unknown; apres: unknown } {
  return typeof v === "object" && v !== null && "avant" in v && "apres" in v;
}

function ligneChamp(libelle: string, champ: string, v: unknown): string {
  if (estChangement(v)) return `${libelle} : ${valeur(champ, v.avant)} → ${valeur(champ, v.apres)}`;
  return `${libelle} : ${valeur(champ, v)}`;
}

/** The French lines of one history entry's changes (the year, shown by the page, is left out). */
export function lignesHistorique(changes: unknown): string[] {
  if (typeof changes !== "object" || changes === null) return [];
  const lignes: string[] = [];
  for (const [cle, v] of Object.entries(changes as Record<string, unknown>)) {
    if (cle === "annee") continue;
    if ((cle === "lignes" || cle === "tempsCoordination") && typeof v === "object" && v !== null) {
      for (const [nom, champs] of Object.entries(v as Record<string, unknown>)) {
        if (cle === "tempsCoordination") {
          lignes.push(ligneChamp(CHAMPS[nom] ?? nom, nom, champs));
          continue;
        }
        for (const [champ, c] of Object.entries((champs ?? {}) as Record<string, unknown>)) {
          lignes.push(ligneChamp(`${nom} — ${champ}`, champ, c));
        }
      }
      continue;
    }
    lignes.push(ligneChamp(CHAMPS[cle] ?? cle, cle, v));
  }
  return lignes;
}
