import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { assertPermission, requireUser } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { metricAttributes } from "~/components/metrics/kpi-tile";
import { StatusBadge } from "~/components/metrics/status-badge";
import { ClosingScore } from "~/components/okrs/objective-tree";
import { completionText } from "~/components/roadmap/roadmap-panel";
import { Badge } from "~/components/ui/badge";
import { Card } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { Field, replyField, SelectField, TextareaField } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { FormCard, PostForm } from "~/components/ui/post-form";
import { ProgressBar } from "~/components/ui/progress-bar";
import { ReplyMessage } from "~/components/ui/reply-message";
import { RowActionForm } from "~/components/ui/row-form";
import { useFormatting } from "~/hooks/root-data";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import { formatPercent } from "~/lib/format";
import { type FormReply, isErrorReply } from "~/lib/forms";
import { idField } from "~/lib/forms.server";
import { formatKrRange, formatKrValue, krInputValue } from "~/lib/kr-format";
import { metricOptionLabel } from "~/lib/metrics/catalogue";
import { expectedProgress, KR_KINDS, okrStatus, type KrKind } from "~/lib/metrics/okrs";
import { keyResultSchema, ObjectiveSchema } from "~/lib/schemas/okrs.server";
import { idSchema } from "~/lib/validation.server";
import { withMetricMark } from "~/models/metrics/marks.server";
import { linkableMetricOptions } from "~/models/metrics/options.server";
import { krLinkResolver, okrLinks } from "~/models/okr-links.server";
import {
  carryOverKeyResult,
  createKeyResult,
  getCycle,
  getKeyResult,
  getNextCycle,
  getObjective,
  listObjectiveKeyResults,
  listParentOptions,
  listPeople,
  setKeyResultArchived,
  setObjectiveArchived,
  updateKeyResult,
  updateObjective,
} from "~/models/okrs.server";
import { getObjectiveRoadmapProgress } from "~/models/roadmap.server";
import { listTeams } from "~/models/users.server";
import { getDb } from "~/utils/db.server";
import { invariantResponse, notFound } from "~/utils/http.server";
import { dispatchIntent, rowReplyTo, whenIntent } from "~/utils/intent-action.server";
import { pageRequest } from "~/utils/page-request.server";
import { dataRouteHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  back: N_("All OKRs"),
  krs: N_("Key results"),
  noKrs: N_("No key results yet"),
  noKrsBody: N_("Add two to five measurable key results: each has a start, a target and a weight."),
  who: N_("CEO and CTO for any objective; team leads for their team's."),
  archived: N_("This objective is archived: it no longer counts in progress figures."),
  closed: N_("The cycle is closed: this objective is read-only."),
  edit: N_("Edit objective"),
  addKr: N_("Add a key result"),
  carry: N_("Carry over to the next cycle"),
} as const;

const KIND_LABELS: Record<KrKind, string> = { number: N_("Number"), percent: N_("Percent (0–100)"), currency: N_("Money (€)"), boolean: N_("Done / not done") };

