import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { ROLE_LABELS } from "~/auth/permissions";
import { getHome } from "~/dashboards/home.server";
import { getDb } from "~/utils/db.server";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Home · Strategy Tracker" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return getHome(getDb(), user);
}

export default function Home() {
  const { user, cards, counts, checklist } = useLoaderData<typeof loader>();
  // [label, value, the catalogue metric it shows (if any)]
  const facts: [string, string | number | null, string?][] = [
    ["Closed finance months", counts.closedMonths ? `${counts.closedMonths} (latest ${counts.lastClosedMonth})` : "none yet"],
    ["Successful production deployments, last 90 days", counts.productionDeploys90d, "delivery.deployments"],
    ["Open incidents", counts.openIncidents],
    ["Objectives in open cycles", counts.openObjectives],
    ["Risks not closed, entered by people", counts.openRisksPeople],
    ["Risks not closed, raised by metric rules", counts.openRisksRule],
    ["Open requisitions", counts.openRequisitions],
    ["People employed today", counts.employees, "people.headcount"],
    ["Product KPIs tracked", counts.kpis],
  ];
  return (
    <>
      <h1>Welcome, {user.name.split(" ")[0]}</h1>
      <p className="muted" data-testid="role-home">
        Signed in as {ROLE_LABELS[user.role]}
        {user.teamName ? ` of ${user.teamName}` : ""}.
      </p>
      {checklist ? (
        <section aria-labelledby="getting-started" className="panel" data-testid="getting-started">
          <h2 id="getting-started">Getting started</h2>
          <p className="muted">Until these are filled, the dashboards say what is missing rather than show figures.</p>
          <ol className="checklist">
            {checklist.map((item) => (
              <li key={item.key} data-done={item.done ? "true" : "false"} data-item={item.key}>
                <span aria-hidden="true">{item.done ? "✓" : "○"}</span> <strong>{item.title}</strong>
                {item.done ? <span className="visually-hidden"> (done)</span> : null} — <span className="muted">{item.how}</span>{" "}
                {item.links.map((l, i) => (
                  <span key={l.to}>
                    {i > 0 ? " · " : ""}
                    {l.download ? (
                      <a href={l.to} download>
                        {l.label}
                      </a>
                    ) : (
                      <Link to={l.to}>{l.label}</Link>
                    )}
                  </span>
                ))}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {cards.length > 0 ? (
        <section aria-labelledby="start-here" className="panel">
          <h2 id="start-here">Start here</h2>
          <div className="grid-cards">
            {cards.map((card) => (
              <Link key={card.to} to={card.to} className="home-card">
                <strong>{card.title}</strong>
                <span className="muted">{card.why}</span>
              </Link>
            ))}
          </div>
        </section>
      ) : null}
      <section aria-labelledby="in-tracker" className="panel">
        <h2 id="in-tracker">What the tracker holds</h2>
        <div className="table-scroll">
          <table className="simple home-facts">
            <tbody>
              {facts.map(([label, value, metric]) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  <td className="num" data-metric={metric} data-value={metric ? (value ?? "") : undefined}>
                    {value ?? "no data"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
