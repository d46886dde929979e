/**
 * Who is a MIPS eligible clinician in a year (rules page 2; CMS 2018 PI presentation "Who is Included?" /
 * "Who is Exempt?"; mips-rules-by-year.md §1.6). Eligible types: physicians, PA, NP, CNS, CRNA; from 2019
 * also PT, OT, SLP, audiologists, clinical psychologists, dietitians; from 2022 clinical social workers and
 * certified nurse-midwives. Exempt: newly enrolled in Medicare during the performance year; at or below the
 * low-volume threshold (2017: $30,000 / 100 beneficiaries; 2018: $90,000 / 200; from 2019 a third
 * criterion, 200 covered professional services: a clinician must exceed all three, and may opt in when
 * exceeding one or two), applied to the group's combined figures when reporting as a group; qualifying
 * participants (QP) of an Advanced APM. Exempt or ineligible clinicians may report voluntarily.
 */
import { badInput, type Issue } from "../errors";
import { type PerformanceYear, isPerformanceYear } from "./catalog";
import type { ClinicianType } from "./submission";
import { TYPES_2017 } from "./years/common";
import { yearFacts } from "./years/index";
import { unsupportedYearMessage } from "./years";

/** Clinician types that are MIPS eligible in 2017-2018 (see `mipsEligibleTypesFor` for other years). */
export const MIPS_ELIGIBLE_CLINICIAN_TYPES: readonly ClinicianType[] = TYPES_2017;

/** Clinician types that are MIPS eligible in a year. */
export function mipsEligibleTypesFor(year: PerformanceYear): readonly ClinicianType[] {
  return yearFacts(year).eligibleClinicianTypes;
}

/** Whether a type is MIPS eligible in a year (2018 when no year is given). */
export function isMipsEligibleType(type: ClinicianType, year: PerformanceYear = 2018): boolean {
  return mipsEligibleTypesFor(year).includes(type);
}

/**
 * Low-volume threshold of a year: exempt at or below either figure (2017-2018) or any of the three
 * (2019+; `coveredServices` null before 2019). Money in cents (integers).
 */
export interface LowVolumeThreshold {
  allowedChargesCents: number;
  beneficiaries: number;
  coveredServices: number | null;
}

export function lowVolumeThreshold(year: PerformanceYear): LowVolumeThreshold {
  return yearFacts(year).lowVolumeThreshold;
}

/** 2017-2018 thresholds, kept for callers of the 2018 engine; prefer `lowVolumeThreshold(year)`. */
export const LOW_VOLUME_THRESHOLDS: Readonly<Record<2017 | 2018, LowVolumeThreshold>> = {
  2017: yearFacts(2017).lowVolumeThreshold,
  2018: yearFacts(2018).lowVolumeThreshold,
};

/** Advanced APM qualifying participant thresholds (percent of Medicare payments / patients). */
export const QP_PAYMENT_PERCENT = 25;
export const QP_PATIENT_PERCENT = 20;

/** Medicare Part B volume of a clinician (or, summed, of a group): allowed charges in cents and beneficiaries. */
export interface MedicareVolume {
  allowedChargesCents: number;
  beneficiaries: number;
  /** Covered professional services (2019+ third criterion); unknown when omitted. */
  coveredServices?: number | null;
}

export interface EligibilityInput {
  performanceYear: number;
  clinicianType: ClinicianType;
  /** First enrolled in Medicare during the performance year. */
  newlyEnrolled?: boolean;
  /** The clinician's own Medicare volume (individual reporting). */
  individualVolume: MedicareVolume;
  /** Reporting as a group: the threshold applies to the group's combined volume (see `combineVolumes`). */
  reportingAs?: "individual" | "group";
  groupVolume?: MedicareVolume;
  /** Share of Medicare payments / patients through an Advanced APM, in percent (0-100). */
  advancedApm?: { paymentPercent?: number; patientPercent?: number };
}

export type EligibilityReasonCode =
  | "eligibleType"
  | "ineligibleType"
  | "newlyEnrolled"
  | "lowVolume"
  | "lowVolumeOptIn"
  | "coveredServicesUnknown"
  | "qualifyingApmParticipant";

