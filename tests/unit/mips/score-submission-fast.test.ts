/**
 * scoreSubmission scores a parsed submission's PI set with the year's rules directly, without running
 * scorePiCategory's validation again: whatever parseSubmission accepts, that validation finds nothing in
 * (random submissions of every year, valid and not; seeded per year, FC_SEED replays), and the report shows
 * scorePiCategory's result: the score, every explanation line, bonus, assumption, failed prerequisite,
 * message and measure row.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "../../../lib/errors";
import { getCatalog, PERFORMANCE_YEARS, type PerformanceYear } from "../../../lib/mips/catalog";
import { cehrtEditionFromId, type CehrtEdition } from "../../../lib/mips/identifiers";
import { scorePiCategory, scoringInputIssues } from "../../../lib/mips/scoring";
import type { MeasurementValue, PiCategoryScore, PiScoringInput } from "../../../lib/mips/scoring/types";
import { scoreSubmission, type SubmissionScoreReport } from "../../../lib/mips/score-submission";
import { type MeasurementSet, parseSubmission, piMeasurementSet } from "../../../lib/mips/submission";

const count = fc.oneof(fc.integer({ min: 0, max: 2000 }), fc.constantFrom(0, 1, 2 ** 53 - 1));
const value = fc.oneof(
  { arbitrary: fc.boolean(), weight: 3 },
  { arbitrary: fc.tuple(count, count).map(([a, b]) => ({ numerator: Math.min(a, b), denominator: Math.max(a, b) })), weight: 3 },
  { arbitrary: fc.tuple(count, count).map(([a, b]) => ({ numerator: a, denominator: b })), weight: 1 },
);
const date = (year: number) =>
  fc.oneof(
    { arbitrary: fc.integer({ min: 0, max: 365 }).map((d) => new Date(Date.UTC(year, 0, 1 + d)).toISOString().slice(0, 10)), weight: 8 },
    { arbitrary: fc.constantFrom(`${year}-02-29`, `${year}-04-31`, `${year + 1}-01-01`, `${year - 1}-12-31`), weight: 1 },
  );

function submissionOf(year: PerformanceYear): fc.Arbitrary<unknown> {
  const ids = getCatalog(year).measures.map((m) => m.measureId);
  return fc
    .record({
      picked: fc.subarray(ids, { minLength: 0, maxLength: 16 }),
      values: fc.array(value, { minLength: 16, maxLength: 16 }),
      // Mostly in order (a period that ends before it starts is refused, which checks nothing further).
      period: fc.oneof({ arbitrary: fc.tuple(date(year), date(year)).map(([a, b]) => (a <= b ? [a, b] : [b, a])), weight: 4 }, { arbitrary: fc.tuple(date(year), date(year)), weight: 1 }),
      cehrtEdition: fc.option(fc.constantFrom("2014", "2015", "2014/2015"), { freq: 2 }),
      cehrtId: fc.option(fc.constantFrom("0015H1234567890", "0015ABCDEFGHIJK", "0014ABCDEFGHIJK", "ABCDEFGHIJKLMNO"), { freq: 2 }),
    })
    .map(({ picked, values, period: [start, end], cehrtEdition, cehrtId }) => ({
      performanceYear: year,
      entityType: "individual",
      taxpayerIdentificationNumber: "123456789",
      nationalProviderIdentifier: "1234567893",
      measurementSets: [
        {
          category: year === 2017 ? "aci" : "pi",
          performanceStart: start,
          performanceEnd: end,
          measurements: picked.map((measureId, i) => ({ measureId, value: values[i] as MeasurementValue })),
          ...(cehrtEdition ? { cehrtEdition } : {}),
          ...(cehrtId ? { cehrtId } : {}),
        },
      ],
    }));
}

/** The scoring input scoreSubmission builds from a parsed PI set. */
function scoringInput(year: PerformanceYear, set: MeasurementSet): PiScoringInput {
  const measurements: Record<string, MeasurementValue> = {};
  for (const m of set.measurements) measurements[m.measureId] = m.value;
  const cehrtEdition = ((set.cehrtEdition ?? null) as CehrtEdition | null) ?? (set.cehrtId ? cehrtEditionFromId(set.cehrtId) : null);
  return { performanceYear: year, measurements, cehrtEdition, performanceStart: set.performanceStart ?? "", performanceEnd: set.performanceEnd ?? "" };
}

