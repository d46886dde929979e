/**
 * Reads a QPP Submissions API JSON file into a Submission, through the one validator
 * (lib/mips/submission.ts `validateSubmission`: zod shape plus the year's catalog), so every problem is
 * reported at once with its JSON path. An NPI that fails its check digit still reads, with a warning
 * (CMS's own example submission has one; rules section 1). Quality and IA sets are kept as data; their
 * problems (what CMS will reject there) are warnings with their JSON path and never block PI.
 */
import { badInput } from "../errors";
import { describeNpiProblem, npiProblem } from "../mips/identifiers";
import { validateSubmission } from "../mips/submission";
import type { ReadResult } from "./qrda3/read";
import { WarningList } from "./warnings";

export function parseJsonText(text: string, source: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw badInput(`${source} is not valid JSON: ${(error as Error).message}`);
  }
}

/** Validates an already-parsed JSON value; throws BAD_INPUT listing every issue with its JSON path. */
export function readQppJsonValue(value: unknown, source: string): ReadResult {
  const result = validateSubmission(value);
  if (!result.ok) {
    throw badInput(`${source} is not a valid QPP submission (${result.issues.length} problem(s))`, result.issues);
  }
  const warnings = new WarningList(source);
  const { submission } = result;
  for (const finding of result.findings) warnings.add(finding.path, finding.message);
  const npi = submission.nationalProviderIdentifier;
  if (npi && npiProblem(npi) !== null) {
    warnings.add("nationalProviderIdentifier", `${describeNpiProblem(npi)}; it cannot join a roster until corrected`);
  }
  submission.clinicians?.forEach((c, i) => {
    if (npiProblem(c.npi) !== null) warnings.add(`clinicians[${i}].npi`, `${describeNpiProblem(c.npi)}`);
  });
  return { submission, warnings: warnings.items };
}

export function readQppJson(text: string, source: string): ReadResult {
  return readQppJsonValue(parseJsonText(text, source), source);
}
