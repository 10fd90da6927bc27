import { communes, fichiers, structures } from "@db/schema";
import { and, eq, ne } from "drizzle-orm";
import { diffFields } from "~/domain/audit/audit.changes";
import type { Actor } from "~/domain/comptes/actor";
import { debutJourParis } from "~/lib/jour";
import { recordAudit } from "~/server/audit.server";
import type { Database, Executor } from "~/server/db.server";
import { forbidden, Invalid, notFound, withUniqueGuard } from "~/server/errors.server";
import { type FichierVerifie, storeFichier } from "~/server/fichiers.server";
import { canEditStructure } from "./structure.policy";
import { foldSql, getStructureForActor } from "./structure.queries.server";
import { checkDateCharte, foldNom } from "./structure.rules";
import type { CharteInput, StructureCreationInput, StructureInput } from "./structure.schema";

type Ctx = { db: Database; now: Date; requestId?: string };

/**
 * The structure if the actor may edit it (its record, its charter): 404 out of scope, 403 with
 * `refus` for a role that never edits.
 */
export async function requireEditableStructure(db: Executor, actor: Actor, id: string | undefined, refus: string) {
  const structure = await getStructureForActor(db, actor, id);
  if (!structure) notFound();
  if (!canEditStructure(actor, structure)) forbidden(refus);
  return structure;
}

/** The editable fields, in the order the audit log lists them. */
const FIELDS = [
  "nom",
  "type",
  "siret",
  "adresse",
  "codePostal",
  "communeCode",
  "telephone",
  "email",
  "siteWeb",
  "statut",
] as const;

type StructureRow = typeof structures.$inferSelect;
type Values = Pick<StructureRow, (typeof FIELDS)[number]>;

function toValues(input: StructureInput, statut: string): Values {
  return {
    nom: input.nom,
    type: input.type,
    siret: input.siret ?? null,
    adresse: input.adresse ?? null,
    codePostal: input.codePostal ?? null,
    communeCode: input.communeCode,
    telephone: input.telephone ?? null,
    email: input.email ?? null,
    siteWeb: input.siteWeb ?? null,
    statut,
  };
}

/** The commune must be one of the département's; its postal code one of the commune's (when known). */
async function checkCommune(tx: Executor, departement: string, values: Values): Promise<void> {
  if (!values.communeCode) return;
  const [commune] = await tx
    .select({ nom: communes.nom, codesPostaux: communes.codesPostaux })
    .from(communes)
    .where(and(eq(communes.code, values.communeCode), eq(communes.departement, departement)));
  if (!commune) throw new Invalid("communeCode", "Choisissez une commune du département dans la liste.");
  if (values.codePostal && commune.codesPostaux.length > 0 && !commune.codesPostaux.includes(values.codePostal)) {
    throw new Invalid(
      "codePostal",
      `Ce code postal n'est pas celui de ${commune.nom} (${commune.codesPostaux.join(", ")}).`,
    );
  }
}

/** Two structures of a département never share a name (compared without case or accents). */
const nomPris = () => new Invalid("nom", "Une structure du département porte déjà ce nom : choisissez-en un autre.");

