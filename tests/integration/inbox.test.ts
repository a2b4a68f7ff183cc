/**
 * The weekly inbox (app/dashboards/inbox.server.ts, /inbox, decision 022) on a real temporary
 * database: each kind appears for its owner and for nobody else, leaves when the thing is done
 * through the app's own write functions, and the counts (the navigation badge) equal the lists.
 */
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getInbox, getInboxCounts, inboxCountQuery } from "~/dashboards/inbox.server";
import { INBOX_KINDS, STALE_REQUISITION_DAYS, type InboxKind } from "~/lib/inbox";
import { DAY_MS } from "~/lib/time";
import { recordGateDecision } from "~/models/gate-decisions.server";
import { changeRequisitionStatus, updateRequisition } from "~/models/hiring/requisition-writes.server";
import { MetricContext } from "~/models/metrics/context.server";
import { addCheckIn } from "~/models/okrs.server";
import { updateRisk } from "~/models/risks.server";
import { createMilestone, updateMilestone, type MilestoneInput } from "~/models/strategy.server";
import type { SessionUser } from "~/models/users.server";
import { schema } from "../../db/client";
import {
  insertCheckIn,
  insertCycle,
  insertGate,
  insertKeyResult,
  insertObjective,
  insertRequisition,
  insertRisk,
  insertTeam,
  insertUser,
} from "../../seeds/builders";
import { seedReference } from "../../seeds/reference";
import { appRequest, browser, cookieFor, ORIGIN } from "../helpers/app";
import { freshDbPerTest } from "../helpers/db";

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const t = freshDbPerTest(seedReference);
let now: number;
let core: { id: number };
let sales: { id: number };
let u: Record<"ceo" | "cto" | "lead" | "lead2" | "viewer", SessionUser>;
let cycleId: number;

function sessionUser(role: SessionUser["role"], teamId: number | null, name: string): SessionUser {
  const row = insertUser(t.db, { role, teamId, name, email: `${name}@inbox.test` });
  return { id: row.id, email: row.email, name: row.name, role, teamId, teamName: null, language: null };
}

beforeEach(() => {
  now = Date.now();
  core = insertTeam(t.db, { name: "Core", isTech: true });
  sales = insertTeam(t.db, { name: "Sales", isTech: false });
  u = {
    ceo: sessionUser("ceo", null, "ceo"),
    cto: sessionUser("cto", core.id, "cto"),
    lead: sessionUser("lead", core.id, "lead"),
    lead2: sessionUser("lead", sales.id, "lead2"),
    viewer: sessionUser("viewer", null, "viewer"),
  };
  cycleId = insertCycle(t.db, { name: "Now", startDate: iso(now - 30 * DAY_MS), endDate: iso(now + 60 * DAY_MS), status: "open" }).id;
});

const ids = (user: SessionUser, kind: InboxKind) => (getInbox(t.db, user, Date.now())[kind] as { id: number }[]).map((i) => i.id);
const everyone = () => Object.values(u);

/** The count of each kind equals its list, for every user; the total is their sum. */
function expectCountsMatchLists() {
  for (const user of everyone()) {
    const inbox = getInbox(t.db, user, Date.now());
    for (const kind of INBOX_KINDS) expect(inbox.counts[kind], `${user.name} ${kind}`).toBe(inbox[kind].length);
    expect(inbox.counts.total).toBe(INBOX_KINDS.reduce((s, k) => s + inbox[k].length, 0));
    expect(getInboxCounts(t.db, user, Date.now())).toEqual(inbox.counts);
  }
}

