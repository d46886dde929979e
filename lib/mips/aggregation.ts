/**
 * Multi-vendor aggregation: several PI submissions for one TIN (one per vendor file, individual or
 * group-level) become one group submission, with lineage. Pure: no I/O, deterministic.
 * Rules: ../shared/domain/mips-rules.md 6.7 (combine every clinician and every CEHRT product of the TIN,
 * sum numerators and denominators; SRA must cover every CEHRT; public health yes if any clinician is
 * engaged; one performance period; group exclusions only when the group as a whole qualifies).
 */
import { type Issue, badInput } from "../errors";
import { type MeasureSetId, type PerformanceYear, type PiMeasure, getCatalog, isPerformanceYear, piCategoryName } from "./catalog";
import { type CehrtEdition, cehrtEditionFromId } from "./identifiers";
import {
  type Contribution,
  type Lineage,
  type MeasureLineage,
  type MeasureValue,
  type SourceLineage,
  showValue,
} from "./lineage";
import {
  type Measurement,
  type MeasurementSet,
  type Submission,
  type SubmissionClinician,
  piMeasurementSet,
  validateSubmission,
} from "./submission";

export interface AggregationSource {
  /** The vendor file's name (or the app's label for the stored report); unique among the sources. */
  sourceName: string;
  submission: Submission;
}

export interface AggregationWarning {
  /** Sources the warning is about (empty: the whole aggregation). */
  sources: string[];
  measureId?: string;
  message: string;
}

export interface AggregationResult {
  /** One group (or virtual group) submission, ready for `mips score`. */
  submission: Submission;
  lineage: Lineage;
  warnings: AggregationWarning[];
}

/** Rules 6.3: each exclusion applies below 100 (prescriptions, transitions, referrals) in the period. */
const EXCLUSION_THRESHOLD = 100;

interface PreparedSource {
  name: string;
  submission: Submission;
  set: MeasurementSet;
  values: Map<string, MeasureValue>;
}

function refuse(message: string, issues: Issue[]): never {
  throw badInput(message, issues);
}

/** The fact every source must share (year, TIN, period): refuse, naming each file and its value. */
function requireSame(sources: PreparedSource[], what: string, valueOf: (s: PreparedSource) => string): string {
  const first = sources[0];
  const expected = first ? valueOf(first) : "";
  if (sources.some((s) => valueOf(s) !== expected)) {
    refuse(
      `cannot aggregate sources with different ${what}s: ${sources.map((s) => `${s.name} (${valueOf(s)})`).join(", ")}`,
      sources.map((s) => ({ path: s.name, message: `${what} ${valueOf(s)}` })),
    );
  }
  return expected;
}

function prepare(sources: readonly AggregationSource[]): PreparedSource[] {
  if (sources.length === 0) throw badInput("nothing to aggregate: give at least one source");
  const names = new Set<string>();
  const issues: Issue[] = [];
  const prepared: PreparedSource[] = [];
  for (const { sourceName, submission } of sources) {
    if (names.has(sourceName)) issues.push({ path: sourceName, message: "given twice; its data would be counted twice" });
    names.add(sourceName);
    // The app may hand over stored submissions: check them with the one validator, naming the source.
    const valid = validateSubmission(submission);
    if (!valid.ok) {
      for (const issue of valid.issues) issues.push({ path: `${sourceName}: ${issue.path}`, message: issue.message });
      continue;
    }
    const year = submission.performanceYear;
    const set = isPerformanceYear(year) ? piMeasurementSet(submission) : undefined;
    if (!isPerformanceYear(year)) {
      issues.push({ path: sourceName, message: `performance year ${year} is not supported (2017 or 2018)` });
    } else if (!set) {
      issues.push({ path: sourceName, message: `has no "${piCategoryName(year)}" measurement set to aggregate` });
    } else {
      if (!set.performanceStart || !set.performanceEnd) {
        issues.push({ path: sourceName, message: "has no performance period (performanceStart/performanceEnd); the group's period cannot be checked" });
      }
      prepared.push({
        name: sourceName,
        submission,
        set,
        values: new Map(set.measurements.map((m: Measurement) => [m.measureId, m.value])),
      });
    }
  }
  if (issues.length > 0) refuse(`cannot aggregate (${issues.length} problem(s))`, issues);
  return prepared;
}

