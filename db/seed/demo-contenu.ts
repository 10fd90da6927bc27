import { and, eq, inArray } from "drizzle-orm";
import type { Executor } from "~/server/db.server";
import { actualites, appMeta } from "../schema";

/**
 * The public site's part of the fictional 04 demo: three published news posts and one draft.
 * Every event, person and place named here is invented. Loaded once (marker `demo.04.contenu`),
 * also into a demo loaded before this part existed; a post whose address is taken is left alone.
 * Not audited on its own: the demo's load is (`demo.charger`), and the marker dates this part.
 */

const DEPARTEMENT = "04";
export const DEMO_CONTENU_MARKER = "demo.04.contenu";
const DAY_MS = 86_400_000;

const FICTIF = "*Actualité fictive, publiée pour la démonstration de la plateforme.*";

export const DEMO_ACTUALITES = [
  {
    slug: "rencontre-departementale-des-promeneurs-demo",
    titre: "Rencontre départementale des promeneurs (démo)",
    resume: "Une journée d'échanges entre promeneurs du Net du département autour de la présence éducative en ligne.",
    corps: `${FICTIF}

Les promeneurs du Net du département se sont retrouvés pour une journée d'échanges de pratiques.

## Au programme

- un temps d'analyse de pratiques en petits groupes\u00a0;
- un atelier sur les horaires de présence en ligne\u00a0;
- un point sur les procédures d'alerte avec la coordination.

La prochaine rencontre sera annoncée dans l'[agenda](/agenda).`,
    statut: "publie",
    joursAvant: 3,
  },
  {
    slug: "trois-nouveaux-promeneurs-demo",
    titre: "Trois nouveaux promeneurs rejoignent le réseau (démo)",
    resume: "Après leur formation initiale, trois professionnels de la jeunesse sont désormais présents en ligne.",
    corps: `${FICTIF}

Trois professionnels de structures du département ont suivi la formation initiale et signé la charte.

Retrouvez leurs profils et leurs horaires de présence dans l'[annuaire des promeneurs](/promeneurs).`,
    statut: "publie",
    joursAvant: 12,
  },
  {
    slug: "formation-presence-educative-en-ligne-demo",
    titre: "Retour sur la formation « présence éducative en ligne » (démo)",
    resume: "Deux jours pour se former à l'accompagnement des jeunes sur les réseaux sociaux.",
    corps: `${FICTIF}

La formation a réuni des animateurs, des éducateurs et des informateurs jeunesse.

> Être présent en ligne, c'est d'abord être identifiable et disponible à des horaires annoncés.

Pour rejoindre le réseau, consultez la page [Devenir promeneur](/devenir-promeneur).`,
    statut: "publie",
    joursAvant: 26,
  },
  {
    slug: "programme-des-rencontres-de-printemps-demo",
    titre: "Programme des rencontres de printemps (brouillon de démo)",
    resume: "Le calendrier des rencontres du réseau pour le printemps, en cours de rédaction.",
    corps: `${FICTIF}

Texte en cours de rédaction par la coordination.`,
    statut: "brouillon",
    joursAvant: null,
  },
] as const;

/**
 * Loads the demo's news posts unless already done. `coordinateurId` is the demo coordinator's
 * account (the posts' author). Answers true when it loaded something.
 */
export async function seedDemoContenu(tx: Executor, coordinateurId: string | null, now: Date): Promise<boolean> {
  const [marker] = await tx.select({ key: appMeta.key }).from(appMeta).where(eq(appMeta.key, DEMO_CONTENU_MARKER));
  if (marker) return false;
  const taken = await tx
    .select({ slug: actualites.slug })
    .from(actualites)
    .where(
      and(
        eq(actualites.departement, DEPARTEMENT),
        inArray(
          actualites.slug,
          DEMO_ACTUALITES.map((a) => a.slug),
        ),
      ),
    );
  const takenSlugs = new Set(taken.map((t) => t.slug));
  const rows = DEMO_ACTUALITES.filter((a) => !takenSlugs.has(a.slug)).map((a) => {
    const publieLe = a.joursAvant === null ? null : new Date(now.getTime() - a.joursAvant * DAY_MS);
    return {
      departement: DEPARTEMENT,
      slug: a.slug,
      titre: a.titre,
      resume: a.resume,
      corps: a.corps,
      statut: a.statut,
      publieLe,
      creePar: coordinateurId,
      createdAt: publieLe ?? now,
      updatedAt: publieLe ?? now,
    };
  });
  if (rows.length > 0) await tx.insert(actualites).values(rows);
  await tx.insert(appMeta).values({ key: DEMO_CONTENU_MARKER, value: now.toISOString() });
  return rows.length > 0;
}