describe("key results without a check-in in the last 7 days", () => {
  function kr(ownerId: number, extra: { cycle?: number; archived?: boolean; metricId?: string } = {}) {
    const o = insertObjective(t.db, { cycleId: extra.cycle ?? cycleId, teamId: core.id });
    return insertKeyResult(t.db, {
      objectiveId: o.id,
      ownerUserId: ownerId,
      metricId: extra.metricId ?? null,
      archivedAt: extra.archived ? new Date(now - DAY_MS) : null,
    });
  }

  it("appear for their owner only, until a check-in is recorded", () => {
    const never = kr(u.lead.id);
    const stale = kr(u.lead.id);
    insertCheckIn(t.db, { keyResultId: stale.id, value: 10, createdAt: new Date(now - 8 * DAY_MS) });
    const fresh = kr(u.lead.id);
    insertCheckIn(t.db, { keyResultId: fresh.id, value: 10, createdAt: new Date(now - 3 * DAY_MS) });
    kr(u.lead.id, { archived: true });
    kr(u.lead.id, { cycle: insertCycle(t.db, { startDate: iso(now + 30 * DAY_MS), endDate: iso(now + 120 * DAY_MS) }).id }); // not started
    kr(u.lead.id, { cycle: insertCycle(t.db, { startDate: iso(now - 120 * DAY_MS), endDate: iso(now - 40 * DAY_MS), status: "closed" }).id });
    const ctos = kr(u.cto.id);

    // never checked in first, then the oldest check-in
    expect(ids(u.lead, "keyResults")).toEqual([never.id, stale.id]);
    expect(ids(u.cto, "keyResults")).toEqual([ctos.id]);
    for (const other of [u.ceo, u.lead2, u.viewer]) expect(ids(other, "keyResults")).toEqual([]);
    expectCountsMatchLists();

    addCheckIn(t.db, u.lead.id, never.id, { value: 20, confidence: 6, note: null });
    expect(ids(u.lead, "keyResults")).toEqual([stale.id]);
    expect(getInboxCounts(t.db, u.lead, Date.now()).keyResults).toBe(1);
    // a check-in by someone else (the CEO) counts too: the key result has its news
    addCheckIn(t.db, u.ceo.id, stale.id, { value: 30, confidence: 6, note: "for the lead" });
    expect(ids(u.lead, "keyResults")).toEqual([]);
    expectCountsMatchLists();
  });

  it("come back after 7 quiet days, and a linked KR carries its metric id (check-in: confidence and note only)", () => {
    const linked = kr(u.lead.id, { metricId: "finance.mrr" });
    addCheckIn(t.db, u.lead.id, linked.id, { value: null, confidence: 7, note: null });
    expect(ids(u.lead, "keyResults")).toEqual([]);
    const inAWeek = getInbox(t.db, u.lead, Date.now() + 7 * DAY_MS + 60_000);
    expect(inAWeek.keyResults.map((k) => [k.id, k.metricId])).toEqual([[linked.id, "finance.mrr"]]);
  });

  it("a viewer who owns a key result cannot check in: no key-result section for them", () => {
    kr(u.viewer.id);
    const inbox = getInbox(t.db, u.viewer, now);
    expect(inbox.kinds.keyResults).toBe(false);
    expect(inbox.counts.total).toBe(0);
  });
});

