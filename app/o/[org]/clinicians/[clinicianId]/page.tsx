import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { serverApi } from "@/server/caller";
import { forPage, getOrgContext } from "@/server/page-context";
import { pageYear } from "@/server/page-year";
import { ForbiddenNotice } from "@/components/layout/forbidden-notice";
import { ArchiveClinicianButton, ClinicianForm } from "@/components/roster/clinician-form";
import { AddMembershipForm, MembershipDatesForm, YearFiguresForm } from "@/components/roster/membership-forms";
import { EligibilityBadge, isOutsideRule, OUTSIDE_RULE_NOTE, ReweightingBadge } from "@/components/roster/status-badges";
import { YearField } from "@/components/roster/year-select";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { CLINICIAN_TYPE_LABELS } from "@/lib/roster/labels";
import { formatDollars } from "@/lib/roster/values";

export const metadata: Metadata = { title: "Clinician" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function ClinicianPage({ params, searchParams }: { params: Promise<{ org: string; clinicianId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { org, clinicianId } = await params;
  const sp = await searchParams;
  const { organization, role } = await getOrgContext(org);
  if (!UUID.test(clinicianId)) notFound();
  const year = pageYear(sp.year);
  const api = await serverApi();
  let clinician;
  try {
    clinician = await forPage(api.clinicians.get({ organization: organization.id, clinicianId, performanceYear: year }));
  } catch (error) {
    if (error instanceof TRPCError && error.code === "FORBIDDEN") return <ForbiddenNotice needed="admin or executive (or to be this clinician)" role={role} />;
    throw error;
  }
  const isAdmin = role === "admin";
  const [tinOptions, userOptions] = isAdmin
    ? await Promise.all([forPage(api.tins.options({ organization: organization.id })), forPage(api.clinicians.userOptions({ organization: organization.id, clinicianId: clinician.id }))])
    : [[], { options: [], more: false }];
  const base = `/o/${organization.slug}`;
  return (
    <>
      <PageHeader
        title={`${clinician.firstName} ${clinician.lastName}`}
        description={`NPI ${clinician.npi} · ${CLINICIAN_TYPE_LABELS[clinician.clinicianType]}${clinician.specialty ? ` · ${clinician.specialty}` : ""}${clinician.userEmail ? ` · linked to ${clinician.userEmail}` : ""}${clinician.archivedAt ? " · archived" : ""}`}
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
        {clinician.tins.map((t) => (
          <Card key={t.membershipId}>
            <CardHeader>
              <CardTitle>
                {role === "clinician" ? (
                  `${t.tinName} (${t.tinDisplay})`
                ) : (
                  <Link className="underline" href={`${base}/tins/${t.tinId}?year=${year}`}>
                    {t.tinName} ({t.tinDisplay})
                  </Link>
                )}
              </CardTitle>
            </CardHeader>
            <CardContent className="grid gap-3 text-sm">
              <p>
                Billing since {t.startDate}
                {t.endDate ? ` until ${t.endDate}` : ""}
              </p>
              <div className="flex flex-wrap items-center gap-2">
                <EligibilityBadge eligibility={t.eligibility} note={t.eligibilityNote} /> <span>{t.eligibilityNote}</span>
              </div>
              <div className="flex flex-wrap items-center gap-2">
                <ReweightingBadge reweighted={t.reweighting.reweighted} dataCancels={t.reweighting.qualifies && !t.reweighting.reweighted} outsideRule={isOutsideRule(t.eligibility, t.eligibilityNote)} />{" "}
                <span>{isOutsideRule(t.eligibility, t.eligibilityNote) ? OUTSIDE_RULE_NOTE : t.reweighting.explanation.join("; ")}</span>
              </div>
              {t.piDataNote ? <p data-testid="clinician-pi-data-note">{t.piDataNote}</p> : null}
              {t.figures ? (
                <p className="text-muted-foreground">
                  {year}: allowed charges {formatDollars(t.figures.allowedChargesCents)}, {t.figures.partBBeneficiaries} Part B beneficiaries
                  {[
                    t.figures.nonPatientFacing && "non-patient facing",
                    t.figures.hospitalBased && "hospital-based",
                    t.figures.ascBased && "ASC-based",
                    t.figures.rural && "rural",
                    t.figures.hpsa && "HPSA",
                    t.figures.newlyEnrolled && "newly enrolled",
                    t.figures.advancedApmQp && "Advanced APM QP",
                  ]
                    .filter(Boolean)
                    .map((s) => ` · ${s}`)
                    .join("")}
                </p>
              ) : null}
              {isAdmin ? (
                <>
                  <YearFiguresForm organization={organization.slug} membershipId={t.membershipId} performanceYear={year} figures={t.figures} tinLabel={t.tinDisplay} />
                  <MembershipDatesForm organization={organization.slug} membership={{ id: t.membershipId, startDate: t.startDate, endDate: t.endDate, version: t.membershipVersion }} tinLabel={t.tinDisplay} />
                </>
              ) : null}
            </CardContent>
          </Card>
        ))}
        {clinician.tins.length === 0 ? <p className="text-sm text-muted-foreground">Not billing under any TIN in {year} (memberships of other years show under those years).</p> : null}
        {isAdmin ? (
          <>
            <Card>
              <CardHeader>
                <CardTitle>Bill under another TIN</CardTitle>
              </CardHeader>
              <CardContent>
                <AddMembershipForm organization={organization.slug} performanceYear={year} clinicianId={clinician.id} tinOptions={tinOptions.map((o) => ({ value: o.id, label: `${o.name} (${o.tinDisplay})` }))} />
              </CardContent>
            </Card>
            <Card>
              <CardHeader>
                <CardTitle>Edit clinician</CardTitle>
              </CardHeader>
              <CardContent className="grid max-w-md gap-4">
                <ClinicianForm organization={organization.slug} performanceYear={year} clinician={clinician} userOptions={userOptions.options.map((u) => ({ value: u.userId, label: `${u.name} (${u.email})` }))} moreUsers={userOptions.more} />
                <ArchiveClinicianButton organization={organization.slug} clinician={{ id: clinician.id, version: clinician.version, archived: clinician.archivedAt !== null }} />
              </CardContent>
            </Card>
          </>
        ) : null}
      </div>
    </>
  );
}
