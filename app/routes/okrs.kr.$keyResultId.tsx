import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { LineChart } from "~/components/charts/line-chart";
import { metricAttributes } from "~/components/metrics/kpi-tile";
import { CheckInRow } from "~/components/okrs/check-in-form";
import { KeyResultRoadmapPanel } from "~/components/roadmap/roadmap-panel";
import { Card } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { PageHeader } from "~/components/ui/page-header";
import { SimpleTable } from "~/components/ui/simple-table";
import { checkInAction } from "~/handlers/okrs.server";
import { useFormatting } from "~/hooks/root-data";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import { formatDateTime, formatMoney, formatNumber, formatPercent } from "~/lib/format";
import { formatShortDate } from "~/lib/kpi-format";
import { formatKrValue } from "~/lib/kr-format";
import { buildKrHistory } from "~/lib/metrics/kr-history";
import { krValueFromMetric } from "~/lib/metrics/links";
import { expectedProgress, FORMULAS, krProgress, okrStatus } from "~/lib/metrics/okrs";
import { idSchema } from "~/lib/validation.server";
import { MetricContext } from "~/models/metrics/context.server";
import { metricHistory } from "~/models/metrics/history.server";
import { readFigure } from "~/models/metrics/readings.server";
import { getKeyResult, listCheckIns } from "~/models/okrs.server";
import { getKeyResultRoadmap } from "~/models/roadmap.server";
import { getDb } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import { dataRouteHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  valueChart: N_("Value against the expected pace"),
  confidenceChart: N_("Confidence (1–10)"),
  checkIns: N_("Check-ins"),
  none: N_("No check-ins yet"),
  noneBody: N_("Record the first check-in with the form above: the value now, your confidence and a note."),
  who: N_("The lead of the objective's team, the key result's owner, the CEO and the CTO."),
  carried: N_("Carried over from"),
} as const;

export const { handle, meta } = dataRouteHead<typeof loader>(["okrs", "plans"], (data, t) => `${data?.kr.title ?? t("Key result")} · ${t("OKRs")}`);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = idSchema.safeParse(params.keyResultId);
  if (!id.success) notFound(serverT("No such key result.", { ns: "okrs" }));
  const db = getDb();
  const now = Date.now();
  const kr = getKeyResult(db, id.data);
  if (!kr) notFound(serverT("No such key result.", { ns: "okrs" }));
  const checkIns = listCheckIns(db, kr.id);
  const expected = expectedProgress(kr.cycleStartDate, kr.cycleEndDate, now);
  // a linked KR reads its metric through the catalogue (the same figure as the dashboards); once
  // its cycle is closed it shows the value frozen at closing
  const ctx = kr.metricId ? new MetricContext(db, now) : null;
  const figure = ctx && kr.metricId ? readFigure(ctx, kr.metricId) : null;
  const live = figure !== null && kr.finalProgress === null;
  const currentValue = live ? krValueFromMetric(figure, figure.value) : kr.currentValue;
  const progress = kr.finalProgress ?? (currentValue === null ? null : krProgress({ ...kr, currentValue }));
  const metric =
    ctx && figure && kr.metricId
      ? {
          ...figure,
          history: metricHistory(ctx, kr.metricId, { from: kr.cycleStartDate, to: kr.cycleEndDate }),
          mark: live ? { id: figure.id, value: figure.value, asOf: figure.asOf, window: figure.window } : null,
        }
      : null;
  const last = checkIns[checkIns.length - 1];
  return {
    kr: {
      ...kr,
      currentValue,
      progress,
      status: progress === null ? null : okrStatus(progress, expected),
      lastCheckInAt: last?.createdAt ?? null,
      lastConfidence: last?.confidence ?? null,
      metric: metric?.mark ?? null,
    },
    metric: metric
      ? { id: metric.id, label: metric.label, formula: metric.formula, windowText: metric.windowText, note: metric.history.note, mark: metric.mark }
      : null,
    expected,
    checkIns: checkIns.slice().reverse(),
    history: buildKrHistory(
      kr,
      { startDate: kr.cycleStartDate, endDate: kr.cycleEndDate },
      checkIns,
      now,
      metric ? metric.history.points.map((p) => ({ date: p.date, value: krValueFromMetric(metric, p.value) })) : undefined,
    ),
    roadmap: getKeyResultRoadmap(db, kr.id),
    canCheckIn:
      kr.cycleStatus === "open" && !kr.archivedAt && !kr.objectiveArchivedAt && can(user, "okrs:checkin", { teamId: kr.teamId, ownerUserId: kr.ownerUserId }),
  };
}

export async function action(args: ActionFunctionArgs) {
  return checkInAction(args);
}

