/**
 * One page of the organization overview: the headline figures over every TIN, and the TINs that match
 * the filters, sorted and cut to a page on the server (a health system of 1,000 TINs does not send every
 * row to the browser). Works on the overview computed once per data version (cache.ts).
 */
import type { OrganizationOverview, OverviewTin } from "./overview";

export const OVERVIEW_FILTERS = ["all", "scored", "reweighted", "noData", "problem", "blocked"] as const;
export const OVERVIEW_SORTS = ["name", "piScore", "finalScorePoints", "blockingCount", "completeness"] as const;
export type OverviewFilter = (typeof OVERVIEW_FILTERS)[number];
export type OverviewSort = (typeof OVERVIEW_SORTS)[number];

export interface OverviewPageParams {
  /** Part of a TIN's name or its digits (dashes ignored). */
  search: string;
  show: OverviewFilter;
  sort: OverviewSort;
  order: "asc" | "desc";
  page: number;
  pageSize: number;
}

export interface OverviewPage {
  performanceYear: number;
  headline: OrganizationOverview["headline"];
  tins: OverviewTin[];
  /** TINs matching the filters (every page). */
  total: number;
  page: number;
  pageSize: number;
}

function sortValue(t: OverviewTin, key: OverviewSort): number | string {
  switch (key) {
    case "name":
      return t.name.toLowerCase();
    case "piScore":
      return t.piScore ?? -1;
    case "finalScorePoints":
      return t.finalScorePoints ?? -1;
    case "blockingCount":
      return t.blockingCount;
    case "completeness":
      return t.clinicianCount ? t.cliniciansWithData / t.clinicianCount : 0;
  }
}

export function overviewPage(overview: OrganizationOverview, params: OverviewPageParams): OverviewPage {
  const q = params.search.trim().toLowerCase();
  const digits = q.replace(/-/g, "");
  const matching = overview.tins
    .filter((t) => !q || t.name.toLowerCase().includes(q) || (digits !== "" && t.tin.includes(digits)))
    .filter((t) => params.show === "all" || (params.show === "blocked" ? t.blockingCount > 0 : t.status === params.show))
    .sort((a, b) => {
      const x = sortValue(a, params.sort);
      const y = sortValue(b, params.sort);
      const order = x < y ? -1 : x > y ? 1 : a.name.localeCompare(b.name) || a.tin.localeCompare(b.tin);
      return params.order === "desc" ? -order : order;
    });
  const from = (params.page - 1) * params.pageSize;
  return {
    performanceYear: overview.performanceYear,
    headline: overview.headline,
    tins: matching.slice(from, from + params.pageSize),
    total: matching.length,
    page: params.page,
    pageSize: params.pageSize,
  };
}
