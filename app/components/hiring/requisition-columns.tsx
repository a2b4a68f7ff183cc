import { Form, Link, useNavigation } from "@remix-run/react";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { createDataTableColumnHelper } from "~/components/ui/data-table";
import { HiddenFields } from "~/components/ui/row-form";
import { Tooltip } from "~/components/ui/tooltip";
import { useFormatting } from "~/hooks/root-data";
import { formatMoney, formatMonth, NO_DATA } from "~/lib/format";
import { NEXT_REQUISITION_STATUS } from "~/lib/requisitions";
import { formatDeltaDays, PriorityBadge, RequisitionStatusBadge, STATUS_LABELS, type PriorityValue, type Status } from "./labels";
import { REQUISITIONS_TEXT as TEXT } from "./requisitions-text";

/** What a requisition does to the zero-cash date, or why that is not shown. */
export type RequisitionDelta = { kind: "days"; days: number } | { kind: "hidden" | "notCounted" | "noForecast" | "noZeroCash" };

/** A row of the hiring plan's table (the salary null when the reader may not see it). */
export type RequisitionTableRow = {
  id: number;
  title: string;
  teamName: string | null;
  profile: string | null;
  priority: PriorityValue;
  targetStartMonth: string;
  source: string | null;
  status: Status;
  objectiveTitle: string | null;
  annualSalaryCents: number | null;
  salaryVisible: boolean;
  canEdit: boolean;
  delta: RequisitionDelta;
};

type Row = RequisitionTableRow;

function StatusActions({ row }: { row: Row }) {
  const navigation = useNavigation();
  const { t } = useTranslation("hiring");
  if (!row.canEdit) return null;
  const next = NEXT_REQUISITION_STATUS[row.status as Status];
  const busy =
    navigation.state === "submitting" && navigation.formData?.get("requisitionId") === String(row.id) ? String(navigation.formData?.get("change")) : null;
  return (
    <div className="hiring-actions">
      {next ? (
        <StatusChange
          row={row}
          change="next"
          variant="primary"
          label={t("Move to {{status}}: {{title}}", { status: t(STATUS_LABELS[next]), title: row.title })}
          busy={busy === "next"}
        >
          {`→ ${t(STATUS_LABELS[next])}`}
        </StatusChange>
      ) : null}
      {row.status !== "hired" && row.status !== "cancelled" ? (
        <StatusChange
          row={row}
          change="cancel"
          variant="ghost"
          title={t(TEXT.cancel)}
          label={t("Cancel: {{title}}", { title: row.title })}
          busy={busy === "cancel"}
        >
          ✕
        </StatusChange>
      ) : null}
      {row.status === "cancelled" ? (
        <StatusChange row={row} change="reopen" variant="ghost" label={t("Reopen: {{title}}", { title: row.title })}>
          {t(TEXT.reopen)}
        </StatusChange>
      ) : null}
    </div>
  );
}

/**
 * One status change of a requisition row (next, cancel, reopen): a POST form of the row's id and the
 * status it expects, and its small button; `busy` (while that change is sent) shows "…" instead of the text.
 */
function StatusChange({
  row,
  change,
  variant,
  title,
  label,
  busy,
  children,
}: {
  row: Row;
  change: "next" | "cancel" | "reopen";
  variant: "primary" | "ghost";
  title?: string;
  label: string;
  busy?: boolean;
  children: ReactNode;
}) {
  return (
    <Form method="post" preventScrollReset>
      <HiddenFields values={{ intent: "status", requisitionId: row.id, expected: row.status, change }} />
      <button type="submit" className={`btn btn--${variant} btn--sm`} title={title} aria-label={label} aria-busy={busy || undefined}>
        {busy ? "…" : children}
      </button>
    </Form>
  );
}

function SalaryCell({ row }: { row: Row }) {
  const formatting = useFormatting();
  const { t } = useTranslation("hiring");
  if (row.annualSalaryCents == null) {
    return (
      <span className="muted" title={t(TEXT.salaryHiddenWhy)}>
        {t(TEXT.salaryHidden)}
      </span>
    );
  }
  return <>{formatMoney(row.annualSalaryCents, formatting)}</>;
}