export default function KeyResultHistory() {
  const { kr, metric, expected, checkIns, history, canCheckIn, roadmap } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const formatting = useFormatting();
  const { t } = useTranslation("okrs");
  const fmtValue = (v: number) => formatKrValue(kr.kind, v, kr.unit, formatting, (x) => t(x));
  // axis labels without the unit (in the title instead): recharts wraps long tick labels only in the browser
  const fmtAxis = (v: number) =>
    kr.kind === "currency"
      ? formatMoney(v, { ...formatting, compact: true })
      : kr.kind === "boolean"
        ? v >= 1
          ? t("Done")
          : t("Not done")
        : formatNumber(v, { locale: formatting.locale, digits: 2 });
  const fmtX = (x: string | number) => formatShortDate(x, formatting.locale);
  return (
    <>
      <PageHeader
        eyebrow={
          <>
            <Link to={`/okrs?cycle=${kr.cycleId}`}>{t("OKRs")}</Link> · {kr.cycleName} · <Link to={`/okrs/${kr.objectiveId}`}>{kr.objectiveTitle}</Link>
          </>
        }
        title={kr.title}
        description={
          kr.carriedFromId ? (
            <>
              {t(TEXT.carried)} <Link to={`/okrs/kr/${kr.carriedFromId}`}>{t("the previous cycle")}</Link>.
            </>
          ) : undefined
        }
      />
      {metric ? (
        <p className="notice" data-testid="kr-linked-metric">
          {t("Linked to")} <strong>{metric.label}</strong> (<code>{metric.id}</code>)
          {t(": the value and its history are the metric's, computed from the data —")} {metric.formula} {metric.windowText}
          {metric.mark ? (
            <>
              {" "}
              {t("Now:")} <strong {...metricAttributes(metric.mark)}>{kr.currentValue === null ? t("no data") : fmtValue(kr.currentValue)}</strong>.
            </>
          ) : (
            ` ${t("The cycle is closed: the value shown is the one frozen at closing.")}`
          )}
          {metric.note ? ` ${metric.note}` : null}
        </p>
      ) : null}
      <ul className="kr-list">
        <CheckInRow
          kr={kr}
          expected={expected}
          action={`/okrs/kr/${kr.id}`}
          canCheckIn={canCheckIn}
          formatting={formatting}
          timeZone={formatting.timeZone}
          serverReply={reply}
        />
      </ul>
      <div className="okr-charts">
        <LineChart
          title={`${t(TEXT.valueChart)}${kr.kind === "number" && kr.unit ? ` (${kr.unit})` : kr.kind === "percent" ? " (%)" : ""}`}
          description={t("{{label}}: start + (target − start) × elapsed share of the cycle. Progress now {{percent}}.", {
            label: t(FORMULAS.expected_progress.label),
            percent: formatPercent(kr.progress, 0, formatting.locale),
          })}
          data={history}
          xKey="date"
          xLabel={t("Date")}
          series={[
            { key: "value", label: metric ? t("Value ({{metric}})", { metric: metric.id }) : t("Value (latest check-in)"), color: "chart-1" },
            { key: "expected", label: t("Expected pace"), color: "text-muted", dashed: true },
          ]}
          formatX={fmtX}
          formatValue={fmtAxis}
          unit={kr.kind === "currency" ? "money" : kr.kind === "percent" ? "percent" : kr.kind === "boolean" ? "count" : "number"}
          locale={formatting.locale}
          currency={formatting.currency}
          yDomain={["auto", "auto"]}
          yAxisWidth={kr.kind === "currency" ? 96 : 72}
          width={800}
        />
        <LineChart
          title={t(TEXT.confidenceChart)}
          data={history}
          xKey="date"
          xLabel={t("Date")}
          series={[{ key: "confidence", label: t("Confidence"), color: "chart-2" }]}
          formatX={fmtX}
          formatValue={(v) => formatNumber(v, { locale: formatting.locale, digits: 0 })}
          yDomain={[0, 10]}
          unit="count"
          locale={formatting.locale}
          height={180}
          width={800}
          emptyMessage={t("No check-in with a confidence yet.")}
        />
      </div>
      <Card title={t(TEXT.checkIns)}>
        {checkIns.length === 0 ? (
          <EmptyState title={t(TEXT.none)} whoMay={t(TEXT.who)}>
            <p>{t(TEXT.noneBody)}</p>
          </EmptyState>
        ) : (
          <SimpleTable testId="checkin-history" columns={[t("When"), t("Value"), t("Confidence"), t("Note"), t("By")]}>
            {checkIns.map((c) => (
              <tr key={c.id}>
                <td>{formatDateTime(c.createdAt, formatting.timeZone, formatting.locale)}</td>
                <td>{c.value === null ? <span className="muted">{t("from the metric")}</span> : fmtValue(c.value)}</td>
                <td>{c.confidence}/10</td>
                <td>{c.note ?? <span className="muted">—</span>}</td>
                <td>{c.authorName ?? <span className="muted">—</span>}</td>
              </tr>
            ))}
          </SimpleTable>
        )}
      </Card>
      <KeyResultRoadmapPanel items={roadmap.items} progress={roadmap.progress} />
    </>
  );
}
