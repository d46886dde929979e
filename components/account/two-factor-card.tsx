"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { errorIssues, errorMessage, useTRPC } from "@/components/providers/trpc-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { fieldError, FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { PasswordField } from "@/components/ui/password-field";

/** Two-factor on the account page: enrol (QR code, first code, recovery codes shown once) or turn off. */
export function TwoFactorCard({ enabled, recoveryCodesLeft }: { enabled: boolean; recoveryCodesLeft: number }) {
  const trpc = useTRPC();
  const router = useRouter();
  const start = useMutation(trpc.account.startTwoFactor.mutationOptions());
  const confirm = useMutation(trpc.account.confirmTwoFactor.mutationOptions());
  const disable = useMutation(trpc.account.disableTwoFactor.mutationOptions({ onSuccess: () => router.refresh() }));
  const [savedCodes, setSavedCodes] = useState(false);

  if (confirm.data && !savedCodes) {
    return (
      <div className="grid gap-3">
        <Alert variant="success">Two-factor authentication is on.</Alert>
        <p className="text-sm">
          Your recovery codes, each usable once if you lose your authenticator. They are shown only now: store them somewhere safe.
        </p>
        <ul aria-label="Recovery codes" className="grid grid-cols-2 gap-1 rounded-md border p-3 font-mono text-sm">
          {confirm.data.recoveryCodes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
        <Button
          onClick={() => {
            setSavedCodes(true);
            router.refresh();
          }}
        >
          I stored my recovery codes
        </Button>
      </div>
    );
  }

  if (enabled) {
    const issues = errorIssues(disable.error);
    return (
      <form
        className="grid gap-4"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          disable.mutate({ password: String(form.get("password") ?? ""), code: String(form.get("code") ?? "") });
        }}
      >
        <p className="text-sm">
          Two-factor authentication is on. {recoveryCodesLeft} recovery code{recoveryCodesLeft === 1 ? "" : "s"} left.
        </p>
        {disable.error ? <Alert variant="destructive">{errorMessage(disable.error)}</Alert> : null}
        <PasswordField id="tfa-off-password" label="Password" error={fieldError(issues, "password")} name="password" autoComplete="current-password" />
        <FormField id="tfa-off-code" label="Code or recovery code" error={fieldError(issues, "code")}>
          <Input name="code" autoComplete="one-time-code" />
        </FormField>
        <Button type="submit" variant="outline" disabled={disable.isPending}>
          Turn off two-factor
        </Button>
      </form>
    );
  }

  if (start.data) {
    const issues = errorIssues(confirm.error);
    return (
      <form
        className="grid gap-4"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          confirm.mutate({ code: String(new FormData(event.currentTarget).get("code") ?? "") });
        }}
      >
        <p className="text-sm">Scan this QR code with your authenticator app (or type the key), then enter the 6-digit code it shows.</p>
        <img src={start.data.qrCodeDataUrl} alt="QR code for your authenticator app" width={220} height={220} />
        <p className="text-sm">
          Key: <code aria-label="Authenticator key" className="font-mono">{start.data.secret}</code>
        </p>
        {confirm.error ? <Alert variant="destructive">{errorMessage(confirm.error)}</Alert> : null}
        <FormField id="tfa-code" label="Code from the app" error={fieldError(issues, "code")}>
          <Input name="code" inputMode="numeric" autoComplete="one-time-code" />
        </FormField>
        <Button type="submit" disabled={confirm.isPending}>
          Turn on two-factor
        </Button>
      </form>
    );
  }

  return (
    <div className="grid gap-3">
      <p className="text-sm">Two-factor authentication is off. With it on, signing in also asks for a code from an authenticator app.</p>
      {start.error ? <Alert variant="destructive">{errorMessage(start.error)}</Alert> : null}
      <Button className="justify-self-start" disabled={start.isPending} onClick={() => start.mutate()}>
        Set up two-factor
      </Button>
    </div>
  );
}
