/**
 * What an organization has to do by when in a performance year, in date order: hardship and exception
 * applications, the virtual group election for the next year, the last day to start the minimum
 * performance period (90 days; 180 from 2024), and the submission window. Each date comes from the
 * year files (`years/<year>.ts`); a date no source gives is marked assumed and says so. Past dates read
 * "closed on <date>", not a count of days ago.
 */
import { daysBetween, mipsDeadlines } from "./deadlines";
import { yearFacts } from "./years/index";
import { isPerformanceYear, type PerformanceYear } from "./years";
import { minimumPerformancePeriodDays } from "./scoring/period";

export type CalendarItemKind = "hardshipApplication" | "nextVirtualGroupElection" | "lastPeriodStart" | "submissionOpens" | "submission";

export interface CalendarItem {
  kind: CalendarItemKind;
  label: string;
  /** What it is for, in one sentence. */
  detail: string;
  /** YYYY-MM-DD. */
  date: string;
  /** Calendar days from today: 0 on the day, negative once passed. */
  daysLeft: number;
  state: "open" | "closed";
  /** "12 days left", "today", "closed on March 31, 2019", "opens in 40 days". */
  when: string;
  assumed: boolean;
  note?: string;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "2018-12-31" -> "December 31, 2018". */
export function longDate(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  return `${MONTHS[(m ?? 1) - 1]} ${d}, ${y}`;
}

/** Words for a deadline: days left while open, "closed on <date>" once passed. */
export function describeDeadline(date: string, today: string): string {
  const left = daysBetween(today, date);
  if (left < 0) return `closed on ${longDate(date)}`;
  if (left === 0) return "today is the last day";
  return `${left} day${left === 1 ? "" : "s"} left`;
}

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The last day a continuous minimum period can start and still end by December 31. */
export function lastPeriodStartDate(year: PerformanceYear): string {
  return yearFacts(year).pi?.lastStartDate ?? addDays(`${year}-12-31`, 1 - minimumPerformancePeriodDays(year));
}

/** The year's calendar, in date order. */
export function yearCalendar(year: PerformanceYear, today: string): CalendarItem[] {
  const deadlines = mipsDeadlines(year, today);
  const find = (kind: string) => deadlines.find((d) => d.kind === kind);
  const items: Omit<CalendarItem, "daysLeft" | "state" | "when">[] = [];
  const hardship = find("hardshipApplication");
  if (hardship) {
    items.push({
      kind: "hardshipApplication",
      label: "Hardship and exception applications",
      detail: "The last day to file a PI hardship exception (or extreme and uncontrollable circumstances) application with CMS for this year.",
      date: hardship.date,
      assumed: hardship.assumed === true,
      ...(hardship.note ? { note: hardship.note } : {}),
    });
  }
  const nextYear = year + 1;
  const nextElection = isPerformanceYear(nextYear) ? mipsDeadlines(nextYear, today).find((d) => d.kind === "virtualGroupElection") : undefined;
  items.push({
    kind: "nextVirtualGroupElection",
    label: `Virtual group election for ${nextYear}`,
    detail: `The last day to elect a virtual group with CMS for the ${nextYear} performance year.`,
    date: nextElection?.date ?? `${year}-12-31`,
    assumed: nextElection ? nextElection.assumed === true : true,
    ...(nextElection?.note ? { note: nextElection.note } : nextElection ? {} : { note: `CMS's usual December 31 of the year before; ${nextYear}'s rules are not in our sources yet` }),
  });
  const minimum = minimumPerformancePeriodDays(year);
  items.push({
    kind: "lastPeriodStart",
    label: `Last day to start a ${minimum}-day period`,
    detail: `PI data must cover at least ${minimum} consecutive days of ${year}; a period starting later cannot end by December 31.`,
    date: lastPeriodStartDate(year),
    assumed: false,
  });
  const submission = find("submission");
  if (submission) {
    items.push({
      kind: "submissionOpens",
      label: "Submission window opens",
      detail: `CMS accepts ${year} data from early January ${nextYear}.`,
      date: `${nextYear}-01-02`,
      assumed: true,
      note: "CMS opens the window in early January; the exact day varies and is not in our sources",
    });
    items.push({
      kind: "submission",
      label: "Submission window closes",
      detail: `The last day to submit ${year} data to CMS.`,
      date: submission.date,
      assumed: submission.assumed === true,
      ...(submission.note ? { note: submission.note } : {}),
    });
  }
  return items
    .map((item) => {
      const daysLeft = daysBetween(today, item.date);
      const when = item.kind === "submissionOpens" ? (daysLeft > 0 ? `opens in ${daysLeft} day${daysLeft === 1 ? "" : "s"}` : `opened on ${longDate(item.date)}`) : describeDeadline(item.date, today);
      return { ...item, daysLeft, state: daysLeft < 0 ? ("closed" as const) : ("open" as const), when };
    })
    .sort((a, b) => a.date.localeCompare(b.date));
}
