import { notFound } from "~/server/errors.server";

/** Placeholder until this route is built (issue 4). */
export function loader() {
  notFound();
}

export default function Placeholder() {
  return null;
}
