"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { EXTREME_CIRCUMSTANCE_LABELS, type HardshipReason } from "@/lib/roster/labels";
import { EXTREME_CIRCUMSTANCE_KINDS } from "@/lib/roster/schemas";
import { errorIssues, useTRPC } from "@/components/providers/trpc-client";
import { Button } from "@/components/ui/button";
import { fieldError, FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { MutationError } from "./mutation-feedback";
import type { Option } from "./clinician-form";

/** Records a hardship application filed with CMS for the TIN or one of its clinicians; `reasons` are the year's (hardshipReasonsFor). */
export function FileHardshipForm({
  organization,
  tinId,
  performanceYear,
  reasons,
  clinicianOptions,
}: {
  organization: string;
  tinId: string;
  performanceYear: number;
  reasons: { code: HardshipReason; label: string }[];
  clinicianOptions: Option[];
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [reason, setReason] = useState<HardshipReason | "">("");
  const [formKey, setFormKey] = useState(0);
  const file = useMutation(
    trpc.hardships.file.mutationOptions({
      onSuccess: () => {
        setFormKey((k) => k + 1);
        setReason("");
        router.refresh();
      },
    }),
  );
  const issues = errorIssues(file.error);
  const extreme = reason === "extremeAndUncontrollableCircumstances";
  return (
    <form
      key={formKey}
      className="grid gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const text = (name: string) => String(f.get(name) ?? "");
        file.mutate({
          organization,
          tinId,
          performanceYear,
          clinicianId: text("clinicianId"),
          reason: text("reason") as HardshipReason,
          circumstanceKind: extreme ? (text("circumstanceKind") as (typeof EXTREME_CIRCUMSTANCE_KINDS)[number]) : undefined,
          circumstanceStart: extreme ? text("circumstanceStart") : undefined,
          circumstanceEnd: extreme ? text("circumstanceEnd") : undefined,
          filedOn: text("filedOn"),
          notes: text("notes"),
        });
      }}
    >
      <FormField id="hardship-clinician" label="Applies to" error={fieldError(issues, "clinicianId")}>
        <NativeSelect name="clinicianId" defaultValue="">
          <option value="">The whole TIN</option>
          {clinicianOptions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <FormField id="hardship-reason" label="Reason" error={fieldError(issues, "reason")}>
        <NativeSelect name="reason" value={reason} onChange={(e) => setReason(e.target.value as HardshipReason)}>
          <option value="">Choose…</option>
          {reasons.map((r) => (
            <option key={r.code} value={r.code}>
              {r.label}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      {extreme ? (
        <>
          <FormField id="hardship-kind" label="Kind of circumstance" error={fieldError(issues, "circumstanceKind")}>
            <NativeSelect name="circumstanceKind" defaultValue="">
              <option value="">Choose…</option>
              {EXTREME_CIRCUMSTANCE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {EXTREME_CIRCUMSTANCE_LABELS[k]}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <div className="grid grid-cols-2 gap-3">
            <FormField id="hardship-start" label="Circumstance start" error={fieldError(issues, "circumstanceStart")}>
              <Input name="circumstanceStart" type="date" />
            </FormField>
            <FormField id="hardship-end" label="Circumstance end" error={fieldError(issues, "circumstanceEnd")}>
              <Input name="circumstanceEnd" type="date" />
            </FormField>
          </div>
        </>
      ) : null}
      <FormField id="hardship-filed" label="Filed with CMS on" hint={`Due by ${performanceYear}-12-31; empty means today`} error={fieldError(issues, "filedOn")}>
        <Input name="filedOn" type="date" />
      </FormField>
      <FormField id="hardship-notes" label="Notes" error={fieldError(issues, "notes")}>
        <Textarea name="notes" rows={2} />
      </FormField>
      <MutationError error={file.error} />
      <Button type="submit" disabled={file.isPending}>
        Record hardship application
      </Button>
    </form>
  );
}

/**
 * Approve / dismiss / reopen an application, edit its notes, and withdraw it while it is pending
 * (admins). A decided application stays on record: reopen it first to withdraw it.
 */
export function HardshipStatusButtons({
  organization,
  hardship,
  label,
}: {
  organization: string;
  hardship: { id: string; status: "pending" | "approved" | "dismissed"; version: number; notes?: string | null };
  label: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [notes, setNotes] = useState(hardship.notes ?? "");
  const change = useMutation(trpc.hardships.changeStatus.mutationOptions({ onSuccess: () => router.refresh() }));
  const withdraw = useMutation(trpc.hardships.withdraw.mutationOptions({ onSuccess: () => router.refresh() }));
  const busy = change.isPending || withdraw.isPending;
  const notesChanged = notes.trim() !== (hardship.notes ?? "");
  const button = (status: "pending" | "approved" | "dismissed", text: string) =>
    hardship.status === status ? null : (
      <Button
        key={status}
        size="sm"
        variant={status === "approved" ? "default" : "outline"}
        disabled={busy}
        aria-label={`${text} ${label}`}
        onClick={() => change.mutate({ organization, hardshipId: hardship.id, status, expectedVersion: hardship.version, ...(notesChanged ? { notes: notes.trim() } : {}) })}
      >
        {text}
      </Button>
    );
  return (
    <div className="flex flex-wrap items-center gap-2">
      {button("approved", "Approve")}
      {button("dismissed", "Dismiss")}
      {button("pending", "Reopen")}
      {hardship.status === "pending" ? (
        <Button
          size="sm"
          variant="ghost"
          disabled={busy}
          aria-label={`Withdraw ${label}`}
          onClick={() => {
            if (window.confirm(`Withdraw the pending ${label}? It is deleted (the audit log keeps a copy).`)) {
              withdraw.mutate({ organization, hardshipId: hardship.id, expectedVersion: hardship.version });
            }
          }}
        >
          Withdraw
        </Button>
      ) : null}
      <details className="w-full text-sm">
        <summary className="cursor-pointer text-muted-foreground">Notes{hardship.notes ? ": " + (hardship.notes.length > 40 ? `${hardship.notes.slice(0, 40)}…` : hardship.notes) : ""}</summary>
        <div className="mt-2 grid gap-2">
          <Textarea aria-label={`Notes of ${label}`} rows={2} value={notes} maxLength={2000} onChange={(e) => setNotes(e.target.value)} />
          <Button
            size="sm"
            variant="outline"
            className="w-fit"
            disabled={busy || !notesChanged}
            onClick={() => change.mutate({ organization, hardshipId: hardship.id, status: hardship.status, expectedVersion: hardship.version, notes: notes.trim() })}
          >
            Save notes
          </Button>
        </div>
      </details>
      <div className="w-full">
        <MutationError error={change.error ?? withdraw.error} />
      </div>
    </div>
  );
}
