"use client";
import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { TWO_FACTOR_REQUIRED } from "@/lib/sign-in-answers";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { PasswordField } from "@/components/ui/password-field";

const GENERIC_FAILURE = "Invalid email or password.";

/**
 * Email and password; when the account has two-factor on, a second step asks for the authenticator's
 * code (or a recovery code) and sends the three together.
 */
export function SignInForm({ callbackUrl, notice }: { callbackUrl: string; notice?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [credentials, setCredentials] = useState<{ email: string; password: string } | null>(null);

  async function submit(email: string, password: string, code?: string) {
    setPending(true);
    setError(null);
    const result = await signIn("credentials", { email, password, code: code ?? "", redirect: false });
    setPending(false);
    if (result?.error === TWO_FACTOR_REQUIRED) {
      setCredentials({ email, password });
      return;
    }
    if (!result || result.error) {
      // Wrong credentials always read the same; throttling and code messages say what to do.
      setError(!result?.error || result.error === "CredentialsSignin" ? GENERIC_FAILURE : result.error);
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  }

  if (credentials) {
    return (
      <form
        className="grid gap-4"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit(credentials.email, credentials.password, String(new FormData(event.currentTarget).get("code") ?? ""));
        }}
      >
        {error ? <Alert variant="destructive">{error}</Alert> : null}
        <p className="text-sm">Two-factor authentication is on for {credentials.email}.</p>
        <FormField id="code" label="Authentication code" hint="The 6 digits your authenticator app shows, or one of your recovery codes.">
          <Input name="code" inputMode="text" autoComplete="one-time-code" autoFocus />
        </FormField>
        <Button type="submit" disabled={pending}>
          {pending ? "Checking…" : "Verify"}
        </Button>
        <Button type="button" variant="outline" onClick={() => setCredentials(null)}>
          Back
        </Button>
      </form>
    );
  }

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        void submit(String(form.get("email") ?? ""), String(form.get("password") ?? ""));
      }}
      className="grid gap-4"
      noValidate
    >
      {notice ? <Alert>{notice}</Alert> : null}
      {error ? <Alert variant="destructive">{error}</Alert> : null}
      <FormField id="email" label="Email">
        <Input name="email" type="email" autoComplete="username" required />
      </FormField>
      <PasswordField id="password" label="Password" name="password" autoComplete="current-password" required />
      <Button type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
      <Link href="/forgot-password" className="text-sm underline">
        Forgot your password?
      </Link>
    </form>
  );
}
