import { notFound } from "~/server/errors.server";

/** Placeholder until this page is built (issue 3). */
export function loader() {
  notFound();
}

export default function Placeholder() {
  return null;
}
