import { RouterContextProvider } from "react-router";
import type { Actor } from "~/domain/comptes/actor";
import { loadActor } from "~/domain/comptes/session.server";
import { actorContext, csrfContext, flashContext, requestInfoContext } from "~/server/context.server";
import { getDb } from "~/server/db.server";
import { Invalid } from "~/server/errors.server";

/** The router context a loader or action receives, as the root middleware would have set it. */
export function contextFor(actor: Actor | null, options: { ip?: string } = {}) {
  const context = new RouterContextProvider();
  context.set(requestInfoContext, { requestId: "test", ip: options.ip ?? "192.0.2.1", nonce: "" });
  context.set(actorContext, actor);
  context.set(csrfContext, "csrf-test");
  context.set(flashContext, { read: null, next: null });
  return context;
}

export async function actorOf(userId: string): Promise<Actor> {
  const actor = await loadActor(getDb(), {
    id: `session-${userId}`,
    userId,
    secondFactorPending: false,
    expiresAt: new Date(),
  });
  if (!actor) throw new Error("no actor");
  return actor;
}

export function getRequest(path: string): Request {
  return new Request(`http://localhost:3000${path}`);
}

export function postRequest(
  path: string,
  fields: Record<string, string | string[]>,
  headers: Record<string, string> = {},
) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  }
  return new Request(`http://localhost:3000${path}`, {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
  });
}

export type Outcome = { status: number; data: unknown; location: string | null; headers: Headers };

/** Runs a loader or action and describes what it answered or threw (data(), redirect, plain value). */
export async function outcome(run: () => unknown): Promise<Outcome> {
  let value: unknown;
  try {
    value = await run();
  } catch (thrown) {
    value = thrown;
    if (!(thrown instanceof Response) && !isDataWithInit(thrown)) throw thrown;
  }
  if (value instanceof Response) {
    const text = await value.text();
    return { status: value.status, data: text, location: value.headers.get("Location"), headers: value.headers };
  }
  if (isDataWithInit(value)) {
    const headers = new Headers(value.init?.headers);
    return { status: value.init?.status ?? 200, data: value.data, location: headers.get("Location"), headers };
  }
  return { status: 200, data: value, location: null, headers: new Headers() };
}

type DataWithInit = { type: "DataWithResponseInit"; data: unknown; init: ResponseInit | null };
function isDataWithInit(value: unknown): value is DataWithInit {
  return typeof value === "object" && value !== null && (value as { type?: string }).type === "DataWithResponseInit";
}

/**
 * A command or loader refused with this status: it threw the data response of `notFound()` /
 * `forbidden()` (app/server/errors.server.ts). Answers the refusal's message.
 */
export async function expectRefus(promise: Promise<unknown>, status: 403 | 404): Promise<string | undefined> {
  let thrown: unknown;
  try {
    await promise;
  } catch (error) {
    thrown = error;
  }
  if (!isDataWithInit(thrown)) {
    throw new Error(`expected a ${status} refusal, got ${thrown === undefined ? "no error" : String(thrown)}`);
  }
  if (thrown.init?.status !== status) {
    throw new Error(`expected a ${status} refusal, got ${thrown.init?.status}: ${JSON.stringify(thrown.data)}`);
  }
  return (thrown.data as { message?: string } | null)?.message;
}

/**
 * A command refused for bad input: it threw `Invalid` (a French message on a field). Takes the
 * command's promise or a function starting it; answers the error.
 */
export async function invalid(attempt: Promise<unknown> | (() => Promise<unknown>)): Promise<Invalid> {
  try {
    await (typeof attempt === "function" ? attempt() : attempt);
  } catch (error) {
    if (error instanceof Invalid) return error;
    throw error;
  }
  throw new Error("expected an Invalid error");
}
