/**
 * Which routes take form posts, and which intents each action tells apart — read from the code,
 * so that a new action or intent shows up in the form tests' coverage checks by itself.
 */
import fs from "node:fs";
import path from "node:path";
import { matchRouteIds, routeManifest } from "./app";
import type { HtmlForm } from "./html-forms";

const ROUTES_DIR = path.resolve("app/routes");

/** Route files (name without extension) that export an action. */
export function actionRoutes(): string[] {
  return fs
    .readdirSync(ROUTES_DIR)
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
    .filter((f) => /export\s+(async\s+function\s+action\b|const\s+action\b|function\s+action\b)/.test(fs.readFileSync(path.join(ROUTES_DIR, f), "utf8")))
    .map((f) => f.replace(/\.tsx?$/, ""))
    .sort();
}

/** Routes under /api (JSON, bearer tokens): not forms. */
export function isApiRoute(route: string): boolean {
  return route.startsWith("api.");
}

/**
 * The intents a route's action distinguishes: the strings it compares `intent` with
 * (`intent === "x"`, `formData.get("intent") !== "x"`, `case "x":`) or names in a case of
 * `dispatchIntent` (`whenIntent("x", …)`, `whenIntent(["x", "y"], …)`, app/utils/intent-action.server.ts), or "checkin" when it
 * calls the shared `checkInAction`. A route whose action never
 * reads an intent has one branch, called "*".
 */
export function intentsOf(route: string): string[] {
  const file = ["tsx", "ts"].map((e) => path.join(ROUTES_DIR, `${route}.${e}`)).find((f) => fs.existsSync(f));
  if (!file) throw new Error(`no route file ${route}`);
  const src = fs.readFileSync(file, "utf8");
  const found = new Set<string>();
  for (const m of src.matchAll(/(?:\bintent|formData\.get\("intent"\))\s*[!=]==\s*"([\w-]+)"/g)) found.add(m[1]);
  for (const m of src.matchAll(/\bcase\s+"([\w-]+)"\s*:/g)) found.add(m[1]);
  for (const m of src.matchAll(/\bwhenIntent\(\s*("[\w-]+"|\[[^\]]*\])/g)) for (const i of m[1].matchAll(/"([\w-]+)"/g)) found.add(i[1]);
  // the shared check-in action (app/handlers/okrs.server.ts checkInAction) dispatches the one intent "checkin"
  if (/\bcheckInAction\(/.test(src)) found.add("checkin");
  return found.size ? [...found].sort() : ["*"];
}

/** The route (file name) a form posts to: the matched leaf, or the layout when an index route is hit without ?index. */
export function routeOfUrl(url: string): string {
  const u = new URL(url);
  const ids = matchRouteIds(u.pathname);
  let leaf = ids[ids.length - 1];
  const manifest = routeManifest();
  if (manifest[leaf]?.index && !u.searchParams.has("index") && ids.length > 1) leaf = ids[ids.length - 2];
  return leaf.replace(/^routes\//, "");
}

/** `route#intent` of a rendered form: its hidden intent when the action distinguishes it, else "*". */
export function formKey(form: HtmlForm): string {
  const route = routeOfUrl(form.action);
  const intents = intentsOf(route);
  const posted = form.entries().find(([n]) => n === "intent")?.[1];
  const intent = typeof posted === "string" && intents.includes(posted) ? posted : "*";
  return `${route}#${intent}`;
}

/** Every `route#intent` the code defines (API routes excluded). */
export function allFormKeys(): string[] {
  return actionRoutes()
    .filter((r) => !isApiRoute(r))
    .flatMap((r) => intentsOf(r).map((i) => `${r}#${i}`));
}
