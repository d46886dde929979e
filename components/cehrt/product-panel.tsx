"use client";
/**
 * One CEHRT product of a TIN on the data page: its details (admins edit them, with the version the form
 * was opened with, so a stale edit is refused with who changed it), its security risk analysis of the
 * year (admins record it: completed date, who attests) and the analysis's evidence files (admins upload
 * PDF/PNG/JPEG, checked by content on the server; admins and executives download them through the
 * access-checked route). Executives and clinicians read only; clinicians do not download evidence.
 */
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { errorIssues, errorMessage, useTRPC } from "@/components/providers/trpc-client";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { fieldError, FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { formatBytes, readFileBase64 } from "./file-base64";
import { IssueList } from "./issue-list";
import { ProgressBar } from "./progress";

/** Evidence files are limited to 10 MB (db/schema/cehrt.ts MAX_EVIDENCE_BYTES; checked again on the server). */
const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

export interface ProductView {
  id: string;
  vendor: string;
  productName: string;
  cehrtId: string;
  edition: "2014" | "2015" | "2014/2015";
  inUseFrom: string | null;
  inUseTo: string | null;
  version: number;
  analysis: {
    id: string;
    completedOn: string;
    attestedBy: string;
    version: number;
    evidence: { id: string; fileName: string; sizeBytes: number; mediaType: string }[];
  } | null;
}

type Role = "admin" | "executive" | "clinician";

export function ProductPanel({ organization, orgSlug, role, tinId, performanceYear, product }: { organization: string; orgSlug: string; role: Role; tinId: string; performanceYear: number; product: ProductView }) {
  const [editing, setEditing] = useState(false);
  const analysis = product.analysis;
  const label = `${product.vendor} ${product.productName}`;
  return (
    <section aria-label={`CEHRT product ${label}`} className="grid gap-3 rounded-md border p-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="font-medium">
          {label}: <span className="font-mono">{product.cehrtId}</span> ({product.edition} Edition
          {product.inUseFrom || product.inUseTo ? `, in use ${product.inUseFrom ?? "…"}..${product.inUseTo ?? "…"}` : ""})
        </p>
        {role === "admin" ? (
          <Button type="button" variant="outline" size="sm" onClick={() => setEditing((e) => !e)} aria-expanded={editing}>
            {editing ? "Close editing" : `Edit ${label}`}
          </Button>
        ) : null}
      </div>
      {editing ? <EditProductForm organization={organization} tinId={tinId} product={product} onSaved={() => setEditing(false)} /> : null}
      <div className="grid gap-2">
        <h4 className="text-sm font-semibold">{performanceYear} security risk analysis</h4>
        {analysis ? (
          <p className="text-sm">
            Completed {analysis.completedOn}, attested by {analysis.attestedBy}.
          </p>
        ) : (
          <p className="text-sm text-muted-foreground">
            Not recorded for {performanceYear}. The base measure PI_PPHI_1 needs an analysis done during the year for every CEHRT product in use.
          </p>
        )}
        {role === "admin" ? <AnalysisForm organization={organization} productId={product.id} label={label} performanceYear={performanceYear} analysis={analysis} /> : null}
      </div>
      {analysis ? (
        <div className="grid gap-2">
          <h4 className="text-sm font-semibold">Evidence</h4>
          {analysis.evidence.length === 0 ? <p className="text-sm text-muted-foreground">No evidence file yet.</p> : null}
          <ul className="list-disc pl-5 text-sm">
            {analysis.evidence.map((e) => (
              <li key={e.id}>
                {role === "clinician" ? (
                  e.fileName
                ) : (
                  <a className="underline" href={`/api/o/${encodeURIComponent(orgSlug)}/evidence/${e.id}`} download={e.fileName}>
                    {e.fileName}
                  </a>
                )}{" "}
                <Badge variant="outline">{e.mediaType}</Badge> {formatBytes(e.sizeBytes)}
              </li>
            ))}
          </ul>
          {role === "admin" ? <EvidenceUpload organization={organization} analysisId={analysis.id} label={label} /> : null}
        </div>
      ) : null}
    </section>
  );
}

function EditProductForm({ organization, tinId, product, onSaved }: { organization: string; tinId: string; product: ProductView; onSaved: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const update = useMutation(
    trpc.cehrtProducts.update.mutationOptions({
      onSuccess: () => {
        onSaved();
        router.refresh();
      },
    }),
  );
  const issues = errorIssues(update.error);
  const id = (name: string) => `product-${product.id}-${name}`;
  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const edition = String(f.get("edition") ?? "");
    update.mutate({
      organization,
      tinId,
      productId: product.id,
      expectedVersion: product.version,
      vendor: String(f.get("vendor") ?? ""),
      productName: String(f.get("productName") ?? ""),
      cehrtId: String(f.get("cehrtId") ?? ""),
      edition: edition ? (edition as "2014" | "2015" | "2014/2015") : null,
      inUseFrom: String(f.get("inUseFrom") ?? ""),
      inUseTo: String(f.get("inUseTo") ?? ""),
    });
  }
  return (
    <form onSubmit={onSubmit} className="grid gap-3 md:grid-cols-3 md:items-end" noValidate aria-label={`Edit ${product.vendor} ${product.productName}`}>
      <FormField id={id("vendor")} label="Vendor" error={fieldError(issues, "vendor")}>
        <Input name="vendor" defaultValue={product.vendor} />
      </FormField>
      <FormField id={id("name")} label="Product" error={fieldError(issues, "productName")}>
        <Input name="productName" defaultValue={product.productName} />
      </FormField>
      <FormField id={id("cehrt-id")} label="CEHRT ID" error={fieldError(issues, "cehrtId")}>
        <Input name="cehrtId" defaultValue={product.cehrtId} />
      </FormField>
      <FormField id={id("edition")} label="Edition (if the ID does not say)" error={fieldError(issues, "edition")}>
        <NativeSelect name="edition" defaultValue="">
          <option value="">derive from the ID (now {product.edition})</option>
          <option value="2014">2014</option>
          <option value="2015">2015</option>
          <option value="2014/2015">2014/2015</option>
        </NativeSelect>
      </FormField>
      <FormField id={id("from")} label="In use from" error={fieldError(issues, "inUseFrom")}>
        <Input name="inUseFrom" type="date" defaultValue={product.inUseFrom ?? ""} />
      </FormField>
      <FormField id={id("to")} label="In use to" error={fieldError(issues, "inUseTo")}>
        <Input name="inUseTo" type="date" defaultValue={product.inUseTo ?? ""} />
      </FormField>
      <div>
        <Button type="submit" disabled={update.isPending}>
          Save product
        </Button>
      </div>
      {update.error && issues.length === 0 ? (
        <Alert variant="destructive" className="md:col-span-3">
          {errorMessage(update.error)}
        </Alert>
      ) : null}
    </form>
  );
}

function AnalysisForm({ organization, productId, label, performanceYear, analysis }: { organization: string; productId: string; label: string; performanceYear: number; analysis: ProductView["analysis"] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const record = useMutation(trpc.cehrtProducts.recordAnalysis.mutationOptions({ onSuccess: () => router.refresh() }));
  const issues = errorIssues(record.error);
  const id = (name: string) => `sra-${productId}-${name}`;
  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    record.mutate({
      organization,
      productId,
      performanceYear,
      completedOn: String(f.get("completedOn") ?? ""),
      attestedBy: String(f.get("attestedBy") ?? ""),
      ...(analysis ? { expectedVersion: analysis.version } : {}),
    });
  }
  return (
    <form onSubmit={onSubmit} className="grid gap-3 md:grid-cols-3 md:items-end" noValidate aria-label={`Security risk analysis of ${label}`}>
      <FormField id={id("completed")} label="Analysis completed on" error={fieldError(issues, "completedOn")}>
        <Input name="completedOn" type="date" min={`${performanceYear}-01-01`} max={`${performanceYear}-12-31`} defaultValue={analysis?.completedOn ?? ""} />
      </FormField>
      <FormField id={id("attested")} label="Attested by" error={fieldError(issues, "attestedBy")}>
        <Input name="attestedBy" defaultValue={analysis?.attestedBy ?? ""} placeholder="name on the signed analysis" />
      </FormField>
      <div>
        <Button type="submit" variant={analysis ? "outline" : "default"} disabled={record.isPending}>
          {analysis ? "Update analysis" : "Record analysis"}
        </Button>
      </div>
      {record.error && issues.length === 0 ? (
        <Alert variant="destructive" className="md:col-span-3">
          {errorMessage(record.error)}
        </Alert>
      ) : null}
      {record.isSuccess ? (
        <p className="text-sm text-muted-foreground md:col-span-3" role="status">
          Saved the {performanceYear} security risk analysis of {label}.
        </p>
      ) : null}
    </form>
  );
}

function EvidenceUpload({ organization, analysisId, label }: { organization: string; analysisId: string; label: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const upload = useMutation(trpc.cehrtProducts.uploadEvidence.mutationOptions({ onSuccess: () => router.refresh() }));
  const [reading, setReading] = useState<{ name: string; loaded: number; total: number } | null>(null);
  const [localProblem, setLocalProblem] = useState<string | null>(null);
  const inputId = `evidence-${analysisId}`;

  async function onChoose(event: React.ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    upload.reset();
    setLocalProblem(null);
    if (!file) return;
    // Checked here to spare a 10 MB upload that the server would refuse; the server checks again (and the content).
    if (file.size > MAX_EVIDENCE_BYTES) {
      setLocalProblem(`${file.name} is ${formatBytes(file.size)}; evidence files are limited to 10 MB.`);
      input.value = "";
      return;
    }
    try {
      setReading({ name: file.name, loaded: 0, total: file.size });
      const contentBase64 = await readFileBase64(file, (loaded) => setReading({ name: file.name, loaded, total: file.size }));
      setReading(null);
      await upload.mutateAsync({ organization, analysisId, fileName: file.name, contentBase64 }).catch(() => undefined);
    } catch (error) {
      setReading(null);
      setLocalProblem(errorMessage(error));
    } finally {
      input.value = "";
    }
  }

  return (
    <div className="grid gap-2">
      <div className="grid gap-1.5">
        <label htmlFor={inputId} className="text-sm font-medium">
          Upload evidence for {label}
        </label>
        <Input id={inputId} type="file" accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg" onChange={onChoose} disabled={upload.isPending || reading !== null} />
        <p className="text-xs text-muted-foreground">PDF, PNG or JPEG (checked by the file&apos;s content, not its name), up to 10 MB.</p>
      </div>
      {reading ? <ProgressBar label={`Reading ${reading.name}`} value={reading.loaded} max={reading.total || 1} detail={`${formatBytes(reading.loaded)} of ${formatBytes(reading.total)}`} /> : null}
      {upload.isPending ? <ProgressBar label={`Uploading and checking ${upload.variables.fileName}`} /> : null}
      {localProblem ? <Alert variant="destructive">{localProblem}</Alert> : null}
      {upload.error ? <IssueList title={errorMessage(upload.error)} issues={errorIssues(upload.error)} /> : null}
      {upload.data ? (
        <p className="text-sm text-muted-foreground" role="status">
          Uploaded {upload.data.fileName} ({upload.data.mediaType}, {formatBytes(upload.data.sizeBytes)}).
        </p>
      ) : null}
    </div>
  );
}
