/**
 * The Teams page's actions on a real database: who may create, rename, archive teams and set leads,
 * what is audited, and that an archived team is offered nowhere (services, users, requisitions).
 */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createRequisition, HiringInputError } from "~/models/hiring.server";
import { listTeamOptions } from "~/models/teams.server";
import { action as servicesAction } from "~/routes/delivery.services";
import { action as teamsAction, loader as teamsLoader } from "~/routes/teams";
import { insertService, insertTeam, insertUser } from "../../seeds/builders";
import { args, cookieFor, post } from "../helpers/actions";
import { freshDbPerTest } from "../helpers/db";

const t = freshDbPerTest();

async function run(fn: () => Promise<unknown>): Promise<{ status: number; fieldErrors?: Record<string, string[]> }> {
  const of = (v: unknown) => {
    if (v instanceof Response) return { status: v.status };
    if (v && typeof v === "object" && "init" in v) {
      const d = v as { init?: { status?: number }; data?: { fieldErrors?: Record<string, string[]> } };
      return { status: d.init?.status ?? 200, fieldErrors: d.data?.fieldErrors };
    }
    return { status: 200 };
  };
  try {
    return of(await fn());
  } catch (e) {
    return of(e);
  }
}

const teams = () => t.db.all<{ name: string; is_tech: number; archived_at: number | null }>(sql`select name, is_tech, archived_at from teams order by id`);
const audits = (type: string) => t.db.all<{ action: string }>(sql`select action from audit_log where entity_type = ${type} order by id`).map((a) => a.action);

