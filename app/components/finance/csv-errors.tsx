import type { CsvRowError } from "~/lib/csv";

/** The per-row error list of a refused CSV import. */
export function CsvErrorList({ errors, title }: { errors: readonly CsvRowError[]; title: string }) {
  return (
    <div className="csv-errors" role="alert">
      <p className="form-error">{title}</p>
      <div className="table-scroll">
        <table className="simple csv-errors__table">
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">Column</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {errors.map((e, i) => (
              <tr key={i}>
                <td>{e.row || "file"}</td>
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
