/**
 * The best reporting window: where a TIN's data comes in slices (monthly or quarterly reports, from
 * one or several vendors), every continuous run of whole slices that covers at least the year's
 * minimum period (90 days; 180 from 2024) is a period the TIN could report. Each run's slices are summed
 * (numerators and denominators of a measure add up; a yes/no answer holds for the run only when every
 * slice that answers it says yes) and scored with the caller's scorer (the group PI score); the highest
 * wins, earliest first on a tie. Data that cannot be split (a single slice, or slices that do not follow
 * each other without gaps or overlaps) says so.
 */
import { daysBetween } from "./deadlines";
import { minimumPerformancePeriodDays } from "./scoring/period";
import type { PerformanceYear } from "./years";

export type SliceValue = { numerator: number; denominator: number } | { yesNo: boolean };

export interface DataSlice {
  /** First and last day of the slice, YYYY-MM-DD, inclusive. */
  start: string;
  end: string;
  /** The slice's values per measure, already summed across clinicians and vendors. */
  values: Record<string, SliceValue>;
}

export interface ScoredWindow {
  start: string;
  end: string;
  days: number;
  /** The slices summed over the window. */
  values: Record<string, SliceValue>;
  /** The scorer's score, or null when the window does not score (e.g. a required measure missing). */
  score: number | null;
}

export type BestWindowResult =
  | { splittable: false; reason: string }
  | { splittable: true; minimumDays: number; best: ScoredWindow | null; fullYear: ScoredWindow | null; windows: ScoredWindow[] };

const inclusiveDays = (start: string, end: string) => daysBetween(start, end) + 1;

/** Sums slices: numerators and denominators add up; a yes/no holds only if every slice answering it says yes. */
export function sumSlices(slices: readonly DataSlice[]): Record<string, SliceValue> {
  const out: Record<string, SliceValue> = {};
  for (const slice of slices) {
    for (const [measureId, value] of Object.entries(slice.values)) {
      const prior = out[measureId];
      if ("yesNo" in value) out[measureId] = { yesNo: (prior && "yesNo" in prior ? prior.yesNo : true) && value.yesNo };
      else if (prior && "numerator" in prior) out[measureId] = { numerator: prior.numerator + value.numerator, denominator: prior.denominator + value.denominator };
      else out[measureId] = { numerator: value.numerator, denominator: value.denominator };
    }
  }
  return out;
}

/** Why the slices cannot be split into windows, or null when they can. */
function unsplittable(slices: readonly DataSlice[], year: PerformanceYear): string | null {
  if (slices.length === 0) return "No data yet for this year.";
  if (slices.length === 1) {
    const s = slices[0]!;
    return `The data comes as one report for ${s.start} to ${s.end}: it cannot be split into shorter windows. Import monthly or quarterly reports to compare windows.`;
  }
  for (let i = 1; i < slices.length; i++) {
    const gap = daysBetween(slices[i - 1]!.end, slices[i]!.start);
    if (gap !== 1) {
      return `The reports' periods ${slices[i - 1]!.start} to ${slices[i - 1]!.end} and ${slices[i]!.start} to ${slices[i]!.end} ${gap < 1 ? "overlap" : "leave a gap"}: windows are built from periods that follow each other day after day.`;
    }
  }
  if (slices.some((s) => !s.start.startsWith(`${year}-`) || !s.end.startsWith(`${year}-`))) return `Some reports fall outside ${year}.`;
  return null;
}

/**
 * Every continuous run of whole slices covering at least the year's minimum period, scored; the best
 * one and the full span of the slices (the "full year" when they cover it). `slices` in date order.
 */
export function bestReportingWindow(params: { performanceYear: PerformanceYear; slices: readonly DataSlice[]; score: (values: Record<string, SliceValue>, window: { start: string; end: string }) => number | null }): BestWindowResult {
  const slices = [...params.slices].sort((a, b) => a.start.localeCompare(b.start));
  const reason = unsplittable(slices, params.performanceYear);
  if (reason) return { splittable: false, reason };
  const minimumDays = minimumPerformancePeriodDays(params.performanceYear);
  const windows: ScoredWindow[] = [];
  for (let first = 0; first < slices.length; first++) {
    for (let last = first; last < slices.length; last++) {
      const start = slices[first]!.start;
      const end = slices[last]!.end;
      const days = inclusiveDays(start, end);
      if (days < minimumDays) continue;
      const values = sumSlices(slices.slice(first, last + 1));
      windows.push({ start, end, days, values, score: params.score(values, { start, end }) });
    }
  }
  let best: ScoredWindow | null = null;
  for (const w of windows) if (w.score !== null && (best === null || best.score === null || w.score > best.score)) best = w;
  const fullYear = windows.find((w) => w.start === slices[0]!.start && w.end === slices[slices.length - 1]!.end) ?? null;
  return { splittable: true, minimumDays, best, fullYear, windows };
}
