import type { ReactNode } from "react";

export type Column<Row> = {
  header: string;
  /** The cell's content. */
  cell: (row: Row) => ReactNode;
  /** Numbers are right-aligned. */
  align?: "left" | "right";
};

type DataTableProps<Row> = {
  caption: ReactNode;
  /** Hide the caption visually (still read by screen readers). */
  captionHidden?: boolean;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string | number;
  /** Shown instead of an empty body. */
  empty?: ReactNode;
  className?: string;
};

/**
 * An accessible table: a caption, column headers, the first cell of each row as its row header.
 * Scrolls sideways on a narrow screen instead of overflowing the page.
 */
export function DataTable<Row>({
  caption,
  captionHidden,
  columns,
  rows,
  rowKey,
  empty,
  className,
}: DataTableProps<Row>) {
  if (rows.length === 0 && empty) return <p className={className ?? "mt-4"}>{empty}</p>;
  // The cells' styles live in app.css (.tableau-donnees): a table of 500 rows does not repeat them
  // on every cell. Numbers are right-aligned by the `num` class.
  const alignClass = (column: Column<Row>) => (column.align === "right" ? "num" : undefined);
  return (
    <div className={`overflow-x-auto ${className ?? "mt-6"}`}>
      <table className="tableau-donnees">
        <caption className={captionHidden ? "sr-only" : "mb-2 text-left text-base font-semibold"}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.header} scope="col" className={alignClass(column)}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column, index) =>
                index === 0 ? (
                  <th key={column.header} scope="row" className={alignClass(column)}>
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={column.header} className={alignClass(column)}>
                    {column.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
