import Link from "next/link";
import type { OrganizationDeadline } from "@/server/services/deadlines/organization-deadlines";
import { longDate } from "@/lib/mips/year-calendar";
import { Badge } from "@/components/ui/badge";

function stateBadge(d: OrganizationDeadline) {
  if (d.state === "closed") return <Badge variant="secondary">closed</Badge>;
  if (d.kind === "submissionOpens") return <Badge variant="outline">{d.daysLeft > 0 ? "upcoming" : "open"}</Badge>;
  return <Badge variant={d.daysLeft <= 30 ? "warning" : "outline"}>open</Badge>;
}

/** The organization's deadlines of a year: date, days left or "closed on", assumed dates flagged, what is still open. */
export function OrganizationDeadlines({ deadlines, orgBase, compact = false }: { deadlines: OrganizationDeadline[]; orgBase: string; compact?: boolean }) {
  return (
    <ol className="grid gap-3" aria-label="Deadlines">
      {deadlines.map((d) => (
        <li key={d.kind} className="grid gap-1 rounded-md border p-3 text-sm" data-testid={`deadline-${d.kind}`}>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <strong>{d.label}</strong>
            <span className="flex flex-wrap items-center gap-2">
              <time dateTime={d.date}>{longDate(d.date)}</time>
              {stateBadge(d)}
            </span>
          </div>
          <p className={d.state === "open" && d.daysLeft <= 30 ? "font-medium" : "text-muted-foreground"}>
            {d.when}
            {d.assumed ? " · date assumed" : ""}
          </p>
          {!compact ? <p className="text-muted-foreground">{d.detail}</p> : null}
          {d.assumed && d.note && !compact ? <p className="text-xs text-muted-foreground">Assumed: {d.note}.</p> : null}
          {d.open.length ? (
            <ul className="list-disc pl-5">
              {d.open.map((o) => (
                <li key={o.text}>{o.href ? <Link className="underline" href={`${orgBase}${o.href}`}>{o.text}</Link> : o.text}</li>
              ))}
            </ul>
          ) : d.state === "open" && d.kind !== "submissionOpens" && !compact ? (
            <p className="text-xs text-muted-foreground">Nothing open for this deadline.</p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
