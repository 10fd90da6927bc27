import { type FieldMetadata, getInputProps, getSelectProps } from "@conform-to/react";
import type { ReactNode } from "react";
import { RESEAUX, reseauLabels, type StatutProfil, statutProfilLabels } from "~/domain/profils/profil.labels";
import { Field, InputField } from "~/ui/field";

// What the profile pages share (not a route): the status badge and the fields of the add and edit forms.

const statutClasses: Record<StatutProfil, string> = {
  conforme: "bg-green-100 text-green-900",
  non_conforme: "bg-red-100 text-red-900",
  a_verifier: "bg-amber-100 text-amber-900",
};

export function StatutBadge({ statut }: { statut: StatutProfil }) {
  return <span className={`rounded px-2 py-0.5 text-sm ${statutClasses[statut]}`}>{statutProfilLabels[statut]}</span>;
}

// Conform's metadata of a field sent as a string.
type Champ = FieldMetadata<string | undefined, Record<string, unknown>, string[]>;

type ProfilFieldsProps = {
  fields: { reseau: Champ; saisie: Champ; confirmationPersonnel: Champ };
  /** Below the address field's label. */
  hint: ReactNode;
  /** Shown after the address field, before the confirmation of a personal-looking account. */
  children?: ReactNode;
};

/**
 * The network, the account's address or name, and (once the server has warned that the name looks
 * personal) the box confirming it is a professional account.
 */
export function ProfilFields({ fields, hint, children }: ProfilFieldsProps) {
  const avertissement = fields.confirmationPersonnel.errors;
  const montrerConfirmation = Boolean(avertissement?.length) || fields.confirmationPersonnel.initialValue === "on";
  return (
    <>
      <Field id={fields.reseau.id} label="Réseau" errors={fields.reseau.errors} errorId={fields.reseau.errorId}>
        <select {...getSelectProps(fields.reseau)} className="input">
          {RESEAUX.map((r) => (
            <option key={r} value={r}>
              {reseauLabels[r]}
            </option>
          ))}
        </select>
      </Field>
      <InputField
        field={fields.saisie}
        label="Adresse du profil ou nom du compte"
        type="text"
        autoComplete="off"
        spellCheck={false}
        hint={hint}
      />
      {children}
      {montrerConfirmation ? (
        <div className="mb-4 rounded-md border border-amber-600 bg-amber-50 p-3">
          {avertissement?.length ? (
            <p id={fields.confirmationPersonnel.errorId} className="mb-2 text-sm font-semibold">
              {avertissement.join(" ")}
            </p>
          ) : null}
          <label className="flex items-start gap-2">
            <input
              {...getInputProps(fields.confirmationPersonnel, { type: "checkbox", value: "on" })}
              className="mt-1"
            />
            <span>Je confirme qu'il s'agit d'un compte professionnel de promeneur.</span>
          </label>
        </div>
      ) : null}
    </>
  );
}
