import { Badge } from "@/components/ui/badge";

type Eligibility = { status: "eligible" | "exempt" | "notEligibleType" } | null;

export function EligibilityBadge({ eligibility, note }: { eligibility: Eligibility; note: string }) {
  if (!eligibility) return <Badge variant="outline" title={note}>{note.startsWith("clinician type") ? "Not an eligible type" : "No figures"}</Badge>;
  const label = { eligible: "Eligible", exempt: "Exempt", notEligibleType: "Not an eligible type" }[eligibility.status];
  return (
    <Badge variant={eligibility.status === "eligible" ? "default" : "secondary"} title={note}>
      {label}
    </Badge>
  );
}

/** `dataCancels`: it would be reweighted, but PI data was submitted (rules section 5), so the data is scored. */
export function ReweightingBadge({ reweighted, dataCancels = false, title }: { reweighted: boolean; dataCancels?: boolean; title?: string }) {
  return (
    <Badge variant={reweighted ? "success" : dataCancels ? "secondary" : "warning"} title={title}>
      {reweighted ? "PI reweighted" : dataCancels ? "Reports PI (data submitted)" : "Reports PI"}
    </Badge>
  );
}

export function HardshipStatusBadge({ status }: { status: "pending" | "approved" | "dismissed" }) {
  return <Badge variant={status === "approved" ? "success" : status === "pending" ? "warning" : "secondary"}>{status}</Badge>;
}
