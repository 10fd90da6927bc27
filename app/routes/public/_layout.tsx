import { Outlet } from "react-router";
import { getEnv } from "~/server/env.server";
import { PublicShell } from "~/ui/layouts/public-shell";

// The public pages ship no script. Their views are counted by the server once answered (see
// `audienceMiddleware`, registered in server/app.ts), so that only pages answering 200 count.
export const handle = { hydrate: false };

/** The public origin, for the canonical and Open Graph URLs of every page (`publicMeta` in ~/ui/meta). */
export function loader() {
  return { publicUrl: getEnv().publicUrl };
}

export default function PublicLayout() {
  return (
    <PublicShell>
      <Outlet />
    </PublicShell>
  );
}
