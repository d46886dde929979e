"use client";
/**
 * The MIPS final score estimate: the PI category score comes from the portal; the other categories are
 * typed in as percentages (they are scored elsewhere). Recomputed as you type, nothing saved. The payment
 * adjustment is an estimate (CMS scales it after the year) and says so.
 */
import { useState } from "react";
import { estimateFinalScore } from "@/lib/mips/final-score";
import { isPerformanceYear } from "@/lib/mips/years";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

function parsePercent(text: string): number | null {
  if (text.trim() === "") return null;
  const n = Number(text);
  return Number.isFinite(n) && n >= 0 && n <= 100 ? n : null;
}

export function FinalScoreEstimate({
  performanceYear,
  piScore,
  smallPractice,
}: {
  performanceYear: number;
  /** The PI category score (0-100, capped) or "reweighted". */
  piScore: number | "reweighted";
  smallPractice: boolean;
}) {
  const [quality, setQuality] = useState("60");
  const [ia, setIa] = useState("100");
  const [cost, setCost] = useState("50");
  if (!isPerformanceYear(performanceYear)) return <Alert variant="destructive">No final-score rules for {performanceYear}.</Alert>;
  const values = { quality: parsePercent(quality), improvementActivities: parsePercent(ia), cost: parsePercent(cost) };
  const invalid = Object.entries(values).filter(([, v]) => v === null).map(([k]) => k);
  const estimate =
    invalid.length === 0
      ? estimateFinalScore({
          performanceYear,
          quality: values.quality!,
          pi: piScore,
          improvementActivities: values.improvementActivities!,
          cost: values.cost!,
          smallPracticeSubmittedData: smallPractice,
        })
      : null;
  const error = (v: number | null) => (v === null ? "a percentage from 0 to 100" : undefined);
  const rows = estimate
    ? ([
        ["Quality", values.quality, estimate.weights.quality, estimate.contributions.quality],
        [performanceYear === 2017 ? "ACI" : "Promoting Interoperability", piScore === "reweighted" ? "reweighted" : piScore, estimate.weights.pi, estimate.contributions.pi],
        ["Improvement Activities", values.improvementActivities, estimate.weights.improvementActivities, estimate.contributions.improvementActivities],
        ["Cost", values.cost, estimate.weights.cost, estimate.contributions.cost],
      ] as const)
    : [];
  return (
    <div className="grid gap-4">
      <div className="grid gap-3 sm:grid-cols-3">
        <FormField id="estimate-quality" label="Quality score (%)" error={error(values.quality)}>
          <Input inputMode="decimal" value={quality} onChange={(e) => setQuality(e.target.value)} />
        </FormField>
        <FormField id="estimate-ia" label="Improvement Activities score (%)" error={error(values.improvementActivities)}>
          <Input inputMode="decimal" value={ia} onChange={(e) => setIa(e.target.value)} />
        </FormField>
        <FormField id="estimate-cost" label="Cost score (%)" error={error(values.cost)} hint={performanceYear === 2017 ? "Cost weighs 0% in 2017." : undefined}>
          <Input inputMode="decimal" value={cost} onChange={(e) => setCost(e.target.value)} />
        </FormField>
      </div>
      {estimate ? (
        <>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead scope="col">Category</TableHead>
                <TableHead scope="col">Score</TableHead>
                <TableHead scope="col">Weight after redistribution</TableHead>
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
              Final score <strong data-testid="final-score">{estimate.finalScore.toFixed(2)}</strong> / 100
            </p>
            <Badge variant={estimate.meetsPerformanceThreshold ? "success" : "destructive"}>
              {estimate.meetsPerformanceThreshold ? "meets" : "below"} the performance threshold of {estimate.performanceThreshold}
            </Badge>
            {estimate.exceptionalPerformance ? <Badge variant="success">exceptional performance</Badge> : null}
          </div>
          <Alert variant="warning">
            <strong>Estimate</strong> — payment adjustment in {estimate.paymentAdjustment.paymentYear}:{" "}
            <strong>
              {estimate.paymentAdjustment.percent >= 0 ? "+" : ""}
              {estimate.paymentAdjustment.percent.toFixed(2)}%
            </strong>
            {estimate.paymentAdjustment.exceptionalPerformancePercent > 0
              ? ` plus up to ${estimate.paymentAdjustment.exceptionalPerformancePercent.toFixed(2)}% for exceptional performance`
              : ""}{" "}
            (range ±{estimate.paymentAdjustment.maximumPercent}%). {estimate.paymentAdjustment.note}
          </Alert>
        </>
      ) : (
        <Alert variant="destructive">Enter each category score as a percentage from 0 to 100 to see the estimate.</Alert>
      )}
    </div>
  );
}
