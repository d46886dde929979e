import { describeDaysLeft, mipsDeadlines } from "@/lib/mips/deadlines";
import { Badge } from "@/components/ui/badge";

/** The performance year's deadlines with the days left from `today` (YYYY-MM-DD). */
export function DeadlinesPanel({ performanceYear, today }: { performanceYear: number; today: string }) {
  return (
    <ul className="grid gap-2">
      {mipsDeadlines(performanceYear, today).map((d) => (
        <li key={d.kind} className="flex flex-wrap items-center justify-between gap-2 text-sm">
          <span>
            {d.label}: <time dateTime={d.date}>{d.date}</time>
          </span>
          <Badge variant={d.passed ? "secondary" : d.daysLeft <= 30 ? "warning" : "outline"}>{describeDaysLeft(d.daysLeft)}</Badge>
        </li>
      ))}
    </ul>
  );
}
