import type { Metadata } from "next";
import Link from "next/link";
import { serverApi } from "@/server/caller";
import { forPage, getOrgContext } from "@/server/page-context";
import { pageYear } from "@/server/page-year";
import { ForbiddenNotice } from "@/components/layout/forbidden-notice";
import { HardshipDecision } from "@/components/roster/hardship-decision";
import { HardshipDecisionControls } from "@/components/roster/hardship-forms";
import { pageParam, textParam } from "@/components/roster/year-select";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { PERFORMANCE_YEARS_NEWEST_FIRST } from "@/lib/mips/years";
import { deadlineOf, longDate } from "@/lib/roster/deadlines";
import { HARDSHIP_STATUSES } from "@/lib/mips/submission";
import { EXTREME_CIRCUMSTANCE_LABELS, HARDSHIP_REASON_LABELS } from "@/lib/roster/labels";

export const metadata: Metadata = { title: "Hardship applications" };

export default async function HardshipsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { org } = await params;
  const sp = await searchParams;
  const { organization, role } = await getOrgContext(org);
  if (role === "clinician") return <ForbiddenNotice needed="admin or executive" role={role} />;
  // "all" lists every year; otherwise the page's year (the current performance year without ?year=).
  const allYears = textParam(sp.year) === "all";
  const year = allYears ? undefined : pageYear(sp.year);
  const yearText = allYears ? "all" : String(year);
  const statusText = textParam(sp.status);
  const status = HARDSHIP_STATUSES.find((s) => s === statusText);
  const page = pageParam(sp.page);
  const api = await serverApi();
  const result = await forPage(api.hardships.list({ organization: organization.id, performanceYear: year, status, page, pageSize: 50 }));
  const base = `/o/${organization.slug}`;
  const hrefFor = (p: number) => `${base}/hardships?${new URLSearchParams(Object.entries({ year: yearText, status, page: String(p) }).filter((e): e is [string, string] => Boolean(e[1])))}`;
  return (
    <>
      <PageHeader
        title="Hardship applications"
        description={`PI hardship exception applications${year ? ` for ${year}, due by ${longDate(deadlineOf(year, "hardshipApplication"))}` : ", each due by the deadline of its performance year"}. CMS decides each application; only applications CMS approved count for reweighting. Record new applications from the TIN's page.`}
      />
      <Card>
        <CardContent className="pt-5">
          <form method="get" className="mb-4 flex flex-wrap items-end gap-3">
            <div className="grid gap-1.5">
              <Label htmlFor="hardship-year">Performance year</Label>
              <NativeSelect id="hardship-year" name="year" defaultValue={yearText} className="w-32">
                <option value="all">All years</option>
                {PERFORMANCE_YEARS_NEWEST_FIRST.map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </NativeSelect>
            </div>
            <div className="grid gap-1.5">
              <Label htmlFor="hardship-status">Status</Label>
              <NativeSelect id="hardship-status" name="status" defaultValue={status ?? ""} className="w-36">
                <option value="">All</option>
                {HARDSHIP_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {s === "pending" ? "awaiting CMS" : `${s} by CMS`}
                  </option>
                ))}
              </NativeSelect>
            </div>
            <Button type="submit" variant="outline">
              Filter
            </Button>
          </form>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Year</TableHead>
                <TableHead>TIN</TableHead>
                <TableHead>For</TableHead>
                <TableHead>Reason</TableHead>
                <TableHead>Filed / deadline</TableHead>
                <TableHead>CMS decision</TableHead>
                {role === "admin" ? <TableHead>Record</TableHead> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {result.hardships.map((h) => {
                const who = h.clinicianId ? `${h.firstName} ${h.lastName}` : "Whole TIN";
                return (
                  <TableRow key={h.id}>
                    <TableCell>{h.performanceYear}</TableCell>
                    <TableCell>
                      <Link className="underline" href={`${base}/tins/${h.tinId}?year=${h.performanceYear}`}>
                        {h.tinName} ({h.tinDisplay})
                      </Link>
                    </TableCell>
                    <TableCell>{h.clinicianId ? <Link className="underline" href={`${base}/clinicians/${h.clinicianId}?year=${h.performanceYear}`}>{who}</Link> : who}</TableCell>
                    <TableCell>
                      {HARDSHIP_REASON_LABELS[h.reason]}
                      {h.circumstanceKind ? (
                        <span className="block text-xs text-muted-foreground">
                          {EXTREME_CIRCUMSTANCE_LABELS[h.circumstanceKind]}, {h.circumstanceStart} – {h.circumstanceEnd}
                        </span>
                      ) : null}
                      {h.notes ? <span className="block text-xs text-muted-foreground">{h.notes}</span> : null}
                    </TableCell>
                    <TableCell>
                      {h.filedOn} <span className="block text-xs text-muted-foreground">due by {h.deadline}</span>
                    </TableCell>
                    <TableCell>
                      <HardshipDecision hardship={h} />
                    </TableCell>
                    {role === "admin" ? (
                      <TableCell>
                        <HardshipDecisionControls organization={organization.slug} hardship={h} label={`hardship of ${who}`} />
                      </TableCell>
                    ) : null}
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
          <Pagination page={result.page} pageSize={result.pageSize} total={result.total} hrefFor={hrefFor} />
        </CardContent>
      </Card>
    </>
  );
}
