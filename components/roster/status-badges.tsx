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

/** A clinician of a type not MIPS eligible in the year (no figures, or the status says so): not scored, outside the 100% rule. */
export function isOutsideRule(eligibility: Eligibility, note: string): boolean {
  return eligibility ? eligibility.status === "notEligibleType" : note.startsWith("clinician type");
}

/** What the reweighting column says of a clinician outside the 100% rule (instead of "no reweighting reason"). */
export const OUTSIDE_RULE_NOTE = "a type not MIPS eligible this year: not scored on PI and outside the 100% rule";

/**
 * `dataCancels`: it would be reweighted, but PI data was submitted (rules section 5), so the data is scored.
 * `outsideRule`: a type not MIPS eligible; neither "reports PI" nor "reweighted" applies (neutral badge).
 */
export function ReweightingBadge({ reweighted, dataCancels = false, outsideRule = false, title }: { reweighted: boolean; dataCancels?: boolean; outsideRule?: boolean; title?: string }) {
  if (outsideRule) {
    return (
      <Badge variant="outline" title={title}>
        Outside the 100% rule
      </Badge>
    );
  }
  return (
    <Badge variant={reweighted ? "success" : dataCancels ? "secondary" : "warning"} title={title}>
      {reweighted ? "PI reweighted" : dataCancels ? "Reports PI (data submitted)" : "Reports PI"}
    </Badge>
  );
}

export function HardshipStatusBadge({ status }: { status: "pending" | "approved" | "dismissed" }) {
  return <Badge variant={status === "approved" ? "success" : status === "pending" ? "warning" : "secondary"}>{status}</Badge>;
}
