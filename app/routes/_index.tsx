import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server";
import { ROLE_LABELS } from "~/auth/permissions";
import { getHome } from "~/dashboards/home.server";
import { useFormatting } from "~/hooks/root-data";
import { N_ } from "~/i18n/mark";
import { formatMonth, formatNumber } from "~/lib/format";
import { getDb } from "~/utils/db.server";
import { routeHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const { handle, meta } = routeHead("home", N_("Home", "home"));

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return getHome(getDb(), user);
}

export default function Home() {
  const { user, cards, inbox, counts, checklist } = useLoaderData<typeof loader>();
  const { t } = useTranslation("home");
  const { locale } = useFormatting();
  const n = (v: number | null) => (v === null ? null : formatNumber(v, { locale, digits: 0 }));
  // [label, value, the catalogue metric it shows (if any)]
  // [label, value shown, the catalogue metric it shows (if any), its raw value]
  const facts: [string, string | null, string?, (number | null)?][] = [
    [
      t("Closed finance months"),
      counts.closedMonths
        ? t("{{count}} (latest {{month}})", { count: counts.closedMonths, month: formatMonth(counts.lastClosedMonth, locale, "long") })
        : t("none yet"),
    ],
    [t("Successful production deployments, last 90 days"), n(counts.productionDeploys90d), "delivery.deployments", counts.productionDeploys90d],
    [t("Open incidents"), n(counts.openIncidents)],
    [t("Objectives in open cycles"), n(counts.openObjectives)],
    [t("Risks not closed, entered by people"), n(counts.openRisksPeople)],
    [t("Risks not closed, raised by metric rules"), n(counts.openRisksRule)],
    [t("Open requisitions"), n(counts.openRequisitions)],
    [t("People employed today"), n(counts.employees), "people.headcount", counts.employees],
    [t("Product KPIs tracked"), n(counts.kpis)],
  ];
  return (
    <>
      <h1>{t("Welcome, {{name}}", { name: user.name.split(" ")[0] })}</h1>
      <p className="muted" data-testid="role-home">
        {user.teamName
          ? t("Signed in as {{role}} of {{team}}.", { role: t(ROLE_LABELS[user.role], { ns: "common" }), team: user.teamName })
          : t("Signed in as {{role}}.", { role: t(ROLE_LABELS[user.role], { ns: "common" }) })}
      </p>
      {checklist ? (
        <section aria-labelledby="getting-started" className="panel" data-testid="getting-started">
          <h2 id="getting-started">{t("Getting started")}</h2>
          <p className="muted">{t("Until these are filled, the dashboards say what is missing rather than show figures.")}</p>
          <ol className="checklist">
            {checklist.map((item) => (
              <li key={item.key} data-done={item.done ? "true" : "false"} data-item={item.key}>
                <span aria-hidden="true">{item.done ? "✓" : "○"}</span> <strong>{item.title}</strong>
                {item.done ? <span className="visually-hidden"> {t("(done)")}</span> : null} — <span className="muted">{item.how}</span>{" "}
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
      <section aria-labelledby="home-inbox" className="panel" data-testid="home-inbox">
        <h2 id="home-inbox">{t("Your inbox")}</h2>
        <Link to="/inbox" className="home-card" data-count={inbox.total}>
          <span className="home-card__count">{inbox.total}</span>
          <strong>{inbox.total === 0 ? t("Nothing waits for you") : t("{{count}} things wait for you", { count: inbox.total })}</strong>
          <span className="muted">{t("Key results to check in on, risks to review, requisitions without news, gates and milestones coming due.")}</span>
        </Link>
      </section>
      {cards.length > 0 ? (
        <section aria-labelledby="start-here" className="panel">
          <h2 id="start-here">{t("Start here")}</h2>
          <div className="grid-cards">
            {cards.map((card) => (
              <Link key={card.to} to={card.to} className="home-card">
                <strong>{t(card.title, { ns: "common" })}</strong>
                <span className="muted">{t(card.why)}</span>
              </Link>
            ))}
          </div>
        </section>
      ) : null}
      <section aria-labelledby="in-tracker" className="panel">
        <h2 id="in-tracker">{t("What the tracker holds")}</h2>
        <div className="table-scroll">
          <table className="simple home-facts">
            <tbody>
              {facts.map(([label, value, metric, raw]) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  <td className="num" data-metric={metric} data-value={metric ? (raw ?? "") : undefined}>
                    {value ?? t("no data")}
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
