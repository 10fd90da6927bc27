import { Outlet } from "react-router";
import { PublicShell } from "~/ui/layouts/public-shell";

export const handle = { hydrate: false };

export default function PublicLayout() {
  return (
    <PublicShell>
      <Outlet />
    </PublicShell>
  );
}
