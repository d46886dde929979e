"use client";
/**
 * A large file's import through the streamed path (issue 13): the file is sent as the request body to
 * POST /api/o/<org>/imports (the browser streams it; XMLHttpRequest reports the upload's progress), then
 * the page polls the job (importJobs.get) for rows read, problems found and percent, can cancel it, and
 * shows the final report: what was committed, or every problem (nothing committed), with a retry for a
 * job that failed on our side, was cancelled or stalled. A measure file naming CEHRT IDs new to their TIN
 * stops before importing (needs_vendors): the page asks for each one's vendor, as the preview does, and
 * runs the job again with the names (the products are registered in the import's transaction).
 */
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQuery } from "@tanstack/react-query";
import { errorMessage, useTRPC } from "@/components/providers/trpc-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { IssueList } from "@/components/cehrt/issue-list";
import { ProgressBar } from "@/components/cehrt/progress";
import { formatBytes } from "@/components/cehrt/file-base64";

type Kind = "cehrt_csv" | "roster_csv";

/** Sends the file as the body; resolves with the job id or rejects with the server's message. */
function uploadFile(organization: string, kind: Kind, file: File, onProgress: (loaded: number, total: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/o/${encodeURIComponent(organization)}/imports?kind=${kind}&name=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader("Content-Type", "text/csv");
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onerror = () => reject(new Error("The upload was interrupted (network error). Try again."));
    xhr.onload = () => {
      let body: { jobId?: string; error?: string } = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        // a proxy's HTML error page
      }
      if (xhr.status === 202 && body.jobId) resolve(body.jobId);
      else reject(new Error(body.error ?? `The upload was refused (HTTP ${xhr.status}).`));
    };
    xhr.send(file);
  });
}

/** Where polling stops: the job is done, or waits for the user (vendor names). */
const FINISHED = new Set(["succeeded", "failed", "cancelled", "needs_vendors"]);

function VendorNames({ products, pending, onSubmit }: { products: { cehrtId: string; suggestedVendor: string | null; tins: string[] }[]; pending: boolean; onSubmit: (vendors: { cehrtId: string; vendor: string }[]) => void }) {
  const [vendors, setVendors] = useState<Record<string, string>>(() => Object.fromEntries(products.map((p) => [p.cehrtId, p.suggestedVendor ?? ""])));
  const unnamed = products.filter((p) => !(vendors[p.cehrtId] ?? "").trim());
  return (
    <form
      className="grid gap-2"
      aria-label="Vendors of the new CEHRT products"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(products.map((p) => ({ cehrtId: p.cehrtId, vendor: vendors[p.cehrtId] ?? "" })));
      }}
    >
      <p className="text-sm">These CEHRT IDs are not registered for their TIN yet. The import adds each as a product under the vendor&apos;s name you confirm here (prefilled where the file&apos;s vendor column names one).</p>
      {products.map((p) => {
        const fieldId = `streamed-vendor-${p.cehrtId}`;
        return (
          <div key={p.cehrtId} className="grid gap-1">
            <Label htmlFor={fieldId}>
              Vendor of {p.cehrtId} (TIN {p.tins.join(", ")})
            </Label>
            <Input id={fieldId} value={vendors[p.cehrtId] ?? ""} maxLength={200} onChange={(e) => setVendors((v) => ({ ...v, [p.cehrtId]: e.target.value }))} />
          </div>
        );
      })}
      <div>
        <Button type="submit" disabled={pending || unnamed.length > 0}>
          {unnamed.length > 0 ? `Name ${unnamed.length} more vendor(s)` : "Register the products and import"}
        </Button>
      </div>
    </form>
  );
}

