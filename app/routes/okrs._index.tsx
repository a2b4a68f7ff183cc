import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { assertPermission } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { CyclePicker } from "~/components/okrs/cycle-picker";
import { ObjectiveTree, type TreeKr, type TreeNode } from "~/components/okrs/objective-tree";
import { Button, ButtonLink } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { Field, replyField, SelectField, TextareaField } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { Pager } from "~/components/ui/pager";
import { FormCard } from "~/components/ui/post-form";
import { ReplyMessage } from "~/components/ui/reply-message";
import { RowActionForm } from "~/components/ui/row-form";
import { okrPageStart } from "~/handlers/okr-pages.server";
import { useRootData } from "~/hooks/root-data";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import { formatPercent } from "~/lib/format";
import { type FormReply } from "~/lib/forms";
import { badRequest, fieldError, idField, parseForm } from "~/lib/forms.server";
import { expectedProgress } from "~/lib/metrics/okrs";
import { CycleSchema, ObjectiveSchema } from "~/lib/schemas/okrs.server";
import { tablePaging } from "~/lib/table-params";
import { markTree, okrLinks, type MarkedNode } from "~/models/okr-links.server";
import { closeCycle, createCycle, createObjective, cycleNameTaken, getCycle, getOkrTreePage, listParentOptions, listPeople } from "~/models/okrs.server";
import { listTeams } from "~/models/users.server";
import { dispatchIntent, whenIntent } from "~/utils/intent-action.server";
import { pageRequest } from "~/utils/page-request.server";
import { routeHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  title: N_("OKRs"),
  description: N_("Company objectives and the team objectives aligned under them, with progress and pace for the cycle."),
  mine: N_("My key results"),
  noCycle: N_("No OKR cycle yet"),
  noCycleBody: N_("Create the first cycle (a quarter with its start and end dates) below."),
  cycleWho: N_("CEO and CTO."),
  noObjectives: N_("No objectives in this cycle"),
  noObjectivesBody: N_("Add the company objectives first, then the team objectives aligned under them."),
  objectiveWho: N_("CEO and CTO for any objective; team leads for their team's."),
  newObjective: N_("New objective"),
  newCycle: N_("New cycle"),
  closeCycle: N_("Close this cycle"),
  closeHint: N_("Freezes every objective's closing score and every key result's progress; the cycle becomes read-only. This cannot be undone."),
  closed: N_("Closed: scores are frozen and the cycle is read-only."),
} as const;

export const { handle, meta } = routeHead("okrs", TEXT.title);

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, db, now, cycle, cycles, params } = await okrPageStart(request, "tree");
  const teams = listTeams(db);
  const links = okrLinks(db, now);
  // a page of top-level objectives, each with its whole subtree; counts over the cycle in SQL
  const page = cycle ? getOkrTreePage(db, cycle.id, now, links.linked, tablePaging(params)) : null;
  return {
    cycle,
    cycles,
    expected: cycle ? expectedProgress(cycle.startDate, cycle.endDate, now) : 0,
    tree: page ? treeView(markTree(page.roots, links.marks)) : [],
    paging: { params, total: page?.total ?? 0, objectives: page?.objectives ?? 0 },
    teams: teams.filter((t) => can(user, "okrs:edit", { teamId: t.id })),
    canCompany: can(user, "okrs:edit", { teamId: null }),
    canCreate: can(user, "okrs:edit"),
    people: listPeople(db),
    parents: cycle ? listParentOptions(db, cycle.id) : [],
  };
}

/**
 * The tree as the OKR page draws it (the ObjectiveTree's TreeNode / TreeKr fields, marks included):
 * the loader data carries only what the page shows, not every column of each objective and key result.
 */
function treeView(nodes: readonly MarkedNode[]): TreeNode[] {
  return nodes.map((n) => ({
    id: n.id,
    title: n.title,
    teamName: n.teamName,
    ownerName: n.ownerName,
    progress: n.progress,
    expected: n.expected,
    status: n.status,
    keyResults: n.keyResults.map((kr): TreeKr => ({
      id: kr.id,
      title: kr.title,
      kind: kr.kind,
      startValue: kr.startValue,
      targetValue: kr.targetValue,
      currentValue: kr.currentValue,
      unit: kr.unit,
      weight: kr.weight,
      ownerName: kr.ownerName,
      progress: kr.progress,
      status: kr.status,
      metric: kr.metric,
      lastConfidence: kr.lastConfidence,
      carriedFromId: kr.carriedFromId,
    })),
    children: treeView(n.children),
  }));
}

export async function action({ request }: ActionFunctionArgs) {
  // 403 before anything is parsed for those who edit no OKR at all (viewers); per-team checks below
  const { user, db } = await pageRequest(request, "okrs:edit");
  const formData = await request.formData();
  const companyWide = () => assertPermission(user, "okrs:edit", { teamId: null });
  return dispatchIntent(formData, [
    whenIntent(
      "create-cycle",
      CycleSchema,
      ({ intent: _i, ...input }) => {
        if (cycleNameTaken(db, input.name)) return fieldError(formData, "name", serverT("is already used by another cycle", { ns: "okrs" }), "create-cycle");
        const cycle = createCycle(db, user.id, input);
        throw redirect(`/okrs?cycle=${cycle.id}`);
      },
      { before: companyWide },
    ),
    whenIntent(
      "close-cycle",
      null,
      () => {
        const id = idField(formData, "cycleId");
        if (id === null || !getCycle(db, id)) return fieldError(formData, "cycleId", serverT("is not a cycle", { ns: "okrs" }), "close-cycle");
        const now = Date.now();
        closeCycle(db, user.id, id, now, okrLinks(db, now).linked);
        return { status: "ok", intent: "close-cycle", message: serverT("Cycle closed: scores are frozen.", { ns: "okrs" }) } satisfies FormReply;
      },
      { before: companyWide },
    ),
    // the cycle is read before the form is parsed (an unknown cycle is the only error shown then)
    whenIntent("create-objective", null, () => {
      const cycleId = idField(formData, "cycleId");
      if (cycleId === null) return fieldError(formData, "cycleId", serverT("is not a cycle", { ns: "okrs" }), "create-objective");
      const parsed = parseForm(formData, ObjectiveSchema.extend({}), "create-objective");
      if (!parsed.ok) return badRequest(parsed.reply);
      assertPermission(user, "okrs:edit", { teamId: parsed.data.teamId });
      const id = createObjective(db, user.id, cycleId, parsed.data);
      throw redirect(`/okrs/${id}`);
    }),
  ]);
}

