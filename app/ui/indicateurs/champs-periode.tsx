/**
 * The period fields of the indicators' GET forms (dashboard, national view): kind of period, year,
 * quarter, month, custom dates, each with its French message when it was invalid.
 */
import { type ChampPeriode, MOIS_NOMS } from "~/domain/indicateurs/periode";
import { Field } from "~/ui/field";

const NATURES = [
  { value: "annee", label: "Année civile" },
  { value: "trimestre", label: "Trimestre" },
  { value: "mois", label: "Mois" },
  { value: "convention", label: "Convention 2025–2026" },
  { value: "libre", label: "Dates au choix (du… au…)" },
] as const;

export type Option = { value: string; label: string };

/** A labelled select of a GET filter, linked to its message when it has one. */
export function SelectChamp({
  prefixe,
  nom,
  label,
  valeur,
  options,
  erreur,
  toutes,
}: {
  prefixe: string;
  nom: string;
  label: string;
  valeur: string;
  options: ReadonlyArray<Option>;
  erreur?: string | undefined;
  /** The empty first option (no filter), if any. */
  toutes?: string;
}) {
  const id = `${prefixe}-${nom}`;
  return (
    <Field id={id} label={label} errors={erreur ? [erreur] : undefined} errorId={`${id}-erreur`}>
      <select
        id={id}
        name={nom}
        defaultValue={valeur}
        className="input"
        aria-invalid={erreur ? true : undefined}
        aria-describedby={erreur ? `${id}-erreur` : undefined}
      >
        {toutes !== undefined ? <option value="">{toutes}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

function InputChamp({
  prefixe,
  nom,
  label,
  type,
  valeur,
  erreur,
}: {
  prefixe: string;
  nom: ChampPeriode;
  label: string;
  type: "number" | "date";
  valeur: string;
  erreur?: string | undefined;
}) {
  const id = `${prefixe}-${nom}`;
  return (
    <Field id={id} label={label} errors={erreur ? [erreur] : undefined} errorId={`${id}-erreur`}>
      <input
        id={id}
        name={nom}
        type={type}
        defaultValue={valeur}
        className="input"
        {...(type === "number" ? { min: 2000, max: 2100, inputMode: "numeric" as const } : {})}
        aria-invalid={erreur ? true : undefined}
        aria-describedby={erreur ? `${id}-erreur` : undefined}
      />
    </Field>
  );
}

export function ChampsPeriode({
  prefixe,
  champs,
  erreurs,
}: {
  prefixe: string;
  champs: Record<ChampPeriode, string>;
  erreurs: Partial<Record<string, string>>;
}) {
  return (
    <>
      <fieldset className="flex flex-wrap items-start gap-x-4">
        <legend className="mb-2 font-semibold">Période</legend>
        <SelectChamp
          prefixe={prefixe}
          nom="periode"
          label="Type de période"
          valeur={champs.periode}
          options={NATURES}
          erreur={erreurs.periode}
        />
        <InputChamp
          prefixe={prefixe}
          nom="annee"
          label="Année"
          type="number"
          valeur={champs.annee}
          erreur={erreurs.annee}
        />
        <SelectChamp
          prefixe={prefixe}
          nom="trimestre"
          label="Trimestre"
          valeur={champs.trimestre}
          options={[1, 2, 3, 4].map((t) => ({ value: String(t), label: `${t}${t === 1 ? "er" : "e"} trimestre` }))}
          erreur={erreurs.trimestre}
        />
        <SelectChamp
          prefixe={prefixe}
          nom="mois"
          label="Mois"
          valeur={champs.mois}
          options={MOIS_NOMS.map((m, n) => ({ value: String(n + 1), label: m }))}
          erreur={erreurs.mois}
        />
        <InputChamp prefixe={prefixe} nom="du" label="Du" type="date" valeur={champs.du} erreur={erreurs.du} />
        <InputChamp prefixe={prefixe} nom="au" label="Au" type="date" valeur={champs.au} erreur={erreurs.au} />
      </fieldset>
      <p className="-mt-2 mb-4 text-sm text-slate-700">
        L'année sert aux périodes «&nbsp;année&nbsp;», «&nbsp;trimestre&nbsp;» et «&nbsp;mois&nbsp;»&nbsp;; les dates,
        aux dates au choix.
      </p>
    </>
  );
}
