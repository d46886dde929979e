/** Property-based tests (fast-check) of the scoring rules. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getCatalog, nextBandNumerator, performanceBand, pointsForRate, scorePiCategory } from "../../../lib/mips";
import type { MeasurementValue, PiScoringInput } from "../../../lib/mips";

const proportion = fc
  .integer({ min: 0, max: 5000 })
  .chain((denominator) => fc.record({ numerator: fc.integer({ min: 0, max: denominator }), denominator: fc.constant(denominator) }));

/** Inputs over one year's whole catalog: each measure present or absent; booleans biased to "yes". */
function inputs(year: 2017 | 2018): fc.Arbitrary<PiScoringInput> {
  const measures = getCatalog(year).measures;
  const entries = measures.map((m) =>
    fc.option(m.metricType === "boolean" ? fc.boolean().map((b): MeasurementValue => b) : proportion.map((v): MeasurementValue => v), { freq: 3 }),
  );
  const dayOfYear = fc.integer({ min: 0, max: 364 });
  return fc
    .tuple(fc.tuple(...entries), fc.constantFrom("2014", "2015", "2014/2015", null), dayOfYear, dayOfYear)
    .map(([values, cehrtEdition, a, b]) => {
      const measurements: Record<string, MeasurementValue> = {};
      values.forEach((v, i) => {
        const m = measures[i];
        if (m && v !== null) measurements[m.measureId] = v;
      });
      const date = (d: number) => new Date(Date.UTC(year, 0, 1 + d)).toISOString().slice(0, 10);
      return {
        performanceYear: year,
        measurements,
        cehrtEdition: cehrtEdition as PiScoringInput["cehrtEdition"],
        performanceStart: date(Math.min(a, b)),
        performanceEnd: date(Math.max(a, b)),
      };
    });
}

/** Mostly complete submissions, so that many runs pass the prerequisites and reach the interesting rules. */
function likelyValid(year: 2017 | 2018): fc.Arbitrary<PiScoringInput> {
  const prefix = year === 2017 ? "ACI" : "PI";
  const positive = fc.integer({ min: 1, max: 3000 }).chain((d) => fc.record({ numerator: fc.integer({ min: 1, max: d }), denominator: fc.constant(d) }));
  return fc.tuple(inputs(year), fc.constantFrom("pi", "transition"), positive, positive, positive, positive).map(([i, set, a, b, c, d]) => {
    const t = set === "pi" ? "" : "TRANS_";
    const base: Record<string, MeasurementValue> =
      set === "pi"
        ? { [`${prefix}_PPHI_1`]: true, [`${prefix}_EP_1`]: a, [`${prefix}_PEA_1`]: b, [`${prefix}_HIE_1`]: c, [`${prefix}_HIE_2`]: d }
        : { [`${prefix}_${t}PPHI_1`]: true, [`${prefix}_${t}EP_1`]: a, [`${prefix}_${t}PEA_1`]: b, [`${prefix}_${t}HIE_1`]: c };
    return {
      ...i,
      measurements: { ...i.measurements, ...base, [`${prefix}_INFBLO_1`]: true, [`${prefix}_ONCDIR_1`]: true },
      performanceStart: `${year}-01-01`,
      performanceEnd: `${year}-12-31`,
    };
  });
}

const anyInput = fc.oneof(inputs(2018), inputs(2017), likelyValid(2018), likelyValid(2017));
const sum = (xs: { points: number }[]) => xs.reduce((s, x) => s + x.points, 0);

