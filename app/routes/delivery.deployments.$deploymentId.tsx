import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server";
import { CauseKindBadge, DeploymentStatusBadge, IncidentStateBadge, SeverityBadge } from "~/components/delivery/badges";
import { Badge } from "~/components/ui/badge";
import { Card } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { PageHeader } from "~/components/ui/page-header";
import { SimpleTable } from "~/components/ui/simple-table";
import { Tooltip } from "~/components/ui/tooltip";
import { useFormatting } from "~/hooks/root-data";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import { formatDateTime, formatHours } from "~/lib/format";
import { FORMULAS } from "~/lib/metrics/delivery";
import { getDeployment } from "~/models/delivery.server";
import { getDb } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import { dataRouteHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  back: N_("All deployments"),
  commits: N_("Commits and lead times"),
  noCommits: N_("This deployment carries no commit list."),
  incidents: N_("Incidents attributed to this deployment"),
  noIncidents: N_("No incident is attributed to this deployment."),
  notCounted: N_("Not counted in the DORA figures: only successful production deployments count."),
};

export const { handle, meta } = dataRouteHead<typeof loader>("delivery", (data, t) =>
  t("Deployment {{id}}", { id: data?.deployment.externalId ?? `#${data?.deployment.id ?? ""}` }),
);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const id = Number(params.deploymentId);
  if (!Number.isSafeInteger(id) || id <= 0) notFound(serverT("No such deployment.", { ns: "delivery" }));
  const deployment = getDeployment(getDb(), id);
  if (!deployment) notFound(serverT("No such deployment.", { ns: "delivery" }));
  return { deployment };
}

export default function DeploymentDetail() {
  const { t } = useTranslation("delivery");
  const { deployment: d } = useLoaderData<typeof loader>();
  const formatting = useFormatting();
  const dt = (ms: number | null) => formatDateTime(ms, formatting.timeZone, formatting.locale) ?? "—";
  const hours = (h: number | null) => formatHours(h, formatting.locale) ?? t("no data");
  return (
    <>
      <PageHeader
        eyebrow={<Link to="/delivery/deployments">← {t(TEXT.back)}</Link>}
        title={`${d.service} · ${d.externalId ?? `#${d.id}`}`}
        description={
          <span className="dl-flags">
            <DeploymentStatusBadge status={d.status} /> <Badge tone="neutral">{d.environment}</Badge>
            {d.isHotfix ? <Badge tone="warn">{t("hotfix")}</Badge> : null}
            {d.isRollback ? <Badge tone="warn">{t("rollback")}</Badge> : null}
          </span>
        }
      />
      <div className="dl-grid">
        <Card title={t("Deployment")}>
          <dl className="dl-facts">
            <dt>{t("Service")}</dt>
            <dd>
              <Link to={`/delivery/deployments?service=${encodeURIComponent(d.service)}`}>{d.service}</Link>
            </dd>
            <dt>{t("Team")}</dt>
            <dd>{d.team ?? "—"}</dd>
            <dt>{t("External id")}</dt>
            <dd>
              <code>{d.externalId ?? "—"}</code>
            </dd>
            <dt>{t("Started")}</dt>
            <dd>{dt(d.startedAt)}</dd>
            <dt>{t("Finished")}</dt>
            <dd>{dt(d.finishedAt)}</dd>
            <dt>{t("First commit (given)")}</dt>
            <dd>{dt(d.firstCommitAt)}</dd>
            <dt>
              {t("Median lead time")} <Tooltip label={t("About lead time")} content={<>{t(FORMULAS.lead_time.formula)}</>} />
            </dt>
            <dd>
              {hours(d.leadTime.medianHours)} <span className="dl-muted">{t("({{count}} values)", { count: d.leadTime.samples })}</span>
            </dd>
          </dl>
          {!d.leadTime.counts ? <p className="dl-muted">{t(TEXT.notCounted)}</p> : null}
        </Card>
        <Card title={t(TEXT.incidents)}>
          {d.causedIncidents.length === 0 ? (
            <p className="dl-muted">{t(TEXT.noIncidents)}</p>
          ) : (
            <ul className="dl-list">
              {d.causedIncidents.map((i) => (
                <li key={i.id}>
                  <Link to={`/delivery/incidents/${i.id}`}>{i.title}</Link> <SeverityBadge severity={i.severity} />{" "}
                  <IncidentStateBadge resolvedAt={i.resolvedAt} /> <CauseKindBadge kind={i.causeKind} />
                  <br />
                  <span className="dl-muted">{t("started {{time}}", { time: dt(i.startedAt) })}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
      <Card title={t(TEXT.commits)}>
        {d.commits.length === 0 ? (
          <EmptyState title={t(TEXT.noCommits)} headingLevel={3}>
            <p>
              {d.firstCommitAt !== null
                ? t("The first-commit time above gives this deployment's one lead-time value.")
                : t("Send commits: [{sha, committedAt}] or firstCommitAt with the deployment to measure lead time.")}
            </p>
          </EmptyState>
        ) : (
          <SimpleTable caption={t("Commits of this deployment")} columns={[t("SHA"), t("Committed"), { label: t("Lead time"), num: true }]}>
            {d.commits.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <code>{c.sha.slice(0, 12)}</code>
                </th>
                <td>{dt(c.committedAt)}</td>
                <td className="dl-num">
                  {c.counted ? (
                    hours(c.leadTimeHours)
                  ) : (
                    <span className="dl-muted" title={t("Committed after the deployment finished: dropped (values ≤ 0 do not count)")}>
                      {t("after the deploy — not counted")}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </SimpleTable>
        )}
      </Card>
    </>
  );
}
