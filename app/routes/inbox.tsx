import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
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
import { formatDate, formatDateTime } from "~/lib/format";
import { unknownIntent } from "~/lib/forms.server";
import { CHECK_IN_EVERY_DAYS, DUE_SOON_DAYS, STALE_REQUISITION_DAYS, WEBHOOK_FAILURE_DAYS, type InboxKind } from "~/lib/inbox";
import { plural } from "~/lib/plural";
import { getDb } from "~/utils/db.server";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  title: "Inbox",
  description: "What waits for you now. Nothing here can be dismissed: doing the thing is what clears it.",
  nothing: "Nothing waits for you",
  nothingBody: "No key result, risk, requisition, gate, milestone or webhook of yours needs you this week.",
  sectionEmpty: "Nothing waits for you here.",
  more: (shown: number, total: number) => `The ${shown} most urgent of ${total} are shown.`,
  keyResults: "Key results to check in on",
  keyResultsRule: `Key results you own, in an open cycle that has started, with no check-in in the last ${CHECK_IN_EVERY_DAYS} days. Check in here or on the key result's page.`,
  never: "no check-in yet",
  lastCheckIn: "last check-in",
  risks: "Risks due for review",
  risksRule:
    "Risks you own, not closed, whose next review date is today or past. Reviewing means setting the next review date (or closing the risk) on the risk's page.",
  review: "review due",
  requisitions: "Requisitions without news",
  requisitionsRule: `Requisitions you may move on whose status has not changed for ${Object.entries(STALE_REQUISITION_DAYS)
    .map(([s, d]) => `${d} days (${s})`)
    .join(", ")}. Move them on, or cancel them, on the requisition's page.`,
  sinceDays: (days: number) => `status unchanged for ${plural(days, "day", "days")}`,
  gates: "Decision gates to decide",
  gatesRule: `Gates due within ${DUE_SOON_DAYS} days (or past their date) with no decision recorded yet. Record go, no-go or an alternative on the gate's page.`,
  milestones: "Milestones to mark",
  milestonesRule: `Milestones checked by a person (not by a metric), still pending, due within ${DUE_SOON_DAYS} days or past their date. Mark them done or missed on the plan's page.`,
  webhooks: "Webhook sources refusing deliveries",
  webhooksRule: `Sources with a refused delivery in the last ${WEBHOOK_FAILURE_DAYS} days and no accepted delivery since. Fix the source's secret or mapping, then redeliver from the sender.`,
  refused: (n: number) => `${plural(n, "refused delivery", "refused deliveries")} since the last accepted one`,
  due: "due",
  overdue: "overdue",
  open: "Open",
} as const;

export const meta: MetaFunction = () => [{ title: `${TEXT.title} · Strategy Tracker` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return getInbox(getDb(), user);
}

export async function action({ request }: ActionFunctionArgs) {
  // the inline check-in: the same handler as a key result's page and "My key results" (per-KR check inside)
  const user = await requirePermission(request, "okrs:checkin");
  const formData = await request.formData();
  if (formData.get("intent") !== "checkin") return unknownIntent(formData);
  return handleCheckIn(getDb(), user, formData, { returnTo: "/inbox" });
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
        {count === 0 ? <p className="muted">{TEXT.sectionEmpty}</p> : children}
        {count > shown ? <p className="muted">{TEXT.more(shown, count)}</p> : null}
      </div>
    </Card>
  );
}

export default function InboxPage() {
  const inbox = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const formatting = useFormatting();
  const { counts, kinds } = inbox;
  const day = (iso: string) => formatDate(iso, formatting.timeZone, formatting.locale);
  const dueBadge = (iso: string) => (iso < inbox.today ? <Badge tone="bad">{TEXT.overdue}</Badge> : <Badge tone="warn">{TEXT.due}</Badge>);
  return (
    <>
      <PageHeader title={TEXT.title} description={TEXT.description} />
      {counts.total === 0 ? (
        <EmptyState title={TEXT.nothing} headingLevel={2}>
          <p>{TEXT.nothingBody}</p>
        </EmptyState>
      ) : null}
      <div className="inbox" data-testid="inbox" data-total={counts.total}>
        {kinds.keyResults ? (
          <Section kind="keyResults" title={TEXT.keyResults} rule={TEXT.keyResultsRule} count={counts.keyResults} shown={inbox.keyResults.length}>
            <ul className="inbox-list plain-list">
              {inbox.keyResults.map((kr) => (
                <li key={kr.id} className="inbox-item inbox-item--kr" id={`kr-${kr.id}`} data-testid={`inbox-kr-${kr.id}`}>
                  <p className="inbox-item__head">
                    <Link to={`/okrs/kr/${kr.id}`}>{kr.title}</Link>
                    <span className="muted">
                      {" "}
                      · {kr.objectiveTitle} · {kr.cycleName} · {TEXT.lastCheckIn}:{" "}
                      {kr.lastCheckInAt === null ? TEXT.never : formatDateTime(kr.lastCheckInAt, formatting.timeZone, formatting.locale)}
                    </span>
                  </p>
                  <CheckInForm kr={kr} action="/inbox" serverReply={reply} />
                </li>
              ))}
            </ul>
          </Section>
        ) : null}
        {kinds.risks ? (
          <Section kind="risks" title={TEXT.risks} rule={TEXT.risksRule} count={counts.risks} shown={inbox.risks.length}>
            <ul className="inbox-list plain-list">
              {inbox.risks.map((r) => (
                <li key={r.id} className="inbox-item" data-testid={`inbox-risk-${r.id}`}>
                  <Link to={`/risks/${r.id}`}>{r.title}</Link> {dueBadge(r.nextReviewDate)}{" "}
                  <span className="muted">
                    {TEXT.review} {day(r.nextReviewDate)} · {r.status}
                  </span>
                </li>
              ))}
            </ul>
          </Section>
        ) : null}
        {kinds.requisitions ? (
          <Section kind="requisitions" title={TEXT.requisitions} rule={TEXT.requisitionsRule} count={counts.requisitions} shown={inbox.requisitions.length}>
            <ul className="inbox-list plain-list">
              {inbox.requisitions.map((q) => (
                <li key={q.id} className="inbox-item" data-testid={`inbox-requisition-${q.id}`}>
                  <Link to={`/hiring/${q.id}`}>{q.title}</Link> <RequisitionStatusBadge status={q.status} />{" "}
                  <span className="muted">
                    {q.teamName ?? "Company"} · {TEXT.sinceDays(q.days)}
                  </span>
                </li>
              ))}
            </ul>
          </Section>
        ) : null}
        {kinds.gates ? (
          <Section kind="gates" title={TEXT.gates} rule={TEXT.gatesRule} count={counts.gates} shown={inbox.gates.length}>
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
          <Section kind="milestones" title={TEXT.milestones} rule={TEXT.milestonesRule} count={counts.milestones} shown={inbox.milestones.length}>
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
          <Section kind="webhooks" title={TEXT.webhooks} rule={TEXT.webhooksRule} count={counts.webhooks} shown={inbox.webhooks.length}>
            <ul className="inbox-list plain-list">
              {inbox.webhooks.map((s) => (
                <li key={s.id} className="inbox-item" data-testid={`inbox-webhook-${s.id}`}>
                  <Link to={`/settings/webhooks/${s.id}`}>{s.name}</Link>{" "}
                  <span className="muted">
                    {s.kind} · {TEXT.refused(s.failures)} · {formatDateTime(s.lastAt, formatting.timeZone, formatting.locale)}
                    {s.lastReason ? ` · ${s.lastReason}` : null}
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
