/** The performance years this engine knows, without the measure catalog (safe to import in the browser). */
export const PERFORMANCE_YEARS = [2017, 2018] as const;
export type PerformanceYear = (typeof PERFORMANCE_YEARS)[number];

export function isPerformanceYear(year: unknown): year is PerformanceYear {
  return PERFORMANCE_YEARS.includes(year as PerformanceYear);
}
