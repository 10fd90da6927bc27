import { promeneurs, rapportsMensuels } from "@db/schema";
import { and, eq, sql } from "drizzle-orm";
import type { Actor } from "~/domain/comptes/actor";
import { can } from "~/domain/comptes/policy";
import { marqueAgregatsARefaire } from "~/domain/indicateurs/agregats.server";
import { STATUTS_COMPTES } from "~/domain/indicateurs/indicateurs.rules";
import { recordAudit } from "~/server/audit.server";
import type { Database, Executor } from "~/server/db.server";
import { forbidden, Invalid } from "~/server/errors.server";
import { requireScoped } from "~/server/request.server";
import { type RapportStatut, RUBRIQUES } from "./rapport.labels";
import { type SaisieRapport, totauxDe, verifierCoherence } from "./rapport.rules";
import {
  type MoisIso,
  parseMois,
  refusMois,
  refusSoumissionMoisEnCours,
  refusTransition,
  statutApres,
} from "./rapport.workflow";

/**
 * `declarant`: the actor's promeneur as `requireDeclarant` just returned it in the same request
 * (the form action checks it before reading the form); read again when absent.
 */
type Ctx = { db: Database; now: Date; requestId?: string; declarant?: PromeneurDeclarant };

/** Fields a refusal is reported on, besides the form's own fields. */
export const CHAMP_MOIS = "mois";
/** The report's status forbids the change (already submitted, validated): a conflict, 409. */
export const CHAMP_STATUT = "statut";
/** The form was read at an older version (another tab or device saved since): a conflict, 409. */
export const CHAMP_VERSION = "version";

/**
 * Promeneur statuses that may file reports: `actif`, and `suspendu` (a suspension is temporary and
 * the months worked before it still need their report). Before activation (`propose`, `accepte`,
 * `forme`) there is no activity to report; after leaving (`sorti`) or a refusal, nothing is filed
 * any more — the coordination keeps what was submitted.
 */
export const STATUTS_QUI_SAISISSENT = ["actif", "suspendu"] as const;

export type PromeneurDeclarant = {
  id: string;
  departement: string;
  structureId: string;
  statut: string;
  entreeLe: Date | null;
  sortieLe: Date | null;
};

/** The promeneur record of the actor's own account, or null (reports are always their own). */
export async function findPromeneurDeclarant(db: Executor, userId: string): Promise<PromeneurDeclarant | null> {
  const [row] = await db
    .select({
      id: promeneurs.id,
      departement: promeneurs.departement,
      structureId: promeneurs.structureId,
      statut: promeneurs.statut,
      entreeLe: promeneurs.entreeLe,
      sortieLe: promeneurs.sortieLe,
    })
    .from(promeneurs)
    .where(eq(promeneurs.userId, userId));
  return row ?? null;
}

/**
 * The promeneur the actor files for: 403 without `rapport.saisir`, without a linked record, or
 * when their status does not file reports (with the reason); 404 when their record is in a
 * département where they hold no promeneur role.
 */
export async function requireDeclarant(db: Executor, actor: Actor): Promise<PromeneurDeclarant> {
  if (!can(actor, "rapport.saisir")) forbidden();
  const promeneur = await findPromeneurDeclarant(db, actor.userId);
  if (!promeneur) {
    forbidden("Votre compte n'est pas relié à une fiche de promeneur : contactez la coordination.");
  }
  requireScoped(actor, "rapport.saisir", { departement: promeneur.departement });
  return promeneur;
}

/** Why this promeneur may not file a report now, or null. */
export function refusDeclarant(statut: string): string | null {
  if ((STATUTS_QUI_SAISISSENT as readonly string[]).includes(statut)) return null;
  if (statut === "sorti") return "Vous avez quitté le dispositif : vos bilans ne peuvent plus être modifiés.";
  if (statut === "refuse") return "Votre proposition n'a pas été retenue : il n'y a pas de bilan à faire.";
  return "Les bilans mensuels commencent quand la coordination vous active comme promeneur.";
}

