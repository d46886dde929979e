/** The organization's calendar of a year: dates from the year files, "closed on <date>" once passed, assumed dates flagged. */
import { describe, expect, it } from "vitest";
import { describeDeadline, lastPeriodStartDate, yearCalendar } from "../../../lib/mips/year-calendar";

describe("yearCalendar", () => {
  it("2026 seen on 2026-07-01: hardship Dec 31, 2026 open with 183 days left (assumed), period start by July 5 (180 days)", () => {
    const items = yearCalendar(2026, "2026-07-01");
    const byKind = Object.fromEntries(items.map((i) => [i.kind, i]));
    expect(byKind.hardshipApplication).toMatchObject({ date: "2026-12-31", state: "open", daysLeft: 183, when: "183 days left", assumed: true });
    expect(byKind.lastPeriodStart).toMatchObject({ date: "2026-07-05", label: "Last day to start a 180-day period", when: "4 days left" });
    // 2027's rules are not sourced: its election date is CMS's usual one, marked assumed.
    expect(byKind.nextVirtualGroupElection).toMatchObject({ label: "Virtual group election for 2027", date: "2026-12-31", assumed: true });
    expect(byKind.submission).toMatchObject({ date: "2027-03-31", state: "open", assumed: false });
    expect(items.map((i) => i.date)).toEqual([...items.map((i) => i.date)].sort());
  });

  it("a past year reads 'closed on <date>', never 'passed N days ago'", () => {
    const items = yearCalendar(2018, "2026-07-01");
    expect(items.every((i) => i.state === "closed")).toBe(true);
    expect(items.find((i) => i.kind === "hardshipApplication")!.when).toBe("closed on December 31, 2018");
    expect(items.find((i) => i.kind === "nextVirtualGroupElection")).toMatchObject({ date: "2018-12-31", label: "Virtual group election for 2019" });
    expect(items.find((i) => i.kind === "submissionOpens")!.when).toBe("opened on January 2, 2019");
    expect(items.map((i) => i.when).join(" ")).not.toMatch(/ago/);
  });

  it("the last day to start the minimum period: Oct 3 for 90 days (2018, computed; 2023 from the year file), July 5 for 180 days (2024)", () => {
    expect(lastPeriodStartDate(2018)).toBe("2018-10-03");
    expect(lastPeriodStartDate(2017)).toBe("2017-10-03");
    expect(lastPeriodStartDate(2023)).toBe("2023-10-03");
    expect(lastPeriodStartDate(2024)).toBe("2024-07-05");
  });

  it("describeDeadline: the day itself, one day, closed", () => {
    expect(describeDeadline("2026-12-31", "2026-12-31")).toBe("today is the last day");
    expect(describeDeadline("2026-12-31", "2026-12-30")).toBe("1 day left");
    expect(describeDeadline("2026-12-31", "2027-01-01")).toBe("closed on December 31, 2026");
  });
});
