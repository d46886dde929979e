/**
 * Who is a MIPS eligible clinician in 2017 and 2018 (rules page 2; CMS 2018 PI presentation "Who is
 * Included?" / "Who is Exempt?"). Eligible types: physicians, PA, NP, CNS, CRNA. Exempt: newly enrolled
 * in Medicare during the performance year; at or below the low-volume threshold (2018: allowed charges
 * <= $90,000 OR <= 200 Part B beneficiaries; 2017: $30,000 / 100), applied to the group's combined
 * figures when reporting as a group; qualifying participants (QP) of an Advanced APM (>= 25% of Medicare
 * payments or >= 20% of Medicare patients through it). Exempt or ineligible clinicians may report voluntarily.
 */
import { badInput, type Issue } from "../errors";
import { type PerformanceYear, isPerformanceYear } from "./catalog";
import type { ClinicianType } from "./submission";

/** Clinician types that are MIPS eligible in 2017-2018. */
export const MIPS_ELIGIBLE_CLINICIAN_TYPES: readonly ClinicianType[] = ["physician", "PA", "NP", "CNS", "CRNA"];

export function isMipsEligibleType(type: ClinicianType): boolean {
  return MIPS_ELIGIBLE_CLINICIAN_TYPES.includes(type);
}

/** Low-volume threshold of a year: exempt at or below either figure. Money in cents (integers). */
export interface LowVolumeThreshold {
  allowedChargesCents: number;
  beneficiaries: number;
}

export const LOW_VOLUME_THRESHOLDS: Record<PerformanceYear, LowVolumeThreshold> = {
  2017: { allowedChargesCents: 30_000_00, beneficiaries: 100 },
  2018: { allowedChargesCents: 90_000_00, beneficiaries: 200 },
};

/** Advanced APM qualifying participant thresholds (percent of Medicare payments / patients). */
export const QP_PAYMENT_PERCENT = 25;
export const QP_PATIENT_PERCENT = 20;

/** Medicare Part B volume of a clinician (or, summed, of a group): allowed charges in cents and beneficiaries. */
export interface MedicareVolume {
  allowedChargesCents: number;
  beneficiaries: number;
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
}

/** Sums clinicians' volumes into a group's combined figures. */
export function combineVolumes(volumes: readonly MedicareVolume[]): MedicareVolume {
  return volumes.reduce(
    (sum, v) => ({ allowedChargesCents: sum.allowedChargesCents + v.allowedChargesCents, beneficiaries: sum.beneficiaries + v.beneficiaries }),
    { allowedChargesCents: 0, beneficiaries: 0 },
  );
}

// One formatter for the module: toLocaleString builds a new Intl.NumberFormat per call (~60 µs), which
// dominated the roster statuses of 2,000 clinicians.
const DOLLAR_FORMAT = new Intl.NumberFormat("en-US", { minimumFractionDigits: 0, maximumFractionDigits: 2 });

function dollars(cents: number): string {
  return `$${DOLLAR_FORMAT.format(cents / 100)}`;
}

function volumeIssues(v: MedicareVolume | undefined, at: string): Issue[] {
  if (!v) return [];
  const issues: Issue[] = [];
  for (const key of ["allowedChargesCents", "beneficiaries"] as const) {
    const value = v[key];
    if (!Number.isSafeInteger(value) || value < 0) issues.push({ path: `${at}.${key}`, message: `expected a whole number >= 0 (got ${String(value)})` });
  }
  return issues;
}

function inputIssues(input: EligibilityInput): Issue[] {
  const issues: Issue[] = [];
  if (!isPerformanceYear(input.performanceYear)) issues.push({ path: "performanceYear", message: `performance year ${String(input.performanceYear)} is not supported (expected 2017 or 2018)` });
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
  const eligibleType = isMipsEligibleType(input.clinicianType);
  if (!eligibleType) {
    reasons.push({ code: "ineligibleType", message: `clinician type "${input.clinicianType}" is not a MIPS eligible clinician type in ${year} (physician, PA, NP, CNS, CRNA); may report voluntarily` });
  }
  if (input.newlyEnrolled) {
    reasons.push({ code: "newlyEnrolled", message: `newly enrolled in Medicare during ${year}: exempt until the following performance year` });
  }
  const threshold = LOW_VOLUME_THRESHOLDS[year];
  const asGroup = input.reportingAs === "group";
  const volume = asGroup && input.groupVolume ? input.groupVolume : input.individualVolume;
  const whose = asGroup ? "the group's combined" : "the clinician's";
  const lowCharges = volume.allowedChargesCents <= threshold.allowedChargesCents;
  const lowBeneficiaries = volume.beneficiaries <= threshold.beneficiaries;
  if (lowCharges || lowBeneficiaries) {
    const parts = [
      ...(lowCharges ? [`allowed charges ${dollars(volume.allowedChargesCents)} <= ${dollars(threshold.allowedChargesCents)}`] : []),
      ...(lowBeneficiaries ? [`${volume.beneficiaries} Part B beneficiaries <= ${threshold.beneficiaries}`] : []),
    ];
    reasons.push({ code: "lowVolume", message: `at or below the ${year} low-volume threshold (${whose} figures): ${parts.join(" and ")}` });
  }
  const apm = input.advancedApm;
  if (apm && ((apm.paymentPercent ?? 0) >= QP_PAYMENT_PERCENT || (apm.patientPercent ?? 0) >= QP_PATIENT_PERCENT)) {
    reasons.push({ code: "qualifyingApmParticipant", message: `qualifying participant in an Advanced APM (>= ${QP_PAYMENT_PERCENT}% of Medicare payments or >= ${QP_PATIENT_PERCENT}% of Medicare patients through it)` });
  }
  const exempt = reasons.some((r) => r.code !== "ineligibleType");
  if (eligibleType && !exempt) {
    reasons.push({ code: "eligibleType", message: `${input.clinicianType} above the ${year} low-volume threshold (${whose} figures: ${dollars(volume.allowedChargesCents)}, ${volume.beneficiaries} beneficiaries), not newly enrolled, not an Advanced APM QP: must participate in MIPS` });
  }
  return {
    performanceYear: year,
    required: eligibleType && !exempt,
    status: !eligibleType ? "notEligibleType" : exempt ? "exempt" : "eligible",
    reasons,
    mayReportVoluntarily: !eligibleType || exempt,
  };
}
