import { can, PERMISSIONS, permissionsOf, type Actor, type Permission, type PermissionContext } from "./permissions";

const ceo: Actor = { id: 1, role: "ceo", teamId: null };
const cto: Actor = { id: 2, role: "cto", teamId: 10 };
const lead: Actor = { id: 3, role: "lead", teamId: 10 };
const viewer: Actor = { id: 4, role: "viewer", teamId: 10 };

type Case = [Actor, Permission, PermissionContext | undefined, boolean];
const cases: Case[] = [
  [viewer, "dashboards:read", undefined, true],
  // salaries
  [ceo, "salaries:employees:read", undefined, true],
  [cto, "salaries:employees:read", undefined, false],
  [lead, "salaries:employees:read", undefined, false],
  [cto, "salaries:requisitions:read", { teamIsTech: true }, true],
  [cto, "salaries:requisitions:read", { teamIsTech: false }, false],
  [lead, "salaries:requisitions:read", { teamIsTech: true, teamId: 10 }, false],
  [viewer, "salaries:requisitions:read", undefined, false],
  // finance
  [ceo, "finance:edit", { categoryIsIt: false }, true],
  [cto, "finance:edit", { categoryIsIt: true }, true],
  [cto, "finance:edit", { categoryIsIt: false }, false],
  [lead, "finance:edit", { categoryIsIt: true }, false],
  // delivery, tokens
  [cto, "delivery:edit", undefined, true],
  [lead, "delivery:edit", undefined, false],
  [viewer, "tokens:manage", undefined, false],
  [ceo, "tokens:manage", undefined, true],
  // okrs
  [lead, "okrs:edit", { teamId: 10 }, true],
  [lead, "okrs:edit", { teamId: 11 }, false],
  [lead, "okrs:edit", { teamId: null }, false],
  [cto, "okrs:edit", { teamId: null }, true],
  [lead, "okrs:checkin", { teamId: 11, ownerUserId: 3 }, true],
  [lead, "okrs:checkin", { teamId: 11, ownerUserId: 9 }, false],
  [viewer, "okrs:checkin", { teamId: 10 }, false],
  // risks
  [lead, "risks:edit", undefined, false],
  [lead, "risks:propose", undefined, true],
  [viewer, "risks:propose", undefined, false],
  // hiring
  [cto, "hiring:edit", { teamIsTech: true }, true],
  [cto, "hiring:edit", { teamIsTech: false }, false],
  [lead, "hiring:edit", { teamIsTech: true, teamId: 10 }, false],
  [lead, "hiring:propose", { teamId: 10 }, true],
  [lead, "hiring:propose", { teamId: 11 }, false],
  // teams (CTO: tech teams only)
  [ceo, "teams:manage", { teamIsTech: false }, true],
  [cto, "teams:manage", { teamIsTech: true }, true],
  [cto, "teams:manage", { teamIsTech: false }, false],
  [lead, "teams:manage", { teamIsTech: true, teamId: 10 }, false],
  [viewer, "teams:manage", undefined, false],
  // metric targets: CEO any domain (not KPI targets, edited on the KPI pages), CTO delivery only
  [ceo, "targets:edit", { metricDomain: "finance" }, true],
  [ceo, "targets:edit", { metricDomain: "delivery" }, true],
  [ceo, "targets:edit", { metricDomain: "kpi" }, false],
  [cto, "targets:edit", { metricDomain: "delivery" }, true],
  [cto, "targets:edit", { metricDomain: "finance" }, false],
  [cto, "targets:edit", undefined, true],
  [lead, "targets:edit", { metricDomain: "delivery" }, false],
  [viewer, "targets:edit", undefined, false],
  // admin
  [ceo, "users:manage", undefined, true],
  [cto, "users:manage", undefined, false],
  [cto, "audit:read", undefined, false],
];

describe("can()", () => {
  it.each(cases)("%o %s %o → %s", (actor, permission, ctx, expected) => {
    expect(can(actor, permission, ctx)).toBe(expected);
  });

  it("denies everything to nobody", () => {
    expect(can(null, "dashboards:read")).toBe(false);
  });
});

describe("permissionsOf()", () => {
  it("gives a viewer only read access", () => {
    expect(permissionsOf(viewer)).toEqual(["dashboards:read"]);
  });
  it("gives the CEO everything", () => {
    expect(permissionsOf(ceo)).toEqual([...PERMISSIONS]);
  });
});