describe("teams page", () => {
  it("the CEO creates, renames and archives teams of both kinds; every change is audited", async () => {
    const ceo = insertUser(t.db, { role: "ceo" });
    const c = await cookieFor(ceo.id);
    expect((await run(() => teamsAction(args(post("/teams", c, { intent: "create", name: "Platform", kind: "tech" }))))).status).toBe(200);
    expect((await run(() => teamsAction(args(post("/teams", c, { intent: "create", name: "Sales", kind: "non-tech" }))))).status).toBe(200);
    const dup = await run(() => teamsAction(args(post("/teams", c, { intent: "create", name: "platform", kind: "tech" }))));
    expect(dup).toEqual({ status: 400, fieldErrors: { name: ["is already the name of a team"] } });
    const bad = await run(() => teamsAction(args(post("/teams", c, { intent: "create", name: "", kind: "both" }))));
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.fieldErrors!).sort()).toEqual(["kind", "name"]);

    const [platform, sales] = t.db.all<{ id: number }>(sql`select id from teams order by id`);
    expect(
      (await run(() => teamsAction(args(post("/teams", c, { intent: "update", teamId: String(sales.id), name: "Sales & Marketing", kind: "non-tech" })))))
        .status,
    ).toBe(200);
    expect((await run(() => teamsAction(args(post("/teams", c, { intent: "archive", teamId: String(platform.id) }))))).status).toBe(200);
    expect(teams().map((x) => [x.name, x.is_tech, x.archived_at !== null])).toEqual([
      ["Platform", 1, true],
      ["Sales & Marketing", 0, false],
    ]);
    expect(audits("team")).toEqual(["create", "create", "update", "archive"]);
    // archived: offered in no select
    expect(listTeamOptions(t.db).map((x) => x.name)).toEqual(["Sales & Marketing"]);
    expect(listTeamOptions(t.db, [platform.id]).map((x) => x.name)).toEqual(["Platform", "Sales & Marketing"]);
  });

  it("a CTO manages tech teams only; a lead or viewer manages none", async () => {
    const cto = insertUser(t.db, { role: "cto" });
    const sales = insertTeam(t.db, { name: "Sales", isTech: false });
    const c = await cookieFor(cto.id);
    expect((await run(() => teamsAction(args(post("/teams", c, { intent: "create", name: "Data", kind: "tech" }))))).status).toBe(200);
    expect(await run(() => teamsAction(args(post("/teams", c, { intent: "create", name: "Legal", kind: "non-tech" }))))).toEqual({
      status: 400,
      fieldErrors: { kind: ["a CTO creates tech teams only"] },
    });
    expect((await run(() => teamsAction(args(post("/teams", c, { intent: "update", teamId: String(sales.id), name: "X", kind: "tech" }))))).status).toBe(403);
    expect((await run(() => teamsAction(args(post("/teams", c, { intent: "archive", teamId: String(sales.id) }))))).status).toBe(403);
    const data = t.db.get<{ id: number }>(sql`select id from teams where name = 'Data'`);
    // … nor turn a tech team into a non-tech one (it would leave the CTO's hands)
    expect((await run(() => teamsAction(args(post("/teams", c, { intent: "update", teamId: String(data.id), name: "Data", kind: "non-tech" }))))).status).toBe(
      400,
    );

    for (const role of ["lead", "viewer"] as const) {
      const u = insertUser(t.db, { role, teamId: data.id });
      const cu = await cookieFor(u.id);
      expect((await run(() => teamsAction(args(post("/teams", cu, { intent: "create", name: `T-${role}`, kind: "tech" }))))).status).toBe(403);
    }
    expect(teams().map((x) => x.name)).toEqual(["Sales", "Data"]);
  });

  it("the CEO sets and removes a team's lead; a CTO may not; CEO/CTO accounts are never made leads", async () => {
    const ceo = insertUser(t.db, { role: "ceo" });
    const cto = insertUser(t.db, { role: "cto" });
    const core = insertTeam(t.db, { name: "Core" });
    const viewer = insertUser(t.db, { role: "viewer", name: "Vera" });
    const c = await cookieFor(ceo.id);
    const ctoCookie = await cookieFor(cto.id);
    expect(
      (await run(() => teamsAction(args(post("/teams", ctoCookie, { intent: "set-lead", teamId: String(core.id), userId: String(viewer.id) }))))).status,
    ).toBe(403);
    expect((await run(() => teamsAction(args(post("/teams", c, { intent: "set-lead", teamId: String(core.id), userId: String(viewer.id) }))))).status).toBe(
      200,
    );
    expect(t.db.get<{ role: string; team_id: number }>(sql`select role, team_id from users where id = ${viewer.id}`)).toEqual({
      role: "lead",
      team_id: core.id,
    });
    const loaded = (await teamsLoader(args(new Request(`http://localhost/teams?team=${core.id}`, { headers: { Cookie: c } })))) as Awaited<
      ReturnType<typeof teamsLoader>
    >;
    expect(loaded.teams[0].leads.map((l) => l.name)).toEqual(["Vera"]);
    expect(loaded.members?.users.map((u) => u.name)).toEqual(["Vera"]);
    expect(await run(() => teamsAction(args(post("/teams", c, { intent: "set-lead", teamId: String(core.id), userId: String(cto.id) }))))).toEqual({
      status: 400,
      fieldErrors: { userId: ["a CEO or CTO account cannot be made a lead"] },
    });
    expect((await run(() => teamsAction(args(post("/teams", c, { intent: "unset-lead", teamId: String(core.id), userId: String(viewer.id) }))))).status).toBe(
      200,
    );
    expect(t.db.get<{ role: string }>(sql`select role from users where id = ${viewer.id}`).role).toBe("viewer");
    expect(audits("user")).toEqual(["set-lead", "unset-lead"]);
  });

  it("an archived team cannot be chosen for a service or a new requisition", async () => {
    const ceo = insertUser(t.db, { role: "ceo" });
    const old = insertTeam(t.db, { name: "Old", archivedAt: new Date() });
    const svc = insertService(t.db, { name: "api", teamId: old.id });
    const c = await cookieFor(ceo.id);
    expect(await run(() => servicesAction(args(post("/delivery/services", c, { intent: "create", name: "web", teamId: String(old.id) }))))).toEqual({
      status: 400,
      fieldErrors: { teamId: ["is archived"] },
    });
    // a service already on it keeps it when saved
    expect(
      (
        await run(() =>
          servicesAction(args(post("/delivery/services", c, { intent: "update", serviceId: String(svc.id), name: "api", teamId: String(old.id) }))),
        )
      ).status,
    ).toBe(200);
    expect(() =>
      createRequisition(t.db, ceo, {
        title: "Dev",
        teamId: old.id,
        profile: null,
        priority: "P1",
        targetStartMonth: "2027-01",
        annualSalaryCents: 5_000_000,
        source: null,
        status: "planned",
        objectiveId: null,
      }),
    ).toThrow(HiringInputError);
  });
});
