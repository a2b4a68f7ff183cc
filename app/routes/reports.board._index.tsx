import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/auth/permissions";
import { Badge } from "~/components/ui/badge";
import { ButtonLink } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";
import { PageHeader } from "~/components/ui/page-header";
import { TableHead } from "~/components/ui/simple-table";
import { useRootData } from "~/hooks/root-data";
import { N_ } from "~/i18n/mark";
import { formatDateTime, formatMonth } from "~/lib/format";
import { listBoardPacks, packableMonth } from "~/models/board-pack.server";
import { pageRequest } from "~/utils/page-request.server";
import { routeHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  title: N_("Board packs"),
  description: N_(
    "One pack per closed month: cash, burn and runway, revenue, customers, headcount, budget, OKRs, risks, gates and delivery, with the CEO's commentary. A published pack is frozen: its figures never change afterwards.",
  ),
  prepare: N_("Prepare the pack of {{month}}"),
  continueDraft: N_("Continue the draft of {{month}}"),
  emptyTitle: N_("No board pack published yet"),
  emptyBody: N_("The CEO prepares and publishes a pack once a month is closed (it has a finance snapshot)."),
  noClosedMonth: N_("No month is closed yet: record a finance snapshot first."),
} as const;

export const { handle, meta } = routeHead("reports", N_("Board packs", "reports"));

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, db } = await pageRequest(request, "dashboards:read");
  const mayPublish = can(user, "reports:publish");
  // drafts are the CEO's work in progress: nobody else sees them
  const packs = listBoardPacks(db).filter((p) => p.status === "published" || mayPublish);
  return { packs, packable: mayPublish ? packableMonth(db) : null };
}

export default function BoardPacks() {
  const { packs, packable } = useLoaderData<typeof loader>();
  const { user, formatting } = useRootData();
  const { t } = useTranslation("reports");
  const mayPublish = can(user, "reports:publish");
  const packableState = packable ? packs.find((p) => p.month === packable)?.status : undefined;
  return (
    <>
      <PageHeader
        title={t(TEXT.title)}
        description={t(TEXT.description)}
        actions={
          mayPublish && packable && packableState !== "published" ? (
            <ButtonLink to={`/reports/board/${packable}`} variant="primary">
              {packableState === "draft"
                ? t(TEXT.continueDraft, { month: formatMonth(packable, formatting.locale) })
                : t(TEXT.prepare, { month: formatMonth(packable, formatting.locale) })}
            </ButtonLink>
          ) : undefined
        }
      />
      {mayPublish && !packable ? <p className="muted">{t(TEXT.noClosedMonth)}</p> : null}
      {packs.length === 0 ? (
        <EmptyState title={t(TEXT.emptyTitle)}>{t(TEXT.emptyBody)}</EmptyState>
      ) : (
        <section className="panel">
          <table className="simple">
            <TableHead columns={[t("Month"), t("Status"), t("Published")]} />
            <tbody>
              {packs.map((p) => (
                <tr key={p.month}>
                  <th scope="row">
                    <Link to={`/reports/board/${p.month}`}>{formatMonth(p.month, formatting.locale, "long")}</Link>
                  </th>
                  <td>
                    <Badge tone={p.status === "published" ? "good" : "neutral"}>{p.status === "published" ? t("Published") : t("Draft")}</Badge>
                  </td>
                  <td>
                    {p.publishedAt
                      ? `${formatDateTime(p.publishedAt, formatting.timeZone, formatting.locale)} · ${p.publishedByName ?? t("a former user")}`
                      : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
