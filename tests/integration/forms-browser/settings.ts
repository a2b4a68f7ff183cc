/** Browser posts of the forms of settings, API tokens, webhook sources, the session and theme, a person's own profile (run in order by tests/integration/forms-browser-posts.test.ts). */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { insertUser } from "../../../seeds/builders";
import { pickForm } from "../../helpers/app";
import { covered, expectAudit, expectRefusedKeepingInput, noteForms, one, submit, submitOk, w } from "../../helpers/browser-posts";
import { formKey } from "../../helpers/form-inventory";

export function settingsCases() {
  describe("settings (CEO)", () => {
    it("settings#settings: company settings saved", async () => {
      const s = await submitOk("ceo", "/settings", { intent: "settings" }, (f) => f.fill("companyName", "InnovaTech SAS").fill("headcountTarget", "120"));
      expect(one<{ n: string; h: number }>(sql`select company_name as n, headcount_target as h from company_settings`)).toEqual({
        n: "InnovaTech SAS",
        h: 120,
      });
      expectAudit(s.audits, { entityType: "company_settings", actor: w.ids.ceo });
    });

    it("settings#create-user: a lead of Core created, password stored hashed", async () => {
      const s = await submitOk("ceo", "/settings", { intent: "create-user" }, (f) =>
        f
          .fill("email", "New.Lead@Innovatech.test")
          .fill("name", "New Lead")
          .fill("password", "a-long-enough-password")
          .select("role", "lead")
          .select("teamId", String(w.core)),
      );
      const row = one<{ id: number; role: string; teamId: number; active: number; hash: string }>(
        sql`select id, role, team_id as teamId, active, password_hash as hash from users where email = 'new.lead@innovatech.test'`,
      );
      expect(row).toMatchObject({ role: "lead", teamId: w.core, active: 1 });
      expect(row.hash).not.toContain("a-long-enough-password");
      expectAudit(s.audits, { entityType: "user", action: "create", entityId: row.id, actor: w.ids.ceo });
    });

    it("settings#update-user: 'active' unticked (absent from the body) deactivates the user", async () => {
      const u = insertUser(w.db, { email: "to.deactivate@innovatech.test", name: "To Deactivate", role: "viewer" });
      const s = await submit("ceo", "/settings", { intent: "update-user", userId: String(u.id) }, (f) => f.uncheck("active"));
      expect(s.sent.map(([n]) => n)).not.toContain("active");
      expect(s.res.status).toBe(200);
      expect(one<{ active: number }>(sql`select active from users where id = ${u.id}`).active).toBe(0);
      expectAudit(s.audits, { entityType: "user", entityId: u.id, actor: w.ids.ceo });
    });

    it("settings#update-user: ticking 'active' again and changing the role", async () => {
      const u = insertUser(w.db, { email: "to.reactivate@innovatech.test", role: "viewer", active: false });
      const s = await submit("ceo", "/settings", { intent: "update-user", userId: String(u.id) }, (f) =>
        f.check("active").select("role", "lead").select("teamId", String(w.core)),
      );
      expect(s.sent).toContainEqual(["active", "on"]);
      expect(s.res.status).toBe(200);
      expect(one(sql`select active, role, team_id as teamId from users where id = ${u.id}`)).toEqual({ active: 1, role: "lead", teamId: w.core });
      expectAudit(s.audits, { entityType: "user", entityId: u.id, actor: w.ids.ceo });
    });

    it("settings#create-user refused (bad email): 400, input kept except the password", async () => {
      await expectRefusedKeepingInput(
        "ceo",
        "/settings",
        { intent: "create-user" },
        (f) => f.fill("email", "not an email").fill("name", "Kept Name").fill("password", "a-long-enough-password").select("role", "cto"),
        { secret: ["password"] },
      );
    });

    it("settings#update-user refused (empty name): 400, the row keeps what was typed, unticked box included", async () => {
      const u = insertUser(w.db, { email: "keep.row@innovatech.test", name: "Keep Row", role: "viewer" });
      await expectRefusedKeepingInput("ceo", "/settings", { intent: "update-user", userId: String(u.id) }, (f) =>
        f.fill("name", "").uncheck("active").select("role", "cto"),
      );
    });
  });
}

