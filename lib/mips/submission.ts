/**
 * The QPP Submissions API JSON shape (what CMS accepts, what `mips score` reads), as one zod schema, plus
 * the year's catalog checks. Every problem is reported at once with its JSON path.
 *
 * Extensions of ours (documented in the CLI contract): `cehrtEdition` / `cehrtId` on a measurement set, a
 * top-level `clinicians` list used for reweighting, and `groupStatuses` (the group's own special statuses,
 * which reweight a group as a whole from 2025).
 */
import { z } from "zod";
import { badInput, type Issue } from "../errors";
import { PERFORMANCE_YEARS, type PerformanceYear, type PiMeasure, findMeasure, getCatalog, piCategoryName } from "./catalog";
import { yearFacts } from "./years/index";
import { unsupportedYearMessage } from "./years";
import { CEHRT_EDITIONS } from "./identifiers";
import { type IaMeasurementSet, type QualityMeasurementSet, readIaSet, readQualitySet } from "./submission-categories";
import { measurementSetFast, submissionHeaderFast } from "./submission-fast-path";
import { piAcceptanceIssues } from "./submission-rules";

export type { IaMeasurement, IaMeasurementSet, QualityMeasurement, QualityMeasurementSet, QualityValue } from "./submission-categories";

const count = z
  .number({ error: "expected a whole number >= 0" })
  .int("expected a whole number, not a fraction")
  .min(0, "expected a whole number >= 0, not a negative count");

export type ProportionValue = { numerator: number; denominator: number };
/** A yes/no answer or a numerator/denominator count (the scorers' MeasurementValue). */
type MeasurementValue = boolean | ProportionValue;

export const proportionValueSchema = z
  .object({ numerator: count, denominator: count })
  .refine((v) => v.numerator <= v.denominator, {
    message: "numerator must not exceed denominator",
    path: ["numerator"],
  });

/** true/false, or { numerator, denominator }; an object value reports its own field errors. */
const measurementValueSchema = z.unknown().transform((value, ctx): boolean | ProportionValue => {
  if (typeof value === "boolean") return value;
  if (typeof value !== "object" || value === null) {
    ctx.addIssue({ code: "custom", message: "expected true/false or { numerator, denominator }" });
    return z.NEVER;
  }
  const parsed = proportionValueSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
  return z.NEVER;
});

export const measurementSchema = z.object({
  measureId: z.string().min(1, "expected a measure id"),
  value: measurementValueSchema,
});

const isoDate = z.iso.date("expected a date YYYY-MM-DD");

/** The PI (ACI in 2017) measurement set: what scoring reads. */
export const measurementSetSchema = z
  .object({
    category: z.enum(["aci", "pi"]),
    submissionMethod: z.string().optional(),
    performanceStart: isoDate.optional(),
    performanceEnd: isoDate.optional(),
    measurements: z.array(measurementSchema),
    cehrtEdition: z.enum(CEHRT_EDITIONS as [string, ...string[]]).optional(),
    cehrtId: z.string().regex(/^[0-9A-Z]{15}$/, "expected a 15-character CEHRT ID").optional(),
  })
  .passthrough();

export const CLINICIAN_TYPES = [
  "physician",
  "PA",
  "NP",
  "CNS",
  "CRNA",
  "physicalTherapist",
  "occupationalTherapist",
  "speechLanguagePathologist",
  "audiologist",
  "nurseMidwife",
  "clinicalSocialWorker",
  "clinicalPsychologist",
  "registeredDietitian",
  "other",
] as const;
export type ClinicianType = (typeof CLINICIAN_TYPES)[number];

export const HARDSHIP_STATUSES = ["pending", "approved", "dismissed"] as const;
export type HardshipStatus = (typeof HARDSHIP_STATUSES)[number];

export const submissionClinicianSchema = z.object({
  npi: z.string().regex(/^\d{10}$/, "expected a 10-digit NPI"),
  tin: z.string().regex(/^\d{9}$/, "expected a 9-digit TIN").optional(),
  clinicianType: z.enum(CLINICIAN_TYPES),
  nonPatientFacing: z.boolean().optional(),
  hospitalBased: z.boolean().optional(),
  ascBased: z.boolean().optional(),
  hardship: z
    .object({ reason: z.string().min(1), status: z.enum(HARDSHIP_STATUSES) })
    .optional(),
});

