import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

const KIND_LABELS: Record<string, string> = {
  signed_in: "Signed in",
  password_failed: "Wrong password",
  locked_out: "Refused: too many attempts",
  two_factor_failed: "Wrong two-factor code",
  recovery_code_used: "Recovery code used",
};

/** Your recent sign-ins and failed attempts: something you do not recognise is a reason to change your password. */
export function SignInHistory({ events }: { events: { id: number; kind: string; ip: string | null; userAgent: string | null; at: Date }[] }) {
  if (events.length === 0) return <p className="text-sm text-muted-foreground">No sign-ins recorded yet.</p>;
  return (
    <Table aria-label="Recent sign-ins">
      <TableHeader>
        <TableRow>
          <TableHead>When (UTC)</TableHead>
          <TableHead>What</TableHead>
          <TableHead>IP</TableHead>
          <TableHead>Browser</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {events.map((e) => (
          <TableRow key={e.id}>
            <TableCell>{e.at.toISOString().replace("T", " ").slice(0, 19)}</TableCell>
            <TableCell>{KIND_LABELS[e.kind] ?? e.kind}</TableCell>
            <TableCell>{e.ip ?? "unknown"}</TableCell>
            <TableCell className="max-w-56 truncate" title={e.userAgent ?? undefined}>
              {e.userAgent ?? "unknown"}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