export function tokenCases() {
  describe("API tokens (CEO, CTO)", () => {
    it("settings.tokens#create: one scope ticked (checkbox group)", async () => {
      const s = await submit("cto", "/settings/tokens", { intent: "create" }, (f) =>
        f.fill("name", "CI metrics").uncheck("scopes", "deployments:write").uncheck("scopes", "incidents:write").check("scopes", "metrics:read"),
      );
      expect(s.sent.filter(([n]) => n === "scopes")).toEqual([["scopes", "metrics:read"]]);
      expect(s.res.status).toBe(200);
      const row = one<{ id: number; scopes: string; by: number }>(sql`select id, scopes, created_by_user_id as by from api_tokens where name = 'CI metrics'`);
      expect(row).toMatchObject({ scopes: "metrics:read", by: w.ids.cto });
      expect(s.res.html).toContain("Copy the token now");
      expectAudit(s.audits, { entityType: "api_token", entityId: row.id, actor: w.ids.cto });
    });

    it("settings.tokens#create: several scopes, finance:read granted by the CEO", async () => {
      const s = await submit("ceo", "/settings/tokens", { intent: "create" }, (f) =>
        f.fill("name", "Board pack").check("scopes", "finance:read").check("scopes", "import:write"),
      );
      expect(s.sent.filter(([n]) => n === "scopes").map(([, v]) => v)).toEqual(["deployments:write", "incidents:write", "finance:read", "import:write"]);
      expect(s.res.status).toBe(200);
      const row = one<{ id: number; scopes: string }>(sql`select id, scopes from api_tokens where name = 'Board pack'`);
      expect(row.scopes.split(",").sort()).toEqual(["deployments:write", "finance:read", "import:write", "incidents:write"]);
      expectAudit(s.audits, { entityType: "api_token", entityId: row.id, actor: w.ids.ceo });
    });

    it("settings.tokens#create refused (no scope ticked): 400, name kept", async () => {
      await expectRefusedKeepingInput("cto", "/settings/tokens", { intent: "create" }, (f) =>
        f.fill("name", "Nothing ticked").uncheck("scopes", "deployments:write").uncheck("scopes", "incidents:write"),
      );
    });

    it("settings.tokens#create refused (no name): 400, the ticked scopes (several) come back ticked", async () => {
      const r = await expectRefusedKeepingInput("cto", "/settings/tokens", { intent: "create" }, (f) =>
        f.fill("name", "").uncheck("scopes", "deployments:write").check("scopes", "metrics:read").check("scopes", "import:write"),
      );
      expect(r.sent.filter(([n]) => n === "scopes").map(([, v]) => v)).toEqual(["incidents:write", "metrics:read", "import:write"]);
    });

    it("settings.tokens#revoke", async () => {
      const id = one<{ id: number }>(sql`select id from api_tokens where name = 'CI metrics'`).id;
      const s = await submitOk("cto", "/settings/tokens", { intent: "revoke", tokenId: String(id) });
      expect(one<{ r: number | null }>(sql`select revoked_at as r from api_tokens where id = ${id}`).r).not.toBeNull();
      expectAudit(s.audits, { entityType: "api_token", entityId: id, actor: w.ids.cto });
    });
  });
}

