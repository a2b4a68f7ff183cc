import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { assertPermission } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { ROADMAP_STATUS_LABELS, ROADMAP_STATUS_TONE } from "~/components/roadmap/labels";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { Field, SelectField } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { ReplyMessage } from "~/components/ui/reply-message";
import { EditLink, RowActionForm } from "~/components/ui/row-form";
import { SimpleTable } from "~/components/ui/simple-table";
import { useRootData } from "~/hooks/root-data";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import { fieldErrorsOf, isErrorReply, valueOf, type FormReply } from "~/lib/forms";
import { fieldError } from "~/lib/forms.server";
import { roadmapDeleteSchema, roadmapFilterSchema, roadmapItemSchema, roadmapStatusSchema } from "~/lib/schemas/roadmap.server";
import { parseSearchParams } from "~/lib/url-params.server";
import {
  createRoadmapItem,
  deleteRoadmapItem,
  getRoadmapItem,
  keyResultsExist,
  listKeyResultOptions,
  listRoadmapItems,
  listRoadmapQuarters,
  roadmapKeyTaken,
  ROADMAP_CSV_HEADERS,
  setRoadmapStatus,
  updateRoadmapItem,
  type RoadmapInput,
} from "~/models/roadmap.server";
import { listTeamOptions, teamChoiceProblem } from "~/models/teams.server";
import { schema } from "~/utils/db.server";
import { dispatchIntent, whenIntent, rowReplyTo } from "~/utils/intent-action.server";
import { pageRequest } from "~/utils/page-request.server";
import { routeHead } from "~/utils/route-head";
import { ROADMAP_STATUSES } from "../../db/schema/enums";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  title: N_("Roadmap"),
  description: N_("Each squad's items per quarter, their status and the key results they serve. A lead keeps their squad's items; the CEO and CTO any."),
  emptyTitle: N_("No roadmap item yet"),
  emptyBody: N_("Add the first item below (a key like CORE-01, a title, the squad and the quarter), or import a CSV."),
  whoMay: N_("The CEO and CTO (any squad), a team lead (their squad)."),
} as const;

const STATUS_LABELS = ROADMAP_STATUS_LABELS;
const STATUS_TONE = ROADMAP_STATUS_TONE;

