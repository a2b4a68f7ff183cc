import { Link } from "@remix-run/react";
import { StatusBadge } from "~/components/metrics/status-badge";
import { ProgressBar } from "~/components/ui/progress-bar";
import type { OkrStatus } from "~/lib/metrics/okrs";

export type TeamHealthRow = { teamId: number; teamName: string; objectives: number; progress: number | null; expected: number; status: OkrStatus | null };

/** Progress and status per team (mean of the team's objectives), linking to the OKR tree. */
export function TeamHealthTable({ rows, cycleId, locale }: { rows: readonly TeamHealthRow[]; cycleId: number; locale: string }) {
  return (
    <div className="table-scroll">
      <table className="simple okr-team-health" data-testid="okr-team-health">
        <thead>
          <tr>
            <th scope="col">Team</th>
            <th scope="col">Objectives</th>
            <th scope="col">Progress</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.teamId}>
              <th scope="row">
                <Link to={`/okrs?cycle=${cycleId}`}>{r.teamName}</Link>
              </th>
              <td>{r.objectives}</td>
              <td className="okr-team-health__bar">
                <ProgressBar value={r.progress} expected={r.expected} status={r.status ?? "neutral"} label={`Progress of ${r.teamName}`} locale={locale} />
              </td>
              <td>
                <StatusBadge status={r.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
