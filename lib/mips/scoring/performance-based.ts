/**
 * PI scoring from 2019 (the "performance-based" shape; mips-rules-by-year.md §2.3 and §5): no base,
 * performance or bonus scores. Every measure earns its own points (rate x points, nearest whole number, at
 * least 1 with a numerator of 1 or more; yes/no measures all or nothing); the category is their sum plus
 * bonuses, capped. The year's numbers come from `years/<year>.ts`; this file holds only the mechanics:
 * - gates: the year's period minimum, CEHRT, "yes" attestations, the security risk analysis (and SAFER),
 *   and every required measure reported (numerator >= 1, a "yes", or an allowed exclusion): any failure
 *   makes the category 0, with every reason named;
 * - the HIE objective's alternatives (one option per set; mixing HIE_5/HIE_6 with HIE_1/HIE_4 or their
 *   exclusions is refused, as CMS's converter does: problem 102);
 * - exclusion redistribution, which passes along when the receiving measure is excluded too;
 * - public health: "any two" (2019-2021) or named required measures plus one capped bonus (2022+),
 *   engagement levels (PRE/PROD) from 2023.
 */
import { badInput, type Issue } from "../../errors";
import { getCatalog, type PiMeasure } from "../catalog";
import type { PiScoringFacts, RequiredPublicHealth, YearFacts } from "../years/types";
import { nextPointNumerator, pointsForPerformanceRate } from "./measure-points";
import { rowOrder } from "./measure-rows";
import { formatRate } from "./bands";
import { performancePeriodDays } from "./period";
import { measurementValuesOf } from "./measurement-values";
import type {
  BonusAward,
  ExplanationLine,
  MeasureRow,
  MeasurementValue,
  PiCategoryScore,
  PrerequisiteFailure,
  ValidPiScoringInput,
} from "./types";

type Values = ReadonlyMap<string, MeasurementValue>;

function label(m: PiMeasure | undefined, id: string): string {
  return m ? `${m.title} (${id})` : id;
}

/** What a year's scoring looks up on every call, worked out once per year (catalog and facts are fixed). */
interface YearPlan {
  /** Measures (not exclusions) that have exclusions, in catalog order: the only ones a claimed exclusion can clash with. */
  withExclusions: readonly PiMeasure[];
  /** Per HIE option, its measures and their exclusions (what reports the option). */
  hieTouchIds: readonly (readonly string[])[];
  hieIds: ReadonlySet<string>;
  hieMissingMessage: string;
  /**
   * The scored measures of the year with each HIE option kept (null: none reported), in catalog order;
   * `atIndex[i]`: whether the catalog's i-th measure is one of them.
   */
  scored: Map<readonly string[] | null, { measures: readonly PiMeasure[]; ids: ReadonlySet<string>; atIndex: readonly boolean[] }>;
  /** Public health measures with engagement levels (2023+), in the order they are checked. */
  engagementMeasures: readonly PiMeasure[];
  bonusMessages: readonly string[];
  /** The year's assumptions shown with a score: [rated][moved]. */
  assumptions: readonly [readonly [readonly string[], readonly string[]], readonly [readonly string[], readonly string[]]];
  /**
   * Catalog indices in display order (rowOrder, ties in catalog order): the rows, built in catalog order,
   * are read out in this order instead of being sorted on every scoring (the same order: V8's sort is stable).
   */
  rowOrder: readonly number[];
}

const plans = new WeakMap<YearFacts, YearPlan>();

