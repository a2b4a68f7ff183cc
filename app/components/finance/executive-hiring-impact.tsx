import { Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDeltaDays, STATUS_LABELS, type Status } from "~/components/hiring/labels";
import { SimpleTable } from "~/components/ui/simple-table";
import { formatMoney, formatMonth, type FormatOptions } from "~/lib/format";
import { isColumnWithheld } from "~/lib/withheld";
import { EXECUTIVE_TEXT as TEXT } from "./executive-text";

/** An open requisition and what it does to the zero-cash date (null cost / salaryVisible false: withheld from this reader). */
export type RequisitionImpactRow = {
  id: number;
  title: string;
  teamName: string | null;
  priority: string;
  status: string;
  targetStartMonth: string;
  monthlyCostCents: number | null;
  salaryVisible: boolean;
  deltaDays: number | null;
};

/**
 * What each open requisition does to the zero-cash date: the ones that move it most, or all
 * (?impacts=all) — chosen and ordered by the read model (impactsToShow); `total`: how many there are.
 */
export function HiringImpactPanel({
  requisitionImpacts: impacts,
  total,
  limit,
  fmt,
}: {
  requisitionImpacts: readonly RequisitionImpactRow[];
  total: number;
  /** how many the panel lists unless all are asked for */
  limit: number;
  fmt: FormatOptions;
}) {
  const { t } = useTranslation("finance");
  const [searchParams] = useSearchParams();
  const showAllImpacts = searchParams.get("impacts") === "all";
  const allImpactsHref = (() => {
    const p = new URLSearchParams(searchParams);
    if (showAllImpacts) p.delete("impacts");
    else p.set("impacts", "all");
    return `?${p}#hiring-impact`;
  })();
  // columns withheld on every row shown are left out, with one line saying why (interface conventions)
  const costShown = !isColumnWithheld(impacts, (r) => r.monthlyCostCents === null);
  const deltaShown = !isColumnWithheld(impacts, (r) => !r.salaryVisible);
  return (
    <section className="panel" aria-labelledby="hiring-impact">
      <h2 id="hiring-impact">{t(TEXT.hiringImpact)}</h2>
      <p className="muted">{t(TEXT.hiringImpactHelp)}</p>
      {total > impacts.length || (showAllImpacts && total > limit) ? (
        <p>
          {showAllImpacts
            ? t("All {{count}} open requisitions.", { count: total })
            : deltaShown
              ? t("The {{shown}} that move the zero-cash date most, of {{count}} open requisitions.", { shown: impacts.length, count: total })
              : t("{{shown}} of {{count}} open requisitions.", { shown: impacts.length, count: total })}{" "}
          <Link to={allImpactsHref} preventScrollReset>
            {showAllImpacts ? t("Show the top {{count}}", { count: limit }) : t("Show all")}
          </Link>
        </p>
      ) : null}
      {impacts.length === 0 ? (
        <p>{t(TEXT.noRequisitions)}</p>
      ) : (
        <SimpleTable
          className="impact-table"
          caption={t(TEXT.hiringImpact)}
          columns={[
            t("Requisition"),
            t("Team"),
            t("Priority"),
            t("Status"),
            t("Start"),
            ...(costShown ? [{ label: t("Monthly cost (loaded)"), num: "num" as const }] : []),
            ...(deltaShown ? [{ label: t("Δ zero-cash date"), num: "num" as const }] : []),
          ]}
        >
          {impacts.map((r) => (
            <tr key={r.id}>
              <th scope="row">
                <Link to={`/hiring?q=${encodeURIComponent(r.title)}`}>{r.title}</Link>
              </th>
              <td>{r.teamName ?? "—"}</td>
              <td>{r.priority}</td>
              <td>{r.status in STATUS_LABELS ? t(STATUS_LABELS[r.status as Status], { ns: "hiring" }) : r.status}</td>
              <td>{formatMonth(r.targetStartMonth, fmt.locale)}</td>
              {costShown ? (
                <td className="num">{r.monthlyCostCents === null ? <span className="muted">{t(TEXT.hidden)}</span> : formatMoney(r.monthlyCostCents, fmt)}</td>
              ) : null}
              {deltaShown ? (
                <td className="num">
                  {!r.salaryVisible ? (
                    <span className="muted">{t(TEXT.hidden)}</span>
                  ) : r.deltaDays === null ? (
                    <span className="muted">{t("no zero cash within 36 months")}</span>
                  ) : (
                    formatDeltaDays(r.deltaDays, t)
                  )}
                </td>
              ) : null}
            </tr>
          ))}
        </SimpleTable>
      )}
      {impacts.length > 0 && (!costShown || !deltaShown) ? <p className="muted">{t(TEXT.withheld)}</p> : null}
    </section>
  );
}
