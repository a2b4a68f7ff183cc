import { Form, Link, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { FilterDisclosure } from "~/components/ui/filter-disclosure";

export type FilterControl =
  | { kind: "select"; name: string; label: string; options: readonly { value: string; label: string }[]; anyLabel?: string }
  | { kind: "date"; name: string; label: string; hint?: string }
  | { kind: "text"; name: string; label: string; list?: readonly string[]; placeholder?: string };

/**
 * A GET form of filters kept in the URL (works without JavaScript). `values` are the parameters the
 * loader accepted; rejected ones come back as `notices`, shown above the table.
 */
export function FilterBar({
  controls,
  values,
  notices,
  label,
  children,
}: {
  controls: readonly FilterControl[];
  values: Record<string, string>;
  notices: readonly string[];
  label: string;
  children?: ReactNode;
}) {
  const location = useLocation();
  // keep the table's own parameters (sort, size) but restart at page 1
  const kept = [...new URLSearchParams(location.search).entries()].filter(([k]) => ["sort", "dir", "size"].includes(k));
  const activeCount = controls.filter((c) => values[c.name]).length;
  const active = activeCount > 0;
  return (
    <div className="dl-filters">
      <FilterDisclosure active={activeCount}>
        <Form method="get" className="dl-filters__form" aria-label={label} preventScrollReset>
          {kept.map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          {controls.map((c) => {
            const id = `f-${c.name}`;
            const value = values[c.name] ?? "";
            return (
              <div key={c.name} className="dl-filters__item">
                <label htmlFor={id} className="dl-filters__label">
                  {c.label}
                </label>
                {c.kind === "select" ? (
                  <select id={id} name={c.name} defaultValue={value} key={value} className="dl-filters__control">
                    <option value="">{c.anyLabel ?? "Any"}</option>
                    {c.options.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                ) : c.kind === "date" ? (
                  // a bare date uses the date picker; an instant from a dashboard link stays as typed
                  <input
                    id={id}
                    name={c.name}
                    key={value}
                    type={value === "" || /^\d{4}-\d{2}-\d{2}$/.test(value) ? "date" : "text"}
                    defaultValue={value}
                    className="dl-filters__control"
                    title="YYYY-MM-DD (UTC), an ISO 8601 date-time with a zone, or milliseconds"
                  />
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
          })}
          <div className="dl-filters__actions">
            <button type="submit" className="btn btn--primary btn--sm">
              Apply filters
            </button>
            {active ? (
              <Link to={location.pathname} className="btn btn--ghost btn--sm">
                Clear
              </Link>
            ) : null}
          </div>
          {children}
        </Form>
      </FilterDisclosure>
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
