import type { Metadata } from "next";
import Link from "next/link";
import { serverApi } from "@/server/caller";
import { forPage, getOrgContext } from "@/server/page-context";
import { pageYear } from "@/server/page-year";
import { ForbiddenNotice } from "@/components/layout/forbidden-notice";
import { ReweightingBadge } from "@/components/roster/status-badges";
import { TinForm } from "@/components/roster/tin-form";
import { pageParam, textParam, YearField } from "@/components/roster/year-select";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { PageHeader } from "@/components/ui/page-header";
import { DownloadLink } from "@/components/reports/download-link";
import { Pagination } from "@/components/ui/pagination";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export const metadata: Metadata = { title: "TINs" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function TinsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: SearchParams }) {
  const { org } = await params;
  const sp = await searchParams;
  const { organization, role } = await getOrgContext(org);
  if (role === "clinician") return <ForbiddenNotice needed="admin or executive" role={role} />;
  const year = pageYear(sp.year);
  const search = textParam(sp.q);
  const page = pageParam(sp.page);
  const api = await serverApi();
  const result = await forPage(api.tins.list({ organization: organization.id, performanceYear: year, search, page, pageSize: 25, includeArchived: sp.archived === "1" }));
  const base = `/o/${organization.slug}/tins`;
  const hrefFor = (p: number) => `${base}?${new URLSearchParams({ year: String(year), ...(search ? { q: search } : {}), page: String(p) })}`;
  return (
    <>
      <PageHeader
        title="TINs"
        description={`Billing entities of ${organization.name}, with PI reweighting under the 100% rule for ${year}.`}
        actions={<DownloadLink href={`/api/o/${organization.slug}/exports/tins.csv?year=${year}`}>Export CSV</DownloadLink>}
      />
      <div className={role === "admin" ? "grid gap-6 lg:grid-cols-[3fr_1fr]" : ""}>
        <Card>
          <CardContent className="pt-5">
            <form className="mb-4 flex flex-wrap items-end gap-3" method="get">
              <div className="grid gap-1.5">
                <Label htmlFor="tin-search">Search</Label>
                <Input id="tin-search" name="q" defaultValue={search ?? ""} placeholder="Name or TIN" className="w-64" />
              </div>
              <YearField value={year} />
              <div className="flex items-center gap-2 pb-2">
                <input type="checkbox" id="tin-archived" name="archived" value="1" defaultChecked={sp.archived === "1"} className="size-4" />
                <Label htmlFor="tin-archived">Include archived</Label>
              </div>
              <Button type="submit" variant="outline">
                Show
              </Button>
            </form>
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>TIN</TableHead>
                  <TableHead>Name</TableHead>
                  <TableHead>Clinicians</TableHead>
                  <TableHead>Eligible types</TableHead>
                  <TableHead>PI ({year})</TableHead>
                  <TableHead>Virtual group</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {result.tins.map((t) => (
                  <TableRow key={t.id}>
                    <TableCell className="font-mono">
                      <Link className="underline" href={`${base}/${t.id}?year=${year}`}>
                        {t.tinDisplay}
                      </Link>
                    </TableCell>
                    <TableCell>
                      {t.name} {t.archivedAt ? <Badge variant="outline">archived</Badge> : null} {t.smallPractice && t.clinicianCount > 0 ? <Badge variant="secondary">small practice</Badge> : null}
                    </TableCell>
                    <TableCell>{t.clinicianCount}</TableCell>
                    <TableCell>{t.eligibleClinicianCount}</TableCell>
                    <TableCell>
                      <ReweightingBadge reweighted={t.reweighted} dataCancels={!t.reweighted && t.blockingCount === 0 && (t.piReportCount ?? 0) > 0 && t.eligibleClinicianCount > 0} title={t.piDataNote ?? undefined} />
                      {t.blockingCount > 0 ? <span className="ml-2 text-xs text-muted-foreground">{t.blockingCount} blocking</span> : null}
                    </TableCell>
                    <TableCell>{t.virtualGroupName ?? "—"}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <Pagination page={result.page} pageSize={result.pageSize} total={result.total} hrefFor={hrefFor} />
          </CardContent>
        </Card>
        {role === "admin" ? (
          <Card>
            <CardHeader>
              <CardTitle>Add a TIN</CardTitle>
            </CardHeader>
            <CardContent>
              <TinForm organization={organization.slug} />
            </CardContent>
          </Card>
        ) : null}
      </div>
    </>
  );
}
