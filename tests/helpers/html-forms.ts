/**
 * The forms of a server-rendered page, and the body a browser would post for each of them.
 *
 * A small HTML reader (enough for React's server output: quoted attributes, void elements,
 * textarea/script/style raw text) and the HTML standard's "constructing the entry list":
 * disabled controls and fieldsets skipped, an unticked checkbox or radio is ABSENT, a ticked one
 * sends its value ("on" without one), empty text fields are sent as "", a select sends its
 * selected options (the first enabled option when none is marked), a file input with no file
 * sends an empty file, only the button that submits is sent, controls outside the <form> that
 * name it with form="id" belong to it, and everything in tree order.
 *
 * Editing goes through the controls as a person would (fill a field, tick a box, choose an
 * option that exists): a test cannot post a field the page does not have without saying so.
 */

const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]);
const RAW_TEXT = new Set(["script", "style", "textarea", "title"]);

export type Attrs = Record<string, string>;

export interface El {
  tag: string;
  attrs: Attrs;
  parent: El | null;
  children: (El | string)[];
}

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (_m, e: string) => {
    const k = e.toLowerCase();
    if (k[0] === "#") return String.fromCodePoint(k[1] === "x" ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10));
    return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" }[k]!;
  });
}

const ATTR_RE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

function parseAttrs(src: string): Attrs {
  const attrs: Attrs = {};
  for (const m of src.matchAll(ATTR_RE)) {
    const name = m[1].toLowerCase();
    if (name in attrs) continue; // the first one wins, as in a browser
    attrs[name] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? "");
  }
  return attrs;
}