export interface EligibilityReason {
  code: EligibilityReasonCode;
  message: string;
}

export interface EligibilityResult {
  performanceYear: PerformanceYear;
  /** True when the clinician must participate in MIPS (eligible type and no exemption). */
  required: boolean;
  status: "eligible" | "exempt" | "notEligibleType";
  /** Every reason that applies, the deciding ones first. */
  reasons: EligibilityReason[];
  /** Exempt and ineligible clinicians may still report for feedback, without a payment adjustment. */
  mayReportVoluntarily: boolean;
  /** 2019+: exceeds one or two of the three low-volume criteria, so may opt in (and then must report). */
  mayOptIn: boolean;
}

/** Sums clinicians' volumes into a group's combined figures. */
export function combineVolumes(volumes: readonly MedicareVolume[]): MedicareVolume {
  const known = volumes.every((v) => typeof v.coveredServices === "number");
  const sum = { allowedChargesCents: 0, beneficiaries: 0, services: 0 };
  for (const v of volumes) {
    sum.allowedChargesCents += v.allowedChargesCents;
    sum.beneficiaries += v.beneficiaries;
    sum.services += v.coveredServices ?? 0;
  }
  return { allowedChargesCents: sum.allowedChargesCents, beneficiaries: sum.beneficiaries, ...(known && volumes.length > 0 ? { coveredServices: sum.services } : {}) };
}

// One formatter for the module: toLocaleString builds a new Intl.NumberFormat per call (~60 µs), which
// dominated the roster statuses of 2,000 clinicians. Made on first use: the first one loads ICU's number
// data (~20 ms), which a `mips convert` that formats no dollars should not pay at start-up.
let dollarFormat: Intl.NumberFormat | undefined;

function dollars(cents: number): string {
  dollarFormat ??= new Intl.NumberFormat("en-US", { minimumFractionDigits: 0, maximumFractionDigits: 2 });
  return `$${dollarFormat.format(cents / 100)}`;
}

function volumeIssues(v: MedicareVolume | undefined, at: string): Issue[] {
  if (!v) return [];
  const issues: Issue[] = [];
  for (const key of ["allowedChargesCents", "beneficiaries", "coveredServices"] as const) {
    const value = v[key];
    if (value === undefined || value === null) {
      if (key === "coveredServices") continue;
    }
    if (!Number.isSafeInteger(value) || (value as number) < 0) issues.push({ path: `${at}.${key}`, message: `expected a whole number >= 0 (got ${String(value)})` });
  }
  return issues;
}

function inputIssues(input: EligibilityInput): Issue[] {
  const issues: Issue[] = [];
  if (!isPerformanceYear(input.performanceYear)) issues.push({ path: "performanceYear", message: unsupportedYearMessage(input.performanceYear) });
  issues.push(...volumeIssues(input.individualVolume, "individualVolume"), ...volumeIssues(input.groupVolume, "groupVolume"));
  if (input.reportingAs === "group" && !input.groupVolume) issues.push({ path: "groupVolume", message: "required when reporting as a group: the threshold applies to the group's combined figures" });
  for (const key of ["paymentPercent", "patientPercent"] as const) {
    const value = input.advancedApm?.[key];
    if (value !== undefined && !(value >= 0 && value <= 100)) issues.push({ path: `advancedApm.${key}`, message: `expected a percentage 0-100 (got ${String(value)})` });
  }
  return issues;
}

/**
 * Decides whether a clinician (TIN/NPI) must take part in MIPS in a year, with every reason.
 * Throws BAD_INPUT for an unsupported year, negative or fractional figures, or a group report without
 * the group's figures.
 */
