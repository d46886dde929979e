import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

type Value = boolean | { numerator: number; denominator: number } | null;

function show(v: Value): string {
  if (v === null) return "left out";
  if (typeof v === "boolean") return v ? "yes" : "no";
  return `${v.numerator}/${v.denominator}`;
}

export interface AggregationViewProps {
  periodNote: string;
  measures: {
    measureId: string;
    value: Value;
    explanation: string;
    contributions: { reportId: string; fileName: string | null; npi: string | null; product: string | null; cehrtId: string | null; value: Value }[];
    notReportedBy: string[];
  }[];
  excluded: { report: { id: string; fileName: string | null; npi: string | null; performanceStart: string; performanceEnd: string }; reason: string }[];
  problems: { path: string; message: string }[];
  warnings: { message: string }[];
  score: {
    score: { total: number; base?: number | undefined; performance?: number | undefined; bonus?: number | undefined; noData?: boolean | undefined } | null;
    finalScorePoints: number | null;
    measureSet: string | null;
    measures: { measureId: string; title: string; rate: string; band: number | null; points: number; maxPoints: number; value?: boolean | undefined }[];
    explanation: { rule: string; message: string }[];
  } | null;
  titles: Record<string, string>;
  /** "Group score" unless given (a virtual group's). */
  scoreLabel?: string;
}

/** A score with its explanation: base, performance, bonus, and per measure the band and points. */
export function ScoreView({ score, label }: { score: AggregationViewProps["score"]; label: string }) {
  if (!score) return <p className="text-sm text-muted-foreground">No score: the data does not aggregate yet.</p>;
  return (
    <div className="grid gap-2" aria-label={label}>
      <p className="text-lg font-semibold">
        {label}: {score.score ? `${score.score.total}%` : "not scored"}{" "}
        {score.score ? (
          <span className="text-sm font-normal text-muted-foreground">
            (
            {score.score.base !== undefined
              ? `base ${score.score.base} + performance ${String(score.score.performance)} + bonus ${String(score.score.bonus)}; set ${String(score.measureSet)}`
              : "the sum of each measure's points"}
            ; {score.finalScorePoints} final-score points)
          </span>
        ) : null}
      </p>
      <details>
        <summary className="cursor-pointer text-sm">Why: explanation and per-measure points</summary>
        <ul className="list-disc pl-5 text-sm">
          {score.explanation.map((e, i) => (
            <li key={i}>{e.message}</li>
          ))}
        </ul>
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Measure</TableHead>
              <TableHead>Rate</TableHead>
              <TableHead>Band</TableHead>
              <TableHead>Points</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {score.measures.map((m) => (
              <TableRow key={m.measureId}>
                <TableCell>
                  <span className="font-mono text-xs">{m.measureId}</span> {m.title}
                </TableCell>
                <TableCell>{m.rate || (m.value === undefined ? "" : m.value ? "yes" : "no")}</TableCell>
                <TableCell>{m.band ?? "—"}</TableCell>
                <TableCell>
                  {m.points} / {m.maxPoints}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </details>
    </div>
  );
}

/** A measure's lineage lists its first reports (a group of hundreds of clinicians has hundreds per measure). */
const LINEAGE_SHOWN = 10;
const EXCLUDED_SHOWN = 25;
/** A measure's explanation names every report it sums ("sum of A 10/100, B 87/100, ..."): its first part only. */
const EXPLANATION_SHOWN = 400;

function shortened(explanation: string): string {
  if (explanation.length <= EXPLANATION_SHOWN) return explanation;
  const cut = explanation.lastIndexOf(", ", EXPLANATION_SHOWN);
  return `${explanation.slice(0, cut > 0 ? cut : EXPLANATION_SHOWN)}, … (shortened: the lineage below and the Reports CSV list every report)`;
}

/**
 * The group's aggregated values; each opens its lineage: the reports, files and products it came from (the
 * first LINEAGE_SHOWN of them, then how many more; the Reports CSV has them all).
 */
export function AggregationView(props: AggregationViewProps) {
  return (
    <div className="grid gap-4">
      <p className="text-sm text-muted-foreground">Period: {props.periodNote}</p>
      {props.problems.length > 0 ? (
        <ul className="list-disc pl-5 text-sm text-destructive">
          {props.problems.map((p, i) => (
            <li key={i}>{p.message}</li>
          ))}
        </ul>
      ) : null}
      <ScoreView score={props.score} label={props.scoreLabel ?? "Group score"} />
      {props.warnings.length > 0 ? (
        <ul className="list-disc pl-5 text-sm">
          {props.warnings.map((w, i) => (
            <li key={i}>{w.message}</li>
          ))}
        </ul>
      ) : null}
      {props.measures.length > 0 ? (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Measure</TableHead>
              <TableHead>Group value</TableHead>
              <TableHead>Lineage</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {props.measures.map((m) => (
              <TableRow key={m.measureId}>
                <TableCell>
                  <span className="font-mono text-xs">{m.measureId}</span> {props.titles[m.measureId] ?? ""}
                </TableCell>
                <TableCell className="font-medium">{show(m.value)}</TableCell>
                <TableCell>
                  <details>
                    <summary className="cursor-pointer text-sm">Lineage of {m.measureId}</summary>
                    <p className="text-xs text-muted-foreground">{shortened(m.explanation)}</p>
                    <ul className="list-disc pl-5 text-sm">
                      {m.contributions.slice(0, LINEAGE_SHOWN).map((c) => (
                        <li key={c.reportId}>
                          {show(c.value)} from {c.fileName ?? "manual entry"}, {c.npi ? `NPI ${c.npi}` : "whole TIN"}, {c.product ?? "no CEHRT product"}
                          {c.cehrtId ? ` (${c.cehrtId})` : ""}
                        </li>
                      ))}
                    </ul>
                    {m.contributions.length > LINEAGE_SHOWN ? (
                      <p className="text-xs text-muted-foreground">
                        and {m.contributions.length - LINEAGE_SHOWN} more report(s) ({m.contributions.length} in all; every report is in the Reports CSV)
                      </p>
                    ) : null}
                    {m.notReportedBy.length > 0 ? (
                      <p className="text-xs">
                        Not reported by: {m.notReportedBy.slice(0, LINEAGE_SHOWN).join("; ")}
                        {m.notReportedBy.length > LINEAGE_SHOWN ? ` and ${m.notReportedBy.length - LINEAGE_SHOWN} more` : ""}
                      </p>
                    ) : null}
                  </details>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      {props.excluded.length > 0 ? (
        <div>
          <p className="font-medium">Excluded reports</p>
          <ul className="list-disc pl-5 text-sm">
            {props.excluded.slice(0, EXCLUDED_SHOWN).map((e) => (
              <li key={e.report.id}>
                <Badge variant="warning">excluded</Badge> {e.report.fileName ?? "manual entry"}, {e.report.npi ? `NPI ${e.report.npi}` : "whole TIN"}, {e.report.performanceStart}..{e.report.performanceEnd}: {e.reason}
              </li>
            ))}
          </ul>
          {props.excluded.length > EXCLUDED_SHOWN ? (
            <p className="text-sm text-muted-foreground">
              and {props.excluded.length - EXCLUDED_SHOWN} more excluded report(s) ({props.excluded.length} in all)
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
