/**
 * Reweighting of the PI category to 0% (its weight moves to Quality). Rules page 5; CMS 2018 PI
 * presentation "Automatic Reweighting", "Reweighting through an Application", "Reweighting for Groups".
 * - Automatic: non-patient facing, hospital-based, ASC-based, and PA / NP / CNS / CRNA.
 * - Hardship exception: only an *approved* application counts (pending and dismissed do not); simply
 *   lacking CEHRT never qualifies.
 * - Submitting PI data cancels reweighting: CMS scores whoever submits.
 * - Groups and virtual groups: the 100% rule. Every MIPS eligible clinician of the TIN (of every member
 *   TIN of a virtual group) must qualify; one who does not blocks it, and we name them and why.
 */
import { badInput } from "../errors";
import { isMipsEligibleType } from "./eligibility";
import { describeNpiProblem } from "./identifiers";
import type { ClinicianType, HardshipStatus } from "./submission";

/** Clinician types reweighted automatically (CMS: "Physician Assistants, Nurse Practitioners, ..."). */
export const AUTOMATICALLY_REWEIGHTED_TYPES: readonly ClinicianType[] = ["PA", "NP", "CNS", "CRNA"];

/** Hardship exception categories CMS accepts (2018 application). */
export const HARDSHIP_REASONS = [
  "insufficientInternetConnectivity",
  "extremeAndUncontrollableCircumstances",
  "lackOfControlOverCehrt",
  "smallPractice",
  "decertifiedEhrTechnology",
] as const;

/** "We don't have CEHRT" is never a reason, automatic or by application (CMS 2018 PI presentation). */
const LACKING_CEHRT = /^(no|lack(ing|s)?[ _-]?(of[ _-]?)?)[ _-]?cehrt$/i;

export interface ClinicianReweightingInput {
  clinicianType: ClinicianType;
  nonPatientFacing?: boolean;
  hospitalBased?: boolean;
  ascBased?: boolean;
  hardship?: { reason: string; status: HardshipStatus } | null;
  /** PI data was submitted for this clinician: CMS then scores it and does not reweight. */
  piDataSubmitted: boolean;
}

export type ReweightingReasonCode = "nonPatientFacing" | "hospitalBased" | "ascBased" | "clinicianType" | "approvedHardship";

export interface ReweightingReason {
  code: ReweightingReasonCode;
  basis: "automatic" | "hardship";
  message: string;
}

export interface ClinicianReweightingResult {
  /** The PI category is reweighted to 0% for this clinician. */
  reweighted: boolean;
  /** The clinician has at least one reason that counts (whether or not data was submitted). */
  qualifies: boolean;
  reasons: ReweightingReason[];
  /** Why it is or is not reweighted, for people: reasons that count, reasons that do not, data submitted. */
  explanation: string[];
}

/** Decides PI reweighting for one clinician. */
export function clinicianReweighting(input: ClinicianReweightingInput): ClinicianReweightingResult {
  const reasons: ReweightingReason[] = [];
  const explanation: string[] = [];
  if (input.nonPatientFacing) reasons.push({ code: "nonPatientFacing", basis: "automatic", message: "non-patient facing (automatic)" });
  if (input.hospitalBased) reasons.push({ code: "hospitalBased", basis: "automatic", message: "hospital-based (automatic)" });
  if (input.ascBased) reasons.push({ code: "ascBased", basis: "automatic", message: "ASC-based (automatic)" });
  if (AUTOMATICALLY_REWEIGHTED_TYPES.includes(input.clinicianType)) {
    reasons.push({ code: "clinicianType", basis: "automatic", message: `clinician type ${input.clinicianType} (automatic)` });
  }
  const hardship = input.hardship;
  if (hardship) {
    if (LACKING_CEHRT.test(hardship.reason.trim())) {
      explanation.push(`hardship application "${hardship.reason}" does not count: simply lacking CEHRT never qualifies for reweighting`);
    } else if (hardship.status === "approved") {
      reasons.push({ code: "approvedHardship", basis: "hardship", message: `approved hardship exception (${hardship.reason})` });
    } else {
      explanation.push(`hardship application (${hardship.reason}) is ${hardship.status}: only an approved application counts`);
    }
  }
  const qualifies = reasons.length > 0;
  if (qualifies) explanation.unshift(`qualifies for PI reweighting: ${reasons.map((r) => r.message).join("; ")}`);
  else explanation.unshift("no reweighting reason: not non-patient facing, hospital-based or ASC-based, a clinician type scored on PI, and no approved hardship exception");
  if (qualifies && input.piDataSubmitted) explanation.push("PI data was submitted, which cancels reweighting: the data is scored");
  return { reweighted: qualifies && !input.piDataSubmitted, qualifies, reasons, explanation };
}

export interface GroupClinician extends Omit<ClinicianReweightingInput, "piDataSubmitted"> {
  npi: string;
  /** The clinician's TIN; for a virtual group, the member TIN. Defaults to the group's TIN. */
  tin?: string | undefined;
}

