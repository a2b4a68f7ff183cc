import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Card } from "~/components/ui/card";
import { CheckboxField, Field, replyField, SelectField } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { PostForm } from "~/components/ui/post-form";
import { ReplyMessage } from "~/components/ui/reply-message";
import { N_ } from "~/i18n/mark";
import { fieldErrorsOf, valueOf } from "~/lib/forms";
import { badRequest, fieldError, parseForm } from "~/lib/forms.server";
import { newIncidentSchema } from "~/lib/schemas/incident-forms.server";
import { toLocalInput } from "~/lib/time";
import { type CauseChoice, createIncident, findServiceDeployment, listServiceOptions, serviceExists, SEVERITIES } from "~/models/delivery.server";
import { formattingOf, getCompanySettings } from "~/models/settings.server";
import { pageRequest } from "~/utils/page-request.server";
import { routeHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  title: N_("Declare an incident"),
  back: N_("All incidents"),
  description: N_("Times are in the company's time zone"),
  save: N_("Declare incident"),
  saving: N_("Saving…"),
  causeHint: N_(
    "Leave empty to let the rule infer it (the latest successful production deployment of the service finished at or before the start). An external id, or #123 for an internal id.",
  ),
};

export const { handle, meta } = routeHead("delivery", N_("Declare an incident", "delivery"));

export async function loader({ request }: LoaderFunctionArgs) {
  const { db } = await pageRequest(request, "delivery:edit");
  const { timeZone } = formattingOf(getCompanySettings(db));
  return { services: listServiceOptions(db), timeZone, now: toLocalInput(Date.now(), timeZone), severities: SEVERITIES };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, db } = await pageRequest(request, "delivery:edit");
  const { timeZone } = formattingOf(getCompanySettings(db));
  const formData = await request.formData();
  const parsed = parseForm(formData, newIncidentSchema(timeZone));
  if (!parsed.ok) return badRequest(parsed.reply);
  const v = parsed.data;
  if (!serviceExists(db, v.serviceId)) return fieldError(formData, "serviceId", N_("is not a known service", "delivery"));
  let cause: CauseChoice = v.noCause ? { mode: "none" } : { mode: "inferred" };
  if (v.causeRef) {
    const id = findServiceDeployment(db, v.serviceId, v.causeRef);
    if (id === null) return fieldError(formData, "causeRef", N_("names no deployment of this service", "delivery"));
    cause = { mode: "explicit", deploymentId: id };
  }
  const result = createIncident(db, user.id, {
    serviceId: v.serviceId,
    externalId: v.externalId || null,
    title: v.title,
    severity: v.severity,
    startedAt: v.startedAt,
    resolvedAt: v.resolvedAt ?? null,
    cause,
  });
  if ("error" in result) return fieldError(formData, result.field, result.error);
  return redirect(`/delivery/incidents/${result.id}`);
}

export default function NewIncident() {
  const { t } = useTranslation("delivery");
  const { services, now, timeZone, severities } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const v = (name: string, fallback: string | null = "") => valueOf(reply, name, fallback);
  const e = (name: string) => fieldErrorsOf(reply, name);
  return (
    <>
      <PageHeader
        eyebrow={<Link to="/delivery/incidents">← {t(TEXT.back)}</Link>}
        title={t(TEXT.title)}
        description={`${t(TEXT.description)} (${timeZone}).`}
      />
      <Card>
        <ReplyMessage reply={reply} show="errors" />
        <PostForm submit={{ label: t(TEXT.save), pending: busy, pendingLabel: t(TEXT.saving) }}>
          <SelectField
            label={t("Service")}
            {...replyField(reply, "serviceId")}
            required
            placeholder={t("Choose a service…")}
            options={services.map((s) => ({ value: String(s.id), label: s.name }))}
          />
          <Field label={t("Title")} {...replyField(reply, "title")} required maxLength={300} />
          <SelectField label={t("Severity")} {...replyField(reply, "severity", "SEV3")} required options={severities.map((s) => ({ value: s, label: s }))} />
          <Field label={t("Started")} {...replyField(reply, "startedAt", now)} type="datetime-local" required />
          <Field
            label={t("Resolved")}
            {...replyField(reply, "resolvedAt")}
            type="datetime-local"

            hint={t("Empty while it is open.")}
          />
          <Field label={t("External id")} {...replyField(reply, "externalId")} hint={t("The incident tool's id, if any.")} />
          <Field label={t("Causing deployment")} {...replyField(reply, "causeRef")} hint={t(TEXT.causeHint)} />
          <CheckboxField label={t("No deployment caused it")} name="noCause" defaultChecked={v("noCause") === "on"} errors={e("noCause")} />
        </PostForm>
      </Card>
    </>
  );
}
