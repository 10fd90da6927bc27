import { budgetJustificatifs, budgetLignes, budgets, budgetVersements, fichiers } from "@db/schema";
import { and, eq, sql } from "drizzle-orm";
import type { Actor } from "~/domain/comptes/actor";
import { jourIso } from "~/lib/jour";
import { isUuid } from "~/lib/text";
import { recordAudit } from "~/server/audit.server";
import type { Database, Executor } from "~/server/db.server";
import { Invalid, notFound, withUniqueGuard } from "~/server/errors.server";
import { type FichierVerifie, storeFichier } from "~/server/fichiers.server";
import { requireScoped } from "~/server/request.server";
import { etatBudget, libelleLigne } from "./budget.etat";
import { LIGNES_CHARGES, LIGNES_PRODUITS, type SensLigne } from "./budget.labels";
import { getBudgetComplet } from "./budget.queries.server";
import { coutCoordination, ETP_COORDINATION_CENTIEMES, texteEtp } from "./budget.rules";
import {
  CHAMP_FORMULAIRE,
  CHAMP_VERSION,
  champ,
  type LigneAjoutee,
  type SaisieBudget,
  type VersementSaisi,
} from "./budget.schema";
import { formatMontant, saisieMontant } from "./montant";

type Ctx = { db: Database; now: Date; requestId?: string };
type BudgetRow = typeof budgets.$inferSelect;

export const ANNEE_MIN = 2000;
export const ANNEE_MAX = 2100;
/** Supporting documents kept per line at most. */
export const JUSTIFICATIFS_PAR_LIGNE_MAX = 20;

const MESSAGE_SOUMIS = "Le budget est soumis : rouvrez-le en brouillon pour changer le prévu.";

/** The budget of a département's year, locked until the transaction ends; 404 when there is none. */
async function budgetVerrouille(tx: Executor, departement: string, annee: number): Promise<BudgetRow> {
  const [budget] = await tx
    .select()
    .from(budgets)
    .where(and(eq(budgets.departement, departement), eq(budgets.annee, annee)))
    .for("update")
    .limit(1);
  if (!budget) notFound("Ce budget n'existe pas.");
  return budget;
}

/**
 * Runs a write on a département's budget of a year: the permission first (403 for a role that
 * never manages budgets, 404 for another département), then one transaction with the budget
 * locked until it ends (404 when there is none), so that the write and its audit row stand or
 * fall together.
 */
async function dansLeBudget<T>(
  db: Database,
  actor: Actor,
  departement: string,
  annee: number,
  ecrire: (tx: Executor, budget: BudgetRow) => Promise<T>,
): Promise<T> {
  requireScoped(actor, "budget.gerer", { departement });
  return db.transaction(async (tx) => ecrire(tx, await budgetVerrouille(tx, departement, annee)));
}

function verifierVersion(budget: BudgetRow, version: number | undefined): void {
  if (version !== undefined && version !== budget.version) {
    throw new Invalid(
      CHAMP_VERSION,
      "Le budget a été modifié entre-temps (dans un autre onglet ou par une autre personne) : rechargez la page pour partir de la dernière version.",
    );
  }
}

/** A new version of the budget: every change bumps it, so that a form read before is refused. */
async function nouvelleVersion(tx: Executor, budget: BudgetRow, now: Date, set: Partial<BudgetRow> = {}) {
  await tx
    .update(budgets)
    .set({ ...set, version: sql`${budgets.version} + 1`, updatedAt: now })
    .where(eq(budgets.id, budget.id));
}

async function journal(
  tx: Executor,
  actor: Actor,
  budget: Pick<BudgetRow, "id" | "departement" | "annee">,
  action: string,
  changes: Record<string, unknown>,
  requestId: string | undefined,
) {
  await recordAudit(
    tx,
    actor,
    {
      action,
      entityType: "budget",
      entityId: budget.id,
      departement: budget.departement,
      changes: { annee: budget.annee, ...changes },
    },
    requestId,
  );
}

function lignesListeK(): Array<{ sens: SensLigne; code: string; ordre: number }> {
  return [
    ...Object.keys(LIGNES_CHARGES).map((code, ordre) => ({ sens: "charge" as const, code, ordre })),
    ...Object.keys(LIGNES_PRODUITS).map((code, ordre) => ({ sens: "produit" as const, code, ordre })),
  ];
}

/**
 * Opens a year's budget: list K's lines at 0 and the coordinator's time at 0.5 FTE, or — with
 * `reprendre` — the planned amounts, added lines and coordinator's time of the year before.
 */
