"use client";
import { useRef } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { MEMBERSHIP_ROLES, type MembershipRole } from "@/db/schema/roles";
import { errorIssues, errorMessage, useTRPC } from "@/components/providers/trpc-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { fieldError, FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";

/** Invites an email with a role; the answer never says whether the email has an account elsewhere. */
export function InviteMemberForm({ organization }: { organization: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const invite = useMutation(
    trpc.members.invite.mutationOptions({
      onSuccess: () => {
        formRef.current?.reset();
        router.refresh();
      },
    }),
  );
  const issues = errorIssues(invite.error);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    invite.mutate({ organization, email: String(form.get("email") ?? ""), role: String(form.get("role")) as MembershipRole });
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} className="grid gap-4" noValidate>
      {invite.error ? <Alert variant="destructive">{errorMessage(invite.error)}</Alert> : null}
      {invite.isSuccess ? (
        <Alert variant="success">
          Invitation sent to {invite.data.email} as {invite.data.role}.
        </Alert>
      ) : null}
      <FormField id="invite-email" label="Email" error={fieldError(issues, "email")}>
        <Input name="email" type="email" required autoComplete="off" />
      </FormField>
      <FormField id="invite-role" label="Role" error={fieldError(issues, "role")}>
        <NativeSelect name="role" defaultValue="clinician">
          {MEMBERSHIP_ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <Button type="submit" disabled={invite.isPending}>
        {invite.isPending ? "Sending…" : "Send invitation"}
      </Button>
    </form>
  );
}
