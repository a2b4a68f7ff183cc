import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/auth/permissions";
import { metricAttributes, type MetricMark } from "~/components/metrics/kpi-tile";
import { useRootData } from "~/hooks/root-data";
import { formatMoney, formatMonth, formatNumber } from "~/lib/format";
import { REQUISITIONS_TEXT as TEXT } from "./requisitions-text";

/** The hiring plan's summary line: today's headcount against plan and target, the loaded-cost factor, the salaries shown. */
export function HiringMeta({
  headcount,
  loadedCostFactor,
  seesSomeSalary,
  visibleSalaryTotalCents,
  hiddenSalaryCount,
}: {
  headcount: { month: string; empty: boolean; actual: number; planned: number; target: number; marks: { actual: MetricMark; planned: MetricMark } };
  loadedCostFactor: number;
  seesSomeSalary: boolean;
  visibleSalaryTotalCents: number | null;
  hiddenSalaryCount: number;
}) {
  const { t } = useTranslation("hiring");
  const { user, formatting } = useRootData();
  return (
    <p className="hiring-meta">
      <span>
        {t("Headcount ({{month}}):", { month: formatMonth(headcount.month, formatting.locale) })}{" "}
        {headcount.empty ? (
          <>
            {t("no employees or requisitions yet —")} <Link to="/import#import-employees">{t("import your employees")}</Link>
          </>
        ) : (
          <Link to="/hiring/headcount">
            <strong {...metricAttributes(headcount.marks.actual)}>{headcount.actual}</strong> {t("actual")} ·{" "}
            <span {...metricAttributes(headcount.marks.planned)}>{headcount.planned}</span> {t("planned")} ·{" "}
            {t("target {{target}}", { target: headcount.target })}
          </Link>
        )}
      </span>
      <span>
        {t("Loaded-cost factor {{factor}}", { factor: formatNumber(loadedCostFactor, { locale: formatting.locale, digits: 2 }) })}
        {user && can(user, "settings:manage") ? (
          <>
            {" — "}
            <Link to="/settings">{t(TEXT.changeInSettings)}</Link>
          </>
        ) : null}
      </span>
      {seesSomeSalary && visibleSalaryTotalCents != null ? (
        <span>
          {t("Annual salaries shown: {{total}}", { total: formatMoney(visibleSalaryTotalCents, formatting) })}
          {hiddenSalaryCount > 0 ? <span className="muted"> ({t("{{count}} salaries hidden from your role", { count: hiddenSalaryCount })})</span> : null}
        </span>
      ) : null}
    </p>
  );
}
