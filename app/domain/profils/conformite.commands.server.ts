import { controlesConformite, parametresDepartement } from "@db/schema";
import { eq, sql } from "drizzle-orm";
import type { Actor } from "~/domain/comptes/actor";
import { z } from "~/lib/zod";
import { recordAudit } from "~/server/audit.server";
import type { Transaction } from "~/server/db.server";
import { Invalid, notFound } from "~/server/errors.server";
import { requireScoped } from "~/server/request.server";
import { controlesParDefaut, findControles } from "./conformite.queries.server";
import { codeControle, DELAI_MAX_MOIS, DELAI_MIN_MOIS } from "./conformite.rules";
import type { Ctx } from "./profil.commands.server";
import { getDelaiVerification } from "./profil.queries.server";

/** The label of a check, as the coordinator types it. */
const libelleControleSchema = z
  .string({ message: "Saisissez le libellé du contrôle." })
  .trim()
  .min(3, { message: "Le libellé compte au moins 3 caractères." })
  .max(200, { message: "Le libellé compte au plus 200 caractères." });

/** The verification delay, in whole months. */
const delaiSchema = z.coerce
  .number({ message: `Saisissez un nombre entier de mois, de ${DELAI_MIN_MOIS} à ${DELAI_MAX_MOIS}.` })
  .int({ message: `Saisissez un nombre entier de mois, de ${DELAI_MIN_MOIS} à ${DELAI_MAX_MOIS}.` })
  .min(DELAI_MIN_MOIS, { message: `Le délai est d'au moins ${DELAI_MIN_MOIS} mois.` })
  .max(DELAI_MAX_MOIS, { message: `Le délai est d'au plus ${DELAI_MAX_MOIS} mois.` });

/** The coordinator of the département only: another role 403, another département 404. */
function requireConfigurer(actor: Actor, departement: string): void {
  requireScoped(actor, "conformite.configurer", { departement });
}

function lire<T>(schema: z.ZodType<T>, value: unknown, field: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new Invalid(field, result.error.issues[0]?.message ?? "Saisie invalide.");
  return result.data;
}

async function audit(tx: Transaction, ctx: Ctx, actor: Actor, departement: string, changes: Record<string, unknown>) {
  await recordAudit(
    tx,
    actor,
    { action: "conformite.reglages", entityType: "departement", entityId: departement, departement, changes },
    ctx.requestId,
  );
}

/**
 * The first change of a département's checklist stores its defaults, under the ids the page showed
 * (see `controlesParDefaut`); nothing once stored. Two concurrent first changes store each default
 * once (unique département + code).
 */
async function enregistrerControlesParDefaut(tx: Transaction, departement: string): Promise<void> {
  await tx.insert(controlesConformite).values(controlesParDefaut(departement)).onConflictDoNothing();
}

async function getControle(ctx: Ctx, departement: string, controleId: string) {
  const controles = await findControles(ctx.db, departement);
  const controle = controles.find((c) => c.id === controleId);
  if (!controle) notFound();
  return { controle, controles };
}

function verifierLibelleLibre(controles: { id: string; libelle: string }[], libelle: string, saufId?: string) {
  const pris = controles.some((c) => c.id !== saufId && c.libelle.toLowerCase() === libelle.toLowerCase());
  if (pris) throw new Invalid("libelle", "Un contrôle de la liste porte déjà ce libellé.");
}

export async function renommerControle(
  ctx: Ctx,
  actor: Actor,
  departement: string,
  controleId: string,
  libelleSaisi: unknown,
) {
  requireConfigurer(actor, departement);
  const { controle, controles } = await getControle(ctx, departement, controleId);
  const libelle = lire(libelleControleSchema, libelleSaisi, "libelle");
  if (libelle === controle.libelle) return;
  verifierLibelleLibre(controles, libelle, controle.id);
  await ctx.db.transaction(async (tx) => {
    await enregistrerControlesParDefaut(tx, departement);
    await tx.update(controlesConformite).set({ libelle }).where(eq(controlesConformite.id, controle.id));
    await audit(tx, ctx, actor, departement, {
      operation: "renommer",
      code: controle.code,
      avant: controle.libelle,
      apres: libelle,
    });
  });
}

