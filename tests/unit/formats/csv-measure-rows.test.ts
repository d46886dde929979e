import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseCsvText } from "@/lib/csv/parse";
import { readCsvMeasureHeader, readCsvMeasureRow } from "@/lib/formats/csv-measure-rows";
import { readCsvMeasures, type CsvMeasureProblem } from "@/lib/formats/csv-measures";

/** The row-at-a-time reader over a whole text: its problems, in row order (duplicates aside). */
function rowProblems(text: string): CsvMeasureProblem[] {
  const { records, problems } = parseCsvText(text);
  const out: CsvMeasureProblem[] = problems.map((p) => ({ row: p.row, column: "(file)", message: p.message }));
  const [first, ...rest] = records;
  if (!first) return [...out, { row: 1, column: "(file)", message: "the file is empty: expected a header row naming the columns" }];
  const { header, problems: headerProblems } = readCsvMeasureHeader(first);
  out.push(...headerProblems);
  if (!header) return out;
  let valid = 0;
  for (const record of rest) {
    const read = readCsvMeasureRow(header, record);
    out.push(...read.problems);
    if (read.row) valid++;
  }
  if (valid === 0 && out.length === 0) out.push({ row: 2, column: "(file)", message: "the file has a header but no data rows" });
  return out.sort((a, b) => a.row - b.row);
}

const HEADER = "performance_year,tin,npi,cehrt_id,performance_start,performance_end,measure_id,numerator,denominator,yes_no,exclusion";
const GOOD = [
  "2018,123456789,1234567893,0015E0123456789,2018-01-01,2018-12-31,PI_EP_1,5,10,,",
  "2018,123456789,1234567893,0015E0123456789,2018-01-01,2018-12-31,PI_PPHI_1,,,yes,",
  "2018,12-3456789,,,2018-01-01,2018-12-31,PI_HIE_1,0,0,,",
];
/** Cells that break one rule each (year, TIN, NPI, CEHRT ID, dates, measure, counts, yes/no, exclusion). */
const BAD_CELLS: [number, string][] = [
  [0, "2031"], [0, "x"], [1, "12345"], [2, "1234567890"], [3, "0015e01"], [4, "2018-13-01"], [5, "2018-02-01"], [6, ""], [6, "PI_NOPE_9"],
  [7, "-1"], [7, "20"], [8, "ten"], [9, "maybe"], [10, "sure"], [10, "yes"],
];

describe("readCsvMeasureRow (the streamed import's reader)", () => {
  it("reports the same problems as readCsvMeasures, row and column included, on files with broken cells (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: GOOD.length - 1 }), fc.option(fc.integer({ min: 0, max: BAD_CELLS.length - 1 }))), { minLength: 1, maxLength: 8 }), (spec) => {
        // Each row a good one with at most one broken cell; distinct periods keep measures from repeating.
        const rows = spec.map(([g, bad], i) => {
          const cells = GOOD[g]!.split(",");
          cells[4] = `2018-01-0${1 + (i % 9)}`;
          if (bad !== null) {
            const [column, value] = BAD_CELLS[bad]!;
            cells[column] = value;
          }
          return cells.join(",");
        });
        const text = [HEADER, ...rows].join("\n");
        const whole = readCsvMeasures(text);
        const expected = whole.ok ? [] : whole.problems;
        expect(rowProblems(text).filter((p) => !/already given on row/.test(p.message))).toEqual(expected.filter((p) => !/already given on row/.test(p.message)));
      }),
      { numRuns: 200 },
    );
  });

  it("refuses a header with an unknown, doubled or missing column like the preview", () => {
    for (const header of ["tin,npi,colour", "performance_year,tin,tin,performance_start,performance_end,measure_id,numerator,denominator", ""]) {
      const text = `${header}\n1,2,3\n`;
      const whole = readCsvMeasures(text);
      expect(rowProblems(text)).toEqual(whole.ok ? [] : whole.problems);
    }
  });
});