export const { handle, meta } = routeHead("plans", N_("Roadmap", "plans"));

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, db } = await pageRequest(request);
  const { data: f } = parseSearchParams(new URL(request.url), roadmapFilterSchema);
  const items = listRoadmapItems(db, { teamId: f.team, quarter: f.quarter });
  const editing = f.edit !== undefined ? getRoadmapItem(db, f.edit) : null;
  const mayEdit = can(user, "roadmap:edit");
  return {
    items,
    filter: { team: f.team ?? null, quarter: f.quarter ?? null, view: f.view ?? "board" },
    quarters: listRoadmapQuarters(db),
    teams: listTeamOptions(db),
    editing: editing && can(user, "roadmap:edit", { teamId: editing.teamId }) ? editing : null,
    keyResults: mayEdit ? listKeyResultOptions(db) : [],
    owners: mayEdit ? db.select({ id: schema.users.id, name: schema.users.name }).from(schema.users).all() : [],
    csvColumns: ROADMAP_CSV_HEADERS.join(","),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, db } = await pageRequest(request, "roadmap:edit");
  const formData = await request.formData();
  /** the item a form names, once the user may edit it (a lead: their own squad's) */
  const editableItem = (itemId: number) => {
    const item = getRoadmapItem(db, itemId);
    if (item) assertPermission(user, "roadmap:edit", { teamId: item.teamId });
    return item;
  };
  return dispatchIntent(formData, [
    whenIntent(
      ["create", "update"],
      roadmapItemSchema,
      ({ itemId, keyResultIds, ...fields }, { intent }) => {
        const input: RoadmapInput = { ...fields, sprint: fields.sprint ?? null, ownerUserId: fields.ownerUserId ?? null, keyResultIds };
        const existing = intent === "update" ? (itemId === undefined ? null : editableItem(itemId)) : null;
        if (intent === "update" && !existing) return fieldError(formData, "itemId", N_("no such item", "validation"), "item");
        const teamProblem = teamChoiceProblem(db, input.teamId, existing?.teamId);
        if (teamProblem) return fieldError(formData, "teamId", teamProblem, "item");
        if (!can(user, "roadmap:edit", { teamId: input.teamId }))
          return fieldError(formData, "teamId", N_("a lead keeps their own squad's items only", "validation"), "item");
        if (roadmapKeyTaken(db, input.key, existing?.id)) return fieldError(formData, "key", N_("is already the key of another item", "validation"), "item");
        if (
          input.ownerUserId !== null &&
          !db
            .select({ id: schema.users.id })
            .from(schema.users)
            .all()
            .some((u) => u.id === input.ownerUserId)
        )
          return fieldError(formData, "ownerUserId", N_("is not a known user", "validation"), "item");
        if (!keyResultsExist(db, keyResultIds)) return fieldError(formData, "keyResultIds", N_("names a key result that does not exist", "validation"), "item");
        if (existing) updateRoadmapItem(db, user, existing.id, input);
        else createRoadmapItem(db, user, input);
        return { status: "ok", intent: "item", message: serverT("{{key}} saved.", { ns: "plans", key: input.key }) } satisfies FormReply;
      },
      { replyTo: "item" },
    ),
    whenIntent(
      "status",
      roadmapStatusSchema,
      ({ itemId, status }, { replyTo }) => {
        const item = editableItem(itemId);
        if (!item) return fieldError(formData, "itemId", N_("no such item", "validation"), replyTo);
        setRoadmapStatus(db, user, item.id, status);
        return {
          status: "ok",
          intent: replyTo,
          message: serverT("{{key}}: {{status}}.", { ns: "plans", key: item.key, status: serverT(STATUS_LABELS[status], { ns: "plans" }) }),
        } satisfies FormReply;
      },
      { replyTo: rowReplyTo("itemId") },
    ),
    whenIntent("delete", roadmapDeleteSchema, ({ itemId }) => {
      const item = editableItem(itemId);
      if (!item) return fieldError(formData, "itemId", N_("no such item", "validation"), "delete");
      deleteRoadmapItem(db, user, item.id);
      return { status: "ok", intent: "delete", message: serverT("{{key}} deleted.", { ns: "plans", key: item.key }) } satisfies FormReply;
    }),
  ]);
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Item = Data["items"][number];

function StatusForm({ item, reply }: { item: Item; reply: unknown }) {
  const { t } = useTranslation("plans");
  const rowIntent = `status-${item.id}`;
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value="status" />
      <input type="hidden" name="itemId" value={item.id} />
      <select
        name="status"
        aria-label={t("Status of {{key}}", { key: item.key })}
        defaultValue={valueOf(reply, "status", item.status, rowIntent)}
        className="dl-cell-input"
      >
        {ROADMAP_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(STATUS_LABELS[s])}
          </option>
        ))}
      </select>
      <Button size="sm">
        {t("Move")}
        <span className="visually-hidden"> {item.key}</span>
      </Button>
      {fieldErrorsOf(reply, "status", rowIntent) ? <p className="field-error">{fieldErrorsOf(reply, "status", rowIntent)!.join(", ")}</p> : null}
    </Form>
  );
}

function ItemCard({ item, reply, mayEdit }: { item: Item; reply: unknown; mayEdit: boolean }) {
  const { t } = useTranslation("plans");
  return (
    <li className="roadmap-item" data-roadmap-item={item.key}>
      <strong>{item.key}</strong> {item.title} <Badge tone={STATUS_TONE[item.status]}>{t(STATUS_LABELS[item.status])}</Badge>
      <div className="muted">
        {item.quarter}
        {item.sprint ? ` · ${item.sprint}` : ""}
        {item.ownerName ? ` · ${item.ownerName}` : ""}
        {item.keyResults.length ? (
          <>
            {` · ${t("serves")} `}
            {item.keyResults.map((k, i) => (
              <span key={k.id}>
                {i ? ", " : ""}
                <Link to={`/okrs/kr/${k.id}`}>{k.title}</Link>
              </span>
            ))}
          </>
        ) : null}
      </div>
      {mayEdit ? (
        <div className="inline-actions">
          <StatusForm item={item} reply={reply} />
          <EditLink to={`/roadmap?edit=${item.id}#item-form`} label={t("Edit")} rowName={item.key} />
        </div>
      ) : null}
    </li>
  );
}