/** Rules 6.7: one group = one TIN; a virtual group = one virtual group id (its data spans member TINs). */
function groupEntity(sources: PreparedSource[]): Pick<Submission, "entityType" | "taxpayerIdentificationNumber" | "entityId"> {
  const virtual = sources.filter((s) => s.submission.entityType === "virtualGroup");
  if (virtual.length > 0 && virtual.length < sources.length) {
    refuse(
      `cannot aggregate a virtual group's report with TIN reports: ${virtual.map((s) => s.name).join(", ")} ${virtual.length === 1 ? "is a virtual group report" : "are virtual group reports"}, ${sources
        .filter((s) => s.submission.entityType !== "virtualGroup")
        .map((s) => s.name)
        .join(", ")} not`,
      sources.map((s) => ({ path: s.name, message: `entityType ${s.submission.entityType}` })),
    );
  }
  if (virtual.length > 0) {
    const entityId = requireSame(sources, "virtual group id", (s) => s.submission.entityId ?? "(none)");
    return { entityType: "virtualGroup", entityId };
  }
  const tin = requireSame(sources, "TIN", (s) => s.submission.taxpayerIdentificationNumber ?? "(none)");
  return { entityType: "group", taxpayerIdentificationNumber: tin };
}

function sourceEdition(set: MeasurementSet): CehrtEdition | null {
  if (set.cehrtEdition) return set.cehrtEdition as CehrtEdition;
  return set.cehrtId ? cehrtEditionFromId(set.cehrtId) : null;
}

/**
 * The group's CEHRT edition: 2015 when every source is 2015 Edition, 2014 when every one is 2014, else
 * 2014/2015. A source whose edition is unknown blocks any claim that the group is 2015-only (which earns
 * the 2018 bonus); the mix is still claimed when the known sources already show both editions.
 */
function combineEditions(sources: PreparedSource[], warnings: AggregationWarning[]): Lineage["cehrtEdition"] {
  const editions = sources.map((s) => sourceEdition(s.set));
  const unknown = sources.filter((_, i) => editions[i] === null).map((s) => s.name);
  const has2014 = editions.some((e) => e === "2014" || e === "2014/2015");
  const has2015 = editions.some((e) => e === "2015" || e === "2014/2015");
  if (unknown.length > 0) {
    warnings.push({
      sources: unknown,
      message: `${unknown.join(", ")} ${unknown.length === 1 ? "states" : "state"} no CEHRT edition (no cehrtEdition, and no cehrtId it can be derived from); the group is not claimed as 2015 Edition only`,
    });
    if (has2014 && has2015) return { value: "2014/2015", explanation: "known sources use both 2014 and 2015 Edition CEHRT" };
    return { value: null, explanation: `unknown: ${unknown.join(", ")} ${unknown.length === 1 ? "states" : "state"} no edition` };
  }
  if (has2014 && has2015) return { value: "2014/2015", explanation: "sources use both 2014 and 2015 Edition CEHRT (or a mix)" };
  if (has2015) return { value: "2015", explanation: "every source uses 2015 Edition CEHRT" };
  return { value: "2014", explanation: "every source uses 2014 Edition CEHRT" };
}

/** Sets (pi / transition) a source reports, judged by measures that belong to one set only. */
function setsReported(source: PreparedSource, year: PerformanceYear): Set<MeasureSetId> {
  const catalog = getCatalog(year);
  const sets = new Set<MeasureSetId>();
  for (const id of source.values.keys()) {
    const measure = catalog.byId.get(id);
    if (measure && measure.measureSets.length === 1 && measure.measureSets[0]) sets.add(measure.measureSets[0]);
  }
  return sets;
}

