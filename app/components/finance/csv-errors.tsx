import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { CsvRowError } from "~/lib/csv";

/**
 * The table of a refused CSV import's row errors (row, column, problem), in its scrolling box.
 * `noRow`: what stands for an error of the whole file (row 0); `fieldAsCode`: the column name in `<code>`;
 * `caption`: a visually hidden caption.
 */
export function CsvErrorTable({
  errors,
  className = "simple",
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
    <div className="table-scroll">
      <table className={className}>
        {caption ? <caption className="visually-hidden">{caption}</caption> : null}
        <thead>
          <tr>
            <th scope="col">{t("Row")}</th>
            <th scope="col">{t("Column")}</th>
            <th scope="col">{t("Problem")}</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((e, i) => (
            <tr key={i}>
              <td>{e.row || noRow}</td>
              <td>{e.field ? fieldAsCode ? <code>{e.field}</code> : e.field : "—"}</td>
              <td>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The per-row error list of a refused CSV import. */
export function CsvErrorList({ errors, title }: { errors: readonly CsvRowError[]; title: string }) {
  const { t } = useTranslation("common");
  return (
    <div className="csv-errors" role="alert">
      <p className="form-error">{title}</p>
      <CsvErrorTable errors={errors} className="simple csv-errors__table" noRow={t("file")} />
    </div>
  );
}
