import type { Actor } from "~/domain/comptes/actor";
import { forbidden, NotFound, notFound } from "~/server/errors.server";

/** The actor sees the promeneur (or may act in the area) but may not do this: a 403. */
export class Forbidden extends Error {}

/**
 * Why an actor is refused something on a promeneur: out of their scope (404, the record is not
 * theirs to know about) when they hold a role that does this kind of thing somewhere (by default
 * the roles that read promeneur records), a 403 otherwise (their role never does this).
 */
export function refusal(
  actor: Actor | null | undefined,
  canRead: boolean,
  message: string,
  rolesOfTheArea: readonly string[] = ["national", "coordinateur", "referent"],
): Error {
  if (canRead) return new Forbidden(message);
  const worksOnPromeneurs = actor?.roles.some((g) => rolesOfTheArea.includes(g.role));
  return worksOnPromeneurs ? new NotFound() : new Forbidden(message);
}

/** In a loader or action: NotFound → 404 page, Forbidden → 403 page; anything else is rethrown. */
export function rethrowAsHttp(error: unknown): never {
  if (error instanceof NotFound) notFound(error.message);
  if (error instanceof Forbidden) forbidden(error.message);
  throw error;
}
