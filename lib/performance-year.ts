/**
 * The performance year a page, form or procedure is about: one reading of `?year=` for every page and one
 * zod field for every procedure input.
 * Absent or empty: the year a practice is working on now (`currentPerformanceYear(now)`, from the clock).
 * Anything else that is not a supported year (2027, "abc", "2018x") is refused with a message: a page
 * answers 404 for it rather than quietly showing another year.
 */
import { z } from "zod";
import { currentPerformanceYear, isPerformanceYear, PERFORMANCE_YEARS, supportedYearsText, unsupportedYearMessage, type PerformanceYear } from "./mips/years";

export type YearParam = { ok: true; year: PerformanceYear; fromClock: boolean } | { ok: false; text: string; message: string };

export function parseYearParam(value: string | string[] | undefined | null, now: Date = new Date()): YearParam {
  const raw = Array.isArray(value) ? value[0] : value;
  const text = raw?.trim() ?? "";
  if (text === "") return { ok: true, year: currentPerformanceYear(now), fromClock: true };
  const year = /^\d{4}$/.test(text) ? Number(text) : NaN;
  if (isPerformanceYear(year)) return { ok: true, year, fromClock: false };
  return { ok: false, text, message: unsupportedYearMessage(text) };
}

/** "2017, 2018, ..., 2026": every supported year spelled out, for the 404 page and form hints. */
export function supportedYearsList(): string {
  return PERFORMANCE_YEARS.join(", ");
}

/**
 * A performance year in a procedure's input: a supported year (2017-2026), refused with a message that
 * lists the supported range. Inputs that may omit it use `.default(currentYearDefault)`.
 */
export const performanceYearField = z
  .number({ error: `a performance year is required (${supportedYearsText()})` })
  .int({ error: (issue) => unsupportedYearMessage(issue.input) })
  .refine(isPerformanceYear, { error: (issue) => unsupportedYearMessage(issue.input) });

/** The default of an omitted performance year: the one a practice is working on now, from the clock. */
export const currentYearDefault = (): PerformanceYear => currentPerformanceYear();
