import { describe, expect, it } from "vitest";
import { getCatalog } from "../../../lib/mips";
import { PERFORMANCE_YEARS } from "../../../lib/mips/years";
import { measureHelp } from "../../../lib/mips/measure-help";

describe("measure help", () => {
  it("every scored or required PI measure of every year has a help text", () => {
    const missing = PERFORMANCE_YEARS.flatMap((year) => getCatalog(year).measures.filter((m) => (m.weight > 0 || m.isRequired) && m.kind !== "exclusion" && measureHelp(m.measureId) === null).map((m) => `${year} ${m.measureId}`));
    expect(missing).toEqual([]);
  });
  it("names the exclusion where the measure has one", () => {
    expect(measureHelp("PI_EP_1")).toMatch(/Exclusion: fewer than 100 prescriptions/);
    expect(measureHelp("PI_PHCDRR_3_PROD")).toMatch(/case reports/);
  });
});
