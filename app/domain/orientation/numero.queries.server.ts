import { numerosAide } from "@db/schema";
import { and, arrayOverlaps, eq, isNull, lte, or, sql } from "drizzle-orm";
import { ajouterMois, formatJourIso, type JourCivil } from "~/lib/jour";
import { isUuid } from "~/lib/text";
import type { Executor } from "~/server/db.server";
import { comparerNumeros, VERIFICATION_MOIS } from "./numero.rules";

export type NumeroAide = typeof numerosAide.$inferSelect;

/** What the public page and the situation form need of an entry. */
export type NumeroAffiche = Pick<
  NumeroAide,
  | "id"
  | "departement"
  | "code"
  | "nom"
  | "description"
  | "telephone"
  | "sms"
  | "url"
  | "horaires"
  | "genre"
  | "gratuit"
  | "public"
  | "categories"
  | "ordre"
>;

const affiche = {
  id: numerosAide.id,
  departement: numerosAide.departement,
  code: numerosAide.code,
  nom: numerosAide.nom,
  description: numerosAide.description,
  telephone: numerosAide.telephone,
  sms: numerosAide.sms,
  url: numerosAide.url,
  horaires: numerosAide.horaires,
  genre: numerosAide.genre,
  gratuit: numerosAide.gratuit,
  public: numerosAide.public,
  categories: numerosAide.categories,
  ordre: numerosAide.ordre,
};

/**
 * The active entries shown in a département: the national lines and the département's own
 * services, in the public page's order (emergency, listening, reporting, then local services).
 * With `categories` (situation categories, list G), only entries answering one of them, plus the
 * general ones (no category).
 */
export async function findNumerosPourDepartement(
  db: Executor,
  departement: string,
  options: { categories?: readonly string[] } = {},
): Promise<NumeroAffiche[]> {
  const categories = options.categories ?? [];
  const rows = await db
    .select(affiche)
    .from(numerosAide)
    .where(
      and(
        eq(numerosAide.actif, true),
        or(isNull(numerosAide.departement), eq(numerosAide.departement, departement)),
        categories.length > 0
          ? or(sql`cardinality(${numerosAide.categories}) = 0`, arrayOverlaps(numerosAide.categories, [...categories]))
          : undefined,
      ),
    );
  return rows.sort(comparerNumeros);
}

/**
 * Every entry the directory's back-office lists for a département, inactive ones included: the
 * national lines first, then the département's services.
 */
export async function findNumerosForGestion(db: Executor, departement: string): Promise<NumeroAide[]> {
  const rows = await db
    .select()
    .from(numerosAide)
    .where(or(isNull(numerosAide.departement), eq(numerosAide.departement, departement)));
  return rows.sort(comparerNumeros);
}

export async function getNumero(db: Executor, id: string | undefined): Promise<NumeroAide | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(numerosAide).where(eq(numerosAide.id, id));
  return row ?? null;
}

/** How many active entries of the département (its own services) are due for a new check. */
export async function countNumerosAReverifier(db: Executor, departement: string, aujourdhui: JourCivil) {
  const limite = formatJourIso(ajouterMois(aujourdhui, -VERIFICATION_MOIS));
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(numerosAide)
    .where(
      and(eq(numerosAide.departement, departement), eq(numerosAide.actif, true), lte(numerosAide.verifieLe, limite)),
    );
  return row?.n ?? 0;
}
