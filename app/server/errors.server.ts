import { data } from "react-router";

/** Typed domain errors, mapped to HTTP by `toResponse`. */
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

export function notFound(message?: string): never {
  throw data({ message: message ?? "Cette page n'existe pas ou n'est pas accessible." }, { status: 404 });
}

export function forbidden(message?: string): never {
  throw data({ message: message ?? "Votre rôle ne permet pas d'accéder à cette page." }, { status: 403 });
}