/** The month of the address, checked for this promeneur: exists, has started, not before their entry. */
export function moisDeclarable(texte: string | null | undefined, promeneur: PromeneurDeclarant, now: Date): MoisIso {
  const mois = parseMois(texte);
  if (!mois) throw new Invalid(CHAMP_MOIS, "Ce mois n'existe pas : l'adresse attend un mois comme 2026-03.");
  const refus = refusMois(mois, now, promeneur.entreeLe);
  if (refus) throw new Invalid(CHAMP_MOIS, refus);
  return mois;
}

type Evenement = "enregistrer" | "soumettre";

export type RapportEcrit = { id: string; mois: MoisIso; statut: RapportStatut; version: number };

/**
 * Saves the promeneur's report of `mois` as a draft (no consistency check: a draft may be half
 * filled). `version`: the version the form was read at (0 when there was no report yet); a stale
 * one is refused and nothing is written. Omitted: no check (scripts).
 */
export function enregistrerBrouillon(
  ctx: Ctx,
  actor: Actor,
  mois: string,
  input: SaisieRapport,
  version?: number,
): Promise<RapportEcrit> {
  return ecrire(ctx, actor, mois, input, version, "enregistrer");
}

/**
 * Submits the report of `mois` to the coordination: the month must be over, the figures
 * consistent (`verifierCoherence`), the report a draft or sent back. Of two concurrent submissions
 * of one month, one writes, the other finds it already submitted and is refused.
 */
export function soumettreRapport(
  ctx: Ctx,
  actor: Actor,
  mois: string,
  input: SaisieRapport,
  version?: number,
): Promise<RapportEcrit> {
  return ecrire(ctx, actor, mois, input, version, "soumettre");
}