function contributions(sources: PreparedSource[], measureId: string): { given: Contribution[]; missing: string[] } {
  const given: Contribution[] = [];
  const missing: string[] = [];
  for (const s of sources) {
    const value = s.values.get(measureId);
    if (value === undefined) missing.push(s.name);
    else given.push({ sourceName: s.name, value });
  }
  return { given, missing };
}

function listed(given: Contribution[]): string {
  return given.map((c) => `${c.sourceName} ${showValue(c.value)}`).join(", ");
}

function sumOf(given: Contribution[]): { numerator: number; denominator: number } {
  let numerator = 0;
  let denominator = 0;
  for (const c of given) {
    if (typeof c.value !== "boolean") {
      numerator += c.value.numerator;
      denominator += c.value.denominator;
    }
  }
  return { numerator, denominator };
}

interface Context {
  sources: PreparedSource[];
  year: PerformanceYear;
  setsBySource: Map<string, Set<MeasureSetId>>;
  warnings: AggregationWarning[];
}

type Combined = Omit<MeasureLineage, "measureId" | "contributions" | "notReportedBy">;

function combineProportion(given: Contribution[]): Combined {
  const sum = sumOf(given);
  return { rule: "sum", value: sum, explanation: `sum of ${listed(given)} = ${showValue(sum)}` };
}

function combineSecurityRiskAnalysis(measure: PiMeasure, given: Contribution[], missing: string[], ctx: Context): Combined {
  // The analysis must cover every CEHRT in use (6.7): a source reporting this set without the SRA is a "no".
  const set = measure.measureSets[0];
  const silent = missing.filter((name) => set !== undefined && ctx.setsBySource.get(name)?.has(set));
  const saidNo = given.filter((c) => c.value === false).map((c) => c.sourceName);
  if (silent.length > 0) {
    ctx.warnings.push({
      sources: silent,
      measureId: measure.measureId,
      message: `${silent.join(", ")} ${silent.length === 1 ? "does" : "do"} not report the Security Risk Analysis ${measure.measureId}; it must cover every CEHRT in use, so the group answers no`,
    });
  }
  const value = saidNo.length === 0 && silent.length === 0;
  const why = value
    ? `every source says yes (${listed(given)})`
    : [saidNo.length > 0 ? `${saidNo.join(", ")} said no` : "", silent.length > 0 ? `${silent.join(", ")} did not report it` : ""]
        .filter(Boolean)
        .join("; ");
  return { rule: "everyYes", value, explanation: `yes only if every source (CEHRT) says yes: ${why}` };
}

function combineAnyYes(given: Contribution[]): Combined {
  const yes = given.filter((c) => c.value === true).map((c) => c.sourceName);
  return {
    rule: "anyYes",
    value: yes.length > 0,
    explanation: yes.length > 0 ? `yes because ${yes.join(", ")} said yes` : `no source said yes (${listed(given)})`,
  };
}

function combineAttestation(given: Contribution[]): Combined {
  const no = given.filter((c) => c.value === false).map((c) => c.sourceName);
  const yes = given.filter((c) => c.value === true).map((c) => c.sourceName);
  const value = no.length === 0 && yes.length > 0;
  return {
    rule: "noneNoSomeYes",
    value,
    explanation: value ? `yes: no source said no, ${yes.join(", ")} said yes` : `no because ${no.join(", ")} said no`,
  };
}

/**
 * Exclusions (6.7, 6.3): the group claims one only if every source reporting the measure or its exclusion
 * claims it; otherwise the exclusion is dropped and the measure's numbers are summed.
 */
