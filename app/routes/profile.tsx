/**
 * /profile — the signed-in person's own settings: the interface language (docs/decisions/023).
 * Everyone may change their own; nobody else's.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server";
import { ROLE_LABELS } from "~/auth/permissions";
import { Card } from "~/components/ui/card";
import { replyField, SelectField } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { ReplyMessage } from "~/components/ui/reply-message";
import { companyLanguage } from "~/i18n/language.server";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import { type FormReply } from "~/lib/forms";
import { badRequest, parseForm } from "~/lib/forms.server";
import { ProfileSchema } from "~/lib/schemas/profile.server";
import { setUserLanguage } from "~/models/users.server";
import { getDb } from "~/utils/db.server";
import { routeHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const { handle, meta } = routeHead("auth", N_("Your profile", "auth"));

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { user, companyLanguage: companyLanguage() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const parsed = parseForm(formData, ProfileSchema);
  if (!parsed.ok) return badRequest(parsed.reply);
  setUserLanguage(getDb(), user.id, parsed.data.language);
  // the reply is read in the language just chosen (the next render reads it from the session's user)
  return { status: "ok", message: serverT("Language saved.", { lng: parsed.data.language ?? companyLanguage() }) } satisfies FormReply;
}

/** Each language's name written in that language, as language pickers do. */
const LANGUAGE_NAMES = { en: "English", fr: "Français" } as const;

export default function Profile() {
  const { user, companyLanguage: companyDefault } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation("auth");
  const options = [
    { value: "", label: t("Company default ({{language}})", { language: LANGUAGE_NAMES[companyDefault] }) },
    { value: "en", label: LANGUAGE_NAMES.en },
    { value: "fr", label: LANGUAGE_NAMES.fr },
  ];
  return (
    <>
      <PageHeader
        title={t("Your profile")}
        description={t("{{name}} · {{email}} · {{role}}", { name: user.name, email: user.email, role: t(ROLE_LABELS[user.role]) })}
      />
      <Card title={t("Language")} description={t("The language of every page, message and number format you see. Texts people wrote stay as written.")}>
        <ReplyMessage reply={reply} />
        <Form method="post" className="form-grid">
          <SelectField label={t("Interface language")} {...replyField(reply, "language", user.language ?? "")} options={options} />
          <div>
            <button type="submit" className="btn btn--primary" disabled={navigation.state === "submitting"}>
              {t("Save")}
            </button>
          </div>
        </Form>
      </Card>
    </>
  );
}