export async function ouvrirBudget(
  { db, now, requestId }: Ctx,
  actor: Actor,
  departement: string,
  annee: number,
  options: { reprendre?: boolean } = {},
): Promise<{ id: string }> {
  requireScoped(actor, "budget.gerer", { departement });
  if (!Number.isInteger(annee) || annee < ANNEE_MIN || annee > ANNEE_MAX) {
    throw new Invalid("annee", `Indiquez une année entre ${ANNEE_MIN} et ${ANNEE_MAX}.`);
  }
  const doublon = new Invalid("annee", `Le budget ${annee} existe déjà : ouvrez-le dans la liste.`);
  return withUniqueGuard(
    () =>
      db.transaction(async (tx) => {
        const [existant] = await tx
          .select({ id: budgets.id })
          .from(budgets)
          .where(and(eq(budgets.departement, departement), eq(budgets.annee, annee)))
          .limit(1);
        if (existant) throw doublon;
        const precedent = options.reprendre ? await getBudgetComplet(tx, departement, annee - 1) : null;
        if (options.reprendre && !precedent) {
          throw new Invalid("reprendre", `Il n'y a pas de budget ${annee - 1} à reprendre.`);
        }
        const [row] = await tx
          .insert(budgets)
          .values({
            departement,
            annee,
            etpCoordination: precedent ? precedent.etpCoordination : ETP_COORDINATION_CENTIEMES,
            coutAnnuelCoordination: precedent?.coutAnnuelCoordination ?? null,
            createdAt: now,
            updatedAt: now,
          })
          .returning({ id: budgets.id });
        if (!row) throw new Error("budget not inserted");
        const lignes = precedent
          ? precedent.lignes.map((l) => ({
              sens: l.sens,
              code: l.code,
              libelle: l.libelle,
              prevu: l.prevu,
              ordre: l.ordre,
            }))
          : lignesListeK();
        await tx.insert(budgetLignes).values(lignes.map((l) => ({ budgetId: row.id, ...l })));
        await journal(
          tx,
          actor,
          { id: row.id, departement, annee },
          "budget.ouvrir",
          precedent ? { reprisDe: annee - 1 } : {},
          requestId,
        );
        return row;
      }),
    { budgets_departement_annee_unique: doublon },
  );
}

type Changement = { avant: string | null; apres: string | null };

/**
 * Saves the budget's amounts and comments (a draft may break the rules; their statuses are
 * recomputed on every read). The staff line's planned amount is FTE × the full-time annual cost
 * when both are entered. A submitted budget keeps its planned column: only the actual amounts and
 * the comments change until it is reopened.
 */
export async function enregistrerBudget(
  { db, now, requestId }: Ctx,
  actor: Actor,
  departement: string,
  annee: number,
  saisie: SaisieBudget,
  version: number | undefined,
): Promise<{ changements: number }> {
  return dansLeBudget(db, actor, departement, annee, async (tx, budget) => {
    verifierVersion(budget, version);
    const lignes = await tx.select().from(budgetLignes).where(eq(budgetLignes.budgetId, budget.id));
    const soumis = budget.statut === "soumis";
    // A field not in the form keeps its value; a submitted budget's planned column does not change.
    const etp = saisie.etpCoordination === undefined ? budget.etpCoordination : saisie.etpCoordination;
    const cout =
      saisie.coutAnnuelCoordination === undefined ? budget.coutAnnuelCoordination : saisie.coutAnnuelCoordination;
    if (soumis && etp !== budget.etpCoordination) throw new Invalid("etpCoordination", MESSAGE_SOUMIS);
    if (soumis && cout !== budget.coutAnnuelCoordination) throw new Invalid("coutAnnuelCoordination", MESSAGE_SOUMIS);

    const changements: Record<string, Record<string, Changement>> = {};
    const ecart = (nom: string, champ: string, avant: string | null, apres: string | null) => {
      if (avant === apres) return;
      changements[nom] = { ...changements[nom], [champ]: { avant, apres } };
    };
    const montant = (c: number | null) => (c === null ? null : saisieMontant(c));
    for (const ligne of lignes) {
      const s = saisie.lignes.find((x) => x.id === ligne.id);
      if (!s) continue;
      const calcule =
        ligne.code === "personnel_coordination" && etp !== null && cout !== null ? coutCoordination(etp, cout) : null;
      if (soumis && s.prevu !== undefined && s.prevu !== ligne.prevu && calcule === null) {
        throw new Invalid(champ.prevu(ligne.id), MESSAGE_SOUMIS);
      }
      const prevu = soumis ? ligne.prevu : (calcule ?? s.prevu ?? ligne.prevu);
      const nom = libelleLigne({ sens: ligne.sens as SensLigne, code: ligne.code, libelle: ligne.libelle });
      ecart(nom, "prévu", montant(ligne.prevu), montant(prevu));
      ecart(nom, "réalisé", montant(ligne.realise), montant(s.realise));
      ecart(nom, "commentaire", ligne.commentaire || null, s.commentaire || null);
      if (prevu !== ligne.prevu || s.realise !== ligne.realise || s.commentaire !== ligne.commentaire) {
        await tx
          .update(budgetLignes)
          .set({ prevu, realise: s.realise, commentaire: s.commentaire })
          .where(eq(budgetLignes.id, ligne.id));
      }
    }
    const temps: Record<string, Changement> = {};
    if (etp !== budget.etpCoordination) {
      temps.etp = {
        avant: budget.etpCoordination === null ? null : texteEtp(budget.etpCoordination),
        apres: etp === null ? null : texteEtp(etp),
      };
    }
    if (cout !== budget.coutAnnuelCoordination) {
      temps.coutAnnuel = { avant: montant(budget.coutAnnuelCoordination), apres: montant(cout) };
    }
    const nombre = Object.keys(changements).length + Object.keys(temps).length;
    if (nombre === 0) return { changements: 0 };
    await nouvelleVersion(tx, budget, now, { etpCoordination: etp, coutAnnuelCoordination: cout });
    await journal(
      tx,
      actor,
      budget,
      "budget.modifier",
      { ...(Object.keys(temps).length > 0 ? { tempsCoordination: temps } : {}), lignes: changements },
      requestId,
    );
    return { changements: nombre };
  });
}