export function evaluateEligibility(input: EligibilityInput): EligibilityResult {
  const issues = inputIssues(input);
  if (issues.length > 0) throw badInput(`invalid eligibility input: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, issues);
  const year = input.performanceYear as PerformanceYear;
  const reasons: EligibilityReason[] = [];
  const eligibleType = isMipsEligibleType(input.clinicianType, year);
  if (!eligibleType) {
    reasons.push({ code: "ineligibleType", message: `clinician type "${input.clinicianType}" is not a MIPS eligible clinician type in ${year} (${mipsEligibleTypesFor(year).join(", ")}); may report voluntarily` });
  }
  if (input.newlyEnrolled) {
    reasons.push({ code: "newlyEnrolled", message: `newly enrolled in Medicare during ${year}: exempt until the following performance year` });
  }
  const threshold = lowVolumeThreshold(year);
  const asGroup = input.reportingAs === "group";
  const volume = asGroup && input.groupVolume ? input.groupVolume : input.individualVolume;
  const whose = asGroup ? "the group's combined" : "the clinician's";
  const lowCharges = volume.allowedChargesCents <= threshold.allowedChargesCents;
  const lowBeneficiaries = volume.beneficiaries <= threshold.beneficiaries;
  const servicesKnown = typeof volume.coveredServices === "number";
  const lowServices = threshold.coveredServices !== null && servicesKnown && (volume.coveredServices as number) <= threshold.coveredServices;
  const criteria = threshold.coveredServices === null ? 2 : 3;
  const below = [lowCharges, lowBeneficiaries, lowServices].filter(Boolean).length;
  let mayOptIn = false;
  if (below > 0) {
    const parts = [
      ...(lowCharges ? [`allowed charges ${dollars(volume.allowedChargesCents)} <= ${dollars(threshold.allowedChargesCents)}`] : []),
      ...(lowBeneficiaries ? [`${volume.beneficiaries} Part B beneficiaries <= ${threshold.beneficiaries}`] : []),
      ...(lowServices ? [`${String(volume.coveredServices)} covered professional services <= ${String(threshold.coveredServices)}`] : []),
    ];
    reasons.push({ code: "lowVolume", message: `at or below the ${year} low-volume threshold (${whose} figures): ${parts.join(" and ")}` });
    // 2019+: exceeding one or two of the three criteria allows an (irrevocable) opt-in [C] AAO19c, SUP19, AMH20.
    mayOptIn = yearFacts(year).lowVolumeOptIn && below < criteria;
    if (mayOptIn) reasons.push({ code: "lowVolumeOptIn", message: `exceeds ${criteria - below} of the ${criteria} low-volume criteria: may opt in to MIPS for ${year} (the choice cannot be undone for the year)` });
  }
  if (threshold.coveredServices !== null && !servicesKnown && below === 0) {
    reasons.push({ code: "coveredServicesUnknown", message: `covered professional services not recorded: from 2019 a clinician must also exceed ${threshold.coveredServices} services; judged on charges and beneficiaries only` });
  }
  const apm = input.advancedApm;
  if (apm && ((apm.paymentPercent ?? 0) >= QP_PAYMENT_PERCENT || (apm.patientPercent ?? 0) >= QP_PATIENT_PERCENT)) {
    reasons.push({ code: "qualifyingApmParticipant", message: `qualifying participant in an Advanced APM (>= ${QP_PAYMENT_PERCENT}% of Medicare payments or >= ${QP_PATIENT_PERCENT}% of Medicare patients through it)` });
  }
  const exempt = reasons.some((r) => r.code !== "ineligibleType" && r.code !== "coveredServicesUnknown" && r.code !== "lowVolumeOptIn");
  if (eligibleType && !exempt) {
    const services = servicesKnown ? `, ${String(volume.coveredServices)} services` : "";
    reasons.push({ code: "eligibleType", message: `${input.clinicianType} above the ${year} low-volume threshold (${whose} figures: ${dollars(volume.allowedChargesCents)}, ${volume.beneficiaries} beneficiaries${services}), not newly enrolled, not an Advanced APM QP: must participate in MIPS` });
  }
  return {
    performanceYear: year,
    required: eligibleType && !exempt,
    status: !eligibleType ? "notEligibleType" : exempt ? "exempt" : "eligible",
    reasons,
    mayReportVoluntarily: !eligibleType || exempt,
    mayOptIn: eligibleType && mayOptIn && !input.newlyEnrolled,
  };
}
