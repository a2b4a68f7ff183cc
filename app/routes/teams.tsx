import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { assertPermission } from "~/auth/guards.server";
import { can, ROLE_LABELS } from "~/auth/permissions";
import { Card } from "~/components/ui/card";
import { Field, replyField, SelectField } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { FormCard, PostForm } from "~/components/ui/post-form";
import { ReplyMessage } from "~/components/ui/reply-message";
import { CellSelect, RowActionForm, RowEditActions, RowName, rowField, updateRow } from "~/components/ui/row-form";
import { emptyListText, TableOrEmpty } from "~/components/ui/simple-table";
import { useOptionalUser } from "~/hooks/root-data";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import { type FormReply } from "~/lib/forms";
import { fieldError } from "~/lib/forms.server";
import { TeamsParamsSchema, teamFormSchemas } from "~/lib/schemas/teams.server";
import { parseSearchParams } from "~/lib/url-params.server";
import { todayUtc } from "~/models/risks.server";
import {
  createTeam,
  getTeamMembers,
  getTeamRow,
  listLeadCandidates,
  listTeamsWithCounts,
  setTeamArchived,
  setTeamLead,
  teamNameTaken,
  updateTeam,
} from "~/models/teams.server";
import { dispatchIntent, whenIntent, rowReplyTo } from "~/utils/intent-action.server";
import { pageRequest } from "~/utils/page-request.server";
import { routeHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  title: N_("Teams"),
  description: N_(
    "The teams people, services, objectives and requisitions belong to. A tech team is the CTO's: the CTO edits its hiring plan and sees its requisitions' salaries.",
  ),
  emptyTitle: N_("No team yet"),
  emptyBody: N_("Create the first team below: a lead, a requisition, a service or a team objective needs one."),
  whoMay: N_("CEO (any team), CTO (tech teams)"),
};

export const { handle, meta } = routeHead("auth", N_("Teams", "auth"));

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, db } = await pageRequest(request);
  const today = todayUtc();
  const { data: params } = parseSearchParams(new URL(request.url), TeamsParamsSchema);
  const teams = listTeamsWithCounts(db, today);
  const open = params.team !== undefined && teams.some((t) => t.id === params.team) ? params.team : null;
  return {
    teams,
    open,
    members: open === null ? null : getTeamMembers(db, open, today),
    candidates: can(user, "users:manage") ? listLeadCandidates(db) : [],
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, db } = await pageRequest(request, "teams:manage");
  const formData = await request.formData();
  const s = teamFormSchemas();
  return dispatchIntent(formData, [
    whenIntent("create", s.create, ({ name, kind }) => {
      const isTech = kind === "tech";
      if (!can(user, "teams:manage", { teamIsTech: isTech }))
        return fieldError(formData, "kind", serverT("a CTO creates tech teams only", { ns: "auth" }), "create");
      if (teamNameTaken(db, name)) return fieldError(formData, "name", serverT("is already the name of a team", { ns: "auth" }), "create");
      createTeam(db, user, { name, isTech });
      return { status: "ok", intent: "create", message: serverT("Team {{name}} created.", { ns: "auth", name }) } satisfies FormReply;
    }),
    whenIntent(
      "update",
      s.update,
      ({ teamId, name, kind }, { replyTo }) => {
        const team = getTeamRow(db, teamId);
        if (!team) return fieldError(formData, "teamId", N_("no such team", "auth"), replyTo);
        assertPermission(user, "teams:manage", { teamIsTech: team.isTech });
        if (!can(user, "teams:manage", { teamIsTech: kind === "tech" }))
          return fieldError(formData, "kind", serverT("a CTO manages tech teams only", { ns: "auth" }), replyTo);
        if (teamNameTaken(db, name, teamId)) return fieldError(formData, "name", serverT("is already the name of another team", { ns: "auth" }), replyTo);
        updateTeam(db, user, teamId, { name, isTech: kind === "tech" });
        return { status: "ok", intent: replyTo, message: serverT("Team {{name}} saved.", { ns: "auth", name }) } satisfies FormReply;
      },
      { replyTo: rowReplyTo("teamId") },
    ),
    whenIntent(["archive", "restore"], s.archive, ({ teamId }, { intent }) => {
      const team = getTeamRow(db, teamId);
      if (!team) return fieldError(formData, "teamId", N_("no such team", "auth"), intent);
      assertPermission(user, "teams:manage", { teamIsTech: team.isTech });
      setTeamArchived(db, user, team.id, intent === "archive");
      return {
        status: "ok",
        intent,
        message:
          intent === "archive"
            ? serverT("Team {{name}} archived.", { ns: "auth", name: team.name })
            : serverT("Team {{name}} restored.", { ns: "auth", name: team.name }),
      } satisfies FormReply;
    }),
    whenIntent(
      ["set-lead", "unset-lead"],
      s.lead,
      ({ teamId, userId }, { intent }) => {
        const team = getTeamRow(db, teamId);
        if (!team) return fieldError(formData, "teamId", N_("no such team", "auth"), "lead");
        if (intent === "set-lead" && team.archivedAt !== null) return fieldError(formData, "userId", serverT("the team is archived", { ns: "auth" }), "lead");
        const result = setTeamLead(db, user, team.id, userId, intent === "set-lead");
        if (result === "no-user") return fieldError(formData, "userId", N_("no such user", "auth"), "lead");
        if (result === "not-eligible") {
          return fieldError(
            formData,
            "userId",
            intent === "set-lead"
              ? serverT("a CEO or CTO account cannot be made a lead", { ns: "auth" })
              : serverT("is not a lead of this team", { ns: "auth" }),
            "lead",
          );
        }
        return {
          status: "ok",
          intent: "lead",
          message:
            intent === "set-lead"
              ? serverT("Lead set for {{name}}.", { ns: "auth", name: team.name })
              : serverT("Lead removed from {{name}}.", { ns: "auth", name: team.name }),
        } satisfies FormReply;
      },
      // a lead is a user's role: the CEO's, like every other change to a user
      { replyTo: "lead", before: () => assertPermission(user, "users:manage") },
    ),
  ]);
}

