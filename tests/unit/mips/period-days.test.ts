/**
 * isoDateToDayNumber counts days with integer arithmetic; it must agree with the Date round trip it
 * replaced (a real calendar date, years 0000-0099 refused as Date.UTC reads them as 1900-1999) on every
 * month and day of many years, and on strings that are not dates.
 */
import { describe, expect, it } from "vitest";
import { isoDateToDayNumber, performancePeriodDays } from "../../../lib/mips/scoring/period";

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
function throughDate(date: string): number | null {
  const m = ISO.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / 86_400_000;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

describe("isoDateToDayNumber", () => {
  it("agrees with the Date round trip on every month 00-13 and day 00-32 of years 0000-9999 (every year 1890-2110)", () => {
    const differ: string[] = [];
    for (let y = 0; y <= 9999; y += y >= 1890 && y <= 2110 ? 1 : 13) {
      for (let mo = 0; mo <= 13; mo++) {
        for (let d = 0; d <= 32; d++) {
          const s = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}`;
          if (isoDateToDayNumber(s) !== throughDate(s)) differ.push(s);
        }
      }
    }
    expect(differ).toEqual([]);
  });

  it("refuses what is not YYYY-MM-DD", () => {
    for (const s of ["", "2018-1-01", "2018-01-01 ", " 2018-01-01", "2018/01/01", "2018-01-0a", "２018-01-01", "20180-01-01", "2018-001-01"]) {
      expect(isoDateToDayNumber(s), s).toBeNull();
      expect(throughDate(s), s).toBeNull();
    }
  });

  it("counts leap days and both ends of a period", () => {
    expect(isoDateToDayNumber("1970-01-01")).toBe(0);
    expect(isoDateToDayNumber("2000-02-29")).toBe(11_016);
    expect(isoDateToDayNumber("2100-02-29")).toBeNull();
    expect(performancePeriodDays("2018-01-01", "2018-03-31")).toBe(90);
    expect(performancePeriodDays("2024-01-01", "2024-06-28")).toBe(180);
  });
});
