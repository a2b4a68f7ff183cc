import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { SimpleTable } from "~/components/ui/simple-table";
import type { CsvRowError } from "~/lib/csv";

/**
 * The table of a refused CSV import's row errors (row, column, problem), in its scrolling box.
 * `noRow`: what stands for an error of the whole file (row 0); `fieldAsCode`: the column name in `<code>`;
 * `caption`: a visually hidden caption; `className`: more classes beside `simple`.
 */
export function CsvErrorTable({
  errors,
  className,
  caption,
  noRow,
  fieldAsCode = false,
}: {
  errors: readonly CsvRowError[];
  className?: string;
  caption?: string;
  noRow: ReactNode;
  fieldAsCode?: boolean;
}) {
  // common: the finance and delivery imports both show it
  const { t } = useTranslation("common");
  return (
    <SimpleTable className={className} caption={caption || undefined} columns={[t("Row"), t("Column"), t("Problem")]}>
      {errors.map((e, i) => (
        <tr key={i}>
          <td>{e.row || noRow}</td>
          <td>{e.field ? fieldAsCode ? <code>{e.field}</code> : e.field : "—"}</td>
          <td>{e.message}</td>
        </tr>
      ))}
    </SimpleTable>
  );
}

/** The per-row error list of a refused CSV import. */
export function CsvErrorList({ errors, title }: { errors: readonly CsvRowError[]; title: string }) {
  const { t } = useTranslation("common");
  return (
    <div className="csv-errors" role="alert">
      <p className="form-error">{title}</p>
      <CsvErrorTable errors={errors} className="csv-errors__table" noRow={t("file")} />
    </div>
  );
}
