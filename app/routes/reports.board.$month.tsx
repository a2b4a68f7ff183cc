import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/auth/permissions";
import { BoardPackMetricTable, BoardPackSectionBody, CommentaryBlock } from "~/components/reports/board-pack";
import boardPackCss from "~/components/reports/board-pack.css";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { CheckboxField } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { ReplyMessage } from "~/components/ui/reply-message";
import { useRootData } from "~/hooks/root-data";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import { BOARD_PACK_SECTIONS, changesSince, type BoardPackFigures } from "~/lib/board-pack";
import { formatDateTime, formatMonth } from "~/lib/format";
import { fieldErrorsOf, type FormReply } from "~/lib/forms";
import { BoardPackCommentSchema, BoardPackPublishSchema, boardPackMonthSchema } from "~/lib/schemas/reports.server";
import { assembleBoardPack, getBoardPack, packableMonth, previousPublishedPack, publishBoardPack, saveCommentary } from "~/models/board-pack.server";
import { invariantResponse } from "~/utils/http.server";
import { dispatchIntent, whenIntent } from "~/utils/intent-action.server";
import { pageRequest } from "~/utils/page-request.server";
import { dataRouteHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  title: N_("Board pack · {{month}}"),
  description: N_(
    "The month's figures for the board, each from the metric catalogue with its formula and window, with the CEO's commentary. Publishing freezes them: a published pack never changes afterwards.",
  ),
  draft: N_("Draft"),
  published: N_("Published"),
  draftNote: N_(
    "Draft: the figures below are live and will be frozen when the pack is published. Only you see the draft; everyone else sees the pack once it is published.",
  ),
  publishedBy: N_("Published by {{who}} on {{when}}. The figures are frozen as they stood then."),
  vsPrevious: N_("Change since the pack of {{month}}."),
  noPrevious: N_("First published pack: no change to show."),
  publish: N_("Publish the pack"),
  publishConfirm: N_("I have read the pack: freeze its figures and commentary for good"),
  print: N_("To print or save as PDF, use the browser's print command (A4, one section per page)."),
  back: N_("All board packs"),
  saved: N_("Commentary saved."),
  publishedNotice: N_("Pack published: its figures are frozen."),
} as const;

export const { handle, meta } = dataRouteHead<typeof loader>(["reports", "metrics"], (data, t) => t("Board pack {{month}}", { month: data?.month ?? "" }));
export const links: LinksFunction = () => [{ rel: "stylesheet", href: boardPackCss }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, db } = await pageRequest(request, "dashboards:read");
  const month = boardPackMonthSchema.safeParse(params.month);
  invariantResponse(month.success, serverT("A board pack is named by its month, YYYY-MM", { ns: "reports" }), 400);
  const pack = getBoardPack(db, month.data);
  const mayPublish = can(user, "reports:publish");
  let figures: BoardPackFigures | null = null;
  if (pack?.status === "published") figures = pack.figures;
  else if (mayPublish && packableMonth(db) === month.data) figures = assembleBoardPack(db);
  invariantResponse(figures, serverT("No published board pack for this month", { ns: "reports" }), 404);
  const previous = previousPublishedPack(db, month.data);
  return {
    month: month.data,
    status: pack?.status ?? ("draft" as const),
    commentary: pack?.commentary ?? {},
    publishedAt: pack?.publishedAt ?? null,
    publishedByName: pack?.publishedByName ?? null,
    figures,
    previousMonth: previous?.month ?? null,
    changes: changesSince(previous?.figures ?? null, figures),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, db } = await pageRequest(request, "reports:publish");
  const month = boardPackMonthSchema.safeParse(params.month);
  invariantResponse(month.success, serverT("A board pack is named by its month, YYYY-MM", { ns: "reports" }), 400);
  const formData = await request.formData();
  // a rule of the pack (published already, not the latest closed month) is a DomainError: its message on the form that was sent
  return dispatchIntent(formData, [
    whenIntent("comment", BoardPackCommentSchema, ({ section, text }) => {
      saveCommentary(db, user.id, month.data, section as (typeof BOARD_PACK_SECTIONS)[number]["id"], text);
      return { status: "ok", intent: "comment", message: serverT(TEXT.saved, { ns: "reports" }) } satisfies FormReply;
    }),
    whenIntent("publish", BoardPackPublishSchema, () => {
      publishBoardPack(db, user.id, month.data);
      return { status: "ok", intent: "publish", message: serverT(TEXT.publishedNotice, { ns: "reports" }) } satisfies FormReply;
    }),
  ]);
}

export default function BoardPack() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { user, formatting } = useRootData();
  const { t } = useTranslation("reports");
  const f = data.figures;
  const editable = data.status === "draft" && can(user, "reports:publish");
  const fmt = formatting;
  const monthLabel = formatMonth(data.month, fmt.locale, "long");
  return (
    <div className="board-pack">
      <PageHeader
        eyebrow={<Link to="/reports/board">{t(TEXT.back)}</Link>}
        title={t(TEXT.title, { month: monthLabel })}
        description={t(TEXT.description)}
        actions={<Badge tone={data.status === "published" ? "good" : "neutral"}>{data.status === "published" ? t(TEXT.published) : t(TEXT.draft)}</Badge>}
      />
      <ReplyMessage reply={reply} className="pack-no-print" fields={["intent"]} />
      <p className="muted" data-testid="pack-status">
        {data.status === "published" && data.publishedAt
          ? t(TEXT.publishedBy, { who: data.publishedByName ?? t("a former user"), when: formatDateTime(data.publishedAt, fmt.timeZone, fmt.locale) })
          : t(TEXT.draftNote)}{" "}
        {data.previousMonth ? t(TEXT.vsPrevious, { month: formatMonth(data.previousMonth, fmt.locale) }) : t(TEXT.noPrevious)}
      </p>
      <p className="muted pack-no-print">{t(TEXT.print)}</p>

      {BOARD_PACK_SECTIONS.map((section) => (
        <section key={section.id} className="panel pack-section" aria-labelledby={`pack-${section.id}`} data-section={section.id}>
          <h2 id={`pack-${section.id}`}>{t(section.title)}</h2>
          {section.metrics.length ? (
            <BoardPackMetricTable ids={section.metrics} metrics={f.metrics} changes={data.changes} fmt={fmt} live={data.status === "draft"} />
          ) : null}
          <BoardPackSectionBody section={section.id} figures={f} fmt={fmt} />
          <CommentaryBlock section={section.id} text={data.commentary[section.id] ?? ""} editable={editable} reply={reply} />
        </section>
      ))}

      {editable ? (
        <section className="panel pack-no-print" aria-labelledby="pack-publish">
          <h2 id="pack-publish">{t(TEXT.publish)}</h2>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="publish" />
            <CheckboxField name="confirm" value="yes" label={t(TEXT.publishConfirm)} errors={fieldErrorsOf(reply, "confirm", "publish")} />
            <div>
              <Button type="submit">{t(TEXT.publish)}</Button>
            </div>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