function planFor(facts: YearFacts, pi: PiScoringFacts, catalog: ReturnType<typeof getCatalog>): YearPlan {
  const cached = plans.get(facts);
  if (cached) return cached;
  const hieIds = new Set(pi.hieOptions.flat());
  const scored: YearPlan["scored"] = new Map();
  for (const option of [null, ...pi.hieOptions]) {
    const inPlay = (id: string) => !hieIds.has(id) || (option?.includes(id) ?? false);
    const measures = catalog.measures.filter((m) => pi.measurePoints[m.measureId] !== undefined && inPlay(m.measureId));
    const ids = new Set(measures.map((m) => m.measureId));
    scored.set(option, { measures, ids, atIndex: catalog.measures.map((m) => ids.has(m.measureId)) });
  }
  const ph = pi.publicHealth;
  const engagementMeasures =
    ph.shape === "required" && ph.engagementLevels
      ? [...ph.requiredIds, ...ph.answerOnlyIds, ...ph.bonusIds].map((id) => catalog.byId.get(id)).filter((m): m is PiMeasure => m !== undefined && m.engagementLevelIds.length > 0)
      : [];
  const assumptionsFor = (rated: boolean, moved: boolean) =>
    facts.assumptions
      .filter((a) => ["points", "publicHealth", "safer", "covid"].includes(a.about) || (a.about === "rounding" && rated) || (a.about === "redistribution" && moved))
      .map((a) => a.text);
  const plan: YearPlan = {
    withExclusions: catalog.measures.filter((m) => m.kind !== "exclusion" && m.exclusionMeasureIds.length > 0),
    hieTouchIds: pi.hieOptions.map((ids) => ids.flatMap((id) => [id, ...(catalog.byId.get(id)?.exclusionMeasureIds ?? [])])),
    hieIds,
    hieMissingMessage: `Health Information Exchange objective not reported: report ${pi.hieOptions.map((ids) => ids.join(" and ")).join(", or ")} (or the referral-loop measures' exclusions)`,
    scored,
    engagementMeasures,
    bonusMessages: pi.bonusMeasures.map((b) => `+${b.points} bonus: ${label(catalog.byId.get(b.measureId), b.measureId)} "yes"`),
    assumptions: [
      [assumptionsFor(false, false), assumptionsFor(false, true)],
      [assumptionsFor(true, false), assumptionsFor(true, true)],
    ],
    rowOrder: catalog.measures.map((m, i) => ({ rank: rowOrder(m), i })).sort((a, b) => a.rank - b.rank).map((x) => x.i),
  };
  plans.set(facts, plan);
  return plan;
}

/** A yes/no answer; a numerator of at least 1 counts as yes where the year accepts a proportion for it. */
function yesNoOf(value: MeasurementValue | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  return typeof value === "boolean" ? value : value.numerator >= 1;
}

function claimedExclusion(measure: PiMeasure, values: Values): string | null {
  for (const id of measure.exclusionMeasureIds) if (values.get(id) === true) return id;
  return null;
}

/** A measure and one of its exclusions both given (the exclusion "yes"): CMS accepts one or the other. */
function measureAndExclusionIssues(measures: readonly PiMeasure[], values: Values, year: number): Issue[] {
  const issues: Issue[] = [];
  for (const m of measures) {
    if (m.kind === "exclusion" || values.get(m.measureId) === undefined) continue;
    const claimed = claimedExclusion(m, values);
    if (claimed) {
      issues.push({
        path: `measurements.${m.measureId}`,
        message: `${m.measureId} is reported and its exclusion ${claimed} is claimed: in ${year} report the measure or claim the exclusion, not both`,
      });
    }
  }
  return issues;
}

interface HieChoice {
  /** The option's measures (e.g. [PI_HIE_1, PI_HIE_4]); null when nothing of the objective was reported. */
  option: readonly string[] | null;
  messages: string[];
}

/** The HIE option the set reports; refuses mixes of the referral-loop option with HIE_5 / HIE_6. */
function chooseHieOption(pi: PiScoringFacts, plan: YearPlan, values: Values, year: number): HieChoice {
  const reported: { ids: readonly string[]; given: string[] }[] = [];
  pi.hieOptions.forEach((ids, i) => {
    let given: string[] | null = null;
    for (const id of plan.hieTouchIds[i] ?? []) if (values.get(id) !== undefined) (given ??= []).push(id);
    if (given) reported.push({ ids, given });
  });
  if (reported.length <= 1) return { option: reported[0]?.ids ?? null, messages: [] };
  const referralLoops = reported.find((o) => o.ids.length > 1);
  if (referralLoops) {
    const others = reported.filter((o) => o !== referralLoops).flatMap((o) => o.given);
    const message = `the HIE objective is reported twice: ${others.join(", ")} together with ${referralLoops.given.join(", ")}; in ${year} report either PI_HIE_1 and PI_HIE_4 (or their exclusions) or ${others.join(" / ")}, not both (CMS refuses such a file)`;
    throw badInput(message, [{ path: `measurements.${others[0] ?? "PI_HIE_5"}`, message }]);
  }
  // Two single-measure alternatives (HIE_5 and HIE_6): keep the one answered yes.
  const yes = reported.find((o) => o.ids.every((id) => yesNoOf(values.get(id)) === true)) ?? reported[0];
  const kept = yes?.ids ?? null;
  return {
    option: kept,
    messages: [`HIE objective: ${reported.map((o) => o.ids.join("+")).join(" and ")} both reported; ${kept?.join("+") ?? ""} is scored (they are alternatives)`],
  };
}