function ItemForm({ data, reply }: { data: Data; reply: unknown }) {
  const { user } = useRootData();
  const { t } = useTranslation("plans");
  const e = data.editing;
  const r = isErrorReply(reply, "item") ? reply : null;
  const v = (n: string, fb: string | number | null | undefined) => valueOf(r, n, fb, "item");
  const err = (n: string) => fieldErrorsOf(r, n, "item");
  const teams = data.teams.filter((team) => can(user, "roadmap:edit", { teamId: team.id }));
  const selectedKrs = r ? (r.values.keyResultIds ?? "").split(",").filter(Boolean) : (e?.keyResults.map((k) => String(k.id)) ?? []);
  return (
    <Form method="post" className="form-grid" noValidate>
      <input type="hidden" name="intent" value={e ? "update" : "create"} />
      {e ? <input type="hidden" name="itemId" value={e.id} /> : null}
      <Field label={t("Key")} name="key" required maxLength={17} hint={t("e.g. CORE-01")} defaultValue={v("key", e?.key)} errors={err("key")} />
      <Field label={t("Title")} name="title" required maxLength={200} defaultValue={v("title", e?.title)} errors={err("title")} />
      <SelectField
        label={t("Squad")}
        name="teamId"
        required
        placeholder={t("Choose")}
        options={teams.map((team) => ({ value: String(team.id), label: team.name }))}
        defaultValue={v("teamId", e?.teamId ?? (user?.role === "lead" ? user.teamId : null))}
        errors={err("teamId")}
      />
      <Field
        label={t("Quarter")}
        name="quarter"
        required
        maxLength={7}
        hint={t("e.g. 2026-Q3")}
        defaultValue={v("quarter", e?.quarter)}
        errors={err("quarter")}
      />
      <Field label={t("Sprint")} name="sprint" maxLength={60} defaultValue={v("sprint", e?.sprint)} errors={err("sprint")} />
      <SelectField
        label={t("Status")}
        name="status"
        required
        options={ROADMAP_STATUSES.map((s) => ({ value: s, label: t(STATUS_LABELS[s]) }))}
        defaultValue={v("status", e?.status ?? "planned")}
        errors={err("status")}
      />
      <SelectField
        label={t("Owner")}
        name="ownerUserId"
        placeholder={t("Nobody yet")}
        options={data.owners.map((o) => ({ value: String(o.id), label: o.name }))}
        defaultValue={v("ownerUserId", e?.ownerUserId)}
        errors={err("ownerUserId")}
      />
      <div className="field form-grid__full">
        <label htmlFor="keyResultIds">{t("Key results it serves")}</label>
        <select id="keyResultIds" name="keyResultIds" multiple size={6} defaultValue={selectedKrs} aria-invalid={err("keyResultIds") ? true : undefined}>
          {data.keyResults.map((k) => (
            <option key={k.id} value={k.id}>
              {k.label}
            </option>
          ))}
        </select>
        {err("keyResultIds") ? <p className="field-error">{err("keyResultIds")!.join(", ")}</p> : null}
      </div>
      <div>
        <Button variant="primary">{e ? t("Save item") : t("Add item")}</Button> {e ? <Link to="/roadmap">{t("Cancel")}</Link> : null}
      </div>
    </Form>
  );
}

