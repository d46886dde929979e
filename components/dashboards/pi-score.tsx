import { Badge } from "@/components/ui/badge";
import type { ScoreSummary } from "@/server/services/dashboards/summary";

/** The PI standing in words a reader scans: "90%", "reweighted", "no data (0%)", "data problem". */
export function piScoreText(s: Pick<ScoreSummary, "status" | "piScore">): string {
  if (s.status === "scored") return `${s.piScore}%`;
  if (s.status === "reweighted") return "reweighted";
  if (s.status === "problem") return "data problem";
  return "no data (0%)";
}

/**
 * Coloured by meaning: a scored 0% or a data problem red, a low score (below 50%) or no data amber, a
 * score of 50% or more green, reweighted grey.
 */
export function piScoreVariant(s: Pick<ScoreSummary, "status" | "piScore">): "success" | "warning" | "destructive" | "secondary" {
  if (s.status === "reweighted") return "secondary";
  if (s.status === "problem") return "destructive";
  if (s.status === "noData") return "warning";
  const score = s.piScore ?? 0;
  return score === 0 ? "destructive" : score < 50 ? "warning" : "success";
}

export function PiScoreBadge({ summary }: { summary: Pick<ScoreSummary, "status" | "piScore"> }) {
  const variant = piScoreVariant(summary);
  return <Badge variant={variant}>{piScoreText(summary)}</Badge>;
}

export function YesNo({ value, yes = "yes", no = "no" }: { value: boolean; yes?: string; no?: string }) {
  return <Badge variant={value ? "success" : "outline"}>{value ? yes : no}</Badge>;
}