/** Parses HTML into a tree (lenient: an unmatched end tag closes up to its opener). */
export function parseHtml(html: string): El {
  const root: El = { tag: "#document", attrs: {}, parent: null, children: [] };
  let cur = root;
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf("<", i);
    if (lt < 0) {
      cur.children.push(decodeEntities(html.slice(i)));
      break;
    }
    if (lt > i) cur.children.push(decodeEntities(html.slice(i, lt)));
    if (html.startsWith("<!--", lt)) {
      const end = html.indexOf("-->", lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    if (html.startsWith("<!", lt) || html.startsWith("<?", lt)) {
      const end = html.indexOf(">", lt);
      i = end < 0 ? html.length : end + 1;
      continue;
    }
    const endTag = /^<\/([a-zA-Z][\w:-]*)\s*>/.exec(html.slice(lt, lt + 200));
    if (endTag) {
      const tag = endTag[1].toLowerCase();
      let n: El | null = cur;
      while (n && n.tag !== tag) n = n.parent;
      if (n && n.parent) cur = n.parent;
      i = lt + endTag[0].length;
      continue;
    }
    const open = /^<([a-zA-Z][\w:-]*)/.exec(html.slice(lt, lt + 100));
    if (!open) {
      cur.children.push("<");
      i = lt + 1;
      continue;
    }
    // find the end of the start tag, skipping quoted attribute values
    let j = lt + open[0].length;
    let quote: string | null = null;
    for (; j < html.length; j++) {
      const c = html[j];
      if (quote) {
        if (c === quote) quote = null;
      } else if (c === '"' || c === "'") quote = c;
      else if (c === ">") break;
    }
    const tag = open[1].toLowerCase();
    const el: El = { tag, attrs: parseAttrs(html.slice(lt + open[0].length, html[j - 1] === "/" ? j - 1 : j)), parent: cur, children: [] };
    cur.children.push(el);
    i = j + 1;
    if (VOID.has(tag) || html[j - 1] === "/") continue;
    if (RAW_TEXT.has(tag)) {
      const close = html.toLowerCase().indexOf(`</${tag}`, i);
      const text = html.slice(i, close < 0 ? html.length : close);
      el.children.push(tag === "script" || tag === "style" ? text : decodeEntities(text));
      const gt = close < 0 ? html.length : html.indexOf(">", close);
      i = gt < 0 ? html.length : gt + 1;
      continue;
    }
    cur = el;
  }
  return root;
}

export function* walk(el: El): Generator<El> {
  for (const c of el.children) {
    if (typeof c === "string") continue;
    yield c;
    yield* walk(c);
  }
}

export function textOf(el: El): string {
  return el.children.map((c) => (typeof c === "string" ? c : textOf(c))).join("");
}

function ancestors(el: El): El[] {
  const out: El[] = [];
  for (let p = el.parent; p; p = p.parent) out.push(p);
  return out;
}

const CONTROL_TAGS = new Set(["input", "select", "textarea", "button"]);

export type Entry = [name: string, value: string | File];

export interface Control {
  el: El;
  tag: string;
  type: string;
  name: string;
  disabled: boolean;
  /** current state, editable through the form's methods */
  value: string;
  checked: boolean;
  /** select: option values with their state */
  options: { value: string; label: string; selected: boolean; disabled: boolean }[];
  multiple: boolean;
  file: File | null;
}

function optionValue(o: El) {
  return "value" in o.attrs ? o.attrs.value : textOf(o).replace(/\s+/g, " ").trim();
}

function makeControl(el: El): Control {
  const tag = el.tag;
  const type = tag === "input" ? (el.attrs.type ?? "text").toLowerCase() : tag === "button" ? (el.attrs.type ?? "submit").toLowerCase() : tag;
  const disabled =
    "disabled" in el.attrs ||
    ancestors(el).some((a) => {
      if (a.tag !== "fieldset" || !("disabled" in a.attrs)) return false;
      // a control inside the fieldset's first legend stays enabled
      const legend = a.children.find((c): c is El => typeof c !== "string" && c.tag === "legend");
      return !(legend && ancestors(el).includes(legend));
    });
  const options: Control["options"] = [];
  if (tag === "select") {
    for (const o of walk(el)) {
      if (o.tag !== "option") continue;
      const groupDisabled = ancestors(o).some((a) => a.tag === "optgroup" && "disabled" in a.attrs);
      options.push({ value: optionValue(o), label: textOf(o).trim(), selected: "selected" in o.attrs, disabled: "disabled" in o.attrs || groupDisabled });
    }
    const multiple = "multiple" in el.attrs;
    if (!multiple) {
      // selectedness: the last marked option, else the first enabled one (display size 1)
      const marked = options.map((o, i) => (o.selected ? i : -1)).filter((i) => i >= 0);
      options.forEach((o) => (o.selected = false));
      const pick = marked.length ? marked[marked.length - 1] : options.findIndex((o) => !o.disabled);
      if (pick >= 0) options[pick].selected = true;
    }
  }
  let value = "";
  if (tag === "textarea") value = textOf(el).replace(/^\n/, "");
  else if (tag === "input" || tag === "button") value = el.attrs.value ?? (type === "checkbox" || type === "radio" ? "on" : "");
  return {
    el,
    tag,
    type,
    name: el.attrs.name ?? "",
    disabled,
    value,
    checked: "checked" in el.attrs,
    options,
    multiple: "multiple" in el.attrs,
    file: null,
  };
}

const FLOAT = /^-?(\d+|\d*\.\d+)([eE][-+]?\d+)?$/;

function realDate(y: number, m: number, d: number) {
  const t = new Date(Date.UTC(y, m - 1, d));
  return y >= 1 && t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/**
 * The value sanitisation of typed inputs: what the browser keeps of a typed value (and sends).
 * A number field keeps only a valid floating-point number ("1e1" is one, "abc" becomes ""),
 * a date field only a real date, and so on.
 */
export function sanitize(type: string, value: string): string {
  switch (type) {
    case "number":
    case "range":
      return FLOAT.test(value) && Number.isFinite(Number(value)) ? value : "";
    case "date": {
      const m = /^(\d{4,})-(\d{2})-(\d{2})$/.exec(value);
      return m && realDate(+m[1], +m[2], +m[3]) ? value : "";
    }
    case "month": {
      const m = /^(\d{4,})-(\d{2})$/.exec(value);
      return m && +m[1] >= 1 && +m[2] >= 1 && +m[2] <= 12 ? value : "";
    }
    case "datetime-local": {
      const m = /^(\d{4,})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/.exec(value);
      if (!m || !realDate(+m[1], +m[2], +m[3]) || +m[4] > 23 || +m[5] > 59 || +(m[6] ?? 0) > 59) return "";
      return value.replace(" ", "T");
    }
    case "email":
    case "url":
      return value.replace(/[\r\n]/g, "").trim();
    case "text":
    case "search":
    case "tel":
    case "password":
      return value.replace(/[\r\n]/g, "");
    default:
      return value;
  }
}

export class HtmlForm {
  constructor(
    readonly el: El,
    readonly controls: Control[],
    private readonly pageUrl: string,
  ) {}

  get method(): string {
    return (this.el.attrs.method ?? "get").toLowerCase();
  }
  get enctype(): string {
    return (this.el.attrs.enctype ?? "application/x-www-form-urlencoded").toLowerCase();
  }
  /** The URL the browser posts to (the form's action resolved against the page, or the page itself). */
  get action(): string {
    const a = this.el.attrs.action;
    return new URL(a === undefined || a === "" ? this.pageUrl : a, this.pageUrl).toString();
  }

  private named(name: string, pred: (c: Control) => boolean = () => true): Control[] {
    return this.controls.filter((c) => c.name === name && pred(c));
  }

  private one(name: string, pred?: (c: Control) => boolean, what = "field"): Control {
    const found = this.named(name, pred);
    if (found.length !== 1) throw new Error(`form ${this.describe()}: expected one ${what} named "${name}", found ${found.length}`);
    if (found[0].disabled) throw new Error(`form ${this.describe()}: "${name}" is disabled`);
    return found[0];
  }

  has(name: string): boolean {
    return this.named(name).length > 0;
  }

  /** Types into a text-like input or a textarea (replacing its value). */
  fill(name: string, value: string): this {
    const c = this.one(
      name,
      (c) => c.tag === "textarea" || (c.tag === "input" && !["checkbox", "radio", "file", "submit", "button", "reset", "image"].includes(c.type)),
      "text field",
    );
    if (c.type === "hidden") throw new Error(`form ${this.describe()}: "${name}" is hidden: a person cannot type into it`);
    c.value = sanitize(c.type, value);
    return this;
  }

  /** Ticks a checkbox (by name, and value when several share the name) or picks a radio. */
  check(name: string, value?: string): this {
    const c = this.one(name, (c) => (c.type === "checkbox" || c.type === "radio") && (value === undefined || c.value === value), "checkbox or radio");
    if (c.type === "radio") for (const r of this.named(name, (r) => r.type === "radio")) r.checked = false;
    c.checked = true;
    return this;
  }

  uncheck(name: string, value?: string): this {
    const c = this.one(name, (c) => c.type === "checkbox" && (value === undefined || c.value === value), "checkbox");
    c.checked = false;
    return this;
  }

  /** Chooses option(s) of a select by value; the option must exist on the page. */
  select(name: string, ...values: string[]): this {
    const c = this.one(name, (c) => c.tag === "select", "select");
    for (const v of values)
      if (!c.options.some((o) => o.value === v && !o.disabled))
        throw new Error(`form ${this.describe()}: select "${name}" has no option "${v}" (has ${c.options.map((o) => o.value).join(", ")})`);
    if (!c.multiple && values.length !== 1) throw new Error(`select "${name}" takes one value`);
    for (const o of c.options) o.selected = values.includes(o.value);
    return this;
  }

  /** Chooses a file for a file input. */
  attach(name: string, file: File): this {
    const c = this.one(name, (c) => c.type === "file", "file input");
    c.file = file;
    return this;
  }

  /** The options a select offers. */
  optionsOf(name: string): { value: string; label: string }[] {
    return this.one(name, (c) => c.tag === "select", "select").options.map(({ value, label }) => ({ value, label }));
  }

  /** The current value of a field as the browser would send it (undefined when it would not be sent). */
  valueOf(name: string): string | undefined {
    const e = this.entries().find(([n]) => n === name);
    return e === undefined ? undefined : typeof e[1] === "string" ? e[1] : e[1].name;
  }

  /** The submit buttons of the form. */
  submitters(): Control[] {
    return this.controls.filter((c) => (c.tag === "button" || c.tag === "input") && (c.type === "submit" || c.type === "image"));
  }

  /** The HTML standard's entry list, for the given submitter (default: the first submit button). */
  entries(submitter?: Control | null): Entry[] {
    const sub = submitter === undefined ? (this.submitters()[0] ?? null) : submitter;
    const out: Entry[] = [];
    for (const c of this.controls) {
      if (c.disabled) continue;
      if (ancestors(c.el).some((a) => a.tag === "datalist")) continue;
      if (c.tag === "button" || (c.tag === "input" && ["submit", "image", "button", "reset"].includes(c.type))) {
        if (c !== sub || !c.name || c.type === "button" || c.type === "reset") continue;
        if (c.type === "image") {
          out.push([`${c.name}.x`, "0"], [`${c.name}.y`, "0"]);
          continue;
        }
        out.push([c.name, c.value]);
        continue;
      }
      if (!c.name) continue;
      if ((c.type === "checkbox" || c.type === "radio") && !c.checked) continue;
      if (c.tag === "select") {
        for (const o of c.options) if (o.selected && !o.disabled) out.push([c.name, o.value]);
        continue;
      }
      if (c.type === "file") {
        out.push([c.name, c.file ?? new File([], "", { type: "application/octet-stream" })]);
        continue;
      }
      // browsers normalise textarea line breaks to CRLF when posting
      out.push([c.name, c.tag === "textarea" ? c.value.replace(/\r?\n/g, "\r\n") : c.value]);
    }
    return out;
  }

  /** The request body and its content type, exactly as the browser would encode it. */
  body(submitter?: Control | null): { body: URLSearchParams | FormData; multipart: boolean } {
    const entries = this.entries(submitter);
    if (this.enctype === "multipart/form-data") {
      const fd = new FormData();
      for (const [n, v] of entries) fd.append(n, v);
      return { body: fd, multipart: true };
    }
    // urlencoded: a file entry becomes its file name
    return { body: new URLSearchParams(entries.map(([n, v]) => [n, typeof v === "string" ? v : v.name])), multipart: false };
  }

  describe(): string {
    const intent = this.controls.find((c) => c.name === "intent" && c.type === "hidden")?.value;
    return `<form${this.el.attrs.id ? ` id="${this.el.attrs.id}"` : ""}${intent ? ` intent="${intent}"` : ""} action="${this.action}">`;
  }
}

/** Every form of a page with the controls that belong to it (nested or through form="id"). */
export function formsOf(html: string, pageUrl: string): HtmlForm[] {
  const doc = parseHtml(html);
  const all = [...walk(doc)];
  const forms = all.filter((e) => e.tag === "form");
  const byId = new Map(forms.filter((f) => f.attrs.id).map((f) => [f.attrs.id, f]));
  const controls = new Map<El, Control[]>(forms.map((f) => [f, []]));
  for (const el of all) {
    if (!CONTROL_TAGS.has(el.tag)) continue;
    let owner: El | undefined;
    if ("form" in el.attrs) owner = byId.get(el.attrs.form);
    else owner = ancestors(el).find((a) => a.tag === "form");
    if (owner) controls.get(owner)!.push(makeControl(el));
  }
  return forms.map((f) => new HtmlForm(f, controls.get(f)!, pageUrl));
}

/** The text of the elements carrying a class (e.g. field errors), for assertions on a re-rendered page. */
export function textsByClass(html: string, className: string): string[] {
  return [...walk(parseHtml(html))].filter((e) => (e.attrs.class ?? "").split(/\s+/).includes(className)).map((e) => textOf(e).trim());
}
