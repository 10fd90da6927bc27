/** Download links of a list as CSV and Excel (the same columns as the import). Plain links: files, not pages. */
export function ExportLinks({ liste, departement }: { liste: "structures" | "promeneurs"; departement: string }) {
  const base = `/espace/export/${liste}?departement=${encodeURIComponent(departement)}`;
  return (
    <p className="mt-2 text-sm">
      Exporter la liste : <a href={`${base}&format=csv`}>CSV</a> · <a href={`${base}&format=xlsx`}>Excel (XLSX)</a>
    </p>
  );
}

/** The same CSV and Excel links for any export address (`href` without `format`, with its own query). */
export function ExportLinksVers({ href, libelle = "Exporter la liste" }: { href: string; libelle?: string }) {
  const base = `${href}${href.includes("?") ? "&" : "?"}`;
  return (
    <p className="mt-2 text-sm">
      {libelle} : <a href={`${base}format=csv`}>CSV</a> · <a href={`${base}format=xlsx`}>Excel (XLSX)</a>
    </p>
  );
}
