"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { errorIssues, useTRPC } from "@/components/providers/trpc-client";
import { Button } from "@/components/ui/button";
import { fieldError, FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { MutationError } from "./mutation-feedback";
import type { Option } from "./clinician-form";

/**
 * `years`: the years a virtual group can be formed in (from 2018), newest first, each with its election
 * deadline (computed on the server from the year's MIPS calendar); `performanceYear` is preselected.
 */
export function CreateVirtualGroupForm({ organization, performanceYear, years }: { organization: string; performanceYear: number; years: { year: number; electionDeadline: string }[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [selectedYear, setSelectedYear] = useState(years.some((y) => y.year === performanceYear) ? performanceYear : (years[0]?.year ?? performanceYear));
  const deadline = years.find((y) => y.year === selectedYear)?.electionDeadline;
  const create = useMutation(trpc.virtualGroups.create.mutationOptions({ onSuccess: () => router.refresh() }));
  const issues = errorIssues(create.error);
  return (
    <form
      className="grid gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        create.mutate({
          organization,
          performanceYear: Number(f.get("performanceYear")),
          name: String(f.get("name") ?? ""),
          cmsId: String(f.get("cmsId") ?? ""),
          electionDate: String(f.get("electionDate") ?? ""),
        });
      }}
    >
      <FormField id="vg-year" label="Performance year" error={fieldError(issues, "performanceYear")}>
        <NativeSelect name="performanceYear" value={String(selectedYear)} onChange={(e) => setSelectedYear(Number(e.target.value))}>
          {years.map((y) => (
            <option key={y.year} value={y.year}>
              {y.year}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <FormField id="vg-name" label="Name" error={fieldError(issues, "name")}>
        <Input name="name" />
      </FormField>
      <FormField id="vg-cms-id" label="CMS virtual group ID" hint="Assigned by CMS at election, e.g. x12345" error={fieldError(issues, "cmsId")}>
        <Input name="cmsId" />
      </FormField>
      <FormField id="vg-election" label="Election date" hint={deadline ? `Due by ${deadline} for ${selectedYear}` : "Due by December 31 of the year before"} error={fieldError(issues, "electionDate")}>
        <Input name="electionDate" type="date" />
      </FormField>
      <MutationError error={create.error} />
      <Button type="submit" disabled={create.isPending}>
        Add virtual group
      </Button>
    </form>
  );
}

export function VirtualGroupTinControls({ organization, virtualGroupId, groupName, tinOptions, members }: { organization: string; virtualGroupId: string; groupName: string; tinOptions: Option[]; members: Option[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const add = useMutation(trpc.virtualGroups.addTin.mutationOptions({ onSuccess: () => router.refresh() }));
  const remove = useMutation(trpc.virtualGroups.removeTin.mutationOptions({ onSuccess: () => router.refresh() }));
  const id = `vg-${virtualGroupId}-tin`;
  return (
    <div className="grid gap-2">
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          const tinId = String(new FormData(e.currentTarget).get("tinId") ?? "");
          add.mutate({ organization, virtualGroupId, tinId });
        }}
      >
        <FormField id={id} label={`Add a member TIN to ${groupName}`} error={fieldError(errorIssues(add.error), "tinId")}>
          <NativeSelect name="tinId" defaultValue="" className="w-72">
            <option value="">Choose…</option>
            {tinOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <Button type="submit" size="sm" disabled={add.isPending}>
          Add TIN
        </Button>
      </form>
      <MutationError error={add.error ?? remove.error} />
      <div className="flex flex-wrap gap-2">
        {members.map((m) => (
          <Button key={m.value} size="sm" variant="outline" aria-label={`Remove ${m.label} from ${groupName}`} onClick={() => remove.mutate({ organization, virtualGroupId, tinId: m.value })}>
            Remove {m.label}
          </Button>
        ))}
      </div>
    </div>
  );
}

export function EditVirtualGroupForm({ organization, group }: { organization: string; group: { id: string; name: string; cmsId: string | null; electionDate: string; version: number } }) {
  const trpc = useTRPC();
  const router = useRouter();
  const update = useMutation(trpc.virtualGroups.update.mutationOptions({ onSuccess: () => router.refresh() }));
  const issues = errorIssues(update.error);
  const id = (name: string) => `vg-${group.id}-${name}`;
  return (
    <form
      key={group.version}
      className="grid gap-3 sm:grid-cols-4 sm:items-end"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        update.mutate({ organization, virtualGroupId: group.id, name: String(f.get("name") ?? ""), cmsId: String(f.get("cmsId") ?? ""), electionDate: String(f.get("electionDate") ?? ""), expectedVersion: group.version });
      }}
    >
      <FormField id={id("name")} label="Name" error={fieldError(issues, "name")}>
        <Input name="name" defaultValue={group.name} />
      </FormField>
      <FormField id={id("cms")} label="CMS virtual group ID" error={fieldError(issues, "cmsId")}>
        <Input name="cmsId" defaultValue={group.cmsId ?? ""} />
      </FormField>
      <FormField id={id("election")} label="Election date" error={fieldError(issues, "electionDate")}>
        <Input name="electionDate" type="date" defaultValue={group.electionDate} />
      </FormField>
      <Button type="submit" variant="outline" disabled={update.isPending}>
        Save {group.name}
      </Button>
      <div className="sm:col-span-4">
        <MutationError error={update.error} />
      </div>
    </form>
  );
}

/** Deletes a virtual group (its member list goes with it; the TINs stay). Admins; audited. */
export function DeleteVirtualGroupButton({ organization, group }: { organization: string; group: { id: string; name: string; version: number } }) {
  const trpc = useTRPC();
  const router = useRouter();
  const remove = useMutation(trpc.virtualGroups.delete.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div className="grid gap-2">
      <Button
        type="button"
        variant="outline"
        size="sm"
        className="w-fit"
        disabled={remove.isPending}
        aria-label={`Delete virtual group ${group.name}`}
        onClick={() => {
          if (window.confirm(`Delete the virtual group "${group.name}"? Its member TINs stay in the roster.`)) {
            remove.mutate({ organization, virtualGroupId: group.id, expectedVersion: group.version });
          }
        }}
      >
        Delete {group.name}
      </Button>
      <MutationError error={remove.error} />
    </div>
  );
}
