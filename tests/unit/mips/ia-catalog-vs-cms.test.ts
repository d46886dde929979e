/**
 * The IA tables 2023-2026 (lib/mips/catalog-data/ia-<year>.ts) equal CMS's data in
 * ../shared/fixtures/qpp-measures-data/ia-<year>.json field by field; 2019-2022 come from the npm package
 * and must hold every activity CMS's current data lists for the year.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { iaCatalog } from "../../../lib/mips/ia-catalog";
import { qppMeasuresDataDir } from "../../paths";

interface CmsIa {
  measureId: string;
  title: string;
  metricType: string;
  subcategoryId: string | null;
  weight?: string | null;
  firstPerformanceYear: number;
  lastPerformanceYear: number | null;
}

function cms(year: number): CmsIa[] {
  return JSON.parse(readFileSync(resolve(qppMeasuresDataDir, `ia-${year}.json`), "utf8")) as CmsIa[];
}

describe("IA catalog vs CMS's qpp-measures-data v11.1.0", () => {
  for (const year of [2023, 2024, 2025, 2026] as const) {
    it(`${year}: the same activities with the same fields`, () => {
      const expected = cms(year).map((m) => ({
        measureId: m.measureId,
        title: m.title,
        subcategoryId: m.subcategoryId,
        weight: m.weight ?? null,
        firstPerformanceYear: m.firstPerformanceYear,
        lastPerformanceYear: m.lastPerformanceYear,
      }));
      expect([...iaCatalog(year).values()]).toEqual(expected);
      expect(cms(year).every((m) => m.metricType === "boolean")).toBe(true);
    });
  }

  for (const year of [2019, 2020, 2021] as const) {
    it(`${year}: the npm package lists exactly CMS's current activity ids`, () => {
      expect([...iaCatalog(year).keys()].sort()).toEqual(cms(year).map((m) => m.measureId).sort());
    });
  }

  it("2022: the npm package holds every activity of CMS's current data (and one CMS has since removed)", () => {
    const ours = new Set(iaCatalog(2022).keys());
    const theirs = cms(2022).map((m) => m.measureId);
    expect(theirs.filter((id) => !ours.has(id))).toEqual([]);
    expect(ours.size - theirs.length).toBe(1);
  });
});
