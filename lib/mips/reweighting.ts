/**
 * Reweighting of the PI category to 0% (its weight moves to other categories). Rules page 5; CMS 2018 PI
 * presentation "Automatic Reweighting", "Reweighting through an Application", "Reweighting for Groups";
 * mips-rules-by-year.md §1.7-1.8 for 2019-2026. The year's lists live in `years/<year>.ts`.
 * - Automatic: non-patient facing, hospital-based, ASC-based, the year's clinician types (PA / NP / CNS /
 *   CRNA in 2017-2018; ...; none in 2026), and from 2022 a small practice (15 or fewer clinicians).
 * - Hardship exception: only an *approved* application counts (pending and dismissed do not); simply
 *   lacking CEHRT never qualifies; the reason must be one of the year's.
 * - Submitting PI data cancels reweighting: CMS scores whoever submits.
 * - Groups and virtual groups: the 100% rule. Every MIPS eligible clinician of the TIN (of every member
 *   TIN of a virtual group) must qualify; one who does not blocks it, and we name them and why. From 2022 a
 *   small-practice group, and from 2025 a group with a group special status, is reweighted as a whole.
 */
import { badInput } from "../errors";
import { isMipsEligibleType } from "./eligibility";
import { describeNpiProblem } from "./identifiers";
import type { ClinicianType, HardshipStatus } from "./submission";
import { yearFacts, type HardshipReason } from "./years/index";
import { FIVE_HARDSHIP_REASONS } from "./years/common";
import { isPerformanceYear, type PerformanceYear, unsupportedYearMessage } from "./years";

/** A reason code in words for messages: "insufficientInternetConnectivity" -> "insufficient internet connectivity". */
function reasonWords(reason: string): string {
  return reason.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase().replace(/\bcehrt\b/g, "CEHRT");
}

/** Clinician types reweighted automatically in 2017-2018 (CMS: "Physician Assistants, Nurse Practitioners, ..."). */
export const AUTOMATICALLY_REWEIGHTED_TYPES: readonly ClinicianType[] = ["PA", "NP", "CNS", "CRNA"];

/** Clinician types whose PI is reweighted automatically in a year. */
export function automaticallyReweightedTypes(year: PerformanceYear): readonly ClinicianType[] {
  return yearFacts(year).automaticallyReweightedTypes;
}

/** Every hardship reason code of any year (the 2017-2023 five; 2024+ drops small practice). */
export const HARDSHIP_REASONS = FIVE_HARDSHIP_REASONS.map((r) => r.code) as [
  "insufficientInternetConnectivity",
  "extremeAndUncontrollableCircumstances",
  "lackOfControlOverCehrt",
  "smallPractice",
  "decertifiedEhrTechnology",
];

/** The PI hardship (exception application) reasons CMS accepts in a year, with their labels. */
export function hardshipReasonsFor(year: PerformanceYear): readonly HardshipReason[] {
  return yearFacts(year).hardshipReasons;
}

/** Why a reason cannot be used in a year (2024+: small practice is automatic, no application), or null. */
export function hardshipReasonProblem(year: number, reason: string): string | null {
  if (!isPerformanceYear(year)) return unsupportedYearMessage(year);
  const reasons = hardshipReasonsFor(year);
  if (reasons.some((r) => r.code === reason)) return null;
  const known = FIVE_HARDSHIP_REASONS.find((r) => r.code === reason);
  const list = reasons.map((r) => r.label).join(", ");
  return known
    ? `"${known.label}" is not a hardship reason in ${year}${reason === "smallPractice" ? " (small practices are reweighted automatically from 2022, and the application reason ended in 2024)" : ""}; ${year} reasons: ${list}`
    : `unknown hardship reason "${reason}"; ${year} reasons: ${list}`;
}

/** "We don't have CEHRT" is never a reason, automatic or by application (CMS 2018 PI presentation). */
const LACKING_CEHRT = /^(no|lack(ing|s)?[ _-]?(of[ _-]?)?)[ _-]?cehrt$/i;

