import { afterEach, describe, expect, it, vi } from "vitest";
import { parseYearParam, performanceYearField, currentYearDefault } from "@/lib/performance-year";
import { PERFORMANCE_YEARS_NEWEST_FIRST } from "@/lib/mips/years";

afterEach(() => vi.useRealTimers());

describe("parseYearParam (the ?year= of every page)", () => {
  it("without a year: the current performance year from the clock (2026 on 2026-12-01, 2025 on 2025-03-01)", () => {
    expect(parseYearParam(undefined, new Date("2026-12-01T12:00:00Z"))).toEqual({ ok: true, year: 2026, fromClock: true });
    expect(parseYearParam("", new Date("2025-03-01T12:00:00Z"))).toEqual({ ok: true, year: 2025, fromClock: true });
    expect(parseYearParam([], new Date("2019-01-01T00:00:00Z"))).toMatchObject({ ok: true, year: 2019 });
  });

  it("reads every supported year, the first of repeated values, around spaces", () => {
    for (const y of PERFORMANCE_YEARS_NEWEST_FIRST) expect(parseYearParam(String(y))).toEqual({ ok: true, year: y, fromClock: false });
    expect(parseYearParam(["2017", "2026"])).toMatchObject({ ok: true, year: 2017 });
    expect(parseYearParam(" 2024 ")).toMatchObject({ ok: true, year: 2024 });
  });

  it("refuses an unsupported year with a message, never answering another year", () => {
    expect(parseYearParam("2027")).toEqual({ ok: false, text: "2027", message: expect.stringMatching(/performance year 2027 is not supported yet.*supported: 2017-2026/) });
    for (const bad of ["abc", "2016", "2018x", "2018.0", "20180", "-2018"]) {
      const parsed = parseYearParam(bad);
      expect(parsed.ok, bad).toBe(false);
      if (!parsed.ok) expect(parsed.message).toMatch(/is not supported.*2017-2026/);
    }
  });

  it("newest first in selectors: 2026 down to 2017", () => {
    expect(PERFORMANCE_YEARS_NEWEST_FIRST).toEqual([2026, 2025, 2024, 2023, 2022, 2021, 2020, 2019, 2018, 2017]);
  });
});

describe("performanceYearField (procedure inputs)", () => {
  it("accepts 2017-2026 and refuses others with the supported range in the message", () => {
    expect(performanceYearField.parse(2026)).toBe(2026);
    expect(performanceYearField.parse(2017)).toBe(2017);
    const refused = performanceYearField.safeParse(2027);
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toMatch(/performance year 2027 is not supported yet.*supported: 2017-2026/);
    expect(performanceYearField.safeParse(2016).error?.issues[0]?.message).toMatch(/performance year 2016 is not supported \(supported: 2017-2026\)/);
    expect(performanceYearField.safeParse("2018").error?.issues[0]?.message).toMatch(/a performance year is required \(2017-2026\)/);
    expect(performanceYearField.safeParse(2018.5).error?.issues[0]?.message).toMatch(/2018.5 is not supported/);
  });

  it("an omitted year defaults to the clock's year, read when the input is parsed (not when the server started)", () => {
    const field = performanceYearField.default(currentYearDefault);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-01T12:00:00Z"));
    expect(field.parse(undefined)).toBe(2026);
    vi.setSystemTime(new Date("2024-02-29T12:00:00Z"));
    expect(field.parse(undefined)).toBe(2024);
    vi.setSystemTime(new Date("2031-01-01T00:00:00Z"));
    expect(field.parse(undefined)).toBe(2026);
  });
});
