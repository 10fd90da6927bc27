import { redirect } from "react-router";
import { signOut } from "~/domain/comptes/comptes.commands.server";
import { parseCookies, serializeCookie, sessionCookieName } from "~/domain/comptes/session.server";
import { hashToken } from "~/domain/comptes/tokens.server";
import { getDb } from "~/server/db.server";
import { setFlash } from "~/server/request.server";
import { isSecureRequest } from "~/server/root-middleware.server";
import type { Route } from "./+types/deconnexion";

export function loader() {
  return redirect("/");
}

export async function action({ request, context }: Route.ActionArgs) {
  const secure = isSecureRequest(request);
  const name = sessionCookieName(secure);
  const token = parseCookies(request.headers.get("cookie"))[name];
  if (token) await signOut({ db: getDb(), now: new Date() }, hashToken(token));
  setFlash(context, "Vous êtes déconnecté.");
  return redirect("/connexion", { headers: { "Set-Cookie": serializeCookie(name, "", { secure, maxAgeSeconds: 0 }) } });
}
