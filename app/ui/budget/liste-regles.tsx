import { statutRegleLabels } from "~/domain/budget/budget.labels";
import type { Verification } from "~/domain/budget/budget.rules";

const marque = { respectee: "✓", non_respectee: "✗", sans_objet: "–" } as const;
const couleur = {
  respectee: "border-emerald-700",
  non_respectee: "border-alerte-700",
  sans_objet: "border-slate-400",
} as const;

/** The rules of the call, each with its status in words (not only a colour) and its figures. */
export function ListeRegles({ verifications, titre }: { verifications: readonly Verification[]; titre: string }) {
  return (
    <div className="mt-4">
      <h3 className="font-semibold">{titre}</h3>
      <ul className="mt-2 space-y-2">
        {verifications.map((v) => (
          <li key={v.regle} className={`max-w-3xl border-l-4 pl-3 ${couleur[v.statut]}`}>
            <span aria-hidden="true">{marque[v.statut]} </span>
            <strong className={v.statut === "non_respectee" ? "text-alerte-700" : undefined}>
              {statutRegleLabels[v.statut]}
            </strong>{" "}
            — {v.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
