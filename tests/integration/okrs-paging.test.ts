/**
 * /okrs and /okrs/mine are paged in SQL (issue 17: at 10× they sent 1.9 / 2.3 MB): a page of
 * top-level objectives with their whole subtrees, a page of my key results; counts over every row;
 * `?page=` / `?size=` parsed like every list's (malformed → page 1 / the default size, never a 500);
 * a page past the end is empty with the totals kept.
 */
import { describe, expect, it } from "vitest";
import { countMyKeyResults, getObjectivesProgress, getOkrTree, getOkrTreePage, listMyKeyResults, NO_LINKED_VALUES } from "~/models/okrs.server";
import { loader as okrsLoader } from "~/routes/okrs._index";
import { loader as mineLoader } from "~/routes/okrs.mine";
import { insertCycle, insertKeyResult, insertObjective, insertTeam, insertUser } from "../../seeds/builders";
import { args, cookieFor, get, run } from "../helpers/actions";
import { freshDbPerTest } from "../helpers/db";

const t = freshDbPerTest();

const NOW = Date.UTC(2025, 1, 15); // inside 2025-Q1

type Node = { id: number; title: string; progress: number | null; keyResults: { id: number }[]; children: Node[] };

/** 3 company objectives and 60 team ones; a chain aligned under the first; roots by every rule of the tree. */
function world() {
  const core = insertTeam(t.db, { name: "Core" });
  const payments = insertTeam(t.db, { name: "Payments" });
  const ceo = insertUser(t.db, { role: "ceo", teamId: null });
  const lead = insertUser(t.db, { role: "lead", teamId: core.id });
  const q1 = insertCycle(t.db, { name: "2025-Q1", startDate: "2025-01-01", endDate: "2025-03-31" });
  const q0 = insertCycle(t.db, { name: "2024-Q4", startDate: "2024-10-01", endDate: "2024-12-31" });
  const company = [1, 2, 3].map((i) => insertObjective(t.db, { cycleId: q1.id, title: `Company ${i}` }));
  const child = insertObjective(t.db, { cycleId: q1.id, title: "Aligned", teamId: core.id, parentId: company[0].id });
  const grandchild = insertObjective(t.db, { cycleId: q1.id, title: "Aligned deeper", teamId: payments.id, parentId: child.id });
  const archived = insertObjective(t.db, { cycleId: q1.id, title: "Archived", teamId: core.id, archivedAt: new Date(NOW) });
  const orphan = insertObjective(t.db, { cycleId: q1.id, title: "Parent archived", teamId: core.id, parentId: archived.id });
  const elsewhere = insertObjective(t.db, { cycleId: q0.id, title: "Last cycle" });
  const crossCycle = insertObjective(t.db, { cycleId: q1.id, title: "Parent in another cycle", teamId: payments.id, parentId: elsewhere.id });
  const teamObjectives = Array.from({ length: 56 }, (_, i) =>
    insertObjective(t.db, { cycleId: q1.id, title: `Team ${i}`, teamId: i % 2 ? core.id : payments.id, ownerUserId: lead.id }),
  );
  // key results: two on every Core objective (lead's team), progress 0–100 %
  let n = 0;
  for (const o of [child, orphan, ...teamObjectives].filter((o) => o.teamId === core.id))
    for (const w of [1, 2]) insertKeyResult(t.db, { objectiveId: o.id, startValue: 0, targetValue: 100, currentValue: (n++ * 7) % 101, weight: w });
  // one the lead owns on a Payments objective, one archived
  insertKeyResult(t.db, { objectiveId: grandchild.id, ownerUserId: lead.id, currentValue: 40 });
  insertKeyResult(t.db, { objectiveId: child.id, archivedAt: new Date(NOW) });
  return { core, payments, ceo, lead, q1, company, child, grandchild, orphan, crossCycle };
}

describe("getOkrTreePage", () => {
  it("pages of top-level objectives with their subtrees put together are the whole tree; counts over every page", () => {
    const w = world();
    const full = getOkrTree(t.db, w.q1.id, NOW, NO_LINKED_VALUES);
    expect(full).toHaveLength(3 + 2 + 56); // company, orphan, cross-cycle, team ones (the chain is under Company 1)
    for (const size of [7, 25, 100]) {
      const pages: Node[] = [];
      for (let offset = 0; offset < full.length + size; offset += size) {
        const page = getOkrTreePage(t.db, w.q1.id, NOW, NO_LINKED_VALUES, { limit: size, offset });
        expect(page.total).toBe(full.length);
        expect(page.objectives).toBe(63); // every live objective of the cycle, at every level
        expect(page.roots.length).toBe(Math.max(0, Math.min(size, full.length - offset)));
        pages.push(...(page.roots as Node[]));
      }
      expect(pages).toEqual(full);
    }
    const first = getOkrTreePage(t.db, w.q1.id, NOW, NO_LINKED_VALUES, { limit: 1, offset: 0 }).roots as Node[];
    expect(first[0].title).toBe("Company 1");
    expect(first[0].children.map((c) => c.title)).toEqual(["Aligned"]);
    expect(first[0].children[0].children.map((c) => c.title)).toEqual(["Aligned deeper"]);
  });

  it("a node's progress on any page is its progress over the whole cycle (SQL), not a page figure", () => {
    const w = world();
    const all = new Map(getObjectivesProgress(t.db, { cycleId: w.q1.id, now: NOW, linked: NO_LINKED_VALUES }).map((p) => [p.id, p.progress]));
    const page = getOkrTreePage(t.db, w.q1.id, NOW, NO_LINKED_VALUES, { limit: 10, offset: 20 });
    const flat = (nodes: Node[]): Node[] => nodes.flatMap((n) => [n, ...flat(n.children)]);
    const nodes = flat(page.roots as Node[]);
    expect(nodes.length).toBe(10);
    expect(nodes.filter((n) => n.progress !== null).length).toBeGreaterThan(3);
    for (const node of nodes) expect(node.progress, node.title).toBe(all.get(node.id));
  });
});

