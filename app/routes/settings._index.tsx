import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guards.server";
import { hashPassword } from "~/auth/password.server";
import { ROLE_LABELS, ROLES } from "~/auth/permissions";
import { ReplyMessage } from "~/components/ui/reply-message";
import { RowForm } from "~/components/ui/row-form";
import { SimpleTable } from "~/components/ui/simple-table";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import { checkedOf, fieldErrorsOf, isErrorReply, valueOf, type FormReply } from "~/lib/forms";
import { fieldError } from "~/lib/forms.server";
import { CreateUserSchema, SettingsSchema, UpdateUserSchema } from "~/lib/schemas/settings.server";
import { getCompanySettings, updateCompanySettings } from "~/models/settings.server";
import { listTeamOptions, teamChoiceProblem } from "~/models/teams.server";
import { createUser, emailTaken, listUsers, updateUser } from "~/models/users.server";
import { getDb } from "~/utils/db.server";
import { dispatchIntent, whenIntent } from "~/utils/intent-action.server";
import { pageRequest } from "~/utils/page-request.server";
import { routeHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const { handle, meta } = routeHead("auth", N_("Settings", "auth"));

export async function loader({ request }: LoaderFunctionArgs) {
  const { db } = await pageRequest(request, "users:manage");
  const users = listUsers(db);
  // the Teams page's list: active teams, plus an archived one a user still belongs to
  return {
    settings: getCompanySettings(db),
    users,
    teams: listTeamOptions(
      db,
      users.map((u) => u.teamId),
    ),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "users:manage");
  const formData = await request.formData();
  const db = getDb();
  // (a password typed is never sent back: parseForm leaves it out of the reply's values)
  return dispatchIntent(formData, [
    whenIntent("settings", SettingsSchema, ({ intent: _i, grossMarginPercent, ...rest }) => {
      updateCompanySettings(db, user.id, { ...rest, grossMargin: grossMarginPercent / 100 });
      return { status: "ok", intent: "settings", message: serverT("Settings saved.", { ns: "auth" }) } satisfies FormReply;
    }),
    whenIntent("create-user", CreateUserSchema, async ({ intent: _i, password, ...input }) => {
      if (emailTaken(db, input.email)) return fieldError(formData, "email", serverT("is already used by another user", { ns: "auth" }), "create-user");
      const teamProblem = input.teamId === null ? null : teamChoiceProblem(db, input.teamId);
      if (teamProblem) return fieldError(formData, "teamId", teamProblem, "create-user");
      createUser(db, user.id, { ...input, passwordHash: await hashPassword(password) });
      return { status: "ok", intent: "create-user", message: serverT("User {{email}} created.", { ns: "auth", email: input.email }) } satisfies FormReply;
    }),
    // replies name the row (update-user-<id>): the page shows the errors and the input on that row
    whenIntent(
      "update-user",
      UpdateUserSchema,
      ({ intent: _i, userId, ...patch }, { replyTo }) => {
        if (userId === user.id && (patch.role !== "ceo" || !patch.active)) {
          return fieldError(formData, "role", serverT("you cannot remove your own admin access", { ns: "auth" }), replyTo);
        }
        const current = listUsers(db).find((u) => u.id === userId);
        const teamProblem = patch.teamId === null ? null : teamChoiceProblem(db, patch.teamId, current?.teamId);
        if (teamProblem) return fieldError(formData, "teamId", teamProblem, replyTo);
        if (!updateUser(db, user.id, userId, patch)) return fieldError(formData, "userId", serverT("no such user", { ns: "auth" }), replyTo);
        return { status: "ok", intent: "update-user", message: serverT("User updated.", { ns: "auth" }) } satisfies FormReply;
      },
      { replyTo: (fd) => `update-user-${String(fd.get("userId") ?? "")}` },
    ),
  ]);
}

function Errors({ reply, name, intent }: { reply: unknown; name: string; intent: string }) {
  const errors = fieldErrorsOf(reply, name, intent);
  return errors ? (
    <p className="field-error" id={`${intent}-${name}-error`}>
      {errors.join(", ")}
    </p>
  ) : null;
}

/** A form's primary submit button on its own line, disabled and saying `busyLabel` while the form is sent. */
function SubmitButton({ busy, label, busyLabel }: { busy: boolean; label: string; busyLabel: string }) {
  return (
    <div>
      <button className="btn btn--primary" type="submit" disabled={busy}>
        {busy ? busyLabel : label}
      </button>
    </div>
  );
}

export default function Settings() {
  const { settings, users, teams } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = (intent: string) => navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  const v = (name: string, fallback: string | number | null | undefined, intent: string) => valueOf(reply, name, fallback, intent);
  const invalid = (name: string, intent: string) => (fieldErrorsOf(reply, name, intent) ? true : undefined);
  const { t } = useTranslation("auth");
  return (
    <>
      <h1>{t("Settings")}</h1>
      <ReplyMessage reply={reply} />

      <section className="panel" aria-labelledby="company">
        <h2 id="company">{t("Company")}</h2>
        <Form method="post" className="form-grid" noValidate>
          <input type="hidden" name="intent" value="settings" />
          {(
            [
              ["companyName", N_("Company name"), settings.companyName, "text", null],
              ["currency", N_("Currency (ISO 4217)"), settings.currency, "text", null],
              ["locale", N_("Locale"), settings.locale, "text", N_("The company's default language and region, e.g. fr-FR.")],
              ["timeZone", N_("Time zone"), settings.timeZone, "text", null],
              ["loadedCostFactor", N_("Loaded-cost factor (employer charges)"), settings.loadedCostFactor, "number", null],
              ["grossMarginPercent", N_("Gross margin (%)"), Math.round(settings.grossMargin * 1000) / 10, "number", null],
              ["headcountTarget", N_("Headcount target"), settings.headcountTarget, "number", null],
              ["fiscalYearStartMonth", N_("Fiscal year starts in month (1–12)"), settings.fiscalYearStartMonth, "number", null],
            ] as const
          ).map(([name, label, value, type, hint]) => (
            <div key={name}>
              <label htmlFor={`s-${name}`}>{t(label)}</label>
              <input
                id={`s-${name}`}
                name={name}
                type={type}
                step="any"
                defaultValue={v(name, value, "settings")}
                aria-invalid={invalid(name, "settings")}
                aria-describedby={
                  [invalid(name, "settings") ? `settings-${name}-error` : null, hint ? `settings-${name}-hint` : null].filter(Boolean).join(" ") || undefined
                }
              />
              {hint ? (
                <p className="muted" id={`settings-${name}-hint`}>
                  {t(hint)}
                </p>
              ) : null}
              <Errors reply={reply} name={name} intent="settings" />
            </div>
          ))}
          <SubmitButton busy={busy("settings")} label={t("Save settings")} busyLabel={t("Saving…")} />
        </Form>
      </section>

      <section className="panel" aria-labelledby="users">
        <h2 id="users">{t("Users")}</h2>
        <SimpleTable columns={[t("Name"), t("Email"), t("Role"), t("Team"), t("Active")]} actionsLabel={t("Save")}>
          {users.map((u) => {
            const rowIntent = `update-user-${u.id}`;
            return (
              <tr key={u.id}>
                <td>
                  <RowForm id={`user-${u.id}`} fields={{ intent: "update-user", userId: u.id }} />
                  <input
                    form={`user-${u.id}`}
                    name="name"
                    aria-label={t("Name of {{email}}", { email: u.email })}
                    defaultValue={valueOf(reply, "name", u.name, rowIntent)}
                  />
                  <Errors reply={reply} name="name" intent={rowIntent} />
                  <Errors reply={reply} name="userId" intent={rowIntent} />
                </td>
                <td>{u.email}</td>
                <td>
                  <select
                    form={`user-${u.id}`}
                    name="role"
                    aria-label={t("Role of {{email}}", { email: u.email })}
                    defaultValue={valueOf(reply, "role", u.role, rowIntent)}
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {t(ROLE_LABELS[r])}
                      </option>
                    ))}
                  </select>
                  <Errors reply={reply} name="role" intent={rowIntent} />
                </td>
                <td>
                  <select
                    form={`user-${u.id}`}
                    name="teamId"
                    aria-label={t("Team of {{email}}", { email: u.email })}
                    defaultValue={valueOf(reply, "teamId", u.teamId, rowIntent)}
                  >
                    <option value="">—</option>
                    {teams
                      .filter((team) => !team.archived || team.id === u.teamId)
                      .map((team) => (
                        <option key={team.id} value={team.id}>
                          {team.archived ? t("{{name}} (archived)", { name: team.name }) : team.name}
                        </option>
                      ))}
                  </select>
                </td>
                <td>
                  <Errors reply={reply} name="teamId" intent={rowIntent} />
                </td>
                <td>
                  <input
                    form={`user-${u.id}`}
                    type="checkbox"
                    name="active"
                    aria-label={t("{{email}} is active", { email: u.email })}
                    defaultChecked={checkedOf(reply, "active", u.active, rowIntent)}
                  />
                  <Errors reply={reply} name="active" intent={rowIntent} />
                </td>
                <td>
                  <button form={`user-${u.id}`} type="submit" className="btn btn--secondary">
                    {t("Save")}
                  </button>
                </td>
              </tr>
            );
          })}
        </SimpleTable>
        {isErrorReply(reply) && reply.intent?.startsWith("update-user-") ? (
          <p className="form-error" role="alert">
            {Object.entries(reply.fieldErrors)
              .map(([k, m]) => t("{{field}} {{errors}}", { field: k, errors: m.join(", ") }))
              .join("; ")}
          </p>
        ) : null}

        <h3>{t("Add a user")}</h3>
        <Form method="post" className="form-grid" noValidate>
          <input type="hidden" name="intent" value="create-user" />
          {(
            [
              ["email", N_("Email"), "email"],
              ["name", N_("Name"), "text"],
              ["password", N_("Initial password (12+ characters)"), "password"],
            ] as const
          ).map(([name, label, type]) => (
            <div key={name}>
              <label htmlFor={`u-${name}`}>{t(label)}</label>
              <input
                id={`u-${name}`}
                name={name}
                type={type}
                autoComplete={type === "password" ? "new-password" : "off"}
                defaultValue={type === "password" ? undefined : v(name, "", "create-user")}
                aria-invalid={invalid(name, "create-user")}
                aria-describedby={invalid(name, "create-user") ? `create-user-${name}-error` : undefined}
              />
              <Errors reply={reply} name={name} intent="create-user" />
            </div>
          ))}
          <div>
            <label htmlFor="u-role">{t("Role")}</label>
            <select id="u-role" name="role" defaultValue={v("role", "viewer", "create-user")}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(ROLE_LABELS[r])}
                </option>
              ))}
            </select>
            <Errors reply={reply} name="role" intent="create-user" />
          </div>
          <div>
            <label htmlFor="u-team">{t("Team")}</label>
            <select id="u-team" name="teamId" defaultValue={v("teamId", "", "create-user")}>
              <option value="">—</option>
              {teams
                .filter((team) => !team.archived)
                .map((team) => (
                  <option key={team.id} value={team.id}>
                    {team.name}
                  </option>
                ))}
            </select>
            <Errors reply={reply} name="teamId" intent="create-user" />
            <p className="muted">
              {t("Required for a team lead.")} <Link to="/teams">{t("Teams are created on the Teams page.")}</Link>
            </p>
          </div>
          <SubmitButton busy={busy("create-user")} label={t("Add user")} busyLabel={t("Adding…")} />
        </Form>
      </section>
    </>
  );
}
