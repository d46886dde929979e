import type { Metadata } from "next";
import Link from "next/link";
import { TRPCError } from "@trpc/server";
import { serverApi } from "@/server/caller";
import { AcceptInvitationButton, NewAccountForm } from "@/components/invitations/accept-invitation";
import { SignOutLink } from "@/components/invitations/sign-out-link";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

/** The emailed invitation link: who invites you where, and how to accept. */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const api = await serverApi();
  const preview = await api.invitations.preview({ token }).catch((error: unknown) => {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) return { invalid: error.message };
    throw error;
  });
  const me = await api.account.me().catch(() => null);
  return (
    <main className="flex min-h-screen items-center justify-center bg-muted/40 p-6">
      <Card className="w-full max-w-md">
        <CardHeader>
          <CardTitle>Invitation</CardTitle>
          {"invalid" in preview ? null : (
            <CardDescription>
              You are invited to join {preview.organizationName} on PI Portal as {preview.role}.
            </CardDescription>
          )}
        </CardHeader>
        <CardContent className="grid gap-4">
          {"invalid" in preview ? (
            <Alert variant="destructive">{preview.invalid}</Alert>
          ) : me && me.email === preview.email ? (
            <AcceptInvitationButton token={token} />
          ) : me ? (
            <>
              <Alert>
                This invitation was sent to {preview.email}, but you are signed in as {me.email}. Sign out, then open the link again.
              </Alert>
              <SignOutLink callbackUrl={`/invite/${token}`} />
            </>
          ) : preview.accountExists ? (
            <>
              <p className="text-sm">You already have an account with {preview.email}. Sign in to accept.</p>
              <Link className="text-sm font-medium underline" href={`/sign-in?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`}>
                Sign in to accept
              </Link>
            </>
          ) : (
            <NewAccountForm token={token} email={preview.email} />
          )}
        </CardContent>
      </Card>
    </main>
  );
}
