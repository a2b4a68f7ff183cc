import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { assertPermission, requireUser } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { ROADMAP_STATUS_LABELS, ROADMAP_STATUS_NAMES, ROADMAP_STATUS_TONE } from "~/components/roadmap/labels";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { Field, SelectField, TextareaField } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { ReplyMessage } from "~/components/ui/reply-message";
import { useRootData } from "~/hooks/root-data";
import { parseCsv } from "~/lib/csv";
import { fieldErrorsOf, isErrorReply, valueOf, type FormReply } from "~/lib/forms";
import { badRequest, fieldError, parseForm, unknownIntent } from "~/lib/forms.server";
import { plural } from "~/lib/plural";
import {
  roadmapCsvRowSchema,
  roadmapDeleteSchema,
  roadmapFilterSchema,
  roadmapImportSchema,
  roadmapItemSchema,
  roadmapStatusSchema,
} from "~/lib/schemas/roadmap.server";
import { parseSearchParams } from "~/lib/url-params.server";
import {
  applyRoadmapImport,
  createRoadmapItem,
  deleteRoadmapItem,
  getRoadmapItem,
  keyResultsExist,
  listKeyResultOptions,
  listRoadmapItems,
  listRoadmapQuarters,
  roadmapKeyTaken,
  roadmapLookups,
  ROADMAP_CSV_HEADERS,
  setRoadmapStatus,
  updateRoadmapItem,
  type RoadmapInput,
} from "~/models/roadmap.server";
import { listTeamOptions, teamChoiceProblem } from "~/models/teams.server";
import { getDb, schema } from "~/utils/db.server";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  title: "Roadmap",
  description: "Each squad's items per quarter, their status and the key results they serve. A lead keeps their squad's items; the CEO and CTO any.",
  emptyTitle: "No roadmap item yet",
  emptyBody: "Add the first item below (a key like CORE-01, a title, the squad and the quarter), or import a CSV.",
  whoMay: "The CEO and CTO (any squad), a team lead (their squad).",
} as const;

const STATUS_LABELS = ROADMAP_STATUS_LABELS;
const CSV_COLUMNS = "key, title, team, quarter, sprint, status, owner_email, key_result_ids";
const STATUS_TONE = ROADMAP_STATUS_TONE;

