/**
 * The PI performance period: at least 90 consecutive days inside the calendar performance year through
 * 2023 (CMS 2018 PI presentation, "Minimum performance period of 90 days"; rules page 6.1 and 8), 180
 * consecutive days from 2024 [C] HIS24, QPPD24. Days are counted inclusive of both ends:
 * 2018-01-01..2018-03-31 is 90 days; 2024-01-01..2024-06-28 is 180 (a leap year).
 */
import type { Issue } from "../../errors";
import { yearFacts } from "../years/index";
import type { PerformanceYear } from "../years";

/** The minimum PI performance period of 2017-2023, in consecutive days. */
export const MINIMUM_PERFORMANCE_PERIOD_DAYS = 90;

/** The minimum PI performance period of a year: 90 days through 2023, 180 from 2024. */
export function minimumPerformancePeriodDays(year: PerformanceYear): number {
  return yearFacts(year).pi?.minimumPerformancePeriodDays ?? MINIMUM_PERFORMANCE_PERIOD_DAYS;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a real calendar date `YYYY-MM-DD`, or null (2018-02-30 is not a date). */
export function isoDateToDayNumber(date: string): number | null {
  const match = ISO_DATE.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null;
  return ms / DAY_MS;
}

/** Length of a period in days, both ends included (Jan 1..Mar 31 2018 -> 90). Assumes valid dates. */
export function performancePeriodDays(start: string, end: string): number {
  const first = isoDateToDayNumber(start);
  const last = isoDateToDayNumber(end);
  if (first === null || last === null) return 0;
  return last - first + 1;
}

/**
 * Problems that make a period invalid input (not a failed prerequisite): a date that is not a date,
 * a date outside the performance year, an end before the start.
 */
export function performancePeriodIssues(year: number, start: string, end: string, at = ""): Issue[] {
  const issues: Issue[] = [];
  const path = (field: string) => (at ? `${at}.${field}` : field);
  for (const [field, value] of [
    ["performanceStart", start],
    ["performanceEnd", end],
  ] as const) {
    if (isoDateToDayNumber(value) === null) {
      issues.push({ path: path(field), message: `"${value}" is not a calendar date (expected YYYY-MM-DD)` });
    } else if (!value.startsWith(`${year}-`)) {
      issues.push({ path: path(field), message: `${value} is outside performance year ${year} (expected ${year}-01-01..${year}-12-31)` });
    }
  }
  if (issues.length === 0 && start > end) {
    issues.push({ path: path("performanceEnd"), message: `performance period ends (${end}) before it starts (${start})` });
  }
  return issues;
}
