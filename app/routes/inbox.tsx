import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { requirePermission, requireUser } from "~/auth/guards.server";
import { RequisitionStatusBadge } from "~/components/hiring/labels";
import { CheckInForm } from "~/components/okrs/check-in-form";
import { Badge } from "~/components/ui/badge";
import { Card } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { PageHeader } from "~/components/ui/page-header";
import { getInbox } from "~/dashboards/inbox.server";
import { handleCheckIn } from "~/handlers/okrs.server";
import { useFormatting } from "~/hooks/root-data";
import { N_ } from "~/i18n/mark";
import { formatDate, formatDateTime } from "~/lib/format";
import { CHECK_IN_EVERY_DAYS, DUE_SOON_DAYS, STALE_REQUISITION_DAYS, WEBHOOK_FAILURE_DAYS, type InboxKind } from "~/lib/inbox";
import { KIND_LABELS } from "~/lib/webhooks/labels";
import { localizeLogText } from "~/lib/webhooks/log-texts";
import { getDb } from "~/utils/db.server";
import { dispatchIntent, whenIntent } from "~/utils/intent-action.server";
import { routeHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const { handle, meta } = routeHead(["home", "okrs", "hiring", "risks"], N_("Inbox", "home"));
/** The statuses named in the page's sentences (lower case, as the sentences use them). */
const REQUISITION_STATUS_WORDS = { planned: N_("planned"), open: N_("open"), interviewing: N_("interviewing"), offer: N_("offer") } as const;
const RISK_STATUS_WORDS = { proposed: N_("proposed"), open: N_("open"), monitoring: N_("monitoring"), closed: N_("closed") } as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return getInbox(getDb(), user);
}

export async function action({ request }: ActionFunctionArgs) {
  // the inline check-in: the same handler as a key result's page and "My key results" (per-KR check inside)
  const user = await requirePermission(request, "okrs:checkin");
  const formData = await request.formData();
  return dispatchIntent(formData, [whenIntent("checkin", null, () => handleCheckIn(getDb(), user, formData, { returnTo: "/inbox" }))]);
}

function Section({
  kind,
  title,
  rule,
  count,
  shown,
  children,
}: {
  kind: InboxKind;
  title: string;
  rule: string;
  count: number;
  shown: number;
  children: ReactNode;
}) {
  const { t } = useTranslation("home");
  return (
    <Card
      title={
        <>
          {title} <Badge tone={count > 0 ? "warn" : "neutral"}>{count}</Badge>
        </>
      }
      description={rule}
      className="inbox-section"
      id={`inbox-${kind}`}
    >
      <div data-testid={`inbox-${kind}`} data-count={count}>
        {count === 0 ? <p className="muted">{t("Nothing waits for you here.")}</p> : children}
        {count > shown ? <p className="muted">{t("The {{shown}} most urgent of {{count}} are shown.", { shown, count })}</p> : null}
      </div>
    </Card>
  );
}