async function ecrire(
  { db, now, requestId, declarant }: Ctx,
  actor: Actor,
  texteMois: string,
  input: SaisieRapport,
  version: number | undefined,
  evenement: Evenement,
): Promise<RapportEcrit> {
  const promeneur = declarant ?? (await requireDeclarant(db, actor));
  const refus = refusDeclarant(promeneur.statut);
  if (refus) forbidden(refus);
  const mois = moisDeclarable(texteMois, promeneur, now);
  if (evenement === "soumettre") {
    const enCours = refusSoumissionMoisEnCours(mois, now);
    if (enCours) throw new Invalid(CHAMP_MOIS, enCours);
    // The form's schema already checks this; a command never trusts its caller.
    const [probleme] = verifierCoherence(input);
    if (probleme) throw new Invalid(probleme.champ, probleme.message);
  }
  const totaux = totauxDe(input);
  const valeurs = {
    nouveauxJeunes: totaux.nouveauxJeunes,
    fileActive: totaux.fileActive,
    echanges: totaux.echanges,
    echangesIndividuels: input.echangesIndividuels,
    echangesCollectifs: input.echangesCollectifs,
    heuresEnLigne: input.heuresEnLigne,
    faitMarquant: input.faitMarquant,
  };

  return db.transaction(async (tx) => {
    // One report per promeneur and month. Most writes find it (a draft saved before): locked at
    // once. Otherwise the unique index decides between concurrent writers: the loser's insert waits
    // for the winner's commit, then does nothing; both then lock the one row.
    const ceRapport = and(eq(rapportsMensuels.promeneurId, promeneur.id), eq(rapportsMensuels.mois, mois));
    let [rapport] = await tx.select().from(rapportsMensuels).where(ceRapport).for("update");
    let estNouveau = false;
    if (!rapport) {
      const cree = await tx
        .insert(rapportsMensuels)
        .values({
          departement: promeneur.departement,
          promeneurId: promeneur.id,
          structureId: promeneur.structureId,
          mois,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing({ target: [rapportsMensuels.promeneurId, rapportsMensuels.mois] })
        .returning({ id: rapportsMensuels.id });
      estNouveau = cree.length === 1;
      [rapport] = await tx.select().from(rapportsMensuels).where(ceRapport).for("update");
    }
    if (!rapport) throw new Error("rapport not found after insert");

    // Every refusal below throws inside the transaction: the row just inserted is rolled back.
    const avant = estNouveau ? null : (rapport.statut as RapportStatut);
    const apres = statutApres(avant, evenement);
    if (!apres) throw new Invalid(CHAMP_STATUT, refusTransition(avant, evenement));
    const versionLue = estNouveau ? 0 : rapport.version;
    if (version !== undefined && version !== versionLue) {
      throw new Invalid(
        CHAMP_VERSION,
        "Ce bilan a été enregistré entre-temps, dans un autre onglet ou sur un autre appareil : rechargez la page pour repartir de sa dernière version (vos chiffres de cet écran ne sont pas enregistrés).",
      );
    }
    const nouvelleVersion = estNouveau ? 1 : rapport.version + 1;

    // The report, its breakdowns (replaced whole; a zero is not stored) and, when a counted report
    // (submitted or validated) changes, its month's aggregates marked stale: one statement, one
    // round trip. The deletion and the upsert touch different rows (a statement's parts share one
    // snapshot), and every part runs to completion.
    const lignes = RUBRIQUES.flatMap((rubrique) =>
      Object.entries(input[rubrique])
        .filter((entry): entry is [string, number] => (entry[1] ?? 0) > 0)
        .map(([code, nombre]) => ({ rubrique, code, nombre })),
    );
    const comptes: readonly string[] = STATUTS_COMPTES;
    const compte = (avant && comptes.includes(avant)) || comptes.includes(apres);
    const instant = now.toISOString();
    await tx.execute(sql`
      with rapport as (
        update rapports_mensuels set
          statut = ${apres}, version = ${nouvelleVersion}, updated_at = ${instant}::timestamptz,
          nouveaux_jeunes = ${valeurs.nouveauxJeunes}, file_active = ${valeurs.fileActive},
          echanges = ${valeurs.echanges}, echanges_individuels = ${valeurs.echangesIndividuels},
          echanges_collectifs = ${valeurs.echangesCollectifs}, heures_en_ligne = ${valeurs.heuresEnLigne},
          fait_marquant = ${valeurs.faitMarquant}
          ${evenement === "soumettre" ? sql`, soumis_le = ${instant}::timestamptz` : sql``}
        where id = ${rapport.id}::uuid
      ),
      nouveaux (rubrique, code, nombre) as (
        select * from unnest(
          ${sql.param(lignes.map((l) => l.rubrique))}::text[],
          ${sql.param(lignes.map((l) => l.code))}::text[],
          ${sql.param(lignes.map((l) => l.nombre))}::int[]
        )
      ),
      supprimes as (
        delete from rapport_comptes c
        where c.rapport_id = ${rapport.id}::uuid
          and not exists (select 1 from nouveaux n where n.rubrique = c.rubrique and n.code = c.code)
      ),
      gardes as (
        insert into rapport_comptes (rapport_id, rubrique, code, nombre)
        select ${rapport.id}::uuid, rubrique, code, nombre from nouveaux
        on conflict (rapport_id, rubrique, code) do update set nombre = excluded.nombre
      )
      ${compte ? marqueAgregatsARefaire(promeneur.departement, mois) : sql`select 1`}`);

    await recordAudit(
      tx,
      actor,
      {
        action: evenement === "soumettre" ? "rapport.soumettre" : "rapport.enregistrer",
        entityType: "rapport",
        entityId: rapport.id,
        departement: promeneur.departement,
        // The totals only: the highlight is free text (kept out of the journal, which more people
        // read than the report's detail); its length says whether it was filled.
        changes: {
          mois,
          statut: { avant, apres },
          nouveauxJeunes: totaux.nouveauxJeunes,
          fileActive: totaux.fileActive,
          echanges: totaux.echanges,
          echangesIndividuels: input.echangesIndividuels,
          echangesCollectifs: input.echangesCollectifs,
          demandes: totaux.demandes,
          publications: totaux.publications,
          orientations: totaux.orientations,
          heuresEnLigne: input.heuresEnLigne,
          faitMarquantLongueur: input.faitMarquant.length,
        },
      },
      requestId,
    );
    return { id: rapport.id, mois, statut: apres, version: nouvelleVersion };
  });
}