/** Moves excluded measures' points to their receivers (passing along through excluded receivers). */
function redistribute(
  pi: PiScoringFacts,
  maxPoints: Map<string, number>,
  excludedBy: ReadonlyMap<string, string>,
  active: (id: string) => boolean,
  explanation: ExplanationLine[],
  lost: string[],
): void {
  for (let round = 0; round < 10; round++) {
    const pending = [...excludedBy.entries()].filter(([id]) => (maxPoints.get(id) ?? 0) > 0);
    if (pending.length === 0) return;
    for (const [measureId, exclusionId] of pending) {
      const points = maxPoints.get(measureId) ?? 0;
      const map = pi.redistribution[exclusionId] ?? {};
      const receivers = Object.entries(map).filter(([to]) => active(to) || excludedBy.has(to));
      const share = receivers.reduce((sum, [, p]) => sum + p, 0);
      maxPoints.set(measureId, 0);
      if (receivers.length === 0 || share === 0) {
        lost.push(`${measureId} is excluded (${exclusionId}) and no measure of this submission receives its ${points} points`);
        continue;
      }
      // Shares in whole points; the last receiver takes the rest so nothing is lost to rounding.
      let given = 0;
      receivers.forEach(([to, p], i) => {
        const amount = i === receivers.length - 1 ? points - given : Math.round((points * p) / share);
        given += amount;
        maxPoints.set(to, (maxPoints.get(to) ?? 0) + amount);
        explanation.push({ rule: "redistribution", measureId: to, points: 0, message: `${measureId} excluded (${exclusionId}): its ${amount} of ${points} points move to ${to}` });
      });
    }
  }
}

interface PublicHealthResult {
  points: number;
  /** The measure row that shows the objective's points. */
  shownOn: string | null;
  failures: PrerequisiteFailure[];
  bonus: BonusAward | null;
  /** Points moved to another measure when every required measure is excluded. */
  movedTo: { measureId: string; points: number } | null;
  messages: string[];
  issues: Issue[];
}

function publicHealthAnyTwo(pi: PiScoringFacts, catalog: ReturnType<typeof getCatalog>, values: Values): PublicHealthResult {
  const ph = pi.publicHealth;
  if (ph.shape !== "anyTwo") throw new Error("publicHealthAnyTwo: wrong shape");
  const yes = ph.measureIds.filter((id) => yesNoOf(values.get(id)) === true);
  const excluded = ph.measureIds.filter((id) => {
    const m = catalog.byId.get(id);
    return m !== undefined && values.get(id) === undefined && claimedExclusion(m, values) !== null;
  });
  const result: PublicHealthResult = { points: 0, shownOn: null, failures: [], bonus: null, movedTo: null, messages: [], issues: [] };
  if (yes.length + excluded.length < 2) {
    result.failures.push({
      rule: "requiredMeasure",
      message: `public health and clinical data exchange: two registry measures must be "yes" (or one "yes" and one exclusion); reported ${yes.length} yes${yes.length ? ` (${yes.join(", ")})` : ""} and ${excluded.length} excluded`,
    });
    return result;
  }
  if (yes.length === 0) {
    result.movedTo = { measureId: ph.allExcludedTo, points: ph.points };
    result.messages.push(`public health: no "yes" and ${excluded.length} exclusions: its ${ph.points} points move to ${ph.allExcludedTo}`);
    return result;
  }
  result.points = ph.points;
  result.shownOn = yes[0] ?? null;
  return result;
}

