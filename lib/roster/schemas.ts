/**
 * The roster's input schemas: the routers validate with them and the forms show their messages inline.
 * Messages say what is expected. Identifiers are checked with lib/mips (TIN shape, NPI check digit).
 */
import { z } from "zod";
import { CLINICIAN_TYPES, HARDSHIP_STATUSES } from "../mips/submission";
import { HARDSHIP_REASONS, hardshipReasonProblem } from "../mips/reweighting";
import { currentYearDefault, performanceYearField } from "../performance-year";
import { describeNpiProblem, normalizeTin } from "../mips/identifiers";
import { isIsoDate } from "./values";

export const EXTREME_CIRCUMSTANCE_KINDS = ["disaster", "practiceOrHospitalClosing", "severeFinancialDistress"] as const;

/** Forms send "" for an empty optional field: treat it as absent. */
const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const tinField = z
  .string({ error: "a TIN is required" })
  .trim()
  .refine((v) => normalizeTin(v) !== null, { message: "a TIN is 9 digits, e.g. 12-3456789 or 123456789" })
  .transform((v) => normalizeTin(v)!);

export const npiField = z
  .string({ error: "an NPI is required" })
  .trim()
  .superRefine((v, ctx) => {
    const problem = describeNpiProblem(v);
    if (problem) ctx.addIssue({ code: "custom", message: `${problem}; an NPI is 10 digits starting with 1 or 2 and ending in its check digit` });
  });

/** The one performance-year field (lib/performance-year.ts), re-exported where the roster's schemas are read. */
export { currentYearDefault, performanceYearField };

export const dateField = z
  .string({ error: "a date is required (YYYY-MM-DD)" })
  .trim()
  .refine(isIsoDate, { message: "expected a date as YYYY-MM-DD, e.g. 2018-01-01" });

const optionalDate = z.preprocess(emptyToUndefined, dateField.optional().nullable());
const optionalText = (max: number) => z.preprocess(emptyToUndefined, z.string().trim().max(max, `at most ${max} characters`).optional().nullable());
const requiredName = (what: string) => z.string({ error: `${what} is required` }).trim().min(1, `${what} is required`).max(200, "at most 200 characters");
const version = z.int().positive();
const id = z.uuid("expected a record id");

export const listPagingInput = z.object({
  page: z.int().min(1).default(1),
  pageSize: z.int().min(1).max(200).default(25),
});

// ------------------------------------------------------------------------------------------------ TINs

export const tinFields = z.object({ tin: tinField, name: requiredName("a TIN name") });
export const createTinInput = tinFields;
export const updateTinInput = tinFields.extend({ tinId: id, expectedVersion: version });
export const archiveTinInput = z.object({ tinId: id, expectedVersion: version, archived: z.boolean() });
export const listTinsInput = listPagingInput.extend({
  search: optionalText(100),
  includeArchived: z.boolean().default(false),
  performanceYear: performanceYearField.default(currentYearDefault),
});

// ------------------------------------------------------------------------------------------ clinicians

export const clinicianFields = z.object({
  npi: npiField,
  firstName: requiredName("a first name"),
  lastName: requiredName("a last name"),
  clinicianType: z.enum(CLINICIAN_TYPES, { error: "choose a clinician type" }),
  specialty: optionalText(200),
  /** A user with the clinician role in this organization, whose own record this is. */
  userId: z.preprocess(emptyToUndefined, id.optional().nullable()),
});
export const createClinicianInput = clinicianFields;
export const updateClinicianInput = clinicianFields.extend({ clinicianId: id, expectedVersion: version });
export const archiveClinicianInput = z.object({ clinicianId: id, expectedVersion: version, archived: z.boolean() });

