import type { ActionFunctionArgs, LoaderFunctionArgs, SerializeFrom } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server";
import { RequisitionStatusBadge } from "~/components/hiring/labels";
import { CheckInForm } from "~/components/okrs/check-in-form";
import { Badge } from "~/components/ui/badge";
import { Card } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { PageHeader } from "~/components/ui/page-header";
import { getInbox } from "~/dashboards/inbox.server";
import { checkInAction } from "~/handlers/okrs.server";
import { useFormatting } from "~/hooks/root-data";
import { N_ } from "~/i18n/mark";
import { formatDate, formatDateTime } from "~/lib/format";
import { CHECK_IN_EVERY_DAYS, DUE_SOON_DAYS, STALE_REQUISITION_DAYS, WEBHOOK_FAILURE_DAYS, type InboxKind } from "~/lib/inbox";
import { KIND_LABELS } from "~/lib/webhooks/labels";
import { localizeLogText } from "~/lib/webhooks/log-texts";
import { getDb } from "~/utils/db.server";
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

type InboxData = SerializeFrom<typeof loader>;

export async function action(args: ActionFunctionArgs) {
  // the inline check-in: the same action as a key result's page and "My key results"
  return checkInAction(args, "/inbox");
}

/**
 * One kind of thing waiting (shown when the user may have any): its title and rule, how many wait,
 * and the most urgent ones as a list, each drawn by `item`.
 */
function Section<K extends InboxKind>({
  inbox,
  kind,
  title,
  rule,
  testId,
  itemClass = "inbox-item",
  itemId,
  item,
}: {
  inbox: InboxData;
  /** the kind shown: whether it concerns the user, how many wait and the most urgent ones come from `inbox` */
  kind: K;
  title: string;
  rule: string;
  /** `data-testid` of an item: `inbox-<testId>-<id>` */
  testId: string;
  itemClass?: string;
  itemId?: (row: InboxData[K][number]) => string;
  item: (row: InboxData[K][number]) => ReactNode;
}) {
  const on = inbox.kinds[kind];
  const count = inbox.counts[kind];
  const items: readonly InboxData[K][number][] = inbox[kind];
  const { t } = useTranslation("home");
  if (!on) return null;
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
        {count === 0 ? (
          <p className="muted">{t("Nothing waits for you here.")}</p>
        ) : (
          <ul className="inbox-list plain-list">
            {items.map((row) => (
              <li key={row.id} className={itemClass} id={itemId?.(row)} data-testid={`inbox-${testId}-${row.id}`}>
                {item(row)}
              </li>
            ))}
          </ul>
        )}
        {count > items.length ? <p className="muted">{t("The {{shown}} most urgent of {{count}} are shown.", { shown: items.length, count })}</p> : null}
      </div>
    </Card>
  );
}

export default function InboxPage() {
  const inbox = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const formatting = useFormatting();
  const { t } = useTranslation("home");
  const { counts } = inbox;
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
  // a gate's or a milestone's due date: its badge, then the day
  const dueOn = (iso: string) => (
    <>
      {dueBadge(iso)} <span className="muted">{day(iso)}</span>
    </>
  );
  return (
    <>
      <PageHeader title={t("Inbox")} description={t("What waits for you now. Nothing here can be dismissed: doing the thing is what clears it.")} />
      {counts.total === 0 ? (
        <EmptyState title={t("Nothing waits for you")} headingLevel={2}>
          <p>{t("No key result, risk, requisition, gate, milestone or webhook of yours needs you this week.")}</p>
        </EmptyState>
      ) : null}
      <div className="inbox" data-testid="inbox" data-total={counts.total}>
        <Section
          inbox={inbox}
          kind="keyResults"
          title={t("Key results to check in on")}
          rule={t(
            "Key results you own, in an open cycle that has started, with no check-in in the last {{days}} days. Check in here or on the key result's page.",
            { days: CHECK_IN_EVERY_DAYS },
          )}
          testId="kr"
          itemClass="inbox-item inbox-item--kr"
          itemId={(kr) => `kr-${kr.id}`}
          item={(kr) => (
            <>
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
            </>
          )}
        />
        <Section
          inbox={inbox}
          kind="risks"
          title={t("Risks due for review")}
          rule={t(
            "Risks you own, not closed, whose next review date is today or past. Reviewing means setting the next review date (or closing the risk) on the risk's page.",
          )}
          testId="risk"
          item={(r) => (
            <>
              <Link to={`/risks/${r.id}`}>{r.title}</Link> {dueBadge(r.nextReviewDate)}{" "}
              <span className="muted">
                {t("review due {{date}}", { date: day(r.nextReviewDate) })} ·{" "}
                {r.status in RISK_STATUS_WORDS ? t(RISK_STATUS_WORDS[r.status as keyof typeof RISK_STATUS_WORDS]) : r.status}
              </span>
            </>
          )}
        />
        <Section
          inbox={inbox}
          kind="requisitions"
          title={t("Requisitions without news")}
          rule={t("Requisitions you may move on whose status has not changed for {{durations}}. Move them on, or cancel them, on the requisition's page.", {
            durations: staleRule,
          })}
          testId="requisition"
          item={(q) => (
            <>
              <Link to={`/hiring/${q.id}`}>{q.title}</Link> <RequisitionStatusBadge status={q.status} />{" "}
              <span className="muted">
                {q.teamName ?? t("Company")} · {t("status unchanged for {{count}} days", { count: q.days })}
              </span>
            </>
          )}
        />
        <Section
          inbox={inbox}
          kind="gates"
          title={t("Decision gates to decide")}
          rule={t("Gates due within {{days}} days (or past their date) with no decision recorded yet. Record go, no-go or an alternative on the gate's page.", {
            days: DUE_SOON_DAYS,
          })}
          testId="gate"
          item={(g) => (
            <>
              <Link to={`/governance/decisions/${g.id}`}>{g.name}</Link> {dueOn(g.dueDate)}
            </>
          )}
        />
        <Section
          inbox={inbox}
          kind="milestones"
          title={t("Milestones to mark")}
          rule={t(
            "Milestones checked by a person (not by a metric), still pending, due within {{days}} days or past their date. Mark them done or missed on the plan's page.",
            { days: DUE_SOON_DAYS },
          )}
          testId="milestone"
          item={(m) => (
            <>
              <Link to={`/strategy?milestone=${m.id}#milestone-form`}>{m.title}</Link> {dueOn(m.dueDate)}
            </>
          )}
        />
        <Section
          inbox={inbox}
          kind="webhooks"
          title={t("Webhook sources refusing deliveries")}
          rule={t(
            "Sources with a refused delivery in the last {{days}} days and no accepted delivery since. Fix the source's secret or mapping, then redeliver from the sender.",
            { days: WEBHOOK_FAILURE_DAYS },
          )}
          testId="webhook"
          item={(s) => (
            <>
              <Link to={`/settings/webhooks/${s.id}`}>{s.name}</Link>{" "}
              <span className="muted">
                {KIND_LABELS[s.kind as keyof typeof KIND_LABELS] ?? s.kind} ·{" "}
                {t("{{count}} refused deliveries since the last accepted one", { count: s.failures })} ·{" "}
                {formatDateTime(s.lastAt, formatting.timeZone, formatting.locale)}
                {s.lastReason ? ` · ${localizeLogText(s.lastReason, (key, values) => t(key, { ...values, ns: "delivery" }), formatting.locale)}` : null}
              </span>
            </>
          )}
        />
      </div>
    </>
  );
}