export const { handle, meta } = dataRouteHead<typeof loader>("okrs", (data, t) => `${data?.objective.title ?? t("Objective")} · ${t("OKRs")}`);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = idSchema.safeParse(params.objectiveId);
  if (!id.success) notFound(serverT("No such objective.", { ns: "okrs" }));
  const db = getDb();
  const now = Date.now();
  const links = okrLinks(db, now);
  const objective = getObjective(db, id.data, links.linked);
  if (!objective) notFound(serverT("No such objective.", { ns: "okrs" }));
  const cycle = getCycle(db, objective.cycleId)!;
  const expected = expectedProgress(cycle.startDate, cycle.endDate, now);
  const canEdit = can(user, "okrs:edit", { teamId: objective.teamId });
  const next = getNextCycle(db, cycle.id);
  return {
    objective,
    cycle,
    expected,
    status: objective.progress == null ? null : okrStatus(objective.progress, expected),
    keyResults: listObjectiveKeyResults(db, objective.id, now, links.linked).map((kr) => withMetricMark(kr, links.marks)),
    metricOptions: canEdit ? linkableMetricOptions(links.ctx, "key_result") : [],
    canEdit,
    editable: canEdit && cycle.status === "open" && objective.archivedAt == null,
    nextCycle: next ? { id: next.id, name: next.name } : null,
    teams: listTeams(db).filter((t) => can(user, "okrs:edit", { teamId: t.id })),
    canCompany: can(user, "okrs:edit", { teamId: null }),
    people: listPeople(db),
    parents: listParentOptions(db, cycle.id, objective.id),
    roadmap: Object.fromEntries(getObjectiveRoadmapProgress(db, objective.id)),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, db } = await pageRequest(request);
  const id = idSchema.safeParse(params.objectiveId);
  if (!id.success) notFound(serverT("No such objective.", { ns: "okrs" }));
  const links = okrLinks(db);
  const objective = getObjective(db, id.data, links.linked);
  if (!objective) notFound(serverT("No such objective.", { ns: "okrs" }));
  const KeyResultSchema = keyResultSchema(krLinkResolver(links.ctx));
  // every action here edits this objective or its KRs: the lead of another team gets a 403
  assertPermission(user, "okrs:edit", { teamId: objective.teamId });
  const formData = await request.formData();
  /** The key result the form names, of this objective (a 404 otherwise, before its form is parsed). */
  const keyResult = () => {
    const krId = idField(formData, "keyResultId");
    const kr = krId ? getKeyResult(db, krId) : null;
    invariantResponse(kr && kr.objectiveId === objective.id, serverT("No such key result in this objective.", { ns: "okrs" }), 404);
    return kr;
  };
  return dispatchIntent(formData, [
    whenIntent("update-objective", ObjectiveSchema, (data, { intent }) => {
      assertPermission(user, "okrs:edit", { teamId: data.teamId });
      updateObjective(db, user.id, objective.id, data);
      return { status: "ok", intent, message: serverT("Objective saved.", { ns: "okrs" }) } satisfies FormReply;
    }),
    whenIntent(["archive-objective", "restore-objective"], null, (_, { intent }) => {
      setObjectiveArchived(db, user.id, objective.id, intent === "archive-objective");
      return {
        status: "ok",
        intent,
        message: intent === "archive-objective" ? serverT("Objective archived.", { ns: "okrs" }) : serverT("Objective restored.", { ns: "okrs" }),
      } satisfies FormReply;
    }),
    whenIntent("create-kr", KeyResultSchema, (data, { intent }) => {
      createKeyResult(db, user.id, objective.id, data);
      return { status: "ok", intent, message: serverT("Key result added.", { ns: "okrs" }) } satisfies FormReply;
    }),
    whenIntent(
      "update-kr",
      KeyResultSchema,
      (data, { intent }) => {
        updateKeyResult(db, user.id, keyResult().id, data);
        return { status: "ok", intent, message: serverT("Key result saved.", { ns: "okrs" }) } satisfies FormReply;
      },
      { before: keyResult, replyTo: rowReplyTo("keyResultId") },
    ),
    whenIntent(["archive-kr", "restore-kr"], null, (_, { intent }) => {
      setKeyResultArchived(db, user.id, keyResult().id, intent === "archive-kr");
      return {
        status: "ok",
        intent,
        message: intent === "archive-kr" ? serverT("Key result archived.", { ns: "okrs" }) : serverT("Key result restored.", { ns: "okrs" }),
      } satisfies FormReply;
    }),
    whenIntent("carry-over", null, () => {
      const res = carryOverKeyResult(db, user.id, keyResult().id, { linked: links.linked });
      throw redirect(`/okrs/${res.objectiveId}`);
    }),
  ]);
}

type KrFormValues = {
  title: string;
  kind: KrKind;
  startValue: number;
  targetValue: number;
  unit: string | null;
  weight: number;
  ownerUserId: number | null;
  metricId: string | null;
};

function KrFields({
  reply,
  intent,
  kr,
  people,
  metricOptions,
}: {
  reply: unknown;
  intent: string;
  kr: KrFormValues | null;
  people: { id: number; name: string }[];
  metricOptions: { id: string; label: string }[];
}) {
  const kind = kr?.kind ?? "number";
  const { t } = useTranslation("okrs");
  return (
    <>
      <Field label={t("Title")} {...replyField(reply, "title", kr?.title ?? "", intent)} required />
      <SelectField
        label={t("Linked metric")}
        {...replyField(reply, "metricId", kr?.metricId ?? "", intent)}
        placeholder={t("None: the value comes from check-ins")}
        hint={t(
          "Linked: the value and its history are the metric's, computed from the data; the kind and unit follow the metric, check-ins record confidence and a note",
        )}
        options={metricOptions.map((m) => ({ value: m.id, label: metricOptionLabel(t, m) }))}
      />
      <SelectField label={t("Kind")} {...replyField(reply, "kind", kind, intent)} options={KR_KINDS.map((k) => ({ value: k, label: t(KIND_LABELS[k]) }))} />
      <Field
        label={t("Start value")}
        {...replyField(reply, "startValue", kr ? krInputValue(kr.kind, kr.startValue) : "0", intent)}
        inputMode="decimal"
        hint={t("Money in euros; percent 0–100; ignored for done / not done")}
      />
      <Field
        label={t("Target value")}
        {...replyField(reply, "targetValue", kr ? krInputValue(kr.kind, kr.targetValue) : "", intent)}
        inputMode="decimal"
        hint={t("Below the start for a decreasing key result")}
      />
      <Field label={t("Unit")} {...replyField(reply, "unit", kr?.unit ?? "", intent)} hint={t("e.g. customers, ms (number kind)")} />
      <Field label={t("Weight")} {...replyField(reply, "weight", kr?.weight ?? 1, intent)} inputMode="decimal" />
      <SelectField
        label={t("Owner")}
        {...replyField(reply, "ownerUserId", kr?.ownerUserId ?? "", intent)}
        placeholder={t("No owner")}
        options={people.map((p) => ({ value: String(p.id), label: p.name }))}
      />
    </>
  );
}

