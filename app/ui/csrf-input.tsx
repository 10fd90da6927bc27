import { useRootData } from "~/root";

/** The hidden token every POST form carries (checked by the root middleware). */
export function CsrfInput() {
  const root = useRootData();
  return <input type="hidden" name="_csrf" value={root?.csrf ?? ""} />;
}