export interface ClinicianReweightingInput {
  /** The performance year whose rules apply (2018 when omitted, for callers of the 2017-2018 engine). */
  performanceYear?: PerformanceYear;
  clinicianType: ClinicianType;
  /** The clinician's practice (TIN) has 15 or fewer eligible clinicians: automatic from 2022. */
  smallPractice?: boolean;
  nonPatientFacing?: boolean;
  hospitalBased?: boolean;
  ascBased?: boolean;
  hardship?: { reason: string; status: HardshipStatus } | null;
  /** PI data was submitted for this clinician: CMS then scores it and does not reweight. */
  piDataSubmitted: boolean;
}

export type ReweightingReasonCode = "nonPatientFacing" | "hospitalBased" | "ascBased" | "clinicianType" | "smallPractice" | "approvedHardship";

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
  return reweightClinician(input, input.performanceYear ?? 2018, input.smallPractice, input.piDataSubmitted);
}

/** Hardship reason codes of any year, for the check on every clinician. */
const HARDSHIP_REASON_CODES: ReadonlySet<string> = new Set(FIVE_HARDSHIP_REASONS.map((r) => r.code));

/** hardshipReasonProblem of a known reason in a year: a few fixed sentences, built once each. */
const knownReasonProblems = new Map<string, string | null>();
function knownReasonProblem(year: PerformanceYear, reason: string): string | null {
  const key = `${year}/${reason}`;
  let problem = knownReasonProblems.get(key);
  if (problem === undefined) {
    problem = hardshipReasonProblem(year, reason);
    knownReasonProblems.set(key, problem);
  }
  return problem;
}

/**
 * clinicianReweighting with the year and the two flags given apart from the clinician's own fields, so the
 * 100% rule reads each clinician as it is instead of copying it with the group's values.
 */
function reweightClinician(
  input: Omit<ClinicianReweightingInput, "piDataSubmitted" | "performanceYear" | "smallPractice">,
  year: PerformanceYear,
  smallPractice: boolean | undefined,
  piDataSubmitted: boolean,
): ClinicianReweightingResult {
  const facts = yearFacts(year);
  const reasons: ReweightingReason[] = [];
  const explanation: string[] = [];
  if (input.nonPatientFacing) reasons.push({ code: "nonPatientFacing", basis: "automatic", message: "non-patient facing (automatic)" });
  if (input.hospitalBased) reasons.push({ code: "hospitalBased", basis: "automatic", message: "hospital-based (automatic)" });
  if (input.ascBased) reasons.push({ code: "ascBased", basis: "automatic", message: "ASC-based (automatic)" });
  if (facts.automaticallyReweightedTypes.includes(input.clinicianType)) {
    reasons.push({ code: "clinicianType", basis: "automatic", message: `clinician type ${input.clinicianType} (automatic in ${year})` });
  } else if (everReweightedType(input.clinicianType)) {
    explanation.push(`clinician type ${input.clinicianType} is not reweighted automatically in ${year}`);
  }
  if (smallPractice) {
    if (facts.smallPracticeReweightedAutomatically) reasons.push({ code: "smallPractice", basis: "automatic", message: `small practice, 15 or fewer clinicians (automatic from 2022)` });
    else explanation.push(`small practice: in ${year} PI is reweighted only through an approved hardship application (automatic from 2022)`);
  }
  const hardship = input.hardship;
  if (hardship) {
    const reasonProblem = HARDSHIP_REASON_CODES.has(hardship.reason) ? knownReasonProblem(year, hardship.reason) : null;
    if (LACKING_CEHRT.test(hardship.reason.trim())) {
      explanation.push(`hardship application "${reasonWords(hardship.reason)}" does not count: simply lacking CEHRT never qualifies for reweighting`);
    } else if (reasonProblem) {
      explanation.push(`hardship application does not count: ${reasonProblem}`);
    } else if (hardship.status === "approved") {
      reasons.push({ code: "approvedHardship", basis: "hardship", message: `approved hardship exception (${reasonWords(hardship.reason)})` });
    } else {
      explanation.push(`hardship application (${reasonWords(hardship.reason)}) is ${hardship.status}: only an approved application counts`);
    }
  }
  // A clinician-type decision rests on the year's sources; say what they leave open (years/<year>.ts).
  if (everReweightedType(input.clinicianType)) {
    for (const a of facts.assumptions) if (a.about === "clinicianTypes") explanation.push(`assumption: ${a.text}`);
  }
  const qualifies = reasons.length > 0;
  if (qualifies) {
    let why = `qualifies for PI reweighting: ${(reasons[0] as ReweightingReason).message}`;
    for (let i = 1; i < reasons.length; i++) why += `; ${(reasons[i] as ReweightingReason).message}`;
    explanation.unshift(why);
  } else explanation.unshift(noReasonMessage(year));
  if (qualifies && piDataSubmitted) explanation.push("PI data was submitted, which cancels reweighting: the data is scored");
  return { reweighted: qualifies && !piDataSubmitted, qualifies, reasons, explanation };
}

