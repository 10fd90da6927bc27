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
  const alignClass = (column: Column<Row>) => (column.align === "right" ? "text-right" : "");
  return (
    <div className={`overflow-x-auto ${className ?? "mt-6"}`}>
      <table className="w-full border-collapse text-left text-sm">
        <caption className={captionHidden ? "sr-only" : "mb-2 text-left text-base font-semibold"}>{caption}</caption>
        <thead>
          <tr className="border-b border-slate-400">
            {columns.map((column) => (
              <th key={column.header} scope="col" className={`py-2 pr-3 ${alignClass(column)}`}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className="border-b border-slate-200 align-top">
              {columns.map((column, index) =>
                index === 0 ? (
                  <th key={column.header} scope="row" className={`py-1.5 pr-3 font-normal ${alignClass(column)}`}>
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={column.header} className={`py-1.5 pr-3 ${alignClass(column)}`}>
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