/** Adds a line the coordinator names (list K is extendable): an « autre » charge or income line. */
export async function ajouterLigne(
  { db, now, requestId }: Ctx,
  actor: Actor,
  departement: string,
  annee: number,
  input: LigneAjoutee,
): Promise<{ id: string }> {
  return dansLeBudget(db, actor, departement, annee, async (tx, budget) => {
    const lignes = await tx.select().from(budgetLignes).where(eq(budgetLignes.budgetId, budget.id));
    const cle = (t: string) => t.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().trim();
    const pris = lignes.some(
      (l) =>
        l.sens === input.sens &&
        cle(libelleLigne({ sens: input.sens, code: l.code, libelle: l.libelle })) === cle(input.libelle),
    );
    if (pris) throw new Invalid("libelle", "Une ligne porte déjà cet intitulé.");
    const ordre = Math.max(-1, ...lignes.filter((l) => l.sens === input.sens).map((l) => l.ordre)) + 1;
    const [row] = await tx
      .insert(budgetLignes)
      .values({
        budgetId: budget.id,
        sens: input.sens,
        code: input.sens === "charge" ? "autre_charge" : "autre_produit",
        libelle: input.libelle,
        ordre,
      })
      .returning({ id: budgetLignes.id });
    if (!row) throw new Error("ligne not inserted");
    await nouvelleVersion(tx, budget, now);
    await journal(tx, actor, budget, "budget.ligne.ajouter", { ligne: input.libelle, sens: input.sens }, requestId);
    return row;
  });
}

/** Removes a line the coordinator added (list K's lines stay, at 0 if unused), with its documents. */
export async function supprimerLigne(
  { db, now, requestId }: Ctx,
  actor: Actor,
  departement: string,
  annee: number,
  ligneId: string | undefined,
): Promise<void> {
  await dansLeBudget(db, actor, departement, annee, async (tx, budget) => {
    if (!isUuid(ligneId)) notFound();
    const [ligne] = await tx
      .select()
      .from(budgetLignes)
      .where(and(eq(budgetLignes.id, ligneId), eq(budgetLignes.budgetId, budget.id)))
      .limit(1);
    if (!ligne) notFound();
    if (!ligne.libelle) {
      throw new Invalid(CHAMP_FORMULAIRE, "Les lignes de l'appel à projets restent au budget : laissez-les à 0.");
    }
    if (budget.statut === "soumis" && ligne.prevu > 0) throw new Invalid(CHAMP_FORMULAIRE, MESSAGE_SOUMIS);
    const documents = await tx
      .select({ fichierId: budgetJustificatifs.fichierId })
      .from(budgetJustificatifs)
      .where(eq(budgetJustificatifs.ligneId, ligne.id));
    await tx.delete(budgetLignes).where(eq(budgetLignes.id, ligne.id));
    for (const d of documents) await tx.delete(fichiers).where(eq(fichiers.id, d.fichierId));
    await nouvelleVersion(tx, budget, now);
    await journal(
      tx,
      actor,
      budget,
      "budget.ligne.supprimer",
      {
        ligne: ligne.libelle,
        prevu: saisieMontant(ligne.prevu),
        realise: ligne.realise === null ? null : saisieMontant(ligne.realise),
      },
      requestId,
    );
  });
}

