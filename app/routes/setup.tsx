import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { hashPassword } from "~/auth/password.server";
import { login } from "~/auth/session.server";
import { Field, replyField, SelectField } from "~/components/ui/field";
import { ReplyMessage } from "~/components/ui/reply-message";
import { proposedCompanyLocale } from "~/i18n/language.server";
import { N_ } from "~/i18n/mark";
import { fieldErrorsOf } from "~/lib/forms";
import { badRequest, parseForm } from "~/lib/forms.server";
import { SetupSchema } from "~/lib/schemas/settings.server";
import { getCompanySettings } from "~/models/settings.server";
import { completeSetup } from "~/models/setup.server";
import { hasAnyUser } from "~/models/users.server";
import { getDb } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import { routeHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const { handle, meta } = routeHead("auth", N_("Set up", "auth"));

const MONTHS = [
  N_("January"),
  N_("February"),
  N_("March"),
  N_("April"),
  N_("May"),
  N_("June"),
  N_("July"),
  N_("August"),
  N_("September"),
  N_("October"),
  N_("November"),
  N_("December"),
];

/** The first-run screen: only while the database holds no user; a 404 for ever after. */
export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  if (hasAnyUser(db)) notFound();
  const s = getCompanySettings(db);
  // the company's language and formats: proposed from the browser of the person installing
  const locale = proposedCompanyLocale(request.headers.get("accept-language"), s.locale);
  return { defaults: { currency: s.currency, locale, timeZone: s.timeZone, fiscalYearStartMonth: s.fiscalYearStartMonth } };
}

export async function action({ request }: ActionFunctionArgs) {
  const db = getDb();
  if (hasAnyUser(db)) notFound();
  const formData = await request.formData();
  const parsed = parseForm(formData, SetupSchema);
  // the password is never sent back (formValues never echoes it)
  if (!parsed.ok) return badRequest(parsed.reply);
  const { password, ...input } = parsed.data;
  const passwordHash = await hashPassword(password);
  // re-checked inside a BEGIN IMMEDIATE transaction: of two racing submissions, one wins
  const done = completeSetup(db, { ...input, passwordHash });
  if (!done) notFound();
  return login(done.userId, "/");
}

export default function Setup() {
  const { defaults } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const pending = navigation.state === "submitting";
  const e = (name: string) => fieldErrorsOf(reply, name);
  const { t } = useTranslation("auth");
  return (
    <div className="auth-card auth-card--wide">
      <h1>{t("Set up your Strategy Tracker")}</h1>
      <p className="muted">
        {t(
          "This install has no user yet. Name your company, choose how money and dates are shown, and create the first account — the CEO, who can then add teams, people and data. This page disappears once it is done.",
        )}
      </p>
      <Form method="post" noValidate>
        <ReplyMessage reply={reply} show="errors" />
        <fieldset>
          <legend>{t("Company")}</legend>
          <Field label={t("Company name")} {...replyField(reply, "companyName")} required autoFocus />
          <Field label={t("Currency")} {...replyField(reply, "currency", defaults.currency)} required hint={t("ISO 4217 code, e.g. EUR, USD, GBP")} />
          <Field
            label={t("Locale")}
            {...replyField(reply, "locale", defaults.locale)}
            required
            hint={t("the company's default language and region, for texts, numbers and dates, e.g. fr-FR, en-GB")}
          />
          <Field label={t("Time zone")} {...replyField(reply, "timeZone", defaults.timeZone)} required hint={t("IANA name, e.g. Europe/Paris")} />
          <SelectField
            label={t("Fiscal year starts in")}
            {...replyField(reply, "fiscalYearStartMonth", defaults.fiscalYearStartMonth)}
            required
            options={MONTHS.map((m, i) => ({ value: String(i + 1), label: t(m) }))}
          />
        </fieldset>
        <fieldset>
          <legend>{t("First user (CEO, administrator)")}</legend>
          <Field label={t("Your name")} {...replyField(reply, "name")} required autoComplete="name" />
          <Field label={t("Email")} {...replyField(reply, "email")} type="email" required autoComplete="username" />
          <Field
            label={t("Password")}
            name="password"
            type="password"
            required
            autoComplete="new-password"
            hint={t("12 characters or more")}
            errors={e("password")}
          />
        </fieldset>
        <button type="submit" className="btn btn--primary" disabled={pending}>
          {pending ? t("Setting up…") : t("Create the company and sign in")}
        </button>
      </Form>
    </div>
  );
}