/** Deactivates or reactivates a check; the national framework's checks are never deactivated. */
export async function activerControle(ctx: Ctx, actor: Actor, departement: string, controleId: string, actif: boolean) {
  requireConfigurer(actor, departement);
  const { controle } = await getControle(ctx, departement, controleId);
  if (!actif && controle.socleNational) {
    throw new Invalid(
      "controle",
      `« ${controle.libelle} » fait partie du socle national : ce contrôle ne peut pas être désactivé.`,
    );
  }
  if (controle.actif === actif) return;
  await ctx.db.transaction(async (tx) => {
    await enregistrerControlesParDefaut(tx, departement);
    await tx.update(controlesConformite).set({ actif }).where(eq(controlesConformite.id, controle.id));
    await audit(tx, ctx, actor, departement, { operation: actif ? "reactiver" : "desactiver", code: controle.code });
  });
}

/** Adds a check at the end of the list, with a code made from its label. */
export async function ajouterControle(ctx: Ctx, actor: Actor, departement: string, libelleSaisi: unknown) {
  requireConfigurer(actor, departement);
  const libelle = lire(libelleControleSchema, libelleSaisi, "libelle");
  const controles = await findControles(ctx.db, departement);
  verifierLibelleLibre(controles, libelle);
  const code = codeControle(
    libelle,
    controles.map((c) => c.code),
  );
  const ordre = Math.max(0, ...controles.map((c) => c.ordre)) + 1;
  await ctx.db.transaction(async (tx) => {
    await enregistrerControlesParDefaut(tx, departement);
    await tx
      .insert(controlesConformite)
      .values({ departement, code, libelle, socleNational: false, actif: true, ordre });
    await audit(tx, ctx, actor, departement, { operation: "ajouter", code, libelle });
  });
  return code;
}

/** Moves a check one place up or down in the list: it swaps places with its neighbour. */
export async function deplacerControle(
  ctx: Ctx,
  actor: Actor,
  departement: string,
  controleId: string,
  sens: "monter" | "descendre",
) {
  requireConfigurer(actor, departement);
  const { controle, controles } = await getControle(ctx, departement, controleId);
  const voisin = controles[controles.indexOf(controle) + (sens === "monter" ? -1 : 1)];
  if (!voisin) return;
  await ctx.db.transaction(async (tx) => {
    await enregistrerControlesParDefaut(tx, departement);
    await tx.update(controlesConformite).set({ ordre: voisin.ordre }).where(eq(controlesConformite.id, controle.id));
    await tx.update(controlesConformite).set({ ordre: controle.ordre }).where(eq(controlesConformite.id, voisin.id));
    await audit(tx, ctx, actor, departement, { operation: sens, code: controle.code });
  });
}

/** Sets after how many months a verification must be renewed in the département. */
export async function changerDelai(ctx: Ctx, actor: Actor, departement: string, moisSaisis: unknown) {
  requireConfigurer(actor, departement);
  const mois = lire(delaiSchema, typeof moisSaisis === "string" ? moisSaisis.trim() || undefined : moisSaisis, "delai");
  const avant = await getDelaiVerification(ctx.db, departement);
  if (avant === mois) return;
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(parametresDepartement)
      .values({ departement, delaiVerificationMois: mois, updatedAt: ctx.now })
      .onConflictDoUpdate({
        target: parametresDepartement.departement,
        set: { delaiVerificationMois: sql`excluded.delai_verification_mois`, updatedAt: ctx.now },
      });
    await audit(tx, ctx, actor, departement, { operation: "delai", avant, apres: mois });
  });
}