function publicHealthRequired(ph: RequiredPublicHealth, catalog: ReturnType<typeof getCatalog>, engagementMeasures: readonly PiMeasure[], values: Values, year: number): PublicHealthResult {
  const result: PublicHealthResult = { points: 0, shownOn: null, failures: [], bonus: null, movedTo: null, messages: [], issues: [] };
  const yesIds: string[] = [];
  const excludedIds: string[] = [];
  for (const id of ph.requiredIds) {
    const m = catalog.byId.get(id);
    const answer = yesNoOf(values.get(id));
    if (answer === true) yesIds.push(id);
    else if (m && claimedExclusion(m, values)) excludedIds.push(id);
    else {
      result.failures.push({
        rule: "requiredMeasure",
        measureId: id,
        message: `${label(m, id)} ${answer === false ? 'answered "no"' : "not reported"}: in ${year} it must be "yes"${m?.exclusionMeasureIds.length ? ` or one of its exclusions (${m.exclusionMeasureIds.join(", ")}) claimed` : ""}`,
      });
    }
  }
  for (const id of ph.answerOnlyIds) {
    const m = catalog.byId.get(id);
    if (values.get(id) === undefined && !(m && claimedExclusion(m, values))) {
      result.failures.push({ rule: "requiredMeasure", measureId: id, message: `${label(m, id)} not reported: in ${year} it must still be answered (yes, no or an exclusion), although it earns no points` });
    } else {
      result.messages.push(`${id} answered: suppressed in ${year}, full credit whatever the answer and no points moved`);
    }
  }
  if (ph.engagementLevels) {
    for (const m of engagementMeasures) {
      const id = m.measureId;
      let yesLevels = 0;
      for (const l of m.engagementLevelIds) if (values.get(l) === true) yesLevels++;
      if (yesLevels === 0 && yesNoOf(values.get(id)) !== true) continue;
      const levels = yesLevels === 0 ? [] : m.engagementLevelIds.filter((l) => values.get(l) === true);
      if (levels.length > 1) {
        const message = `${id}: both engagement levels ${levels.join(" and ")} are "yes"; report one (pre-production or production)`;
        result.issues.push({ path: `measurements.${levels[1] ?? id}`, message });
      } else if (yesNoOf(values.get(id)) === true && levels.length === 0) {
        result.messages.push(`${id} is "yes" without its level of active engagement (${m.engagementLevelIds.join(" or ")} "yes"): CMS expects one from 2023`);
      }
    }
  }
  if (result.failures.length > 0) return result;
  if (yesIds.length === 0 && excludedIds.length > 0) {
    if (ph.allExcludedTo) {
      result.movedTo = { measureId: ph.allExcludedTo, points: ph.points };
      result.messages.push(`public health: every required measure excluded (${excludedIds.join(", ")}): the objective's ${ph.points} points move to ${ph.allExcludedTo}`);
    }
  } else if (yesIds.length > 0) {
    result.points = ph.points;
    result.shownOn = yesIds[0] ?? null;
  }
  const bonusYes = ph.bonusIds.filter((id) => yesNoOf(values.get(id)) === true);
  if (bonusYes.length > 0 && ph.bonusPoints > 0) {
    result.bonus = {
      rule: "publicHealthBonus",
      points: ph.bonusPoints,
      measureIds: bonusYes,
      message: `+${ph.bonusPoints} bonus: optional public health reporting (${bonusYes.join(", ")}); one bonus however many are reported`,
    };
  }
  return result;
}

