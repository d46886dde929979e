/**
 * Scores one QPP Submissions API JSON object (what `mips score` prints) of any supported year 2017-2026:
 * validates it, decides PI reweighting with the year's rules (individual, or the 100% rule for groups and
 * virtual groups, small practices from 2022), then scores the PI (ACI in 2017) measurement set.
 * The CLI contract: `performanceYear`, `reweighting.{reweighted, reasons, blockingNpis}`, `score.total`
 * (capped; `score.base/performance/bonus` only for 2017-2018), `finalScorePoints` (total x the year's PI
 * weight, null when reweighted), `measures[]` (`measureId`, `points` per scored measure), `bonuses`, and an
 * `explanation` whose points add up to `score.total`. A group that is not reweighted and sent no PI data
 * scores 0 ("no data") with every blocking clinician named, never an error.
 */
import { badInput, type Issue } from "../errors";
import { type MeasureSetId, type PerformanceYear, piCategoryName } from "./catalog";
import { type CehrtEdition, cehrtEditionFromId, describeNpiProblem } from "./identifiers";
import { type BlockingClinician, clinicianReweighting, groupReweighting } from "./reweighting";
import { piRulesFor } from "./scoring";
import type { BonusAward, ExplanationLine, MeasurementValue, PiCategoryScore, PrerequisiteFailure, ValidPiScoringInput } from "./scoring/types";
import { type EntityType, type MeasurementSet, type Submission, parseSubmissionWithValues } from "./submission";

export interface SubmissionMeasureOutput {
  measureId: string;
  /** null for a scored yes/no measure (2019+: PDMP, HIE_5, HIE_6); see `value`. */
  numerator: number | null;
  denominator: number | null;
  points: number;
  maxPoints: number;
  title: string;
  rate: string;
  /** 2017-2018 performance band (0-10); null from 2019, where points follow the rate directly. */
  band: number | null;
  /** The answer of a scored yes/no measure. */
  value?: boolean;
  excluded?: boolean;
  nextBandNumerator?: number | null;
}

export interface SubmissionYesNoOutput {
  measureId: string;
  title: string;
  value: boolean | null;
  points: number;
  maxPoints: number;
}

export interface SubmissionScoreReport {
  performanceYear: PerformanceYear;
  entityType: EntityType;
  reweighting: {
    reweighted: boolean;
    reasons: string[];
    blockingNpis: string[];
    blockingClinicians: BlockingClinician[];
  };
  measureSet: MeasureSetId | null;
  /** The category score; `base/performance/bonus` only for 2017-2018. `noData`: not reweighted, nothing sent. */
  score: { total: number; base?: number; performance?: number; bonus?: number; noData?: boolean } | null;
  finalScorePoints: number | null;
  measures: SubmissionMeasureOutput[];
  messages: string[];
  explanation: ExplanationLine[];
  yesNoMeasures: SubmissionYesNoOutput[];
  bonuses: BonusAward[];
  performancePeriodDays: number | null;
  /** What the year's rules leave unsettled and this score assumed, in words for the user. */
  assumptions: string[];
  /** Why the category scores 0 (gates, prerequisites), each naming the measure; empty when it scores. */
  failedPrerequisites: PrerequisiteFailure[];
}

/** The edition stated on the set, or derived from its CEHRT ID; both given and disagreeing is refused. */
function cehrtEditionOf(set: MeasurementSet, at: string, messages: string[]): CehrtEdition | null {
  const stated = (set.cehrtEdition ?? null) as CehrtEdition | null;
  const derived = set.cehrtId ? cehrtEditionFromId(set.cehrtId) : null;
  if (stated && derived && stated !== derived) {
    const message = `cehrtEdition "${stated}" contradicts cehrtId ${set.cehrtId ?? ""}, which is a ${derived} Edition ID`;
    throw badInput(`${at}.cehrtEdition: ${message}`, [{ path: `${at}.cehrtEdition`, message }]);
  }
  if (set.cehrtId && !derived && !stated) {
    messages.push(`${at}.cehrtId ${set.cehrtId}: the edition cannot be derived from this ID; state cehrtEdition to get the 2015-Edition bonus`);
  }
  if (!stated && derived) messages.push(`${at}: CEHRT edition ${derived} derived from cehrtId ${set.cehrtId ?? ""}`);
  return stated ?? derived;
}

/** The set's measurements by id: the Map the scorers read (validation builds it; this when it did not). */
function measurementsById(set: MeasurementSet): Map<string, MeasurementValue> {
  const map = new Map<string, MeasurementValue>();
  for (const m of set.measurements) map.set(m.measureId, m.value);
  return map;
}