export const meta: MetaFunction = () => [{ title: "Roadmap · Strategy Tracker" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
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
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  assertPermission(user, "roadmap:edit");
  const db = getDb();
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "create" || intent === "update") {
    const parsed = parseForm(formData, roadmapItemSchema, "item");
    if (!parsed.ok) return badRequest(parsed.reply);
    const { itemId, keyResultIds, ...fields } = parsed.data;
    const input: RoadmapInput = { ...fields, sprint: fields.sprint ?? null, ownerUserId: fields.ownerUserId ?? null, keyResultIds };
    const existing = intent === "update" ? (itemId === undefined ? null : getRoadmapItem(db, itemId)) : null;
    if (intent === "update" && !existing) return fieldError(formData, "itemId", "no such item", "item");
    if (existing) assertPermission(user, "roadmap:edit", { teamId: existing.teamId });
    const teamProblem = teamChoiceProblem(db, input.teamId, existing?.teamId);
    if (teamProblem) return fieldError(formData, "teamId", teamProblem, "item");
    if (!can(user, "roadmap:edit", { teamId: input.teamId })) return fieldError(formData, "teamId", "a lead keeps their own squad's items only", "item");
    if (roadmapKeyTaken(db, input.key, existing?.id)) return fieldError(formData, "key", "is already the key of another item", "item");
    if (
      input.ownerUserId !== null &&
      !db
        .select({ id: schema.users.id })
        .from(schema.users)
        .all()
        .some((u) => u.id === input.ownerUserId)
    )
      return fieldError(formData, "ownerUserId", "is not a known user", "item");
    if (!keyResultsExist(db, keyResultIds)) return fieldError(formData, "keyResultIds", "names a key result that does not exist", "item");
    if (existing) updateRoadmapItem(db, user, existing.id, input);
    else createRoadmapItem(db, user, input);
    return { status: "ok", intent: "item", message: `${input.key} saved.` } satisfies FormReply;
  }
  if (intent === "status") {
    const rowIntent = `status-${String(formData.get("itemId"))}`;
    const parsed = parseForm(formData, roadmapStatusSchema, rowIntent);
    if (!parsed.ok) return badRequest(parsed.reply);
    const item = getRoadmapItem(db, parsed.data.itemId);
    if (!item) return fieldError(formData, "itemId", "no such item", rowIntent);
    assertPermission(user, "roadmap:edit", { teamId: item.teamId });
    setRoadmapStatus(db, user, item.id, parsed.data.status);
    return { status: "ok", intent: rowIntent, message: `${item.key}: ${STATUS_LABELS[parsed.data.status]}.` } satisfies FormReply;
  }
  if (intent === "delete") {
    const parsed = parseForm(formData, roadmapDeleteSchema, "delete");
    if (!parsed.ok) return badRequest(parsed.reply);
    const item = getRoadmapItem(db, parsed.data.itemId);
    if (!item) return fieldError(formData, "itemId", "no such item", "delete");
    assertPermission(user, "roadmap:edit", { teamId: item.teamId });
    deleteRoadmapItem(db, user, item.id);
    return { status: "ok", intent: "delete", message: `${item.key} deleted.` } satisfies FormReply;
  }
  if (intent === "import") {
    const parsed = parseForm(formData, roadmapImportSchema, "import");
    if (!parsed.ok) return badRequest(parsed.reply);
    const csv = parseCsv(parsed.data.csv, roadmapCsvRowSchema, { headers: ROADMAP_CSV_HEADERS, maxRows: 2000 });
    if (!csv.ok) return fieldError(formData, "csv", csv.errors.map((e) => `row ${e.row}${e.field ? ` ${e.field}` : ""}: ${e.message}`).join("; "), "import");
    const lk = roadmapLookups(db);
    const errors: string[] = [];
    const rows: RoadmapInput[] = [];
    csv.rows.forEach((r, i) => {
      const at = `row ${csv.rowNumbers[i]}`;
      const teamId = lk.teams.get(r.team.toLowerCase());
      if (teamId === undefined) return void errors.push(`${at} team: is not a known team`);
      const ownerUserId = r.owner_email ? lk.users.get(r.owner_email.toLowerCase()) : null;
      if (ownerUserId === undefined) return void errors.push(`${at} owner_email: is not a known user`);
      const existing = lk.items.get(r.key);
      if (!can(user, "roadmap:edit", { teamId }) || (existing && !can(user, "roadmap:edit", { teamId: existing.teamId })))
        return void errors.push(`${at} team: you may not edit this squad's items`);
      if (!keyResultsExist(db, r.key_result_ids)) return void errors.push(`${at} key_result_ids: names a key result that does not exist`);
      rows.push({
        key: r.key,
        title: r.title,
        teamId,
        quarter: r.quarter,
        sprint: r.sprint ?? null,
        status: r.status,
        ownerUserId,
        keyResultIds: r.key_result_ids,
      });
    });
    if (new Set(rows.map((r) => r.key)).size !== rows.length) errors.push("a key appears twice in the file");
    if (errors.length) return fieldError(formData, "csv", errors.join("; "), "import");
    const result = applyRoadmapImport(db, user, rows);
    return {
      status: "ok",
      intent: "import",
      message: `Imported: ${plural(result.created, "item created", "items created")}, ${plural(result.updated, "item updated", "items updated")}.`,
    } satisfies FormReply;
  }
  return unknownIntent(formData);
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Item = Data["items"][number];

function StatusForm({ item, reply }: { item: Item; reply: unknown }) {
  const rowIntent = `status-${item.id}`;
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value="status" />
      <input type="hidden" name="itemId" value={item.id} />
      <select name="status" aria-label={`Status of ${item.key}`} defaultValue={valueOf(reply, "status", item.status, rowIntent)} className="dl-cell-input">
        {ROADMAP_STATUS_NAMES.map((s) => (
          <option key={s} value={s}>
            {STATUS_LABELS[s]}
          </option>
        ))}
      </select>
      <Button size="sm">
        Move<span className="visually-hidden"> {item.key}</span>
      </Button>
      {fieldErrorsOf(reply, "status", rowIntent) ? <p className="field-error">{fieldErrorsOf(reply, "status", rowIntent)!.join(", ")}</p> : null}
    </Form>
  );
}

