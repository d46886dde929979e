"use client";
import Link from "next/link";
import { useMutation } from "@tanstack/react-query";
import { errorIssues, errorMessage, useTRPC } from "@/components/providers/trpc-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { fieldError, FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { PasswordField } from "@/components/ui/password-field";

/** Asks for a reset link; the answer is the same whether or not the email has an account. */
export function RequestResetForm() {
  const trpc = useTRPC();
  const request = useMutation(trpc.passwordReset.request.mutationOptions());
  const issues = errorIssues(request.error);
  return (
    <form
      className="grid gap-4"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        request.mutate({ email: String(new FormData(event.currentTarget).get("email") ?? "") });
      }}
    >
      {request.error ? <Alert variant="destructive">{errorMessage(request.error)}</Alert> : null}
      {request.isSuccess ? <Alert variant="success">{request.data.message}</Alert> : null}
      <FormField id="reset-email" label="Email" error={fieldError(issues, "email")}>
        <Input name="email" type="email" autoComplete="username" />
      </FormField>
      <Button type="submit" disabled={request.isPending}>
        {request.isPending ? "Sending…" : "Send me a link"}
      </Button>
      <Link href="/sign-in" className="text-sm underline">
        Back to sign-in
      </Link>
    </form>
  );
}

/** Sets the new password with the emailed token; every session ends, so the user signs in again. */
export function CompleteResetForm({ token }: { token: string }) {
  const trpc = useTRPC();
  const complete = useMutation(trpc.passwordReset.complete.mutationOptions());
  const issues = errorIssues(complete.error);
  if (complete.isSuccess) {
    return (
      <div className="grid gap-3">
        <Alert variant="success">Your password was changed and every session of yours ended.</Alert>
        <Link href="/sign-in" className="text-sm font-medium underline">
          Sign in with the new password
        </Link>
      </div>
    );
  }
  return (
    <form
      className="grid gap-4"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        complete.mutate({ token, newPassword: String(form.get("newPassword") ?? ""), confirmPassword: String(form.get("confirmPassword") ?? "") });
      }}
    >
      {complete.error ? <Alert variant="destructive">{errorMessage(complete.error)}</Alert> : null}
      <PasswordField id="reset-new-password" label="New password" hint="At least 10 characters." error={fieldError(issues, "newPassword")} name="newPassword" autoComplete="new-password" />
      <PasswordField id="reset-confirm-password" label="Confirm new password" error={fieldError(issues, "confirmPassword")} name="confirmPassword" autoComplete="new-password" />
      <Button type="submit" disabled={complete.isPending}>
        {complete.isPending ? "Saving…" : "Set new password"}
      </Button>
    </form>
  );
}
