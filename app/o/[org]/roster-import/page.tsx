import type { Metadata } from "next";
import { getOrgContext } from "@/server/page-context";
import { ForbiddenNotice } from "@/components/layout/forbidden-notice";
import { RosterImportForm } from "@/components/roster/roster-import-form";
import { buttonVariants } from "@/components/ui/button";
import { CsvColumnsTable } from "@/components/imports/csv-columns-table";
import { StreamedImport } from "@/components/imports/streamed-import";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ROSTER_COLUMNS } from "@/lib/roster/import-columns";

export const metadata: Metadata = { title: "Roster import" };

export default async function RosterImportPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { organization, role } = await getOrgContext(org);
  if (role !== "admin") return <ForbiddenNotice needed="admin" role={role} />;
  return (
    <>
      <PageHeader
        title="Roster import"
        description="Upload a CSV: every problem of every row is listed before anything is written; the import then commits whole or not at all, updating TINs by TIN and clinicians by NPI."
        actions={
          <a className={buttonVariants({ variant: "outline" })} href={`/o/${organization.slug}/roster-import/export`} download>
            Export roster CSV
          </a>
        }
      />
      <div className="grid gap-6">
        <Card>
          <CardHeader>
            <CardTitle>Upload</CardTitle>
          </CardHeader>
          <CardContent>
            <RosterImportForm organization={organization.slug} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Large roster file</CardTitle>
          </CardHeader>
          <CardContent>
            <StreamedImport organization={organization.slug} kind="roster_csv" label="Roster CSV (imported in the background, with progress and cancel; no preview)" />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Columns</CardTitle>
          </CardHeader>
          <CardContent>
            <p className="mb-3 text-sm text-muted-foreground">
              One row per clinician, TIN and performance year. Header names are matched ignoring case and punctuation. An exported file imports back unchanged.
            </p>
            <CsvColumnsTable columns={ROSTER_COLUMNS.map((c) => ({ name: c.header, required: c.required, expected: c.expected }))} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
