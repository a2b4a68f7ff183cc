import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import type { InputHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { dummyPasswordHash, verifyPassword } from "~/auth/password.server";
import { getUser, login } from "~/auth/session.server";
import { recordFailure, recordSuccess, retryAfter } from "~/auth/throttle.server";
import { ReplyMessage } from "~/components/ui/reply-message";
import { useRootData } from "~/hooks/root-data";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import { fieldErrorsOf, valueOf, type FormErrorReply } from "~/lib/forms";
import { badRequest, parseForm } from "~/lib/forms.server";
import { LoginSchema } from "~/lib/schemas/auth.server";
import { recordAudit } from "~/models/audit.server";
import { getUserForLogin } from "~/models/users.server";
import { getDb } from "~/utils/db.server";
import { safeRedirectPath } from "~/utils/http.server";
import { routeHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const { handle, meta } = routeHead("auth", N_("Sign in", "auth"));

/** A throttled sign-in says when to try again (the action's Retry-After, on the page too). */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retry = actionHeaders.get("Retry-After");
  const headers = new Headers();
  if (retry) headers.set("Retry-After", retry);
  return headers;
};

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const parsed = parseForm(formData, LoginSchema);
  // the password is never sent back (formValues never echoes it)
  if (!parsed.ok) return badRequest(parsed.reply);
  const { email, password, redirectTo } = parsed.data;
  const db = getDb();
  const ip = context?.clientIp ?? null;
  const wait = retryAfter(db, email, ip);
  const values = { email, redirectTo: redirectTo ?? "" };
  if (wait > 0) {
    // the password is not even checked: a wait that a right guess could skip would not slow guessing
    const seconds = Math.ceil(wait / 1000);
    const message =
      seconds < 120
        ? serverT("Too many failed sign-in attempts. Try again in {{count}} seconds.", { ns: "auth", count: seconds })
        : serverT("Too many failed sign-in attempts. Try again in {{count}} minutes.", { ns: "auth", count: Math.ceil(seconds / 60) });
    return data({ status: "error", fieldErrors: {}, formErrors: [message], values } satisfies FormErrorReply, {
      status: 429,
      headers: { "Retry-After": String(seconds) },
    });
  }
  const user = getUserForLogin(db, email);
  const ok = user?.active ? await verifyPassword(user.passwordHash, password) : (await verifyPassword(await dummyPasswordHash(), password), false);
  if (!user || !ok) {
    recordFailure(db, email, ip);
    return badRequest({ status: "error", fieldErrors: {}, formErrors: [serverT("Wrong email or password.", { ns: "auth" })], values });
  }
  recordSuccess(db, email, ip);
  recordAudit(db, { actor: { userId: user.id }, action: "login", entityType: "session", entityId: user.id });
  return login(user.id, safeRedirectPath(redirectTo));
}

/** A labelled input of the sign-in form (named as its `id`), its messages under it as `message` words them. */
function LoginField({
  id,
  label,
  errors,
  message,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, "name"> & { id: string; label: string; errors: string[] | undefined; message: (errors: string) => string }) {
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      <input id={id} name={id} {...input} aria-invalid={errors ? true : undefined} aria-describedby={errors ? `${id}-error` : undefined} />
      {errors ? (
        <p id={`${id}-error`} className="field-error">
          {message(errors.join(", "))}
        </p>
      ) : null}
    </div>
  );
}

export default function Login() {
  const reply = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const pending = navigation.state === "submitting";
  const { companyName } = useRootData();
  const { t } = useTranslation("auth");
  return (
    <div className="auth-card">
      <h1>
        {companyName ? `${companyName} · ` : ""}
        {t("Strategy Tracker", { ns: "common" })}
      </h1>
      <p className="muted">{t("Sign in to see cash, delivery, OKRs, risks and the hiring plan.")}</p>
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={valueOf(reply, "redirectTo", params.get("redirectTo") ?? "/")} />
        <ReplyMessage reply={reply} show="errors" />
        <LoginField
          id="email"
          label={t("Email")}
          errors={fieldErrorsOf(reply, "email")}
          message={(errors) => t("Email {{errors}}", { errors })}
          type="email"
          autoComplete="username"
          required
          autoFocus
          defaultValue={valueOf(reply, "email", "")}
        />
        <LoginField
          id="password"
          label={t("Password")}
          errors={fieldErrorsOf(reply, "password")}
          message={(errors) => t("Password {{errors}}", { errors })}
          type="password"
          autoComplete="current-password"
          required
        />
        <button type="submit" className="btn btn--primary" disabled={pending}>
          {pending ? t("Signing in…") : t("Sign in")}
        </button>
      </Form>
    </div>
  );
}