export default function OkrsIndex() {
  const { cycle, cycles, expected, tree, paging, teams, canCompany, canCreate, people, parents } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const { formatting, user } = useRootData();
  const { t } = useTranslation("okrs");
  const busy = (intent: string) => navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  const closed = cycle?.status === "closed";
  const teamOptions = [...(canCompany ? [{ value: "", label: t("Company-level") }] : []), ...teams.map((t) => ({ value: String(t.id), label: t.name }))];
  return (
    <>
      <PageHeader
        title={t(TEXT.title)}
        description={t(TEXT.description)}
        actions={
          <ButtonLink to={cycle ? `/okrs/mine?cycle=${cycle.id}` : "/okrs/mine"} variant="primary">
            {t(TEXT.mine)}
          </ButtonLink>
        }
      >
        {cycles.length > 0 ? <CyclePicker cycles={cycles} currentId={cycle?.id ?? null} /> : null}
      </PageHeader>

      <ReplyMessage reply={reply} />

      {!cycle ? (
        <EmptyState title={t(TEXT.noCycle)} whoMay={t(TEXT.cycleWho)}>
          <p>{t(TEXT.noCycleBody)}</p>
        </EmptyState>
      ) : (
        <>
          <p className="okr-cycle-line">
            <strong>{cycle.name}</strong> · {cycle.startDate} – {cycle.endDate} ·{" "}
            {closed ? t(TEXT.closed) : t("Elapsed {{percent}}", { percent: formatPercent(expected, 0, formatting.locale) })}
          </p>
          {paging.total === 0 ? (
            <EmptyState title={t(TEXT.noObjectives)} whoMay={t(TEXT.objectiveWho)}>
              <p>{t(TEXT.noObjectivesBody)}</p>
            </EmptyState>
          ) : (
            <>
              {tree.length > 0 ? <ObjectiveTree roots={tree} formatting={formatting} closed={closed} /> : null}
              <Pager
                params={paging.params}
                total={paging.total}
                shown={tree.length}
                label={t("Objectives, {{cycle}}", { cycle: cycle.name })}
                range={(first, last, total) =>
                  t("Showing {{first}}–{{last}} of {{total}} top-level objectives ({{objectives}} objectives in all)", {
                    first,
                    last,
                    total,
                    objectives: paging.objectives,
                  })
                }
              />
            </>
          )}
        </>
      )}

      {cycle && !closed && canCreate && teamOptions.length > 0 ? (
        <FormCard
          title={t(TEXT.newObjective)}
          className="okr-form-card"
          hidden={{ intent: "create-objective", cycleId: cycle.id }}
          submit={{ label: t("Create objective"), pending: busy("create-objective"), pendingLabel: t("Creating…") }}
        >
          <Field label={t("Title")} {...replyField(reply, "title", "", "create-objective")} required />
          <SelectField
            label={t("Team")}
            {...replyField(reply, "teamId", canCompany ? "" : String(user?.teamId ?? ""), "create-objective")}
            options={teamOptions}
          />
          <SelectField
            label={t("Owner")}
            {...replyField(reply, "ownerUserId", user?.id ?? "", "create-objective")}
            placeholder={t("No owner")}
            options={people.map((p) => ({ value: String(p.id), label: p.name }))}
          />
          <SelectField
            label={t("Aligned under")}
            {...replyField(reply, "parentId", "", "create-objective")}
            placeholder={t("Nothing (top level)")}
            options={parents.map((p) => ({ value: String(p.id), label: `${p.title} (${p.teamName ?? t("Company")})` }))}
          />
          <TextareaField label={t("Description")} {...replyField(reply, "description", "", "create-objective")} rows={2} />
        </FormCard>
      ) : null}

      {canCompany ? (
        <div className="okr-admin">
          {cycle && !closed ? (
            <Card title={t(TEXT.closeCycle)} description={t(TEXT.closeHint)} className="okr-form-card">
              <RowActionForm
                fields={{ intent: "close-cycle", cycleId: cycle.id }}
                variant="danger"
                pending={busy("close-cycle")}
                pendingLabel={t("Closing…")}
                label={t("Close {{name}}", { name: cycle.name })}
              />
            </Card>
          ) : null}
          <Card title={t(TEXT.newCycle)} className="okr-form-card">
            <Form method="post" className="form-grid" noValidate>
              <input type="hidden" name="intent" value="create-cycle" />
              <Field label={t("Name")} {...replyField(reply, "name", "", "create-cycle")} required hint={t("e.g. 2026-Q1")} />
              <Field label={t("Start date")} {...replyField(reply, "startDate", "", "create-cycle")} type="date" required />
              <Field label={t("End date (inclusive)")} {...replyField(reply, "endDate", "", "create-cycle")} type="date" required />
              <div>
                <Button type="submit" pending={busy("create-cycle")} pendingLabel={t("Creating…")}>
                  {t("Create cycle")}
                </Button>
              </div>
            </Form>
          </Card>
        </div>
      ) : null}
    </>
  );
}