/** Submits the budget: refused, with every rule it breaks, unless the planned budget keeps them all. */
export async function soumettreBudget(
  { db, now, requestId }: Ctx,
  actor: Actor,
  departement: string,
  annee: number,
  version: number | undefined,
): Promise<void> {
  await dansLeBudget(db, actor, departement, annee, async (tx, budget) => {
    verifierVersion(budget, version);
    if (budget.statut === "soumis") throw new Invalid(CHAMP_FORMULAIRE, "Ce budget est déjà soumis.");
    const complet = await getBudgetComplet(tx, departement, annee);
    if (!complet) notFound();
    const etat = etatBudget(complet, jourIso(now));
    if (!etat.soumettable) {
      const enCause = etat.verificationsPrevu.filter((v) => v.statut !== "respectee").map((v) => v.message);
      throw new Invalid(
        CHAMP_FORMULAIRE,
        `Ce budget ne peut pas être soumis tant qu'une règle de l'appel n'est pas respectée. ${enCause.join(" ")}`,
      );
    }
    await nouvelleVersion(tx, budget, now, { statut: "soumis", soumisLe: now, soumisPar: actor.userId });
    await journal(
      tx,
      actor,
      budget,
      "budget.soumettre",
      { charges: saisieMontant(etat.prevu.charges), subvention: saisieMontant(etat.subvention) },
      requestId,
    );
  });
}

/** Takes a submitted budget back to draft, so that its planned column can change again. */
export async function rouvrirBudget(
  { db, now, requestId }: Ctx,
  actor: Actor,
  departement: string,
  annee: number,
): Promise<void> {
  await dansLeBudget(db, actor, departement, annee, async (tx, budget) => {
    if (budget.statut !== "soumis") throw new Invalid(CHAMP_FORMULAIRE, "Ce budget est déjà en brouillon.");
    await nouvelleVersion(tx, budget, now, { statut: "brouillon", soumisLe: null, soumisPar: null });
    await journal(tx, actor, budget, "budget.rouvrir", {}, requestId);
  });
}

/**
 * Records a payment of the subsidy (advance, balance) or a repayment to the CAF, once received.
 * Refused: before the budget is submitted, a date in the future or before the year, a balance
 * before both reports are received, a payment beyond the subsidy retained, a repayment beyond
 * what is owed.
 */
export async function enregistrerVersement(
  { db, now, requestId }: Ctx,
  actor: Actor,
  departement: string,
  annee: number,
  saisie: VersementSaisi,
): Promise<{ id: string }> {
  return dansLeBudget(db, actor, departement, annee, async (tx, budget) => {
    if (budget.statut !== "soumis") {
      throw new Invalid("type", "Soumettez d'abord le budget : la subvention se verse sur un budget soumis.");
    }
    const aujourdhui = jourIso(now);
    if (saisie.verseLe > aujourdhui) {
      throw new Invalid("verseLe", "Cette date est à venir : enregistrez un versement une fois reçu.");
    }
    if (saisie.verseLe < `${annee}-01-01`) {
      throw new Invalid(
        "verseLe",
        `Un versement de la subvention ${annee} ne date pas d'avant le 1er janvier ${annee}.`,
      );
    }
    const complet = await getBudgetComplet(tx, departement, annee);
    if (!complet) notFound();
    const { echeancier } = etatBudget(complet, aujourdhui);
    if (saisie.type === "solde" && !budget.rapportsRecusLe) {
      throw new Invalid(
        "type",
        "Le solde se verse une fois les rapports d'activité et financier reçus : enregistrez d'abord leur réception.",
      );
    }
    if (saisie.type === "remboursement") {
      if (saisie.montant > echeancier.aRembourser) {
        throw new Invalid(
          "montant",
          echeancier.aRembourser === 0
            ? "Rien n'est à rembourser sur cette subvention."
            : `${formatMontant(echeancier.aRembourser)} restent à rembourser, pas davantage.`,
        );
      }
    } else if (echeancier.totalVerse + saisie.montant > echeancier.subventionRetenue) {
      throw new Invalid(
        "montant",
        `Ce versement porterait le total versé à ${formatMontant(echeancier.totalVerse + saisie.montant)}, au-delà de la subvention retenue (${formatMontant(echeancier.subventionRetenue)}) : il reste ${formatMontant(echeancier.resteDu)} à verser.`,
      );
    }
    const [row] = await tx
      .insert(budgetVersements)
      .values({
        budgetId: budget.id,
        type: saisie.type,
        centimes: saisie.montant,
        verseLe: saisie.verseLe,
        commentaire: saisie.commentaire,
        creePar: actor.userId,
        createdAt: now,
      })
      .returning({ id: budgetVersements.id });
    if (!row) throw new Error("versement not inserted");
    await nouvelleVersion(tx, budget, now);
    await journal(
      tx,
      actor,
      budget,
      "budget.versement.ajouter",
      { type: saisie.type, montant: saisieMontant(saisie.montant), verseLe: saisie.verseLe },
      requestId,
    );
    return row;
  });
}