function DeltaCell({ row }: { row: Row }) {
  const { t } = useTranslation("hiring");
  const d = row.delta;
  if (d.kind === "days") {
    return <span className={d.days < 0 ? "hiring-delta hiring-delta--earlier" : "hiring-delta"}>{formatDeltaDays(d.days, t)}</span>;
  }
  const [text, why] =
    d.kind === "hidden"
      ? [TEXT.deltaHidden, TEXT.deltaHiddenWhy]
      : d.kind === "notCounted"
        ? [TEXT.notCounted, TEXT.notCountedWhy]
        : d.kind === "noForecast"
          ? [NO_DATA, TEXT.noForecastWhy]
          : [TEXT.noZeroCash, TEXT.noZeroCashWhy];
  return (
    <span className="muted" title={t(why)}>
      {text === NO_DATA ? text : t(text)}
    </span>
  );
}

function MonthCell({ month }: { month: string }) {
  const formatting = useFormatting();
  return <>{formatMonth(month, formatting.locale)}</>;
}

const col = createDataTableColumnHelper<Row>();

/** The hiring plan table's columns, headers in the reader's language (with and without the salary column). */
export function hiringColumns(t: TFunction) {
  const baseColumns = [
    col.accessor("title", {
      id: "title",
      header: t("Title"),
      meta: { rowHeader: true },
      cell: (c) => (
        <span className="hiring-title">
          <Link to={`/hiring/${c.row.original.id}`}>{c.getValue()}</Link>
          {c.row.original.profile || c.row.original.source ? (
            <span className="muted hiring-sub">{[c.row.original.profile, c.row.original.source].filter(Boolean).join(" · ")}</span>
          ) : null}
        </span>
      ),
    }),
    col.accessor("teamName", { id: "team", header: t("Team"), cell: (c) => c.getValue() ?? "—" }),
    col.accessor("priority", { id: "priority", header: t("Priority"), cell: (c) => <PriorityBadge priority={c.getValue()} /> }),
    col.accessor("targetStartMonth", {
      id: "targetStartMonth",
      header: t("Target start"),
      meta: { nowrap: true },
      cell: (c) => <MonthCell month={c.getValue()} />,
    }),
    col.accessor("status", {
      id: "status",
      header: t("Status"),
      cell: (c) => (
        <div className="hiring-status">
          <RequisitionStatusBadge status={c.getValue()} />
          <StatusActions row={c.row.original} />
        </div>
      ),
    }),
    col.accessor("objectiveTitle", {
      id: "objective",
      header: t("Objective"),
      cell: (c) => {
        const v = c.getValue();
        return v ? (
          <span className="hiring-clamp" title={v}>
            {v}
          </span>
        ) : (
          "—"
        );
      },
    }),
  ];
  const salaryColumn = col.accessor("annualSalaryCents", {
    id: "salary",
    header: t(TEXT.salary),
    meta: { align: "end", nowrap: true, withheld: (r: Row) => !r.salaryVisible, withheldNote: t(TEXT.salaryColumnWithheld) },
    cell: (c) => <SalaryCell row={c.row.original} />,
  });
  const deltaColumn = col.display({
    id: "delta",
    header: () => (
      <span className="hiring-th-tip">
        {t(TEXT.delta)} <Tooltip label={t("How Δ zero-cash is computed")} content={t(TEXT.deltaFormula)} align="end" />
      </span>
    ),
    meta: {
      align: "end",
      nowrap: true,
      withheld: (r: Row) => r.delta.kind === "hidden" || (r.delta.kind === "notCounted" && !r.salaryVisible),
      withheldNote: t(TEXT.deltaColumnWithheld),
    },
    cell: (c) => <DeltaCell row={c.row.original} />,
  });
  return { withSalary: col.columns([...baseColumns, salaryColumn, deltaColumn]), withoutSalary: col.columns([...baseColumns, deltaColumn]) };
}
