/**
 * A fast path for the zod schemas of `submission.ts` on the inputs they accept: plain JSON objects of the
 * expected shape. Each function returns exactly what the schema's `safeParse(...).data` would (the same
 * keys in the same order, new objects where zod builds new ones, the same values), or null whenever it
 * is not sure the schema would accept the input; the caller then runs the schema, which reports the
 * problems with their messages. So a valid submission skips zod's per-field work (most of the time of a
 * scoring), and an invalid one is refused exactly as before. tests/unit/mips/submission-fast-path.test.ts
 * compares both on random valid and broken inputs.
 */
import { z } from "zod";
import { CEHRT_EDITIONS } from "./identifiers";
import { CLINICIAN_TYPES, HARDSHIP_STATUSES, type Measurement, type MeasurementSet, type Submission, type SubmissionClinician } from "./submission";

// The very patterns of the schemas (zod's own date pattern for `z.iso.date()`).
const ISO_DATE = z.regexes.date;
const TIN = /^\d{9}$/;
const NPI = /^\d{10}$/;
const CEHRT_ID = /^[0-9A-Z]{15}$/;

const ENTITY_TYPES: ReadonlySet<unknown> = new Set(["individual", "group", "virtualGroup"]);
const EDITIONS: ReadonlySet<unknown> = new Set(CEHRT_EDITIONS);
// Built on first use: submission.ts, which defines the lists, imports this file.
let clinicianTypes: ReadonlySet<unknown> | null = null;
let hardshipStatuses: ReadonlySet<unknown> | null = null;

const HEADER_KEYS: ReadonlySet<string> = new Set([
  "performanceYear",
  "entityType",
  "taxpayerIdentificationNumber",
  "nationalProviderIdentifier",
  "entityId",
  "measurementSets",
  "clinicians",
  "groupStatuses",
]);
const SET_KEYS: ReadonlySet<string> = new Set(["category", "submissionMethod", "performanceStart", "performanceEnd", "measurements", "cehrtEdition", "cehrtId"]);

type Plain = Record<string, unknown>;

/** A plain object literal (what JSON.parse builds); anything else goes to zod. */
function plain(value: unknown): value is Plain {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  return Object.getPrototypeOf(value) === Object.prototype;
}

/**
 * An own key whose value is undefined (absent and undefined differ in zod's output), or an own
 * `__proto__` key (JSON.parse makes one; copying it by assignment would set the copy's prototype): left to zod.
 */
function hasUndefined(o: Plain, keys: readonly string[]): boolean {
  for (const k of keys) if (o[k] === undefined || k === "__proto__") return true;
  return false;
}

function isCount(v: unknown): v is number {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
}

/** `measurementSchema`: { measureId, value } with value true/false or { numerator <= denominator }. */
function measurementFast(raw: unknown): Measurement | null {
  if (!plain(raw)) return null;
  const measureId = raw.measureId;
  const value = raw.value;
  if (typeof measureId !== "string" || measureId.length < 1) return null;
  if (typeof value === "boolean") return { measureId, value };
  if (!plain(value)) return null;
  const numerator = value.numerator;
  const denominator = value.denominator;
  if (!isCount(numerator) || !isCount(denominator) || numerator > denominator) return null;
  return { measureId, value: { numerator, denominator } };
}

/** `measurementSetSchema.safeParse(raw).data`, or null. */
export function measurementSetFast(raw: unknown): MeasurementSet | null {
  if (!plain(raw)) return null;
  const keys = Object.keys(raw);
  if (hasUndefined(raw, keys)) return null;
  const { category, submissionMethod, performanceStart, performanceEnd, measurements, cehrtEdition, cehrtId } = raw;
  if (category !== "aci" && category !== "pi") return null;
  if (submissionMethod !== undefined && typeof submissionMethod !== "string") return null;
  if (performanceStart !== undefined && !(typeof performanceStart === "string" && ISO_DATE.test(performanceStart))) return null;
  if (performanceEnd !== undefined && !(typeof performanceEnd === "string" && ISO_DATE.test(performanceEnd))) return null;
  if (!Array.isArray(measurements)) return null;
  if (cehrtEdition !== undefined && !EDITIONS.has(cehrtEdition)) return null;
  if (cehrtId !== undefined && !(typeof cehrtId === "string" && CEHRT_ID.test(cehrtId))) return null;
  const parsed: Measurement[] = new Array<Measurement>(measurements.length);
  for (let i = 0; i < measurements.length; i++) {
    const m = measurementFast(measurements[i]);
    if (!m) return null;
    parsed[i] = m;
  }
  // The schema's keys in its order, then the others (passthrough) in the input's order.
  const out: Plain = { category };
  if (submissionMethod !== undefined) out.submissionMethod = submissionMethod;
  if (performanceStart !== undefined) out.performanceStart = performanceStart;
  if (performanceEnd !== undefined) out.performanceEnd = performanceEnd;
  out.measurements = parsed;
  if (cehrtEdition !== undefined) out.cehrtEdition = cehrtEdition;
  if (cehrtId !== undefined) out.cehrtId = cehrtId;
  for (const k of keys) if (!SET_KEYS.has(k)) out[k] = raw[k];
  return out as MeasurementSet;
}

function optionalBoolean(v: unknown): boolean {
  return v === undefined || typeof v === "boolean";
}

