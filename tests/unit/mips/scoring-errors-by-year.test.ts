/**
 * Bad input for every year 2019-2026, through scoreSubmission (what `mips score` runs; cli-by-year.test.ts
 * runs the same inputs as processes for 2019 and 2026): a measure of another year or none, a measure sent
 * with its exclusion, numerator > denominator. Each is BAD_INPUT whose text (as the CLI prints it, through
 * describeError) names the measure and the year.
 */
import { describe, expect, it } from "vitest";
import { AppError, describeError } from "../../../lib/errors";
import { scoreSubmission } from "../../../lib/mips/score-submission";
import type { PerformanceYear } from "../../../lib/mips/years";
import { badInputs } from "./year-sets";

const YEARS: PerformanceYear[] = [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026];

function refusal(json: string): string {
  try {
    scoreSubmission(JSON.parse(json) as unknown, "stdin");
  } catch (error) {
    if (error instanceof AppError && error.code === "BAD_INPUT") return describeError(error);
    throw error;
  }
  throw new Error("expected BAD_INPUT");
}

/** numerator > denominator is refused by the submission schema: at its JSON path, naming the measure and the year. */
const NAMED = (what: string) => what !== "numerator > denominator";

describe.each(YEARS)("%i: bad input names the measure and the year", (year) => {
  it.each(badInputs(year).filter(([what]) => NAMED(what)).map(([what, json, measure]) => [what, measure, json]))("%s (%s)", (_, measure, json) => {
    const text = refusal(json);
    expect(text).toMatch(new RegExp(measure));
    expect(text).toMatch(new RegExp(`\\b${year}\\b`));
  });

  it("numerator > denominator: refused at its JSON path", () => {
    const [, json] = badInputs(year).find(([what]) => !NAMED(what)) as [string, string, string];
    expect(refusal(json)).toMatch(new RegExp(`measurementSets\\[0\\]\\.measurements\\[\\d+\\]\\.value\\.numerator: measure "PI_PEA_1" \\(${year}\\): numerator must not exceed denominator`));
  });
});
