import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusBadge } from "~/components/metrics/status-badge";
import { ProgressBar } from "~/components/ui/progress-bar";
import { SimpleTable } from "~/components/ui/simple-table";
import type { OkrStatus } from "~/lib/metrics/okrs";

export type TeamHealthRow = { teamId: number; teamName: string; objectives: number; progress: number | null; expected: number; status: OkrStatus | null };

/** Progress and status per team (mean of the team's objectives), linking to the OKR tree. */
export function TeamHealthTable({ rows, cycleId, locale }: { rows: readonly TeamHealthRow[]; cycleId: number; locale: string }) {
  const { t } = useTranslation("okrs");
  return (
    <SimpleTable className="okr-team-health" testId="okr-team-health" columns={[t("Team"), t("Objectives"), t("Progress"), t("Status")]}>
      {rows.map((r) => (
        <tr key={r.teamId}>
          <th scope="row">
            <Link to={`/okrs?cycle=${cycleId}`}>{r.teamName}</Link>
          </th>
          <td>{r.objectives}</td>
          <td className="okr-team-health__bar">
            <ProgressBar
              value={r.progress}
              expected={r.expected}
              status={r.status ?? "neutral"}
              label={t("Progress of {{title}}", { title: r.teamName })}
              locale={locale}
            />
          </td>
          <td>
            <StatusBadge status={r.status} />
          </td>
        </tr>
      ))}
    </SimpleTable>
  );
}
