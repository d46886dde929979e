/**
 * A short help text per PI measure, in our own words (not CMS's specification text): what counts in
 * the numerator and, where the measure has one, the exclusion. Keyed by measure id; a measure without
 * its own text falls back to the text of its family (the id without the trailing number).
 */
const HELP: Record<string, string> = {
  PI_EP_1: "Prescriptions sent electronically (and checked against a drug formulary) out of all permissible prescriptions. Exclusion: fewer than 100 prescriptions in the period.",
  PI_EP_2: "Prescriptions of Schedule II opioids for which a prescription drug monitoring program (PDMP) was queried. Exclusion: fewer than 100 permissible prescriptions, or no PDMP query possible in the workflow.",
  PI_LVPP_1: "Yes if an opioid treatment agreement was verified for patients receiving opioids for 30 days or more (bonus).",
  PI_PEA_1: "Patients given timely access to view, download and send their health information (and through an app of their choice). No exclusion.",
  PI_PEA_2: "Yes if the practice keeps patients' electronic health information available to them.",
  PI_HIE_1: "Transitions of care and referrals for which a summary of care record was created and sent electronically. Exclusion: fewer than 100 transitions or referrals sent.",
  PI_HIE_4: "Transitions into care where a summary of care record was received electronically and the medications, allergies and problems reconciled. Exclusion: fewer than 100 new patients or transitions received.",
  PI_HIE_5: "Yes if the practice exchanges health information bi-directionally with a health information exchange for all patients (replaces the two referral-loop measures).",
  PI_HIE_6: "Yes if the practice connects to TEFCA as a participant (replaces the two referral-loop measures).",
  PI_HIE_2: "Transitions of care for which a summary of care record was received or requested (2017-2018 measure).",
  PI_HIE_3: "Transitions of care with clinical information reconciliation (2017-2018 measure).",
  PI_PPHI_1: "Yes once a security risk analysis of the CEHRT in use was done (or reviewed) during the year. Required, no points.",
  PI_PPHI_2: "Yes once the SAFER Guides high-priority practices self-assessment was done for the year. Required, no points.",
  PI_PHCDRR_1: "Active engagement with a public health agency to submit immunization data. Exclusion: the agency does not accept such data, or the practice does not administer immunizations.",
  PI_PHCDRR_2: "Active engagement to submit syndromic surveillance data. Exclusion: no agency accepts it, or the practice is not in a category that collects it.",
  PI_PHCDRR_3: "Active engagement to submit electronic case reports of reportable conditions. Exclusion: no reportable conditions diagnosed, or no agency accepts them.",
  PI_PHCDRR_4: "Active engagement with a public health registry (bonus).",
  PI_PHCDRR_5: "Active engagement with a clinical data registry (bonus).",
  PI_PHCDRR_6: "Public health reporting through TEFCA (bonus).",
  PI_INFBLO_1: "Attestation that the practice did not knowingly and unreasonably limit the exchange or use of information in its CEHRT. Required.",
  PI_ONCDIR_1: "Attestation of cooperation with ONC direct review of the CEHRT, if asked. Required.",
  PI_ONCACB_1: "Attestation of cooperation with ONC-ACB surveillance of the CEHRT, if asked (optional).",
  PI_CCTPE_1: "Patients who viewed, downloaded or sent their health information (2017-2018 measure).",
  PI_CCTPE_2: "Secure messages sent to patients (2017-2018 measure).",
  PI_CCTPE_3: "Patient-generated data incorporated into the record (2017-2018 measure).",
  PI_IACEHRT_1: "Yes when an improvement activity was done using CEHRT (2017-2018 bonus).",
  PI_TRANS_MR_1: "Transitions into care with medication reconciliation (2017-2018 transition measure set).",
  PI_TRANS_PSE_1: "Patients given patient-specific education through CEHRT (2017-2018 transition measure set).",
  PI_TRANS_SM_1: "Patients sent a secure message through CEHRT (2017-2018 transition measure set).",
  PI_TRANS_PEA_2: "Patients who viewed, downloaded or sent their health information (2017-2018 transition measure set).",
};

const FAMILY: Record<string, string> = {
  PI_PHCDRR: "Active engagement with a public health or clinical data registry.",
  PI_HIE: "Health information exchange: summary of care records sent, received or reconciled.",
  PI_PEA: "Patient electronic access to their health information.",
  PI_EP: "Electronic prescribing.",
};

/** The help text of a measure, or null when we have none. */
export function measureHelp(measureId: string): string | null {
  // 2017 called the category ACI; engagement levels (_PRE, _PROD) and 2018's _MULTI share the measure's text.
  const base = measureId.replace(/^ACI_/, "PI_").replace(/_(PRE|PROD|MULTI)$/, "");
  const untransitioned = base.replace(/^PI_TRANS_/, "PI_");
  return HELP[base] ?? HELP[untransitioned] ?? FAMILY[untransitioned.replace(/_\d+$/, "")] ?? null;
}