export const ELIGIBILITY_FILTERS = ["eligible", "exempt", "noFigures", "notEligibleType"] as const;
/** reweighted: qualifies and no PI data; dataSubmitted: qualifies but PI data cancels it; blocking: keeps the TIN from group reweighting. */
export const REWEIGHTING_FILTERS = ["reweighted", "dataSubmitted", "blocking"] as const;
export const listCliniciansInput = listPagingInput.extend({
  search: optionalText(100),
  tinId: z.preprocess(emptyToUndefined, id.optional()),
  clinicianType: z.preprocess(emptyToUndefined, z.enum(CLINICIAN_TYPES).optional()),
  eligibility: z.preprocess(emptyToUndefined, z.enum(ELIGIBILITY_FILTERS).optional()),
  reweighting: z.preprocess(emptyToUndefined, z.enum(REWEIGHTING_FILTERS).optional()),
  performanceYear: performanceYearField.default(currentYearDefault),
  includeArchived: z.boolean().default(false),
});

// ---------------------------------------------------------------------------------------- memberships

const membershipDates = z.object({ startDate: dateField, endDate: optionalDate });
const endAfterStart = <T extends { startDate: string; endDate?: string | null }>(v: T) => !v.endDate || v.endDate >= v.startDate;
const endAfterStartMessage = { message: "the end date must be on or after the start date", path: ["endDate"] };

export const addMembershipInput = membershipDates.extend({ tinId: id, clinicianId: id }).refine(endAfterStart, endAfterStartMessage);
export const updateMembershipInput = membershipDates.extend({ membershipId: id, expectedVersion: version }).refine(endAfterStart, endAfterStartMessage);
export const removeMembershipInput = z.object({ membershipId: id, expectedVersion: version });

const count = (what: string) => z.int(`${what}: expected a whole number`).min(0, `${what}: expected a whole number >= 0`);

export const yearStatusFields = z.object({
  nonPatientFacing: z.boolean().default(false),
  hospitalBased: z.boolean().default(false),
  ascBased: z.boolean().default(false),
  rural: z.boolean().default(false),
  hpsa: z.boolean().default(false),
  allowedChargesCents: count("Medicare allowed charges").max(Number.MAX_SAFE_INTEGER),
  partBBeneficiaries: count("Part B beneficiaries").max(2_000_000_000),
  newlyEnrolled: z.boolean().default(false),
  advancedApmQp: z.boolean().default(false),
});
export const setYearStatusInput = yearStatusFields.extend({
  membershipId: id,
  performanceYear: performanceYearField,
  /** The version the form saw, or absent when the year has no figures yet. */
  expectedVersion: version.optional(),
});

// ----------------------------------------------------------------------------------------- hardships

export const hardshipFields = z
  .object({
    tinId: id,
    /** Absent (and no clinicianNpi): the application covers the whole TIN. */
    clinicianId: z.preprocess(emptyToUndefined, id.optional().nullable()),
    /**
     * The clinician by NPI instead of by id: the TIN page asks for an NPI when the TIN has too many clinicians
     * for one select. The service finds the clinician of that NPI under the TIN.
     */
    clinicianNpi: z.preprocess(emptyToUndefined, npiField.optional().nullable()),
    performanceYear: performanceYearField,
    reason: z.enum(HARDSHIP_REASONS, { error: "choose a hardship reason" }),
    circumstanceKind: z.preprocess(emptyToUndefined, z.enum(EXTREME_CIRCUMSTANCE_KINDS).optional().nullable()),
    circumstanceStart: optionalDate,
    circumstanceEnd: optionalDate,
    /** The day the application was filed with CMS (defaults to today). */
    filedOn: optionalDate,
    /** CMS's reference for the application, when known. */
    cmsReference: optionalText(100),
    notes: optionalText(2000),
  })
  .superRefine((v, ctx) => {
    if (v.clinicianId && v.clinicianNpi) ctx.addIssue({ code: "custom", path: ["clinicianNpi"], message: "give the clinician once: by id or by NPI, not both" });
    // Each year has its own reasons (e.g. no "small practice" application from 2024).
    const reasonProblem = hardshipReasonProblem(v.performanceYear, v.reason);
    if (reasonProblem) ctx.addIssue({ code: "custom", path: ["reason"], message: reasonProblem });
    if (v.reason === "extremeAndUncontrollableCircumstances") {
      if (!v.circumstanceKind) ctx.addIssue({ code: "custom", path: ["circumstanceKind"], message: "choose the kind of circumstance (disaster, practice or hospital closing, severe financial distress)" });
      if (!v.circumstanceStart) ctx.addIssue({ code: "custom", path: ["circumstanceStart"], message: "the date the circumstance started is required (YYYY-MM-DD)" });
      if (!v.circumstanceEnd) ctx.addIssue({ code: "custom", path: ["circumstanceEnd"], message: "the date the circumstance ended is required (YYYY-MM-DD)" });
      if (v.circumstanceStart && v.circumstanceEnd && v.circumstanceEnd < v.circumstanceStart) {
        ctx.addIssue({ code: "custom", path: ["circumstanceEnd"], message: "the end date must be on or after the start date" });
      }
    } else if (v.circumstanceKind || v.circumstanceStart || v.circumstanceEnd) {
      ctx.addIssue({ code: "custom", path: ["circumstanceKind"], message: "a kind and dates only apply to extreme and uncontrollable circumstances" });
    }
  });
