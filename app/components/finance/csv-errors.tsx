import { useTranslation } from "react-i18next";
import type { CsvRowError } from "~/lib/csv";

/** The per-row error list of a refused CSV import. */
export function CsvErrorList({ errors, title }: { errors: readonly CsvRowError[]; title: string }) {
  const { t } = useTranslation("finance");
  return (
    <div className="csv-errors" role="alert">
      <p className="form-error">{title}</p>
      <div className="table-scroll">
        <table className="simple csv-errors__table">
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
                <td>{e.row || t("file")}</td>
                <td>{e.field || "—"}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