export const submissionSchema = z
  .object({
    performanceYear: z.number().int(),
    entityType: z.enum(["individual", "group", "virtualGroup"]),
    taxpayerIdentificationNumber: z.string().regex(/^\d{9}$/, "expected a 9-digit TIN").optional(),
    // Group and virtual group files (CMS's converter, EHRs) often say `null`: the same as absent.
    nationalProviderIdentifier: z.preprocess(
      (npi) => (npi === null ? undefined : npi),
      z.string().regex(/^\d{10}$/, "expected a 10-digit NPI").optional(),
    ),
    entityId: z.string().min(1).optional(),
    // Checked one by one in validateSubmission: PI strictly, quality and IA as findings.
    measurementSets: z.array(z.custom<AnyMeasurementSet>(() => true)),
    clinicians: z.array(submissionClinicianSchema).optional(),
    groupStatuses: z
      .object({ hospitalBased: z.boolean().optional(), nonPatientFacing: z.boolean().optional(), ascBased: z.boolean().optional() })
      .strict()
      .optional(),
  })
  .passthrough();

export type Measurement = z.infer<typeof measurementSchema>;
/** The PI (ACI in 2017) measurement set. */
export type MeasurementSet = z.infer<typeof measurementSetSchema>;
/** Any category's measurement set: PI for scoring, quality and IA kept as data (submission-categories.ts). */
export type AnyMeasurementSet = MeasurementSet | QualityMeasurementSet | IaMeasurementSet;
export type SubmissionClinician = z.infer<typeof submissionClinicianSchema>;
export type Submission = z.infer<typeof submissionSchema>;
export type EntityType = Submission["entityType"];

export function isPiMeasurementSet(set: AnyMeasurementSet): set is MeasurementSet {
  return set.category === "pi" || set.category === "aci";
}

/** `measurementSets[0].measurements[3].value` from zod's path array. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out === "" ? "(root)" : out;
}

export function zodIssues(error: z.ZodError, prefix: readonly PropertyKey[] = []): Issue[] {
  return error.issues.map((i) => ({ path: jsonPath([...prefix, ...i.path]), message: i.message }));
}

function dateInYear(date: string, year: number): boolean {
  return date.startsWith(`${year}-`);
}

type ParsedSubmission = z.infer<typeof submissionSchema>;

/** Year, identifier and entity checks; null year when it is not supported. */
function headerIssues(s: ParsedSubmission, issues: Issue[], findings: Issue[]): PerformanceYear | null {
  if (!PERFORMANCE_YEARS.includes(s.performanceYear as PerformanceYear)) {
    issues.push({ path: "performanceYear", message: unsupportedYearMessage(s.performanceYear) });
    return null;
  }
  const year = s.performanceYear as PerformanceYear;
  if (s.entityType !== "virtualGroup" && !s.taxpayerIdentificationNumber) {
    issues.push({ path: "taxpayerIdentificationNumber", message: "required for individual and group submissions" });
  }
  if (s.entityType === "individual" && !s.nationalProviderIdentifier) {
    issues.push({ path: "nationalProviderIdentifier", message: "required for an individual submission" });
  }
  if (s.entityType !== "individual" && s.nationalProviderIdentifier) {
    findings.push({
      path: "nationalProviderIdentifier",
      message: `a ${s.entityType === "group" ? "group" : "virtual group"} submission carries NPI ${s.nationalProviderIdentifier}: CMS expects null or no NPI for a ${s.entityType}; it is kept but not used`,
    });
  }
  if (s.entityType === "virtualGroup" && !s.entityId) {
    issues.push({ path: "entityId", message: "required for a virtual group submission (the CMS virtual group id)" });
  }
  if (year === 2017 && s.entityType === "virtualGroup") {
    issues.push({ path: "entityType", message: "virtual groups start with performance year 2018" });
  }
  return year;
}

/**
 * Catalog and cross-field checks on a structurally valid PI (ACI) set. `values` receives each measure id's
 * (last) value: the Map scoring reads, so a scoring does not build it a second time.
 */
