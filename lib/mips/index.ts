/**
 * lib/mips: the MIPS rules engine (Promoting Interoperability, 2017 ACI and 2018 PI). Framework-free,
 * deterministic; every result carries its explanation. Rules: ../shared/domain/mips-rules.md.
 */
export * from "./catalog";
export * from "./identifiers";
export * from "./submission";
export * from "./eligibility";
export * from "./reweighting";
export * from "./final-score";
export * from "./scoring";
export { scoreSubmission } from "./score-submission";
export type { SubmissionMeasureOutput, SubmissionScoreReport, SubmissionYesNoOutput } from "./score-submission";
