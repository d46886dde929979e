/**
 * Measure-set choice for the 2017-2018 structure (rules page 6.2; CMS 2018 PI presentation
 * "Measure Sets for 2018 - Basics"): with 2014 Edition CEHRT only the transition set may be reported;
 * when a submission holds measures of both sets, each set is scored on its own (the shared attestations
 * and the IA-via-CEHRT bonus count for both) and the higher score is kept.
 */
import type { MeasureSetId, PerformanceYear } from "../catalog";
import { findMeasure, getCatalog } from "../catalog";
import { minimumPerformancePeriodDays, performancePeriodDays } from "./period";
import type { BasePerformanceBonusRules } from "./score-measure-set";
import { scoreMeasureSet } from "./score-measure-set";
import { measurementValuesOf, withMeasurementValues } from "./measurement-values";
import type { MeasureSetScore, PiCategoryScore, PrerequisiteFailure, ValidPiScoringInput } from "./types";

const SET_NAMES: Record<MeasureSetId, string> = {
  pi: "Objectives and Measures",
  transition: "Transition Objectives and Measures",
};

/** Sets of which at least one set-specific measure was reported (attestations and the IA bonus belong to both). */
export function reportedMeasureSets(year: PerformanceYear, ids: Iterable<string>): Set<MeasureSetId> {
  const sets = new Set<MeasureSetId>();
  const catalog = getCatalog(year);
  for (const id of ids) {
    const m = catalog.byId.get(id);
    const only = m && m.measureSets.length === 1 ? m.measureSets[0] : undefined;
    if (only) sets.add(only);
  }
  return sets;
}

/** Prerequisites that hold for both sets: the required attestations and the 90-day period. */
function commonFailures(input: ValidPiScoringInput, days: number): PrerequisiteFailure[] {
  const failures: PrerequisiteFailure[] = [];
  const values = measurementValuesOf(input);
  for (const id of requiredAttestations(input.performanceYear)) {
    const value = values.get(id);
    if (value !== true) {
      const title = findMeasure(input.performanceYear, id)?.title ?? id;
      failures.push({ rule: "attestation", measureId: id, message: `${title} (${id}) ${value === false ? "answered no" : "not reported"}: this attestation must be "yes"` });
    }
  }
  const minimum = minimumPerformancePeriodDays(input.performanceYear);
  if (days < minimum) {
    failures.push({
      rule: "performancePeriod",
      message: `performance period ${input.performanceStart}..${input.performanceEnd} is ${days} days: at least ${minimum} consecutive days are required`,
    });
  }
  return failures;
}

const attestationCache = new Map<PerformanceYear, string[]>();
/** The required attestations of a year from the catalog (`PI_INFBLO_1`, `PI_ONCDIR_1`; `PI_ONCACB_1` is optional). */
function requiredAttestations(year: PerformanceYear): string[] {
  let ids = attestationCache.get(year);
  if (!ids) {
    ids = getCatalog(year)
      .measures.filter((m) => m.kind === "attestation" && m.isRequired)
      .map((m) => m.measureId);
    attestationCache.set(year, ids);
  }
  return ids;
}

/** Higher capped total wins; then higher uncapped total; then the PI set (it reflects 2015 Edition use). */
function better(a: MeasureSetScore, b: MeasureSetScore): MeasureSetScore {
  if (a.total !== b.total) return a.total > b.total ? a : b;
  if (a.uncappedTotal !== b.uncappedTotal) return a.uncappedTotal > b.uncappedTotal ? a : b;
  return a.measureSet === "pi" ? a : b;
}

