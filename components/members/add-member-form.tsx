"use client";
import { useRef } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { MEMBERSHIP_ROLES } from "@/db/schema/roles";
import { errorIssues, errorMessage, useTRPC } from "@/components/providers/trpc-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { fieldError, FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";

export function AddMemberForm({ organization }: { organization: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const add = useMutation(
    trpc.members.add.mutationOptions({
      onSuccess: () => {
        formRef.current?.reset();
        router.refresh();
      },
    }),
  );
  const issues = errorIssues(add.error);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    add.mutate({
      organization,
      email: String(form.get("email") ?? ""),
      role: String(form.get("role")) as (typeof MEMBERSHIP_ROLES)[number],
      name: String(form.get("name") ?? "") || undefined,
      initialPassword: String(form.get("initialPassword") ?? ""),
    });
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} className="grid gap-4" noValidate>
      {add.error ? <Alert variant="destructive">{errorMessage(add.error)}</Alert> : null}
      {add.isSuccess ? <Alert variant="success">Added {add.data.email} as {add.data.role}.</Alert> : null}
      <FormField id="member-email" label="Email" error={fieldError(issues, "email")}>
        <Input name="email" type="email" required />
      </FormField>
      <FormField id="member-role" label="Role" error={fieldError(issues, "role")}>
        <NativeSelect name="role" defaultValue="clinician">
          {MEMBERSHIP_ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <FormField id="member-name" label="Name (new users)" error={fieldError(issues, "name")}>
        <Input name="name" autoComplete="off" />
      </FormField>
      <FormField id="member-password" label="Initial password (new users)" hint="At least 10 characters." error={fieldError(issues, "initialPassword")}>
        <Input name="initialPassword" type="password" autoComplete="new-password" />
      </FormField>
      <Button type="submit" disabled={add.isPending}>
        {add.isPending ? "Adding…" : "Add member"}
      </Button>
    </form>
  );
}
