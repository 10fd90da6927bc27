/** One choice of a filter select: the value sent in the query string and the text shown. */
export type OptionFiltre = { value: string; label: string };

/**
 * The labelled `<select>` of a list page's GET filter form: an empty first option (« Tous », « Toutes les
 * structures »…) clears the filter, then one option per choice.
 */
export function SelectFiltre({
  id,
  name,
  label,
  defaultValue,
  toutes,
  options,
  className,
}: {
  id: string;
  name: string;
  label: string;
  defaultValue: string | null | undefined;
  /** The text of the empty first option. */
  toutes: string;
  options: readonly OptionFiltre[];
  /** The wrapper's classes (none by default). */
  className?: string;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1 block font-semibold">
        {label}
      </label>
      <select id={id} name={name} defaultValue={defaultValue ?? ""} className="input">
        <option value="">{toutes}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
