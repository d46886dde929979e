/**
 * The MIPS calendar of every year 2017-2026, as the year files say (mips-rules-by-year.md §3): virtual group
 * election, hardship applications, data submission, with their notes; dates no source gives are marked
 * `assumed` and say so.
 */
import { describe, expect, it } from "vitest";
import { hardshipApplicationDeadline, mipsDeadlines, submissionDeadline, virtualGroupElectionDeadline } from "../../../lib/mips/deadlines";

describe("deadlines per year", () => {
  it.each([
    // year, virtual group election, hardship, submission
    [2017, null, "2017-12-31", "2018-03-31"],
    [2018, "2017-12-31", "2018-12-31", "2019-03-31"],
    [2019, "2018-12-31", "2019-12-31", "2020-04-30"], // COVID: Mar 31 -> Apr 30, 2020 [IHA19, AAOE19]
    [2020, "2019-12-31", "2020-12-31", "2021-03-31"],
    [2021, "2020-12-31", "2021-12-31", "2022-03-31"],
    [2022, "2021-12-31", "2023-01-03", "2023-03-31"], // hardship Jan 3, 2023 8 pm ET [HIT22]
    [2023, "2022-12-31", "2024-01-02", "2024-04-01"], // exceptions Jan 2, 2024 [PAL23]; data Apr 1, 2024 [ECQI23]
    [2024, "2023-12-31", "2024-12-31", "2025-04-14"], // data extended to Apr 14, 2025 [IV25, TNM25]
    [2025, "2024-12-31", "2025-12-31", "2026-03-31"],
    [2026, "2025-12-31", "2026-12-31", "2027-03-31"],
  ] as const)("%i: election %s, hardship %s, submission %s", (year, election, hardship, submission) => {
    expect(virtualGroupElectionDeadline(year)).toBe(election);
    expect(hardshipApplicationDeadline(year)).toBe(hardship);
    expect(submissionDeadline(year)).toBe(submission);
  });

  it("dates no source gives are marked assumed, with a note saying so (2022 and 2026 election, 2025 submission, 2026 hardship)", () => {
    const assumed = (year: number) => mipsDeadlines(year, `${year}-06-01`).filter((d) => d.assumed).map((d) => d.kind);
    expect(assumed(2022)).toEqual(["virtualGroupElection"]);
    expect(assumed(2025)).toEqual(["submission"]);
    expect(assumed(2026)).toEqual(["virtualGroupElection", "hardshipApplication"]);
    for (const year of [2019, 2020, 2021, 2023, 2024]) expect(assumed(year), `${year}`).toEqual([]);
    for (const d of mipsDeadlines(2026, "2026-06-01").filter((x) => x.assumed)) expect(d.note).toMatch(/not (restated )?in our sources/);
  });

  it("on 2026-12-01 (PY2026): election passed, hardship in 30 days, submission in 120 (per a third-party guide, said)", () => {
    const d = mipsDeadlines(2026, "2026-12-01");
    expect(d.map((x) => [x.kind, x.daysLeft, x.passed])).toEqual([
      ["virtualGroupElection", -335, true],
      ["hardshipApplication", 30, false],
      ["submission", 120, false],
    ]);
    expect(d[2]?.note).toMatch(/third-party guide \[SOR27\]/);
  });

  it("2017 has no virtual group election; extensions are in the notes (2019 COVID, 2024 April 14)", () => {
    expect(mipsDeadlines(2017, "2017-06-01").map((x) => x.kind)).toEqual(["hardshipApplication", "submission"]);
    expect(mipsDeadlines(2019, "2019-06-01").find((x) => x.kind === "submission")?.note).toMatch(/extended from March 31, 2020 because of COVID-19/);
    expect(mipsDeadlines(2024, "2024-06-01").find((x) => x.kind === "submission")?.note).toMatch(/extended from March 31, 2025/);
  });

  it("an unsupported year (2027) gets CMS's usual dates, marked assumed", () => {
    expect(mipsDeadlines(2027, "2027-01-01").every((d) => d.assumed)).toBe(true);
    expect(submissionDeadline(2027)).toBe("2028-03-31");
  });
});
