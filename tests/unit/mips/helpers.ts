/** Builders for scoring inputs used across the mips tests. */
import type { MeasurementValue, PiScoringInput } from "../../../lib/mips/scoring/types";

export const p = (numerator: number, denominator: number) => ({ numerator, denominator });

/** The seed's worked example (rules page 6.6): transition set, 2014 Edition, 50 + 39 + 0 = 89. */
export function workedExample(overrides: Record<string, MeasurementValue | undefined> = {}): PiScoringInput {
  return input(2018, "2014", {
    PI_INFBLO_1: true,
    PI_ONCDIR_1: true,
    PI_TRANS_PPHI_1: true,
    PI_TRANS_EP_1: p(30, 750),
    PI_TRANS_PEA_1: p(250, 750),
    PI_TRANS_HIE_1: p(650, 750),
    PI_TRANS_PEA_2: p(475, 750),
    PI_TRANS_SM_1: p(100, 750),
    PI_TRANS_MR_1: p(250, 750),
    ...overrides,
  });
}

/** A complete 2018 PI-set submission meeting the base score, every rate at `rate`/100. */
export function piSet(overrides: Record<string, MeasurementValue | undefined> = {}, rate = 50): Record<string, MeasurementValue | undefined> {
  return {
    PI_INFBLO_1: true,
    PI_ONCDIR_1: true,
    PI_PPHI_1: true,
    PI_EP_1: p(rate, 100),
    PI_PEA_1: p(rate, 100),
    PI_HIE_1: p(rate, 100),
    PI_HIE_2: p(rate, 100),
    ...overrides,
  };
}

export function input(
  year: number,
  cehrtEdition: PiScoringInput["cehrtEdition"],
  measurements: Record<string, MeasurementValue | undefined>,
  period: [string, string] = [`${year}-01-01`, `${year}-12-31`],
): PiScoringInput {
  const clean: Record<string, MeasurementValue> = {};
  for (const [id, v] of Object.entries(measurements)) if (v !== undefined) clean[id] = v;
  return { performanceYear: year, cehrtEdition, measurements: clean, performanceStart: period[0], performanceEnd: period[1] };
}