/**
 * The scoring input of a parsed PI set. The scorers read `measurementValues`; the record `measurements`
 * is built from it only if something asks for it (a getter on the class, so each scoring creates no closure).
 */
class SetScoringInput implements ValidPiScoringInput {
  private record: Record<string, MeasurementValue> | null = null;
  constructor(
    readonly performanceYear: PerformanceYear,
    readonly measurementValues: ReadonlyMap<string, MeasurementValue>,
    readonly cehrtEdition: CehrtEdition | null,
    readonly performanceStart: string,
    readonly performanceEnd: string,
  ) {}

  /** A record of the Map's entries, in the same order. */
  get measurements(): Record<string, MeasurementValue> {
    if (this.record === null) {
      const record: Record<string, MeasurementValue> = {};
      for (const [id, value] of this.measurementValues) record[id] = value;
      this.record = record;
    }
    return this.record;
  }
}

function reweightingOf(s: Submission, piDataSubmitted: boolean, messages: string[]): SubmissionScoreReport["reweighting"] {
  const performanceYear = s.performanceYear as PerformanceYear;
  if (s.entityType === "individual") {
    const npi = s.nationalProviderIdentifier ?? "";
    const clinician = s.clinicians?.find((c) => c.npi === npi);
    if (!clinician) {
      if (s.clinicians && s.clinicians.length > 0) messages.push(`clinicians[] has no entry for NPI ${npi}: no reweighting reason is known for it`);
      const reasons = piDataSubmitted
        ? ["PI data submitted: the category is scored"]
        : ["no clinician details (clinicians[]) for this NPI: no reweighting reason is known"];
      return { reweighted: false, reasons, blockingNpis: [], blockingClinicians: [] };
    }
    const result = clinicianReweighting({ ...clinician, performanceYear, piDataSubmitted });
    return { reweighted: result.reweighted, reasons: result.explanation, blockingNpis: [], blockingClinicians: [] };
  }
  const result = groupReweighting({
    performanceYear,
    entityType: s.entityType,
    ...(s.entityType === "group" && s.taxpayerIdentificationNumber ? { tin: s.taxpayerIdentificationNumber } : {}),
    clinicians: s.clinicians ?? [],
    ...(s.groupStatuses ? { groupStatuses: s.groupStatuses } : {}),
    piDataSubmitted,
  });
  messages.push(...result.messages);
  return {
    reweighted: result.reweighted,
    reasons: result.reasons,
    blockingNpis: result.blockingClinicians.map((b) => b.npi),
    blockingClinicians: result.blockingClinicians,
  };
}

function scoreOutput(score: PiCategoryScore): NonNullable<SubmissionScoreReport["score"]> {
  if (score.shape === "basePerformanceBonus") return { base: score.base, performance: score.performance, bonus: score.bonus, total: score.total };
  return { total: score.total };
}

function scoreOneSet(year: PerformanceYear, set: MeasurementSet, values: ReadonlyMap<string, MeasurementValue> | undefined, at: string, messages: string[]): PiCategoryScore {
  const issues: Issue[] = [];
  if (!set.performanceStart) issues.push({ path: `${at}.performanceStart`, message: "required: the first day of the PI performance period (YYYY-MM-DD)" });
  if (!set.performanceEnd) issues.push({ path: `${at}.performanceEnd`, message: "required: the last day of the PI performance period (YYYY-MM-DD)" });
  if (issues.length > 0) throw badInput(`${at}: the performance period is missing`, issues);
  // parseSubmission has checked everything scorePiCategory's validation would (a supported year, catalog
  // ids and value kinds, whole counts within the denominator, calendar dates inside the year in order, no
  // duplicates; the edition is the schema's or derived from the ID), so the year's rules score it directly.
  // tests/unit/mips/score-submission-fast.test.ts holds the two to the same result.
  const input = new SetScoringInput(year, values ?? measurementsById(set), cehrtEditionOf(set, at, messages), set.performanceStart ?? "", set.performanceEnd ?? "");
  return piRulesFor(year).score(input);
}

