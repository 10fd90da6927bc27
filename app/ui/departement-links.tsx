/**
 * « Département 04 · voir le 05 »: the département a back-office list shows, and links to the
 * same list in the actor's other départements (`path` with `?departement=`).
 */
export function DepartementLinks({
  path,
  departement,
  departements,
}: {
  path: string;
  departement: string;
  departements: readonly string[];
}) {
  return (
    <p className="mt-1 text-slate-700">
      Département {departement}
      {departements
        .filter((d) => d !== departement)
        .map((d) => (
          <span key={d}>
            {" · "}
            <a href={`${path}?departement=${d}`}>voir le {d}</a>
          </span>
        ))}
    </p>
  );
}