const noReasonMessages = new Map<PerformanceYear, string>();
function noReasonMessage(year: PerformanceYear): string {
  let message = noReasonMessages.get(year);
  if (message === undefined) {
    message = `no reweighting reason in ${year}: not non-patient facing, hospital-based or ASC-based, a clinician type scored on PI, and no approved hardship exception`;
    noReasonMessages.set(year, message);
  }
  return message;
}

export interface GroupClinician extends Omit<ClinicianReweightingInput, "piDataSubmitted"> {
  npi: string;
  /** The clinician's TIN; for a virtual group, the member TIN. Defaults to the group's TIN. */
  tin?: string | undefined;
}

/** Group special statuses (from 2025 CMS reweights a group that itself has one) [1] MDI25. */
export interface GroupSpecialStatuses {
  hospitalBased?: boolean;
  nonPatientFacing?: boolean;
  ascBased?: boolean;
}

export interface GroupReweightingInput {
  /** The performance year whose rules apply (2018 when omitted). */
  performanceYear?: PerformanceYear;
  entityType: "group" | "virtualGroup";
  /**
   * The group is a small practice (15 or fewer eligible clinicians): from 2022 its PI is reweighted
   * automatically when it submits no PI data. Computed from `clinicians` when omitted.
   */
  smallPractice?: boolean;
  /** Statuses of the group as a whole (2025+). */
  groupStatuses?: GroupSpecialStatuses;
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
  /** Clinicians of types not MIPS eligible in the year: outside the 100% rule. */
  notMipsEligible: { npi: string; tin: string | null; clinicianType: ClinicianType }[];
  /** Warnings (e.g. NPIs that fail the check digit). */
  messages: string[];
  /** A status of the group as a whole that reweights it without the 100% rule (small practice 2022+; 2025+ group statuses). */
  groupLevelReason: string | null;
}

/**
 * The 100% rule: a group's (virtual group's) PI category is reweighted only if every MIPS eligible
 * clinician of the TIN (of every member TIN) qualifies, by any mix of automatic reasons and approved
 * hardship exceptions, and the group did not submit PI data. Throws BAD_INPUT for a clinician listed
 * twice (same TIN/NPI) or, for a group, under another TIN.
 */
