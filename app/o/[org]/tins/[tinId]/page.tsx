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
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { CLINICIAN_TYPE_LABELS, HARDSHIP_REASON_LABELS } from "@/lib/roster/labels";

export const metadata: Metadata = { title: "TIN" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function TinPage({ params, searchParams }: { params: Promise<{ org: string; tinId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { org, tinId } = await params;
  const sp = await searchParams;
  const { organization, role } = await getOrgContext(org);
  if (role === "clinician") return <ForbiddenNotice needed="admin or executive" role={role} />;
  if (!UUID.test(tinId)) notFound();
  const year = pageYear(sp.year);
  const api = await serverApi();
  const { tin, status, hardships, virtualGroup } = await forPage(api.tins.get({ organization: organization.id, tinId, performanceYear: year }));
  const isAdmin = role === "admin";
  // Every clinician qualifies, but the TIN's submitted PI data cancels the group's reweighting (rules section 5).
  const groupDataCancels = !status.group.reweighted && (status.piReportCount ?? 0) > 0 && status.blocking.length === 0 && status.group.qualifyingClinicians.length > 0;
  const base = `/o/${organization.slug}`;
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
                {status.blocking.map((b) => (
                  <li key={b.clinicianId}>
                    <Link className="font-medium underline" href={`${base}/clinicians/${b.clinicianId}?year=${year}`}>
                      {b.name}
                    </Link>{" "}
                    <span className="font-mono text-xs">NPI {b.npi}</span>: {b.why}
                  </li>
                ))}
              </ul>
            </CardContent>
          </Card>
        ) : null}
        <Card>
          <CardHeader>
            <CardTitle>Clinicians in {year}</CardTitle>
          </CardHeader>
          <CardContent>
            <Table>
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
                {status.clinicians.map((c) => (
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
            {status.clinicians.length === 0 ? <p className="text-sm text-muted-foreground">No clinician bills under this TIN in {year}.</p> : null}
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
              {hardships.length === 0 ? <p className="text-sm text-muted-foreground">None.</p> : null}
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
                  clinicianOptions={status.clinicians.map((c) => ({ value: c.clinicianId, label: `${c.firstName} ${c.lastName} (${c.npi})` }))}
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
