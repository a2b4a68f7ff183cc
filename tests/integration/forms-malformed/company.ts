/** Malformed input over the forms of company structure (teams, budget categories, frameworks), a person's profile, settings, API tokens, webhook sources and the session (login, theme): the tables (tests/helpers/malformed-forms.ts runs them). */
import { sql } from "drizzle-orm";
import { checkbox, decimal, email, id, int, listed, oneOf, text } from "../../helpers/bad-inputs";
import { LONG, MISSING, SCRIPT } from "../../helpers/bad-values";
import { type FormTable, type ImportTable, form, idOf, page, s } from "../../helpers/malformed-forms";
import {
  categories,
  category,
  compliance,
  fxId,
  secretDuplicate,
  settings,
  teams,
  tokens,
  webhookFields,
  webhookSecret,
  webhookSource,
} from "../../helpers/malformed-pages";
import { ctoForbidden, forbidden, leadForbidden, noPage, refuse, unknownIntent, unknownRow, viewerForbidden } from "../../helpers/malformed-refusals";

export const TABLES: FormTable[] = [
  // ---------------------------------------------------------------- teams, budget categories, frameworks (company structure)
  form(teams, "create", "ceo", { name: text({ max: 80 }, "Malformed team"), kind: oneOf("tech", {}, "tech") }, [
    refuse("name already used", "name", { name: "core" }),
    viewerForbidden,
    unknownIntent,
  ]),
  form(teams, "update", "ceo", { teamId: id({}, fxId("core")), name: text({ max: 80 }, "Core"), kind: oneOf("tech", {}, "tech") }, [
    unknownRow("team", "teamId"),
    viewerForbidden,
  ]),
  ...(["archive", "restore"] as const).map((intent) =>
    form(teams, intent, "ceo", { teamId: id({}, fxId("otherTeam")) }, [unknownRow("team", "teamId"), viewerForbidden]),
  ),
  ...(["set-lead", "unset-lead"] as const).map((intent) =>
    form(teams, intent, "ceo", { teamId: id({}, fxId("core")), userId: id({}, idOf(sql`select id from users where email = 'lead@innovatech.test'`)) }, [
      unknownRow("user", "userId"),
      ctoForbidden,
    ]),
  ),
  form(categories, "create", "ceo", { name: text({ max: 80 }, "Malformed category"), group: oneOf("other", {}, "other"), isSalesMarketing: checkbox() }, [
    refuse("name already used", "name", { name: "marketing" }),
    refuse("the CTO adds a non-IT category", "group", {}, { as: "cto" }),
    viewerForbidden,
    unknownIntent,
  ]),
  form(categories, "update", "ceo", { categoryId: id({}, category("Marketing")), name: text({ max: 80 }, "Marketing"), group: oneOf("other", {}, "other") }, [
    unknownRow("category", "categoryId"),
    viewerForbidden,
  ]),
  ...(["archive", "restore"] as const).map((intent) =>
    form(categories, intent, "ceo", { categoryId: id({}, category("Other")) }, [unknownRow("category", "categoryId"), viewerForbidden]),
  ),
  form(
    categories,
    "envelope",
    "ceo",
    {
      categoryId: id({}, category("Marketing")),
      year: listed(
        [
          ["missing", MISSING],
          ["1999", "1999"],
          ["text", "soon"],
        ],
        "2031",
      ),
      amount: listed(
        [
          ["negative", "-5"],
          ["text", "lots"],
          ["3 decimals", "1.005"],
        ],
        "1000",
      ),
    },
    [forbidden("cto", "the CTO sets a non-IT envelope"), viewerForbidden],
  ),
  form(
    compliance,
    "create-framework",
    "cto",
    {
      name: text({ max: 80, min: 2 }, "Malformed framework"),
      description: "",
      targetDate: listed(
        [
          ["impossible date", "2030-02-30"],
          ["text", "soon"],
        ],
        "2030-01-31",
      ),
    },
    [refuse("name already used", "name", { name: "gdpr" }), leadForbidden],
  ),
  form(
    compliance,
    "update-framework",
    "cto",
    {
      frameworkId: idOf(sql`select id from compliance_frameworks where key = 'gdpr'`),
      name: text({ max: 80, min: 2 }, "GDPR"),
      targetDate: listed([["impossible date", "2030-02-30"]], ""),
    },
    [unknownRow("framework", "frameworkId"), leadForbidden],
  ),
  // archived, then restored: the framework ends as it began
  ...(["archive-framework", "restore-framework"] as const).map((intent) =>
    form(compliance, intent, "cto", { frameworkId: id({}, idOf(sql`select id from compliance_frameworks where key = 'soc2'`)) }, [
      unknownRow("framework", "frameworkId"),
      leadForbidden,
    ]),
  ),
  // ---------------------------------------------------------------- a person's profile
  // missing or empty language = the company's default, a valid choice
  form(
    page("profile", () => import("~/routes/profile"), "/profile"),
    "*",
    "lead",
    { language: oneOf("fr", { required: false }, "fr") },
  ),
  // ---------------------------------------------------------------- settings
  form(
    settings,
    "settings",
    "ceo",
    {
      companyName: text({ max: 120 }, "InnovaTech Solutions"),
      currency: oneOf("EUR", {}, "EUR").and(["euro sign", "€"]),
      locale: listed(
        [
          ["missing", MISSING],
          ["empty", ""],
          ["not a locale", "xx-INVALID-@@"],
          ["<script>", SCRIPT],
          ["10k characters", LONG],
          ["duplicate field", ["fr-FR", "en-GB"]],
        ],
        "fr-FR",
      ),
      timeZone: listed(
        [
          ["missing", MISSING],
          ["empty", ""],
          ["unknown zone", "Mars/Olympus"],
          ["<script>", SCRIPT],
          ["10k characters", LONG],
          ["duplicate field", ["Europe/Paris", "UTC"]],
        ],
        "Europe/Paris",
      ),
      loadedCostFactor: decimal({ min: 1, max: 3 }, "1.45"),
      grossMarginPercent: decimal({ max: 100 }, "75").and(["zero", "0"]),
      headcountTarget: int({ min: 1, max: 100_000 }, "100"),
      fiscalYearStartMonth: "1",
    },
    [ctoForbidden, unknownIntent],
  ),
  form(
    settings,
    "create-user",
    "ceo",
    {
      email: email("malformed.new@innovatech.test"),
      name: text({ max: 120 }, "Malformed New"),
      role: oneOf("viewer", {}, "viewer"),
      teamId: id({ required: false }, ""),
      password: listed(
        [
          ["missing", MISSING],
          ["empty", ""],
          ["11 characters", "x".repeat(11)],
          ["201 characters", "x".repeat(201)],
          ["10k characters", LONG],
          ["duplicate field", ["a-long-enough-password", "another-long-password"]],
        ],
        "a-long-enough-password",
      ),
    },
    [unknownRow("team", "teamId"), refuse("email already used", "email", { email: "CEO@innovatech.test" }), viewerForbidden],
    { secret: ["password"] },
  ),
  form(
    settings,
    "update-user",
    "ceo",
    {
      userId: id({}, fxId("user")),
      name: text({ max: 120 }, "Malformed Fixture"),
      role: oneOf("viewer", {}, "viewer"),
      teamId: id({ required: false }, ""),
      active: checkbox("on"),
    },
    [
      unknownRow("user", "userId"),
      unknownRow("team", "teamId"),
      refuse("the CEO deactivates themself (box unticked)", "role", (f) => ({ userId: s(f.ceo), role: "ceo", active: MISSING })),
      refuse("the CEO demotes themself", "role", (f) => ({ userId: s(f.ceo), role: "cto" })),
      viewerForbidden,
    ],
  ),
  form(
    tokens,
    "create",
    "cto",
    {
      name: text({ max: 100 }, "Malformed token"),
      scopes: listed(
        [
          ["none ticked (missing)", MISSING],
          ["empty", ""],
          ["unknown scope", "bogus"],
          ["a known and an unknown scope", ["metrics:read", "bogus"]],
          ["<script>", SCRIPT],
          ["10k characters", LONG],
        ],
        ["metrics:read"],
      ),
    },
    [refuse("finance:read granted by the CTO", "scopes", { scopes: ["metrics:read", "finance:read"] }), viewerForbidden, leadForbidden, unknownIntent],
  ),
  form(tokens, "revoke", "cto", { tokenId: id({}, fxId("token")) }, [unknownRow("token", "tokenId"), viewerForbidden]),
  // ---------------------------------------------------------------- webhook sources
  form(
    page("settings.webhooks._index", () => import("~/routes/settings.webhooks._index"), "/settings/webhooks"),
    "*",
    "cto",
    {
      intent: "create",
      kind: oneOf("github", {}, "gitlab"),
      ...webhookFields(
        "production",
        [
          ["a line without =", "innovatech/api-gateway"],
          ["an unknown service", "a/b = no-such-service"],
          ["a value mapped twice", "a/b = api-gateway\nA/B = api-gateway"],
        ],
        [
          ["a space", "service name"],
          ["starts with a digit", "1service"],
          ["<script>", SCRIPT],
          ["10k characters", LONG],
          ["duplicate field", ["job", "app"]],
        ],
      ),
      name: text({ max: 100 }, "Malformed GitLab source"),
      secret: webhookSecret([], "").and(["10k characters", LONG], secretDuplicate),
    },
    [
      unknownRow("default service", "defaultServiceId"),
      refuse("a name already taken", "name", { name: "Malformed webhook source" }),
      viewerForbidden,
      leadForbidden,
      unknownIntent,
    ],
    { secret: ["secret"] },
  ),
  form(
    webhookSource,
    "update",
    "cto",
    {
      ...webhookFields(
        "prod",
        [["an unknown service", "a/b = no-such-service"]],
        [
          ["a space", "service name"],
          ["10k characters", LONG],
        ],
      ),
    },
    [
      unknownRow("default service", "defaultServiceId"),
      noPage("unknown source", "sourceId"),
      noPage("source id not a number", "sourceId", "abc"),
      viewerForbidden,
      unknownIntent,
    ],
  ),
  form(
    webhookSource,
    "set-secret",
    "cto",
    {
      secret: webhookSecret(
        [
          ["missing", MISSING],
          ["empty", ""],
        ],
        "pagerduty-signing-secret-0123456789",
      ).and(secretDuplicate),
    },
    [noPage("unknown source", "sourceId"), viewerForbidden],
    { secret: ["secret"] },
  ),
  form(webhookSource, "rotate", "cto", {}, [noPage("unknown source", "sourceId"), viewerForbidden, leadForbidden]),
  form(webhookSource, "delete", "cto", {}, [noPage("unknown source", "sourceId"), viewerForbidden]),
  // ---------------------------------------------------------------- session
  form(
    page("login", () => import("~/routes/login"), "/login"),
    "*",
    "viewer",
    {
      email: email("viewer@innovatech.test"),
      password: listed(
        [
          ["missing", MISSING],
          ["empty", ""],
          ["1025 characters", "x".repeat(1025)],
          ["10k characters", LONG],
          ["duplicate field", ["a", "b"]],
        ],
        "innovatech-demo",
      ),
      redirectTo: "/",
    },
    [],
    { secret: ["password"] },
  ),
  form(
    page("resources.theme", () => import("~/routes/resources.theme"), "/resources/theme"),
    "*",
    "viewer",
    { theme: oneOf("dark", {}, "dark"), redirectTo: "/" },
  ),
];

export const IMPORT_TABLES: ImportTable[] = [];