function combineExclusion(measure: PiMeasure, given: Contribution[], ctx: Context): Combined {
  const excused = measure.excludesMeasureId;
  const reporters = ctx.sources.filter((s) => s.values.has(measure.measureId) || (excused !== null && s.values.has(excused)));
  const claimers = reporters.filter((s) => s.values.get(measure.measureId) === true).map((s) => s.name);
  const others = reporters.filter((s) => s.values.get(measure.measureId) !== true).map((s) => s.name);
  if (claimers.length === 0) {
    return { rule: "everyClaims", value: false, explanation: `not claimed by any source (${listed(given)})` };
  }
  if (others.length > 0) {
    ctx.warnings.push({
      sources: [...claimers, ...others],
      measureId: measure.measureId,
      message: `exclusion ${measure.measureId} is claimed by ${claimers.join(", ")} but not by ${others.join(", ")}; the group does not claim it and ${excused ?? "the measure"} is summed instead`,
    });
    return {
      rule: "everyClaims",
      value: null,
      explanation: `dropped: claimed by ${claimers.join(", ")} but not by ${others.join(", ")}, which report ${excused ?? "the measure"}`,
    };
  }
  if (excused !== null) {
    const sum = sumOf(contributions(ctx.sources, excused).given);
    if (sum.denominator >= EXCLUSION_THRESHOLD) {
      ctx.warnings.push({
        sources: claimers,
        measureId: measure.measureId,
        message: `exclusion ${measure.measureId} is claimed by every source, but the group's ${excused} denominator is ${sum.denominator}; the exclusion needs fewer than ${EXCLUSION_THRESHOLD} for the group as a whole (6.7)`,
      });
    }
  }
  return { rule: "everyClaims", value: true, explanation: `claimed by every source that reports ${excused ?? "it"} (${claimers.join(", ")})` };
}

function combineMeasure(measure: PiMeasure, given: Contribution[], missing: string[], ctx: Context): Combined {
  switch (measure.kind) {
    case "proportion":
      return combineProportion(given);
    case "securityRiskAnalysis":
      return combineSecurityRiskAnalysis(measure, given, missing, ctx);
    case "registry":
    case "iaBonus":
    case "yesNo":
      return combineAnyYes(given);
    case "attestation":
      return combineAttestation(given);
    case "exclusion":
      return combineExclusion(measure, given, ctx);
  }
}

function mergeClinicians(sources: PreparedSource[], warnings: AggregationWarning[]): SubmissionClinician[] | undefined {
  const byKey = new Map<string, { clinician: SubmissionClinician; source: string }>();
  for (const s of sources) {
    for (const c of s.submission.clinicians ?? []) {
      const key = `${c.tin ?? ""}/${c.npi}`;
      const earlier = byKey.get(key);
      if (!earlier) byKey.set(key, { clinician: c, source: s.name });
      else if (JSON.stringify(earlier.clinician) !== JSON.stringify(c)) {
        warnings.push({
          sources: [earlier.source, s.name],
          message: `clinician ${c.npi} is described differently by ${earlier.source} and ${s.name}; the first is kept`,
        });
      }
    }
  }
  return byKey.size > 0 ? [...byKey.values()].map((v) => v.clinician) : undefined;
}

function sourceLineage(s: PreparedSource): SourceLineage {
  const sub = s.submission;
  return {
    sourceName: s.name,
    entityType: sub.entityType,
    ...(sub.taxpayerIdentificationNumber ? { taxpayerIdentificationNumber: sub.taxpayerIdentificationNumber } : {}),
    ...(sub.nationalProviderIdentifier ? { nationalProviderIdentifier: sub.nationalProviderIdentifier } : {}),
    ...(sub.entityId ? { entityId: sub.entityId } : {}),
    ...(s.set.cehrtId ? { cehrtId: s.set.cehrtId } : {}),
    cehrtEdition: sourceEdition(s.set),
    measureCount: s.set.measurements.length,
  };
}

