import { Badge } from "@/components/ui/badge";
import type { ScoreSummary } from "@/server/services/dashboards/summary";

/** The PI standing in words a reader scans: "90%", "reweighted", "no data (0%)", "data problem". */
export function piScoreText(s: Pick<ScoreSummary, "status" | "piScore">): string {
  if (s.status === "scored") return `${s.piScore}%`;
  if (s.status === "reweighted") return "reweighted";
  if (s.status === "problem") return "data problem";
  return "no data (0%)";
}

export function PiScoreBadge({ summary }: { summary: Pick<ScoreSummary, "status" | "piScore"> }) {
  const variant = summary.status === "scored" ? "success" : summary.status === "reweighted" ? "secondary" : summary.status === "problem" ? "destructive" : "warning";
  return <Badge variant={variant}>{piScoreText(summary)}</Badge>;
}

export function YesNo({ value, yes = "yes", no = "no" }: { value: boolean; yes?: string; no?: string }) {
  return <Badge variant={value ? "success" : "outline"}>{value ? yes : no}</Badge>;
}
