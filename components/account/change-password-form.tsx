"use client";
import { useMutation } from "@tanstack/react-query";
import { signOut } from "next-auth/react";
import { errorIssues, errorMessage, useTRPC } from "@/components/providers/trpc-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { fieldError } from "@/components/ui/form-field";
import { PasswordField } from "@/components/ui/password-field";

export function ChangePasswordForm() {
  const trpc = useTRPC();
  const change = useMutation(
    trpc.account.changePassword.mutationOptions({
      // The change ended every session, this one included.
      onSuccess: () => void signOut({ callbackUrl: "/sign-in?reason=password-changed" }),
    }),
  );
  const issues = errorIssues(change.error);
  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    change.mutate({
      currentPassword: String(form.get("currentPassword") ?? ""),
      newPassword: String(form.get("newPassword") ?? ""),
      confirmPassword: String(form.get("confirmPassword") ?? ""),
    });
  }
  return (
    <form onSubmit={onSubmit} className="grid gap-4" noValidate>
      {change.error ? <Alert variant="destructive">{errorMessage(change.error)}</Alert> : null}
      {change.isSuccess ? <Alert variant="success">Password changed. Signing you out…</Alert> : null}
      <PasswordField id="current-password" label="Current password" error={fieldError(issues, "currentPassword")} name="currentPassword" autoComplete="current-password" />
      <PasswordField id="new-password" label="New password" hint="At least 10 characters." error={fieldError(issues, "newPassword")} name="newPassword" autoComplete="new-password" />
      <PasswordField id="confirm-password" label="Confirm new password" error={fieldError(issues, "confirmPassword")} name="confirmPassword" autoComplete="new-password" />
      <Button type="submit" disabled={change.isPending}>
        {change.isPending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
