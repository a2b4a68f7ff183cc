import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DomainError } from "~/lib/errors";
import { answerForm, dispatchIntent, rowReplyTo, whenIntent } from "~/utils/intent-action.server";

/** A form as a browser posts it (application/x-www-form-urlencoded): fields in order, an unticked checkbox simply absent. */
function form(body: string): FormData {
  const fd = new FormData();
  for (const [k, v] of new URLSearchParams(body)) fd.append(k, v);
  return fd;
}

type Sent = { data?: unknown; init?: { status?: number } | null };

const Create = z.object({ intent: z.literal("create"), name: z.string().min(2, "too short"), public: z.literal("on").optional() });
const Update = z.object({ intent: z.literal("update"), rowId: z.coerce.number().int().positive(), name: z.string() });

function answer(fd: FormData, log: string[] = []) {
  return dispatchIntent(fd, [
    whenIntent("create", Create, (data, ctx) => ({ status: "ok" as const, intent: ctx.replyTo, name: data.name, public: data.public === "on" })),
    whenIntent("update", Update, (data, ctx) => ({ status: "ok" as const, intent: ctx.replyTo, id: data.rowId }), { replyTo: rowReplyTo("rowId") }),
    whenIntent(["hide", "show"], Update.omit({ intent: true }), (data, ctx) => ({ status: "ok" as const, intent: ctx.replyTo, hidden: ctx.intent === "hide" })),
    whenIntent(
      "archive",
      null,
      (data, ctx) => {
        log.push(`run ${ctx.intent}`);
        return { status: "ok" as const, intent: ctx.replyTo, data };
      },
      {
        replyTo: "rows",
        before: () => {
          log.push("before");
          if (fd.get("who") !== "ceo") throw new Response("forbidden", { status: 403 });
        },
      },
    ),
  ]);
}

describe("dispatchIntent", () => {
  it("runs the case of the posted intent with the parsed data (an unticked checkbox is absent)", () => {
    expect(answer(form("intent=create&name=++Core++"))).toEqual({ status: "ok", intent: "create", name: "Core", public: false });
    expect(answer(form("intent=create&name=Core&public=on"))).toEqual({ status: "ok", intent: "create", name: "Core", public: true });
    expect(answer(form("intent=update&rowId=7&name=x"))).toEqual({ status: "ok", intent: "update-7", id: 7 });
  });

  it("answers several intents with one case, which tells them apart", () => {
    expect(answer(form("intent=hide&rowId=3&name=x"))).toEqual({ status: "ok", intent: "hide", hidden: true });
    expect(answer(form("intent=show&rowId=3&name=x"))).toEqual({ status: "ok", intent: "show", hidden: false });
  });

  it("answers invalid input with a 400 holding the field's message and what was typed, addressed to the case's reply intent", () => {
    const bad = answer(form("intent=create&name=x")) as Sent;
    expect(bad.init?.status).toBe(400);
    expect(bad.data).toEqual({
      status: "error",
      intent: "create",
      fieldErrors: { name: ["too short"] },
      formErrors: [],
      values: { intent: "create", name: "x" },
    });
    const row = answer(form("intent=update&rowId=12")) as Sent;
    expect(row.init?.status).toBe(400);
    expect(row.data).toMatchObject({ intent: "update-12", values: { rowId: "12" } });
    expect(Object.keys((row.data as { fieldErrors: object }).fieldErrors)).toEqual(["name"]);
  });

  it("answers an intent no case names, or none at all, with a 400 on intent", () => {
    for (const fd of [form("intent=delete"), form("name=Core"), form("intent=toString")]) {
      const r = answer(fd) as Sent;
      expect(r.init?.status).toBe(400);
      expect(Object.keys((r.data as { fieldErrors: object }).fieldErrors)).toEqual(["intent"]);
    }
  });

  it("checks `before` ahead of everything else, and runs a case without a schema on the raw form", () => {
    const log: string[] = [];
    expect(() => answer(form("intent=archive"), log)).toThrow(Response);
    expect(log).toEqual(["before"]);
    log.length = 0;
    expect(answer(form("intent=archive&who=ceo"), log)).toEqual({ status: "ok", intent: "rows", data: null });
    expect(log).toEqual(["before", "run archive"]);
  });

  it("answers a DomainError the case throws in one place: input and rule as the form's 400 to replyTo, forbidden and not-found as 403 / 404", () => {
    const throwing = (err: unknown) => (fd: FormData) =>
      dispatchIntent(fd, [
        whenIntent(
          "update",
          Update,
          () => {
            throw err;
          },
          { replyTo: rowReplyTo("rowId") },
        ),
      ]);
    const fd = form("intent=update&rowId=7&name=Core");
    const onField = throwing(new DomainError("rule", "is closed", { name: ["is closed"] }))(fd) as Sent;
    expect(onField.init?.status).toBe(400);
    expect(onField.data).toMatchObject({ intent: "update-7", fieldErrors: { name: ["is closed"] }, formErrors: [], values: { name: "Core" } });
    const onForm = throwing(new DomainError("input", "someone changed it meanwhile"))(fd) as Sent;
    expect(onForm.init?.status).toBe(400);
    expect(onForm.data).toMatchObject({ intent: "update-7", fieldErrors: {}, formErrors: ["someone changed it meanwhile"] });
    for (const [kind, status] of [
      ["forbidden", 403],
      ["not-found", 404],
    ] as const) {
      let thrown: unknown;
      try {
        throwing(new DomainError(kind, "no"))(fd);
      } catch (e) {
        thrown = e;
      }
      expect((thrown as Sent).init?.status).toBe(status);
    }
    // anything else (a redirect, a bug) goes on untouched
    const redirect = new Response(null, { status: 302 });
    expect(() => throwing(redirect)(fd)).toThrow(expect.objectContaining({ status: 302 }) as unknown as Error);
    expect(() => throwing(new TypeError("bug"))(fd)).toThrow(TypeError);
  });
});

describe("answerForm (a page with one form)", () => {
  const Rename = z.object({ name: z.string().min(2, "too short") });
  const rename = (fd: FormData, run: (name: string) => unknown = (name) => ({ status: "ok", name })) =>
    answerForm(fd, Rename, ({ name }) => run(name), { replyTo: "rename" });

  it("runs with the parsed form, or answers its 400 addressed to replyTo with the input kept", () => {
    expect(rename(form("name=+Core+"))).toEqual({ status: "ok", name: "Core" });
    const bad = rename(form("name=C")) as Sent;
    expect(bad.init?.status).toBe(400);
    expect(bad.data).toMatchObject({ intent: "rename", fieldErrors: { name: ["too short"] }, values: { name: "C" } });
  });

  it("answers a DomainError the write throws like dispatchIntent, and lets anything else through", () => {
    const onField = rename(form("name=Core"), () => {
      throw new DomainError("rule", "is taken", { name: ["is taken"] });
    }) as Sent;
    expect(onField.init?.status).toBe(400);
    expect(onField.data).toMatchObject({ intent: "rename", fieldErrors: { name: ["is taken"] }, values: { name: "Core" } });
    expect(() =>
      rename(form("name=Core"), () => {
        throw new DomainError("forbidden", "no");
      }),
    ).toThrow(expect.objectContaining({ init: expect.objectContaining({ status: 403 }) }) as unknown as Error);
    expect(() =>
      rename(form("name=Core"), () => {
        throw new TypeError("bug");
      }),
    ).toThrow(TypeError);
  });
});