function piSetIssues(set: MeasurementSet, year: PerformanceYear, at: string, values: Map<string, MeasurementValue>): Issue[] {
  const issues: Issue[] = [];
  const piCategory = piCategoryName(year);
  if (set.category !== piCategory) {
    issues.push({ path: `${at}.category`, message: `"${set.category}" is not the PI category of ${year}: CMS expects "${piCategory}" (ACI was renamed PI from 2018)` });
  }
  const { performanceStart: start, performanceEnd: end } = set;
  if (start && !dateInYear(start, year)) {
    issues.push({ path: `${at}.performanceStart`, message: `${start} is outside performance year ${year}` });
  }
  if (end && !dateInYear(end, year)) {
    issues.push({ path: `${at}.performanceEnd`, message: `${end} is outside performance year ${year}` });
  }
  if (start && end && start > end) {
    issues.push({ path: `${at}.performanceEnd`, message: `performance period ends (${end}) before it starts (${start})` });
  }
  // The duplicate check reads `values`; the acceptance rules read it and each measurement's catalog entry.
  let catalogOk = true;
  const catalog = getCatalog(year);
  const measurements = set.measurements;
  const found: PiMeasure[] = new Array<PiMeasure>(measurements.length);
  for (let mi = 0; mi < measurements.length; mi++) {
    const m = measurements[mi] as Measurement;
    // Paths are built only for a problem (this runs for every measurement of every scoring).
    if (values.has(m.measureId)) {
      issues.push({ path: `${at}.measurements[${mi}].measureId`, message: `measure "${m.measureId}" appears more than once` });
    }
    values.set(m.measureId, m.value);
    const measure = catalog.byId.get(m.measureId);
    if (!measure) {
      catalogOk = false;
      const other = PERFORMANCE_YEARS.find((y) => y !== year && findMeasure(y, m.measureId));
      issues.push({
        path: `${at}.measurements[${mi}].measureId`,
        message: other
          ? `measure "${m.measureId}" belongs to performance year ${other}, not ${year}`
          : `unknown measure "${m.measureId}" for performance year ${year} (category "${piCategory}")`,
      });
      continue;
    }
    found[mi] = measure;
    const isBoolean = typeof m.value === "boolean";
    if (measure.metricType === "boolean" && !isBoolean && !(yearFacts(year).pi?.proportionAcceptedAsYes.includes(m.measureId) ?? false)) {
      issues.push({ path: `${at}.measurements[${mi}].value`, message: `measure "${m.measureId}" is yes/no: expected true or false` });
    }
    if (measure.metricType === "proportion" && isBoolean) {
      issues.push({
        path: `${at}.measurements[${mi}].value`,
        message: `measure "${m.measureId}" is a proportion: expected { numerator, denominator }`,
      });
    }
  }
  if (catalogOk) {
    const acceptance = piAcceptanceIssues(year, set.measurements, at, values, found);
    for (const issue of acceptance) issues.push(issue);
  }
  return issues;
}

function categoryOf(raw: unknown): unknown {
  return typeof raw === "object" && raw !== null && "category" in raw ? (raw as { category: unknown }).category : undefined;
}

export type ValidationResult =
  | {
      ok: true;
      submission: Submission;
      /** Problems that do not block PI (quality and IA data, an NPI on a group file): what CMS will reject. */
      findings: Issue[];
    }
  | { ok: false; issues: Issue[] };

/** A valid submission with each PI set's measurements by id, as validation read them (for scoring). */
export interface SubmissionWithValues {
  submission: Submission;
  /** The measurements by id of each PI (ACI) set of `submission.measurementSets`. */
  piSetValues: ReadonlyMap<MeasurementSet, ReadonlyMap<string, MeasurementValue>>;
}

/**
 * Validates a parsed JSON value as a QPP submission; reports every problem with its JSON path. PI
 * problems refuse the file; quality and IA problems are findings, the offending measurement left out.
 */
export function validateSubmission(input: unknown): ValidationResult {
  return validate(input, null);
}

function validate(input: unknown, piSetValues: Map<MeasurementSet, ReadonlyMap<string, MeasurementValue>> | null): ValidationResult {
  // Well-formed input takes the fast path (the schema's own result, without zod's per-field work);
  // anything it is not sure of goes through the schema, which names every problem.
  let header: ParsedSubmission | null = submissionHeaderFast(input);
  const fast = header !== null;
  const issues: Issue[] = [];
  if (!header) {
    const parsed = submissionSchema.safeParse(input);
    if (parsed.success) header = parsed.data;
    else issues.push(...zodIssues(parsed.error));
  }
  const findings: Issue[] = [];
  // A bad header does not hide the sets' problems: every problem is reported at once.
  const year = header ? headerIssues(header, issues, findings) : looseYear(input);
  if (year === null) return { ok: false, issues };
  const rawSets = header ? (header.measurementSets as unknown[]) : looseSets(input);
  const sets = readSets(rawSets, year, issues, findings, piSetValues);
  if (!header || issues.length > 0) return { ok: false, issues };
  // `nationalProviderIdentifier: null` reads as absent, so the exported file carries no null NPI key.
  if (fast) return { ok: true, submission: withSets(header, sets), findings };
  const { nationalProviderIdentifier: npi, ...rest } = header;
  return { ok: true, submission: { ...rest, ...(npi !== undefined ? { nationalProviderIdentifier: npi } : {}), measurementSets: sets }, findings };
}