function ItemCard({ item, reply, mayEdit }: { item: Item; reply: unknown; mayEdit: boolean }) {
  return (
    <li className="roadmap-item" data-roadmap-item={item.key}>
      <strong>{item.key}</strong> {item.title} <Badge tone={STATUS_TONE[item.status]}>{STATUS_LABELS[item.status]}</Badge>
      <div className="muted">
        {item.quarter}
        {item.sprint ? ` · ${item.sprint}` : ""}
        {item.ownerName ? ` · ${item.ownerName}` : ""}
        {item.keyResults.length ? (
          <>
            {" · serves "}
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
          <Link to={`/roadmap?edit=${item.id}#item-form`}>
            Edit<span className="visually-hidden"> {item.key}</span>
          </Link>
        </div>
      ) : null}
    </li>
  );
}

function ItemForm({ data, reply }: { data: Data; reply: unknown }) {
  const { user } = useRootData();
  const e = data.editing;
  const r = isErrorReply(reply, "item") ? reply : null;
  const v = (n: string, fb: string | number | null | undefined) => valueOf(r, n, fb, "item");
  const err = (n: string) => fieldErrorsOf(r, n, "item");
  const teams = data.teams.filter((t) => can(user, "roadmap:edit", { teamId: t.id }));
  const selectedKrs = r ? (r.values.keyResultIds ?? "").split(",").filter(Boolean) : (e?.keyResults.map((k) => String(k.id)) ?? []);
  return (
    <Form method="post" className="form-grid" noValidate>
      <input type="hidden" name="intent" value={e ? "update" : "create"} />
      {e ? <input type="hidden" name="itemId" value={e.id} /> : null}
      <Field label="Key" name="key" required maxLength={17} hint="e.g. CORE-01" defaultValue={v("key", e?.key)} errors={err("key")} />
      <Field label="Title" name="title" required maxLength={200} defaultValue={v("title", e?.title)} errors={err("title")} />
      <SelectField
        label="Squad"
        name="teamId"
        required
        placeholder="Choose"
        options={teams.map((t) => ({ value: String(t.id), label: t.name }))}
        defaultValue={v("teamId", e?.teamId ?? (user?.role === "lead" ? user.teamId : null))}
        errors={err("teamId")}
      />
      <Field label="Quarter" name="quarter" required maxLength={7} hint="e.g. 2026-Q3" defaultValue={v("quarter", e?.quarter)} errors={err("quarter")} />
      <Field label="Sprint" name="sprint" maxLength={60} defaultValue={v("sprint", e?.sprint)} errors={err("sprint")} />
      <SelectField
        label="Status"
        name="status"
        required
        options={ROADMAP_STATUS_NAMES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
        defaultValue={v("status", e?.status ?? "planned")}
        errors={err("status")}
      />
      <SelectField
        label="Owner"
        name="ownerUserId"
        placeholder="Nobody yet"
        options={data.owners.map((o) => ({ value: String(o.id), label: o.name }))}
        defaultValue={v("ownerUserId", e?.ownerUserId)}
        errors={err("ownerUserId")}
      />
      <div className="field form-grid__full">
        <label htmlFor="keyResultIds">Key results it serves</label>
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
        <Button variant="primary">{e ? "Save item" : "Add item"}</Button> {e ? <Link to="/roadmap">Cancel</Link> : null}
      </div>
    </Form>
  );
}

export default function Roadmap() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const { user } = useRootData();
  const { items, filter } = data;
  const mayEdit = can(user, "roadmap:edit");
  const mayEditItem = (i: Item) => can(user, "roadmap:edit", { teamId: i.teamId });
  const teamsWithItems = data.teams.filter((t) => items.some((i) => i.teamId === t.id));
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
      <PageHeader title={TEXT.title} description={TEXT.description} />
      <ReplyMessage reply={reply} show="ok" />
      <Form method="get" className="filter-bar">
        <SelectField
          label="Squad"
          name="team"
          placeholder="Every squad"
          options={data.teams.map((t) => ({ value: String(t.id), label: t.name }))}
          defaultValue={filter.team === null ? "" : String(filter.team)}
        />
        <SelectField
          label="Quarter"
          name="quarter"
          placeholder="Every quarter"
          options={data.quarters.map((q) => ({ value: q, label: q }))}
          defaultValue={filter.quarter ?? ""}
        />
        <SelectField
          label="View"
          name="view"
          options={[
            { value: "board", label: "Board: squad × status" },
            { value: "quarters", label: "By quarter" },
          ]}
          defaultValue={filter.view}
        />
        <div>
          <Button>Show</Button> <a href={`/roadmap.csv${qs({ view: "board" })}`}>Export CSV</a>
        </div>
      </Form>
      {items.length === 0 ? (
        <EmptyState title={TEXT.emptyTitle} whoMay={TEXT.whoMay}>
          <p>{TEXT.emptyBody}</p>
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
        <div className="table-scroll">
          <table className="simple roadmap-board" data-testid="roadmap-board">
            <caption className="visually-hidden">Roadmap items by squad and status</caption>
            <thead>
              <tr>
                <th scope="col">Squad</th>
                {ROADMAP_STATUS_NAMES.map((s) => (
                  <th scope="col" key={s}>
                    {STATUS_LABELS[s]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {teamsWithItems.map((t) => (
                <tr key={t.id}>
                  <th scope="row">{t.name}</th>
                  {ROADMAP_STATUS_NAMES.map((s) => (
                    <td key={s}>
                      <ul className="plain-list">
                        {items
                          .filter((i) => i.teamId === t.id && i.status === s)
                          .map((i) => (
                            <ItemCard key={i.id} item={i} reply={reply} mayEdit={mayEditItem(i)} />
                          ))}
                      </ul>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {mayEdit ? (
        <>
          <Card title={data.editing ? `Edit ${data.editing.key}` : "Add an item"} id="item-form">
            <ItemForm key={data.editing?.id ?? "new"} data={data} reply={reply} />
            {data.editing ? (
              <Form method="post">
                <input type="hidden" name="intent" value="delete" />
                <input type="hidden" name="itemId" value={data.editing.id} />
                <Button variant="danger" size="sm">
                  Delete {data.editing.key}
                </Button>
              </Form>
            ) : null}
          </Card>
          <Card title="Import a CSV">
            <p className="muted">Columns: {CSV_COLUMNS} (the export's). An item whose key exists is updated; one bad row rejects the file.</p>
            <Form method="post" className="form-grid" noValidate>
              <input type="hidden" name="intent" value="import" />
              <TextareaField
                label="CSV"
                name="csv"
                rows={5}
                className="form-grid__full"
                defaultValue={valueOf(reply, "csv", "", "import")}
                errors={fieldErrorsOf(reply, "csv", "import")}
              />
              <div>
                <Button pending={navigation.state === "submitting" && navigation.formData?.get("intent") === "import"} pendingLabel="Importing…">
                  Import
                </Button>
              </div>
            </Form>
          </Card>
        </>
      ) : null}
    </>
  );
}