/** Scores the PI category of a 2019+ year. Throws BAD_INPUT for a set CMS would refuse (named measures). */
export function scorePerformanceBased(input: ValidPiScoringInput, facts: YearFacts): PiCategoryScore {
  const pi = facts.pi;
  if (!pi) throw new Error(`scorePerformanceBased: ${facts.performanceYear} has no performance-based PI facts`);
  const year = input.performanceYear;
  const catalog = getCatalog(year);
  const values = measurementValuesOf(input);
  const failures: PrerequisiteFailure[] = [];
  const messages: string[] = [];
  const explanation: ExplanationLine[] = [];
  const lost: string[] = [];

  const plan = planFor(facts, pi, catalog);

  const refusals = measureAndExclusionIssues(plan.withExclusions, values, year);
  const hie = chooseHieOption(pi, plan, values, year);
  for (const m of hie.messages) messages.push(m);
  const ph = pi.publicHealth.shape === "anyTwo" ? publicHealthAnyTwo(pi, catalog, values) : publicHealthRequired(pi.publicHealth, catalog, plan.engagementMeasures, values, year);
  refusals.push(...ph.issues);
  if (refusals.length > 0) {
    throw badInput(refusals.length === 1 ? (refusals[0] as Issue).message : `${refusals.length} problems in the ${year} PI measurements`, refusals);
  }

  // Gates that do not depend on measure values.
  const days = performancePeriodDays(input.performanceStart, input.performanceEnd);
  if (days < pi.minimumPerformancePeriodDays) {
    failures.push({
      rule: "performancePeriod",
      message: `performance period ${input.performanceStart}..${input.performanceEnd} is ${days} days: ${year} needs at least ${pi.minimumPerformancePeriodDays} consecutive days (the last day to start one is ${pi.lastStartDate})`,
    });
  }
  if (input.cehrtEdition !== null && pi.refusedCehrtEditions.includes(input.cehrtEdition)) {
    failures.push({ rule: "cehrtEdition", message: `CEHRT edition ${input.cehrtEdition} does not meet the ${year} requirement: ${pi.cehrtRequirement}` });
  }
  for (const id of pi.mustBeYes) {
    const m = catalog.byId.get(id);
    const answer = yesNoOf(values.get(id));
    if (answer !== true) {
      failures.push({
        rule: m?.kind === "securityRiskAnalysis" ? "securityRiskAnalysis" : "attestation",
        measureId: id,
        message: `${label(m, id)} ${answer === false ? 'answered "no"' : "not reported"}: it must be "yes" for a score above 0 (it earns no points)`,
      });
    }
  }
  for (const id of pi.mustBeAnswered) {
    const m = catalog.byId.get(id);
    if (yesNoOf(values.get(id)) === undefined) {
      failures.push({ rule: m?.kind === "securityRiskAnalysis" ? "securityRiskAnalysis" : "attestation", measureId: id, message: `${label(m, id)} not reported: it must be attested (yes or no) in ${year}` });
    }
  }

  // The scored measures of the year, their exclusions, the HIE option kept.
  const scoredPlan = plan.scored.get(hie.option);
  if (!scoredPlan) throw new Error(`scorePerformanceBased: HIE option ${String(hie.option)} is not one of ${year}'s`);
  const scored = scoredPlan.measures;
  const scoredIds = scoredPlan.ids;
  const excludedBy = new Map<string, string>();
  for (const m of scored) {
    const claimed = claimedExclusion(m, values);
    if (claimed) excludedBy.set(m.measureId, claimed);
  }
  if (hie.option === null) failures.push({ rule: "requiredMeasure", message: plan.hieMissingMessage });
  for (const m of scored) {
    if (!m.isRequired || excludedBy.has(m.measureId)) continue;
    const value = values.get(m.measureId);
    const ok = typeof value === "boolean" ? value : value !== undefined && value.numerator >= 1;
    if (!ok) {
      const how = m.metricType === "proportion" ? "a numerator of at least 1" : '"yes"';
      const state = value === undefined ? "not reported" : typeof value === "boolean" ? 'answered "no"' : `numerator 0 (${value.numerator}/${value.denominator})`;
      const alt = m.exclusionMeasureIds.length ? ` or its exclusion (${m.exclusionMeasureIds.join(", ")})` : "";
      failures.push({ rule: "requiredMeasure", measureId: m.measureId, message: `${label(m, m.measureId)} ${state}: a required measure needs ${how}${alt}` });
    }
  }
  for (const f of ph.failures) failures.push(f);

  // Most points per measure after redistribution.
  const maxPoints = new Map<string, number>();
  for (const m of scored) maxPoints.set(m.measureId, pi.measurePoints[m.measureId] ?? 0);
  if (ph.movedTo) maxPoints.set(ph.movedTo.measureId, (maxPoints.get(ph.movedTo.measureId) ?? 0) + ph.movedTo.points);
  if (ph.movedTo) explanation.push({ rule: "redistribution", measureId: ph.movedTo.measureId, points: 0, message: `public health measures excluded: ${ph.movedTo.points} points move to ${ph.movedTo.measureId}` });
  if (excludedBy.size > 0) redistribute(pi, maxPoints, excludedBy, (id) => scoredIds.has(id) && !excludedBy.has(id), explanation, lost);
  for (const m of lost) messages.push(m);
  for (const m of ph.messages) messages.push(m);

  const passed = failures.length === 0;
  // Each measure's row at its catalog index (explanation lines in catalog order), read out in display order.
  const catalogMeasures = catalog.measures;
  const scoredAt = scoredPlan.atIndex;
  const slots: (MeasureRow | undefined)[] = new Array<MeasureRow | undefined>(catalogMeasures.length);
  let measurePoints = 0;
  for (let i = 0; i < catalogMeasures.length; i++) {
    const m = catalogMeasures[i] as PiMeasure;
    const value = values.get(m.measureId);
    if (scoredAt[i] === true) {
      const max = maxPoints.get(m.measureId) ?? 0;
      const excluded = excludedBy.get(m.measureId);
      const row = measureRow(m, value, max, excluded ?? null);
      if (!passed) row.points = 0;
      measurePoints += row.points;
      slots[i] = row;
      if (row.points > 0 || max > 0) explanation.push({ rule: "measure", measureId: m.measureId, points: row.points, message: row.note });
      continue;
    }
    if (value === undefined) continue;
    slots[i] = otherRow(m, value, pi, ph, passed);
  }
  const rows: MeasureRow[] = [];
  for (const i of plan.rowOrder) {
    const row = slots[i];
    if (row !== undefined) rows.push(row);
  }
  if (ph.shownOn && passed) {
    measurePoints += ph.points;
    explanation.push({ rule: "publicHealth", measureId: ph.shownOn, points: ph.points, message: `public health and clinical data exchange objective met: +${ph.points}` });
  }

  const bonuses: BonusAward[] = [];
  pi.bonusMeasures.forEach((b, i) => {
    if (yesNoOf(values.get(b.measureId)) !== true) return;
    bonuses.push({ rule: "bonusMeasure", points: b.points, measureIds: [b.measureId], message: plan.bonusMessages[i] ?? "" });
  });
  if (ph.bonus) bonuses.push(ph.bonus);
  const bonus = passed ? bonuses.reduce((sum, b) => sum + b.points, 0) : 0;
  if (passed) for (const b of bonuses) explanation.push({ rule: "bonus", measureId: b.measureIds[0] ?? "", points: b.points, message: b.message });

  const uncappedTotal = passed ? measurePoints + bonus : 0;
  const total = Math.min(pi.cap, uncappedTotal);
  if (uncappedTotal > total) explanation.push({ rule: "cap", points: total - uncappedTotal, message: `capped at ${pi.cap}: ${uncappedTotal} -> ${total}` });
  for (const f of failures) {
    explanation.push({ rule: "prerequisite", ...(f.measureId ? { measureId: f.measureId } : {}), points: 0, message: `category score 0: ${f.message}` });
    messages.push(`category score 0: ${f.message}`);
  }
  // The year's assumptions that matter to this score: always the points table, public health and SAFER
  // ones; rounding when a rate was scored; redistribution when something was excluded.
  const rated = rows.some((r) => r.numerator !== null && r.points > 0);
  const moved = excludedBy.size > 0 || ph.movedTo !== null;
  const assumptions = plan.assumptions[rated ? 1 : 0][moved ? 1 : 0].slice();
  for (const a of assumptions) explanation.push({ rule: "assumption", points: 0, message: `assumption: ${a}` });

  return {
    performanceYear: year,
    shape: "performanceBased",
    measureSet: "pi",
    measureSetReason: `${year}: one measure set (PI Objectives and Measures); each measure earns its own points`,
    prerequisitesMet: passed,
    failedPrerequisites: failures,
    baseMet: passed,
    base: 0,
    performance: passed ? measurePoints : 0,
    bonus,
    uncappedTotal,
    total,
    finalScorePoints: (total * facts.weights.pi) / 100,
    performancePeriodDays: days,
    measures: rows,
    bonuses: passed ? bonuses : [],
    explanation,
    messages,
    assumptions,
    measureSetScores: [],
  };
}

