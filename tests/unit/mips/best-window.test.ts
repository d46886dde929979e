/** The best reporting window over quarterly or monthly slices, hand-computed with a one-measure scorer (the rate in percent). */
import { describe, expect, it } from "vitest";
import { bestReportingWindow, sumSlices, type DataSlice, type SliceValue } from "../../../lib/mips/best-window";

const q = (year: number, n: 1 | 2 | 3 | 4, numerator: number, denominator = 100): DataSlice => {
  const bounds = { 1: ["01-01", "03-31"], 2: ["04-01", "06-30"], 3: ["07-01", "09-30"], 4: ["10-01", "12-31"] }[n];
  return { start: `${year}-${bounds[0]}`, end: `${year}-${bounds[1]}`, values: { PI_EP_1: { numerator, denominator } } };
};
/** The rate of PI_EP_1 in percent, one decimal. */
const rate = (values: Record<string, SliceValue>) => {
  const v = values.PI_EP_1;
  return v && "numerator" in v && v.denominator > 0 ? Math.round((1000 * v.numerator) / v.denominator) / 10 : null;
};

describe("bestReportingWindow", () => {
  it("2018 (90 days), quarters 50/100, 90/100, 80/100, 10/100: Q2 alone scores 90 against 57.5 for the full year", () => {
    const r = bestReportingWindow({ performanceYear: 2018, slices: [q(2018, 1, 50), q(2018, 2, 90), q(2018, 3, 80), q(2018, 4, 10)], score: rate });
    if (!r.splittable) throw new Error(r.reason);
    expect(r.minimumDays).toBe(90);
    // 4 single quarters (90-92 days each) + 3 pairs + 2 triples + the year = 10 windows.
    expect(r.windows).toHaveLength(10);
    expect(r.best).toMatchObject({ start: "2018-04-01", end: "2018-06-30", days: 91, score: 90 });
    expect(r.fullYear).toMatchObject({ start: "2018-01-01", end: "2018-12-31", days: 365, score: 57.5, values: { PI_EP_1: { numerator: 230, denominator: 400 } } });
  });

  it("2024 (180 days): a single quarter is too short; Q2+Q3 = 170/200 = 85 is best", () => {
    const r = bestReportingWindow({ performanceYear: 2024, slices: [q(2024, 1, 50), q(2024, 2, 90), q(2024, 3, 80), q(2024, 4, 10)], score: rate });
    if (!r.splittable) throw new Error(r.reason);
    expect(r.minimumDays).toBe(180);
    expect(r.windows.every((w) => w.days >= 180)).toBe(true);
    // Pairs (3), triples (2), the year (1).
    expect(r.windows).toHaveLength(6);
    expect(r.best).toMatchObject({ start: "2024-04-01", end: "2024-09-30", days: 183, score: 85 });
  });

  it("a tie keeps the earliest window; a window that does not score is never best", () => {
    const r = bestReportingWindow({ performanceYear: 2018, slices: [q(2018, 1, 70), q(2018, 2, 70), q(2018, 3, 0, 0), q(2018, 4, 70)], score: rate });
    if (!r.splittable) throw new Error(r.reason);
    expect(r.best).toMatchObject({ start: "2018-01-01", end: "2018-03-31", score: 70 });
    expect(r.windows.find((w) => w.start === "2018-07-01" && w.end === "2018-09-30")!.score).toBeNull();
  });

  it("data that cannot be split says so: one report for the year, a gap between reports", () => {
    const year = bestReportingWindow({ performanceYear: 2018, slices: [{ start: "2018-01-01", end: "2018-12-31", values: {} }], score: rate });
    expect(year).toEqual({ splittable: false, reason: expect.stringMatching(/one report for 2018-01-01 to 2018-12-31: it cannot be split/) });
    const gap = bestReportingWindow({ performanceYear: 2018, slices: [q(2018, 1, 1), q(2018, 3, 1)], score: rate });
    expect(gap).toEqual({ splittable: false, reason: expect.stringMatching(/leave a gap/) });
  });
});

describe("sumSlices", () => {
  it("adds numerators and denominators; a yes/no holds only when every slice says yes", () => {
    expect(
      sumSlices([
        { start: "2018-01-01", end: "2018-01-31", values: { PI_EP_1: { numerator: 3, denominator: 4 }, PI_PPHI_1: { yesNo: true } } },
        { start: "2018-02-01", end: "2018-02-28", values: { PI_EP_1: { numerator: 5, denominator: 6 }, PI_PPHI_1: { yesNo: false } } },
      ]),
    ).toEqual({ PI_EP_1: { numerator: 8, denominator: 10 }, PI_PPHI_1: { yesNo: false } });
  });
});