/** The per-measure rows of the report: 2019+ every measure that can earn points, 2017-2018 numerator/denominator ones. */
function measureOutputs(score: PiCategoryScore | null): SubmissionMeasureOutput[] {
  const out: SubmissionMeasureOutput[] = [];
  if (!score) return out;
  const performanceBased = score.shape === "performanceBased";
  for (const r of score.measures) {
    const proportion = r.numerator !== null && r.denominator !== null;
    const scoredYesNo = performanceBased && !proportion && (r.maxPoints > 0 || r.kind === "yesNo" || r.excluded === true);
    if (!proportion && !scoredYesNo) continue;
    const row: SubmissionMeasureOutput = {
      measureId: r.measureId,
      numerator: r.numerator,
      denominator: r.denominator,
      points: r.points,
      maxPoints: r.maxPoints,
      title: r.title,
      rate: r.rate ?? "",
      band: performanceBased ? null : (r.band ?? 0),
    };
    if (!proportion && r.value !== null) row.value = r.value;
    if (r.excluded) row.excluded = true;
    if (r.nextBandNumerator !== undefined) row.nextBandNumerator = r.nextBandNumerator;
    out.push(row);
  }
  return out;
}

function yesNoOutputs(score: PiCategoryScore | null): SubmissionYesNoOutput[] {
  const out: SubmissionYesNoOutput[] = [];
  if (!score) return out;
  for (const r of score.measures) {
    if (r.numerator === null) out.push({ measureId: r.measureId, title: r.title, value: r.value, points: r.points, maxPoints: r.maxPoints });
  }
  return out;
}

/**
 * Scores a QPP submission (parsed JSON). Throws BAD_INPUT (every problem with its JSON path) for an
 * invalid submission, or when it has no PI/ACI measurement set and the category is not reweighted.
 */
export function scoreSubmission(json: unknown, source = "submission"): SubmissionScoreReport {
  const { submission: s, piSetValues } = parseSubmissionWithValues(json, source);
  const year = s.performanceYear as PerformanceYear;
  const category = piCategoryName(year);
  const messages: string[] = [];
  if (s.entityType === "individual" && s.nationalProviderIdentifier) {
    const problem = describeNpiProblem(s.nationalProviderIdentifier);
    if (problem) messages.push(`warning: nationalProviderIdentifier: ${problem}; the submission is scored, but this NPI cannot join a roster`);
  }
  const piSets = s.measurementSets
    .map((set, index) => ({ set, at: `measurementSets[${index}]` }))
    .filter((entry): entry is { set: MeasurementSet; at: string } => entry.set.category === category);
  const piDataSubmitted = piSets.some(({ set }) => set.measurements.length > 0);
  const reweighting = reweightingOf(s, piDataSubmitted, messages);
  const report = (score: PiCategoryScore | null): SubmissionScoreReport => ({
    performanceYear: year,
    entityType: s.entityType,
    reweighting,
    measureSet: score?.measureSet ?? null,
    score: score ? scoreOutput(score) : null,
    finalScorePoints: score ? score.finalScorePoints : null,
    measures: measureOutputs(score),
    messages: score ? messages.concat(score.messages) : messages.slice(),
    explanation: score?.explanation ?? [],
    yesNoMeasures: yesNoOutputs(score),
    bonuses: score?.bonuses ?? [],
    performancePeriodDays: score?.performancePeriodDays ?? null,
    assumptions: score?.assumptions ?? [],
    failedPrerequisites: score?.failedPrerequisites ?? [],
  });

  if (reweighting.reweighted) {
    messages.push(`${category} category reweighted to 0% (its weight moves to the other categories as the year's rules say): not scored`);
    return report(null);
  }
  if (piSets.length === 0) {
    // Not reweighted and no PI data: CMS scores the category 0 (the weight stays), with who blocks named.
    const found = s.measurementSets.map((m) => `"${m.category}"`).join(", ") || "none";
    const message = `no "${category}" measurement set for performance year ${year} (found: ${found}) and the category is not reweighted: PI scores 0 ("no data")`;
    messages.push(message);
    const noData: SubmissionScoreReport = { ...report(null), score: { total: 0, noData: true }, finalScorePoints: 0 };
    noData.explanation = [{ rule: "note", points: 0, message }, ...reweighting.reasons.map((r) => ({ rule: "note" as const, points: 0, message: r }))];
    return noData;
  }
  // Several PI sets (e.g. one per submission method): like CMS, score each and keep the highest.
  let best: PiCategoryScore | null = null;
  let bestAt = "";
  for (const { set, at } of piSets) {
    const score = scoreOneSet(year, set, piSetValues.get(set), at, messages);
    if (!best || score.total > best.total) {
      best = score;
      bestAt = at;
    }
  }
  if (piSets.length > 1) messages.push(`${piSets.length} "${category}" measurement sets: kept ${bestAt}, the highest scoring`);
  return report(best);
}
