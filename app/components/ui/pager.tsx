/**
 * Pager — Previous/Next and page-size links for a list that is not a DataTable (the OKR tree, my key
 * results), with the same look and URL parameters (`page`, `size`; `~/lib/table-params`): every
 * other parameter of the page (cycle…) is kept, and it works without JavaScript.
 *
 * Nothing is rendered while the whole list fits on the first page, so a short list looks the same
 * as before paging existed. A page past the end shows a notice with a link to the first page.
 */
import { Link, useLocation, type LinkProps } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { pageCount, tableHref, type TableParams } from "~/lib/table-params";

export type PagerProps = {
  params: Pick<TableParams, "page" | "pageSize" | "pageSizes" | "defaultPageSize">;
  /** items in the whole list (every page) */
  total: number;
  /** items shown on this page */
  shown: number;
  /** "Showing 1–25 of 348 objectives", already translated (receives first, last, total) */
  range: (first: number, last: number, total: number) => string;
  /** names the list for screen readers: "<label>: pages" */
  label: string;
};

export function Pager({ params, total, shown, range, label }: PagerProps) {
  const location = useLocation();
  const { t } = useTranslation("common");
  const pages = pageCount(total, params.pageSize);
  if (total === 0 || (params.page === 1 && total <= params.pageSize && params.pageSize === params.defaultPageSize)) return null;
  const to = (patch: { page?: number | null; size?: number | null }) => ({ pathname: location.pathname, search: tableHref(location.search, patch) });
  const pageIndex = params.page - 1;
  const first = pageIndex * params.pageSize + 1;
  const last = Math.min(total, first + shown - 1);
  return (
    <nav className="dt__pager" aria-label={t("{{caption}}: pages", { caption: label })}>
      {shown === 0 ? (
        <p className="dt__range" role="status">
          {t("Page {{page}} is past the end of this list.", { page: params.page })}{" "}
          <Link to={to({ page: null })} preventScrollReset>
            {t("Go to the first page")}
          </Link>
        </p>
      ) : (
        <p className="dt__range">
          {range(first, last, total)}
          {pages > 1 ? <span className="dt__page-of">{` · ${t("Page {{page}} of {{pages}}", { page: params.page, pages })}`}</span> : null}
        </p>
      )}
      <PagerLinks pageIndex={pageIndex} pages={pages} params={params} to={to} />
    </nav>
  );
}

type HrefPatch = { page?: number | null; size?: number | null };

/**
 * Previous/Next and the page sizes — the links of every paged list (this Pager and DataTable's own):
 * `to` makes a link's target from a patch of the URL's `page`/`size`.
 */
export function PagerLinks({
  pageIndex,
  pages,
  params,
  to,
  preventScrollReset,
}: {
  pageIndex: number;
  pages: number;
  params: Pick<TableParams, "pageSize" | "pageSizes" | "defaultPageSize">;
  to: (patch: HrefPatch) => LinkProps["to"];
  /** keep the scroll position (a table whose rows change in place) */
  preventScrollReset?: boolean;
}) {
  const { t } = useTranslation("common");
  return (
    <>
      <ul className="dt__pager-links">
        <li>
          {pageIndex > 0 ? (
            <Link className="dt__pager-link" rel="prev" to={to({ page: Math.min(pageIndex, pages) })} preventScrollReset={preventScrollReset}>
              <span aria-hidden="true">← {t("Previous")}</span>
              <span className="visually-hidden">{t("Previous page")}</span>
            </Link>
          ) : (
            <span className="dt__pager-link dt__pager-link--disabled" aria-disabled="true">
              <span aria-hidden="true">← {t("Previous")}</span>
              <span className="visually-hidden">{t("Previous page")}</span>
            </span>
          )}
        </li>
        <li>
          {pageIndex + 1 < pages ? (
            <Link className="dt__pager-link" rel="next" to={to({ page: pageIndex + 2 })} preventScrollReset={preventScrollReset}>
              <span aria-hidden="true">{t("Next")} →</span>
              <span className="visually-hidden">{t("Next page")}</span>
            </Link>
          ) : (
            <span className="dt__pager-link dt__pager-link--disabled" aria-disabled="true">
              <span aria-hidden="true">{t("Next")} →</span>
              <span className="visually-hidden">{t("Next page")}</span>
            </span>
          )}
        </li>
      </ul>
      {params.pageSizes.length > 1 ? (
        <p className="dt__sizes">
          <span className="dt__sizes-label">{t("Rows per page:")}</span>
          {params.pageSizes.map((size) =>
            size === params.pageSize ? (
              <span key={size} className="dt__size dt__size--current" aria-current="true">
                {size}
              </span>
            ) : (
              <Link
                key={size}
                className="dt__size"
                to={to({ size: size === params.defaultPageSize ? null : size, page: null })}
                aria-label={t("{{count}} rows per page", { count: size })}
              >
                {size}
              </Link>
            ),
          )}
        </p>
      ) : null}
    </>
  );
}
