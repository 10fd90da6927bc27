import { type RouterContextProvider, redirect } from "react-router";
import type { Actor } from "~/domain/comptes/actor";
import { type Action, can, departementsFor, scopeFor, type Target } from "~/domain/comptes/policy";
import { actorContext, flashContext, requestInfoContext } from "./context.server";
import { getEnv } from "./env.server";
import { forbidden, notFound } from "./errors.server";

type Ctx = Readonly<RouterContextProvider>;

/** The signed-in actor, or a redirect to the sign-in page that comes back here afterwards. */
export function requireActor(context: Ctx, request: Request): Actor {
  const actor = context.get(actorContext);
  if (actor) return actor;
  const url = new URL(request.url);
  const back = `${url.pathname}${url.search}`;
  throw redirect(`/connexion?retour=${encodeURIComponent(back)}`);
}

/** The actor if they may do `action` on `target`; a 403 page otherwise. */
export function requirePermission(context: Ctx, request: Request, action: Action, target: Target = {}): Actor {
  const actor = requireActor(context, request);
  if (!can(actor, action, target)) {
    forbidden();
  }
  return actor;
}

/**
 * The rule every command of a département repeats: the actor may do `action` on `target`, or gets
 * a 404 when their role does it elsewhere (another département is out of their scope), a 403 when
 * their role never does it.
 */
export function requireScoped(actor: Actor, action: Action, target: Target): void {
  if (can(actor, action, target)) return;
  if (can(actor, action)) notFound();
  forbidden();
}

export function requestId(context: Ctx): string {
  return context.get(requestInfoContext).requestId;
}

export function clientIp(context: Ctx): string {
  return context.get(requestInfoContext).ip;
}

/** A message shown once on the next page (after a redirect). */
export function setFlash(context: Ctx, message: string): void {
  context.get(flashContext).next = message;
}

/** A same-site path to go back to after sign-in, never an open redirect. */
export function safeReturnPath(value: string | null | undefined, fallback: string): string {
  if (!value?.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  // Browsers drop tabs and line breaks from a URL: "/\t/evil.example" would become "//evil.example".
  if ([...value].some((c) => c <= "\u001f" || c === "\u007f")) return fallback;
  return value;
}

export function sessionPolicy() {
  const env = getEnv();
  return { idleMinutes: env.SESSION_IDLE_MINUTES, maxHours: env.SESSION_MAX_HOURS };
}

/**
 * The département a page works on: the one asked for in `?departement=` if the actor may act
 * there (404 otherwise, as for anything out of scope), else the first one they may act in. A
 * referent's grant counts for their structure's département.
 */
export function pickDepartement(actor: Actor, action: Action, request: Request): string {
  const asked = new URL(request.url).searchParams.get("departement");
  if (scopeFor(actor, action).all) {
    return asked && /^(\d{2}|2[AB]|97\d)$/.test(asked) ? asked : getEnv().DEFAULT_DEPARTEMENT;
  }
  const departements = departementsFor(actor, action);
  if (asked) {
    if (!departements.includes(asked)) notFound();
    return asked;
  }
  const first = departements[0];
  if (!first) forbidden();
  return first;
}
