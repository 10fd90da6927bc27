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
