import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safeCallbackPath } from "@/lib/safe-redirect";
import { serverApi } from "@/server/caller";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  // Only same-site paths are followed after sign-in (no open redirect).
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  // Already signed in with a session that is still valid (not ended by a password change): go on.
  const api = await serverApi();
  const signedIn = await api.account.me().then(
    () => true,
    () => false,
  );
  if (signedIn && params.reason === undefined) redirect(callbackUrl);
  const notice =
    params.reason === "password-changed"
      ? "Your password was changed. Sign in with the new one."
      : params.reason === "signed-out"
        ? "You are signed out."
        : undefined;
  return (
    <main className="flex min-h-screen items-center justify-center bg-muted/40 p-6">
      <Card className="w-full max-w-sm">
        <CardHeader>
          <CardTitle>
            <span className="sr-only">PI Portal: </span>Sign in
          </CardTitle>
          <CardDescription>MIPS Promoting Interoperability portal</CardDescription>
        </CardHeader>
        <CardContent>
          <SignInForm callbackUrl={callbackUrl} notice={notice} />
        </CardContent>
      </Card>
    </main>
  );
}
