import type { ReactNode } from "react";
import { DECISION_ETATS, decisionEtatLabels } from "~/domain/regroupements/regroupement.labels";
import { Field } from "~/ui/field";

/**
 * What a governance page's action answers for a refused form: which form (and which row, for a
 * form repeated per member or decision), the French message of each field, and the values typed.
 */
export type RetourFormulaire = {
  formulaire: string;
  cible: string | null;
  erreurs: Record<string, string[]>;
  valeurs: Record<string, string>;
};

/** The values typed in a form (text fields only), to show them again beside the errors. */
export function valeursDe(form: FormData): Record<string, string> {
  const valeurs: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value === "string" && name !== "_csrf") valeurs[name] = value;
  }
  return valeurs;
}

/** The French messages of a refused parse, by field (a message without a path goes to `""`). */
export function erreursDe(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }) {
  const erreurs: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const champ = String(issue.path[0] ?? "");
    if (!erreurs[champ]?.includes(issue.message)) erreurs[champ] = [...(erreurs[champ] ?? []), issue.message];
  }
  return erreurs;
}

/** The errors and typed values of `formulaire` (for row `cible`), when the last answer was about it. */
export function retourDe(
  retour: RetourFormulaire | null | undefined,
  formulaire: string,
  cible: string | null = null,
): { erreurs: Record<string, string[]>; valeurs: Record<string, string> } | null {
  if (!retour || retour.formulaire !== formulaire || retour.cible !== cible) return null;
  return { erreurs: retour.erreurs, valeurs: retour.valeurs };
}

type ChampProps = {
  /** Unique on the page: the control's id; the error's id derives from it. */
  id: string;
  name: string;
  label: string;
  erreurs?: string[] | undefined;
  aide?: ReactNode;
  children?: (aria: {
    id: string;
    name: string;
    "aria-invalid": true | undefined;
    "aria-describedby": string | undefined;
  }) => ReactNode;
};

/**
 * A field of the committee pages' plain forms (several forms on one page, errors keyed by form):
 * `Field` of app/ui/field.tsx, with the aria wiring computed here and handed to the control.
 */
export function Champ({ id, name, label, erreurs, aide, children }: ChampProps) {
  const invalide = Boolean(erreurs?.length);
  const aideId = `${id}-aide`;
  const erreurId = `${id}-erreur`;
  const decrit = [aide ? aideId : "", invalide ? erreurId : ""].filter(Boolean).join(" ") || undefined;
  return (
    <Field id={id} label={label} errors={erreurs} hint={aide} errorId={erreurId} descriptionId={aideId}>
      {children?.({ id, name, "aria-invalid": invalide || undefined, "aria-describedby": decrit })}
    </Field>
  );
}

/** The state of a decision, as a select: on the decision's page and in a meeting's follow-up list. */
export function ChampEtatDecision({ id, etat, erreurs }: { id: string; etat: string; erreurs?: string[] | undefined }) {
  return (
    <Champ id={id} name="etat" label="État" erreurs={erreurs}>
      {(aria) => (
        <select {...aria} defaultValue={etat} className="input">
          {DECISION_ETATS.map((e) => (
            <option key={e} value={e}>
              {decisionEtatLabels[e]}
            </option>
          ))}
        </select>
      )}
    </Champ>
  );
}