/** Deletes a payment recorded by mistake. */
export async function supprimerVersement(
  { db, now, requestId }: Ctx,
  actor: Actor,
  departement: string,
  annee: number,
  versementId: string | undefined,
): Promise<void> {
  await dansLeBudget(db, actor, departement, annee, async (tx, budget) => {
    if (!isUuid(versementId)) notFound();
    const [versement] = await tx
      .delete(budgetVersements)
      .where(and(eq(budgetVersements.id, versementId), eq(budgetVersements.budgetId, budget.id)))
      .returning();
    if (!versement) notFound();
    await nouvelleVersion(tx, budget, now);
    await journal(
      tx,
      actor,
      budget,
      "budget.versement.supprimer",
      { type: versement.type, montant: saisieMontant(versement.centimes), verseLe: versement.verseLe },
      requestId,
    );
  });
}

/** The day both the activity and the financial reports were received (null: not yet); the balance is then due. */
export async function enregistrerRapportsRecus(
  { db, now, requestId }: Ctx,
  actor: Actor,
  departement: string,
  annee: number,
  recusLe: string | null,
): Promise<void> {
  await dansLeBudget(db, actor, departement, annee, async (tx, budget) => {
    if (recusLe !== null && recusLe > jourIso(now)) {
      throw new Invalid(
        "rapportsRecusLe",
        "Cette date est à venir : enregistrez la réception une fois les rapports reçus.",
      );
    }
    if (recusLe !== null && recusLe < `${annee}-01-01`) {
      throw new Invalid("rapportsRecusLe", `Les rapports de ${annee} ne sont pas reçus avant le 1er janvier ${annee}.`);
    }
    if (budget.rapportsRecusLe === recusLe) return;
    await nouvelleVersion(tx, budget, now, { rapportsRecusLe: recusLe });
    await journal(
      tx,
      actor,
      budget,
      "budget.rapports_recus",
      { rapportsRecusLe: { avant: budget.rapportsRecusLe, apres: recusLe } },
      requestId,
    );
  });
}

/**
 * Confirms the prorating the page showed: the subsidy retained must still be the one computed from
 * the actual charges now (`montantAffiche`), else the coordinator is asked to look again.
 */
export async function confirmerProratisation(
  { db, now, requestId }: Ctx,
  actor: Actor,
  departement: string,
  annee: number,
  montantAffiche: number | null,
): Promise<void> {
  await dansLeBudget(db, actor, departement, annee, async (tx, budget) => {
    const complet = await getBudgetComplet(tx, departement, annee);
    if (!complet) notFound();
    const { proratisation } = etatBudget(complet, jourIso(now));
    if (!proratisation) {
      throw new Invalid(CHAMP_FORMULAIRE, "Saisissez le réalisé de chaque ligne de charge avant de proratiser.");
    }
    if (!proratisation.proratisee) {
      throw new Invalid(
        CHAMP_FORMULAIRE,
        "Les charges réalisées atteignent le prévu : la subvention est retenue en entier, sans proratisation.",
      );
    }
    if (montantAffiche !== proratisation.subventionRetenue) {
      throw new Invalid(
        CHAMP_VERSION,
        "Le calcul a changé depuis son affichage (le réalisé a été modifié) : vérifiez le nouveau montant avant de confirmer.",
      );
    }
    await nouvelleVersion(tx, budget, now, {
      subventionProratisee: proratisation.subventionRetenue,
      proratisationConfirmeeLe: now,
    });
    await journal(
      tx,
      actor,
      budget,
      "budget.proratisation.confirmer",
      {
        subventionRetenue: saisieMontant(proratisation.subventionRetenue),
        reduction: saisieMontant(proratisation.reduction),
        explication: proratisation.explication,
      },
      requestId,
    );
  });
}

