/**
 * Quality and Improvement Activities (IA) measurement sets of a QPP Submissions API file, kept as data so a
 * vendor's complete file imports whole and is exported as it came in. Scoring stays PI: a problem in one of
 * these sets is a finding with its JSON path (what CMS will reject), never a refusal of the file, and the
 * measurement CMS would reject is left out of the kept set (the rest of the set is kept).
 *
 * Shapes (QPP Submissions API, measurements of category "quality"):
 * - proportion measures: `{ isEndToEndReported, performanceMet, performanceNotMet, eligiblePopulation,
 *   eligiblePopulationExclusion?, eligiblePopulationException? }`, CMS's converter writing
 *   eligiblePopulation = denominator and performanceNotMet = denominator - numerator - exclusions - exceptions;
 * - multi-rate measures: `{ isEndToEndReported, strata: [{ ...the same counts, stratum }] }`;
 * - yes/no quality measures (registry/claims style): `true` / `false`.
 * IA measurements are `true` / `false` for an activity id of the year's IA catalog (ia-catalog.ts).
 */
import { z } from "zod";
import type { Issue } from "../errors";
import { findIaActivity } from "./ia-catalog";
import type { PerformanceYear } from "./years";

const count = z
  .number({ error: "expected a whole number >= 0" })
  .int("expected a whole number, not a fraction")
  .min(0, "expected a whole number >= 0, not a negative count");

const isoDate = z.iso.date("expected a date YYYY-MM-DD");

const performanceCounts = {
  performanceMet: count,
  performanceNotMet: count,
  eligiblePopulation: count,
  eligiblePopulationExclusion: count.optional(),
  eligiblePopulationException: count.optional(),
};

type Counts = {
  performanceMet: number;
  performanceNotMet: number;
  eligiblePopulation: number;
  eligiblePopulationExclusion?: number | undefined;
  eligiblePopulationException?: number | undefined;
};

/** CMS: met + not met + exclusions + exceptions cannot exceed the eligible population (the denominator). */
function countsFit(v: Counts, ctx: z.RefinementCtx): void {
  const sum = v.performanceMet + v.performanceNotMet + (v.eligiblePopulationExclusion ?? 0) + (v.eligiblePopulationException ?? 0);
  if (sum > v.eligiblePopulation) {
    ctx.addIssue({
      code: "custom",
      path: ["eligiblePopulation"],
      message: `performanceMet + performanceNotMet + eligiblePopulationExclusion + eligiblePopulationException is ${sum}, more than eligiblePopulation ${v.eligiblePopulation}: CMS expects the parts to fit in the eligible population`,
    });
  }
}

const stratumSchema = z.object({ ...performanceCounts, stratum: z.string().min(1, "expected the stratum's name") }).passthrough().superRefine(countsFit);

export const qualityValueSchema = z.union([
  z.boolean(),
  z.object({ isEndToEndReported: z.boolean().optional(), strata: z.array(stratumSchema).min(1, "expected at least one stratum") }).passthrough(),
  z.object({ isEndToEndReported: z.boolean().optional(), ...performanceCounts }).passthrough().superRefine(countsFit),
]);
export type QualityValue = z.infer<typeof qualityValueSchema>;

export const qualityMeasurementSchema = z.object({ measureId: z.string().min(1, "expected a quality measure id"), value: qualityValueSchema }).passthrough();
export type QualityMeasurement = z.infer<typeof qualityMeasurementSchema>;

const setFields = {
  submissionMethod: z.string().optional(),
  performanceStart: isoDate.optional(),
  performanceEnd: isoDate.optional(),
};

export const iaMeasurementSchema = z.object({ measureId: z.string().min(1, "expected an improvement activity id"), value: z.boolean({ error: "expected true or false" }) }).passthrough();
export type IaMeasurement = z.infer<typeof iaMeasurementSchema>;

// Measurements are checked one by one below (a bad one is a finding, not a refusal of the set).
const qualitySetSchema = z.object({ category: z.literal("quality"), ...setFields, measurements: z.array(z.custom<QualityMeasurement>(() => true)) }).passthrough();
const iaSetSchema = z.object({ category: z.literal("ia"), ...setFields, measurements: z.array(z.custom<IaMeasurement>(() => true)) }).passthrough();

