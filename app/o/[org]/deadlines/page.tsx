import type { Metadata } from "next";
import { serverApi } from "@/server/caller";
import { forPage, getOrgContext } from "@/server/page-context";
import { pageYear } from "@/server/page-year";
import { YearLinks } from "@/components/dashboards/year-links";
import { OrganizationDeadlines } from "@/components/deadlines/organization-deadlines";
import { ForbiddenNotice } from "@/components/layout/forbidden-notice";
import { Card, CardContent } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Deadlines" };

export default async function DeadlinesPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<{ year?: string }> }) {
  const { org } = await params;
  const query = await searchParams;
  const { organization, role } = await getOrgContext(org);
  if (role === "clinician") return <ForbiddenNotice needed="admin or executive" role={role} />;
  const year = pageYear(query.year);
  const api = await serverApi();
  const deadlines = await forPage(api.deadlines.organization({ organization: organization.id, performanceYear: year }));
  const base = `/o/${organization.slug}`;
  return (
    <>
      <PageHeader
        title={`Deadlines for ${year}`}
        description="Every date of the performance year for the whole organization, with what is still open across its TINs. Dates CMS has not confirmed in our sources are marked assumed."
        actions={<YearLinks year={year} href={(y) => `${base}/deadlines?year=${y}`} />}
      />
      <Card>
        <CardContent className="pt-5">
          <OrganizationDeadlines deadlines={deadlines} orgBase={base} />
        </CardContent>
      </Card>
    </>
  );
}