describe("GET /okrs", () => {
  const load = async (cookie: string, q: string) => {
    const res = await run(() => okrsLoader(args(get(`/okrs${q}`, cookie))));
    expect(res.status, q).toBe(200);
    return res.body as { tree: Node[]; paging: { params: { page: number; pageSize: number }; total: number; objectives: number } };
  };

  it("shows 25 top-level objectives a page; ?page and ?size move through them, the cycle kept", async () => {
    const w = world();
    const cookie = await cookieFor(w.ceo.id);
    const first = await load(cookie, `?cycle=${w.q1.id}`);
    expect([first.tree.length, first.paging.total, first.paging.objectives, first.paging.params.pageSize]).toEqual([25, 61, 63, 25]);
    const third = await load(cookie, `?cycle=${w.q1.id}&page=3`);
    expect(third.tree.length).toBe(11);
    expect(third.paging.params.page).toBe(3);
    const big = await load(cookie, `?cycle=${w.q1.id}&size=100`);
    expect(big.tree.map((n) => n.id)).toEqual([...first.tree, ...(await load(cookie, `?cycle=${w.q1.id}&page=2`)).tree, ...third.tree].map((n) => n.id));
  });

  it("a page past the end is empty with the totals kept; a malformed page or size falls back (never a 500)", async () => {
    const w = world();
    const cookie = await cookieFor(w.ceo.id);
    const past = await load(cookie, `?cycle=${w.q1.id}&page=4`);
    expect([past.tree.length, past.paging.total, past.paging.params.page]).toEqual([0, 61, 4]);
    for (const page of ["0", "-1", "abc", "1e3", "0x10", "2.5", "99999999999999999999", ""]) {
      const r = await load(cookie, `?cycle=${w.q1.id}&page=${page}`);
      expect([r.paging.params.page, r.tree.length], `page=${page}`).toEqual([1, 25]);
    }
    for (const size of ["7", "1000", "-25", "abc", "25.0"]) {
      const r = await load(cookie, `?cycle=${w.q1.id}&size=${size}`);
      expect([r.paging.params.pageSize, r.tree.length], `size=${size}`).toEqual([25, 25]);
    }
    expect((await load(cookie, `?cycle=${w.q1.id}&size=50`)).tree.length).toBe(50);
  });
});

describe("GET /okrs/mine", () => {
  const load = async (cookie: string, q: string) => {
    const res = await run(() => mineLoader(args(get(`/okrs/mine${q}`, cookie))));
    expect(res.status, q).toBe(200);
    return res.body as { keyResults: { id: number }[]; paging: { params: { page: number; pageSize: number }; total: number } };
  };

  it("pages my key results in SQL; the pages put together are the unpaged list; past the end and malformed pages", async () => {
    const w = world();
    const all = listMyKeyResults(t.db, w.lead, w.q1.id, NOW, NO_LINKED_VALUES);
    expect(all.length).toBe(2 * 30 + 1); // two on each of the 30 Core objectives, one owned on Payments; the archived one left out
    expect(countMyKeyResults(t.db, w.lead, w.q1.id)).toBe(all.length);
    expect(listMyKeyResults(t.db, w.lead, w.q1.id, NOW, NO_LINKED_VALUES, { limit: 25, offset: 50 })).toEqual(all.slice(50, 75));

    const cookie = await cookieFor(w.lead.id);
    const pages = [1, 2, 3].map((p) => load(cookie, `?cycle=${w.q1.id}${p > 1 ? `&page=${p}` : ""}`));
    const got = await Promise.all(pages);
    expect(got.map((g) => g.keyResults.length)).toEqual([25, 25, 11]);
    expect(got.every((g) => g.paging.total === 61)).toBe(true);
    expect(got.flatMap((g) => g.keyResults.map((k) => k.id))).toEqual(all.map((k) => k.id));

    const past = await load(cookie, `?cycle=${w.q1.id}&page=9`);
    expect([past.keyResults.length, past.paging.total]).toEqual([0, 61]);
    for (const page of ["0", "-3", "x", "1e2", "99999999999999999999"]) {
      const r = await load(cookie, `?cycle=${w.q1.id}&page=${page}`);
      expect([r.paging.params.page, r.keyResults.length], `page=${page}`).toEqual([1, 25]);
    }
    expect((await load(cookie, `?cycle=${w.q1.id}&size=100`)).keyResults.length).toBe(61);
  });
});
