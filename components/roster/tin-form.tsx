"use client";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { errorIssues, useTRPC } from "@/components/providers/trpc-client";
import { Button } from "@/components/ui/button";
import { fieldError, FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { MutationError } from "./mutation-feedback";

/** Create a TIN, or edit one (with the version the page showed). */
export function TinForm({ organization, tin }: { organization: string; tin?: { id: string; tin: string; name: string; version: number } }) {
  const trpc = useTRPC();
  const router = useRouter();
  const create = useMutation(trpc.tins.create.mutationOptions({ onSuccess: (t) => router.push(`/o/${organization}/tins/${t.id}`) }));
  const update = useMutation(trpc.tins.update.mutationOptions({ onSuccess: () => router.refresh() }));
  const mutation = tin ? update : create;
  const issues = errorIssues(mutation.error);
  return (
    <form
      key={tin?.version}
      className="grid gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        const values = { organization, tin: String(form.get("tin") ?? ""), name: String(form.get("name") ?? "") };
        if (tin) update.mutate({ ...values, tinId: tin.id, expectedVersion: tin.version });
        else create.mutate(values);
      }}
    >
      <FormField id={tin ? "edit-tin" : "new-tin"} label="TIN" hint="9 digits, e.g. 12-3456789" error={fieldError(issues, "tin")}>
        <Input name="tin" defaultValue={tin?.tin ?? ""} inputMode="numeric" autoComplete="off" />
      </FormField>
      <FormField id={tin ? "edit-tin-name" : "new-tin-name"} label="TIN name" error={fieldError(issues, "name")}>
        <Input name="name" defaultValue={tin?.name ?? ""} />
      </FormField>
      <MutationError error={mutation.error} />
      <Button type="submit" disabled={mutation.isPending}>
        {tin ? "Save TIN" : "Add TIN"}
      </Button>
    </form>
  );
}

export function ArchiveTinButton({ organization, tin }: { organization: string; tin: { id: string; version: number; archived: boolean } }) {
  const trpc = useTRPC();
  const router = useRouter();
  const archive = useMutation(trpc.tins.archive.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div className="grid gap-2">
      <Button
        variant="outline"
        disabled={archive.isPending}
        onClick={() => archive.mutate({ organization, tinId: tin.id, expectedVersion: tin.version, archived: !tin.archived })}
      >
        {tin.archived ? "Restore TIN" : "Archive TIN"}
      </Button>
      <MutationError error={archive.error} />
    </div>
  );
}
