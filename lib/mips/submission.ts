/**
 * The QPP Submissions API JSON shape (what CMS accepts, what `mips score` reads), as one zod schema, plus
 * the year's catalog checks. Every problem is reported at once with its JSON path.
 *
 * Two extensions of ours (documented in the CLI contract): `cehrtEdition` / `cehrtId` on a measurement
 * set, and a top-level `clinicians` list used for reweighting.
 */
import { z } from "zod";
import { badInput, type Issue } from "../errors";
import { PERFORMANCE_YEARS, type PerformanceYear, findMeasure, piCategoryName } from "./catalog";
import { yearFacts } from "./years/index";
import { unsupportedYearMessage } from "./years";
import { CEHRT_EDITIONS } from "./identifiers";

const count = z
  .number({ error: "expected a whole number >= 0" })
  .int("expected a whole number, not a fraction")
  .min(0, "expected a whole number >= 0, not a negative count");

export type ProportionValue = { numerator: number; denominator: number };

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

export const measurementSetSchema = z
  .object({
    category: z.string(),
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
    nationalProviderIdentifier: z.string().regex(/^\d{10}$/, "expected a 10-digit NPI").optional(),
    entityId: z.string().min(1).optional(),
    measurementSets: z.array(measurementSetSchema),
    clinicians: z.array(submissionClinicianSchema).optional(),
  })
  .passthrough();

export type Measurement = z.infer<typeof measurementSchema>;
export type MeasurementSet = z.infer<typeof measurementSetSchema>;
export type SubmissionClinician = z.infer<typeof submissionClinicianSchema>;
export type Submission = z.infer<typeof submissionSchema>;
export type EntityType = Submission["entityType"];

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

/** Catalog and cross-field checks on a structurally valid submission. */
function semanticIssues(s: Submission): Issue[] {
  const issues: Issue[] = [];
  if (!PERFORMANCE_YEARS.includes(s.performanceYear as PerformanceYear)) {
    issues.push({ path: "performanceYear", message: unsupportedYearMessage(s.performanceYear) });
    return issues;
  }
  const year = s.performanceYear as PerformanceYear;
  if (s.entityType !== "virtualGroup" && !s.taxpayerIdentificationNumber) {
    issues.push({ path: "taxpayerIdentificationNumber", message: "required for individual and group submissions" });
  }
  if (s.entityType === "individual" && !s.nationalProviderIdentifier) {
    issues.push({ path: "nationalProviderIdentifier", message: "required for an individual submission" });
  }
  if (s.entityType === "virtualGroup" && !s.entityId) {
    issues.push({ path: "entityId", message: "required for a virtual group submission (the CMS virtual group id)" });
  }
  if (year === 2017 && s.entityType === "virtualGroup") {
    issues.push({ path: "entityType", message: "virtual groups start with performance year 2018" });
  }
  const piCategory = piCategoryName(year);
  s.measurementSets.forEach((set, si) => {
    if (set.category !== piCategory) return; // other categories (quality, ia) are not ours to check
    const at = `measurementSets[${si}]`;
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
    const seen = new Set<string>();
    set.measurements.forEach((m, mi) => {
      const where = `${at}.measurements[${mi}]`;
      if (seen.has(m.measureId)) {
        issues.push({ path: `${where}.measureId`, message: `measure "${m.measureId}" appears more than once` });
      }
      seen.add(m.measureId);
      const measure = findMeasure(year, m.measureId);
      if (!measure) {
        const other = PERFORMANCE_YEARS.find((y) => y !== year && findMeasure(y, m.measureId));
        issues.push({
          path: `${where}.measureId`,
          message: other
            ? `measure "${m.measureId}" belongs to performance year ${other}, not ${year}`
            : `unknown measure "${m.measureId}" for performance year ${year} (category "${piCategory}")`,
        });
        return;
      }
      const isBoolean = typeof m.value === "boolean";
      if (measure.metricType === "boolean" && !isBoolean && !(yearFacts(year).pi?.proportionAcceptedAsYes.includes(m.measureId) ?? false)) {
        issues.push({ path: `${where}.value`, message: `measure "${m.measureId}" is yes/no: expected true or false` });
      }
      if (measure.metricType === "proportion" && isBoolean) {
        issues.push({
          path: `${where}.value`,
          message: `measure "${m.measureId}" is a proportion: expected { numerator, denominator }`,
        });
      }
    });
  });
  return issues;
}

export type ValidationResult =
  | { ok: true; submission: Submission }
  | { ok: false; issues: Issue[] };

/** Validates a parsed JSON value as a QPP submission; reports every problem with its JSON path. */
export function validateSubmission(input: unknown): ValidationResult {
  const parsed = submissionSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error) };
  const issues = semanticIssues(parsed.data);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, submission: parsed.data };
}

/** Like validateSubmission, but throws one BAD_INPUT error holding every issue. */
export function parseSubmission(input: unknown, source = "submission"): Submission {
  const result = validateSubmission(input);
  if (result.ok) return result.submission;
  throw badInput(`${source} is not a valid QPP submission (${result.issues.length} problem(s))`, result.issues);
}

/** The PI (2018) / ACI (2017) measurement set of a submission, if it has one. */
export function piMeasurementSet(s: Submission): MeasurementSet | undefined {
  const year = s.performanceYear as PerformanceYear;
  return s.measurementSets.find((set) => set.category === piCategoryName(year));
}
