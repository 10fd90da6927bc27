import { data } from "react-router";

export const handle = { hydrate: false };

export function loader() {
  throw data({ message: "Cette page n'existe pas ou n'est plus en ligne." }, { status: 404 });
}

export default function NotFoundPage() {
  return null;
}