/**
 * `{ ...rest, nationalProviderIdentifier?, measurementSets: sets }` of a fast-path header (string keys
 * only) in one copy: its keys in order with the checked sets in place, the NPI (when not absent) last.
 */
function withSets(header: ParsedSubmission, sets: AnyMeasurementSet[]): Submission {
  const out: Record<string, unknown> = {};
  const source = header as Record<string, unknown>;
  for (const key of Object.keys(source)) {
    if (key === "nationalProviderIdentifier") continue;
    out[key] = key === "measurementSets" ? sets : source[key];
  }
  if (header.nationalProviderIdentifier !== undefined) out.nationalProviderIdentifier = header.nationalProviderIdentifier;
  return out as Submission;
}

function looseYear(input: unknown): PerformanceYear | null {
  const year = typeof input === "object" && input !== null ? (input as { performanceYear?: unknown }).performanceYear : undefined;
  return PERFORMANCE_YEARS.includes(year as PerformanceYear) ? (year as PerformanceYear) : null;
}

function looseSets(input: unknown): unknown[] {
  const sets = typeof input === "object" && input !== null ? (input as { measurementSets?: unknown }).measurementSets : undefined;
  return Array.isArray(sets) ? sets : [];
}

/** PI sets strictly (issues), quality and IA sets as findings; unknown categories are issues. */
function readSets(
  rawSets: readonly unknown[],
  year: PerformanceYear,
  issues: Issue[],
  findings: Issue[],
  piSetValues: Map<MeasurementSet, ReadonlyMap<string, MeasurementValue>> | null,
): AnyMeasurementSet[] {
  const piCategory = piCategoryName(year);
  const sets: AnyMeasurementSet[] = [];
  rawSets.forEach((raw, si) => {
    const at = `measurementSets[${si}]`;
    const category = categoryOf(raw);
    if (category === "quality" || category === "ia") {
      const read = category === "quality" ? readQualitySet(raw, year, at) : readIaSet(raw, year, at);
      findings.push(...read.findings);
      if (read.set) sets.push(read.set);
      return;
    }
    if (category === "pi" || category === "aci") {
      let set = measurementSetFast(raw);
      if (!set) {
        const parsed = measurementSetSchema.safeParse(raw);
        if (!parsed.success) {
          issues.push(...zodIssues(parsed.error, ["measurementSets", si]).map((issue) => withMeasureNamed(issue, raw, year)));
          return;
        }
        set = parsed.data;
      }
      const values = new Map<string, MeasurementValue>();
      for (const issue of piSetIssues(set, year, at, values)) issues.push(issue);
      piSetValues?.set(set, values);
      sets.push(set);
      return;
    }
    issues.push({
      path: `${at}.category`,
      message: `${category === undefined ? "no category" : `category ${JSON.stringify(category)}`}: expected "${piCategory}" (Promoting Interoperability), "quality" or "ia"`,
    });
  });
  return sets;
}

/**
 * A value problem inside `measurements[i]` names its measure and the year, so the message alone says what
 * to fix ('measure "PI_EP_1" (2026): numerator must not exceed denominator').
 */
function withMeasureNamed(issue: Issue, raw: unknown, year: PerformanceYear): Issue {
  const match = /\.measurements\[(\d+)\]\.value/.exec(issue.path);
  if (!match) return issue;
  const measurements = (raw as { measurements?: unknown }).measurements;
  const entry = Array.isArray(measurements) ? (measurements[Number(match[1])] as { measureId?: unknown } | undefined) : undefined;
  const id = typeof entry?.measureId === "string" ? entry.measureId : null;
  return id ? { path: issue.path, message: `measure "${id}" (${year}): ${issue.message}` } : issue;
}

/** Like validateSubmission, but throws one BAD_INPUT error holding every issue. */
export function parseSubmission(input: unknown, source = "submission"): Submission {
  return parseSubmissionWithValues(input, source).submission;
}

/** parseSubmission, with each PI set's measurements by id (what scoring reads; built once, by validation). */
export function parseSubmissionWithValues(input: unknown, source = "submission"): SubmissionWithValues {
  const piSetValues = new Map<MeasurementSet, ReadonlyMap<string, MeasurementValue>>();
  const result = validate(input, piSetValues);
  if (result.ok) return { submission: result.submission, piSetValues };
  throw badInput(`${source} is not a valid QPP submission (${result.issues.length} problem(s))`, result.issues);
}

/** The PI (2018) / ACI (2017) measurement set of a submission, if it has one. */
export function piMeasurementSet(s: Submission): MeasurementSet | undefined {
  const year = s.performanceYear as PerformanceYear;
  const category = piCategoryName(year);
  return s.measurementSets.find((set): set is MeasurementSet => set.category === category);
}
