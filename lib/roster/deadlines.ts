/**
 * One deadline of a performance year, from the year's MIPS calendar (lib/mips/deadlines.ts: each year's
 * own dates, e.g. extended hardship deadlines), for the roster's checks and the pages' texts.
 */
import { mipsDeadlines, type DeadlineKind } from "../mips/deadlines";

/** YYYY-MM-DD of the year's `kind` deadline. */
export function deadlineOf(performanceYear: number, kind: DeadlineKind): string {
  const deadline = mipsDeadlines(performanceYear, `${performanceYear}-01-01`).find((d) => d.kind === kind);
  if (!deadline) throw new Error(`no ${kind} deadline for performance year ${performanceYear}`);
  return deadline.date;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "2018-12-31" -> "December 31, 2018" (how CMS writes its deadlines). */
export function longDate(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  return `${MONTHS[(m ?? 1) - 1]} ${d}, ${y}`;
}