export default function Roadmap() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { user } = useRootData();
  const { t } = useTranslation("plans");
  const { items, filter } = data;
  const mayEdit = can(user, "roadmap:edit");
  const mayEditItem = (i: Item) => can(user, "roadmap:edit", { teamId: i.teamId });
  const teamsWithItems = data.teams.filter((team) => items.some((i) => i.teamId === team.id));
  const quarters = [...new Set(items.map((i) => i.quarter))].sort();
  const qs = (extra: Record<string, string | number | null>) => {
    const p = new URLSearchParams();
    const all = { team: filter.team, quarter: filter.quarter, view: filter.view, ...extra };
    for (const [k, val] of Object.entries(all)) if (val !== null && val !== undefined && !(k === "view" && val === "board")) p.set(k, String(val));
    const s = p.toString();
    return s ? `?${s}` : "";
  };
  return (
    <>
      <PageHeader title={t(TEXT.title)} description={t(TEXT.description)} />
      <ReplyMessage reply={reply} show="ok" />
      <Form method="get" className="filter-bar">
        <SelectField
          label={t("Squad")}
          name="team"
          placeholder={t("Every squad")}
          options={data.teams.map((team) => ({ value: String(team.id), label: team.name }))}
          defaultValue={filter.team === null ? "" : String(filter.team)}
        />
        <SelectField
          label={t("Quarter")}
          name="quarter"
          placeholder={t("Every quarter")}
          options={data.quarters.map((q) => ({ value: q, label: q }))}
          defaultValue={filter.quarter ?? ""}
        />
        <SelectField
          label={t("View")}
          name="view"
          options={[
            { value: "board", label: t("Board: squad × status") },
            { value: "quarters", label: t("By quarter") },
          ]}
          defaultValue={filter.view}
        />
        <div>
          <Button>{t("Show")}</Button> <a href={`/roadmap.csv${qs({ view: "board" })}`}>{t("Export CSV")}</a>
        </div>
      </Form>
      {items.length === 0 ? (
        <EmptyState title={t(TEXT.emptyTitle)} whoMay={t(TEXT.whoMay)}>
          <p>{t(TEXT.emptyBody)}</p>
        </EmptyState>
      ) : filter.view === "quarters" ? (
        quarters.map((q) => (
          <Card key={q} title={q}>
            <ul className="plain-list">
              {items
                .filter((i) => i.quarter === q)
                .map((i) => (
                  <ItemCard key={i.id} item={i} reply={reply} mayEdit={mayEditItem(i)} />
                ))}
            </ul>
          </Card>
        ))
      ) : (
        <SimpleTable
          className="roadmap-board"
          testId="roadmap-board"
          caption={t("Roadmap items by squad and status")}
          columns={[t("Squad"), ...ROADMAP_STATUSES.map((s) => t(STATUS_LABELS[s]))]}
        >
          {teamsWithItems.map((team) => (
            <tr key={team.id}>
              <th scope="row">{team.name}</th>
              {ROADMAP_STATUSES.map((s) => (
                <td key={s}>
                  <ul className="plain-list">
                    {items
                      .filter((i) => i.teamId === team.id && i.status === s)
                      .map((i) => (
                        <ItemCard key={i.id} item={i} reply={reply} mayEdit={mayEditItem(i)} />
                      ))}
                  </ul>
                </td>
              ))}
            </tr>
          ))}
        </SimpleTable>
      )}
      {mayEdit ? (
        <>
          <Card title={data.editing ? t("Edit {{name}}", { name: data.editing.key }) : t("Add an item")} id="item-form">
            <ItemForm key={data.editing?.id ?? "new"} data={data} reply={reply} />
            {data.editing ? (
              <RowActionForm
                fields={{ intent: "delete", itemId: data.editing.id }}
                variant="danger"
                size="sm"
                label={t("Delete {{name}}", { name: data.editing.key })}
              />
            ) : null}
          </Card>
          <Card title={t("Import a CSV")}>
            <p className="muted">
              {t("Roadmap items are imported from a CSV file on the Import page, in the export's columns:")} <code>{data.csvColumns}</code>.{" "}
              {t("An item whose key exists is updated; one bad row rejects the file.")} <Link to="/import#import-roadmap">{t("Import page")}</Link>
            </p>
          </Card>
        </>
      ) : null}
    </>
  );
}
