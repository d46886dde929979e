import { mipsDeadlines } from "@/lib/mips/deadlines";
import { describeDeadline, longDate } from "@/lib/mips/year-calendar";
import { Badge } from "@/components/ui/badge";

/** The performance year's deadlines with the days left from `today` (YYYY-MM-DD); a past one reads "closed on <date>". */
export function DeadlinesPanel({ performanceYear, today }: { performanceYear: number; today: string }) {
  return (
    <ul className="grid gap-2">
      {mipsDeadlines(performanceYear, today).map((d) => (
        <li key={d.kind} className="flex flex-wrap items-center justify-between gap-2 text-sm">
          <span>
            {d.label}: <time dateTime={d.date}>{longDate(d.date)}</time>
          </span>
          <Badge variant={d.passed ? "secondary" : d.daysLeft <= 30 ? "warning" : "outline"}>{describeDeadline(d.date, today)}</Badge>
        </li>
      ))}
    </ul>
  );
}