export function webhookSourceCases() {
  describe("webhook sources (CEO, CTO)", () => {
    const sourceId = () => one<{ id: number }>(sql`select id from webhook_sources where name = 'GitHub — api-gateway'`).id;

    it("settings.webhooks._index#*: a GitHub source with a rule; its secret shown once, stored sealed", async () => {
      const s = await submitOk("cto", "/settings/webhooks", { intent: "create" }, (f) =>
        f.select("kind", "github").fill("name", "GitHub — api-gateway").fill("mappings", "innovatech/api-gateway = api-gateway"),
      );
      const row = one<{ id: number; kind: string; box: string; env: string }>(
        sql`select id, kind, secret_box as box, production_environment as env from webhook_sources where name = 'GitHub — api-gateway'`,
      );
      expect(row).toMatchObject({ kind: "github", env: "production" });
      const shown = /data-testid="new-source-secret">(whsec_[\w-]+)</.exec(s.res.html)?.[1];
      expect(shown).toBeDefined();
      expect(row.box).not.toContain(shown!);
      expect(
        one<{ n: number }>(sql`select count(*) as n from webhook_service_mappings where source_id = ${row.id} and match_value = 'innovatech/api-gateway'`).n,
      ).toBe(1);
      const audit = expectAudit(s.audits, { entityType: "webhook_source", action: "create", entityId: row.id, actor: w.ids.cto });
      expect(audit.after ?? "").not.toContain(shown!);
    });

    it("settings.webhooks._index#* refused (a rule names no service): 400, input kept, the typed secret not sent back", async () => {
      await expectRefusedKeepingInput(
        "cto",
        "/settings/webhooks",
        { intent: "create" },
        (f) =>
          f
            .select("kind", "alertmanager")
            .fill("name", "Alertmanager")
            .fill("mappings", "api = no-such-service")
            .fill("serviceLabel", "job")
            .fill("secret", "my-own-secret-0123456789"),
        { secret: ["secret"] },
      );
    });

    it("settings.webhooks.$sourceId#update: rules, default service and production environment", async () => {
      const id = sourceId();
      const service = one<{ id: number }>(sql`select id from services where name = 'web-app'`).id;
      const s = await submitOk("cto", `/settings/webhooks/${id}`, { intent: "update" }, (f) =>
        f
          .fill("mappings", "innovatech/api-gateway = api-gateway\ninnovatech/web = web-app")
          .select("defaultServiceId", String(service))
          .fill("productionEnvironment", "prod"),
      );
      expect(one(sql`select production_environment as env, default_service_id as d from webhook_sources where id = ${id}`)).toEqual({
        env: "prod",
        d: service,
      });
      expect(one<{ n: number }>(sql`select count(*) as n from webhook_service_mappings where source_id = ${id}`).n).toBe(2);
      expectAudit(s.audits, { entityType: "webhook_source", action: "update", entityId: id, actor: w.ids.cto });
    });

    it("settings.webhooks.$sourceId#update refused (no name): 400, input kept", async () => {
      await expectRefusedKeepingInput("cto", `/settings/webhooks/${sourceId()}`, { intent: "update" }, (f) =>
        f.fill("name", "").fill("mappings", "x/y = api-gateway"),
      );
    });

    it("settings.webhooks.$sourceId#rotate: a new secret shown once", async () => {
      const id = sourceId();
      const before = one<{ h: string }>(sql`select secret_hint as h from webhook_sources where id = ${id}`).h;
      const s = await submitOk("cto", `/settings/webhooks/${id}`, { intent: "rotate" });
      expect(s.res.html).toContain("Copy the new secret now");
      expect(one<{ h: string }>(sql`select secret_hint as h from webhook_sources where id = ${id}`).h).not.toBe(before);
      expectAudit(s.audits, { entityType: "webhook_source", action: "rotate_secret", entityId: id, actor: w.ids.cto });
    });

    it("settings.webhooks.$sourceId#set-secret: the sender's own secret", async () => {
      const id = sourceId();
      const s = await submitOk("cto", `/settings/webhooks/${id}`, { intent: "set-secret" }, (f) => f.fill("secret", "pagerduty-signing-secret-abcdef"));
      expect(one<{ h: string }>(sql`select secret_hint as h from webhook_sources where id = ${id}`).h).toBe("cdef");
      expectAudit(s.audits, { entityType: "webhook_source", action: "set_secret", entityId: id, actor: w.ids.cto });
    });

    it("settings.webhooks.$sourceId#set-secret refused (too short): 400, the secret not sent back", async () => {
      await expectRefusedKeepingInput("cto", `/settings/webhooks/${sourceId()}`, { intent: "set-secret" }, (f) => f.fill("secret", "short"), {
        secret: ["secret"],
      });
    });

    it("settings.webhooks.$sourceId#delete: back to the list, the source gone", async () => {
      const id = sourceId();
      const s = await submit("ceo", `/settings/webhooks/${id}`, { intent: "delete" });
      expect(s.res.status).toBe(302);
      expect(s.res.location).toBe("/settings/webhooks");
      expect(one<{ n: number }>(sql`select count(*) as n from webhook_sources where id = ${id}`).n).toBe(0);
      expectAudit(s.audits, { entityType: "webhook_source", action: "delete", entityId: id, actor: w.ids.ceo });
    });
  });
}

