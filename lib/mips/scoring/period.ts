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

/** Days before the first of each month in a common year. */
const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** The number written by `length` ASCII digits at `from`, or -1 when one is not a digit. */
function digitsAt(s: string, from: number, length: number): number {
  let n = 0;
  for (let i = from; i < from + length; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * Days since 1970-01-01 of a real calendar date `YYYY-MM-DD`, or null (2018-02-30 is not a date).
 * Integer arithmetic (it runs for every scoring); years 0000-0099 stay refused, as when this read the date
 * through `Date.UTC` (which takes them for 1900-1999). tests/unit/mips/period-days.test.ts compares both.
 */
export function isoDateToDayNumber(date: string): number | null {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return null;
  const year = digitsAt(date, 0, 4);
  const month = digitsAt(date, 5, 2);
  const day = digitsAt(date, 8, 2);
  if (year < 100 || month < 1 || month > 12 || day < 1) return null;
  const leap = isLeapYear(year);
  if (day > (month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] as number))) return null;
  // Days from 1970-01-01 to January 1 of `year` (proleptic Gregorian), then into the year.
  const y = year - 1;
  const daysToYear = 365 * (year - 1970) + (Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400)) - 477;
  return daysToYear + (DAYS_BEFORE_MONTH[month - 1] as number) + (month > 2 && leap ? 1 : 0) + day - 1;
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