function otherWarnings(sources: PreparedSource[], ctx: Context): void {
  if (sources.length === 1 && sources[0]) {
    ctx.warnings.push({
      sources: [sources[0].name],
      message: "only one source: its data stands for the whole TIN; a group must include every clinician's data from every CEHRT it uses (6.7)",
    });
  }
  const setNames = sources.map((s) => [...(ctx.setsBySource.get(s.name) ?? [])].sort().join("+") || "none");
  if (new Set(setNames).size > 1) {
    ctx.warnings.push({
      sources: sources.map((s) => s.name),
      message: `sources report different measure sets (${sources.map((s, i) => `${s.name}: ${setNames[i]}`).join(", ")}); measures are combined per id, so each set holds only the data of the sources reporting it`,
    });
  }
  for (let i = 0; i < sources.length; i++) {
    for (let j = 0; j < i; j++) {
      const a = sources[j];
      const b = sources[i];
      if (a && b && a.submission.nationalProviderIdentifier === b.submission.nationalProviderIdentifier &&
          JSON.stringify(a.set.measurements) === JSON.stringify(b.set.measurements)) {
        ctx.warnings.push({
          sources: [a.name, b.name],
          message: `${b.name} holds exactly the same data as ${a.name}; if it is the same export twice, remove one (both are summed)`,
        });
      }
    }
  }
  const methods = new Set(sources.map((s) => s.set.submissionMethod ?? ""));
  if (methods.size > 1) {
    ctx.warnings.push({
      sources: sources.map((s) => s.name),
      message: `sources were submitted by different methods (${[...methods].map((m) => m || "unstated").join(", ")}); the group set states none`,
    });
  }
}

/** Aggregates the sources into one group submission for their TIN (or virtual group), with lineage. */
export function aggregateSubmissions(sources: readonly AggregationSource[]): AggregationResult {
  const prepared = prepare(sources);
  const year = Number(requireSame(prepared, "performance year", (s) => String(s.submission.performanceYear))) as PerformanceYear;
  const entity = groupEntity(prepared);
  requireSame(prepared, "performance period", (s) => `${s.set.performanceStart ?? "?"}..${s.set.performanceEnd ?? "?"}`);
  const first = prepared[0];
  if (!first) throw badInput("nothing to aggregate: give at least one source");

  const warnings: AggregationWarning[] = [];
  const ctx: Context = {
    sources: prepared,
    year,
    setsBySource: new Map(prepared.map((s) => [s.name, setsReported(s, year)])),
    warnings,
  };
  otherWarnings(prepared, ctx);

  const measures: MeasureLineage[] = [];
  const measurements: Measurement[] = [];
  for (const measure of getCatalog(year).measures) {
    const { given, missing } = contributions(prepared, measure.measureId);
    if (given.length === 0) continue;
    const combined = combineMeasure(measure, given, missing, ctx);
    measures.push({ measureId: measure.measureId, ...combined, contributions: given, notReportedBy: missing });
    if (combined.value !== null) measurements.push({ measureId: measure.measureId, value: combined.value });
  }

  const cehrtEdition = combineEditions(prepared, warnings);
  const cehrtIds = new Set(prepared.map((s) => s.set.cehrtId));
  const sharedCehrtId = cehrtIds.size === 1 ? first.set.cehrtId : undefined;
  const methods = new Set(prepared.map((s) => s.set.submissionMethod));
  const set: MeasurementSet = {
    category: piCategoryName(year),
    ...(methods.size === 1 && first.set.submissionMethod ? { submissionMethod: first.set.submissionMethod } : {}),
    performanceStart: first.set.performanceStart,
    performanceEnd: first.set.performanceEnd,
    measurements,
    ...(cehrtEdition.value ? { cehrtEdition: cehrtEdition.value } : {}),
    ...(sharedCehrtId ? { cehrtId: sharedCehrtId } : {}),
  };
  const clinicians = mergeClinicians(prepared, warnings);
  const submission: Submission = {
    performanceYear: year,
    ...entity,
    measurementSets: [set],
    ...(clinicians ? { clinicians } : {}),
  };
  const checked = validateSubmission(submission);
  if (!checked.ok) {
    // Sources were valid, so this means a rule above is wrong; say so rather than emit a bad submission.
    throw badInput("the aggregated submission is not valid (a defect in aggregation; please report it)", checked.issues);
  }
  return {
    submission: checked.submission,
    lineage: { sources: prepared.map(sourceLineage), cehrtEdition, measures },
    warnings,
  };
}