function measureRow(m: PiMeasure, value: MeasurementValue | undefined, max: number, excludedBy: string | null): MeasureRow {
  // Object literals with every key in one place (not a spread of a shared base): this runs for every
  // measure of every scoring, and V8 builds such literals from one shape.
  if (excludedBy) {
    return {
      measureId: m.measureId, title: m.title, kind: m.kind,
      value: null, numerator: null, denominator: null, rate: null, band: null, points: 0, maxPoints: 0, excluded: true, status: "excluded",
      note: `${m.measureId} excluded (${excludedBy}): no points; its points move as the year's rules say`,
    };
  }
  if (m.metricType === "proportion") {
    const counts = typeof value === "object" ? value : undefined;
    if (!counts) {
      return { measureId: m.measureId, title: m.title, kind: m.kind, value: null, numerator: null, denominator: null, rate: null, band: null, points: 0, maxPoints: max, status: "missing", note: `${m.measureId} not reported (up to ${max} points)` };
    }
    const points = pointsForPerformanceRate(counts.numerator, counts.denominator, max);
    const rate = formatRate(counts.numerator, counts.denominator);
    return {
      measureId: m.measureId,
      title: m.title,
      kind: m.kind,
      value: null,
      numerator: counts.numerator,
      denominator: counts.denominator,
      rate,
      band: null,
      points,
      maxPoints: max,
      nextBandNumerator: nextPointNumerator(counts.numerator, counts.denominator, max),
      status: "scored",
      note: `${m.measureId} ${counts.numerator}/${counts.denominator} = ${rate} of ${max} points -> ${points}${counts.numerator >= 1 && points === 1 ? " (at least 1 point with a numerator of 1 or more)" : ""}`,
    };
  }
  const answer = yesNoOf(value);
  const points = answer === true ? max : 0;
  return {
    measureId: m.measureId,
    title: m.title,
    kind: m.kind,
    value: answer ?? null,
    numerator: null,
    denominator: null,
    rate: null,
    band: null,
    points,
    maxPoints: max,
    status: answer === undefined ? "missing" : answer ? "yes" : "no",
    note: answer === undefined ? `${m.measureId} not reported (up to ${max} points)` : `${m.measureId} ${answer ? '"yes"' : '"no"'}: ${points} of ${max} points`,
  };
}