const KIND_OPTIONS = [
  { value: "tech", label: N_("Tech (the CTO's)") },
  { value: "non-tech", label: N_("Non-tech") },
];

/** One list of the open team's members: its heading, then its items, or the `empty` paragraph when it has none. */
function MemberList<Item extends { id: number }>({
  title,
  items,
  empty,
  item,
}: {
  title: string;
  items: readonly Item[];
  empty: ReactNode;
  item: (row: Item) => ReactNode;
}) {
  return (
    <>
      <h3>{title}</h3>
      {items.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul>
          {items.map((row) => (
            <li key={row.id}>{item(row)}</li>
          ))}
        </ul>
      )}
    </>
  );
}

export default function Teams() {
  const { teams, open, members, candidates } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const user = useOptionalUser();
  const mayManage = (isTech?: boolean) => can(user, "teams:manage", isTech === undefined ? undefined : { teamIsTech: isTech });
  const mayLead = can(user, "users:manage");
  const busy = (intent: string) => navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  const openTeam = teams.find((team) => team.id === open) ?? null;
  const { t } = useTranslation("auth");
  return (
    <>
      <PageHeader title={t(TEXT.title)} description={t(TEXT.description)} />
      <ReplyMessage reply={reply} />
      <Card>
        <TableOrEmpty
          count={teams.length}
          empty={emptyListText(t, TEXT)}
          caption={t("Teams")}
          columns={[
            t("Team"),
            t("Kind"),
            t("Lead(s)"),
            { label: t("Users"), num: true },
            { label: t("Employees"), num: true },
            { label: t("Services"), num: true },
          ]}
          actionsLabel={t("Actions")}
        >
          {teams.map((team) => {
            const row = updateRow(reply, "team", "teamId", team.id);
            const editable = mayManage(team.isTech) && team.archivedAt === null;
            return (
              <tr key={team.id} data-team={team.name}>
                <th scope="row">
                  <RowName
                    name={team.name}
                    archived={team.archivedAt ? t("archived") : null}
                    edit={editable ? { row, label: t("Name of {{name}}", { name: team.name }), maxLength: 80 } : null}
                  />
                  <div className="dl-row-links">
                    <Link to={`/teams?team=${team.id}#members`}>{t("members")}</Link>
                  </div>
                </th>
                <td>
                  {editable ? (
                    <CellSelect
                      {...rowField(row, "kind", team.isTech ? "tech" : "non-tech")}
                      label={t("Kind of {{name}}", { name: team.name })}
                      options={KIND_OPTIONS.filter((k) => mayManage(k.value === "tech")).map((k) => ({ value: k.value, label: t(k.label) }))}
                    />
                  ) : team.isTech ? (
                    t("Tech")
                  ) : (
                    t("Non-tech")
                  )}
                </td>
                <td>{team.leads.length ? team.leads.map((l) => l.name).join(", ") : <span className="dl-muted">{t("none")}</span>}</td>
                <td className="dl-num">{team.users}</td>
                <td className="dl-num">{team.employees}</td>
                <td className="dl-num">{team.services}</td>
                <td>
                  <RowEditActions
                    form={editable ? row.form : undefined}
                    rowName={team.name}
                    savePending={busy("update") && navigation.formData?.get("teamId") === String(team.id)}
                    archive={mayManage(team.isTech) ? { teamId: team.id } : undefined}
                    archived={!!team.archivedAt}
                  />
                </td>
              </tr>
            );
          })}
        </TableOrEmpty>
      </Card>

      {openTeam && members ? (
        <Card title={t("Members of {{name}}", { name: openTeam.name })} id="members">
          <MemberList
            title={t("People with an account")}
            items={members.users}
            empty={
              mayLead ? t("No user belongs to this team yet — set a lead below, or give a user this team on Settings.") : t("No user belongs to this team yet.")
            }
            item={(u) => (
              <>
                {u.name} ({u.email}) — {u.role in ROLE_LABELS ? t(ROLE_LABELS[u.role as keyof typeof ROLE_LABELS]) : u.role}
                {u.active ? "" : t(", inactive")}
                {mayLead && u.role === "lead" ? (
                  <RowActionForm
                    fields={{ intent: "unset-lead", teamId: openTeam.id, userId: u.id }}
                    className="inline-form"
                    size="sm"
                    variant="ghost"
                    label={t("Remove as lead")}
                    rowName={u.name}
                  />
                ) : null}
              </>
            )}
          />
          {mayLead && openTeam.archivedAt === null ? (
            <PostForm
              hidden={{ intent: "set-lead", teamId: openTeam.id }}
              submit={{ label: t("Set lead"), pending: busy("set-lead"), pendingLabel: t("Saving…") }}
            >
              <SelectField
                label={t("Make lead of this team")}
                {...replyField(reply, "userId", "", "lead")}
                placeholder={t("Choose a user")}
                hint={t("Leads and viewers; a lead moves to this team. New people: Settings → Add a user, or npm run user:create.")}
                options={candidates.map((c) => ({ value: String(c.id), label: `${c.name} (${c.email})` }))}
              />
            </PostForm>
          ) : null}
          <MemberList
            title={t("Employees")}
            items={members.employees}
            empty={
              <>
                {t("No current employee in this team.")} <Link to="/hiring/employees">{t("Employees")}</Link>
              </>
            }
            item={(e) => (
              <>
                {e.name} — {e.title}
              </>
            )}
          />
          <MemberList
            title={t("Services owned")}
            items={members.services}
            empty={
              <>
                {t("None.")} <Link to="/delivery/services">{t("A service's owning team is set on Services.")}</Link>
              </>
            }
            item={(s) => s.name}
          />
        </Card>
      ) : null}

      {mayManage() ? (
        <FormCard
          title={t("Create a team")}
          hidden={{ intent: "create" }}
          submit={{ label: t("Create team"), pending: busy("create"), pendingLabel: t("Creating…") }}
        >
          <Field label={t("Name")} {...replyField(reply, "name", "", "create")} required maxLength={80} />
          <SelectField
            label={t("Kind")}
            {...replyField(reply, "kind", "tech", "create")}
            required
            options={KIND_OPTIONS.filter((k) => mayManage(k.value === "tech")).map((k) => ({ ...k, label: t(k.label) }))}
          />
        </FormCard>
      ) : null}
    </>
  );
}
