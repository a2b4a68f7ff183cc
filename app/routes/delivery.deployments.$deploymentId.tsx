import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { CauseKindBadge, DeploymentStatusBadge, IncidentStateBadge, SeverityBadge } from "~/components/delivery/badges";
import { Badge } from "~/components/ui/badge";
import { Card } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { PageHeader } from "~/components/ui/page-header";
import { Tooltip } from "~/components/ui/tooltip";
import { useFormatting } from "~/hooks/root-data";
import { formatDateTime, formatHours } from "~/lib/format";
import { FORMULAS } from "~/lib/metrics/delivery";
import { getDeployment } from "~/models/delivery.server";
import { getDb } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  back: "All deployments",
  commits: "Commits and lead times",
  noCommits: "This deployment carries no commit list.",
  incidents: "Incidents attributed to this deployment",
  noIncidents: "No incident is attributed to this deployment.",
  notCounted: "Not counted in the DORA figures: only successful production deployments count.",
};

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Deployment ${data?.deployment.externalId ?? `#${data?.deployment.id ?? ""}`} · Strategy Tracker` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const id = Number(params.deploymentId);
  if (!Number.isSafeInteger(id) || id <= 0) notFound("No such deployment.");
  const deployment = getDeployment(getDb(), id);
  if (!deployment) notFound("No such deployment.");
  return { deployment };
}

export default function DeploymentDetail() {
  const { deployment: d } = useLoaderData<typeof loader>();
  const formatting = useFormatting();
  const dt = (ms: number | null) => formatDateTime(ms, formatting.timeZone, formatting.locale) ?? "—";
  const hours = (h: number | null) => formatHours(h, formatting.locale) ?? "no data";
  return (
    <>
      <PageHeader
        eyebrow={<Link to="/delivery/deployments">← {TEXT.back}</Link>}
        title={`${d.service} · ${d.externalId ?? `#${d.id}`}`}
        description={
          <span className="dl-flags">
            <DeploymentStatusBadge status={d.status} /> <Badge tone="neutral">{d.environment}</Badge>
            {d.isHotfix ? <Badge tone="warn">hotfix</Badge> : null}
            {d.isRollback ? <Badge tone="warn">rollback</Badge> : null}
          </span>
        }
      />
      <div className="dl-grid">
        <Card title="Deployment">
          <dl className="dl-facts">
            <dt>Service</dt>
            <dd>
              <Link to={`/delivery/deployments?service=${encodeURIComponent(d.service)}`}>{d.service}</Link>
            </dd>
            <dt>Team</dt>
            <dd>{d.team ?? "—"}</dd>
            <dt>External id</dt>
            <dd>
              <code>{d.externalId ?? "—"}</code>
            </dd>
            <dt>Started</dt>
            <dd>{dt(d.startedAt)}</dd>
            <dt>Finished</dt>
            <dd>{dt(d.finishedAt)}</dd>
            <dt>First commit (given)</dt>
            <dd>{dt(d.firstCommitAt)}</dd>
            <dt>
              Median lead time <Tooltip label="About lead time" content={<>{FORMULAS.lead_time.formula}</>} />
            </dt>
            <dd>
              {hours(d.leadTime.medianHours)} <span className="dl-muted">({d.leadTime.samples} values)</span>
            </dd>
          </dl>
          {!d.leadTime.counts ? <p className="dl-muted">{TEXT.notCounted}</p> : null}
        </Card>
        <Card title={TEXT.incidents}>
          {d.causedIncidents.length === 0 ? (
            <p className="dl-muted">{TEXT.noIncidents}</p>
          ) : (
            <ul className="dl-list">
              {d.causedIncidents.map((i) => (
                <li key={i.id}>
                  <Link to={`/delivery/incidents/${i.id}`}>{i.title}</Link> <SeverityBadge severity={i.severity} />{" "}
                  <IncidentStateBadge resolvedAt={i.resolvedAt} /> <CauseKindBadge kind={i.causeKind} />
                  <br />
                  <span className="dl-muted">started {dt(i.startedAt)}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
      <Card title={TEXT.commits}>
        {d.commits.length === 0 ? (
          <EmptyState title={TEXT.noCommits} headingLevel={3}>
            <p>
              {d.firstCommitAt !== null
                ? "The first-commit time above gives this deployment's one lead-time value."
                : "Send commits: [{sha, committedAt}] or firstCommitAt with the deployment to measure lead time."}
            </p>
          </EmptyState>
        ) : (
          <div className="table-scroll">
            <table className="simple">
              <caption className="visually-hidden">Commits of this deployment</caption>
              <thead>
                <tr>
                  <th scope="col">SHA</th>
                  <th scope="col">Committed</th>
                  <th scope="col" className="dl-num">
                    Lead time
                  </th>
                </tr>
              </thead>
              <tbody>
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
                        <span className="dl-muted" title="Committed after the deployment finished: dropped (values ≤ 0 do not count)">
                          after the deploy — not counted
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}