export default function InboxPage() {
  const inbox = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const formatting = useFormatting();
  const { t } = useTranslation("home");
  const { counts, kinds } = inbox;
  const staleRule = Object.entries(STALE_REQUISITION_DAYS)
    .map(([s, d]) =>
      t("{{count}} days ({{status}})", {
        count: d,
        status: t(REQUISITION_STATUS_WORDS[s as keyof typeof STALE_REQUISITION_DAYS]),
      }),
    )
    .join(", ");
  const day = (iso: string) => formatDate(iso, formatting.timeZone, formatting.locale);
  const dueBadge = (iso: string) => (iso < inbox.today ? <Badge tone="bad">{t("overdue")}</Badge> : <Badge tone="warn">{t("due")}</Badge>);
  return (
    <>
      <PageHeader title={t("Inbox")} description={t("What waits for you now. Nothing here can be dismissed: doing the thing is what clears it.")} />
      {counts.total === 0 ? (
        <EmptyState title={t("Nothing waits for you")} headingLevel={2}>
          <p>{t("No key result, risk, requisition, gate, milestone or webhook of yours needs you this week.")}</p>
        </EmptyState>
      ) : null}
      <div className="inbox" data-testid="inbox" data-total={counts.total}>
        {kinds.keyResults ? (
          <Section
            kind="keyResults"
            title={t("Key results to check in on")}
            rule={t(
              "Key results you own, in an open cycle that has started, with no check-in in the last {{days}} days. Check in here or on the key result's page.",
              { days: CHECK_IN_EVERY_DAYS },
            )}
            count={counts.keyResults}
            shown={inbox.keyResults.length}
          >
            <ul className="inbox-list plain-list">
              {inbox.keyResults.map((kr) => (
                <li key={kr.id} className="inbox-item inbox-item--kr" id={`kr-${kr.id}`} data-testid={`inbox-kr-${kr.id}`}>
                  <p className="inbox-item__head">
                    <Link to={`/okrs/kr/${kr.id}`}>{kr.title}</Link>
                    <span className="muted">
                      {" "}
                      · {kr.objectiveTitle} · {kr.cycleName} ·{" "}
                      {kr.lastCheckInAt === null
                        ? t("no check-in yet")
                        : t("last check-in: {{when}}", { when: formatDateTime(kr.lastCheckInAt, formatting.timeZone, formatting.locale) })}
                    </span>
                  </p>
                  <CheckInForm kr={kr} action="/inbox" serverReply={reply} />
                </li>
              ))}
            </ul>
          </Section>
        ) : null}
        {kinds.risks ? (
          <Section
            kind="risks"
            title={t("Risks due for review")}
            rule={t(
              "Risks you own, not closed, whose next review date is today or past. Reviewing means setting the next review date (or closing the risk) on the risk's page.",
            )}
            count={counts.risks}
            shown={inbox.risks.length}
          >
            <ul className="inbox-list plain-list">
              {inbox.risks.map((r) => (
                <li key={r.id} className="inbox-item" data-testid={`inbox-risk-${r.id}`}>
                  <Link to={`/risks/${r.id}`}>{r.title}</Link> {dueBadge(r.nextReviewDate)}{" "}
                  <span className="muted">
                    {t("review due {{date}}", { date: day(r.nextReviewDate) })} ·{" "}
                    {r.status in RISK_STATUS_WORDS ? t(RISK_STATUS_WORDS[r.status as keyof typeof RISK_STATUS_WORDS]) : r.status}
                  </span>
                </li>
              ))}
            </ul>
          </Section>
        ) : null}
        {kinds.requisitions ? (
          <Section
            kind="requisitions"
            title={t("Requisitions without news")}
            rule={t("Requisitions you may move on whose status has not changed for {{durations}}. Move them on, or cancel them, on the requisition's page.", {
              durations: staleRule,
            })}
            count={counts.requisitions}
            shown={inbox.requisitions.length}
          >
            <ul className="inbox-list plain-list">
              {inbox.requisitions.map((q) => (
                <li key={q.id} className="inbox-item" data-testid={`inbox-requisition-${q.id}`}>
                  <Link to={`/hiring/${q.id}`}>{q.title}</Link> <RequisitionStatusBadge status={q.status} />{" "}
                  <span className="muted">
                    {q.teamName ?? t("Company")} · {t("status unchanged for {{count}} days", { count: q.days })}
                  </span>
                </li>
              ))}
            </ul>
          </Section>
        ) : null}
        {kinds.gates ? (
          <Section
            kind="gates"
            title={t("Decision gates to decide")}
            rule={t(
              "Gates due within {{days}} days (or past their date) with no decision recorded yet. Record go, no-go or an alternative on the gate's page.",
              { days: DUE_SOON_DAYS },
            )}
            count={counts.gates}
            shown={inbox.gates.length}
          >
            <ul className="inbox-list plain-list">
              {inbox.gates.map((g) => (
                <li key={g.id} className="inbox-item" data-testid={`inbox-gate-${g.id}`}>
                  <Link to={`/governance/decisions/${g.id}`}>{g.name}</Link> {dueBadge(g.dueDate)} <span className="muted">{day(g.dueDate)}</span>
                </li>
              ))}
            </ul>
          </Section>
        ) : null}
        {kinds.milestones ? (
          <Section
            kind="milestones"
            title={t("Milestones to mark")}
            rule={t(
              "Milestones checked by a person (not by a metric), still pending, due within {{days}} days or past their date. Mark them done or missed on the plan's page.",
              { days: DUE_SOON_DAYS },
            )}
            count={counts.milestones}
            shown={inbox.milestones.length}
          >
            <ul className="inbox-list plain-list">
              {inbox.milestones.map((m) => (
                <li key={m.id} className="inbox-item" data-testid={`inbox-milestone-${m.id}`}>
                  <Link to={`/strategy?milestone=${m.id}#milestone-form`}>{m.title}</Link> {dueBadge(m.dueDate)} <span className="muted">{day(m.dueDate)}</span>
                </li>
              ))}
            </ul>
          </Section>
        ) : null}
        {kinds.webhooks ? (
          <Section
            kind="webhooks"
            title={t("Webhook sources refusing deliveries")}
            rule={t(
              "Sources with a refused delivery in the last {{days}} days and no accepted delivery since. Fix the source's secret or mapping, then redeliver from the sender.",
              { days: WEBHOOK_FAILURE_DAYS },
            )}
            count={counts.webhooks}
            shown={inbox.webhooks.length}
          >
            <ul className="inbox-list plain-list">
              {inbox.webhooks.map((s) => (
                <li key={s.id} className="inbox-item" data-testid={`inbox-webhook-${s.id}`}>
                  <Link to={`/settings/webhooks/${s.id}`}>{s.name}</Link>{" "}
                  <span className="muted">
                    {KIND_LABELS[s.kind as keyof typeof KIND_LABELS] ?? s.kind} ·{" "}
                    {t("{{count}} refused deliveries since the last accepted one", { count: s.failures })} ·{" "}
                    {formatDateTime(s.lastAt, formatting.timeZone, formatting.locale)}
                    {s.lastReason ? ` · ${localizeLogText(s.lastReason, (key, values) => t(key, { ...values, ns: "delivery" }), formatting.locale)}` : null}
                  </span>
                </li>
              ))}
            </ul>
          </Section>
        ) : null}
      </div>
    </>
  );
}
