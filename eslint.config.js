// ESLint flat config (ESLint 9). `npm run lint` runs it with Prettier's check; decision 016 says why
// each plugin is here and what the layer rules below mean.
import js from "@eslint/js";
import importX from "eslint-plugin-import-x";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

/** `no-restricted-imports` patterns of one layer: what it may not import (decision 016). */
const forbid = (...groups) => ({
  "no-restricted-imports": ["error", { patterns: groups }],
});

const ROUTES = { group: ["~/routes", "~/routes/*"], message: "Nothing imports a route: move what is shared to app/lib, app/components or app/models." };
const ROOT = { group: ["~/root"], message: "Use useUser()/useOptionalUser()/useRootData() from ~/hooks/root-data instead of importing the root route." };
const COMPONENTS = { group: ["~/components/*"], message: "The layers run downwards: only routes import components." };
const MODELS = { group: ["~/models/*"], message: "Components and lib are below the models: pass data in as props or arguments." };
const DASHBOARDS = { group: ["~/dashboards/*"], message: "Read models (app/dashboards) are called by routes only." };
const HANDLERS = { group: ["~/handlers/*"], message: "Action handlers (app/handlers) are called by routes only." };
const DB = {
  // ~/utils/db.server, ~/utils/refs.server, …/db/client, …/db/schema, …/db/schema/<table> — not …/db/schema/enums (pure data)
  regex: "^(~/utils/(db|refs)\\.server|(\\.\\./)+db/(client|schema(/(?!enums$)[^/]+)?))$",
  message: "The database is reached through app/models only (db/schema/enums, pure data, is open to all).",
};
const ZOD = { group: ["zod"], message: "Input schemas live in app/lib/schemas/<domain>.server.ts: import the schema from there (issue 11, decision 031)." };
/** The zod calls that declare a schema (a model may still use z.NEVER and zod's types). */
const SCHEMA_BUILDERS =
  "/^(object|strictObject|looseObject|string|number|int|boolean|bigint|date|enum|literal|array|tuple|record|union|discriminatedUnion|intersection|preprocess|coerce)$/";
const SERVER_UTILS = { group: ["~/utils/*", "~/auth/*.server"], message: "app/lib is pure: no server utilities, sessions or guards." };

export default tseslint.config(
  {
    ignores: [
      "build/**",
      "build-*/**",
      "public/build/**",
      "node_modules/**",
      "db/migrations/**",
      "tests/.tmp/**",
      "test-results/**",
      "playwright-report/**",
      "data/**",
      "backups/**",
      "tests/visual/__screenshots__/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{js,mjs,cjs,ts,tsx}"],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { ...globals.node, ...globals.browser },
    },
    plugins: { "import-x": importX },
    settings: { "import-x/internal-regex": "^~/" },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "import-x/first": "error",
      "import-x/no-duplicates": "error",
      "import-x/order": [
        "error",
        {
          groups: ["builtin", "external", "internal", ["parent", "sibling", "index"]],
          "newlines-between": "never",
          alphabetize: { order: "asc", caseInsensitive: true },
        },
      ],
    },
  },
  {
    files: ["app/**/*.tsx"],
    plugins: { "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      // A page whose one purpose is a form (sign-in, first run, a grid cell being edited) focuses its
      // first field on purpose.
      "jsx-a11y/no-autofocus": "off",
      // A table that scrolls inside its box is a focusable region so keyboards can scroll it (axe:
      // scrollable-region-focusable).
      "jsx-a11y/no-noninteractive-tabindex": ["error", { roles: ["region"] }],
    },
  },
  // The layers (decision 016): each arrow runs downwards only.
  { files: ["app/routes/**"], rules: forbid(ROUTES, ROOT, ZOD) },
  { files: ["app/components/**"], rules: forbid(ROUTES, ROOT, MODELS, DASHBOARDS, HANDLERS, DB, ZOD) },
  { files: ["app/models/**"], rules: forbid(ROUTES, ROOT, COMPONENTS, DASHBOARDS, HANDLERS) },
  // A model may refine a schema from app/lib/schemas with what it looks up (z.NEVER, z types), never declare one (decision 031).
  {
    files: ["app/models/**"],
    ignores: ["**/*.test.{ts,tsx}"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: `CallExpression[callee.object.name='z'][callee.property.name=${SCHEMA_BUILDERS}], CallExpression[callee.object.object.name='z'][callee.object.property.name='coerce']`,
          message: "Input schemas live in app/lib/schemas/<domain>.server.ts; a model refines one there with its lookups (decision 031).",
        },
        {
          selector: "TSTypeReference[typeName.name=/^(FormData|URLSearchParams|URL|Request)$/]",
          message: "A model takes typed input: the route (or app/handlers) reads the form, the URL or the request and parses it first.",
        },
      ],
    },
  },
  { files: ["app/dashboards/**", "app/handlers/**"], rules: forbid(ROUTES, ROOT, COMPONENTS, ZOD) },
  { files: ["app/auth/**", "app/utils/**"], rules: forbid(ROUTES, ROOT, COMPONENTS, DASHBOARDS, HANDLERS) },
  // Translations (decision 023) sit beside app/lib: only language.server.ts reads the session and settings.
  { files: ["app/i18n/**"], ignores: ["app/i18n/language.server.ts"], rules: forbid(ROUTES, ROOT, COMPONENTS, MODELS, DASHBOARDS, HANDLERS, DB, SERVER_UTILS) },
  { files: ["app/i18n/language.server.ts"], rules: forbid(ROUTES, ROOT, COMPONENTS, DASHBOARDS, HANDLERS) },
  { files: ["app/lib/**"], ignores: ["app/lib/schemas/**"], rules: forbid(ROUTES, ROOT, COMPONENTS, MODELS, DASHBOARDS, HANDLERS, DB, SERVER_UTILS) },
  // Input schemas may check that a referenced row exists (refIdSchema) and name the input type a model
  // takes (a type-only import: no arrow at run time), nothing more.
  { files: ["app/lib/schemas/**"], rules: forbid(ROUTES, ROOT, COMPONENTS, { ...MODELS, allowTypeImports: true }, DASHBOARDS, HANDLERS) },
  // Tests may reach across the layers to set up what they test.
  { files: ["**/*.test.{ts,tsx}", "tests/**"], rules: { "no-restricted-imports": "off", "@typescript-eslint/no-explicit-any": "off" } },
);