export function sessionCases() {
  describe("session and theme", () => {
    it("login#*: the login form signs in (cookie set, audit entry)", async () => {
      const s = await submit("anonymous", "/login?redirectTo=/okrs", {}, (f) => f.fill("email", "viewer@innovatech.test").fill("password", "innovatech-demo"));
      expect(s.res.status).toBe(302);
      expect(s.res.location).toBe("/okrs");
      expectAudit(s.audits, { entityType: "session", action: "login", actor: w.ids.viewer });
    });

    it("login#* refused (wrong password): 400, email kept, password not sent back", async () => {
      const s = await submit("anonymous", "/login", {}, (f) => f.fill("email", "viewer@innovatech.test").fill("password", "wrong-password"));
      expect(s.res.status).toBe(400);
      const again = pickForm(s.res, {});
      expect(again.valueOf("email")).toBe("viewer@innovatech.test");
      expect(again.valueOf("password")).toBe("");
    });

    it("resources.theme#*: the 'Dark' button sends theme=dark (the submitter's name and value)", async () => {
      const s = await submit("viewer", "/okrs", { redirectTo: "/okrs" }, undefined, { submitter: "dark", to: "/resources/theme" });
      expect(s.sent).toEqual([
        ["redirectTo", "/okrs"],
        ["theme", "dark"],
      ]);
      expect(s.res.status).toBe(302);
      expect(s.res.location).toBe("/okrs");
    });

    it("logout#*: the session is deleted, and the sign-out is in the audit log", async () => {
      const u = insertUser(w.db, { email: "logout.me@innovatech.test", role: "viewer" });
      const { cookieFor } = await import("../../helpers/app");
      const { browser } = await import("../../helpers/app");
      const b = browser(await cookieFor(u.id));
      const page = await b.get("/okrs");
      noteForms(page);
      const form = page.forms.find((f) => new URL(f.action).pathname === "/logout")!;
      covered.add(formKey(form));
      expect(one(sql`select count(*) as n from sessions where user_id = ${u.id}`)).toEqual({ n: 1 });
      const res = await b.submit(form);
      expect(res.status).toBe(302);
      expect(res.location).toBe("/login");
      expect(one(sql`select count(*) as n from sessions where user_id = ${u.id}`)).toEqual({ n: 0 });
      expect(
        one(sql`select action, entity_type as entityType, entity_id as entityId from audit_log where actor_user_id = ${u.id} order by id desc limit 1`),
      ).toEqual({
        action: "logout",
        entityType: "session",
        entityId: String(u.id),
      });
    });
  });
}

export function profileCases() {
  describe("a person's own profile", () => {
    it("profile#*: a lead reads French, then the company's default again; each change audited", async () => {
      const fr = await submitOk("lead", "/profile", {}, (f) => f.select("language", "fr"));
      expect(one<{ l: string | null }>(sql`select language as l from users where id = ${w.ids.lead}`)).toEqual({ l: "fr" });
      expectAudit(fr.audits, { entityType: "user", action: "update", entityId: w.ids.lead, actor: w.ids.lead });
      await submitOk("lead", "/profile", {}, (f) => f.select("language", ""));
      expect(one<{ l: string | null }>(sql`select language as l from users where id = ${w.ids.lead}`)).toEqual({ l: null });
    });
  });
}
