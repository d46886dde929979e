/**
 * The figures every dashboard shows for one scored entity (TIN group, virtual group, clinician), read from
 * the `lib/mips` score report and the aggregated submission, never recomputed: the PI category score
 * (capped at 100) or "reweighted", final-score points (score x 0.25), base met, required attestations.
 */
import { getCatalog, isPerformanceYear, type PerformanceYear, type Submission, type SubmissionScoreReport } from "@/lib/mips";
import type { GroupAggregation } from "../cehrt/aggregation";

export type PiStatus =
  /** Scored from submitted data. */
  | "scored"
  /** Reweighted to 0% (100% rule met, or the clinician qualifies) and no data submitted. */
  | "reweighted"
  /** Must report PI and has no data that scores: 0 points. */
  | "noData"
  /** Data is stored but does not aggregate or score (e.g. several periods, invalid data). */
  | "problem";

export interface ScoreSummary {
  status: PiStatus;
  /** Capped category score in percent; null when reweighted or not scored. */
  piScore: number | null;
  /** PI points toward the MIPS final score: min(100, total) x 0.25 (lib/mips). */
  finalScorePoints: number | null;
  /** The category score; base/performance/bonus only for 2017-2018. */
  breakdown: { total: number; base?: number; performance?: number; bonus?: number; noData?: boolean } | null;
  baseMet: boolean;
  attestationsComplete: boolean;
  problems: string[];
}

/** Required attestations of the year (the catalog's required attestation measures, e.g. 2018: PI_INFBLO_1 and PI_ONCDIR_1) answered yes in the submission. */
export function attestationsComplete(submission: Submission | null): boolean {
  if (!submission || !isPerformanceYear(submission.performanceYear)) return false;
  const year = submission.performanceYear;
  const answers = new Map<string, unknown>();
  for (const set of submission.measurementSets) for (const m of set.measurements) answers.set(m.measureId, m.value);
  const required = [...answers.keys()].length === 0 ? [] : requiredAttestations(year);
  return required.length > 0 && required.every((id) => answers.get(id) === true);
}

const attestationCache = new Map<number, string[]>();
function requiredAttestations(year: PerformanceYear): string[] {
  let ids = attestationCache.get(year);
  if (!ids) {
    ids = getCatalog(year).measures.filter((m) => m.kind === "attestation" && m.isRequired).map((m) => m.measureId);
    attestationCache.set(year, ids);
  }
  return ids;
}

export function summarizeScore(score: SubmissionScoreReport | null, submission: Submission | null, problems: string[]): ScoreSummary {
  if (score?.score) {
    return {
      status: "scored",
      piScore: Math.min(100, score.score.total),
      finalScorePoints: score.finalScorePoints,
      breakdown: score.score,
      // 2017-2018: the base score was earned; 2019+: every gate passed (a non-zero score needs them all).
      baseMet: score.score.base !== undefined ? score.score.base > 0 : score.score.total > 0,
      attestationsComplete: attestationsComplete(submission),
      problems,
    };
  }
  return {
    status: problems.length > 0 ? "problem" : "noData",
    piScore: null,
    finalScorePoints: null,
    breakdown: null,
    baseMet: false,
    attestationsComplete: attestationsComplete(submission),
    problems,
  };
}

/**
 * A group's PI standing: data cancels reweighting (CMS scores whoever submits); without data, the 100%
 * rule (`groupReweighted`, from lib/mips via the roster status) decides between "reweighted" and 0.
 */
export function groupSummary(aggregation: GroupAggregation, groupReweighted: boolean): ScoreSummary {
  const problems = [...aggregation.problems, ...aggregation.scoreProblems].map((p) => (p.path ? `${p.path}: ${p.message}` : p.message));
  const hasData = aggregation.included.length > 0 || aggregation.excluded.length > 0;
  if (!hasData && groupReweighted) {
    return { status: "reweighted", piScore: null, finalScorePoints: null, breakdown: null, baseMet: false, attestationsComplete: false, problems: [] };
  }
  return summarizeScore(aggregation.score, aggregation.result?.submission ?? null, problems);
}
