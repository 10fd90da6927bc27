import { numerosAide } from "@db/schema";
import { eq } from "drizzle-orm";
import { diffFields } from "~/domain/audit/audit.changes";
import { type Actor, hasRole } from "~/domain/comptes/actor";
import { can } from "~/domain/comptes/policy";
import { formatJourIso, type JourCivil } from "~/lib/jour";
import { recordAudit } from "~/server/audit.server";
import type { Database } from "~/server/db.server";
import { forbidden, notFound } from "~/server/errors.server";
import { requireScoped } from "~/server/request.server";
import { getNumero, type NumeroAide } from "./numero.queries.server";
import type { NumeroInput } from "./numero.schema";

type Ctx = { db: Database; now: Date; requestId?: string };

/**
 * Who keeps which entry: a national line (no département) the national role only, a département's
 * service its coordination (and the national role). Another département's coordination gets a 404
 * (out of its scope), a coordination touching a national line or any other role a 403.
 */
export function requireGestionNumero(actor: Actor, departement: string | null): void {
  if (departement === null) {
    if (hasRole(actor, "national")) return;
    if (can(actor, "numeros.gerer")) {
      forbidden(
        "Les numéros nationaux sont tenus par l'équipe nationale : vous pouvez les consulter, pas les modifier.",
      );
    }
    forbidden();
  }
  requireScoped(actor, "numeros.gerer", { departement });
}

/** Whether the actor may edit this entry (the UI hides the buttons with it; commands re-check). */
export function canGererNumero(actor: Actor, departement: string | null): boolean {
  return departement === null ? hasRole(actor, "national") : can(actor, "numeros.gerer", { departement });
}

/** An entry the actor may change: 404 when it does not exist, then the rule above. */
async function numeroModifiable(db: Database, actor: Actor, id: string | undefined): Promise<NumeroAide> {
  // Checked before the lookup: a role without the permission learns nothing of the entry.
  if (!can(actor, "numeros.gerer")) forbidden();
  const numero = await getNumero(db, id);
  if (!numero) notFound();
  requireGestionNumero(actor, numero.departement);
  return numero;
}

/**
 * The columns a form writes. A seeded national line (no département, a `code`) keeps the
 * situation categories of `numeros-nationaux.ts`: the seed rewrites them at every start.
 */
function valeurs(input: NumeroInput, ligneNationale = false) {
  return {
    ...(ligneNationale ? {} : { categories: input.categories }),
    nom: input.nom,
    description: input.description,
    genre: input.genre,
    telephone: input.telephone,
    sms: input.sms,
    url: input.url,
    horaires: input.horaires,
    public: input.public,
    gratuit: input.gratuit,
    source: input.source,
    verifieLe: input.verifieLe,
    ordre: input.ordre,
  };
}

/** Adds an entry: a service of `departement`, or a national line (`null`, national role only). */
export async function createNumero(
  { db, now, requestId }: Ctx,
  actor: Actor,
  departement: string | null,
  input: NumeroInput,
): Promise<{ id: string }> {
  requireGestionNumero(actor, departement);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(numerosAide)
      .values({ ...valeurs(input), departement, majPar: actor.userId, createdAt: now, updatedAt: now })
      .returning({ id: numerosAide.id });
    if (!row) throw new Error("numero not inserted");
    await recordAudit(
      tx,
      actor,
      {
        action: "numero.creer",
        entityType: "numero_aide",
        entityId: row.id,
        departement,
        changes: { nom: input.nom, telephone: input.telephone, sms: input.sms, url: input.url },
      },
      requestId,
    );
    return row;
  });
}

/** Saves the form of an entry; the audit row keeps each changed field, before and after. */
export async function updateNumero(
  { db, now, requestId }: Ctx,
  actor: Actor,
  id: string | undefined,
  input: NumeroInput,
): Promise<NumeroAide> {
  const numero = await numeroModifiable(db, actor, id);
  const apres = valeurs(input, numero.departement === null && numero.code !== null);
  const changes = diffFields(numero, apres);
  await db.transaction(async (tx) => {
    await tx
      .update(numerosAide)
      .set({ ...apres, majPar: actor.userId, updatedAt: now })
      .where(eq(numerosAide.id, numero.id));
    await recordAudit(
      tx,
      actor,
      {
        action: "numero.modifier",
        entityType: "numero_aide",
        entityId: numero.id,
        departement: numero.departement,
        changes,
      },
      requestId,
    );
  });
  return numero;
}

/** « Vérifié aujourd'hui » : the entry was checked against its source today. */
export async function verifierNumero(
  { db, now, requestId }: Ctx,
  actor: Actor,
  id: string | undefined,
  aujourdhui: JourCivil,
): Promise<NumeroAide> {
  const numero = await numeroModifiable(db, actor, id);
  const verifieLe = formatJourIso(aujourdhui);
  await db.transaction(async (tx) => {
    await tx
      .update(numerosAide)
      .set({ verifieLe, majPar: actor.userId, updatedAt: now })
      .where(eq(numerosAide.id, numero.id));
    await recordAudit(
      tx,
      actor,
      {
        action: "numero.verifier",
        entityType: "numero_aide",
        entityId: numero.id,
        departement: numero.departement,
        changes: { verifieLe: { avant: numero.verifieLe, apres: verifieLe } },
      },
      requestId,
    );
  });
  return numero;
}

/** Hides an entry from every list (`actif` false), or shows it again. */
export async function setNumeroActif(
  { db, now, requestId }: Ctx,
  actor: Actor,
  id: string | undefined,
  actif: boolean,
): Promise<NumeroAide> {
  const numero = await numeroModifiable(db, actor, id);
  await db.transaction(async (tx) => {
    await tx
      .update(numerosAide)
      .set({ actif, majPar: actor.userId, updatedAt: now })
      .where(eq(numerosAide.id, numero.id));
    await recordAudit(
      tx,
      actor,
      {
        action: actif ? "numero.reactiver" : "numero.desactiver",
        entityType: "numero_aide",
        entityId: numero.id,
        departement: numero.departement,
        changes: { nom: numero.nom },
      },
      requestId,
    );
  });
  return numero;
}
