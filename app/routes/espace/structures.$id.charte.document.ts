import { notFound } from "~/server/errors.server";

/** Placeholder until this route is built (issue 3). */
export function loader() {
  notFound();
}
