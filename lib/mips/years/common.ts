/**
 * Values several years share, named once so each year file reads as "what this year is" (each year
 * still lists its own values; these are the building blocks).
 */
import type { ClinicianType } from "../submission";
import type { Assumption, HardshipReason } from "./types";

/** 2017-2018 MIPS eligible clinician types [rules page 2]. */
export const TYPES_2017: readonly ClinicianType[] = ["physician", "PA", "NP", "CNS", "CRNA"];
/** 2019 adds PT, OT, SLP, audiologists, clinical psychologists, dietitians [C] AAO19c, SUP19, AUD19. */
export const TYPES_2019: readonly ClinicianType[] = [
  ...TYPES_2017,
  "physicalTherapist",
  "occupationalTherapist",
  "speechLanguagePathologist",
  "audiologist",
  "clinicalPsychologist",
  "registeredDietitian",
];
/** 2022 adds clinical social workers and certified nurse-midwives [C] PFB22, AAO22d. */
export const TYPES_2022: readonly ClinicianType[] = [...TYPES_2019, "clinicalSocialWorker", "nurseMidwife"];

export const REASON = {
  insufficientInternetConnectivity: { code: "insufficientInternetConnectivity", label: "Insufficient Internet connectivity" },
  extremeAndUncontrollableCircumstances: { code: "extremeAndUncontrollableCircumstances", label: "Extreme and uncontrollable circumstances" },
  lackOfControlOverCehrt: { code: "lackOfControlOverCehrt", label: "Lack of control over the availability of CEHRT" },
  smallPractice: { code: "smallPractice", label: "Small practice (15 or fewer clinicians)" },
  decertifiedEhrTechnology: { code: "decertifiedEhrTechnology", label: "Decertified EHR technology" },
} as const satisfies Record<string, HardshipReason>;

/** The five PI hardship reasons of 2017-2023 [rules page 5; NEQ19, EAGLE19]. */
export const FIVE_HARDSHIP_REASONS: readonly HardshipReason[] = [
  REASON.insufficientInternetConnectivity,
  REASON.extremeAndUncontrollableCircumstances,
  REASON.lackOfControlOverCehrt,
  REASON.smallPractice,
  REASON.decertifiedEhrTechnology,
];
/** 2024+: small practice is no longer a reason to apply for (it is automatic) [C] PAL24, QPPD24. */
export const FOUR_HARDSHIP_REASONS: readonly HardshipReason[] = FIVE_HARDSHIP_REASONS.filter((r) => r.code !== "smallPractice");

/** The low-volume threshold from 2019: exceed all three to be required; $90,000, 200 beneficiaries, 200 services [C] AAO19c, SUP19. */
export const LOW_VOLUME_2019 = { allowedChargesCents: 90_000_00, beneficiaries: 200, coveredServices: 200 } as const;

/** Clinician types reweighted automatically 2019-2022: NP/PA/CNS/CRNA and the 2019 newcomers [EAGLE19; 2020: AHIMA]. */
export const REWEIGHTED_TYPES_2019: readonly ClinicianType[] = [
  "PA",
  "NP",
  "CNS",
  "CRNA",
  "physicalTherapist",
  "occupationalTherapist",
  "speechLanguagePathologist",
  "audiologist",
  "clinicalPsychologist",
  "registeredDietitian",
];
/** 2023: NP/PA/CNS/CRNA no longer (assumed, see ASSUME.npPa2023); the 2019 newcomers and clinical social workers still [TEB23]. */
export const REWEIGHTED_TYPES_2023: readonly ClinicianType[] = [
  "physicalTherapist",
  "occupationalTherapist",
  "speechLanguagePathologist",
  "audiologist",
  "clinicalPsychologist",
  "registeredDietitian",
  "clinicalSocialWorker",
];

/** Required "yes" attestations 2019+ (ONC-ACB surveillance stays optional) and the security risk analysis [QMD]. */
export const ATTESTATIONS_AND_SRA = ["PI_PPHI_1", "PI_INFBLO_1", "PI_ONCDIR_1"] as const;

/** Assumptions several years share, in the words the user reads. */
export const ASSUME = {
  rounding: {
    about: "rounding",
    text: "Points are rounded to the nearest whole point, half up: CMS says \"nearest whole number\" without saying how exactly .5 rounds [AAO21a].",
  },
  redistribution2019: {
    about: "redistribution",
    text: "Where an excluded measure's points go (e-Prescribing: 5 to each referral-loop measure; a referral-loop measure: 20 to Provide Patients Electronic Access) is not in the sources we hold; this estimate assumes CMS's 2019 PI scoring methodology as we understand it (secondary sources say CMS had not defined it [KAR21]).",
  },
  hieExclusion2023: {
    about: "redistribution",
    text: "An excluded referral-loop measure (PI_LVOTC_1 or PI_LVITC_2): CMS has not published where its 15 points go from 2023; this estimate moves them to Provide Patients Electronic Access, as in 2019-2022.",
  },
  eRx2023: {
    about: "redistribution",
    text: "An excluded e-Prescribing measure moves its 10 points to the HIE objective [AAO23a]; how they split is not published: this estimate gives 5 to each referral-loop measure, or 10 to PI_HIE_5 / PI_HIE_6 when that option is reported.",
  },
  publicHealthAllExcluded2023: {
    about: "redistribution",
    text: "Public health with both required measures excluded: this estimate moves the objective's 25 points to Provide Patients Electronic Access, as in 2019-2022 (not restated by CMS from 2023).",
  },
  eRxAndPdmp2023: {
    about: "redistribution",
    text: "With both e-Prescribing and the PDMP query excluded, this estimate moves the 20 points to the HIE objective (CMS's combined handling is not published).",
  },
  safer2024: {
    about: "safer",
    text: "From 2024 this estimate requires a \"yes\" on the SAFER Guides measure (PI_PPHI_2), as CMS's CY2024 rule is reported to require (AAD25 lists it among the \"yes\" items for 2025); a \"no\" scores the category 0.",
  },
  clinicianTypes2022: {
    about: "clinicianTypes",
    text: "Automatic PI reweighting by clinician type: our sources show NP, PA, CNS and CRNA reweighted through 2020 and not among the 2024-2025 statuses, the 2019 clinician types reweighted in 2020 and 2023, and clinical social workers from 2022 (a proposed-rule summary); this portal reweights NP/PA/CNS/CRNA through 2022, the 2019 types through 2023, and clinical social workers 2022-2024.",
  },
  npPa2023: {
    about: "clinicianTypes",
    text: "From 2023 this portal no longer reweights NP, PA, CNS and CRNA automatically: CMS's sources we hold do not list them after 2020 nor among the 2024-2025 reweighting statuses; the exact last year is not published in them.",
  },
  types2024: {
    about: "clinicianTypes",
    text: "2024: automatic reweighting ended for physical and occupational therapists, speech-language pathologists, audiologists, clinical psychologists and dietitians [MMS24]; clinical social workers are still reweighted in 2024 and not from 2025 [MDI25].",
  },
  standardWeights2022: {
    about: "weights",
    text: "When PI is reweighted for a practice that is not small, this estimate assumes Quality 55%, Cost 30%, IA 15% (CMS's 2025 table [MDI25]; the 2022-2024 tables are not in our sources).",
  },
} as const satisfies Record<string, Assumption>;
