import { Form, Link, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { DateInput, MonthInput } from "~/components/ui/date-input";
import { FilterDisclosure } from "~/components/ui/filter-disclosure";

type Option = { value: string; label: string };

export type FilterControl =
  | {
      kind: "select";
      name: string;
      label: string;
      options: readonly Option[];
      /** the first option, meaning "no filter" (default "Any"); `null` = no such option */
      anyLabel?: string | null;
      /** the value shown when the URL has none, which counts as no filter (e.g. "active" risks) */
      neutral?: string;
      /** options after the list (e.g. "All") */
      trailing?: readonly Option[];
    }
  | { kind: "date"; name: string; label: string; hint?: string }
  | { kind: "month"; name: string; label: string }
  | { kind: "text"; name: string; label: string; list?: readonly string[]; placeholder?: string }
  | { kind: "checkbox"; name: string; label: string };

/** A select filter from `[value, label]` pairs (the first option stays "Any"). */
export function selectControl(name: string, label: string, options: readonly (readonly [value: string, label: string])[]): FilterControl {
  return { kind: "select", name, label, options: options.map(([value, text]) => ({ value, label: text })) };
}

/** Table parameters a filter form keeps by default (sort, direction, page size; the page restarts at 1). */
const KEPT = ["sort", "dir", "size"] as const;

/**
 * The one filter form of every list page: a GET form kept in the URL (works without JavaScript),
 * behind one "Filters" control on a phone. `values` are the parameters the loader accepted;
 * rejected ones come back as `notices`, shown under the form. `hidden`: parameters carried as they
 * are (e.g. a heat-map cell); `keep`: table parameters kept from the current URL.
 */
export function FilterBar({
  controls,
  values,
  notices = [],
  label,
  hidden = {},
  keep = KEPT,
  clearHref,
  children,
}: {
  controls: readonly FilterControl[];
  values: Readonly<Record<string, string | null | undefined>>;
  notices?: readonly string[];
  label: string;
  hidden?: Readonly<Record<string, string | null | undefined>>;
  keep?: readonly string[];
  clearHref?: string;
  children?: ReactNode;
}) {
  const location = useLocation();
  const { t } = useTranslation("common");
  const kept = [...new URLSearchParams(location.search).entries()].filter(([k]) => keep.includes(k) && !(k in hidden));
  const activeCount = controls.filter((c) => {
    const v = values[c.name];
    return !!v && !(c.kind === "select" && v === c.neutral);
  }).length;
  return (
    <div className="dl-filters">
      <FilterDisclosure active={activeCount}>
        <Form method="get" className="dl-filters__form" aria-label={label} preventScrollReset>
          {kept.map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          {Object.entries(hidden).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null))}
          {controls.map((c) => (
            <FilterItem key={c.name} control={c} value={values[c.name] ?? ""} />
          ))}
          <div className="dl-filters__actions">
            <button type="submit" className="btn btn--primary btn--sm">
              {t("Apply filters")}
            </button>
            {activeCount > 0 || Object.values(hidden).some(Boolean) ? (
              <Link to={clearHref ?? location.pathname} className="btn btn--ghost btn--sm">
                {t("Clear")}
              </Link>
            ) : null}
          </div>
        </Form>
      </FilterDisclosure>
      {children}
      {notices.length > 0 ? (
        <div className="dl-notices" role="status">
          {notices.map((n) => (
            <p key={n} className="dl-notice">
              <span aria-hidden="true">⚠ </span>
              {n}
            </p>
          ))}
        </div>
      ) : null}
    </div>
  );
}

function FilterItem({ control: c, value }: { control: FilterControl; value: string }) {
  const id = `f-${c.name}`;
  const { t } = useTranslation("common");
  if (c.kind === "checkbox") {
    return (
      <div className="dl-filters__item dl-filters__item--check">
        <input id={id} type="checkbox" name={c.name} value="1" defaultChecked={!!value} key={value} />
        <label htmlFor={id}>{c.label}</label>
      </div>
    );
  }
  return (
    <div className="dl-filters__item">
      <label htmlFor={id} className="dl-filters__label">
        {c.label}
      </label>
      {c.kind === "select" ? (
        <select id={id} name={c.name} defaultValue={value || (c.neutral ?? "")} key={value} className="dl-filters__control">
          {c.anyLabel === null ? null : <option value="">{c.anyLabel ?? t("Any")}</option>}
          {[...c.options, ...(c.trailing ?? [])].map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : c.kind === "date" ? (
        // a date in the page's locale ("31/12/2026"); an instant from a dashboard link stays as typed
        <DateInput
          id={id}
          name={c.name}
          key={value}
          strict={false}
          defaultValue={value}
          className="dl-filters__control"
          title={c.hint ?? t("A date as {{shape}} (UTC), an ISO 8601 date-time with a zone, or milliseconds", { shape: t("dd/mm/yyyy") })}
        />
      ) : c.kind === "month" ? (
        <MonthInput id={id} name={c.name} key={value} defaultValue={value} className="dl-filters__control" />
      ) : (
        <>
          <input
            id={id}
            name={c.name}
            key={value}
            type="text"
            defaultValue={value}
            placeholder={c.placeholder}
            list={c.list ? `${id}-list` : undefined}
            className="dl-filters__control"
            maxLength={100}
          />
          {c.list ? (
            <datalist id={`${id}-list`}>
              {c.list.map((v) => (
                <option key={v} value={v} />
              ))}
            </datalist>
          ) : null}
        </>
      )}
    </div>
  );
}

/** Select options from a value → label map, in its order. */
export function labelOptions(labels: Readonly<Record<string, string>>): Option[] {
  return Object.entries(labels).map(([value, label]) => ({ value, label }));
}