export function scoreBasePerformanceBonus(
  given: ValidPiScoringInput,
  rules: BasePerformanceBonusRules & { finalScoreWeightPercent: number; categoryLabel: string },
): PiCategoryScore {
  const input = withMeasurementValues(given);
  const days = performancePeriodDays(input.performanceStart, input.performanceEnd);
  const reported = reportedMeasureSets(input.performanceYear, measurementValuesOf(input).keys());
  const messages: string[] = [];
  const common = commonFailures(input, days);
  const setName = (s: MeasureSetId) => `${rules.categoryLabel} ${SET_NAMES[s]} ("${s}")`;

  let candidates: MeasureSetId[] = [...reported].sort((a) => (a === "pi" ? -1 : 1));
  let reason: string;
  if (candidates.length === 2 && input.cehrtEdition === "2014") {
    candidates = ["transition"];
    reason = `${setName("transition")} scored: with 2014 Edition CEHRT only the transition set may be used, so the measures of the ${SET_NAMES.pi} were not scored`;
  } else if (candidates.length === 2) {
    reason = "both measure sets reported: each scored on its own and the higher kept";
  } else if (candidates.length === 1 && candidates[0]) {
    reason = `${setName(candidates[0])} scored: the only measure set reported`;
    if (candidates[0] === "pi" && input.cehrtEdition === "2014") reason += " (but it needs 2015 Edition CEHRT or a 2014/2015 mix)";
  } else {
    reason = "no measure of either measure set was reported";
  }

  if (candidates.length === 0) {
    const failures: PrerequisiteFailure[] = [...common, { rule: "noMeasures", message: `no measure of either ${rules.categoryLabel} measure set was reported: nothing to score` }];
    return {
      performanceYear: input.performanceYear,
      shape: "basePerformanceBonus",
      assumptions: [],
      measureSet: null,
      measureSetReason: reason,
      prerequisitesMet: false,
      failedPrerequisites: failures,
      baseMet: false,
      base: 0,
      performance: 0,
      bonus: 0,
      uncappedTotal: 0,
      total: 0,
      finalScorePoints: 0,
      performancePeriodDays: days,
      measures: [],
      bonuses: [],
      explanation: [
        { rule: "measureSet", points: 0, message: reason },
        ...failures.map((f) => ({ rule: "prerequisite" as const, ...(f.measureId ? { measureId: f.measureId } : {}), points: 0, message: f.message })),
      ],
      messages: [...messages, ...failures.map((f) => f.message)],
      measureSetScores: [],
    };
  }

  const otherSetReported = reported.size === 2;
  const scores = candidates.map((set) => scoreMeasureSet(set, { input, rules, commonFailures: common, otherSetReported }));
  let kept = scores[0] as MeasureSetScore;
  for (const s of scores.slice(1)) kept = better(kept, s);
  if (scores.length === 2) {
    const other = scores.find((s) => s !== kept) as MeasureSetScore;
    reason = `both measure sets reported: ${setName(kept.measureSet)} kept with ${kept.total}% over ${setName(other.measureSet)} with ${other.total}%`;
  }
  messages.push(reason);
  if (rules.cehrt2015EditionOnlyBonus !== null && kept.measureSet === "pi" && kept.prerequisitesMet && !kept.bonuses.some((b) => b.rule === "cehrt2015EditionOnly")) {
    const why = otherSetReported
      ? "the submission also holds Transition measures"
      : input.cehrtEdition === null
        ? "the CEHRT edition is not stated (give cehrtEdition or cehrtId)"
        : `the CEHRT edition is ${input.cehrtEdition}, not 2015 only`;
    messages.push(`no 2015-Edition bonus: ${why} (it needs only PI Objectives and Measures and only 2015 Edition CEHRT)`);
  }
  for (const f of kept.failedPrerequisites) messages.push(`category score 0: ${f.message}`);
  for (const row of kept.measures) if (row.excluded && row.note.includes("not scored")) messages.push(`${row.measureId}: ${row.note}`);

  return {
    performanceYear: input.performanceYear,
    shape: "basePerformanceBonus",
    assumptions: [],
    measureSet: kept.measureSet,
    measureSetReason: reason,
    prerequisitesMet: kept.prerequisitesMet,
    failedPrerequisites: kept.failedPrerequisites,
    baseMet: kept.baseMet,
    base: kept.base,
    performance: kept.performance,
    bonus: kept.bonus,
    uncappedTotal: kept.uncappedTotal,
    total: kept.total,
    finalScorePoints: (kept.total * rules.finalScoreWeightPercent) / 100,
    performancePeriodDays: days,
    measures: kept.measures,
    bonuses: kept.bonuses,
    explanation: [{ rule: "measureSet", points: 0, message: reason }, ...kept.explanation],
    messages,
    measureSetScores: scores,
  };
}
