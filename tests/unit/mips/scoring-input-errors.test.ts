/** Invalid input is a typed BAD_INPUT error naming the measure id or field; never a silent score. */
import { describe, expect, it } from "vitest";
import { AppError } from "../../../lib/errors";
import { scorePiCategory } from "../../../lib/mips";
import type { PiScoringInput } from "../../../lib/mips";
import { p, workedExample } from "./helpers";

function errorOf(input: PiScoringInput): AppError {
  try {
    scorePiCategory(input);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a BAD_INPUT error");
}

describe("scorePiCategory input errors", () => {
  it.each<[string, PiScoringInput, RegExp]>([
    ["unknown measure id", workedExample({ PI_NOPE_9: true }), /measurements\.PI_NOPE_9: unknown measure "PI_NOPE_9" for performance year 2018/],
    ["measure of another year", workedExample({ ACI_TRANS_SM_1: p(1, 2) }), /"ACI_TRANS_SM_1" belongs to performance year 2017, not 2018/],
    ["numerator > denominator", workedExample({ PI_TRANS_SM_1: p(751, 750) }), /PI_TRANS_SM_1\.numerator: measure "PI_TRANS_SM_1": numerator 751 exceeds denominator 750/],
    ["negative count", workedExample({ PI_TRANS_SM_1: p(-1, 750) }), /PI_TRANS_SM_1.*negative count/],
    ["fractional count", workedExample({ PI_TRANS_SM_1: p(1, 7.5) }), /PI_TRANS_SM_1\.denominator.*not a fraction/],
    ["yes/no value on a proportion", workedExample({ PI_TRANS_SM_1: true }), /"PI_TRANS_SM_1" is a proportion/],
    ["proportion on a yes/no measure", workedExample({ PI_TRANS_PPHI_1: p(1, 1) }), /"PI_TRANS_PPHI_1" is yes\/no/],
    ["start after end", { ...workedExample(), performanceStart: "2018-05-01", performanceEnd: "2018-04-01" }, /performanceEnd: performance period ends \(2018-04-01\) before it starts \(2018-05-01\)/],
    ["period outside the year", { ...workedExample(), performanceStart: "2017-12-01", performanceEnd: "2018-04-01" }, /performanceStart: 2017-12-01 is outside performance year 2018/],
    ["not a date", { ...workedExample(), performanceEnd: "2018-02-30" }, /"2018-02-30" is not a calendar date/],
    ["unsupported year (2027's rules are not sourced yet)", { ...workedExample(), performanceYear: 2027 }, /performance year 2027 is not supported yet: its rules are not final or not yet sourced \(supported: 2017-2026\)/],
    ["a year before MIPS", { ...workedExample(), performanceYear: 2016 }, /performance year 2016 is not supported \(supported: 2017-2026\)/],
  ])("%s", (_name, input, message) => {
    const error = errorOf(input);
    expect(error.code).toBe("BAD_INPUT");
    expect(`${error.message}\n${error.issues.map((i) => `${i.path}: ${i.message}`).join("\n")}`).toMatch(message);
  });

  it("reports every problem at once", () => {
    const error = errorOf(workedExample({ PI_NOPE_9: true, PI_TRANS_SM_1: p(9, 8), PI_TRANS_MR_1: p(-1, 1) }));
    expect(error.issues.map((i) => i.path)).toEqual([
      "measurements.PI_TRANS_SM_1.numerator",
      "measurements.PI_TRANS_MR_1.numerator",
      "measurements.PI_NOPE_9",
    ]);
    expect(error.message).toBe("invalid PI scoring input (3 problems)");
  });
});
