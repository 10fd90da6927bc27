import { Outlet } from "react-router";
import { PublicShell } from "~/ui/layouts/public-shell";

// The public pages ship no script. Their views are counted by the server once answered (see
// `audienceMiddleware`, registered in server/app.ts), so that only pages answering 200 count.
export const handle = { hydrate: false };

export default function PublicLayout() {
  return (
    <PublicShell>
      <Outlet />
    </PublicShell>
  );
}
