"use client";
/**
 * The MIPS final score ESTIMATE of a TIN: PI comes from the portal's data and stays fixed; Quality,
 * Improvement Activities and Cost are scored elsewhere, so the practice enters them (saved per TIN and
 * year, with who entered them). A category not entered is not guessed: the page shows the range from the
 * worst case (0%) to the best case (100%) for it. The payment adjustment is an estimate and says so.
 */
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { ENTERED_CATEGORIES, ENTERED_CATEGORY_LABELS, finalScoreRange, type EnteredCategory } from "@/lib/mips/final-score-range";
import type { FinalScoreEstimate as Estimate } from "@/lib/mips/final-score";
import { isPerformanceYear } from "@/lib/mips/years";
import { useTRPC } from "@/components/providers/trpc-client";
import { MutationError } from "@/components/roster/mutation-feedback";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

/** "" is "not entered" (null); otherwise a percentage 0-100 with up to two decimals, or "invalid". */
function parsePercent(text: string): number | null | "invalid" {
  if (text.trim() === "") return null;
  const n = Number(text);
  return Number.isFinite(n) && n >= 0 && n <= 100 && Math.abs(n * 100 - Math.round(n * 100)) < 1e-6 ? n : "invalid";
}

export interface SavedEntry {
  scores: Record<EnteredCategory, number | null>;
  enteredBy: string | null;
  enteredAt: Date | string;
  version: number;
}

const text = (v: number | null | undefined) => (v === null || v === undefined ? "" : String(v));
const signed = (p: number) => `${p >= 0 ? "+" : ""}${p.toFixed(2)}%`;

export function FinalScoreEstimate({
  organization,
  tinId,
  performanceYear,
  piScore,
  smallPractice,
  saved,
  canSave,
}: {
  organization: string;
  tinId: string;
  performanceYear: number;
  /** The PI category score (0-100, capped) or "reweighted". */
  piScore: number | "reweighted";
  smallPractice: boolean;
  saved: SavedEntry | null;
  canSave: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [values, setValues] = useState<Record<EnteredCategory, string>>({
    quality: text(saved?.scores.quality),
    improvementActivities: text(saved?.scores.improvementActivities),
    cost: text(saved?.scores.cost),
  });
  const save = useMutation(trpc.estimates.saveFinalScoreInputs.mutationOptions({ onSuccess: () => router.refresh() }));
  if (!isPerformanceYear(performanceYear)) return <Alert variant="destructive">No final-score rules for {performanceYear}.</Alert>;
  const parsed = Object.fromEntries(ENTERED_CATEGORIES.map((k) => [k, parsePercent(values[k])])) as Record<EnteredCategory, number | null | "invalid">;
  const invalid = ENTERED_CATEGORIES.filter((k) => parsed[k] === "invalid");
  const entered = Object.fromEntries(ENTERED_CATEGORIES.map((k) => [k, parsed[k] === "invalid" ? null : parsed[k]])) as Record<EnteredCategory, number | null>;
  const range = invalid.length === 0 ? finalScoreRange({ performanceYear, pi: piScore, entered, smallPractice }) : null;
  const changed = ENTERED_CATEGORIES.some((k) => entered[k] !== (saved?.scores[k] ?? null));
  const piLabel = performanceYear === 2017 ? "ACI" : "Promoting Interoperability";
  const piText = piScore === "reweighted" ? "reweighted (0%)" : `${piScore}% from your data`;

  return (
    <div className="grid gap-4">
      <p className="text-sm">
        {piLabel} is fixed at <strong>{piText}</strong>. Enter the other categories as CMS or your registry scores them; a category left empty
        is shown as a range from 0% to 100%.
      </p>
      <form
        className="grid gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (!canSave || invalid.length > 0) return;
          save.mutate({ organization, tinId, performanceYear, scores: entered, expectedVersion: saved?.version ?? null });
        }}
      >
        <div className="grid gap-3 sm:grid-cols-3">
          {ENTERED_CATEGORIES.map((k) => (
            <FormField
              key={k}
              id={`estimate-${k}`}
              label={`${ENTERED_CATEGORY_LABELS[k]} score (%)`}
              error={parsed[k] === "invalid" ? "a percentage from 0 to 100 (at most two decimals)" : undefined}
              hint={range && range.worst.weights[k] === 0 ? `${ENTERED_CATEGORY_LABELS[k]} weighs 0% in ${performanceYear}.` : "empty: not known yet"}
            >
              <Input inputMode="decimal" placeholder="not entered" value={values[k]} onChange={(e) => setValues((v) => ({ ...v, [k]: e.target.value }))} />
            </FormField>
          ))}
        </div>
        {canSave ? (
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" size="sm" disabled={save.isPending || invalid.length > 0 || !changed}>
              Save these scores for {performanceYear}
            </Button>
            <SavedBy saved={saved} />
          </div>
        ) : (
          <SavedBy saved={saved} />
        )}
        <MutationError error={save.error} />
      </form>
      {range === null ? (
        <Alert variant="destructive">Enter each category score as a percentage from 0 to 100, or leave it empty.</Alert>
      ) : range.complete ? (
        <SingleEstimate estimate={range.best} piLabel={piLabel} entered={entered} piScore={piScore} />
      ) : (
        <div className="grid gap-2" aria-live="polite">
          <p className="text-lg">
            Estimate: final score between <strong data-testid="final-score-worst">{range.worst.finalScore.toFixed(2)}</strong> and{" "}
            <strong data-testid="final-score-best">{range.best.finalScore.toFixed(2)}</strong> / 100
          </p>
          <p className="text-sm text-muted-foreground">
            Worst case: {range.unknown.map((k) => ENTERED_CATEGORY_LABELS[k]).join(", ")} at 0%; best case: at 100%. Threshold {range.worst.performanceThreshold}:{" "}
            {range.worst.meetsPerformanceThreshold
              ? "met even in the worst case."
              : range.best.meetsPerformanceThreshold
                ? "met only if the other categories score well enough."
                : "not reachable even in the best case."}
          </p>
          <Alert variant="warning">
            <strong>Estimate</strong> — payment adjustment in {range.worst.paymentAdjustment.paymentYear} between {signed(range.worst.paymentAdjustment.percent)} and{" "}
            {signed(range.best.paymentAdjustment.percent)} (range ±{range.worst.paymentAdjustment.maximumPercent}%). CMS sets the final figures after the
            performance year.
          </Alert>
        </div>
      )}
    </div>
  );
}

