/**
 * Table state in the URL, so every sorted / filtered / paged view is a shareable link:
 *
 *   ?sort=finishedAt&dir=desc&page=2&size=50&q=payments
 *
 * `parseTableParams` reads it in a loader (never throws: anything unknown or malformed
 * falls back to the defaults); `tableHref` builds links that change some keys and keep
 * every other parameter of the page (filters, windows, "as of" month…).
 *
 * Several tables on one page: give each a `prefix` ("dep_" → `dep_sort`, `dep_page`…).
 *
 * Uses `zod/mini` (tree-shakable, a few KB) rather than `zod`, because `tableHref` is also
 * used by components that ship to the browser.
 */
import * as z from "zod/mini";

export type SortState = { id: string; desc: boolean };

export const DEFAULT_PAGE_SIZES: readonly number[] = [25, 50, 100];
export const DEFAULT_PAGE_SIZE = 25;
/** longest accepted text filter; longer input is cut */
export const MAX_QUERY_LENGTH = 200;
const MAX_PAGE = 1_000_000;

export type TableParamsOptions = {
  /** column ids the URL may sort by (anything else falls back to `defaultSort`) */
  sortable: readonly string[];
  defaultSort: SortState;
  /** page sizes offered; default [25, 50, 100] */
  pageSizes?: readonly number[];
  /** default 25 (must be one of pageSizes, else the first of them is used) */
  defaultPageSize?: number;
  /** key prefix for pages with several tables: "dep_" → dep_sort, dep_dir, dep_page, dep_size, dep_q */
  prefix?: string;
};

export type TableParams = {
  sort: SortState;
  /** 1-based */
  page: number;
  pageSize: number;
  /** trimmed text filter, absent when empty */
  q?: string;
  /** what the parser was told, for the DataTable (which columns get sort links, which sizes to offer) */
  sortable: readonly string[];
  defaultSort: SortState;
  pageSizes: readonly number[];
  defaultPageSize: number;
  prefix: string;
};

export type TableParamKeys = { sort: string; dir: string; page: string; size: string; q: string };

export function tableParamKeys(prefix = ""): TableParamKeys {
  return { sort: `${prefix}sort`, dir: `${prefix}dir`, page: `${prefix}page`, size: `${prefix}size`, q: `${prefix}q` };
}

function toSearchParams(input: URLSearchParams | URL | Request | string): URLSearchParams {
  if (input instanceof URLSearchParams) return input;
  if (typeof input === "string") {
    if (/^[a-z][a-z0-9+.-]*:/i.test(input)) return new URL(input).searchParams;
    const i = input.indexOf("?");
    return new URLSearchParams(i >= 0 ? input.slice(i + 1) : input);
  }
  if (input instanceof URL) return input.searchParams;
  return new URL(input.url).searchParams;
}

/**
 * Read table state from a URL (a Request, URL, URLSearchParams or search string).
 * Unknown sort column → defaultSort; a known column without (or with a bad) `dir` → its
 * default direction (defaultSort.desc for the default column, ascending otherwise);
 * page not a positive integer → 1; size not offered → defaultPageSize; q trimmed, cut to
 * 200 characters, dropped when empty.
 */