function otherRow(m: PiMeasure, value: MeasurementValue, pi: PiScoringFacts, ph: PublicHealthResult, passed: boolean): MeasureRow {
  const answer = yesNoOf(value);
  const bonus = pi.bonusMeasures.find((b) => b.measureId === m.measureId);
  const isPh = ph.shownOn === m.measureId;
  const points = !passed ? 0 : isPh ? ph.points : 0;
  const note =
    m.kind === "exclusion"
      ? `exclusion for ${m.excludesMeasureId ?? "a measure"}${answer ? " claimed" : " not claimed"}`
      : bonus
        ? `bonus measure: ${answer ? `+${bonus.points}` : "no bonus"}`
        : isPh
          ? `public health objective met: ${ph.points} points`
          : m.kind === "registry"
            ? `public health and clinical data exchange: ${answer ? '"yes"' : '"no"'}`
            : m.isRequired
              ? `required: must be "yes" (earns no points)`
              : "reported (earns no points)";
  const counts = typeof value === "object" ? value : null;
  return {
    measureId: m.measureId,
    title: m.title,
    kind: m.kind,
    value: counts ? null : (answer ?? null),
    numerator: counts?.numerator ?? null,
    denominator: counts?.denominator ?? null,
    rate: counts ? formatRate(counts.numerator, counts.denominator) : null,
    band: null,
    points,
    maxPoints: isPh ? ph.points : (bonus?.points ?? 0),
    status: answer === undefined ? "missing" : answer ? "yes" : "no",
    note,
  };
}
