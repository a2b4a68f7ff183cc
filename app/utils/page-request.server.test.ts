import { describe, expect, it } from "vitest";
import { pageRequest } from "~/utils/page-request.server";
import { insertUser } from "../../seeds/builders";
import { cookieFor, get, run } from "../../tests/helpers/actions";
import { freshDbPerTest } from "../../tests/helpers/db";

const t = freshDbPerTest();

describe("pageRequest", () => {
  it("gives the signed-in user, the database and the URL", async () => {
    const viewer = insertUser(t.db, { role: "viewer" });
    const page = await pageRequest(get("/risks?status=open", await cookieFor(viewer.id)));
    expect(page.user.id).toBe(viewer.id);
    expect(page.db).toBe(t.db);
    expect(page.url.searchParams.get("status")).toBe("open");
  });

  it("refuses with 403 a user without the permission named, and sends an anonymous visitor to sign in", async () => {
    const viewer = insertUser(t.db, { role: "viewer" });
    const ceo = insertUser(t.db, { role: "ceo" });
    const viewerCookie = await cookieFor(viewer.id);
    expect((await run(() => pageRequest(get("/audit", viewerCookie), "audit:read"))).status).toBe(403);
    expect((await pageRequest(get("/audit", await cookieFor(ceo.id)), "audit:read")).user.id).toBe(ceo.id);
    const anonymous = await run(() => pageRequest(get("/audit", ""), "audit:read"));
    expect([302, 303]).toContain(anonymous.status);
  });
});
