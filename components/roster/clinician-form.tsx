"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { CLINICIAN_TYPES, type ClinicianType } from "@/lib/mips/submission";
import { CLINICIAN_TYPE_LABELS } from "@/lib/roster/labels";
import { errorIssues, useTRPC } from "@/components/providers/trpc-client";
import { Button } from "@/components/ui/button";
import { fieldError, FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { MutationError } from "./mutation-feedback";

interface ClinicianValues {
  id: string;
  npi: string;
  firstName: string;
  lastName: string;
  clinicianType: ClinicianType;
  specialty: string | null;
  userId: string | null;
  version: number;
}

export interface Option {
  value: string;
  label: string;
}

/**
 * Create a clinician (optionally billing under a TIN from a start date), or edit one. The linked user is
 * a member with the clinician role, who then sees this record as their own.
 */
/** `performanceYear`: the page's year; a new clinician's "billing since" defaults to its January 1. */
/**
 * `userOptions`: the clinician users not linked to another record (server: clinicianUserOptions); `moreUsers`
 * when the list was cut at its limit, which the field's hint then says.
 */
export function ClinicianForm({
  organization,
  clinician,
  tinOptions = [],
  userOptions,
  moreUsers = false,
  performanceYear,
}: {
  organization: string;
  clinician?: ClinicianValues;
  tinOptions?: Option[];
  userOptions: Option[];
  moreUsers?: boolean;
  performanceYear: number;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [formKey, setFormKey] = useState(0);
  const create = useMutation(trpc.clinicians.create.mutationOptions());
  const addMembership = useMutation(trpc.clinicians.addMembership.mutationOptions());
  const update = useMutation(trpc.clinicians.update.mutationOptions({ onSuccess: () => router.refresh() }));
  const error = (clinician ? update.error : create.error ?? addMembership.error) ?? null;
  const issues = errorIssues(error);
  const prefix = clinician ? "edit-clinician" : "new-clinician";
  const pending = create.isPending || addMembership.isPending || update.isPending;
  return (
    <form
      key={`${clinician?.version ?? "new"}-${formKey}`}
      className="grid gap-3"
      onSubmit={async (e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        const values = {
          organization,
          npi: String(form.get("npi") ?? ""),
          firstName: String(form.get("firstName") ?? ""),
          lastName: String(form.get("lastName") ?? ""),
          clinicianType: String(form.get("clinicianType") ?? "") as ClinicianType,
          specialty: String(form.get("specialty") ?? ""),
          userId: String(form.get("userId") ?? ""),
        };
        if (clinician) {
          update.mutate({ ...values, clinicianId: clinician.id, expectedVersion: clinician.version });
          return;
        }
        addMembership.reset();
        const tinId = String(form.get("tinId") ?? "");
        const startDate = String(form.get("startDate") ?? "");
        try {
          const created = await create.mutateAsync(values);
          if (tinId) await addMembership.mutateAsync({ organization, tinId, clinicianId: created.id, startDate });
          setFormKey((k) => k + 1);
          router.refresh();
        } catch {
          // Shown from the mutation's error state.
        }
      }}
    >
      <FormField id={`${prefix}-npi`} label="NPI" hint="10 digits with its check digit" error={fieldError(issues, "npi")}>
        <Input name="npi" defaultValue={clinician?.npi ?? ""} inputMode="numeric" autoComplete="off" />
      </FormField>
      <div className="grid grid-cols-[minmax(0,1fr)_minmax(0,1fr)] gap-3">
        <FormField id={`${prefix}-first`} label="First name" error={fieldError(issues, "firstName")}>
          <Input name="firstName" defaultValue={clinician?.firstName ?? ""} />
        </FormField>
        <FormField id={`${prefix}-last`} label="Last name" error={fieldError(issues, "lastName")}>
          <Input name="lastName" defaultValue={clinician?.lastName ?? ""} />
        </FormField>
      </div>
      <FormField id={`${prefix}-type`} label="Clinician type" error={fieldError(issues, "clinicianType")}>
        <NativeSelect name="clinicianType" defaultValue={clinician?.clinicianType ?? ""}>
          <option value="">Choose…</option>
          {CLINICIAN_TYPES.map((t) => (
            <option key={t} value={t}>
              {CLINICIAN_TYPE_LABELS[t]}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <FormField id={`${prefix}-specialty`} label="Specialty" error={fieldError(issues, "specialty")}>
        <Input name="specialty" defaultValue={clinician?.specialty ?? ""} />
      </FormField>
      <FormField id={`${prefix}-user`} label="Linked user (clinician role)"
        hint={
          moreUsers
            ? `This user will see this record as their own. Only the first ${userOptions.length} clinician users without a record are listed, by name.`
            : "This user will see this record as their own. Users already linked to another record are not listed."
        } error={fieldError(issues, "userId")}>
        <NativeSelect name="userId" defaultValue={clinician?.userId ?? ""}>
          <option value="">None</option>
          {userOptions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      {!clinician ? (
        <div className="grid grid-cols-[minmax(0,1fr)_minmax(0,1fr)] gap-3">
          <FormField id={`${prefix}-tin`} label="Bills under TIN" error={fieldError(issues, "tinId")}>
            <NativeSelect name="tinId" defaultValue="">
              <option value="">Not yet</option>
              {tinOptions.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <FormField id={`${prefix}-start`} label="Billing since" hint="YYYY-MM-DD" error={fieldError(issues, "startDate")}>
            <Input name="startDate" type="date" defaultValue={`${performanceYear}-01-01`} />
          </FormField>
        </div>
      ) : null}
      <MutationError error={error} />
      {!clinician && create.isSuccess && addMembership.isError ? (
        <p className="text-xs text-muted-foreground">The clinician was added; only the TIN membership was not saved. Add it from the clinician&apos;s page.</p>
      ) : null}
      <Button type="submit" disabled={pending}>
        {clinician ? "Save clinician" : "Add clinician"}
      </Button>
    </form>
  );
}

export function ArchiveClinicianButton({ organization, clinician }: { organization: string; clinician: { id: string; version: number; archived: boolean } }) {
  const trpc = useTRPC();
  const router = useRouter();
  const archive = useMutation(trpc.clinicians.archive.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div className="grid gap-2">
      <Button variant="outline" disabled={archive.isPending} onClick={() => archive.mutate({ organization, clinicianId: clinician.id, expectedVersion: clinician.version, archived: !clinician.archived })}>
        {clinician.archived ? "Restore clinician" : "Archive clinician"}
      </Button>
      <MutationError error={archive.error} />
    </div>
  );
}
