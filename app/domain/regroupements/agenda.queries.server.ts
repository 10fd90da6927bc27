import { communes, regroupements } from "@db/schema";
import { and, asc, eq, gt, gte } from "drizzle-orm";
import { ajouterMois, debutJourParis, jourParis } from "~/lib/jour";
import { isUuid } from "~/lib/text";
import type { Executor } from "~/server/db.server";
import { evenementDe, type IcsEvenement } from "./ics";

/** How far back the public feed goes (calendar applications keep what they already showed). */
const MOIS_PASSES_AGENDA_ICS = 3;

const colonnes = {
  id: regroupements.id,
  type: regroupements.type,
  titre: regroupements.titre,
  description: regroupements.description,
  debut: regroupements.debut,
  fin: regroupements.fin,
  lieu: regroupements.lieu,
  communeNom: communes.nom,
  /** Whether it is held online: the link itself is never shown publicly. */
  lienVisio: regroupements.lienVisio,
  statut: regroupements.statut,
  sequence: regroupements.sequence,
  updatedAt: regroupements.updatedAt,
};

export type EvenementPublic = {
  id: string;
  type: string;
  titre: string;
  description: string;
  debut: Date;
  fin: Date;
  lieu: string;
  communeNom: string | null;
  enLigne: boolean;
  annule: boolean;
  sequence: number;
  updatedAt: Date;
};

function publicDe(ligne: {
  id: string;
  type: string;
  titre: string;
  description: string;
  debut: Date;
  fin: Date;
  lieu: string;
  communeNom: string | null;
  lienVisio: string | null;
  statut: string;
  sequence: number;
  updatedAt: Date;
}): EvenementPublic {
  const { lienVisio, statut, ...reste } = ligne;
  return { ...reste, enLigne: Boolean(lienVisio?.trim()), annule: statut === "annule" };
}

/**
 * The public agenda: the département's public gatherings not yet ended, soonest first. A cancelled
 * one stays listed (marked) until it would have ended. With `recents`, for the public feed, those
 * of the last three months as well (calendar applications keep what they already showed).
 */
export async function findAgendaPublic(
  db: Executor,
  departement: string,
  now: Date,
  options: { recents?: boolean } = {},
): Promise<EvenementPublic[]> {
  const depuis = options.recents ? debutJourParis(ajouterMois(jourParis(now), -MOIS_PASSES_AGENDA_ICS)) : now;
  const lignes = await db
    .select(colonnes)
    .from(regroupements)
    .leftJoin(communes, eq(communes.code, regroupements.communeCode))
    .where(
      and(
        eq(regroupements.departement, departement),
        eq(regroupements.audience, "public"),
        options.recents ? gte(regroupements.fin, depuis) : gt(regroupements.fin, depuis),
      ),
    )
    .orderBy(asc(regroupements.debut), asc(regroupements.id));
  return lignes.map(publicDe);
}

/** One public gathering of the département, or null (unknown id, private, elsewhere). */
export async function findEvenementPublic(
  db: Executor,
  departement: string,
  id: string,
): Promise<EvenementPublic | null> {
  if (!isUuid(id)) return null;
  const [ligne] = await db
    .select(colonnes)
    .from(regroupements)
    .leftJoin(communes, eq(communes.code, regroupements.communeCode))
    .where(
      and(eq(regroupements.id, id), eq(regroupements.departement, departement), eq(regroupements.audience, "public")),
    )
    .limit(1);
  return ligne ? publicDe(ligne) : null;
}

/** The iCalendar event of a public gathering: its page is /agenda, its place never the video link. */
export function evenementPublicIcs(e: EvenementPublic, publicUrl: string): IcsEvenement {
  const base = evenementDe(
    {
      ...e,
      lienVisio: null,
      statut: e.annule ? "annule" : "prevu",
    },
    publicUrl,
  );
  return {
    ...base,
    lieu: base.lieu !== "" ? base.lieu : e.enLigne ? "En ligne" : "",
    url: `${publicUrl.replace(/\/+$/, "")}/agenda#evenement-${e.id}`,
  };
}
