import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/auth/permissions";
import { DeliveryTabs } from "~/components/delivery/tabs";
import { Card } from "~/components/ui/card";
import { Field, replyField, SelectField } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { FormCard } from "~/components/ui/post-form";
import { ReplyMessage } from "~/components/ui/reply-message";
import { CellSelect, RowName, RowSaveButton, rowField, updateRow } from "~/components/ui/row-form";
import { emptyListText, TableOrEmpty } from "~/components/ui/simple-table";
import { useRootData } from "~/hooks/root-data";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import { formatDateTime } from "~/lib/format";
import { type FormReply } from "~/lib/forms";
import { fieldError } from "~/lib/forms.server";
import { serviceFormSchemas } from "~/lib/schemas/delivery.server";
import { createService, listServices, serviceExists, serviceNameTaken, updateService } from "~/models/delivery.server";
import { listTeamOptions, teamChoiceProblem } from "~/models/teams.server";
import { dispatchIntent, whenIntent, rowReplyTo } from "~/utils/intent-action.server";
import { pageRequest } from "~/utils/page-request.server";
import { routeHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  title: N_("Services"),
  description: N_(
    "The services deployments and incidents belong to, and the team that owns each (the CTO dashboard's team filter follows it). New services also appear on their first deployment or incident.",
  ),
  emptyTitle: N_("No services yet"),
  emptyBody: N_("A service appears with its first deployment or incident sent to the API, or add one below. Its owning team comes from the Teams page."),
  whoMay: N_("CEO and CTO"),
  add: N_("Add a service"),
  save: N_("Save"),
  saving: N_("Saving…"),
};

export const { handle, meta } = routeHead("delivery", N_("Services", "delivery"));

export async function loader({ request }: LoaderFunctionArgs) {
  const { db } = await pageRequest(request);
  const services = listServices(db);
  // the Teams page's list: active teams (plus an archived one a service still names)
  return {
    services,
    teams: listTeamOptions(
      db,
      services.map((s) => s.teamId),
    ),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, db } = await pageRequest(request, "delivery:edit");
  const formData = await request.formData();
  const s = serviceFormSchemas();
  return dispatchIntent(formData, [
    whenIntent("create", s.create, ({ name, teamId }) => {
      const teamProblem = teamId === null ? null : teamChoiceProblem(db, teamId);
      if (teamProblem) return fieldError(formData, "teamId", teamProblem, "create");
      if (serviceNameTaken(db, name)) return fieldError(formData, "name", N_("is already the name of a service", "delivery"), "create");
      createService(db, user.id, { name, teamId });
      return { status: "ok", intent: "create", message: serverT("Service {{name}} added.", { ns: "delivery", name }) } satisfies FormReply;
    }),
    whenIntent(
      "update",
      s.update,
      ({ serviceId, name, teamId }) => {
        const rowIntent = `update-${serviceId}`;
        if (!serviceExists(db, serviceId)) return fieldError(formData, "serviceId", N_("no such service", "delivery"), rowIntent);
        const current = listServices(db).find((row) => row.id === serviceId);
        const teamProblem = teamId === null ? null : teamChoiceProblem(db, teamId, current?.teamId);
        if (teamProblem) return fieldError(formData, "teamId", teamProblem, rowIntent);
        if (serviceNameTaken(db, name, serviceId)) return fieldError(formData, "name", N_("is already the name of another service", "delivery"), rowIntent);
        if (!updateService(db, user.id, serviceId, { name, teamId })) return fieldError(formData, "serviceId", N_("no such service", "delivery"), rowIntent);
        return { status: "ok", intent: rowIntent, message: serverT("Service {{name}} saved.", { ns: "delivery", name }) } satisfies FormReply;
      },
      { replyTo: rowReplyTo("serviceId") },
    ),
  ]);
}

export default function Services() {
  const { t } = useTranslation("delivery");
  const { services, teams } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const { user, formatting } = useRootData();
  const editable = can(user, "delivery:edit");
  const busy = (intent: string) =>
    navigation.state === "submitting" && `${navigation.formData?.get("intent")}-${navigation.formData?.get("serviceId")}` === intent;
  const teamOptions = teams.map((t) => ({ value: String(t.id), label: t.name }));
  return (
    <>
      <PageHeader title={t(TEXT.title)} description={t(TEXT.description)}>
        <DeliveryTabs current="services" />
      </PageHeader>
      <ReplyMessage reply={reply} show="ok" />
      <Card>
        <TableOrEmpty
          count={services.length}
          empty={emptyListText(t, TEXT)}
          caption={t("Services")}
          columns={[
            t("Service"),
            t("Owning team"),
            { label: t("Deployments"), num: true },
            t("Last production deployment"),
            { label: t("Open incidents"), num: true },
          ]}
          actionsLabel={editable ? t("Save") : undefined}
        >
          {services.map((s) => {
            const row = updateRow(reply, "svc", "serviceId", s.id);
            return (
              <tr key={s.id}>
                <th scope="row">
                  <RowName name={s.name} edit={editable ? { row, label: t("Name of {{name}}", { name: s.name }) } : null} />
                  <div className="dl-row-links">
                    <Link to={`/delivery/deployments?service=${encodeURIComponent(s.name)}`}>{t("deployments")}</Link> ·{" "}
                    <Link to={`/delivery/incidents?service=${encodeURIComponent(s.name)}`}>{t("incidents")}</Link>
                  </div>
                </th>
                <td>
                  {editable ? (
                    <CellSelect
                      {...rowField(row, "teamId", s.teamId)}
                      label={t("Team owning {{name}}", { name: s.name })}
                      empty={t("— no team —")}
                      options={teamOptions}
                    />
                  ) : (
                    (s.teamName ?? "—")
                  )}
                </td>
                <td className="dl-num">{s.deployments}</td>
                <td>
                  {s.lastDeployedAt === null ? (
                    <span className="dl-muted">{t("never")}</span>
                  ) : (
                    formatDateTime(s.lastDeployedAt, formatting.timeZone, formatting.locale)
                  )}
                </td>
                <td className="dl-num">{s.openIncidents}</td>
                {editable ? (
                  <td>
                    <RowSaveButton form={row.form} rowName={s.name} pending={busy(row.intent)} />
                  </td>
                ) : null}
              </tr>
            );
          })}
        </TableOrEmpty>
      </Card>
      {editable ? (
        <FormCard
          title={t(TEXT.add)}
          hidden={{ intent: "create" }}
          submit={{
            label: t(TEXT.add),
            pending: navigation.state === "submitting" && navigation.formData?.get("intent") === "create",
            pendingLabel: t(TEXT.saving),
          }}
        >
          <Field label={t("Name")} {...replyField(reply, "name", "", "create")} required maxLength={100} />
          <SelectField label={t("Owning team")} {...replyField(reply, "teamId", "", "create")} placeholder={t("— no team —")} options={teamOptions} />
        </FormCard>
      ) : null}
    </>
  );
}
