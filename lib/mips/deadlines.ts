/**
 * The MIPS calendar of a performance year (rules, "Dates"): hardship applications by December 31 of the
 * performance year; virtual group election by December 31 of the year before; data submission by March 31
 * of the following year. Days are counted in whole calendar days (UTC dates), so "today" is 0 days left.
 */
export type DeadlineKind = "virtualGroupElection" | "hardshipApplication" | "submission";

export interface Deadline {
  kind: DeadlineKind;
  label: string;
  /** YYYY-MM-DD. */
  date: string;
  /** Calendar days from `today` to the deadline: 0 on the day, negative once passed. */
  daysLeft: number;
  passed: boolean;
}

const DAY_MS = 86_400_000;

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Whole days from `from` to `to`, both YYYY-MM-DD. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export function virtualGroupElectionDeadline(performanceYear: number): string {
  return isoDate(performanceYear - 1, 12, 31);
}
export function hardshipApplicationDeadline(performanceYear: number): string {
  return isoDate(performanceYear, 12, 31);
}
export function submissionDeadline(performanceYear: number): string {
  return isoDate(performanceYear + 1, 3, 31);
}

/** The year's deadlines in date order, with the days left from `today` (YYYY-MM-DD). */
export function mipsDeadlines(performanceYear: number, today: string): Deadline[] {
  const entries: [DeadlineKind, string, string][] = [
    ["virtualGroupElection", "Virtual group election", virtualGroupElectionDeadline(performanceYear)],
    ["hardshipApplication", "Hardship applications", hardshipApplicationDeadline(performanceYear)],
    ["submission", "Data submission to CMS", submissionDeadline(performanceYear)],
  ];
  return entries.map(([kind, label, date]) => {
    const daysLeft = daysBetween(today, date);
    return { kind, label, date, daysLeft, passed: daysLeft < 0 };
  });
}

/** "12 days left", "today", "passed 3 days ago". */
export function describeDaysLeft(daysLeft: number): string {
  if (daysLeft === 0) return "today";
  if (daysLeft > 0) return `${daysLeft} day${daysLeft === 1 ? "" : "s"} left`;
  return `passed ${-daysLeft} day${daysLeft === -1 ? "" : "s"} ago`;
}