export const fileHardshipInput = hardshipFields;
/** CMS's decision as the practice received it; "pending" (clearDecision) undoes a decision recorded by mistake. */
export const recordHardshipDecisionInput = z.object({
  hardshipId: id,
  expectedVersion: version,
  decision: z.enum(["approved", "dismissed"], { error: "choose CMS's decision: approved or dismissed" }),
  decidedOn: dateField,
  decisionReference: optionalText(100),
});
export const clearHardshipDecisionInput = z.object({ hardshipId: id, expectedVersion: version });
export const updateHardshipDetailsInput = z.object({ hardshipId: id, expectedVersion: version, cmsReference: optionalText(100), notes: optionalText(2000) });
export const withdrawHardshipInput = z.object({ hardshipId: id, expectedVersion: version });
export const listHardshipsInput = listPagingInput.extend({
  performanceYear: z.preprocess((v) => (v === "" ? undefined : v), performanceYearField.optional()),
  status: z.preprocess(emptyToUndefined, z.enum(HARDSHIP_STATUSES).optional()),
  tinId: z.preprocess(emptyToUndefined, id.optional()),
  clinicianId: z.preprocess(emptyToUndefined, id.optional()),
});

// ------------------------------------------------------------------------------------ virtual groups

export const virtualGroupFields = z.object({
  performanceYear: performanceYearField.refine((y) => y >= 2018, { message: "virtual groups exist from the 2018 performance year" }),
  name: requiredName("a name"),
  cmsId: optionalText(50),
  electionDate: dateField,
});
export const createVirtualGroupInput = virtualGroupFields;
export const updateVirtualGroupInput = virtualGroupFields.omit({ performanceYear: true }).extend({ virtualGroupId: id, expectedVersion: version });
export const virtualGroupTinInput = z.object({ virtualGroupId: id, tinId: id });
export const deleteVirtualGroupInput = z.object({ virtualGroupId: id, expectedVersion: version });

// ------------------------------------------------------------------------------------------- import

/** CSV files up to 20 MB of text (about 100,000 rows). */
export const MAX_IMPORT_CHARS = 20_000_000;
export const rosterImportInput = z.object({
  csv: z.string().min(1, "the file is empty").max(MAX_IMPORT_CHARS, `the file is larger than ${MAX_IMPORT_CHARS / 1_000_000} MB; split it`),
  fileName: optionalText(300),
});

export type CreateTinInput = z.infer<typeof createTinInput>;
export type ClinicianFields = z.infer<typeof clinicianFields>;
export type YearStatusFields = z.infer<typeof yearStatusFields>;
export type HardshipFields = z.infer<typeof hardshipFields>;
export type VirtualGroupFields = z.infer<typeof virtualGroupFields>;
export type ListCliniciansInput = z.infer<typeof listCliniciansInput>;