function SavedBy({ saved }: { saved: SavedEntry | null }) {
  if (!saved) return <p className="text-xs text-muted-foreground">Nothing saved for this TIN and year yet.</p>;
  const at = new Date(saved.enteredAt);
  return (
    <p className="text-xs text-muted-foreground" data-testid="estimate-entered-by">
      Entered by {saved.enteredBy ?? "a former member"} on <time dateTime={at.toISOString()}>{at.toISOString().slice(0, 10)}</time>
    </p>
  );
}

function SingleEstimate({ estimate, piLabel, entered, piScore }: { estimate: Estimate; piLabel: string; entered: Record<EnteredCategory, number | null>; piScore: number | "reweighted" }) {
  const rows = [
    ["Quality", entered.quality, estimate.weights.quality, estimate.contributions.quality],
    [piLabel, piScore === "reweighted" ? "reweighted" : piScore, estimate.weights.pi, estimate.contributions.pi],
    ["Improvement Activities", entered.improvementActivities, estimate.weights.improvementActivities, estimate.contributions.improvementActivities],
    ["Cost", entered.cost, estimate.weights.cost, estimate.contributions.cost],
  ] as const;
  return (
    <>
      <Table>
        <caption className="sr-only">Final score estimate by category</caption>
        <TableHeader>
          <TableRow>
            <TableHead scope="col">Category</TableHead>
            <TableHead scope="col">Score</TableHead>
            <TableHead scope="col">Weight</TableHead>
            <TableHead scope="col">Points</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map(([label, score, weight, points]) => (
            <TableRow key={label}>
              <TableCell>{label}</TableCell>
              <TableCell>{typeof score === "number" ? `${score}%` : score}</TableCell>
              <TableCell>{weight}%</TableCell>
              <TableCell>{points.toFixed(2)}</TableCell>
            </TableRow>
          ))}
          {estimate.bonusPoints > 0 ? (
            <TableRow>
              <TableCell>Small practice bonus</TableCell>
              <TableCell />
              <TableCell />
              <TableCell>{estimate.bonusPoints.toFixed(2)}</TableCell>
            </TableRow>
          ) : null}
        </TableBody>
      </Table>
      <div className="flex flex-wrap items-baseline gap-3" aria-live="polite">
        <p className="text-lg">
          Estimate: final score <strong data-testid="final-score">{estimate.finalScore.toFixed(2)}</strong> / 100
        </p>
        <Badge variant={estimate.meetsPerformanceThreshold ? "success" : "destructive"}>
          {estimate.meetsPerformanceThreshold ? "meets" : "below"} the performance threshold of {estimate.performanceThreshold}
        </Badge>
        {estimate.exceptionalPerformance ? <Badge variant="success">exceptional performance</Badge> : null}
      </div>
      <Alert variant="warning">
        <strong>Estimate</strong> — payment adjustment in {estimate.paymentAdjustment.paymentYear}: <strong>{signed(estimate.paymentAdjustment.percent)}</strong>
        {estimate.paymentAdjustment.exceptionalPerformancePercent > 0
          ? ` plus up to ${estimate.paymentAdjustment.exceptionalPerformancePercent.toFixed(2)}% for exceptional performance`
          : ""}{" "}
        (range ±{estimate.paymentAdjustment.maximumPercent}%). {estimate.paymentAdjustment.note}
      </Alert>
    </>
  );
}