describe("scoreSubmission needs no second validation of a parsed PI set", () => {
  it.each(PERFORMANCE_YEARS.map((y) => [y]))("%i: parsed sets pass scorePiCategory's validation, and score the same", (year) => {
    const seed = Number(process.env.FC_SEED ?? 20_260_000 + year);
    console.log(`score-submission-fast ${year}: fast-check seed ${seed} (replay with FC_SEED=${seed})`);
    let parsed = 0;
    fc.assert(
      fc.property(submissionOf(year), (json) => {
        let set: MeasurementSet | undefined;
        try {
          set = piMeasurementSet(parseSubmission(json));
        } catch (error) {
          expect(error).toBeInstanceOf(AppError);
          return;
        }
        if (!set) return;
        const derived = set.cehrtId ? cehrtEditionFromId(set.cehrtId) : null;
        if (set.cehrtEdition && derived && set.cehrtEdition !== derived) return; // refused by scoreSubmission itself
        parsed++;
        const input = scoringInput(year, set);
        expect(scoringInputIssues(input)).toEqual([]);
        let expected: unknown;
        try {
          expected = scorePiCategory(input);
        } catch (error) {
          expected = error;
        }
        let actual: SubmissionScoreReport | Error;
        try {
          actual = scoreSubmission(json);
        } catch (error) {
          actual = error as Error;
        }
        if (expected instanceof Error) {
          expect((actual as Error).message).toBe(expected.message);
          return;
        }
        expect(actual).not.toBeInstanceOf(Error);
        expectSameReport(actual as SubmissionScoreReport, expected as PiCategoryScore);
      }),
      { numRuns: 1000, seed },
    );
    // Enough of the random submissions must get past parsing for the comparison to mean something.
    expect(parsed).toBeGreaterThan(50);
  });
});

/**
 * The report scoreSubmission builds (validation's Map of values, no second validation) against the full
 * path's score (scorePiCategory on the record, validated again): every figure and line it shows.
 */
function expectSameReport(report: SubmissionScoreReport, full: PiCategoryScore): void {
  expect(report.score).toEqual({ total: full.total, ...(full.shape === "basePerformanceBonus" ? { base: full.base, performance: full.performance, bonus: full.bonus } : {}) });
  expect(report.measureSet).toBe(full.measureSet);
  expect(report.finalScorePoints).toBe(full.finalScorePoints);
  expect(report.performancePeriodDays).toBe(full.performancePeriodDays);
  expect(report.explanation).toEqual(full.explanation);
  expect(report.bonuses).toEqual(full.bonuses);
  expect(report.assumptions).toEqual(full.assumptions);
  expect(report.failedPrerequisites).toEqual(full.failedPrerequisites);
  // The submission's own notes (edition derived from the ID, ...) come first, then the score's.
  expect(report.messages.slice(report.messages.length - full.messages.length)).toEqual(full.messages);
  const rows = new Map(full.measures.map((r) => [r.measureId, r]));
  for (const m of report.measures) {
    const row = rows.get(m.measureId);
    expect(row, m.measureId).toBeDefined();
    expect({ points: m.points, maxPoints: m.maxPoints, numerator: m.numerator, denominator: m.denominator, title: m.title, rate: m.rate }).toEqual({
      points: row?.points,
      maxPoints: row?.maxPoints,
      numerator: row?.numerator,
      denominator: row?.denominator,
      title: row?.title,
      rate: row?.rate ?? "",
    });
  }
  expect(report.yesNoMeasures).toEqual(full.measures.filter((r) => r.numerator === null).map((r) => ({ measureId: r.measureId, title: r.title, value: r.value, points: r.points, maxPoints: r.maxPoints })));
}

describe("the fast path's comparison can fail", () => {
  it("a report differing from the full path's score in one explanation line is caught", () => {
    const json = {
      performanceYear: 2026,
      entityType: "individual",
      taxpayerIdentificationNumber: "123456789",
      nationalProviderIdentifier: "1234567893",
      measurementSets: [
        {
          category: "pi",
          performanceStart: "2026-01-01",
          performanceEnd: "2026-12-31",
          measurements: [
            { measureId: "PI_INFBLO_1", value: true },
            { measureId: "PI_ONCDIR_1", value: true },
            { measureId: "PI_PPHI_1", value: true },
            { measureId: "PI_PPHI_2", value: true },
            { measureId: "PI_EP_1", value: { numerator: 50, denominator: 100 } },
          ],
        },
      ],
    };
    const set = piMeasurementSet(parseSubmission(json)) as MeasurementSet;
    const full = scorePiCategory(scoringInput(2026, set));
    const report = scoreSubmission(json);
    expectSameReport(report, full);
    const changed = { ...report, explanation: report.explanation.map((l, i) => (i === 0 ? { ...l, message: `${l.message}.` } : l)) };
    expect(() => expectSameReport(changed, full)).toThrow();
  });
});