export interface GroupReweightingInput {
  entityType: "group" | "virtualGroup";
  /** The group's TIN (groups); a clinician with another TIN is refused as not associated with it. */
  tin?: string;
  /** Every clinician associated with the TIN (for a virtual group: of every member TIN). */
  clinicians: readonly GroupClinician[];
  /** The group submitted PI data (which cancels reweighting). */
  piDataSubmitted: boolean;
}

export interface BlockingClinician {
  npi: string;
  tin: string | null;
  why: string;
}

export interface GroupReweightingResult {
  reweighted: boolean;
  reasons: string[];
  /** MIPS eligible clinicians without a reason that counts: each one alone keeps PI in the group's score. */
  blockingClinicians: BlockingClinician[];
  qualifyingClinicians: { npi: string; tin: string | null; reasons: ReweightingReason[] }[];
  /** Clinicians of types not MIPS eligible in 2017-2018: outside the 100% rule. */
  notMipsEligible: { npi: string; tin: string | null; clinicianType: ClinicianType }[];
  /** Warnings (e.g. NPIs that fail the check digit). */
  messages: string[];
}

/**
 * The 100% rule: a group's (virtual group's) PI category is reweighted only if every MIPS eligible
 * clinician of the TIN (of every member TIN) qualifies, by any mix of automatic reasons and approved
 * hardship exceptions, and the group did not submit PI data. Throws BAD_INPUT for a clinician listed
 * twice (same TIN/NPI) or, for a group, under another TIN.
 */
export function groupReweighting(input: GroupReweightingInput): GroupReweightingResult {
  const entity = input.entityType === "virtualGroup" ? "virtual group" : "group";
  const seen = new Set<string>();
  const blocking: BlockingClinician[] = [];
  const qualifying: GroupReweightingResult["qualifyingClinicians"] = [];
  const notEligible: GroupReweightingResult["notMipsEligible"] = [];
  const messages: string[] = [];
  input.clinicians.forEach((c, i) => {
    const tin = c.tin ?? input.tin ?? null;
    if (input.entityType === "group" && input.tin && c.tin && c.tin !== input.tin) {
      throw badInput(`clinicians[${i}].tin: NPI ${c.npi} is listed under TIN ${c.tin}, not the group's TIN ${input.tin}`, [
        { path: `clinicians[${i}].tin`, message: `expected the group's TIN ${input.tin} (or no tin)` },
      ]);
    }
    const key = `${tin ?? ""}/${c.npi}`;
    if (seen.has(key)) {
      throw badInput(`clinicians[${i}]: NPI ${c.npi}${tin ? ` under TIN ${tin}` : ""} is listed more than once`, [
        { path: `clinicians[${i}].npi`, message: "each TIN/NPI pair may appear once" },
      ]);
    }
    seen.add(key);
    const npiProblem = describeNpiProblem(c.npi);
    if (npiProblem) messages.push(`clinicians[${i}]: ${npiProblem}; such an NPI cannot join a roster`);
    if (!isMipsEligibleType(c.clinicianType)) {
      notEligible.push({ npi: c.npi, tin, clinicianType: c.clinicianType });
      return;
    }
    const result = clinicianReweighting({ ...c, piDataSubmitted: false });
    if (result.qualifies) qualifying.push({ npi: c.npi, tin, reasons: result.reasons });
    else {
      const notCounted = result.explanation.slice(1);
      const why = [`${c.clinicianType} with no automatic reweighting reason and no approved hardship exception`, ...notCounted].join("; ");
      blocking.push({ npi: c.npi, tin, why });
    }
  });

  const reasons: string[] = [];
  const eligibleCount = qualifying.length + blocking.length;
  if (notEligible.length > 0) {
    reasons.push(`${notEligible.length} clinician(s) of types not MIPS eligible are outside the 100% rule (${notEligible.map((c) => c.npi).join(", ")})`);
  }
  let allQualify = false;
  if (eligibleCount === 0) {
    reasons.push(`no MIPS eligible clinicians listed for the ${entity}: the 100% rule cannot be shown, so PI is not reweighted`);
  } else if (blocking.length > 0) {
    reasons.push(
      `100% rule not met: ${blocking.length} of ${eligibleCount} MIPS eligible clinician(s) do not qualify for reweighting, so the ${entity} must report PI (${blocking.map((b) => b.npi).join(", ")})`,
    );
  } else {
    allQualify = true;
    reasons.push(`100% rule met: all ${eligibleCount} MIPS eligible clinician(s) of the ${entity} qualify (automatic reasons or approved hardship exceptions)`);
  }
  if (allQualify && input.piDataSubmitted) {
    reasons.push(`the ${entity} submitted PI data, which cancels reweighting: the data is scored`);
  }
  return {
    reweighted: allQualify && !input.piDataSubmitted,
    reasons,
    blockingClinicians: blocking,
    qualifyingClinicians: qualifying,
    notMipsEligible: notEligible,
    messages,
  };
}
