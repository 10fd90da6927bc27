import { userRoles, users } from "@db/schema";
import type { RoleGrant } from "~/domain/comptes/actor";
import { hashPassword } from "~/domain/comptes/password.server";
import type { Executor } from "~/server/db.server";

export type UserRow = typeof users.$inferSelect;
export const TEST_PASSWORD = "mot-de-passe-essai-04";

/**
 * Test accounts' hashes use scrypt with N = 2^12 instead of 2^17: every sign-in of a test verifies
 * one, and the stored parameters make verification follow them. The application's own hashing
 * (new passwords, the unknown-address decoy) keeps its production cost, tested in password.server.test.ts.
 */
const TEST_LOG_N = 12;

// Compute the test password's hash once per process.
let testHash: Promise<string> | undefined;
function testPasswordHash(): Promise<string> {
  testHash ??= hashPassword(TEST_PASSWORD, TEST_LOG_N);
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
        ? await hashPassword(input.password, TEST_LOG_N)
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
