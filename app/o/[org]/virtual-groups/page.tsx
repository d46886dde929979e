import type { Metadata } from "next";
import Link from "next/link";
import { serverApi } from "@/server/caller";
import { forPage, getOrgContext } from "@/server/page-context";
import { pageYear } from "@/server/page-year";
import { YearLinks } from "@/components/dashboards/year-links";
import { ForbiddenNotice } from "@/components/layout/forbidden-notice";
import { ReweightingBadge } from "@/components/roster/status-badges";
import { CreateVirtualGroupForm, DeleteVirtualGroupButton, EditVirtualGroupForm, VirtualGroupTinControls } from "@/components/roster/virtual-group-forms";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { PERFORMANCE_YEARS_NEWEST_FIRST } from "@/lib/mips/years";
import { deadlineOf, longDate } from "@/lib/roster/deadlines";

export const metadata: Metadata = { title: "Virtual groups" };

/** Virtual groups exist from the 2018 performance year (rules section 3). */
const FIRST_VIRTUAL_GROUP_YEAR = 2018;

export default async function VirtualGroupsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<{ year?: string }> }) {
  const { org } = await params;
  const year = pageYear((await searchParams).year);
  const { organization, role } = await getOrgContext(org);
  if (role === "clinician") return <ForbiddenNotice needed="admin or executive" role={role} />;
  const api = await serverApi();
  const [groups, tinOptions] = await Promise.all([forPage(api.virtualGroups.list({ organization: organization.id, performanceYear: year })), forPage(api.tins.options({ organization: organization.id }))]);
  const base = `/o/${organization.slug}`;
  const formYears = PERFORMANCE_YEARS_NEWEST_FIRST.filter((y) => y >= FIRST_VIRTUAL_GROUP_YEAR).map((y) => ({ year: y, electionDeadline: deadlineOf(y, "virtualGroupElection") }));
  const description =
    year < FIRST_VIRTUAL_GROUP_YEAR
      ? `Virtual groups exist from the ${FIRST_VIRTUAL_GROUP_YEAR} performance year; there are none in ${year}.`
      : `Two or more TINs of 10 or fewer eligible clinicians each, reporting together for ${year}. The election for ${year} was due by ${longDate(deadlineOf(year, "virtualGroupElection"))}; a TIN belongs to one virtual group a year.`;
  return (
    <>
      <PageHeader
        title="Virtual groups"
        description={description}
        actions={<YearLinks year={year} href={(y) => `${base}/virtual-groups?year=${y}`} />}
      />
      <div className={role === "admin" ? "grid gap-6 lg:grid-cols-[3fr_1fr]" : "grid gap-6"}>
        <div className="grid gap-6">
          {groups.map((g) => (
            <Card key={g.id}>
              <CardHeader>
                <CardTitle>
                  {g.name} ({g.performanceYear})
                </CardTitle>
                <CardDescription>
                  CMS ID {g.cmsId ?? "not yet assigned"} · elected {g.electionDate} (due by {g.deadline}) · {g.status.clinicianCount} clinicians, {g.status.eligibleClinicianCount} of eligible types
                </CardDescription>
              </CardHeader>
              <CardContent className="grid gap-3 text-sm">
                {g.memberTinWarning ? (
                  <Alert variant="destructive" aria-label={`Member TINs of ${g.name}`}>
                    <AlertTitle>Fewer than two member TINs</AlertTitle>
                    <AlertDescription>{g.memberTinWarning}</AlertDescription>
                  </Alert>
                ) : null}
                <div>
                  <ReweightingBadge reweighted={g.status.group.reweighted} dataCancels={!g.status.group.reweighted && g.status.blocking.length === 0 && (g.status.piReportCount ?? 0) > 0 && g.status.eligibleClinicianCount > 0} />{" "}
                  {g.status.group.reasons.join(" ")}
                  {g.status.piDataNote ? <p className="text-muted-foreground">{g.status.piDataNote}</p> : null}
                </div>
                <ul className="list-disc pl-5">
                  {g.tins.map((t) => (
                    <li key={t.tinId}>
                      <Link className="underline" href={`${base}/tins/${t.tinId}?year=${g.performanceYear}`}>
                        {t.name} ({t.tinDisplay})
                      </Link>
                    </li>
                  ))}
                  {g.tins.length === 0 ? <li>No member TIN yet.</li> : null}
                </ul>
                {g.status.blocking.length > 0 ? (
                  <div>
                    <p className="font-medium">Clinicians who block reweighting</p>
                    <ul className="list-disc pl-5">
                      {g.status.blocking.map((b) => (
                        <li key={`${b.tinDisplay}-${b.npi}`}>
                          <Link className="underline" href={`${base}/clinicians/${b.clinicianId}?year=${g.performanceYear}`}>
                            {b.name}
                          </Link>{" "}
                          (TIN {b.tinDisplay}, NPI {b.npi}): {b.why}
                        </li>
                      ))}
                    </ul>
                  </div>
                ) : null}
                {role === "admin" ? <EditVirtualGroupForm organization={organization.slug} group={g} /> : null}
                {role === "admin" ? <DeleteVirtualGroupButton organization={organization.slug} group={g} /> : null}
                {role === "admin" ? (
                  <VirtualGroupTinControls
                    organization={organization.slug}
                    virtualGroupId={g.id}
                    groupName={g.name}
                    tinOptions={tinOptions.filter((o) => !g.tins.some((t) => t.tinId === o.id)).map((o) => ({ value: o.id, label: `${o.name} (${o.tinDisplay})` }))}
                    members={g.tins.map((t) => ({ value: t.tinId, label: `${t.name} (${t.tinDisplay})` }))}
                  />
                ) : null}
              </CardContent>
            </Card>
          ))}
          {groups.length === 0 ? <p className="text-sm text-muted-foreground">No virtual group in {year}.</p> : null}
        </div>
        {role === "admin" ? (
          <Card>
            <CardHeader>
              <CardTitle>Add a virtual group</CardTitle>
            </CardHeader>
            <CardContent>
              <CreateVirtualGroupForm organization={organization.slug} performanceYear={year} years={formYears} />
            </CardContent>
          </Card>
        ) : null}
      </div>
    </>
  );
}
