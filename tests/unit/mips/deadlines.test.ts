import { describe, expect, it } from "vitest";
import { daysBetween, describeDaysLeft, mipsDeadlines } from "@/lib/mips/deadlines";

describe("MIPS deadlines", () => {
  it("2018: election 2017-12-31, hardship 2018-12-31, submission 2019-03-31, with days left", () => {
    expect(mipsDeadlines(2018, "2018-12-01")).toEqual([
      { kind: "virtualGroupElection", label: "Virtual group election", date: "2017-12-31", daysLeft: -335, passed: true },
      { kind: "hardshipApplication", label: "Hardship applications", date: "2018-12-31", daysLeft: 30, passed: false },
      { kind: "submission", label: "Data submission to CMS", date: "2019-03-31", daysLeft: 120, passed: false },
    ]);
  });

  it("counts the deadline day itself as 0 days left, not passed", () => {
    const hardship = mipsDeadlines(2018, "2018-12-31").find((d) => d.kind === "hardshipApplication")!;
    expect(hardship).toMatchObject({ daysLeft: 0, passed: false });
    expect(describeDaysLeft(0)).toBe("today");
    expect(describeDaysLeft(1)).toBe("1 day left");
    expect(describeDaysLeft(-2)).toBe("passed 2 days ago");
  });

  it("counts across a leap day and is not thrown by daylight-saving changes", () => {
    expect(daysBetween("2020-02-28", "2020-03-01")).toBe(2);
    expect(daysBetween("2018-03-10", "2018-03-12")).toBe(2);
    expect(daysBetween("2018-01-01", "2018-12-31")).toBe(364);
  });
});
