"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { signIn } from "next-auth/react";
import { errorIssues, errorMessage, useTRPC } from "@/components/providers/trpc-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { fieldError, FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { PasswordField } from "@/components/ui/password-field";

/** Signed in with the invited email: one click joins the organization. */
export function AcceptInvitationButton({ token }: { token: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const accept = useMutation(
    trpc.invitations.accept.mutationOptions({
      onSuccess: (data) => {
        router.replace(`/o/${data.organizationSlug}`);
        router.refresh();
      },
    }),
  );
  return (
    <div className="grid gap-3">
      {accept.error ? <Alert variant="destructive">{errorMessage(accept.error)}</Alert> : null}
      <Button disabled={accept.isPending || accept.isSuccess} onClick={() => accept.mutate({ token })}>
        {accept.isPending ? "Joining…" : "Accept the invitation"}
      </Button>
    </div>
  );
}

/** No account has the invited email: choose a name and password, then sign in with them. */
export function NewAccountForm({ token, email }: { token: string; email: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [signInError, setSignInError] = useState<string | null>(null);
  const accept = useMutation(trpc.invitations.acceptAsNewUser.mutationOptions());
  const issues = errorIssues(accept.error);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    setSignInError(null);
    const accepted = await accept
      .mutateAsync({ token, name: String(form.get("name") ?? ""), password, confirmPassword: String(form.get("confirmPassword") ?? "") })
      .catch(() => null);
    if (!accepted) return;
    const result = await signIn("credentials", { email: accepted.email, password, redirect: false });
    if (!result || result.error) {
      setSignInError("Your account is ready, but signing in failed. Sign in with your email and the password you chose.");
      return;
    }
    router.replace(`/o/${accepted.organizationSlug}`);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-4" noValidate>
      <p className="text-sm">Create your account for {email}.</p>
      {accept.error ? <Alert variant="destructive">{errorMessage(accept.error)}</Alert> : null}
      {signInError ? <Alert variant="destructive">{signInError}</Alert> : null}
      <FormField id="invitee-name" label="Your name" error={fieldError(issues, "name")}>
        <Input name="name" autoComplete="name" />
      </FormField>
      <PasswordField id="invitee-password" label="Password" hint="At least 10 characters." error={fieldError(issues, "password")} name="password" autoComplete="new-password" />
      <PasswordField id="invitee-confirm" label="Confirm password" error={fieldError(issues, "confirmPassword")} name="confirmPassword" autoComplete="new-password" />
      <Button type="submit" disabled={accept.isPending || accept.isSuccess}>
        {accept.isPending ? "Creating…" : "Create account and join"}
      </Button>
    </form>
  );
}