describe("scoring properties", () => {
  it("the total is 0-100, and every figure is an integer", () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const r = scorePiCategory(input);
        expect(r.total).toBeGreaterThanOrEqual(0);
        expect(r.total).toBeLessThanOrEqual(100);
        for (const x of [r.base, r.performance, r.bonus, r.total, ...r.measures.map((m) => m.points)]) expect(Number.isInteger(x)).toBe(true);
        expect(r.finalScorePoints).toBe(r.total / 4);
      }),
      { numRuns: 600 },
    );
  });

  it("the explanation and the per-measure points add up to the score", () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const r = scorePiCategory(input);
        expect(sum(r.explanation)).toBe(r.total);
        expect(sum(r.measures)).toBe(r.performance);
        expect(sum(r.bonuses)).toBe(r.bonus);
        expect(r.base + r.performance + r.bonus).toBe(r.uncappedTotal);
        expect(Math.min(100, r.uncappedTotal)).toBe(r.total);
      }),
      { numRuns: 600 },
    );
  });

  it("a failed prerequisite always gives 0, and a passing one never drops the base", () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const r = scorePiCategory(input);
        if (!r.prerequisitesMet) expect([r.total, r.base, r.performance, r.bonus]).toEqual([0, 0, 0, 0]);
        else expect(r.base).toBe(50);
      }),
      { numRuns: 600 },
    );
  });

  it("breaking any one prerequisite of a scored submission gives 0", () => {
    const breakers: ((i: PiScoringInput) => PiScoringInput)[] = [
      (i) => ({ ...i, measurements: { ...i.measurements, [`${i.performanceYear === 2017 ? "ACI" : "PI"}_INFBLO_1`]: false } }),
      (i) => ({ ...i, measurements: { ...i.measurements, [`${i.performanceYear === 2017 ? "ACI" : "PI"}_ONCDIR_1`]: false } }),
      (i) => ({ ...i, performanceStart: `${i.performanceYear}-03-01`, performanceEnd: `${i.performanceYear}-05-28` }), // 89 days
      (i) => {
        const p = i.performanceYear === 2017 ? "ACI" : "PI";
        return { ...i, measurements: { ...i.measurements, [`${p}_PPHI_1`]: false, [`${p}_TRANS_PPHI_1`]: false } };
      },
      (i) => {
        const p = i.performanceYear === 2017 ? "ACI" : "PI";
        const zero = { numerator: 0, denominator: 10 };
        return { ...i, measurements: { ...i.measurements, [`${p}_PEA_1`]: zero, [`${p}_TRANS_PEA_1`]: zero } };
      },
    ];
    fc.assert(
      fc.property(fc.oneof(likelyValid(2018), likelyValid(2017)), fc.nat({ max: breakers.length - 1 }), (input, k) => {
        const broken = (breakers[k] as (i: PiScoringInput) => PiScoringInput)(input);
        const r = scorePiCategory(broken);
        expect(r.total).toBe(0);
        expect(r.failedPrerequisites.length).toBeGreaterThan(0);
      }),
      { numRuns: 400 },
    );
  });

  it("raising a numerator never lowers the score", () => {
    fc.assert(
      fc.property(anyInput, fc.nat(), fc.integer({ min: 1, max: 5000 }), (input, pick, raise) => {
        const proportions = Object.entries(input.measurements).filter(
          (e): e is [string, { numerator: number; denominator: number }] => typeof e[1] === "object" && e[1].numerator < e[1].denominator,
        );
        fc.pre(proportions.length > 0);
        const [id, v] = proportions[pick % proportions.length] as [string, { numerator: number; denominator: number }];
        const raised = { ...input, measurements: { ...input.measurements, [id]: { numerator: Math.min(v.denominator, v.numerator + raise), denominator: v.denominator } } };
        const before = scorePiCategory(input);
        const after = scorePiCategory(raised);
        expect(after.total).toBeGreaterThanOrEqual(before.total);
        expect(after.uncappedTotal).toBeGreaterThanOrEqual(before.uncappedTotal);
      }),
      { numRuns: 600 },
    );
  });
});

describe("band properties", () => {
  const pair = fc.bigInt({ min: 1n, max: BigInt(Number.MAX_SAFE_INTEGER) }).chain((d) => fc.tuple(fc.bigInt({ min: 0n, max: d }), fc.constant(d)));

  it("pointsForRate equals ceil(10 x num / den) x weight / 10, checked in BigInt", () => {
    fc.assert(
      fc.property(pair, fc.constantFrom(0, 10, 20), ([n, d], weight) => {
        const band = n === 0n ? 0n : (10n * n + d - 1n) / d;
        expect(pointsForRate(Number(n), Number(d), weight)).toBe((Number(band) * weight) / 10);
      }),
      { numRuns: 2000 },
    );
  });

  it("nextBandNumerator is the smallest numerator reaching a higher band", () => {
    fc.assert(
      fc.property(proportion, ({ numerator, denominator }) => {
        const next = nextBandNumerator(numerator, denominator);
        const band = performanceBand(numerator, denominator);
        if (next === null) {
          expect(band === 10 || denominator === 0).toBe(true);
          return;
        }
        expect(next).toBeGreaterThan(numerator);
        expect(performanceBand(next, denominator)).toBeGreaterThan(band);
        expect(performanceBand(next - 1, denominator)).toBe(band);
      }),
      { numRuns: 2000 },
    );
  });
});
