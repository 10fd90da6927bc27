import { redirect } from "react-router";
import { homePathFor } from "~/domain/comptes/actor";
import { requireActor } from "~/server/request.server";
import type { Route } from "./+types/index";

export function loader({ context, request }: Route.LoaderArgs) {
  throw redirect(homePathFor(requireActor(context, request)));
}
