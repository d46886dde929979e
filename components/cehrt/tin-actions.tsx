"use client";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { errorIssues, errorMessage, useTRPC } from "@/components/providers/trpc-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { fieldError, FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { downloadJson, downloadText } from "./file-base64";
import { IssueList } from "./issue-list";

type Choice = { mode: "individual" | "group" | "virtualGroup"; performanceStart: string | null; performanceEnd: string | null; version: number } | null;

/** How the TIN reports in the year, and its one performance period (admins). */
export function ReportingChoiceForm({ organization, tinId, performanceYear, choice }: { organization: string; tinId: string; performanceYear: number; choice: Choice }) {
  const trpc = useTRPC();
  const router = useRouter();
  const save = useMutation(trpc.tinReporting.setChoice.mutationOptions({ onSuccess: () => router.refresh() }));
  const issues = errorIssues(save.error);
  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    save.mutate({
      organization,
      tinId,
      performanceYear,
      mode: String(f.get("mode")) as "individual" | "group" | "virtualGroup",
      performanceStart: String(f.get("performanceStart") ?? ""),
      performanceEnd: String(f.get("performanceEnd") ?? ""),
      expectedVersion: choice?.version ?? null,
    });
  }
  return (
    <form onSubmit={onSubmit} className="grid gap-3 md:grid-cols-4 md:items-end" noValidate>
      <FormField id="choice-mode" label="Reports as" error={fieldError(issues, "mode")}>
        <NativeSelect name="mode" defaultValue={choice?.mode ?? "group"}>
          <option value="individual">Individuals</option>
          <option value="group">Group (TIN)</option>
          <option value="virtualGroup">Virtual group</option>
        </NativeSelect>
      </FormField>
      <FormField id="choice-start" label="Group period start" error={fieldError(issues, "performanceStart")}>
        <Input name="performanceStart" type="date" defaultValue={choice?.performanceStart ?? ""} />
      </FormField>
      <FormField id="choice-end" label="Group period end" error={fieldError(issues, "performanceEnd")}>
        <Input name="performanceEnd" type="date" defaultValue={choice?.performanceEnd ?? ""} />
      </FormField>
      <Button type="submit" disabled={save.isPending}>
        Save reporting choice
      </Button>
      {save.error ? <Alert variant="destructive" className="md:col-span-4">{errorMessage(save.error)}</Alert> : null}
    </form>
  );
}

type ExportInput =
  | { kind: "individual"; tinId: string; clinicianId: string; performanceYear: number }
  | { kind: "group"; tinId: string; performanceYear: number }
  | { kind: "virtualGroup"; virtualGroupId: string; performanceYear: number };

type Finding = { path: string; message: string };

/** Validates and downloads a QPP Submissions JSON; a refusal lists what is missing. */
export function ExportButton({ organization, input, label }: { organization: string; input: ExportInput; label: string }) {
  const trpc = useTRPC();
  const run = useMutation(trpc.measureReports.export.mutationOptions({ onSuccess: (data) => downloadJson(data.fileName, data.submission) }));
  return <ExportAction label={label} run={run} onRun={() => run.mutate({ organization, ...input })} checked="validated" />;
}

/** The same submission as a QRDA III document; what QRDA III cannot carry (or CMS may reject) is listed. */
export function ExportQrda3Button({ organization, input, label }: { organization: string; input: ExportInput; label: string }) {
  const trpc = useTRPC();
  const run = useMutation(trpc.measureReports.exportQrda3.mutationOptions({ onSuccess: (data) => downloadText(data.fileName, data.xml, "application/xml") }));
  return <ExportAction label={label} run={run} onRun={() => run.mutate({ organization, ...input })} checked="validated, read back" />;
}

/** One export's button, its refusal (with the issues), the downloaded file's name (`checked`: what was checked) and its notes. */
function ExportAction({
  label,
  run,
  onRun,
  checked,
}: {
  label: string;
  run: { isPending: boolean; error: unknown; data?: { fileName: string; findings: readonly Finding[] } | undefined };
  onRun: () => void;
  checked: string;
}) {
  return (
    <div className="grid gap-2">
      <div>
        <Button type="button" variant="outline" onClick={onRun} disabled={run.isPending}>
          {label}
        </Button>
      </div>
      {run.error ? <IssueList title={errorMessage(run.error)} issues={errorIssues(run.error)} /> : null}
      {run.data ? <p className="text-xs text-muted-foreground" role="status">Downloaded {run.data.fileName} ({checked}).</p> : null}
      {run.data ? <ExportNotes findings={run.data.findings} /> : null}
    </div>
  );
}

/** What the export says beside the file: quality/IA sets combined from several files, what CMS may reject, what a format cannot carry. */
function ExportNotes({ findings }: { findings: readonly Finding[] }) {
  if (findings.length === 0) return null;
  return (
    <div className="text-xs">
      <p className="font-medium">Notes on this export</p>
      <ul className="list-disc pl-5 text-muted-foreground">
        {findings.map((f, n) => (
          <li key={n}>
            <span className="font-mono">{f.path}</span>: {f.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Registers a CEHRT product for the TIN (admins). */
export function AddProductForm({ organization, tinId }: { organization: string; tinId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const create = useMutation(trpc.cehrtProducts.create.mutationOptions({ onSuccess: () => router.refresh() }));
  const issues = errorIssues(create.error);
  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const edition = String(f.get("edition") ?? "");
    create.mutate({
      organization,
      tinId,
      vendor: String(f.get("vendor") ?? ""),
      productName: String(f.get("productName") ?? ""),
      cehrtId: String(f.get("cehrtId") ?? ""),
      edition: edition ? (edition as "2014" | "2015" | "2014/2015") : null,
    });
  }
  return (
    <form onSubmit={onSubmit} className="grid gap-3 md:grid-cols-5 md:items-end" noValidate>
      <FormField id="product-vendor" label="Vendor" error={fieldError(issues, "vendor")}>
        <Input name="vendor" />
      </FormField>
      <FormField id="product-name" label="Product" error={fieldError(issues, "productName")}>
        <Input name="productName" />
      </FormField>
      <FormField id="product-cehrt-id" label="CEHRT ID" error={fieldError(issues, "cehrtId")}>
        <Input name="cehrtId" placeholder="0015E…" />
      </FormField>
      <FormField id="product-edition" label="Edition (if the ID does not say)" error={fieldError(issues, "edition")}>
        <NativeSelect name="edition" defaultValue="">
          <option value="">derive from the ID</option>
          <option value="2014">2014</option>
          <option value="2015">2015</option>
          <option value="2014/2015">2014/2015</option>
        </NativeSelect>
      </FormField>
      <Button type="submit" disabled={create.isPending}>
        Add product
      </Button>
      {create.error && issues.length === 0 ? <Alert variant="destructive" className="md:col-span-5">{errorMessage(create.error)}</Alert> : null}
    </form>
  );
}