describe("risks due for review", () => {
  it("appear for their owner when the review date is today or past, until reviewed or closed", () => {
    const due = insertRisk(t.db, { ownerUserId: u.lead.id, nextReviewDate: iso(now - DAY_MS) });
    const today = insertRisk(t.db, { ownerUserId: u.lead.id, nextReviewDate: iso(now) });
    insertRisk(t.db, { ownerUserId: u.lead.id, nextReviewDate: iso(now + DAY_MS) });
    insertRisk(t.db, { ownerUserId: u.lead.id, nextReviewDate: null });
    insertRisk(t.db, { ownerUserId: u.lead.id, nextReviewDate: iso(now - DAY_MS), status: "closed" });
    const ctos = insertRisk(t.db, { ownerUserId: u.cto.id, nextReviewDate: iso(now - 5 * DAY_MS), status: "monitoring" });
    expect(ids(u.lead, "risks")).toEqual([due.id, today.id]);
    expect(ids(u.cto, "risks")).toEqual([ctos.id]);
    for (const other of [u.ceo, u.lead2, u.viewer]) expect(ids(other, "risks")).toEqual([]);
    expectCountsMatchLists();

    // reviewed: the CTO sets the next review date a month ahead (the risk page's update)
    const row = t.db.select().from(schema.risks).where(eq(schema.risks.id, due.id)).get()!;
    updateRisk(t.db, u.cto.id, due.id, {
      title: row.title,
      description: row.description,
      category: row.category,
      inherentLikelihood: row.inherentLikelihood,
      inherentImpact: row.inherentImpact,
      residualLikelihood: row.residualLikelihood,
      residualImpact: row.residualImpact,
      ownerUserId: row.ownerUserId,
      treatment: row.treatment,
      mitigationPlan: row.mitigationPlan,
      nextReviewDate: iso(now + 30 * DAY_MS),
      status: row.status,
    });
    expect(ids(u.lead, "risks")).toEqual([today.id]);
    expectCountsMatchLists();
  });

  it("a viewer sees a risk they own, and only that", () => {
    const mine = insertRisk(t.db, { ownerUserId: u.viewer.id, nextReviewDate: iso(now - DAY_MS) });
    insertRisk(t.db, { ownerUserId: u.ceo.id, nextReviewDate: iso(now - DAY_MS) });
    expect(ids(u.viewer, "risks")).toEqual([mine.id]);
    expect(getInboxCounts(t.db, u.viewer, now).total).toBe(1);
  });
});

describe("requisitions whose status is stale", () => {
  const daysAgo = (d: number) => new Date(Date.now() - d * DAY_MS);

  it("appear for whoever may move them on (CEO any team, CTO tech teams), until their status changes", () => {
    const coreOpen = insertRequisition(t.db, { teamId: core.id, status: "open", statusChangedAt: daysAgo(STALE_REQUISITION_DAYS.open + 1) });
    const coreOpenRecent = insertRequisition(t.db, { teamId: core.id, status: "open", statusChangedAt: daysAgo(STALE_REQUISITION_DAYS.open - 1) });
    const salesOffer = insertRequisition(t.db, { teamId: sales.id, status: "offer", statusChangedAt: daysAgo(STALE_REQUISITION_DAYS.offer + 1) });
    // the CEO's edit form as sent: a new title, the same fields, this status
    const editSalesOffer = (status: "offer" | "interviewing") =>
      updateRequisition(t.db, u.ceo, salesOffer.id, {
        title: "Account executive (renamed)",
        teamId: sales.id,
        profile: null,
        priority: "P1",
        targetStartMonth: salesOffer.targetStartMonth,
        source: null,
        objectiveId: null,
        status,
      });
    insertRequisition(t.db, { teamId: core.id, status: "hired", statusChangedAt: daysAgo(400) });
    insertRequisition(t.db, { teamId: sales.id, status: "cancelled", statusChangedAt: daysAgo(400) });

    expect(ids(u.ceo, "requisitions")).toEqual([coreOpen.id, salesOffer.id]);
    expect(ids(u.cto, "requisitions")).toEqual([coreOpen.id]);
    for (const other of [u.lead, u.lead2, u.viewer]) {
      expect(ids(other, "requisitions")).toEqual([]);
      expect(getInbox(t.db, other, Date.now()).kinds.requisitions).toBe(false);
    }
    expectCountsMatchLists();

    // an edit that keeps the status is no news
    editSalesOffer("offer");
    expect(ids(u.ceo, "requisitions")).toEqual([coreOpen.id, salesOffer.id]);

    // moved on: gone
    expect(changeRequisitionStatus(t.db, u.cto, coreOpen.id, "next")).toMatchObject({ ok: true, to: "interviewing" });
    expect(ids(u.ceo, "requisitions")).toEqual([salesOffer.id]);
    expect(ids(u.cto, "requisitions")).toEqual([]);
    // an edit that changes the status is news too
    editSalesOffer("interviewing");
    expect(ids(u.ceo, "requisitions")).toEqual([]);
    // …and once the stage's days have passed, the moved one waits again
    const later = Date.now() + (STALE_REQUISITION_DAYS.interviewing + 1) * DAY_MS;
    expect(getInbox(t.db, u.ceo, later).requisitions.map((q) => q.id)).toEqual([coreOpenRecent.id, coreOpen.id, salesOffer.id]);
    expectCountsMatchLists();
  });

  it("never carry a salary", () => {
    insertRequisition(t.db, { teamId: core.id, status: "open", annualSalaryCents: 98_765_43, statusChangedAt: daysAgo(90) });
    const text = JSON.stringify(getInbox(t.db, u.ceo, Date.now()));
    expect(text).toContain("requisitions");
    expect(text).not.toMatch(/alary/);
    expect(text).not.toContain("9876543");
  });
});

