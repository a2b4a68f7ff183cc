/**
 * The translation catalogue's scanner (docs/decisions/023): finds every text the code translates
 * and compares it with app/locales/<lng>/<ns>.json.
 *
 * A text is found where it is written as the first argument of
 *   t("…"), i18n.t("…"), serverT("…"), N_("…")   (N_ marks a text translated later, e.g. a label table)
 * and belongs to the namespace given as `{ ns: "…" }` (N_'s second argument), else to `validation`
 * for serverT and for N_ in a .server.ts file (the messages the server writes), else to the file's
 * first `useTranslation("…")` / `useTranslation(["…", …])`, else to `common`. A key with `count` in its options is a plural: the files hold one entry per
 * plural category of the language (`key_one`, `key_other`; French also `key_many`).
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { LANGUAGES, NAMESPACES, type Language, type Namespace } from "~/i18n/config";

export type FoundKey = { key: string; ns: Namespace; plural: boolean; file: string; line: number };
export type Scan = { keys: FoundKey[]; problems: string[] };

const CALLEES = new Set(["t", "serverT", "N_"]);
/** In .server.ts files, serverT and N_ default to the namespace of the messages the server writes. */
const SERVER_DEFAULT_NS: Namespace = "validation";

function listSources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listSources(full));
    else if (/\.(ts|tsx)$/.test(entry.name) && !/\.test\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith(".d.ts")) out.push(full);
  }
  return out;
}

function literalText(node: ts.Node | undefined): string | null {
  if (!node) return null;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  return null;
}

function isNamespace(value: string | null): value is Namespace {
  return value !== null && (NAMESPACES as readonly string[]).includes(value);
}

/** Elements whose text is code or a symbol, never a sentence: left as written. */
const CODE_ELEMENTS = new Set(["code", "pre", "kbd", "samp", "abbr"]);
/** Attributes a reader sees or hears. */
const READ_ATTRIBUTES = new Set(["aria-label", "title", "placeholder", "alt", "label", "hint", "description"]);
/** Words no translation changes: acronyms and product names ("IT", "HTTP", "(UTC)", "ARR"). */
const UNTRANSLATED = /^[\s(]*(?:[A-Z]{2,}|[A-Z][a-z]+[A-Z]\w*)[\s)]*$/;

function enclosingElement(node: ts.Node): string | null {
  const parent = node.parent;
  if (parent && ts.isJsxElement(parent)) return parent.openingElement.tagName.getText();
  return null;
}

/**
 * Text written straight into JSX — `<p>No decision yet</p>`, `title="Close"` — escapes the catalogue:
 * it reads English on a French page. Every such text is a problem, except code (`<code>` …) and
 * acronyms; a sentence goes through `t()`.
 */
function untranslatedJsx(source: ts.SourceFile, rel: string): string[] {
  const out: string[] = [];
  const report = (node: ts.Node, text: string) =>
    out.push(`${rel}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: text outside t(): "${text.trim().slice(0, 60)}"`);
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && /\p{L}{2,}/u.test(node.text) && !UNTRANSLATED.test(node.text)) {
      const element = enclosingElement(node);
      if (!element || !CODE_ELEMENTS.has(element)) report(node, node.text);
    }
    if (ts.isJsxAttribute(node) && node.initializer && ts.isStringLiteral(node.initializer) && READ_ATTRIBUTES.has(node.name.getText())) {
      const value = node.initializer.text;
      if (/\p{L}{2,}/u.test(value) && !UNTRANSLATED.test(value)) report(node, value);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** Scans the .ts/.tsx files under `root` (tests excluded). */
export function scanSources(root: string): Scan {
  const keys: FoundKey[] = [];
  const problems: string[] = [];
  for (const file of listSources(root)) {
    const text = fs.readFileSync(file, "utf8");
    const isTsx = file.endsWith(".tsx");
    if (!isTsx && !/\b(t|serverT|N_)\(/.test(text)) continue;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, isTsx ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const rel = path.relative(process.cwd(), file);
    if (isTsx) problems.push(...untranslatedJsx(source, rel));
    let fileNs: Namespace | null = null;
    const calls: ts.CallExpression[] = [];
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node)) {
        const callee = node.expression;
        if (ts.isIdentifier(callee) && callee.text === "useTranslation" && !fileNs) {
          const arg = node.arguments[0];
          const first = arg && ts.isArrayLiteralExpression(arg) ? literalText(arg.elements[0]) : literalText(arg);
          if (isNamespace(first)) fileNs = first;
          else if (first !== null) problems.push(`${rel}: unknown namespace "${first}"`);
        }
        const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : null;
        if (name && CALLEES.has(name)) calls.push(node);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    for (const call of calls) {
      const callee = call.expression;
      const name = ts.isIdentifier(callee) ? callee.text : (callee as ts.PropertyAccessExpression).name.text;
      const key = literalText(call.arguments[0]);
      if (key === null) continue; // t(label) of a text marked with N_ elsewhere
      const line = source.getLineAndCharacterOfPosition(call.getStart()).line + 1;
      let ns: string | null = null;
      let plural = false;
      if (name === "N_") ns = literalText(call.arguments[1]);
      const options = call.arguments[1];
      if (name !== "N_" && options && ts.isObjectLiteralExpression(options)) {
        for (const prop of options.properties) {
          const propName = prop.name && (ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name)) ? prop.name.text : null;
          if (propName === "count") plural = true;
          if (propName === "ns" && ts.isPropertyAssignment(prop)) {
            ns = literalText(prop.initializer);
            if (ns === null) problems.push(`${rel}:${line}: the ns of "${key}" must be written as a string`);
          }
        }
      }
      const serverDefault = name === "serverT" || (name === "N_" && /\.server\.tsx?$/.test(file));
      const resolved = ns ?? (serverDefault ? SERVER_DEFAULT_NS : (fileNs ?? "common"));
      if (!isNamespace(resolved)) {
        problems.push(`${rel}:${line}: unknown namespace "${resolved}" for "${key}"`);
        continue;
      }
      keys.push({ key, ns: resolved, plural, file: rel, line });
    }
  }
  return { keys, problems };
}

