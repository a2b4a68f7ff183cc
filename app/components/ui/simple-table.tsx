import type { ReactNode } from "react";
import { EmptyState } from "~/components/ui/empty-state";

/** A column head: its text, and `num` for a right-aligned figure column (`dl-num`, or the older `num`). */
export type ColumnHead = string | { label: ReactNode; num?: boolean | "num"; key?: string };

function headClass(num: boolean | "num" | undefined): string | undefined {
  if (num === "num") return "num";
  return num ? "dl-num" : undefined;
}

/**
 * The head row of a plain table: one `<th scope="col">` per column, and a last, visually hidden
 * head for the row actions when `actionsLabel` is given ("Actions", "Save", "Delete").
 */
export function TableHead({ columns, actionsLabel }: { columns: readonly ColumnHead[]; actionsLabel?: string }) {
  return (
    <thead>
      <tr>
        {columns.map((c, i) =>
          typeof c === "string" ? (
            <th scope="col" key={`${i}-${c}`}>
              {c}
            </th>
          ) : (
            <th scope="col" className={headClass(c.num)} key={c.key ?? i}>
              {c.label}
            </th>
          ),
        )}
        {actionsLabel !== undefined ? (
          <th scope="col">
            <span className="visually-hidden">{actionsLabel}</span>
          </th>
        ) : null}
      </tr>
    </thead>
  );
}

export type SimpleTableProps = {
  caption?: ReactNode;
  captionVisible?: boolean;
  columns: readonly ColumnHead[];
  actionsLabel?: string;
  /** more classes beside `simple` */
  className?: string;
  testId?: string;
  /** rows of a `<tfoot>` (totals) */
  footer?: ReactNode;
  children: ReactNode;
};

/**
 * A plain table (`table.simple`) in its horizontal scroll box: caption (visually hidden unless
 * `captionVisible`), head row from `columns`, the body rows as children and, if given, the `footer` rows.
 */
export function SimpleTable({ caption, captionVisible = false, columns, actionsLabel, className, testId, footer, children }: SimpleTableProps) {
  return (
    <div className="table-scroll">
      <table className={className ? `simple ${className}` : "simple"} data-testid={testId}>
        {caption !== undefined ? <caption className={captionVisible ? undefined : "visually-hidden"}>{caption}</caption> : null}
        <TableHead columns={columns} actionsLabel={actionsLabel} />
        <tbody>{children}</tbody>
        {footer !== undefined ? <tfoot>{footer}</tfoot> : null}
      </table>
    </div>
  );
}

/** What an empty list says (translated): what is missing, what to do, and who may. */
export type EmptyListText = { title: ReactNode; body: ReactNode; whoMay: ReactNode };

/** A page's empty-list texts (its TEXT's emptyTitle, emptyBody and whoMay keys), translated by the page's `t`. */
export function emptyListText(t: (key: string) => string, text: { emptyTitle: string; emptyBody: string; whoMay: string }): EmptyListText {
  return { title: t(text.emptyTitle), body: t(text.emptyBody), whoMay: t(text.whoMay) };
}

/** A list's SimpleTable, or, when it has no row (`count` 0), its empty state (`empty`). */
export function TableOrEmpty({ count, empty, ...table }: SimpleTableProps & { count: number; empty: EmptyListText }) {
  if (count === 0) {
    return (
      <EmptyState title={empty.title} whoMay={empty.whoMay}>
        <p>{empty.body}</p>
      </EmptyState>
    );
  }
  return <SimpleTable {...table} />;
}
