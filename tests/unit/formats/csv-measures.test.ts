import { describe, expect, it } from "vitest";
import { describeCsvProblem, readCsvMeasures } from "@/lib/formats/csv-measures";
import { scoreSubmission, validateSubmission } from "@/lib/mips";

const HEADER = "performance_year,tin,npi,cehrt_id,performance_start,performance_end,measure_id,numerator,denominator,yes_no,exclusion";
const row = (cells: string) => `2018,123456789,1234567893,0015EAAAAAAAAAA,2018-01-01,2018-03-31,${cells}`;

function csv(...lines: string[]) {
  return [HEADER, ...lines].join("\n");
}

describe("readCsvMeasures", () => {
  it("groups rows into one submission per TIN/NPI/CEHRT/period that validates and scores", () => {
    const result = readCsvMeasures(
      csv(
        row("PI_PPHI_1,,,yes,"),
        row("PI_EP_1,0,0,,yes"),
        row("PI_PEA_1,72,100,,"),
        row("PI_HIE_1,10,20,,"),
        row("PI_HIE_2,5,10,,"),
        row("PI_INFBLO_1,,,yes,"),
        row("PI_ONCDIR_1,,,yes,"),
        "2018,12-3456789,,0015EBBBBBBBBBB,2018-01-01,2018-03-31,PI_PEA_1,1,2,,",
      ),
    );
    if (!result.ok) throw new Error(result.problems.map(describeCsvProblem).join("\n"));
    expect(result.rowCount).toBe(8);
    expect(result.groups).toHaveLength(2);
    const [individual, group] = result.groups;
    expect(individual!.submission).toMatchObject({ entityType: "individual", taxpayerIdentificationNumber: "123456789", nationalProviderIdentifier: "1234567893" });
    expect(group!.submission).toMatchObject({ entityType: "group", taxpayerIdentificationNumber: "123456789" });
    expect(group!.rows).toEqual([9]);
    // The exclusion column adds the catalog's exclusion measure for e-Prescribing.
    const set = individual!.submission.measurementSets[0]!;
    expect(set.measurements).toContainEqual({ measureId: "PI_LVPP_1", value: true });
    expect(set.cehrtId).toBe("0015EAAAAAAAAAA");
    expect(validateSubmission(individual!.submission).ok).toBe(true);
    const score = scoreSubmission(individual!.submission);
    expect(score.score?.base).toBe(50);
  });

  it("reports every row problem at once with row, column and what is expected", () => {
    const result = readCsvMeasures(
      csv(
        row("PI_PEA_1,12,10,,"), // numerator > denominator
        row("PI_PEA_2,1.5,10,,"), // fraction
        "2018,12345,1234567890,0015EAAAAAAAAAA,2018-01-01,2018-03-31,PI_HIE_1,1,2,,", // bad TIN, NPI check digit
        "2018,123456789,,0015EAAAAAAAAAA,2018-01-01,2018-02-15,PI_HIE_2,1,2,,", // period < 90 days
        row("ACI_PEA_1,1,2,,"), // measure of 2017
        row("PI_PPHI_1,,,maybe,"),
        row("PI_EP_1,3,10,,yes"), // exclusion with non-zero counts
      ),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const text = result.problems.map(describeCsvProblem);
    expect(text).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^row 2, column numerator: .*exceeds denominator 10/),
        expect.stringMatching(/^row 3, column numerator: "1.5" is not a whole number/),
        expect.stringMatching(/^row 4, column tin: "12345" is not a TIN \(expected 9 digits/),
        expect.stringMatching(/^row 4, column npi: .*check digit/),
        expect.stringMatching(/^row 5, column performance_end: .*at least 90/),
        expect.stringMatching(/^row 6, column measure_id: .*belongs to performance year 2017/),
        expect.stringMatching(/^row 7, column yes_no: "maybe" is not yes or no/),
        expect.stringMatching(/^row 8, column numerator: PI_EP_1: the exclusion PI_LVPP_1 is claimed, so report 0\/0/),
      ]),
    );
  });

  it("names missing and unknown columns from the header", () => {
    const result = readCsvMeasures("performance_year,tin,measure_id,numerater\n2018,123456789,PI_EP_1,1\n");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const text = result.problems.map(describeCsvProblem).join("\n");
    expect(text).toMatch(/unknown column "numerater"/);
    expect(text).toMatch(/missing column "performance_start"/);
    expect(text).toMatch(/missing column "performance_end"/);
  });

  it("refuses a measure given twice for the same TIN/NPI/product/period", () => {
    const result = readCsvMeasures(csv(row("PI_PEA_1,1,2,,"), row("PI_PEA_1,3,4,,")));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map(describeCsvProblem)).toEqual([expect.stringMatching(/^row 3, column measure_id: PI_PEA_1 is already given on row 2/)]);
  });

  it("reports a row with missing cells and an empty file", () => {
    const short = readCsvMeasures(csv("2018,123456789"));
    expect(short.ok).toBe(false);
    if (!short.ok) expect(describeCsvProblem(short.problems[0]!)).toMatch(/row 2: has 2 cells, the header has 11/);
    const empty = readCsvMeasures("");
    expect(empty.ok).toBe(false);
  });
});
