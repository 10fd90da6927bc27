import { userRoles, users } from "@db/schema";
import type { RoleGrant } from "~/domain/comptes/actor";
import { hashPassword } from "~/domain/comptes/password.server";
import type { Executor } from "~/server/db.server";

export type UserRow = typeof users.$inferSelect;
export const TEST_PASSWORD = "mot-de-passe-essai-04";

// Hashing is deliberately slow: compute the test password's hash once per process.
let testHash: Promise<string> | undefined;
function testPasswordHash(): Promise<string> {
  testHash ??= hashPassword(TEST_PASSWORD);
  return testHash;
}

let sequence = 0;

export type UserInput = {
  email?: string;
  nom?: string;
  password?: string;
  passwordHash?: string | null;
  roles?: Partial<RoleGrant>[];
  totpSecret?: string | null;
};

export async function insertUser(db: Executor, input: UserInput = {}): Promise<UserRow> {
  sequence += 1;
  const passwordHash =
    input.passwordHash !== undefined
      ? input.passwordHash
      : input.password
        ? await hashPassword(input.password)
        : await testPasswordHash();
  const [user] = await db
    .insert(users)
    .values({
      email: (input.email ?? `personne${sequence}-${Date.now()}@essai.pdn.fr`).toLowerCase(),
      nom: input.nom ?? `Personne d'essai ${sequence}`,
      passwordHash,
      totpSecret: input.totpSecret ?? null,
      totpEnabledAt: input.totpSecret ? new Date() : null,
    })
    .returning();
  if (!user) throw new Error("user not inserted");
  for (const grant of input.roles ?? []) {
    await db.insert(userRoles).values({
      userId: user.id,
      role: grant.role ?? "promeneur",
      departement: grant.role === "national" ? null : (grant.departement ?? "04"),
      structureId: grant.structureId ?? null,
    });
  }
  return user;
}
