"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { errorIssues, errorMessage, useTRPC } from "@/components/providers/trpc-client";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatBytes, readFileBase64 } from "./file-base64";
import { IssueList } from "./issue-list";
import { ProgressBar } from "./progress";

type Files = { fileName: string; contentBase64: string }[];

/** Reports listed per file in the preview; the counts above the table cover them all. */
const PREVIEW_ROWS = 200;

/** What goes over the wire: the files' size in base64 (the browser does not report upload progress to fetch). */
function uploadBytes(files: Files): number {
  return files.reduce((n, f) => n + f.contentBase64.length, 0);
}

/** Upload several vendor files, preview what they add or replace with every problem, then import all or nothing. */
export function ImportForm({ organization }: { organization: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [files, setFiles] = useState<Files>([]);
  /** Bytes read so far of all chosen files (FileReader progress), while the browser reads them. */
  const [reading, setReading] = useState<{ file: string; index: number; count: number; loaded: number; total: number } | null>(null);
  const [readProblem, setReadProblem] = useState<string | null>(null);
  /** The vendor's name per new CEHRT ID, prefilled from the files (author/custodian, CSV vendor column). */
  const [vendors, setVendors] = useState<Record<string, string>>({});
  const preview = useMutation(trpc.dataImports.preview.mutationOptions());
  const commit = useMutation(trpc.dataImports.commit.mutationOptions({ onSuccess: () => router.refresh() }));

  async function onChoose(event: React.ChangeEvent<HTMLInputElement>) {
    const chosen = [...(event.target.files ?? [])];
    preview.reset();
    commit.reset();
    setReadProblem(null);
    const read: Files = [];
    const total = chosen.reduce((n, f) => n + f.size, 0);
    let done = 0;
    try {
      for (const [i, f] of chosen.entries()) {
        setReading({ file: f.name, index: i + 1, count: chosen.length, loaded: done, total });
        read.push({ fileName: f.name, contentBase64: await readFileBase64(f, (loaded) => setReading({ file: f.name, index: i + 1, count: chosen.length, loaded: done + loaded, total })) });
        done += f.size;
      }
    } catch (error) {
      setReadProblem(errorMessage(error));
      return;
    } finally {
      setReading(null);
    }
    setFiles(read);
    if (read.length > 0) {
      preview.mutate({ organization, files: read }, { onSuccess: (data) => setVendors(Object.fromEntries(data.newProducts.map((p) => [p.cehrtId, p.suggestedVendor ?? ""]))) });
    }
  }

  const plan = preview.data;
  const unnamed = plan ? plan.newProducts.filter((p) => !(vendors[p.cehrtId] ?? "").trim()) : [];
  return (
    <div className="grid gap-4">
      <div className="grid gap-1.5">
        <Label htmlFor="import-files">Vendor files</Label>
        <Input id="import-files" type="file" multiple accept=".xml,.json,.csv,application/xml,application/json,text/csv" onChange={onChoose} />
        <p className="text-xs text-muted-foreground">QRDA III XML, QPP JSON or CSV (columns below); several at once, up to 20 MB each.</p>
      </div>
      {reading ? (
        <ProgressBar
          label={`Reading ${reading.file} (${reading.index} of ${reading.count})`}
          value={reading.loaded}
          max={reading.total || 1}
          detail={`${formatBytes(reading.loaded)} of ${formatBytes(reading.total)}`}
        />
      ) : null}
      {readProblem ? <Alert variant="destructive">{readProblem}</Alert> : null}
      {preview.isPending ? <ProgressBar label={`Uploading and checking ${files.length} file(s)`} detail={formatBytes(uploadBytes(files))} /> : null}
      {preview.error ? <IssueList title={errorMessage(preview.error)} issues={errorIssues(preview.error)} /> : null}
      {plan ? (
        <section aria-label="Import preview" className="grid gap-3">
          {plan.files.map((f) => (
            <div key={f.fileName} className="rounded-md border p-3">
              <p className="font-medium">
                {f.fileName} <Badge variant="outline">{f.sourceKind}</Badge>{" "}
                {f.alreadyImported ? <Badge variant="secondary">already imported (same checksum): nothing to do</Badge> : null}
              </p>
              {f.reports.length > 0 ? (
                <p className="text-sm">
                  {f.reports.filter((r) => r.action === "add").length} report(s) to add, {f.reports.filter((r) => r.action === "replace").length} to replace
                  {f.reports.length > PREVIEW_ROWS ? `; the first ${PREVIEW_ROWS} are listed` : ""}.
                </p>
              ) : null}
              {f.reports.length > 0 ? (
                <Table>
                  <TableHeader>
                    <TableRow>
                      <TableHead>Action</TableHead>
                      <TableHead>TIN</TableHead>
                      <TableHead>NPI</TableHead>
                      <TableHead>CEHRT product</TableHead>
                      <TableHead>Period</TableHead>
                      <TableHead>Measures</TableHead>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {f.reports.slice(0, PREVIEW_ROWS).map((r, i) => (
                      <TableRow key={i}>
                        <TableCell>{r.action === "replace" ? "Replace" : "Add"}</TableCell>
                        <TableCell>{r.tinDisplay}</TableCell>
                        <TableCell>{r.npi ? `${r.npi}${r.clinicianName ? ` (${r.clinicianName})` : ""}` : "whole TIN"}</TableCell>
                        <TableCell>{r.productLabel}</TableCell>
                        <TableCell>
                          {r.performanceStart}..{r.performanceEnd}
                        </TableCell>
                        <TableCell>{r.measureCount}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              ) : null}
              {f.warnings.length > 0 ? (
                <Alert className="mt-2">
                  <ul className="list-disc pl-5 text-sm">
                    {f.warnings.map((w, i) => (
                      <li key={i}>{w}</li>
                    ))}
                  </ul>
                </Alert>
              ) : null}
              {f.problems.length > 0 ? <IssueList title={`${f.problems.length} problem(s) in ${f.fileName}`} issues={f.problems} /> : null}
            </div>
          ))}
          {plan.newProducts.length > 0 && plan.problemCount === 0 ? (
            <fieldset className="grid gap-3 rounded-md border p-3">
              <legend className="px-1 font-medium">New CEHRT products: whose EHR is it?</legend>
              <p className="text-sm text-muted-foreground">
                These CEHRT IDs are not registered for their TIN yet. The import adds each as a product under the vendor&apos;s name you confirm here (prefilled where the file names its
                author); add the product&apos;s name and dates in use on the CEHRT data page afterwards.
              </p>
              {plan.newProducts.map((p) => {
                const fieldId = `vendor-${p.cehrtId}`;
                const blank = !(vendors[p.cehrtId] ?? "").trim();
                return (
                  <div key={p.cehrtId} className="grid gap-1.5">
                    <Label htmlFor={fieldId}>
                      Vendor of CEHRT ID {p.cehrtId} (TIN {p.tins.join(", ")})
                    </Label>
                    <Input
                      id={fieldId}
                      value={vendors[p.cehrtId] ?? ""}
                      maxLength={200}
                      required
                      aria-invalid={blank || undefined}
                      aria-describedby={`${fieldId}-help`}
                      onChange={(e) => setVendors((v) => ({ ...v, [p.cehrtId]: e.target.value }))}
                    />
                    <p id={`${fieldId}-help`} className={blank ? "text-xs text-destructive" : "text-xs text-muted-foreground"}>
                      {blank ? `Enter the vendor's name: ${p.files.join(", ")} does not say.` : p.suggestedVendor && vendors[p.cehrtId] === p.suggestedVendor ? `As ${p.files.join(", ")} names its author.` : `Used in ${p.files.join(", ")}.`}
                    </p>
                  </div>
                );
              })}
            </fieldset>
          ) : null}
          {plan.problemCount > 0 ? <Alert variant="destructive">Nothing can be imported until the {plan.problemCount} problem(s) above are fixed: imports apply all files or none.</Alert> : null}
          {commit.isPending ? <ProgressBar label={`Importing ${plan.files.filter((f) => !f.alreadyImported).length} file(s): all or nothing`} detail={formatBytes(uploadBytes(files))} /> : null}
          <div>
            <Button
              type="button"
              disabled={!plan.canCommit || unnamed.length > 0 || commit.isPending || commit.isSuccess}
              onClick={() => commit.mutate({ organization, files, vendors: plan.newProducts.map((p) => ({ cehrtId: p.cehrtId, vendor: vendors[p.cehrtId] ?? "" })) })}
            >
              {commit.isPending ? "Importing…" : `Import ${plan.files.filter((f) => !f.alreadyImported).length} file(s)`}
            </Button>
          </div>
        </section>
      ) : null}
      {commit.error ? <IssueList title={errorMessage(commit.error)} issues={errorIssues(commit.error)} /> : null}
      {commit.data ? (
        <Alert variant="success" role="status">
          Imported: {commit.data.added} report(s) added, {commit.data.replaced} replaced
          {commit.data.productsAdded ? `, ${commit.data.productsAdded} CEHRT product(s) added` : ""}
          {commit.data.skippedFiles.length ? `; unchanged: ${commit.data.skippedFiles.join(", ")}` : ""}.
        </Alert>
      ) : null}
    </div>
  );
}
