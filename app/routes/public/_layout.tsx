import { Outlet } from "react-router";
import { compterVueDeLaRequete } from "~/domain/audience/audience.server";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { PublicShell } from "~/ui/layouts/public-shell";
import type { Route } from "./+types/_layout";

export const handle = { hydrate: false };

/** Counts the page view (no cookie, no IP address, robots excluded); never fails the page. */
export async function loader({ request }: Route.LoaderArgs) {
  await compterVueDeLaRequete(getDb(), request, { departement: getEnv().DEFAULT_DEPARTEMENT, now: new Date() });
  return null;
}

export default function PublicLayout() {
  return (
    <PublicShell>
      <Outlet />
    </PublicShell>
  );
}
