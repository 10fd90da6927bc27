import crypto from "node:crypto";
import { data, type MiddlewareFunction } from "react-router";
import {
  findLiveSessionWithActor,
  type LoadedSession,
  parseCookies,
  serializeCookie,
  sessionCookieName,
} from "~/domain/comptes/session.server";
import { safeEqual } from "~/domain/comptes/tokens.server";
import { actorContext, csrfContext, flashContext } from "./context.server";
import { getDb } from "./db.server";
import { isConnectionError, isDatabaseDown, reportDatabaseError } from "./db-health.server";
import { isMultipart, lireChampEnTete } from "./envoi-fichier.server";
import { sessionPolicy } from "./request.server";
import { unavailablePage } from "./unavailable-page.server";

export const CSRF_COOKIE = "pdn_csrf";
export const CSRF_FIELD = "_csrf";
export const FLASH_COOKIE = "pdn_flash";

/** Whether a CSRF cookie holds a token this server could have given (32 random bytes, base64url). */
export function jetonCsrfValide(jeton: string | undefined): jeton is string {
  return jeton !== undefined && /^[\w-]{43}$/.test(jeton);
}

export function nouveauJetonCsrf(): string {
  return crypto.randomBytes(32).toString("base64url");
}

export function isSecureRequest(request: Request): boolean {
  return new URL(request.url).protocol === "https:";
}

/** How far into a multipart body the token is looked for: `CsrfInput` is every form's first field. */
export const CSRF_MULTIPART_MAX_OCTETS = 64 * 1024;

/**
 * Reads the token sent with a form, whatever its encoding. A multipart body (an upload) is read on
 * a clone only until the token, within its first 64 Kio, and never buffered whole: the action
 * streams the rest (app/server/envoi-fichier.server.ts).
 */
async function sentCsrfToken(request: Request): Promise<string | null> {
  const type = request.headers.get("content-type") ?? "";
  if (isMultipart(request)) return lireChampEnTete(request, CSRF_FIELD, CSRF_MULTIPART_MAX_OCTETS);
  if (!type.includes("application/x-www-form-urlencoded")) return null;
  try {
    const value = (await request.clone().formData()).get(CSRF_FIELD);
    return typeof value === "string" ? value : null;
  } catch {
    return null;
  }
}

/**
 * Whether an address carries a NUL character (`%00`), which no text column of PostgreSQL can hold
 * nor be compared with: a slug or a search holding one would fail its query with a 500.
 */
export function adresseAvecNul(url: string): boolean {
  const { pathname, search } = new URL(url);
  for (const part of [pathname, search]) {
    try {
      if (decodeURIComponent(part.replace(/\+/g, " ")).includes("\u0000")) return true;
    } catch {
      if (/%00/.test(part)) return true;
    }
  }
  return false;
}

/**
 * Whether a form sent url-encoded holds a NUL character (`%00`: a `%` typed in a field is sent as
 * `%25`), which no text column of PostgreSQL can hold: the insert would fail with a 500.
 */
async function formulaireAvecNul(request: Request): Promise<boolean> {
  if (!(request.headers.get("content-type") ?? "").includes("application/x-www-form-urlencoded")) return false;
  try {
    const texte = await request.clone().text();
    return texte.includes("%00") || texte.includes("\u0000");
  } catch {
    return false;
  }
}

const REFUS_NUL =
  "Le formulaire contient un caractère nul, qui ne peut pas être enregistré : retirez-le et recommencez.";

/**
 * Runs before every loader and action: an address holding a NUL character is refused (400), then the
 * CSRF double-submit check on every POST (and a form holding a NUL character refused), the session
 * and its actor, the one-time flash message. Sets or clears the matching cookies on the way out.
 */
export const rootMiddleware: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  if (adresseAvecNul(request.url)) {
    throw data({ message: "Cette adresse n'est pas valide : elle contient un caractère nul." }, { status: 400 });
  }
  const secure = isSecureRequest(request);
  const cookies = parseCookies(request.headers.get("cookie"));

  let csrf = cookies[CSRF_COOKIE];
  const newCsrf = !jetonCsrfValide(csrf);
  if (newCsrf) csrf = nouveauJetonCsrf();
  context.set(csrfContext, csrf as string);

  if (request.method !== "GET" && request.method !== "HEAD") {
    // Without a cookie no token can match: the body is not read.
    const sent = newCsrf ? null : await sentCsrfToken(request);
    if (!sent || !safeEqual(sent, csrf as string)) {
      throw data(
        {
          message:
            "Le formulaire a expiré ou ne vient pas de ce site. Rechargez la page et recommencez (les cookies doivent être acceptés).",
        },
        { status: 403 },
      );
    }
    if (await formulaireAvecNul(request)) throw data({ message: REFUS_NUL }, { status: 400 });
  }

  const sessionName = sessionCookieName(secure);
  const token = cookies[sessionName];
  let session: LoadedSession | null = null;
  if (token) {
    try {
      const found = await findLiveSessionWithActor(getDb(), token, sessionPolicy(), new Date());
      session = found?.session ?? null;
      if (found?.actor) context.set(actorContext, found.actor);
    } catch (error) {
      if (!isConnectionError(error)) throw error;
      reportDatabaseError(error);
      return databaseUnavailable();
    }
  }

  const flash = { read: cookies[FLASH_COOKIE] ?? null, next: null as string | null };
  context.set(flashContext, flash);

  const response = await next();
  // A loader that lost the database marked it down while rendering: answer the French 503 page.
  if (response.status >= 500 && isDatabaseDown()) return databaseUnavailable();

  if (newCsrf) response.headers.append("Set-Cookie", serializeCookie(CSRF_COOKIE, csrf as string, { secure }));
  if (token && !session && !response.headers.get("Set-Cookie")?.includes(`${sessionName}=`)) {
    response.headers.append("Set-Cookie", serializeCookie(sessionName, "", { secure, maxAgeSeconds: 0 }));
  }
  if (flash.next) {
    response.headers.append(
      "Set-Cookie",
      serializeCookie(FLASH_COOKIE, flash.next.slice(0, 500), { secure, maxAgeSeconds: 120 }),
    );
  } else if (flash.read && !isRedirect(response)) {
    response.headers.append("Set-Cookie", serializeCookie(FLASH_COOKIE, "", { secure, maxAgeSeconds: 0 }));
  }
  if (context.get(actorContext) || token) response.headers.set("Cache-Control", "private, no-store");
  return response;
};

function databaseUnavailable(): Response {
  return new Response(unavailablePage(), {
    status: 503,
    headers: { "Content-Type": "text/html; charset=utf-8", "Retry-After": "10", "Cache-Control": "no-store" },
  });
}

function isRedirect(response: Response): boolean {
  return response.status >= 300 && response.status < 400;
}