async function checkNomLibre(tx: Executor, departement: string, nom: string, exceptId?: string): Promise<void> {
  const [taken] = await tx
    .select({ id: structures.id })
    .from(structures)
    .where(
      and(
        eq(structures.departement, departement),
        eq(foldSql(structures.nom), foldNom(nom)),
        exceptId ? ne(structures.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  if (taken) throw nomPris();
}

/** Creates a structure (the caller checked `structure.creer` in its département). */
export async function createStructure(
  { db, requestId }: Ctx,
  actor: Actor,
  input: StructureCreationInput,
): Promise<{ id: string }> {
  const values = toValues(input, input.statut ?? "active");
  return withUniqueGuard(
    () =>
      db.transaction(async (tx) => {
        await checkCommune(tx, input.departement, values);
        await checkNomLibre(tx, input.departement, values.nom);
        const [row] = await tx
          .insert(structures)
          .values({ ...values, departement: input.departement })
          .returning({ id: structures.id });
        if (!row) throw new Error("insert structures returned nothing");
        const changes = diffFields({}, values, FIELDS);
        await recordAudit(
          tx,
          actor,
          {
            action: "structure.creer",
            entityType: "structure",
            entityId: row.id,
            departement: input.departement,
            changes,
          },
          requestId,
        );
        return { id: row.id };
      }),
    { structures_nom_unique: nomPris() },
  );
}

/**
 * Updates a structure's record (the caller checked `structure.modifier` on it). The statut is
 * changed only with `mayChangeStatut` (the coordination); otherwise it must stay as it is.
 * Answers the fields that changed (none: nothing written, nothing audited).
 */
export async function updateStructure(
  { db, now, requestId }: Ctx,
  actor: Actor,
  id: string,
  input: StructureInput,
  options: { mayChangeStatut: boolean },
): Promise<{ changes: Record<string, unknown> }> {
  return withUniqueGuard(
    () =>
      db.transaction(async (tx) => {
        const current = await lockStructure(tx, id);
        const statut = options.mayChangeStatut ? (input.statut ?? current.statut) : current.statut;
        const values = toValues(input, statut);
        const changes = diffFields(current, values, FIELDS);
        if (Object.keys(changes).length === 0) return { changes };
        if (changes.communeCode || changes.codePostal) await checkCommune(tx, current.departement, values);
        if (changes.nom) await checkNomLibre(tx, current.departement, values.nom, id);
        await writeStructure(tx, actor, current, values, { action: "structure.modifier", changes }, now, requestId);
        return { changes };
      }),
    { structures_nom_unique: nomPris() },
  );
}

/**
 * Records the employer charter's signature: the day (not in the future), the signatory, and the
 * signed copy, stored in the same transaction. A new copy is required the first time only.
 */
export async function recordCharte(
  { db, now, requestId }: Ctx,
  actor: Actor,
  id: string,
  input: CharteInput,
  document: FichierVerifie | null,
): Promise<void> {
  const date = checkDateCharte(input.signeeLe, now);
  if (!date.ok) throw new Invalid("signeeLe", date.message);
  await db.transaction(async (tx) => {
    const current = await lockStructure(tx, id);
    if (!document && !current.charteDocumentId) {
      throw new Invalid("document", "Joignez la charte signée (un fichier PDF, JPEG ou PNG).");
    }
    const documentId = document
      ? await storeFichier(tx, document, { departement: current.departement, creePar: actor.userId })
      : current.charteDocumentId;
    const values = {
      charteSigneeLe: debutJourParis(date.value),
      charteSignataire: input.signataire,
      charteDocumentId: documentId,
    };
    const changes: Record<string, unknown> = diffFields(current, values, ["charteSigneeLe", "charteSignataire"]);
    if (document)
      changes.document = { avant: current.charteDocumentId ? "document précédent" : null, apres: document.nom };
    await writeStructure(tx, actor, current, values, { action: "structure.charte", changes }, now, requestId);
    // The replaced copy is no longer anyone's: it goes with the change (the journal keeps its mention).
    if (current.charteDocumentId && current.charteDocumentId !== documentId) {
      await tx.delete(fichiers).where(eq(fichiers.id, current.charteDocumentId));
    }
  });
}

/** The structure's row, locked until the transaction ends; a 404 if there is none. */
async function lockStructure(tx: Executor, id: string): Promise<StructureRow> {
  const [current] = await tx.select().from(structures).where(eq(structures.id, id)).for("update");
  if (!current) notFound();
  return current;
}

/** Writes a locked structure's new values and their audit row, in the caller's transaction. */
async function writeStructure(
  tx: Executor,
  actor: Actor,
  current: StructureRow,
  values: Partial<StructureRow>,
  audit: { action: string; changes: Record<string, unknown> },
  now: Date,
  requestId: string | undefined,
): Promise<void> {
  await tx
    .update(structures)
    .set({ ...values, updatedAt: now })
    .where(eq(structures.id, current.id));
  await recordAudit(
    tx,
    actor,
    { ...audit, entityType: "structure", entityId: current.id, departement: current.departement },
    requestId,
  );
}
