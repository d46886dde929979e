import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { serverApi } from "@/server/caller";
import { forPage, getOrgContext } from "@/server/page-context";
import { pageYear } from "@/server/page-year";
import { hardshipReasonsFor } from "@/lib/mips/reweighting";
import { deadlineOf, longDate } from "@/lib/roster/deadlines";
import { ForbiddenNotice } from "@/components/layout/forbidden-notice";
import { HardshipDecision } from "@/components/roster/hardship-decision";
import { FileHardshipForm, HardshipDecisionControls } from "@/components/roster/hardship-forms";
import { EligibilityBadge, isOutsideRule, OUTSIDE_RULE_NOTE, ReweightingBadge } from "@/components/roster/status-badges";
import { ArchiveTinButton, TinForm } from "@/components/roster/tin-form";
import { YearField } from "@/components/roster/year-select";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { CLINICIAN_TYPE_LABELS, HARDSHIP_REASON_LABELS } from "@/lib/roster/labels";

export const metadata: Metadata = { title: "TIN" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A TIN can have thousands of clinicians (issue 13: no page renders every clinician at once), so its
 * clinicians, blockers and hardship applications show a page at a time, each list with its own search
 * param (`page`, `blockers`, `hardships`), like the TIN dashboard.
 */
const PAGE_SIZE = 25;
/** Up to this many clinicians the hardship form lists them in a select; above it, it asks for the NPI. */
const HARDSHIP_SELECT_MAX_CLINICIANS = 50;

function pageParam(value: string | string[] | undefined): number {
  return Math.max(1, Math.floor(Number(typeof value === "string" ? value : undefined)) || 1);
}

export default async function TinPage({ params, searchParams }: { params: Promise<{ org: string; tinId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { org, tinId } = await params;
  const sp = await searchParams;
  const { organization, role } = await getOrgContext(org);
  if (role === "clinician") return <ForbiddenNotice needed="admin or executive" role={role} />;
  if (!UUID.test(tinId)) notFound();
  const year = pageYear(sp.year);
  const pages = { page: pageParam(sp.page), blockers: pageParam(sp.blockers), hardships: pageParam(sp.hardships) };
  const api = await serverApi();
  const { tin, status, hardships, hardshipTotal, virtualGroup } = await forPage(
    api.tins.get({ organization: organization.id, tinId, performanceYear: year, hardshipPage: pages.hardships, hardshipPageSize: PAGE_SIZE }),
  );
  // A page past the end (a stale link after clinicians left) shows the last page.
  const lastPage = (rows: readonly unknown[]) => Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  pages.page = Math.min(pages.page, lastPage(status.clinicians));
  pages.blockers = Math.min(pages.blockers, lastPage(status.blocking));
  const pageOf = <T,>(rows: readonly T[], page: number) => rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const clinicianRows = pageOf(status.clinicians, pages.page);
  const blockerRows = pageOf(status.blocking, pages.blockers);
  const isAdmin = role === "admin";
  // Every clinician qualifies, but the TIN's submitted PI data cancels the group's reweighting (rules section 5).
  const groupDataCancels = !status.group.reweighted && (status.piReportCount ?? 0) > 0 && status.blocking.length === 0 && status.group.qualifyingClinicians.length > 0;
  const base = `/o/${organization.slug}`;
  // This page's URL with one list moved to another page, the year and the other lists' pages kept.
  const hrefFor = (list: keyof typeof pages) => (p: number) => {
    const q = new URLSearchParams({ year: String(year) });
    for (const [name, value] of Object.entries({ ...pages, [list]: p })) if (value > 1) q.set(name, String(value));
    return `${base}/tins/${tin.id}?${q.toString()}`;
  };
  return (
    <>
      <PageHeader
        title={`${tin.name} (${tin.tinDisplay})`}
        description={
          <>
            {status.clinicianCount} clinicians bill under this TIN in {year}, {status.eligibleClinicianCount} of MIPS eligible types
            {status.smallPractice ? " · small practice (15 or fewer)" : ""}
            {virtualGroup ? (
              <>
                {" "}
                · virtual group <Link className="underline" href={`${base}/virtual-groups`}>{virtualGroup.name}</Link>
              </>
            ) : null}
            {tin.archivedAt ? " · archived" : ""}
          </>
        }
        actions={
          <form method="get" className="flex items-end gap-2">
            <YearField value={year} />
            <Button type="submit" variant="outline">
              Show
            </Button>
          </form>
        }
      />
      <div className="grid gap-6">
        <Alert variant={status.group.reweighted ? "default" : "destructive"} aria-label="Group PI reweighting">
          <AlertTitle>
            <ReweightingBadge reweighted={status.group.reweighted} dataCancels={groupDataCancels} />{" "}
            {status.group.reweighted ? `PI is reweighted to 0% for this TIN in ${year}` : `This TIN must report PI in ${year}`}
          </AlertTitle>
          <AlertDescription>
            {status.group.reasons.map((r) => (
              <p key={r}>{r}</p>
            ))}
            {status.piDataNote ? <p data-testid="tin-pi-data-note">{status.piDataNote}</p> : null}
          </AlertDescription>
        </Alert>
        {status.blocking.length > 0 ? (
          <Card>
            <CardHeader>
              <CardTitle>Clinicians who block reweighting</CardTitle>
            </CardHeader>
            <CardContent>
              <ul className="grid gap-2" aria-label="Clinicians who block reweighting">
                {blockerRows.map((b) => (
                  <li key={b.clinicianId}>
                    <Link className="font-medium underline" href={`${base}/clinicians/${b.clinicianId}?year=${year}`}>
                      {b.name}
                    </Link>{" "}
                    <span className="font-mono text-xs">NPI {b.npi}</span>: {b.why}
                  </li>
                ))}
              </ul>
              {status.blocking.length > PAGE_SIZE ? <Pagination page={pages.blockers} pageSize={PAGE_SIZE} total={status.blocking.length} hrefFor={hrefFor("blockers")} label="Pages of clinicians who block reweighting" /> : null}
            </CardContent>
          </Card>
        ) : null}
        <Card>
          <CardHeader>
            <CardTitle>Clinicians in {year}</CardTitle>
          </CardHeader>
          <CardContent>
            <Table>
              <caption className="sr-only">Clinicians billing under this TIN in {year}</caption>
              <TableHeader>
                <TableRow>
                  <TableHead>Name</TableHead>
                  <TableHead>NPI</TableHead>
                  <TableHead>Type</TableHead>
                  <TableHead>Billing</TableHead>
                  <TableHead>Eligibility</TableHead>
                  <TableHead>PI reweighting</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {clinicianRows.map((c) => (
                  <TableRow key={c.membershipId}>
                    <TableCell>
                      <Link className="underline" href={`${base}/clinicians/${c.clinicianId}?year=${year}`}>
                        {c.firstName} {c.lastName}
                      </Link>
                    </TableCell>
                    <TableCell className="font-mono">{c.npi}</TableCell>
                    <TableCell>{CLINICIAN_TYPE_LABELS[c.clinicianType]}</TableCell>
                    <TableCell>
                      {c.startDate} – {c.endDate ?? "now"}
                    </TableCell>
                    <TableCell>
                      <EligibilityBadge eligibility={c.eligibility} note={c.eligibilityNote} />
                    </TableCell>
                    <TableCell>
                      <ReweightingBadge
                        reweighted={c.reweighting.reweighted}
                        dataCancels={c.reweighting.qualifies && !c.reweighting.reweighted}
                        outsideRule={isOutsideRule(c.eligibility, c.eligibilityNote)}
                        title={c.reweighting.explanation.join("; ")}
                      />
                      <span className="ml-2 text-xs text-muted-foreground">{isOutsideRule(c.eligibility, c.eligibilityNote) ? OUTSIDE_RULE_NOTE : c.reweighting.explanation[0]}</span>
                      {c.piDataNote ? <span className="block text-xs text-muted-foreground">{c.piDataNote}</span> : null}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            {status.clinicians.length === 0 ? (
              <p className="text-sm text-muted-foreground">No clinician bills under this TIN in {year}.</p>
            ) : status.clinicians.length > PAGE_SIZE ? (
              <Pagination page={pages.page} pageSize={PAGE_SIZE} total={status.clinicians.length} hrefFor={hrefFor("page")} label="Pages of clinicians" />
            ) : null}
          </CardContent>
        </Card>
        <div className={isAdmin ? "grid gap-6 lg:grid-cols-[2fr_1fr]" : ""}>
          <Card>
            <CardHeader>
              <CardTitle>Hardship applications for {year}</CardTitle>
            </CardHeader>
            <CardContent>
              <p className="mb-3 text-sm text-muted-foreground">Due by {longDate(deadlineOf(year, "hardshipApplication"))}. CMS decides; only an application CMS approved counts.</p>
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHead>For</TableHead>
                    <TableHead>Reason</TableHead>
                    <TableHead>Filed</TableHead>
                    <TableHead>CMS decision</TableHead>
                    {isAdmin ? <TableHead>Record</TableHead> : null}
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {hardships.map((h) => {
                    const who = h.clinicianId ? `${h.firstName} ${h.lastName}` : "Whole TIN";
                    return (
                      <TableRow key={h.id}>
                        <TableCell>{who}</TableCell>
                        <TableCell>{HARDSHIP_REASON_LABELS[h.reason]}</TableCell>
                        <TableCell>{h.filedOn}</TableCell>
                        <TableCell>
                          <HardshipDecision hardship={h} />
                        </TableCell>
                        {isAdmin ? (
                          <TableCell>
                            <HardshipDecisionControls organization={organization.slug} hardship={h} label={`hardship of ${who}`} />
                          </TableCell>
                        ) : null}
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
              {hardshipTotal === 0 ? <p className="text-sm text-muted-foreground">None.</p> : null}
              {hardshipTotal > PAGE_SIZE ? <Pagination page={pages.hardships} pageSize={PAGE_SIZE} total={hardshipTotal} hrefFor={hrefFor("hardships")} label="Pages of hardship applications" /> : null}
            </CardContent>
          </Card>
          {isAdmin ? (
            <Card>
              <CardHeader>
                <CardTitle>Record a hardship application</CardTitle>
              </CardHeader>
              <CardContent>
                <FileHardshipForm
                  organization={organization.slug}
                  tinId={tin.id}
                  performanceYear={year}
                  reasons={hardshipReasonsFor(year).map((r) => ({ code: r.code, label: HARDSHIP_REASON_LABELS[r.code] }))}
                  clinicianOptions={
                    status.clinicians.length <= HARDSHIP_SELECT_MAX_CLINICIANS ? status.clinicians.map((c) => ({ value: c.clinicianId, label: `${c.firstName} ${c.lastName} (${c.npi})` })) : null
                  }
                />
              </CardContent>
            </Card>
          ) : null}
        </div>
        {isAdmin ? (
          <Card>
            <CardHeader>
              <CardTitle>Edit TIN</CardTitle>
            </CardHeader>
            <CardContent className="grid max-w-md gap-4">
              <TinForm organization={organization.slug} tin={tin} />
              <ArchiveTinButton organization={organization.slug} tin={{ id: tin.id, version: tin.version, archived: tin.archivedAt !== null }} />
            </CardContent>
          </Card>
        ) : (
          <Badge variant="outline" className="w-fit">
            Read-only: only admins change the roster
          </Badge>
        )}
      </div>
    </>
  );
}
