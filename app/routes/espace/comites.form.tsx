import type { ReactNode } from "react";
import type { RetourFormulaire } from "~/domain/regroupements/comite.schema";
import { DECISION_ETATS, decisionEtatLabels } from "~/domain/regroupements/regroupement.labels";
import { Field, FormErrors } from "~/ui/field";

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

/** The form-level errors of a refused form (a conflict, a missing field without a control). */
export function ErreursFormulaire({ erreurs }: { erreurs?: string[] | undefined }) {
  return <FormErrors errors={erreurs} />;
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