export function StreamedImport({ organization, kind, label = "Large CSV file", files }: { organization: string; kind: Kind; label?: string; files?: File[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [file, setFile] = useState<File | null>(files?.[0] ?? null);
  const [upload, setUpload] = useState<{ loaded: number; total: number } | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useQuery({
    ...trpc.importJobs.get.queryOptions({ organization, jobId: jobId ?? "00000000-0000-0000-0000-000000000000" }),
    enabled: jobId !== null,
    refetchInterval: (query) => (query.state.data && FINISHED.has(query.state.data.status) ? false : 1000),
  });
  const cancel = useMutation(trpc.importJobs.cancel.mutationOptions({ onSuccess: () => void job.refetch() }));
  const retry = useMutation(trpc.importJobs.retry.mutationOptions({ onSuccess: () => void job.refetch() }));
  const view = job.data;
  const finished = view ? FINISHED.has(view.status) : false;
  const succeeded = view?.status === "succeeded";
  useEffect(() => {
    // Once committed, the page's server-rendered data is read again.
    if (succeeded) router.refresh();
  }, [succeeded, router]);

  async function start() {
    if (!file) return;
    setUploadError(null);
    setJobId(null);
    setUpload({ loaded: 0, total: file.size });
    try {
      const id = await uploadFile(organization, kind, file, (loaded, total) => setUpload({ loaded, total }));
      setJobId(id);
    } catch (error) {
      setUploadError(errorMessage(error));
    } finally {
      setUpload(null);
    }
  }

  return (
    <div className="grid gap-3" data-testid="streamed-import">
      {files ? null : (
        <div className="grid gap-1">
          <Label htmlFor={`streamed-${kind}`}>{label}</Label>
          <Input id={`streamed-${kind}`} type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          <p className="text-sm text-muted-foreground">Sent as it is read and imported in the background (up to 200 MB): checked row by row, then applied all or nothing.</p>
        </div>
      )}
      <div>
        <Button type="button" disabled={!file || upload !== null || (jobId !== null && !finished)} onClick={() => void start()}>
          {file ? `Import ${file.name} (${formatBytes(file.size)})` : "Import"}
        </Button>
      </div>
      {upload ? <ProgressBar label={`Uploading ${file?.name ?? "the file"}`} value={upload.loaded} max={upload.total || 1} detail={`${formatBytes(upload.loaded)} of ${formatBytes(upload.total)}`} /> : null}
      {uploadError ? <Alert variant="destructive">{uploadError}</Alert> : null}
      {view && !finished ? (
        <div className="grid gap-2">
          <ProgressBar
            label={view.status === "queued" ? "Waiting for the import to start" : `Importing ${view.fileName}: ${view.message ?? "working"}`}
            value={view.percent}
            max={100}
            detail={`${view.percent}% · ${view.rowsRead.toLocaleString("en-US")} rows read · ${view.problemsFound.toLocaleString("en-US")} problem(s) found`}
          />
          <div>
            <Button type="button" variant="outline" disabled={view.cancelRequested || cancel.isPending} onClick={() => cancel.mutate({ organization, jobId: view.id })}>
              {view.cancelRequested ? "Cancelling…" : "Cancel import"}
            </Button>
          </div>
        </div>
      ) : null}
      {view && finished ? (
        view.status === "succeeded" ? (
          <Alert role="status">{view.message}</Alert>
        ) : view.status === "needs_vendors" ? (
          <div className="grid gap-2">
            <Alert role="status">{view.message}</Alert>
            <VendorNames key={view.id} products={view.newProducts} pending={retry.isPending} onSubmit={(vendors) => retry.mutate({ organization, jobId: view.id, vendors })} />
          </div>
        ) : view.problems.length > 0 ? (
          <IssueList title={`${view.message ?? "Nothing was imported."}`} issues={view.problems} />
        ) : (
          <Alert variant={view.status === "failed" ? "destructive" : "default"} role="status">
            {view.message}
          </Alert>
        )
      ) : null}
      {view?.canRetry && view.status !== "needs_vendors" ? (
        <div className="grid gap-1">
          <div>
            <Button type="button" variant="outline" disabled={retry.isPending} onClick={() => retry.mutate({ organization, jobId: view.id })}>
              Run the import again
            </Button>
          </div>
          {view.fileKeptUntil ? <p className="text-sm text-muted-foreground">The uploaded file is kept for this until {view.fileKeptUntil.toLocaleString()}.</p> : null}
        </div>
      ) : null}
      {cancel.error ? <Alert variant="destructive">{errorMessage(cancel.error)}</Alert> : null}
      {retry.error ? <Alert variant="destructive">{errorMessage(retry.error)}</Alert> : null}
    </div>
  );
}
