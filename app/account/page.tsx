import type { Metadata } from "next";
import { serverApi } from "@/server/caller";
import { forPage, getSignedInUser } from "@/server/page-context";
import { AppHeader } from "@/components/layout/app-header";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { SessionsList } from "@/components/account/sessions-list";
import { SignInHistory } from "@/components/account/sign-in-history";
import { TwoFactorCard } from "@/components/account/two-factor-card";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Account" };
export const dynamic = "force-dynamic";

export default async function AccountPage() {
  const user = await getSignedInUser();
  const api = await serverApi();
  const [sessions, twoFactor, signIns] = await Promise.all([
    forPage(api.account.sessions()),
    forPage(api.account.twoFactorStatus()),
    forPage(api.account.signIns()),
  ]);
  return (
    <>
      <AppHeader />
      <main className="mx-auto max-w-3xl p-6">
        <PageHeader title="Account" description={`${user.name} · ${user.email}`} />
        <Card className="max-w-md">
          <CardHeader>
            <CardTitle>Change password</CardTitle>
            <CardDescription>Changing your password signs you out everywhere; sign in again with the new one.</CardDescription>
          </CardHeader>
          <CardContent>
            <ChangePasswordForm />
          </CardContent>
        </Card>
        <Card className="mt-6 max-w-md">
          <CardHeader>
            <CardTitle>Two-factor authentication</CardTitle>
            <CardDescription>A code from an authenticator app (or a one-time recovery code) after your password.</CardDescription>
          </CardHeader>
          <CardContent>
            <TwoFactorCard enabled={twoFactor.enabled} recoveryCodesLeft={twoFactor.recoveryCodesLeft} />
          </CardContent>
        </Card>
        <Card className="mt-6">
          <CardHeader>
            <CardTitle>Recent sign-ins</CardTitle>
            <CardDescription>Your last sign-ins and failed attempts. Something you do not recognise? Change your password and sign out everywhere.</CardDescription>
          </CardHeader>
          <CardContent>
            <SignInHistory events={signIns} />
          </CardContent>
        </Card>
        <Card className="mt-6">
          <CardHeader>
            <CardTitle>Active sessions</CardTitle>
            <CardDescription>Every browser signed in to your account. Signing one out ends it at once, even if someone copied its cookie.</CardDescription>
          </CardHeader>
          <CardContent>
            <SessionsList sessions={sessions} />
          </CardContent>
        </Card>
      </main>
    </>
  );
}
