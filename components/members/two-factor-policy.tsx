"use client";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { errorMessage, useTRPC } from "@/components/providers/trpc-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** The organization setting "admins must use two-factor". */
export function TwoFactorPolicy({ organization, required }: { organization: string; required: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const set = useMutation(trpc.organizations.setAdminTwoFactorPolicy.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div className="grid gap-3">
      <p className="text-sm">
        {required
          ? "Admins must use two-factor authentication: an admin session without a second factor is refused here."
          : "Admins may sign in with a password alone."}
      </p>
      {set.error ? <Alert variant="destructive">{errorMessage(set.error)}</Alert> : null}
      <Button variant="outline" className="justify-self-start" disabled={set.isPending} onClick={() => set.mutate({ organization, required: !required })}>
        {required ? "Stop requiring two-factor for admins" : "Require two-factor for admins"}
      </Button>
    </div>
  );
}
