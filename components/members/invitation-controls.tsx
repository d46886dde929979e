"use client";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { errorMessage, useTRPC } from "@/components/providers/trpc-client";
import { Button } from "@/components/ui/button";

/** Resend (a new link, 7 more days) and revoke for one pending invitation. */
export function InvitationControls({ organization, invitationId, email }: { organization: string; invitationId: string; email: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const onSuccess = () => router.refresh();
  const resend = useMutation(trpc.members.resendInvitation.mutationOptions({ onSuccess }));
  const revoke = useMutation(trpc.members.revokeInvitation.mutationOptions({ onSuccess }));
  const busy = resend.isPending || revoke.isPending;
  const error = resend.error ?? revoke.error;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button variant="outline" size="sm" disabled={busy} aria-label={`Resend the invitation to ${email}`} onClick={() => resend.mutate({ organization, invitationId })}>
        Resend
      </Button>
      <Button
        variant="outline"
        size="sm"
        disabled={busy}
        aria-label={`Revoke the invitation to ${email}`}
        onClick={() => {
          if (window.confirm(`Revoke the invitation to ${email}? Its link stops working.`)) revoke.mutate({ organization, invitationId });
        }}
      >
        Revoke
      </Button>
      {resend.isSuccess ? <span className="text-xs text-muted-foreground">sent again</span> : null}
      {error ? (
        <p role="alert" className="w-full text-xs text-destructive">
          {errorMessage(error)}
        </p>
      ) : null}
    </div>
  );
}
