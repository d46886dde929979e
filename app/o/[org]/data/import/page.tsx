import type { Metadata } from "next";
import { getOrgContext } from "@/server/page-context";
import { ForbiddenNotice } from "@/components/layout/forbidden-notice";
import { ImportForm } from "@/components/cehrt/import-form";
import { CsvColumnsTable } from "@/components/imports/csv-columns-table";
import { StreamedImport } from "@/components/imports/streamed-import";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { CSV_MEASURE_COLUMNS } from "@/lib/formats/csv-measures";

export const metadata: Metadata = { title: "Import CEHRT data" };

export default async function ImportDataPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { organization, role } = await getOrgContext(org);
  if (role !== "admin") return <ForbiddenNotice needed="admin" role={role} />;
  return (
    <>
      <PageHeader
        title="Import CEHRT data"
        description="QRDA III, QPP JSON or CSV files from your CEHRT vendors. The preview shows what each file adds or replaces per TIN, NPI, product and period, and every problem; the import applies all files or none. A file already imported (same checksum) is recognised and left alone."
      />
      <div className="grid gap-6">
        <ImportForm organization={organization.id} />
        <Card>
          <CardHeader>
            <CardTitle>Large CSV file</CardTitle>
          </CardHeader>
          <CardContent>
            <p className="mb-2 text-sm">
              For measure-data CSV files too large for the preview (up to 200 MB, a million rows): the file is imported in the background with progress and cancel, every problem is listed, and
              nothing is kept unless the whole file is right. Its CEHRT products must be registered first.
            </p>
            <StreamedImport organization={organization.id} kind="cehrt_csv" label="Measure-data CSV" />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>CSV columns</CardTitle>
          </CardHeader>
          <CardContent>
            <p className="mb-2 text-sm">One row per measure value, with a header row. Rows with the same TIN, NPI, CEHRT ID and period form one report.</p>
            <CsvColumnsTable columns={CSV_MEASURE_COLUMNS.map((c) => ({ name: c.key, required: c.required, expected: c.description }))} monospace />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
