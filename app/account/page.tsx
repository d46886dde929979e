import type { Metadata } from "next";
import { getSignedInUser } from "@/server/page-context";
import { AppHeader } from "@/components/layout/app-header";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Account" };
export const dynamic = "force-dynamic";

export default async function AccountPage() {
  const user = await getSignedInUser();
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
      </main>
    </>
  );
}