describe("gates and milestones due within 30 days", () => {
  it("gates without a decision wait for the CEO until decided", () => {
    const soon = insertGate(t.db, { name: "Soon", dueDate: iso(now + 10 * DAY_MS) });
    const past = insertGate(t.db, { name: "Past", dueDate: iso(now - 10 * DAY_MS) });
    insertGate(t.db, { name: "Far", dueDate: iso(now + 45 * DAY_MS) });
    expect(ids(u.ceo, "gates")).toEqual([past.id, soon.id]);
    for (const other of [u.cto, u.lead, u.lead2, u.viewer]) expect(ids(other, "gates")).toEqual([]);
    expectCountsMatchLists();
    recordGateDecision(new MetricContext(t.db, Date.now()), u.ceo.id, soon.id, { decision: "go", alternative: null, rationale: "Ready." });
    expect(ids(u.ceo, "gates")).toEqual([past.id]);
    expectCountsMatchLists();
  });

  it("manual milestones still pending wait for the CEO until marked", () => {
    const base: MilestoneInput = {
      title: "Board approval",
      dueDate: iso(now + 20 * DAY_MS),
      metricId: null,
      comparison: null,
      value: null,
      status: "pending",
      evidence: null,
    };
    const manual = createMilestone(t.db, u.ceo.id, base);
    createMilestone(t.db, u.ceo.id, { ...base, title: "Far", dueDate: iso(now + 60 * DAY_MS) });
    createMilestone(t.db, u.ceo.id, { ...base, title: "Linked", metricId: "finance.customers", comparison: ">=", value: 10 });
    createMilestone(t.db, u.ceo.id, { ...base, title: "Done already", status: "done" });
    expect(ids(u.ceo, "milestones")).toEqual([manual]);
    for (const other of [u.cto, u.lead, u.viewer]) expect(ids(other, "milestones")).toEqual([]);
    expectCountsMatchLists();
    updateMilestone(t.db, u.ceo.id, manual, { ...base, status: "done", evidence: "Minutes" });
    expect(ids(u.ceo, "milestones")).toEqual([]);
  });
});

describe("webhook sources refusing deliveries", () => {
  function source(name: string) {
    return t.db.insert(schema.webhookSources).values({ kind: "github", name }).returning().get();
  }
  function delivery(sourceId: number, outcome: "created" | "refused", receivedAt: number) {
    t.db
      .insert(schema.webhookDeliveries)
      .values({
        sourceId,
        receivedAt: new Date(receivedAt),
        event: "deployment_status",
        outcome,
        verified: outcome !== "refused",
        httpStatus: outcome === "refused" ? 401 : 201,
        reason: outcome === "refused" ? "bad signature" : null,
      })
      .run();
  }

  it("appear for those who manage tokens and webhooks, until an accepted delivery follows", () => {
    const failing = source("api repo");
    delivery(failing.id, "created", now - 2 * DAY_MS);
    delivery(failing.id, "refused", now - DAY_MS);
    delivery(failing.id, "refused", now - 60_000);
    const old = source("old repo");
    delivery(old.id, "refused", now - 8 * DAY_MS);
    const healthy = source("web repo");
    delivery(healthy.id, "refused", now - 3 * DAY_MS);
    delivery(healthy.id, "created", now - 2 * DAY_MS);

    expect(ids(u.ceo, "webhooks")).toEqual([failing.id]);
    expect(ids(u.cto, "webhooks")).toEqual([failing.id]);
    expect(getInbox(t.db, u.ceo, Date.now()).webhooks[0]).toMatchObject({ failures: 2, lastReason: "bad signature" });
    for (const other of [u.lead, u.viewer]) expect(ids(other, "webhooks")).toEqual([]);
    expectCountsMatchLists();

    delivery(failing.id, "created", now);
    expect(ids(u.ceo, "webhooks")).toEqual([]);
    expectCountsMatchLists();
  });
});

