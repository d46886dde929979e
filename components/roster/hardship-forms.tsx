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

/**
 * Records a hardship application filed with CMS for the TIN or one of its clinicians; `reasons` are the
 * year's (hardshipReasonsFor). The clinician is chosen from `clinicianOptions` (a select), or, when that is
 * null (a TIN of more clinicians than a select can reasonably list), typed as an NPI that the server finds
 * among the TIN's clinicians.
 */
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
  clinicianOptions: Option[] | null;
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
          clinicianId: clinicianOptions ? text("clinicianId") : undefined,
          clinicianNpi: clinicianOptions ? undefined : text("clinicianNpi"),
          reason: text("reason") as HardshipReason,
          circumstanceKind: extreme ? (text("circumstanceKind") as (typeof EXTREME_CIRCUMSTANCE_KINDS)[number]) : undefined,
          circumstanceStart: extreme ? text("circumstanceStart") : undefined,
          circumstanceEnd: extreme ? text("circumstanceEnd") : undefined,
          filedOn: text("filedOn"),
          cmsReference: text("cmsReference"),
          notes: text("notes"),
        });
      }}
    >
      {clinicianOptions ? (
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
      ) : (
        <FormField id="hardship-clinician" label="Applies to (clinician's NPI)" hint="The 10-digit NPI of a clinician of this TIN; empty for the whole TIN" error={fieldError(issues, "clinicianNpi")}>
          <Input name="clinicianNpi" inputMode="numeric" autoComplete="off" />
        </FormField>
      )}
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
      <FormField id="hardship-cms-reference" label="CMS's application reference (optional)" error={fieldError(issues, "cmsReference")}>
        <Input name="cmsReference" maxLength={100} />
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
 * CMS's decision on an application, as the practice received it (admins): approved or dismissed, the day
 * CMS decided and CMS's reference. A decision recorded by mistake can be cleared; a pending application
 * can be withdrawn; CMS's application reference and the notes can be edited.
 */
export function HardshipDecisionControls({
  organization,
  hardship,
  label,
}: {
  organization: string;
  hardship: { id: string; status: "pending" | "approved" | "dismissed"; version: number; filedOn: string; cmsReference?: string | null; notes?: string | null };
  label: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [notes, setNotes] = useState(hardship.notes ?? "");
  const [cmsReference, setCmsReference] = useState(hardship.cmsReference ?? "");
  const refresh = { onSuccess: () => router.refresh() };
  const record = useMutation(trpc.hardships.recordDecision.mutationOptions(refresh));
  const clear = useMutation(trpc.hardships.clearDecision.mutationOptions(refresh));
  const update = useMutation(trpc.hardships.update.mutationOptions(refresh));
  const withdraw = useMutation(trpc.hardships.withdraw.mutationOptions(refresh));
  const busy = record.isPending || clear.isPending || update.isPending || withdraw.isPending;
  const issues = errorIssues(record.error);
  const detailsChanged = notes.trim() !== (hardship.notes ?? "") || cmsReference.trim() !== (hardship.cmsReference ?? "");
  const base = `hardship-${hardship.id}`;
  return (
    <div className="grid gap-2">
      {hardship.status === "pending" ? (
        <details className="text-sm">
          <summary className="cursor-pointer">Record CMS&apos;s decision</summary>
          <form
            className="mt-2 grid gap-2"
            aria-label={`CMS's decision on ${label}`}
            onSubmit={(e) => {
              e.preventDefault();
              const f = new FormData(e.currentTarget);
              record.mutate({
                organization,
                hardshipId: hardship.id,
                expectedVersion: hardship.version,
                decision: String(f.get("decision")) as "approved" | "dismissed",
                decidedOn: String(f.get("decidedOn") ?? ""),
                decisionReference: String(f.get("decisionReference") ?? ""),
              });
            }}
          >
            <FormField id={`${base}-decision`} label="CMS decided" error={fieldError(issues, "decision")}>
              <NativeSelect name="decision" defaultValue="approved">
                <option value="approved">Approved</option>
                <option value="dismissed">Dismissed</option>
              </NativeSelect>
            </FormField>
            <FormField id={`${base}-decided-on`} label="Date of CMS's decision" error={fieldError(issues, "decidedOn")} hint={`on or after ${hardship.filedOn}`}>
              <Input name="decidedOn" type="date" min={hardship.filedOn} required />
            </FormField>
            <FormField id={`${base}-decision-reference`} label="CMS's reference (optional)" error={fieldError(issues, "decisionReference")}>
              <Input name="decisionReference" maxLength={100} />
            </FormField>
            <Button type="submit" size="sm" className="w-fit" disabled={busy}>
              Record decision
            </Button>
          </form>
        </details>
      ) : (
        <Button
          size="sm"
          variant="outline"
          className="w-fit"
          disabled={busy}
          aria-label={`Clear CMS's decision on ${label}`}
          onClick={() => {
            if (window.confirm(`Clear CMS's decision on the ${label}? Do this only if it was recorded by mistake: the application is pending again.`)) {
              clear.mutate({ organization, hardshipId: hardship.id, expectedVersion: hardship.version });
            }
          }}
        >
          Clear decision (recorded by mistake)
        </Button>
      )}
      {hardship.status === "pending" ? (
        <Button
          size="sm"
          variant="ghost"
          className="w-fit"
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
        <summary className="cursor-pointer text-muted-foreground">Reference and notes{hardship.notes ? ": " + (hardship.notes.length > 40 ? `${hardship.notes.slice(0, 40)}…` : hardship.notes) : ""}</summary>
        <div className="mt-2 grid gap-2">
          <Input aria-label={`CMS's application reference of ${label}`} placeholder="CMS's application reference" maxLength={100} value={cmsReference} onChange={(e) => setCmsReference(e.target.value)} />
          <Textarea aria-label={`Notes of ${label}`} rows={2} value={notes} maxLength={2000} onChange={(e) => setNotes(e.target.value)} />
          <Button
            size="sm"
            variant="outline"
            className="w-fit"
            disabled={busy || !detailsChanged}
            onClick={() => update.mutate({ organization, hardshipId: hardship.id, expectedVersion: hardship.version, cmsReference: cmsReference.trim(), notes: notes.trim() })}
          >
            Save reference and notes
          </Button>
        </div>
      </details>
      <div className="w-full">
        <MutationError error={record.error ?? clear.error ?? update.error ?? withdraw.error} />
      </div>
    </div>
  );
}
