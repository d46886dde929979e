"use client";
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc-client";
import { MAX_IMPORT_CHARS } from "@/lib/roster/schemas";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { MutationError } from "./mutation-feedback";

const SHOWN_PROBLEMS = 500;

/** Reads a file as text, reporting the bytes read (real progress for large files on slow disks). */
function readText(file: File, onProgress: (loaded: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => onProgress(e.loaded);
    reader.onload = () => resolve(String(reader.result ?? ""));
    reader.onerror = () => reject(reader.error ?? new Error(`could not read ${file.name}`));
    reader.readAsText(file);
  });
}

/** Seconds since `since` while it is set (the server steps are one request each: no finer progress exists). */
function useElapsed(since: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (since === null) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [since]);
  return since === null ? 0 : Math.max(0, Math.round((now - since) / 1000));
}

/** Upload -> preview (every problem at once, what would change) -> commit all or nothing. */
export function RosterImportForm({ organization }: { organization: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [stage, setStage] = useState<string | null>(null);
  /** Reading the file: bytes read of the file's size (determinate); null outside that step. */
  const [reading, setReading] = useState<{ loaded: number; total: number } | null>(null);
  const [serverStepSince, setServerStepSince] = useState<number | null>(null);
  const preview = useMutation(trpc.rosterImport.preview.mutationOptions());
  const commit = useMutation(trpc.rosterImport.commit.mutationOptions({ onSuccess: () => router.refresh() }));
  const result = preview.data;

  async function onFile(selected: File | undefined) {
    preview.reset();
    commit.reset();
    setFile(null);
    if (!selected) return;
    if (selected.size > MAX_IMPORT_CHARS) {
      setStage(`${selected.name} is larger than ${MAX_IMPORT_CHARS / 1_000_000} MB; split it into several files.`);
      return;
    }
    setStage(`Step 1 of 3: reading ${selected.name} (${(selected.size / 1024).toFixed(0)} KB)…`);
    setReading({ loaded: 0, total: selected.size });
    let text: string;
    try {
      text = await readText(selected, (loaded) => setReading({ loaded, total: selected.size }));
    } catch (error) {
      setReading(null);
      setStage(`${selected.name} could not be read: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    setReading(null);
    setFile({ name: selected.name, text });
    setStage(`Step 2 of 3: checking ${Math.max(0, text.split("\n").filter((l) => l.trim() !== "").length - 1).toLocaleString("en-US")} rows on the server…`);
    setServerStepSince(Date.now());
    preview.mutate(
      { organization, csv: text, fileName: selected.name },
      {
        onSettled: () => {
          setStage(null);
          setServerStepSince(null);
        },
      },
    );
  }
  const elapsed = useElapsed(serverStepSince);

  return (
    <div className="grid gap-4">
      <div className="grid gap-1.5">
        <Label htmlFor="roster-file">Roster CSV file</Label>
        <Input id="roster-file" type="file" accept=".csv,text/csv" onChange={(e) => void onFile(e.target.files?.[0])} />
      </div>
      {stage || commit.isPending ? (
        <div role="status" className="grid gap-1 text-sm">
          <span>
            {commit.isPending ? `Step 3 of 3: importing ${result?.summary.rowCount.toLocaleString("en-US")} rows in one transaction (all or nothing)…` : stage}
            {serverStepSince !== null && elapsed > 0 ? ` ${elapsed} s` : ""}
          </span>
          {reading ? (
            <progress className="w-full" aria-label="Import progress" max={Math.max(1, reading.total)} value={reading.loaded} />
          ) : (
            // A server step is one request (one transaction for the commit): its progress cannot be observed, only its duration.
            <progress className="w-full" aria-label="Import progress" />
          )}
        </div>
      ) : null}
      <MutationError error={preview.error} />
      {result && !result.ok ? (
        <Alert variant="destructive">
          <AlertTitle>
            {result.problems.length} problem{result.problems.length === 1 ? "" : "s"} in {file?.name}; nothing will be imported
          </AlertTitle>
          <AlertDescription>Fix every row listed below and upload the file again.</AlertDescription>
        </Alert>
      ) : null}
      {result && result.problems.length > 0 ? (
        <Table aria-label="Problems in the file">
          <TableHeader>
            <TableRow>
              <TableHead>Row</TableHead>
              <TableHead>Column</TableHead>
              <TableHead>Problem</TableHead>
              <TableHead>Expected</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {result.problems.slice(0, SHOWN_PROBLEMS).map((p, i) => (
              <TableRow key={i}>
                <TableCell>{p.row}</TableCell>
                <TableCell>{p.column ?? "—"}</TableCell>
                <TableCell>{p.problem}</TableCell>
                <TableCell className="text-muted-foreground">{p.expected}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      {result && result.problems.length > SHOWN_PROBLEMS ? <p className="text-sm">…and {result.problems.length - SHOWN_PROBLEMS} more.</p> : null}
      {result?.ok && !commit.isSuccess ? (
        <Alert>
          <AlertTitle>{file?.name}: {result.summary.rowCount.toLocaleString("en-US")} rows, no problems</AlertTitle>
          <AlertDescription>
            <p>
              TINs: {result.summary.tins.new} new, {result.summary.tins.existing} existing · clinicians: {result.summary.clinicians.new} new, {result.summary.clinicians.existing} existing · memberships: {result.summary.memberships.new} new, {result.summary.memberships.existing} existing · year figures: {result.summary.yearFigures}
            </p>
            <Button
              className="mt-2"
              disabled={commit.isPending}
              onClick={() => {
                if (!file) return;
                setServerStepSince(Date.now());
                commit.mutate({ organization, csv: file.text, fileName: file.name }, { onSettled: () => setServerStepSince(null) });
              }}
            >
              Import {result.summary.rowCount.toLocaleString("en-US")} rows
            </Button>
          </AlertDescription>
        </Alert>
      ) : null}
      <MutationError error={commit.error} />
      {commit.data ? (
        <Alert>
          <AlertTitle>Imported {file?.name}</AlertTitle>
          <AlertDescription>
            Changed {commit.data.changed.tins} TINs, {commit.data.changed.clinicians} clinicians, {commit.data.changed.memberships} memberships and {commit.data.changed.yearFigures} year figures (unchanged records were left as they were).
          </AlertDescription>
        </Alert>
      ) : null}
    </div>
  );
}
