import { z } from "zod";
import { N_ } from "~/i18n/mark";
import { serverT, translateMessage } from "~/i18n/translate.server";

/**
 * URL parameters (list filters, dashboard windows, flags) through a zod object schema
 * (server-only: zod stays out of the browser bundle).
 *
 * Filters of a page never fail the page: a parameter its field's schema refuses is dropped
 * and reported in `ignored` (the page shows a notice, or just ignores it), every other
 * parameter is kept. Give the schema optional fields only; a cross-field refinement must name
 * a field in its issue `path` (that parameter is the one dropped).
 *
 * Reading the URL: each field of the schema is read once, as the parameter's FIRST value
 * (`?status=open&status=closed` is `open`), trimmed; an empty value is absent.
 */

export type IgnoredParam = { key: string; value: string; message: string };

export type SearchParamsResult<T> = {
  /** the schema's output for the accepted parameters */
  data: T;
  /** the parameters that failed their schema, with zod's first message for each, in URL-schema order */
  ignored: IgnoredParam[];
  /** the accepted parameters as given (trimmed), to echo back in a filter form */
  accepted: Record<string, string>;
};

export function parseSearchParams<S extends z.ZodObject>(input: URLSearchParams | URL, schema: S): SearchParamsResult<z.output<S>> {
  const sp = input instanceof URL ? input.searchParams : input;
  const keys = Object.keys(schema.shape);
  const raw: Record<string, string | undefined> = {};
  for (const key of keys) {
    const v = sp.get(key)?.trim();
    raw[key] = v ? v : undefined;
  }
  const ignored: IgnoredParam[] = [];
  // Each round drops at least one refused parameter, so this ends after at most keys.length + 1 parses.
  for (;;) {
    const result = schema.safeParse(raw);
    if (result.success) {
      const accepted: Record<string, string> = {};
      for (const key of keys) if (raw[key] !== undefined) accepted[key] = raw[key];
      ignored.sort((a, b) => keys.indexOf(a.key) - keys.indexOf(b.key));
      return { data: result.data, ignored, accepted };
    }
    let dropped = false;
    for (const issue of result.error.issues) {
      const key = issue.path.length > 0 ? String(issue.path[0]) : undefined;
      const value = key === undefined ? undefined : raw[key];
      if (key === undefined || value === undefined) continue;
      ignored.push({ key, value, message: translateMessage(issue.message) });
      raw[key] = undefined;
      dropped = true;
    }
    if (!dropped) {
      // A schema with a required field or a path-less refinement: refuse every parameter rather than fail the page.
      for (const key of keys) {
        const value = raw[key];
        if (value !== undefined) ignored.push({ key, value, message: translateMessage(result.error.issues[0]?.message ?? N_("is not valid")) });
        raw[key] = undefined;
      }
      const empty = schema.safeParse(raw);
      return { data: (empty.success ? empty.data : {}) as z.output<S>, ignored, accepted: {} };
    }
  }
}

/** The notice a list page shows for a parameter it ignored: `Ignored hotfix="maybe": must be yes or no.` */
export function ignoredParamNotice(p: IgnoredParam): string {
  return serverT('Ignored {{key}}="{{value}}": {{message}}.', { key: p.key, value: p.value.slice(0, 60), message: p.message });
}

/** Free text from the URL, cut to `max` characters (longer input is cut, not refused). */
export function urlTextSchema(max: number) {
  return z.string().transform((s) => s.slice(0, max).trim());
}