/** `submissionClinicianSchema` (unknown keys dropped, as zod strips them). */
function clinicianFast(raw: unknown): SubmissionClinician | null {
  if (!plain(raw)) return null;
  const { npi, tin, clinicianType, nonPatientFacing, hospitalBased, ascBased, hardship } = raw;
  if (typeof npi !== "string" || !NPI.test(npi)) return null;
  clinicianTypes ??= new Set(CLINICIAN_TYPES);
  if (!clinicianTypes.has(clinicianType)) return null;
  // An own key holding undefined is left to zod (absent and undefined differ in its output).
  if (("tin" in raw && tin === undefined) || ("nonPatientFacing" in raw && nonPatientFacing === undefined)) return null;
  if (("hospitalBased" in raw && hospitalBased === undefined) || ("ascBased" in raw && ascBased === undefined) || ("hardship" in raw && hardship === undefined)) return null;
  if (tin !== undefined && !(typeof tin === "string" && TIN.test(tin))) return null;
  if (!optionalBoolean(nonPatientFacing) || !optionalBoolean(hospitalBased) || !optionalBoolean(ascBased)) return null;
  let hardshipOut: SubmissionClinician["hardship"];
  if (hardship !== undefined) {
    if (!plain(hardship)) return null;
    const { reason, status } = hardship;
    if (typeof reason !== "string" || reason.length < 1 || !(hardshipStatuses ??= new Set(HARDSHIP_STATUSES)).has(status)) return null;
    hardshipOut = { reason, status: status as NonNullable<SubmissionClinician["hardship"]>["status"] };
  }
  const out: Plain = { npi };
  if (tin !== undefined) out.tin = tin;
  out.clinicianType = clinicianType;
  if (nonPatientFacing !== undefined) out.nonPatientFacing = nonPatientFacing;
  if (hospitalBased !== undefined) out.hospitalBased = hospitalBased;
  if (ascBased !== undefined) out.ascBased = ascBased;
  if (hardshipOut !== undefined) out.hardship = hardshipOut;
  return out as SubmissionClinician;
}

function groupStatusesFast(raw: unknown): Submission["groupStatuses"] | null {
  if (!plain(raw)) return null;
  const keys = Object.keys(raw);
  for (const k of keys) if ((k !== "hospitalBased" && k !== "nonPatientFacing" && k !== "ascBased") || typeof raw[k] !== "boolean") return null;
  const out: Plain = {};
  if (raw.hospitalBased !== undefined) out.hospitalBased = raw.hospitalBased;
  if (raw.nonPatientFacing !== undefined) out.nonPatientFacing = raw.nonPatientFacing;
  if (raw.ascBased !== undefined) out.ascBased = raw.ascBased;
  return out as Submission["groupStatuses"];
}

/**
 * `submissionSchema.safeParse(input).data`, or null. `nationalProviderIdentifier: null` reads as absent
 * (zod's preprocess gives undefined); the measurement sets are the input's own objects (checked later).
 */
export function submissionHeaderFast(input: unknown): Submission | null {
  if (!plain(input)) return null;
  const keys = Object.keys(input);
  const npiRaw = input.nationalProviderIdentifier;
  if (hasUndefined(input, keys)) return null;
  const { performanceYear, entityType, taxpayerIdentificationNumber: tin, entityId, measurementSets, clinicians, groupStatuses } = input;
  if (typeof performanceYear !== "number" || !Number.isSafeInteger(performanceYear)) return null;
  if (!ENTITY_TYPES.has(entityType)) return null;
  if (tin !== undefined && !(typeof tin === "string" && TIN.test(tin))) return null;
  if (npiRaw !== undefined && npiRaw !== null && !(typeof npiRaw === "string" && NPI.test(npiRaw))) return null;
  if (entityId !== undefined && !(typeof entityId === "string" && entityId.length >= 1)) return null;
  if (!Array.isArray(measurementSets)) return null;
  let cliniciansOut: SubmissionClinician[] | undefined;
  if (clinicians !== undefined) {
    if (!Array.isArray(clinicians)) return null;
    cliniciansOut = new Array<SubmissionClinician>(clinicians.length);
    for (let i = 0; i < clinicians.length; i++) {
      const c = clinicianFast(clinicians[i]);
      if (!c) return null;
      cliniciansOut[i] = c;
    }
  }
  let statusesOut: Submission["groupStatuses"];
  if (groupStatuses !== undefined) {
    const s = groupStatusesFast(groupStatuses);
    if (!s) return null;
    statusesOut = s;
  }
  const out: Plain = { performanceYear, entityType };
  if (tin !== undefined) out.taxpayerIdentificationNumber = tin;
  if (npiRaw !== undefined) out.nationalProviderIdentifier = npiRaw === null ? undefined : npiRaw;
  if (entityId !== undefined) out.entityId = entityId;
  // zod's array copy: holes read as undefined elements.
  const sets: unknown[] = new Array<unknown>(measurementSets.length);
  for (let i = 0; i < measurementSets.length; i++) sets[i] = measurementSets[i];
  out.measurementSets = sets;
  if (cliniciansOut !== undefined) out.clinicians = cliniciansOut;
  if (statusesOut !== undefined) out.groupStatuses = statusesOut;
  for (const k of keys) if (!HEADER_KEYS.has(k)) out[k] = input[k];
  return out as Submission;
}