/** Cancels a confirmed prorating: the whole subsidy is retained again. */
export async function annulerProratisation(
  { db, now, requestId }: Ctx,
  actor: Actor,
  departement: string,
  annee: number,
): Promise<void> {
  await dansLeBudget(db, actor, departement, annee, async (tx, budget) => {
    if (budget.subventionProratisee === null) {
      throw new Invalid(CHAMP_FORMULAIRE, "La subvention de ce budget n'est pas proratisée.");
    }
    await nouvelleVersion(tx, budget, now, { subventionProratisee: null, proratisationConfirmeeLe: null });
    await journal(
      tx,
      actor,
      budget,
      "budget.proratisation.annuler",
      { subventionRetenue: saisieMontant(budget.subventionProratisee) },
      requestId,
    );
  });
}

/** Attaches a checked document (invoice, pay slip, notification) to a line. */
export async function ajouterJustificatif(
  { db, now, requestId }: Ctx,
  actor: Actor,
  departement: string,
  annee: number,
  ligneId: string | undefined,
  fichier: FichierVerifie,
): Promise<{ id: string }> {
  return dansLeBudget(db, actor, departement, annee, async (tx, budget) => {
    if (!isUuid(ligneId)) notFound();
    const [ligne] = await tx
      .select()
      .from(budgetLignes)
      .where(and(eq(budgetLignes.id, ligneId), eq(budgetLignes.budgetId, budget.id)))
      .limit(1);
    if (!ligne) notFound();
    const [{ nombre } = { nombre: 0 }] = await tx
      .select({ nombre: sql<number>`count(*)::int` })
      .from(budgetJustificatifs)
      .where(eq(budgetJustificatifs.ligneId, ligne.id));
    if (nombre >= JUSTIFICATIFS_PAR_LIGNE_MAX) {
      throw new Invalid(
        "fichier",
        `${JUSTIFICATIFS_PAR_LIGNE_MAX} justificatifs au plus par ligne : retirez-en un d'abord.`,
      );
    }
    const fichierId = await storeFichier(tx, fichier, { departement, creePar: actor.userId });
    const [row] = await tx
      .insert(budgetJustificatifs)
      .values({ ligneId: ligne.id, fichierId, createdAt: now })
      .returning({ id: budgetJustificatifs.id });
    if (!row) throw new Error("justificatif not inserted");
    await nouvelleVersion(tx, budget, now);
    await journal(
      tx,
      actor,
      budget,
      "budget.justificatif.ajouter",
      {
        ligne: libelleLigne({ sens: ligne.sens as SensLigne, code: ligne.code, libelle: ligne.libelle }),
        fichier: fichier.nom,
      },
      requestId,
    );
    return row;
  });
}

export async function supprimerJustificatif(
  { db, now, requestId }: Ctx,
  actor: Actor,
  departement: string,
  annee: number,
  justificatifId: string | undefined,
): Promise<void> {
  await dansLeBudget(db, actor, departement, annee, async (tx, budget) => {
    if (!isUuid(justificatifId)) notFound();
    const [j] = await tx
      .select({
        id: budgetJustificatifs.id,
        fichierId: budgetJustificatifs.fichierId,
        nom: fichiers.nom,
        sens: budgetLignes.sens,
        code: budgetLignes.code,
        libelle: budgetLignes.libelle,
      })
      .from(budgetJustificatifs)
      .innerJoin(budgetLignes, eq(budgetLignes.id, budgetJustificatifs.ligneId))
      .innerJoin(fichiers, eq(fichiers.id, budgetJustificatifs.fichierId))
      .where(and(eq(budgetJustificatifs.id, justificatifId), eq(budgetLignes.budgetId, budget.id)))
      .limit(1);
    if (!j) notFound();
    await tx.delete(fichiers).where(eq(fichiers.id, j.fichierId));
    await nouvelleVersion(tx, budget, now);
    await journal(
      tx,
      actor,
      budget,
      "budget.justificatif.supprimer",
      { ligne: libelleLigne({ sens: j.sens as SensLigne, code: j.code, libelle: j.libelle }), fichier: j.nom },
      requestId,
    );
  });
}