export type QualityMeasurementSet = z.infer<typeof qualitySetSchema>;
export type IaMeasurementSet = z.infer<typeof iaSetSchema>;

function issuesOf(error: z.ZodError, at: string): Issue[] {
  return error.issues.map((i) => ({
    path: [at, ...i.path.map((k) => (typeof k === "number" ? `[${k}]` : `.${String(k)}`))].join("").replace(/\.\[/g, "["),
    message: i.message,
  }));
}

function periodFindings(set: { performanceStart?: string | undefined; performanceEnd?: string | undefined }, year: number, at: string): Issue[] {
  const out: Issue[] = [];
  for (const key of ["performanceStart", "performanceEnd"] as const) {
    const date = set[key];
    if (date && !date.startsWith(`${year}-`)) out.push({ path: `${at}.${key}`, message: `${date} is outside performance year ${year}: CMS expects the period inside the year` });
  }
  if (set.performanceStart && set.performanceEnd && set.performanceStart > set.performanceEnd) {
    out.push({ path: `${at}.performanceEnd`, message: `the period ends (${set.performanceEnd}) before it starts (${set.performanceStart})` });
  }
  return out;
}

export interface CategoryRead<T> {
  /** The set as kept: null when its shape is unusable (then `findings` says why). */
  set: T | null;
  findings: Issue[];
}

/** A quality set: every measurement checked; bad or duplicate ones become findings and are left out. */
export function readQualitySet(raw: unknown, year: PerformanceYear, at: string): CategoryRead<QualityMeasurementSet> {
  const parsed = qualitySetSchema.safeParse(raw);
  if (!parsed.success) return { set: null, findings: issuesOf(parsed.error, at) };
  const findings = periodFindings(parsed.data, year, at);
  const seen = new Set<string>();
  const measurements: QualityMeasurement[] = [];
  parsed.data.measurements.forEach((m, i) => {
    const where = `${at}.measurements[${i}]`;
    const one = qualityMeasurementSchema.safeParse(m);
    if (!one.success) {
      findings.push(...issuesOf(one.error, where).map((f) => ({ ...f, message: `${f.message} (CMS will reject this quality measurement; PI is not affected)` })));
      return;
    }
    if (seen.has(one.data.measureId)) {
      findings.push({ path: `${where}.measureId`, message: `quality measure "${one.data.measureId}" appears more than once: CMS accepts each measure once per set; this one is left out` });
      return;
    }
    seen.add(one.data.measureId);
    measurements.push(one.data);
  });
  return { set: { ...parsed.data, measurements }, findings };
}

/** An IA set: each activity must be true/false and an activity of the year's IA catalog. */
export function readIaSet(raw: unknown, year: PerformanceYear, at: string): CategoryRead<IaMeasurementSet> {
  const parsed = iaSetSchema.safeParse(raw);
  if (!parsed.success) return { set: null, findings: issuesOf(parsed.error, at) };
  const findings = periodFindings(parsed.data, year, at);
  const seen = new Set<string>();
  const measurements: IaMeasurement[] = [];
  parsed.data.measurements.forEach((m, i) => {
    const where = `${at}.measurements[${i}]`;
    const one = iaMeasurementSchema.safeParse(m);
    if (!one.success) {
      findings.push(...issuesOf(one.error, where));
      return;
    }
    const { measureId } = one.data;
    if (!findIaActivity(year, measureId)) {
      findings.push({ path: `${where}.measureId`, message: `"${measureId}" is not an improvement activity of CMS's ${year} catalog: CMS will reject it; it is left out` });
      return;
    }
    if (seen.has(measureId)) {
      findings.push({ path: `${where}.measureId`, message: `improvement activity "${measureId}" appears more than once; it is kept once` });
      return;
    }
    seen.add(measureId);
    measurements.push(one.data);
  });
  return { set: { ...parsed.data, measurements }, findings };
}