export function groupReweighting(input: GroupReweightingInput): GroupReweightingResult {
  const year = input.performanceYear ?? 2018;
  const entity = input.entityType === "virtualGroup" ? "virtual group" : "group";
  // TIN/NPI pairs seen. A group with its TIN given has that one TIN (another is refused below), so its
  // NPIs alone tell the pairs apart: no key string per clinician to build and hash.
  const seen = new Set<string>();
  const oneTin = input.entityType === "group" && Boolean(input.tin);
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
    const key = oneTin ? c.npi : `${tin ?? ""}/${c.npi}`;
    if (seen.has(key)) {
      throw badInput(`clinicians[${i}]: NPI ${c.npi}${tin ? ` under TIN ${tin}` : ""} is listed more than once`, [
        { path: `clinicians[${i}].npi`, message: "each TIN/NPI pair may appear once" },
      ]);
    }
    seen.add(key);
    const npiProblem = describeNpiProblem(c.npi);
    if (npiProblem) messages.push(`clinicians[${i}]: ${npiProblem}; such an NPI cannot join a roster`);
    if (!isMipsEligibleType(c.clinicianType, year)) {
      notEligible.push({ npi: c.npi, tin, clinicianType: c.clinicianType });
      return;
    }
    const result = reweightClinician(c, year, false, false);
    if (result.qualifies) qualifying.push({ npi: c.npi, tin, reasons: result.reasons });
    else {
      // The reasons that do not count follow (the explanation's first line is the verdict).
      let why = `${c.clinicianType} with no automatic reweighting reason and no approved hardship exception`;
      for (let e = 1; e < result.explanation.length; e++) why += `; ${result.explanation[e] as string}`;
      blocking.push({ npi: c.npi, tin, why });
    }
  });

  const reasons: string[] = [];
  const eligibleCount = qualifying.length + blocking.length;
  const smallPractice = input.smallPractice ?? (eligibleCount > 0 && eligibleCount <= SMALL_PRACTICE_MAX_CLINICIANS);
  const groupReason = groupLevelReason(year, input.entityType, smallPractice, input.groupStatuses);
  if (notEligible.length > 0) {
    reasons.push(`${notEligible.length} clinician(s) of types not MIPS eligible are outside the 100% rule (${notEligible.map((c) => c.npi).join(", ")})`);
  }
  let allQualify = false;
  if (groupReason) {
    allQualify = true;
    reasons.push(`the ${entity} is ${groupReason}: its PI is reweighted as a whole${blocking.length > 0 ? ` (the 100% rule does not apply; ${blocking.length} clinician(s) without a reason of their own)` : ""}`);
  } else if (eligibleCount === 0) {
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
    blockingClinicians: groupReason ? [] : blocking,
    qualifyingClinicians: qualifying,
    notMipsEligible: notEligible,
    messages,
    groupLevelReason: groupReason,
  };
}

/** A small practice: 15 or fewer eligible clinicians in the TIN (CMS's definition since 2017). */
export const SMALL_PRACTICE_MAX_CLINICIANS = 15;

/** Types reweighted automatically in 2017-2018 or in some later year (2019, 2022 hold every one of them). */
let everReweightedTypes: ReadonlySet<ClinicianType> | null = null;
function everReweightedType(type: ClinicianType): boolean {
  everReweightedTypes ??= new Set([...AUTOMATICALLY_REWEIGHTED_TYPES, ...([2019, 2022] as const).flatMap((y) => yearFacts(y).automaticallyReweightedTypes)]);
  return everReweightedTypes.has(type);
}

/**
 * A status of the group as a whole that reweights its PI without the 100% rule: small practice from 2022
 * [C] AAO22b, DRC22 (not for virtual groups, whose size is their members'); from 2025 also a hospital-based,
 * non-patient-facing or ASC-based group [1] MDI25 (2022-2024 group statuses are a gap in our sources).
 */
function groupLevelReason(year: PerformanceYear, entityType: "group" | "virtualGroup", smallPractice: boolean, statuses: GroupSpecialStatuses | undefined): string | null {
  const facts = yearFacts(year);
  if (entityType === "group" && smallPractice && facts.smallPracticeReweightedAutomatically) return "a small practice (15 or fewer eligible clinicians; automatic from 2022)";
  if (!facts.groupSpecialStatusesReweight || !statuses) return null;
  if (statuses.hospitalBased) return "hospital-based as a group (2025+ group special status)";
  if (statuses.nonPatientFacing) return "non-patient facing as a group (2025+ group special status)";
  if (statuses.ascBased) return "ASC-based as a group (2025+ group special status)";
  return null;
}
