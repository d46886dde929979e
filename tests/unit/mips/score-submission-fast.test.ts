/**
 * scoreSubmission scores a parsed submission's PI set with the year's rules directly, without running
 * scorePiCategory's validation again: whatever parseSubmission accepts, that validation finds nothing in
 * (random submissions of every year, valid and not; seeded per year, FC_SEED replays), and the score is scorePiCategory's.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "../../../lib/errors";
import { getCatalog, PERFORMANCE_YEARS, type PerformanceYear } from "../../../lib/mips/catalog";
import { cehrtEditionFromId, type CehrtEdition } from "../../../lib/mips/identifiers";
import { scorePiCategory, scoringInputIssues } from "../../../lib/mips/scoring";
import type { MeasurementValue, PiScoringInput } from "../../../lib/mips/scoring/types";
import { scoreSubmission } from "../../../lib/mips/score-submission";
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
        let actual: unknown;
        try {
          actual = scoreSubmission(json).score;
        } catch (error) {
          actual = error;
        }
        if (expected instanceof Error) expect((actual as Error).message).toBe(expected.message);
        else expect(actual).toEqual({ total: (expected as { total: number }).total, ...(year <= 2018 ? { base: (expected as { base: number }).base, performance: (expected as { performance: number }).performance, bonus: (expected as { bonus: number }).bonus } : {}) });
      }),
      { numRuns: 1000, seed },
    );
    // Enough of the random submissions must get past parsing for the comparison to mean something.
    expect(parsed).toBeGreaterThan(50);
  });
});
