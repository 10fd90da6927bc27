import { createContext } from "react-router";
import type { Actor } from "~/domain/comptes/actor";

/** Facts about the HTTP request that Express knows and React Router does not. */
export type RequestInfo = {
  requestId: string;
  ip: string;
  nonce: string;
};

export const requestInfoContext = createContext<RequestInfo>({ requestId: "-", ip: "0.0.0.0", nonce: "" });

/** The signed-in actor, or null; set by the root middleware. */
export const actorContext = createContext<Actor | null>(null);

/** The CSRF token of this browser (double-submit cookie), set by the root middleware. */
export const csrfContext = createContext<string>("");

/** A one-time message shown on the next page (set by the root middleware from its cookie). */
export const flashContext = createContext<{ read: string | null; next: string | null }>({ read: null, next: null });
