/**
 * The MIPS calendar of a performance year (rules, "Dates"; mips-rules-by-year.md §3): usually hardship
 * applications by December 31 of the performance year, virtual group election by December 31 of the year
 * before, data submission by March 31 of the following year; each year's real dates, extensions and notes
 * are in `years/<year>.ts` (a date no source gives is marked `assumed` and says so). Days are counted in
 * whole calendar days (UTC dates), so "today" is 0 days left.
 */
import { yearFacts } from "./years/index";
import { isPerformanceYear } from "./years";

export type DeadlineKind = "virtualGroupElection" | "hardshipApplication" | "submission";

export interface Deadline {
  kind: DeadlineKind;
  label: string;
  /** YYYY-MM-DD. */
  date: string;
  /** Calendar days from `today` to the deadline: 0 on the day, negative once passed. */
  daysLeft: number;
  passed: boolean;
  /** Extensions, time of day, or why the date is assumed. */
  note?: string;
  /** True when no source gives the date: CMS's usual date is shown, and the note says so. */
  assumed?: boolean;
}

const DAY_MS = 86_400_000;

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Whole days from `from` to `to`, both YYYY-MM-DD. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

const USUAL: Record<DeadlineKind, (py: number) => string> = {
  virtualGroupElection: (py) => isoDate(py - 1, 12, 31),
  hardshipApplication: (py) => isoDate(py, 12, 31),
  submission: (py) => isoDate(py + 1, 3, 31),
};

function deadlineOf(kind: DeadlineKind, performanceYear: number): { date: string | null; note?: string; assumed?: boolean } {
  if (!isPerformanceYear(performanceYear)) return { date: USUAL[kind](performanceYear), assumed: true, note: "CMS's usual date; this year's rules are not supported yet" };
  return yearFacts(performanceYear).deadlines[kind];
}

/** The virtual group election deadline for a performance year (null in 2017: no virtual groups). */
export function virtualGroupElectionDeadline(performanceYear: number): string | null {
  return deadlineOf("virtualGroupElection", performanceYear).date;
}
export function hardshipApplicationDeadline(performanceYear: number): string {
  return deadlineOf("hardshipApplication", performanceYear).date ?? USUAL.hardshipApplication(performanceYear);
}
export function submissionDeadline(performanceYear: number): string {
  return deadlineOf("submission", performanceYear).date ?? USUAL.submission(performanceYear);
}

const LABELS: Record<DeadlineKind, string> = {
  virtualGroupElection: "Virtual group election",
  hardshipApplication: "Hardship applications",
  submission: "Data submission to CMS",
};

/** The year's deadlines in date order, with the days left from `today` (YYYY-MM-DD). */
export function mipsDeadlines(performanceYear: number, today: string): Deadline[] {
  const kinds: DeadlineKind[] = ["virtualGroupElection", "hardshipApplication", "submission"];
  return kinds.flatMap((kind) => {
    const d = deadlineOf(kind, performanceYear);
    if (d.date === null) return [];
    const daysLeft = daysBetween(today, d.date);
    return [{ kind, label: LABELS[kind], date: d.date, daysLeft, passed: daysLeft < 0, ...(d.note ? { note: d.note } : {}), ...(d.assumed ? { assumed: true } : {}) }];
  });
}

/** "12 days left", "today", "passed 3 days ago". */
export function describeDaysLeft(daysLeft: number): string {
  if (daysLeft === 0) return "today";
  if (daysLeft > 0) return `${daysLeft} day${daysLeft === 1 ? "" : "s"} left`;
  return `passed ${-daysLeft} day${daysLeft === -1 ? "" : "s"} ago`;
}
