/** Builders for 2019-2026 scoring tests: a complete measurement set per year, scoring, and checks every test repeats. */
import { expect } from "vitest";
import { AppError } from "../../../lib/errors";
import { scorePiCategory } from "../../../lib/mips/scoring";
import type { MeasurementValue, PiCategoryScore } from "../../../lib/mips/scoring/types";
import type { PerformanceYear } from "../../../lib/mips/years";

export const p = (numerator: number, denominator: number) => ({ numerator, denominator });
export type Values = Record<string, MeasurementValue | undefined>;

/** Security risk analysis and the two required attestations (every year from 2019). */
export const GATES_2019 = { PI_PPHI_1: true, PI_INFBLO_1: true, PI_ONCDIR_1: true } as const;

/**
 * A complete set that passes every gate of the year, all rates 50/100 unless overridden:
 * 2019-2021 HIE_1 + HIE_4 and two public health "yes"; 2022 adds SAFER and the two required public health
 * measures; 2023+ PDMP required and engagement levels (PROD) on the public health "yes" answers.
 */
export function completeSet(year: number, overrides: Values = {}): Values {
  const half = p(50, 100);
  const core: Values = { ...GATES_2019, PI_EP_1: half, PI_HIE_1: half, PI_HIE_4: half, PI_PEA_1: half };
  if (year <= 2021) return { ...core, PI_PHCDRR_1: true, PI_PHCDRR_2: true, ...overrides };
  if (year === 2022) return { ...core, PI_PPHI_2: true, PI_PHCDRR_1: true, PI_PHCDRR_3: true, ...overrides };
  return { ...core, PI_PPHI_2: true, PI_EP_2: true, PI_PHCDRR_1: true, PI_PHCDRR_1_PROD: true, PI_PHCDRR_3: true, PI_PHCDRR_3_PROD: true, ...overrides };
}

/** Scores one PI set of a year (whole calendar year unless a period is given); undefined values are dropped. */
export function score(year: number, values: Values, period: [string, string] = [`${year}-01-01`, `${year}-12-31`], cehrtEdition: "2014" | "2015" | "2014/2015" | null = null): PiCategoryScore {
  const measurements: Record<string, MeasurementValue> = {};
  for (const [id, v] of Object.entries(values)) if (v !== undefined) measurements[id] = v;
  const r = scorePiCategory({ performanceYear: year, measurements, cehrtEdition, performanceStart: period[0], performanceEnd: period[1] });
  expectAddsUp(r);
  return r;
}

/** The explanation's points add up to the total, every time; the total is within 0..cap. */
export function expectAddsUp(r: PiCategoryScore): void {
  const sum = r.explanation.reduce((s, l) => s + l.points, 0);
  expect(sum, `explanation of ${r.performanceYear} adds up to ${sum}, total ${r.total}`).toBe(r.total);
  expect(r.total).toBeGreaterThanOrEqual(0);
  expect(r.total).toBeLessThanOrEqual(100);
}

/** measureId -> points of every row that can earn points (maxPoints > 0) or earned some. */
export function pointsById(r: PiCategoryScore): Record<string, number> {
  return Object.fromEntries(r.measures.filter((m) => m.maxPoints > 0 || m.points > 0).map((m) => [m.measureId, m.points]));
}

export function maxById(r: PiCategoryScore): Record<string, number> {
  return Object.fromEntries(r.measures.filter((m) => m.maxPoints > 0).map((m) => [m.measureId, m.maxPoints]));
}

/** The failure messages joined, for matching a named measure. */
export function failures(r: PiCategoryScore): string {
  return r.failedPrerequisites.map((f) => f.message).join("\n");
}

/** The BAD_INPUT error a call throws (fails the test if it returns or throws something else). */
export function badInputOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError && error.code === "BAD_INPUT") return error;
    throw error;
  }
  throw new Error("expected BAD_INPUT, got a result");
}

/** Message and issues of a BAD_INPUT error as one text. */
export function badInputText(run: () => unknown): string {
  const e = badInputOf(run);
  return [e.message, ...e.issues.map((i) => `${i.path}: ${i.message}`)].join("\n");
}

/** A zero score whose failures name `what`. */
export function expectZeroNaming(r: PiCategoryScore, ...what: (string | RegExp)[]): void {
  expect(r.total).toBe(0);
  expect(r.prerequisitesMet).toBe(false);
  for (const w of what) expect(failures(r)).toMatch(w);
}

const NPI = "1234567893";
/** A QPP individual submission (JSON text) with one PI (ACI in 2017) set over the whole year. */
export function individual(year: number, values: Values, category = year === 2017 ? "aci" : "pi"): string {
  const measurements = Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([measureId, value]) => ({ measureId, value }));
  return JSON.stringify({
    performanceYear: year,
    entityType: "individual",
    taxpayerIdentificationNumber: "123456789",
    nationalProviderIdentifier: NPI,
    measurementSets: [{ category, submissionMethod: "electronicHealthRecord", performanceStart: `${year}-01-01`, performanceEnd: `${year}-12-31`, measurements }],
  });
}

/** Bad inputs per year: [what, stdin, the measure the message must name]. */
const RETIRED: Partial<Record<PerformanceYear, string>> = { 2019: "PI_HIE_5", 2020: "PI_EP_3", 2021: "PI_CUITC_1", 2022: "PI_PHCDRR_1_MULTI", 2023: "PI_PHCDRR_3_EX_4", 2024: "PI_EP_2_EX_3", 2025: "PI_PHCDRR_6", 2026: "PI_EP_3" };
export function badInputs(year: PerformanceYear): [string, string, string][] {
  const retired = RETIRED[year] as string;
  const retiredValue = retired === "PI_EP_3" ? p(1, 2) : true;
  return [
    ["a measure of another year", individual(year, completeSet(year, { [retired]: retiredValue })), retired],
    ["an unknown measure", individual(year, completeSet(year, { PI_BOGUS_9: true })), "PI_BOGUS_9"],
    ["a measure and its exclusion", individual(year, completeSet(year, { PI_LVPP_1: true })), "PI_LVPP_1"],
    ["numerator > denominator", individual(year, completeSet(year, { PI_PEA_1: p(501, 500) })), "PI_PEA_1"],
  ];
}
