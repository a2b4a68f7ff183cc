import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/auth/permissions";
import { CheckInRow } from "~/components/okrs/check-in-form";
import { CyclePicker } from "~/components/okrs/cycle-picker";
import { ButtonLink } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";
import { PageHeader } from "~/components/ui/page-header";
import { Pager } from "~/components/ui/pager";
import { ProgressBar } from "~/components/ui/progress-bar";
import { okrPageStart } from "~/handlers/okr-pages.server";
import { checkInAction } from "~/handlers/okrs.server";
import { useFormatting } from "~/hooks/root-data";
import { N_ } from "~/i18n/mark";
import { formatPercent } from "~/lib/format";
import { expectedProgress, FORMULAS } from "~/lib/metrics/okrs";
import { tableHref, tablePaging } from "~/lib/table-params";
import { withMetricMark } from "~/models/metrics/marks.server";
import { okrLinks } from "~/models/okr-links.server";
import { countMyKeyResults, listMyKeyResults } from "~/models/okrs.server";
import { routeHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  title: N_("My key results"),
  description: N_("Check in on your team's key results and the ones you own: type the value, confidence and a note, then press Enter."),
  noCycle: N_("No OKR cycle yet"),
  noCycleBody: N_("A cycle (a quarter with its dates) must exist before key results can be set."),
  noCycleWho: N_("CEO and CTO create cycles on the OKRs page."),
  empty: N_("No key results for you in this cycle"),
  emptyBody: N_("Your team's objectives and the key results you own appear here. Add them from the objective's page."),
  emptyWho: N_("Team leads for their team's objectives; CEO and CTO for any objective."),
  closed: N_("This cycle is closed: its scores are frozen and check-ins are no longer possible."),
  tree: N_("See the alignment tree"),
} as const;

export const { handle, meta } = routeHead("okrs", TEXT.title);

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, db, now, cycle, cycles, params } = await okrPageStart(request, "objective");
  if (!cycle) return { cycle: null, cycles, expected: 0, keyResults: [], paging: { params, total: 0 } };
  const expected = expectedProgress(cycle.startDate, cycle.endDate, now);
  const links = okrLinks(db, now);
  const total = countMyKeyResults(db, user, cycle.id);
  const keyResults = listMyKeyResults(db, user, cycle.id, now, links.linked, tablePaging(params)).map((kr) => ({
    ...withMetricMark(kr, links.marks),
    canCheckIn: cycle.status === "open" && can(user, "okrs:checkin", { teamId: kr.objectiveTeamId, ownerUserId: kr.ownerUserId }),
  }));
  return { cycle, cycles, expected, keyResults, paging: { params, total } };
}

export async function action(args: ActionFunctionArgs) {
  return checkInAction(args);
}

export default function MyKeyResults() {
  const { cycle, cycles, expected, keyResults, paging } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const location = useLocation();
  const formatting = useFormatting();
  const { t } = useTranslation("okrs");
  return (
    <>
      <PageHeader
        title={t(TEXT.title)}
        description={t(TEXT.description)}
        actions={<ButtonLink to={cycle ? `/okrs?cycle=${cycle.id}` : "/okrs"}>{t(TEXT.tree)}</ButtonLink>}
      >
        {cycles.length > 0 ? <CyclePicker cycles={cycles} currentId={cycle?.id ?? null} /> : null}
      </PageHeader>
      {!cycle ? (
        <EmptyState title={t(TEXT.noCycle)} whoMay={t(TEXT.noCycleWho)}>
          <p>{t(TEXT.noCycleBody)}</p>
        </EmptyState>
      ) : (
        <>
          <div
            className="okr-pace"
            title={t("{{label}}: {{formula}}", { label: t(FORMULAS.expected_progress.label), formula: t(FORMULAS.expected_progress.formula) })}
          >
            <span>
              {t("Expected progress today ({{cycle}}):", { cycle: cycle.name })} <strong>{formatPercent(expected, 0, formatting.locale)}</strong>
            </span>
            <ProgressBar value={expected} label={t("Expected progress today, {{cycle}}", { cycle: cycle.name })} showValue={false} locale={formatting.locale} />
          </div>
          {cycle.status === "closed" ? (
            <p className="notice" role="status">
              {t(TEXT.closed)}
            </p>
          ) : null}
          {paging.total === 0 ? (
            <EmptyState title={t(TEXT.empty)} whoMay={t(TEXT.emptyWho)}>
              <p>{t(TEXT.emptyBody)}</p>
            </EmptyState>
          ) : (
            <>
              {keyResults.length > 0 ? (
                <ul className="kr-list" aria-label={t("Key results, {{cycle}}", { cycle: cycle.name })}>
                  {keyResults.map((kr) => (
                    <CheckInRow
                      key={kr.id}
                      kr={kr}
                      expected={expected}
                      action={`/okrs/mine${tableHref(location.search, { cycle: cycle.id })}`}
                      canCheckIn={kr.canCheckIn}
                      formatting={formatting}
                      timeZone={formatting.timeZone}
                      serverReply={reply}
                    />
                  ))}
                </ul>
              ) : null}
              <Pager
                params={paging.params}
                total={paging.total}
                shown={keyResults.length}
                label={t("Key results, {{cycle}}", { cycle: cycle.name })}
                range={(first, last, total) => t("Showing {{first}}–{{last}} of {{total}} key results", { first, last, total })}
              />
            </>
          )}
        </>
      )}
    </>
  );
}