export type Catalogue = Record<Language, Record<Namespace, Record<string, string>>>;

export function readCatalogue(localesDir: string): Catalogue {
  const out = {} as Catalogue;
  for (const lng of LANGUAGES) {
    out[lng] = {} as Record<Namespace, Record<string, string>>;
    for (const ns of NAMESPACES) {
      const file = path.join(localesDir, lng, `${ns}.json`);
      out[lng][ns] = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, string>) : {};
    }
  }
  return out;
}

/** The plural categories a language's texts must provide ("one", "other"; French: "one", "many", "other"). */
export function pluralCategories(lng: Language): string[] {
  const order = ["zero", "one", "two", "few", "many", "other"];
  return [...new Intl.PluralRules(lng).resolvedOptions().pluralCategories].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

/** The entries a found key needs in a language's file. */
export function entriesFor(found: Pick<FoundKey, "key" | "plural">, lng: Language): string[] {
  return found.plural ? pluralCategories(lng).map((c) => `${found.key}_${c}`) : [found.key];
}

/**
 * The catalogue the code needs: every found key in its namespace (unless `common` has it, the
 * fallback namespace), English values defaulting to the key, other languages to "" (to be written).
 * Existing values are kept; entries nothing uses are dropped.
 */
export function updatedCatalogue(scan: Scan, current: Catalogue): Catalogue {
  const next = {} as Catalogue;
  for (const lng of LANGUAGES) {
    next[lng] = {} as Record<Namespace, Record<string, string>>;
    for (const ns of NAMESPACES) next[lng][ns] = {};
  }
  const commonKeys = new Set(scan.keys.filter((k) => k.ns === "common").map((k) => k.key));
  for (const found of scan.keys) {
    const ns: Namespace = found.ns !== "common" && commonKeys.has(found.key) ? "common" : found.ns;
    for (const lng of LANGUAGES) {
      for (const entry of entriesFor(found, lng)) {
        const existing = current[lng][ns][entry];
        // a plural's count is written in the reader's locale ("1,200 rows", "1 200 lignes")
        const fallback =
          lng === "en" ? (entry.endsWith("_one") && found.plural ? "" : found.plural ? found.key.replaceAll("{{count}}", "{{count, number}}") : found.key) : "";
        next[lng][ns][entry] = existing ?? fallback;
      }
    }
  }
  for (const lng of LANGUAGES)
    for (const ns of NAMESPACES) next[lng][ns] = Object.fromEntries(Object.entries(next[lng][ns]).sort(([a], [b]) => a.localeCompare(b, "en")));
  return next;
}

/** What is wrong with the catalogue against the code: missing, empty or unused entries. */
export function catalogueProblems(scan: Scan, current: Catalogue): string[] {
  const problems = [...scan.problems];
  const wanted = updatedCatalogue(scan, current);
  for (const lng of LANGUAGES) {
    for (const ns of NAMESPACES) {
      const have = current[lng][ns];
      const need = wanted[lng][ns];
      for (const entry of Object.keys(need)) {
        if (!(entry in have)) problems.push(`${lng}/${ns}.json: missing "${entry}"`);
        else if (have[entry].trim() === "") problems.push(`${lng}/${ns}.json: "${entry}" is empty`);
      }
      for (const entry of Object.keys(have)) if (!(entry in need)) problems.push(`${lng}/${ns}.json: "${entry}" is used nowhere`);
    }
  }
  return problems;
}

export function writeCatalogue(localesDir: string, catalogue: Catalogue): void {
  for (const lng of LANGUAGES) {
    for (const ns of NAMESPACES) {
      fs.mkdirSync(path.join(localesDir, lng), { recursive: true });
      fs.writeFileSync(path.join(localesDir, lng, `${ns}.json`), `${JSON.stringify(catalogue[lng][ns], null, 2)}\n`);
    }
  }
}
