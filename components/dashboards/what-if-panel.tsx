"use client";
/**
 * What-if: change numerators or yes/no answers of the TIN's group data and see the score move. The
 * server re-scores the aggregated submission with the overrides (`dashboards.whatIf`, a query): nothing
 * is saved, and the figures come from the same `lib/mips` scorer as the real score.
 */
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { errorIssues, errorMessage, useTRPC } from "@/components/providers/trpc-client";

export interface WhatIfMeasure {
  measureId: string;
  title: string;
  numerator: number;
  denominator: number;
  nextBandNumerator: number | null;
}

export interface WhatIfAnswer {
  measureId: string;
  title: string;
  value: boolean | null;
}

interface Override {
  measureId: string;
  numerator?: number;
  yesNo?: boolean;
}

export function WhatIfPanel({
  organization,
  tinId,
  performanceYear,
  measures,
  answers,
  currentScore,
}: {
  organization: string;
  tinId: string;
  performanceYear: number;
  measures: WhatIfMeasure[];
  answers: WhatIfAnswer[];
  currentScore: number;
}) {
  const trpc = useTRPC();
  const [numerators, setNumerators] = useState<Record<string, string>>(() => Object.fromEntries(measures.map((m) => [m.measureId, String(m.numerator)])));
  const [yesNo, setYesNo] = useState<Record<string, boolean>>(() => Object.fromEntries(answers.map((a) => [a.measureId, a.value === true])));
  const [applied, setApplied] = useState<Override[] | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const result = useQuery(trpc.dashboards.whatIf.queryOptions({ organization, tinId, performanceYear, overrides: applied ?? [] }, { enabled: applied !== null }));

  function apply(event: React.FormEvent) {
    event.preventDefault();
    const overrides: Override[] = [];
    for (const m of measures) {
      const text = numerators[m.measureId] ?? "";
      const n = Number(text);
      if (text.trim() === "" || !Number.isInteger(n) || n < 0 || n > m.denominator) {
        setFormError(`${m.measureId}: enter a whole number from 0 to ${m.denominator} (the denominator).`);
        return;
      }
      if (n !== m.numerator) overrides.push({ measureId: m.measureId, numerator: n });
    }
    for (const a of answers) if ((a.value === true) !== yesNo[a.measureId]) overrides.push({ measureId: a.measureId, yesNo: yesNo[a.measureId] ?? false });
    setFormError(null);
    setApplied(overrides);
  }

  const after = result.data?.after;
  const issues = result.error ? errorIssues(result.error) : [];
  return (
    <form onSubmit={apply} className="grid gap-4" aria-describedby="what-if-help">
      <p id="what-if-help" className="text-sm text-muted-foreground">
        Change a numerator or an answer, then recalculate. Nothing is saved.
      </p>
      <Table>
        <caption className="sr-only">Numerators to try</caption>
        <TableHeader>
          <TableRow>
            <TableHead scope="col">Measure</TableHead>
            <TableHead scope="col">Numerator to try</TableHead>
            <TableHead scope="col">Denominator</TableHead>
            <TableHead scope="col">Next band at</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {measures.map((m) => (
            <TableRow key={m.measureId}>
              <TableCell>
                <label htmlFor={`what-if-${m.measureId}`}>
                  {m.title} <span className="text-xs text-muted-foreground">({m.measureId})</span>
                </label>
              </TableCell>
              <TableCell>
                <Input
                  id={`what-if-${m.measureId}`}
                  inputMode="numeric"
                  className="w-28"
                  value={numerators[m.measureId] ?? ""}
                  onChange={(e) => setNumerators({ ...numerators, [m.measureId]: e.target.value })}
                />
              </TableCell>
              <TableCell>{m.denominator}</TableCell>
              <TableCell>{m.nextBandNumerator ?? "top band"}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {answers.length > 0 ? (
        <fieldset className="grid gap-2">
          <legend className="text-sm font-medium">Yes/no answers (registries, Improvement Activities using CEHRT)</legend>
          {answers.map((a) => (
            <label key={a.measureId} className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={yesNo[a.measureId] ?? false} onChange={(e) => setYesNo({ ...yesNo, [a.measureId]: e.target.checked })} />
              {a.title} <span className="text-xs text-muted-foreground">({a.measureId})</span>
            </label>
          ))}
        </fieldset>
      ) : null}
      <div>
        <Button type="submit">Recalculate</Button>
      </div>
      {formError ? <Alert variant="destructive">{formError}</Alert> : null}
      {result.error ? (
        <Alert variant="destructive">
          {errorMessage(result.error)}
          {issues.length ? (
            <ul className="mt-1 list-disc pl-5">
              {issues.map((i) => (
                <li key={`${i.path}${i.message}`}>{i.message}</li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      <div aria-live="polite">
        {result.isFetching ? <p className="text-sm">Recalculating…</p> : null}
        {after && !result.isFetching ? (
          <Alert>
            What-if PI score: <strong data-testid="what-if-score">{after.piScore === null ? "0" : after.piScore}%</strong> (now {currentScore}%) ·
            base {after.breakdown?.base ?? 0}, performance {after.breakdown?.performance ?? 0}, bonus {after.breakdown?.bonus ?? 0} ·{" "}
            {after.finalScorePoints ?? 0} final-score points. Not saved.
          </Alert>
        ) : null}
      </div>
    </form>
  );
}
