import { type FieldMetadata, getInputProps, getSelectProps } from "@conform-to/react";
import type { InputHTMLAttributes, ReactNode } from "react";

type FieldProps = {
  id: string;
  label: string;
  errors?: string[] | undefined;
  hint?: ReactNode;
  errorId?: string;
  descriptionId?: string;
  children: ReactNode;
};

/** A label, the control, a hint and the field's French error messages right below it. */
export function Field({ id, label, errors, hint, errorId, descriptionId, children }: FieldProps) {
  return (
    <div className="mb-4">
      <label htmlFor={id} className="mb-1 block font-semibold">
        {label}
      </label>
      {hint ? (
        <p id={descriptionId} className="mb-1 text-sm text-slate-700">
          {hint}
        </p>
      ) : null}
      {children}
      {errors?.length ? (
        <p id={errorId} className="mt-1 text-sm font-semibold text-alerte-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

export function FormErrors({ errors, id }: { errors?: string[] | undefined; id?: string }) {
  if (!errors?.length) return null;
  return (
    <div id={id} role="alert" className="mb-4 rounded-md border border-alerte-700 bg-red-50 px-4 py-3 text-alerte-700">
      {errors.map((e) => (
        <p key={e}>{e}</p>
      ))}
    </div>
  );
}

type InputFieldProps = {
  // Conform's metadata of a text-like field.
  field: FieldMetadata<string | undefined, Record<string, unknown>, string[]>;
  label: string;
  type: "text" | "email" | "password" | "search" | "tel" | "url";
  hint?: ReactNode;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "name" | "id" | "defaultValue" | "form">;

/** A Conform text field: label, input wired to its hint and errors (aria), errors below. */
export function InputField({ field, label, type, hint, ...attributes }: InputFieldProps) {
  return (
    <Field
      id={field.id}
      label={label}
      hint={hint}
      descriptionId={field.descriptionId}
      errors={field.errors}
      errorId={field.errorId}
    >
      <input
        {...getInputProps(field, { type, ariaDescribedBy: hint ? field.descriptionId : undefined })}
        className="input"
        {...attributes}
      />
    </Field>
  );
}

type RadioFieldProps<T extends string> = {
  // Conform's metadata of a field holding one of `options`.
  field: FieldMetadata<string | undefined, Record<string, unknown>, string[]>;
  legend: string;
  options: readonly T[];
  labels: Record<T, string>;
  defaultValue: T;
};

/** A Conform choice among a few options: radios in a fieldset, its French errors below, tied by aria. */
export function RadioField<T extends string>({ field, legend, options, labels, defaultValue }: RadioFieldProps<T>) {
  const invalid = Boolean(field.errors?.length);
  return (
    <fieldset className="mb-4" aria-describedby={invalid ? field.errorId : undefined}>
      <legend className="mb-1 font-semibold">{legend}</legend>
      {options.map((option) => (
        <div key={option} className="flex items-center gap-2 py-0.5">
          <input
            type="radio"
            id={`${field.id}-${option}`}
            name={field.name}
            value={option}
            defaultChecked={(field.initialValue ?? defaultValue) === option}
            aria-invalid={invalid || undefined}
          />
          <label htmlFor={`${field.id}-${option}`}>{labels[option]}</label>
        </div>
      ))}
      {invalid ? (
        <p id={field.errorId} className="mt-1 text-sm font-semibold text-alerte-700">
          {field.errors?.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}

type CommuneFieldProps = {
  // Conform's metadata of the commune's INSEE code.
  field: FieldMetadata<string | undefined, Record<string, unknown>, string[]>;
  communes: readonly { code: string; nom: string }[];
  /** The empty choice's text (« — Aucune — », « — Choisir une commune — »). */
  vide: string;
  label?: string;
};

/** A commune of the département chosen in a plain select (works without JavaScript). */
export function CommuneField({ field, communes, vide, label = "Commune" }: CommuneFieldProps) {
  return (
    <Field id={field.id} label={label} errors={field.errors} errorId={field.errorId}>
      <select {...getSelectProps(field)} className="input">
        <option value="">{vide}</option>
        {communes.map((c) => (
          <option key={c.code} value={c.code}>
            {c.nom}
          </option>
        ))}
      </select>
    </Field>
  );
}
