import { data } from "react-router";

/**
 * A link that no longer leads anywhere in the account flows (an invitation or reset token spent,
 * expired, or whose promeneur's record changed): the token pages show its message as a form
 * error. Every other refusal throws `notFound()` / `forbidden()` below.
 */
export class NotFound extends Error {
  constructor(message = "Cette page n'existe pas ou n'est pas accessible.") {
    super(message);
  }
}

/** Bad input for one field: shown next to it. */
export class Invalid extends Error {
  constructor(
    public readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** The unique constraint or index a database error broke (SQLSTATE 23505), looking through `cause`; else null. */
export function uniqueViolation(error: unknown): string | null {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const { code, constraint } = e as { code?: string; constraint?: string };
    if (code === "23505") return constraint ?? "";
  }
  return null;
}

/**
 * Runs a write whose uniqueness a command checks first and the database guards: when a concurrent
 * write takes the value between the check and the insert, the unique index answers, and the same
 * French field error is raised instead of a 500. `guards` maps index names to that error.
 */
export async function withUniqueGuard<T>(write: () => Promise<T>, guards: Record<string, Invalid>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const name = uniqueViolation(error);
    const guard = name === null ? undefined : guards[name];
    throw guard ?? error;
  }
}

/**
 * The refusals, from loaders, actions and domain commands alike (React Router renders the data
 * response): out of the actor's scope, 404; in scope but not for their role, 403.
 */
export function notFound(message?: string): never {
  throw data({ message: message ?? "Cette page n'existe pas ou n'est pas accessible." }, { status: 404 });
}

export function forbidden(message?: string): never {
  throw data({ message: message ?? "Votre rôle ne permet pas d'accéder à cette page." }, { status: 403 });
}