describe("the count queries", () => {
  it("search by index, never scan a table", () => {
    for (const kind of INBOX_KINDS) {
      const { sql: text, params } = (t.db as unknown as { dialect: { sqlToQuery: (q: unknown) => { sql: string; params: unknown[] } } }).dialect.sqlToQuery(
        inboxCountQuery(t.db, u.ceo, kind),
      );
      const plan = (t.db.$client.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...params) as { detail: string }[]).map((r) => r.detail);
      expect(
        plan.filter((d) => d.startsWith("SCAN")),
        `${kind}: ${plan.join(" | ")}`,
      ).toEqual([]);
    }
  });
});

describe("the page", () => {
  it("everyone opens it; a viewer with nothing sees the empty state; the lead sees their key result with its check-in form", async () => {
    const o = insertObjective(t.db, { cycleId, teamId: core.id });
    const k = insertKeyResult(t.db, { objectiveId: o.id, ownerUserId: u.lead.id, title: "Quiet KR" });
    insertRequisition(t.db, { teamId: core.id, status: "open", annualSalaryCents: 87_654_00, statusChangedAt: new Date(now - 90 * DAY_MS) });

    const viewer = await browser(await cookieFor(u.viewer.id)).get("/inbox");
    expect(viewer.status).toBe(200);
    expect(viewer.html).toContain("Nothing waits for you");
    expect(viewer.html).not.toContain("Quiet KR");

    const lead = await browser(await cookieFor(u.lead.id)).get("/inbox");
    expect(lead.status).toBe(200);
    expect(lead.html).toContain("Quiet KR");
    expect(lead.html).toContain("with no check-in in the last 7 days");
    expect(lead.forms.filter((f) => f.method === "post" && f.entries().some(([n, v]) => n === "keyResultId" && v === String(k.id)))).toHaveLength(1);
    // the menu's badge: the lead's one item
    expect(lead.html).toMatch(/<a[^>]*href="\/inbox"[^>]*data-count="1"|<a[^>]*data-count="1"[^>]*href="\/inbox"/);

    const ceo = await browser(await cookieFor(u.ceo.id)).get("/inbox");
    expect(ceo.html).toContain("Requisitions without news");
    expect(ceo.html).not.toMatch(/87[\s\u202f\u00a0.,]?654/);
  });

  it("the check-in action refuses those who cannot check in, and another team's key result", async () => {
    const o = insertObjective(t.db, { cycleId, teamId: core.id });
    const k = insertKeyResult(t.db, { objectiveId: o.id, ownerUserId: u.lead.id });
    const post = (cookie: string) => fetchInbox(cookie, { intent: "checkin", keyResultId: String(k.id), value: "5", confidence: "7", note: "" });
    expect((await post(await cookieFor(u.viewer.id))).status).toBe(403);
    expect((await post(await cookieFor(u.lead2.id))).status).toBe(403);
    expect(await t.db.$count(schema.checkIns)).toBe(0);
    const ok = await post(await cookieFor(u.lead.id));
    expect(ok.status).toBe(303);
    expect(ok.location).toBe(`/inbox#kr-${k.id}`);
  });
});

/** A POST to /inbox the way a browser without JavaScript sends it. */
async function fetchInbox(cookie: string, body: Record<string, string>) {
  const res = await appRequest(
    new Request(`${ORIGIN}/inbox`, {
      method: "POST",
      headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8", Origin: ORIGIN, Host: new URL(ORIGIN).host },
      body: new URLSearchParams(body).toString(),
    }),
  );
  return { status: res.status, location: res.headers.get("Location") };
}