export function parseTableParams(input: URLSearchParams | URL | Request | string, opts: TableParamsOptions): TableParams {
  const sp = toSearchParams(input);
  const prefix = opts.prefix ?? "";
  const keys = tableParamKeys(prefix);
  const pageSizes = opts.pageSizes && opts.pageSizes.length > 0 ? opts.pageSizes : DEFAULT_PAGE_SIZES;
  const wanted = opts.defaultPageSize ?? DEFAULT_PAGE_SIZE;
  const defaultPageSize = pageSizes.includes(wanted) ? wanted : pageSizes[0];
  const sortable = opts.sortable;

  const positiveInt = z.pipe(z.string().check(z.regex(/^\d{1,9}$/)), z.transform(Number));
  const schema = z.object({
    sort: z.catch(z.optional(z.string().check(z.refine((s) => sortable.includes(s)))), undefined),
    dir: z.catch(z.optional(z.enum(["asc", "desc"])), undefined),
    page: z.catch(
      z.pipe(
        positiveInt,
        z.transform((n) => (n >= 1 && n <= MAX_PAGE ? n : 1)),
      ),
      1,
    ),
    size: z.catch(
      z.pipe(
        positiveInt,
        z.transform((n) => (pageSizes.includes(n) ? n : defaultPageSize)),
      ),
      defaultPageSize,
    ),
    q: z.catch(
      z.optional(
        z.pipe(
          z.string(),
          z.transform((s) => {
            const t = s.trim().slice(0, MAX_QUERY_LENGTH).trim();
            return t === "" ? undefined : t;
          }),
        ),
      ),
      undefined,
    ),
  });

  const raw = {
    sort: sp.get(keys.sort) ?? undefined,
    dir: sp.get(keys.dir) ?? undefined,
    page: sp.get(keys.page) ?? undefined,
    size: sp.get(keys.size) ?? undefined,
    q: sp.get(keys.q) ?? undefined,
  };
  const parsed = schema.safeParse(raw);
  const v = parsed.success ? parsed.data : { sort: undefined, dir: undefined, page: 1, size: defaultPageSize, q: undefined };

  let sort: SortState;
  if (v.sort === undefined) {
    // `?dir=asc` alone flips the default column; a dir that came with an unknown column is ignored.
    const dirApplies = raw.sort === undefined && v.dir !== undefined;
    sort = { id: opts.defaultSort.id, desc: dirApplies ? v.dir === "desc" : opts.defaultSort.desc };
  } else {
    const defaultDesc = v.sort === opts.defaultSort.id ? opts.defaultSort.desc : false;
    sort = { id: v.sort, desc: v.dir === undefined ? defaultDesc : v.dir === "desc" };
  }

  const result: TableParams = {
    sort,
    page: v.page,
    pageSize: v.size,
    sortable,
    defaultSort: opts.defaultSort,
    pageSizes,
    defaultPageSize,
    prefix,
  };
  if (v.q !== undefined) result.q = v.q;
  return result;
}

/** LIMIT / OFFSET for SQL from parsed params. */
export function tablePaging(params: Pick<TableParams, "page" | "pageSize">): { limit: number; offset: number } {
  return { limit: params.pageSize, offset: (params.page - 1) * params.pageSize };
}

/** Number of pages for `total` rows (at least 1). */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(Math.max(0, total) / Math.max(1, pageSize)));
}

export type TableHrefValue = string | number | null | undefined;

/**
 * Changes to apply to the URL. `undefined` (or absent) = keep; `null` or "" = remove.
 * `page` 1 (or less) is removed: the first page has no `page` parameter.
 * Other keys are page parameters outside the table (no prefix applied).
 */
export type TableHrefPatch = {
  sort?: string | null;
  dir?: "asc" | "desc" | null;
  page?: number | null;
  size?: number | null;
  q?: string | null;
} & { [other: string]: TableHrefValue };

const TABLE_KEYS = new Set(["sort", "dir", "page", "size", "q"]);

/**
 * A search string ("?a=1&b=2", or "" when nothing is left) built from `currentSearch`
 * (e.g. `useLocation().search`) with `patch` applied; every other parameter is kept.
 *
 *   tableHref("?window=30d&page=3", { sort: "service", dir: "asc", page: null })
 *     → "?window=30d&sort=service&dir=asc"
 *
 * In components, link with `{ pathname: location.pathname, search: tableHref(...) }`:
 * a bare "?…" in a nested route would resolve against that route's own path.
 */
export function tableHref(currentSearch: string | URLSearchParams, patch: TableHrefPatch, prefix = ""): string {
  const sp = new URLSearchParams(typeof currentSearch === "string" ? currentSearch.replace(/^\?/, "") : currentSearch);
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const name = TABLE_KEYS.has(key) ? `${prefix}${key}` : key;
    if (value === null || value === "" || (key === "page" && typeof value === "number" && value <= 1)) {
      sp.delete(name);
    } else {
      sp.set(name, String(value));
    }
  }
  const s = sp.toString();
  return s ? `?${s}` : "";
}
