import { data } from "react-router";
import type { Route } from "./+types/promeneurs.$slug";

export function loader(_: Route.LoaderArgs) {
  throw data({ message: "Ce profil n'existe pas ou n'est plus en ligne." }, { status: 404 });
}

export default function PromeneurProfilePage() {
  return null;
}
