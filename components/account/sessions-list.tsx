"use client";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { signOut } from "next-auth/react";
import { errorMessage, useTRPC } from "@/components/providers/trpc-client";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

interface SessionRow {
  sessionId: string;
  createdAt: Date;
  lastSeenAt: Date;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

/** Your live sessions, each with "Sign out", and "Sign out everywhere" (this browser included). */
export function SessionsList({ sessions }: { sessions: SessionRow[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const revoke = useMutation(trpc.account.revokeSession.mutationOptions({ onSuccess: () => router.refresh() }));
  const everywhere = useMutation(
    trpc.account.signOutEverywhere.mutationOptions({ onSuccess: () => void signOut({ callbackUrl: "/sign-in?reason=signed-out" }) }),
  );
  const error = revoke.error ?? everywhere.error;
  return (
    <div className="grid gap-4">
      <Table aria-label="Active sessions">
        <TableHeader>
          <TableRow>
            <TableHead>Signed in</TableHead>
            <TableHead>Last active</TableHead>
            <TableHead>IP</TableHead>
            <TableHead>Browser</TableHead>
            <TableHead />
          </TableRow>
        </TableHeader>
        <TableBody>
          {sessions.map((s) => (
            <TableRow key={s.sessionId}>
              <TableCell>{s.createdAt.toISOString().replace("T", " ").slice(0, 16)} UTC</TableCell>
              <TableCell>{s.lastSeenAt.toISOString().replace("T", " ").slice(0, 16)} UTC</TableCell>
              <TableCell>{s.ip ?? "unknown"}</TableCell>
              <TableCell className="max-w-56 truncate" title={s.userAgent ?? undefined}>
                {s.userAgent ?? "unknown"}
              </TableCell>
              <TableCell>
                {s.current ? (
                  <span className="text-xs text-muted-foreground">this browser</span>
                ) : (
                  <Button variant="outline" size="sm" disabled={revoke.isPending} onClick={() => revoke.mutate({ sessionId: s.sessionId })}>
                    Sign out
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {error ? <p role="alert" className="text-sm text-destructive">{errorMessage(error)}</p> : null}
      <Button variant="outline" className="justify-self-start" disabled={everywhere.isPending} onClick={() => everywhere.mutate()}>
        Sign out everywhere
      </Button>
    </div>
  );
}
