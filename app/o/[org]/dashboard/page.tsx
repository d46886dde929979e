import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { serverApi } from "@/server/caller";
import { forPage, getOrgContext } from "@/server/page-context";
import { pageYear } from "@/server/page-year";
import { categoryWeights } from "@/lib/mips/final-score";
import { OverviewTable, type OverviewFilters } from "@/components/dashboards/overview-table";
import { Pagination } from "@/components/ui/pagination";
import { OVERVIEW_FILTERS, OVERVIEW_SORTS } from "@/server/services/dashboards/overview-page";
import { YearLinks } from "@/components/dashboards/year-links";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { DownloadLink } from "@/components/reports/download-link";

export const metadata: Metadata = { title: "Dashboard" };

const PAGE_SIZE = 25;
type Query = { year?: string; search?: string; show?: string; sort?: string; order?: string; page?: string };
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
/** The URL's filters; a value the page does not know falls back to the default (never an error page). */
function filtersOf(query: Query): OverviewFilters {
  const show = one(query.show);
  const sort = one(query.sort);
  return {
    search: (one(query.search) ?? "").trim().slice(0, 100),
    show: OVERVIEW_FILTERS.find((f) => f === show) ?? "all",
    sort: OVERVIEW_SORTS.find((s) => s === sort) ?? "name",
    order: one(query.order) === "desc" ? "desc" : "asc",
  };
}

export default async function OverviewDashboardPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Query> }) {
  const { org } = await params;
  const query = await searchParams;
  const { organization, role } = await getOrgContext(org);
  if (role === "clinician") redirect(`/o/${organization.slug}/dashboard/me`);
  const year = pageYear(query.year);
  const filters = filtersOf(query);
  const page = Math.min(100_000, Math.max(1, Math.floor(Number(one(query.page))) || 1));
  const api = await serverApi();
  const overview = await forPage(api.dashboards.overviewPage({ organization: organization.id, performanceYear: year, ...filters, page, pageSize: PAGE_SIZE }));
  const h = overview.headline;
  const hrefFor = (p: number) => {
    const q = new URLSearchParams({ year: String(year) });
    if (filters.search) q.set("search", filters.search);
    if (filters.show !== "all") q.set("show", filters.show);
    if (filters.sort !== "name") q.set("sort", filters.sort);
    if (filters.order !== "asc") q.set("order", filters.order);
    q.set("page", String(p));
    return `/o/${organization.slug}/dashboard?${q}`;
  };
  const cards = [
    { label: "TINs", value: h.tinCount, note: `${h.scoredTins} scored · ${h.reweightedTins} reweighted · ${h.tinsWithoutData} without data` },
    { label: "Average PI score (scored TINs)", value: h.averagePiScore === null ? "—" : `${h.averagePiScore}%`, note: `${h.baseMetTins} of ${h.tinCount} TINs meet the base score` },
    { label: "Clinicians blocking reweighting", value: h.blockingClinicians, note: "MIPS eligible clinicians without a reason that counts (100% rule)" },
    { label: "Clinicians with data", value: `${h.cliniciansWithData} / ${h.clinicians}`, note: `${year} reports stored` },
  ];
  return (
    <>
      <PageHeader
        title="Organization dashboard"
        description={`Where each TIN stands on Promoting Interoperability in ${year}: score or reweighting, final-score points (PI score x ${categoryWeights(year).pi / 100}, the ${year} PI weight), and who blocks reweighting.`}
        actions={
          <>
            <DownloadLink href={`/api/o/${organization.slug}/reports/organization?year=${year}`}>Summary (PDF)</DownloadLink>
            <DownloadLink href={`/api/o/${organization.slug}/exports/overview.csv?year=${year}`}>Overview CSV</DownloadLink>
            <YearLinks year={year} href={(y) => `/o/${organization.slug}/dashboard?year=${y}`} />
          </>
        }
      />
      <section aria-label="Headline figures" className="mb-6 grid gap-4 md:grid-cols-4">
        {cards.map((c) => (
          <Card key={c.label}>
            <CardHeader>
              <CardDescription>{c.label}</CardDescription>
              <CardTitle className="text-3xl">{c.value}</CardTitle>
            </CardHeader>
            <CardContent className="text-xs text-muted-foreground">{c.note}</CardContent>
          </Card>
        ))}
      </section>
      <Card>
        <CardHeader>
          <CardTitle>TINs</CardTitle>
          <CardDescription>Open a TIN for its measures, vendors, clinicians, reweighting blockers and what-ifs. {PAGE_SIZE} TINs a page; the headline figures above count every TIN.</CardDescription>
        </CardHeader>
        <CardContent>
          <OverviewTable org={organization.slug} year={year} tins={overview.tins} filters={filters} />
          <Pagination page={overview.page} pageSize={overview.pageSize} total={overview.total} hrefFor={hrefFor} />
        </CardContent>
      </Card>
    </>
  );
}
