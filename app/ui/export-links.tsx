/** Download links of a list as CSV and Excel (the same columns as the import). Plain links: files, not pages. */
export function ExportLinks({ liste, departement }: { liste: "structures" | "promeneurs"; departement: string }) {
  const base = `/espace/export/${liste}?departement=${encodeURIComponent(departement)}`;
  return (
    <p className="mt-2 text-sm">
      Exporter la liste : <a href={`${base}&format=csv`}>CSV</a> · <a href={`${base}&format=xlsx`}>Excel (XLSX)</a>
    </p>
  );
}
