/** Words people read for the roster's codes (clinician types, hardship reasons and statuses). */
import { CLINICIAN_TYPES, type ClinicianType } from "../mips/submission";
import { type HARDSHIP_REASONS } from "../mips/reweighting";

export const CLINICIAN_TYPE_LABELS: Record<ClinicianType, string> = {
  physician: "Physician (MD/DO, DMD/DDS, ...)",
  PA: "Physician assistant (PA)",
  NP: "Nurse practitioner (NP)",
  CNS: "Clinical nurse specialist (CNS)",
  CRNA: "Certified registered nurse anesthetist (CRNA)",
  physicalTherapist: "Physical therapist",
  occupationalTherapist: "Occupational therapist",
  speechLanguagePathologist: "Speech-language pathologist",
  audiologist: "Audiologist",
  nurseMidwife: "Nurse midwife",
  clinicalSocialWorker: "Clinical social worker",
  clinicalPsychologist: "Clinical psychologist",
  registeredDietitian: "Registered dietitian",
  other: "Other",
};

export type HardshipReason = (typeof HARDSHIP_REASONS)[number];

export const HARDSHIP_REASON_LABELS: Record<HardshipReason, string> = {
  insufficientInternetConnectivity: "Insufficient internet connectivity",
  extremeAndUncontrollableCircumstances: "Extreme and uncontrollable circumstances",
  lackOfControlOverCehrt: "Lack of control over the availability of CEHRT",
  smallPractice: "Small practice",
  decertifiedEhrTechnology: "Decertified EHR technology",
};

export const EXTREME_CIRCUMSTANCE_LABELS = {
  disaster: "Disaster",
  practiceOrHospitalClosing: "Practice or hospital closing",
  severeFinancialDistress: "Severe financial distress",
} as const;

const key = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");

/** Words accepted for each clinician type in a CSV: the code, the label, common abbreviations. */
const TYPE_ALIASES = new Map<string, ClinicianType>();
for (const type of CLINICIAN_TYPES) {
  TYPE_ALIASES.set(key(type), type);
  TYPE_ALIASES.set(key(CLINICIAN_TYPE_LABELS[type]), type);
  TYPE_ALIASES.set(key(CLINICIAN_TYPE_LABELS[type].replace(/\s*\(.*\)$/, "")), type);
}
for (const [alias, type] of [
  ["MD", "physician"], ["DO", "physician"], ["DDS", "physician"], ["DMD", "physician"], ["DPM", "physician"], ["OD", "physician"], ["DC", "physician"],
  ["PT", "physicalTherapist"], ["OT", "occupationalTherapist"], ["SLP", "speechLanguagePathologist"], ["CNM", "nurseMidwife"],
  ["CSW", "clinicalSocialWorker"], ["LCSW", "clinicalSocialWorker"], ["psychologist", "clinicalPsychologist"], ["RD", "registeredDietitian"], ["dietitian", "registeredDietitian"],
] as const) TYPE_ALIASES.set(key(alias), type);

/** A clinician type from a code, label or abbreviation (`MD`, `nurse practitioner`, `NP`), or null. */
export function parseClinicianType(input: string): ClinicianType | null {
  return TYPE_ALIASES.get(key(input)) ?? null;
}
