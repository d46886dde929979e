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
import { fileToBase64 } from "./file-base64";
import { IssueList } from "./issue-list";

type Files = { fileName: string; contentBase64: string }[];

/** Upload several vendor files, preview what they add or replace with every problem, then import all or nothing. */
export function ImportForm({ organization }: { organization: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [files, setFiles] = useState<Files>([]);
  const [reading, setReading] = useState<string | null>(null);
  const preview = useMutation(trpc.dataImports.preview.mutationOptions());
  const commit = useMutation(trpc.dataImports.commit.mutationOptions({ onSuccess: () => router.refresh() }));

  async function onChoose(event: React.ChangeEvent<HTMLInputElement>) {
    const chosen = [...(event.target.files ?? [])];
    preview.reset();
    commit.reset();
    const read: Files = [];
    for (const [i, f] of chosen.entries()) {
      setReading(`Reading ${f.name} (${i + 1} of ${chosen.length})…`);
      read.push({ fileName: f.name, contentBase64: await fileToBase64(f) });
    }
    setReading(null);
    setFiles(read);
    if (read.length > 0) preview.mutate({ organization, files: read });
  }

  const plan = preview.data;
  return (
    <div className="grid gap-4">
      <div className="grid gap-1.5">
        <Label htmlFor="import-files">Vendor files</Label>
        <Input id="import-files" type="file" multiple accept=".xml,.json,.csv,application/xml,application/json,text/csv" onChange={onChoose} />
        <p className="text-xs text-muted-foreground">QRDA III XML, QPP JSON or CSV (columns below); several at once, up to 20 MB each.</p>
      </div>
      {reading ? <p role="status">{reading}</p> : null}
      {preview.isPending ? <p role="status">Checking {files.length} file(s)…</p> : null}
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
                    {f.reports.map((r, i) => (
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
          {plan.problemCount > 0 ? <Alert variant="destructive">Nothing can be imported until the {plan.problemCount} problem(s) above are fixed: imports apply all files or none.</Alert> : null}
          <div>
            <Button type="button" disabled={!plan.canCommit || commit.isPending || commit.isSuccess} onClick={() => commit.mutate({ organization, files })}>
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
