/**
 * The performance years this engine knows, without the measure catalog (safe to import in the browser).
 * Each year's rules live in `lib/mips/years/<year>.ts`; 2027 is not supported until its rules are sourced
 * (CMS's CY2027 physician fee schedule rule was not final when these tables were written).
 */
export const PERFORMANCE_YEARS = [2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026] as const;
export type PerformanceYear = (typeof PERFORMANCE_YEARS)[number];

export const FIRST_PERFORMANCE_YEAR: PerformanceYear = 2017;
export const LATEST_PERFORMANCE_YEAR: PerformanceYear = 2026;

/** Newest first, for year selectors. */
export const PERFORMANCE_YEARS_NEWEST_FIRST: readonly PerformanceYear[] = [...PERFORMANCE_YEARS].reverse();

export function isPerformanceYear(year: unknown): year is PerformanceYear {
  return PERFORMANCE_YEARS.includes(year as PerformanceYear);
}

/** "2017, 2018, ..., 2026" for messages. */
export function supportedYearsText(): string {
  return `${FIRST_PERFORMANCE_YEAR}-${LATEST_PERFORMANCE_YEAR}`;
}

/** Why a year is refused, for messages: 2027 and later are named as not yet sourced. */
export function unsupportedYearMessage(year: unknown): string {
  const y = Number(year);
  if (Number.isInteger(y) && y > LATEST_PERFORMANCE_YEAR) {
    return `performance year ${y} is not supported yet: its rules are not final or not yet sourced (supported: ${supportedYearsText()})`;
  }
  return `performance year ${String(year)} is not supported (supported: ${supportedYearsText()})`;
}

/**
 * The performance year a practice is working on at `now`: the calendar year (MIPS performance years are
 * calendar years; PY2026's data is submitted Jan-Mar 2027, while the 2027 performance year is under way).
 * Clamped to the supported years, so a clock past 2026 still opens on the newest year we know.
 */
export function currentPerformanceYear(now: Date = new Date()): PerformanceYear {
  const year = now.getUTCFullYear();
  if (year > LATEST_PERFORMANCE_YEAR) return LATEST_PERFORMANCE_YEAR;
  if (year < FIRST_PERFORMANCE_YEAR) return FIRST_PERFORMANCE_YEAR;
  return year as PerformanceYear;
}