export default function ObjectivePage() {
  const { objective, cycle, expected, status, keyResults, canEdit, editable, nextCycle, teams, canCompany, people, parents, metricOptions, roadmap } =
    useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const formatting = useFormatting();
  const { t } = useTranslation("okrs");
  const busy = (intent: string) => navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  const closed = cycle.status === "closed";
  const teamOptions = [
    ...(canCompany || objective.teamId === null ? [{ value: "", label: t("Company-level") }] : []),
    ...teams.map((t) => ({ value: String(t.id), label: t.name })),
  ];
  return (
    <>
      <PageHeader
        eyebrow={
          <>
            <Link to={`/okrs?cycle=${cycle.id}`}>{t(TEXT.back)}</Link> · {cycle.name} · {objective.teamName ?? t("Company")}
          </>
        }
        title={objective.title}
        description={objective.description ?? undefined}
        actions={closed ? <ClosingScore score={objective.closingScore} locale={formatting.locale} /> : <StatusBadge status={status} />}
      >
        <div className="okr-objective-summary">
          <ProgressBar
            value={objective.progress}
            expected={closed ? null : expected}
            status={status ?? "neutral"}
            label={t("Progress of {{title}}", { title: objective.title })}
            locale={formatting.locale}
          />
          <span className="muted">
            {t("Owner: {{name}}", { name: objective.ownerName ?? t("none") })}
            {objective.parentId ? (
              <>
                {" "}
                · {t("Aligned under")} <Link to={`/okrs/${objective.parentId}`}>{objective.parentTitle}</Link>
              </>
            ) : null}
          </span>
        </div>
      </PageHeader>

      <ReplyMessage reply={reply} />
      {closed ? <p className="notice">{t(TEXT.closed)}</p> : null}
      {objective.archivedAt ? <p className="notice">{t(TEXT.archived)}</p> : null}

      <Card title={t(TEXT.krs)}>
        {keyResults.length === 0 ? (
          <EmptyState title={t(TEXT.noKrs)} whoMay={t(TEXT.who)}>
            <p>{t(TEXT.noKrsBody)}</p>
          </EmptyState>
        ) : (
          <ul className="okr-kr-list">
            {keyResults.map((kr) => {
              const krIntent = `update-kr-${kr.id}`;
              const done = (kr.progress ?? 0) >= 1;
              return (
                <li key={kr.id} className={kr.archivedAt ? "okr-kr-item okr-kr-item--archived" : "okr-kr-item"}>
                  <div className="okr-kr-item__head">
                    <Link to={`/okrs/kr/${kr.id}`} className="okr-kr-item__title">
                      {kr.title}
                    </Link>
                    {kr.archivedAt ? <Badge tone="neutral">{t("archived")}</Badge> : closed ? null : <StatusBadge status={kr.status} />}
                    {kr.carriedFromId ? (
                      <Link to={`/okrs/kr/${kr.carriedFromId}`} className="muted">
                        {t("carried over")}
                      </Link>
                    ) : null}
                  </div>
                  <p className="okr-kr-item__meta muted">
                    <span {...metricAttributes(kr.metric ?? undefined)}>
                      {kr.currentValue === null ? t("no data") : formatKrValue(kr.kind, kr.currentValue, kr.unit, formatting, (x) => t(x))}
                    </span>{" "}
                    · {formatKrRange(kr, formatting, (x) => t(x))} · {t("weight {{weight}}", { weight: kr.weight })} ·{" "}
                    {kr.metricId ? (
                      <>
                        {t("linked to")} <code>{kr.metricId}</code> ·{" "}
                      </>
                    ) : null}
                    {kr.ownerName ?? t("no owner")} · {t("{{count}} check-ins", { count: kr.checkIns })}
                    {kr.finalProgress != null ? ` · ${t("final {{percent}}", { percent: formatPercent(kr.finalProgress, 0, formatting.locale) })}` : null}
                  </p>
                  <ProgressBar
                    value={kr.progress}
                    expected={closed ? null : expected}
                    status={kr.archivedAt ? "neutral" : (kr.status ?? "neutral")}
                    label={t("Progress of {{title}}", { title: kr.title })}
                    locale={formatting.locale}
                  />
                  {canEdit ? (
                    <div className="okr-kr-item__actions">
                      {editable && !kr.archivedAt ? (
                        <details className="okr-inline-edit" open={isErrorReply(reply, krIntent) || undefined}>
                          <summary className="btn btn--secondary btn--sm">{t("Edit")}</summary>
                          <PostForm
                            hidden={{ intent: "update-kr", keyResultId: kr.id }}
                            submit={{ label: t("Save key result"), pending: busy("update-kr"), pendingLabel: t("Saving…") }}
                          >
                            <KrFields reply={reply} intent={krIntent} kr={kr} people={people} metricOptions={metricOptions} />
                          </PostForm>
                        </details>
                      ) : null}
                      {editable ? (
                        <RowActionForm
                          fields={{ intent: kr.archivedAt ? "restore-kr" : "archive-kr", keyResultId: kr.id }}
                          variant="ghost"
                          size="sm"
                          label={kr.archivedAt ? t("Restore") : t("Archive")}
                        />
                      ) : null}
                      {!kr.archivedAt && !done && nextCycle ? (
                        <RowActionForm
                          fields={{ intent: "carry-over", keyResultId: kr.id }}
                          size="sm"
                          pending={busy("carry-over")}
                          pendingLabel={t("Carrying over…")}
                          title={t("Copies this key result into {{next}}, starting from its current value.", { next: nextCycle.name })}
                          label={t("Carry over to {{next}}", { next: nextCycle.name })}
                        />
                      ) : null}
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </Card>

      {editable ? (
        <FormCard
          title={t(TEXT.addKr)}
          className="okr-form-card"
          hidden={{ intent: "create-kr" }}
          submit={{ label: t("Add key result"), pending: busy("create-kr"), pendingLabel: t("Adding…") }}
        >
          <KrFields reply={reply} intent="create-kr" kr={null} people={people} metricOptions={metricOptions} />
        </FormCard>
      ) : null}

      {editable ? (
        <FormCard
          title={t(TEXT.edit)}
          className="okr-form-card"
          hidden={{ intent: "update-objective" }}
          submit={{ label: t("Save objective"), pending: busy("update-objective"), pendingLabel: t("Saving…") }}
        >
          <Field label={t("Title")} {...replyField(reply, "title", objective.title, "update-objective")} required />
          <SelectField label={t("Team")} {...replyField(reply, "teamId", objective.teamId ?? "", "update-objective")} options={teamOptions} />
          <SelectField
            label={t("Owner")}
            {...replyField(reply, "ownerUserId", objective.ownerUserId ?? "", "update-objective")}
            placeholder={t("No owner")}
            options={people.map((p) => ({ value: String(p.id), label: p.name }))}
          />
          <SelectField
            label={t("Aligned under")}
            {...replyField(reply, "parentId", objective.parentId ?? "", "update-objective")}
            placeholder={t("Nothing (top level)")}
            options={parents.map((p) => ({ value: String(p.id), label: `${p.title} (${p.teamName ?? t("Company")})` }))}
          />
          <TextareaField label={t("Description")} {...replyField(reply, "description", objective.description ?? "", "update-objective")} rows={2} />
        </FormCard>
      ) : null}

      {canEdit && !closed ? (
        <RowActionForm
          fields={{ intent: objective.archivedAt ? "restore-objective" : "archive-objective" }}
          variant={objective.archivedAt ? "secondary" : "danger"}
          className="okr-archive-form"
          label={objective.archivedAt ? t("Restore objective") : t("Archive objective")}
        />
      ) : null}
      {Object.keys(roadmap).length ? (
        <section className="panel" aria-labelledby="objective-roadmap" data-testid="objective-roadmap">
          <h2 id="objective-roadmap">{t("Roadmap items behind its key results")}</h2>
          <ul className="plain-list">
            {keyResults
              .filter((k) => roadmap[k.id])
              .map((k) => (
                <li key={k.id}>
                  <Link to={`/okrs/kr/${k.id}`}>{k.title}</Link>: {completionText(roadmap[k.id], formatting.locale)}
                </li>
              ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
