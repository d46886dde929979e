import { HardshipStatusBadge } from "./status-badges";

/** An application's state in CMS's terms: awaiting CMS's decision, or approved/dismissed by CMS on a date with its reference. */
export function HardshipDecision({
  hardship,
}: {
  hardship: { status: "pending" | "approved" | "dismissed"; decidedOn: string | null; decisionReference: string | null; cmsReference: string | null };
}) {
  return (
    <>
      <HardshipStatusBadge status={hardship.status} />
      <span className="block text-xs text-muted-foreground">
        {hardship.status === "pending" ? "awaiting CMS's decision" : `by CMS on ${hardship.decidedOn ?? "?"}`}
        {hardship.decisionReference ? ` (ref. ${hardship.decisionReference})` : ""}
      </span>
      {hardship.cmsReference ? <span className="block text-xs text-muted-foreground">application ref. {hardship.cmsReference}</span> : null}
    </>
  );
}
