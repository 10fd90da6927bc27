import { departements, passwordResets, userRoles, users } from "@db/schema";
import { eq, sql } from "drizzle-orm";
import { z } from "~/lib/zod";
import { recordAudit } from "~/server/audit.server";
import type { Database } from "~/server/db.server";
import { Invalid } from "~/server/errors.server";
import { PASSWORD_MIN_LENGTH } from "./comptes.schema";
import { hashPassword } from "./password.server";
import { normalizeEmail } from "./sign-in.server";
import { createToken } from "./tokens.server";

export const adminAccountSchema = z.object({
  email: z.email({ message: "--email doit être une adresse e-mail valide." }),
  nom: z.string().trim().min(2, { message: "--nom doit donner le prénom et le nom." }).max(120),
  role: z.enum(["coordinateur", "national"], { message: "--role doit valoir coordinateur ou national." }),
  departement: z.string().regex(/^(\d{2}|2[AB]|97\d)$/, { message: "--departement doit être un code (04, 2A, 974…)." }),
  password: z
    .string()
    .min(PASSWORD_MIN_LENGTH, { message: `Le mot de passe doit compter au moins ${PASSWORD_MIN_LENGTH} caractères.` })
    .max(200)
    .optional(),
});
export type AdminAccountInput = z.infer<typeof adminAccountSchema>;

const SETUP_LINK_TTL_MS = 72 * 3_600_000;

/**
 * Creates the first coordinator (or a national account) from the command line, or adds the role to
 * an existing account. Without a password, returns a one-time link to choose it (valid 72 hours).
 */
export async function createAdminAccount(
  db: Database,
  input: AdminAccountInput,
  now: Date,
): Promise<{ userId: string; created: boolean; setupToken: string | null }> {
  const [dep] = await db.select().from(departements).where(eq(departements.code, input.departement));
  if (!dep) throw new Invalid("departement", `Le département ${input.departement} n'existe pas.`);
  const email = normalizeEmail(input.email);
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(users).where(sql`lower(${users.email}) = ${email}`);
    let userId = existing?.id;
    if (!userId) {
      const [user] = await tx
        .insert(users)
        .values({ email, nom: input.nom, passwordHash, passwordChangedAt: passwordHash ? now : null })
        .returning();
      if (!user) throw new Error("user not inserted");
      userId = user.id;
    } else if (passwordHash) {
      await tx.update(users).set({ passwordHash, passwordChangedAt: now }).where(eq(users.id, userId));
    }
    await tx
      .insert(userRoles)
      .values({ userId, role: input.role, departement: input.role === "national" ? null : input.departement })
      .onConflictDoNothing();
    let setupToken: string | null = null;
    if (!passwordHash && !existing?.passwordHash) {
      const { token, hash } = createToken();
      await tx
        .insert(passwordResets)
        .values({ userId, tokenHash: hash, expiresAt: new Date(now.getTime() + SETUP_LINK_TTL_MS) });
      setupToken = token;
    }
    await recordAudit(
      tx,
      { system: "commande admin:create" },
      {
        action: existing ? "compte.role.ajouter" : "compte.creer",
        entityType: "user",
        entityId: userId,
        departement: input.role === "national" ? null : input.departement,
        changes: { email, role: input.role },
      },
    );
    return { userId, created: !existing, setupToken };
  });
}
