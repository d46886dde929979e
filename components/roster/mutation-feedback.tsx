"use client";
import { useRouter } from "next/navigation";
import { TRPCClientError } from "@trpc/client";
import { errorMessage } from "@/components/providers/trpc-client";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** True for a refused stale update (optimistic concurrency): the form then offers to reload. */
export function isConflict(error: unknown): boolean {
  return error instanceof TRPCClientError && (error.data as { code?: string } | undefined)?.code === "CONFLICT";
}

/** The error of a mutation as an alert; a stale-version conflict offers to reload the current values. */
export function MutationError({ error }: { error: unknown }) {
  const router = useRouter();
  if (!error) return null;
  return (
    <Alert variant="destructive">
      <AlertTitle>{isConflict(error) ? "Changed by someone else" : "Not saved"}</AlertTitle>
      <AlertDescription>
        <p>{errorMessage(error)}</p>
        {isConflict(error) ? (
          <Button type="button" variant="outline" size="sm" className="mt-2" onClick={() => router.refresh()}>
            Reload current values
          </Button>
        ) : null}
      </AlertDescription>
    </Alert>
  );
}
