/**
 * Our PI catalog of every year 2019-2026 against CMS's own data (CMSgov/qpp-measures-data v11.1.0,
 * commit 100b25f: ../shared/fixtures/qpp-measures-data/pi-<year>.json), field by field. Any difference fails,
 * a missing or an extra measure too. Two sources are checked:
 * - `getCatalog(year)` (what the engine scores with), every year;
 * - 2019-2022: the npm package's raw data (qpp-measures-data 5.5.4), which matches CMS's current data except
 *   the one correction the catalog documents (2022 PHCDRR_2/4/5 `substitutes`, emptied by CMS since);
 * - 2023-2026: the typed tables of lib/mips/catalog-data, in CMS's own field names.
 * Normalisations, each one deliberate: a missing `preprod` key equals null and [] (CMS writes all three);
 * a `reportingCategory` of null (the optional ONC-ACB attestation) is "" in the catalog.
 * Skipped, with a note, when ../shared is not beside the repository.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import raw2019 from "qpp-measures-data/measures/2019/measures-data.json";
import raw2020 from "qpp-measures-data/measures/2020/measures-data.json";
import raw2021 from "qpp-measures-data/measures/2021/measures-data.json";
import raw2022 from "qpp-measures-data/measures/2022/measures-data.json";
import { AppError } from "../../../lib/errors";
import { getCatalog, type PerformanceYear } from "../../../lib/mips/catalog";
import { PI_2023 } from "../../../lib/mips/catalog-data/pi-2023";
import { PI_2024 } from "../../../lib/mips/catalog-data/pi-2024";
import { PI_2025 } from "../../../lib/mips/catalog-data/pi-2025";
import { PI_2026 } from "../../../lib/mips/catalog-data/pi-2026";
import type { CatalogTableRow } from "../../../lib/mips/catalog-data/types";
import { qppMeasuresDataDir } from "../../paths";

interface CmsMeasure {
  measureId: string;
  category: string;
  title: string;
  metricType: string;
  isRequired?: boolean;
  isBonus?: boolean;
  objective?: string | null;
  reportingCategory?: string | null;
  exclusion?: string[] | string | null;
  substitutes?: string[];
  preprod?: string[] | null;
  weight?: number | null;
  firstPerformanceYear?: number | null;
  lastPerformanceYear?: number | null;
}

const YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026] as const;
const haveShared = existsSync(resolve(qppMeasuresDataDir, "pi-2019.json"));
if (!haveShared) console.warn(`catalog-vs-cms: skipped, CMS's data is not at ${qppMeasuresDataDir} (clone ../shared beside the repository)`);

function cms(year: number): CmsMeasure[] {
  return JSON.parse(readFileSync(resolve(qppMeasuresDataDir, `pi-${year}.json`), "utf8")) as CmsMeasure[];
}
const list = (v: readonly string[] | string | null | undefined): string[] => (v === null || v === undefined ? [] : typeof v === "string" ? [v] : [...v]);
const ids = (ms: readonly { measureId: string }[]) => ms.map((m) => m.measureId).sort();

/** Every field difference between two measure lists, as readable lines ("PI_EP_1.title: ours ... CMS ..."). */
function differences(ours: readonly Record<string, unknown>[], theirs: readonly Record<string, unknown>[], fields: readonly string[]): string[] {
  const out: string[] = [];
  const byId = new Map(ours.map((m) => [m.measureId as string, m]));
  const theirIds = new Set(theirs.map((m) => m.measureId as string));
  for (const t of theirs) if (!byId.has(t.measureId as string)) out.push(`missing ${String(t.measureId)}`);
  for (const o of ours) if (!theirIds.has(o.measureId as string)) out.push(`extra ${String(o.measureId)}`);
  for (const t of theirs) {
    const o = byId.get(t.measureId as string);
    if (!o) continue;
    for (const f of fields) {
      if (JSON.stringify(o[f]) !== JSON.stringify(t[f])) out.push(`${String(t.measureId)}.${f}: ours ${JSON.stringify(o[f])}, CMS ${JSON.stringify(t[f])}`);
    }
  }
  return out;
}

/** CMS's entry in the shape the catalog exposes (exclusion -> list, null preprod -> []). */
function cmsAsCatalog(m: CmsMeasure) {
  return {
    measureId: m.measureId,
    title: m.title,
    isRequired: m.isRequired ?? false,
    isBonus: m.isBonus ?? false,
    metricType: m.metricType,
    objective: m.objective ?? null,
    reportingCategory: m.reportingCategory ?? null,
    exclusion: list(m.exclusion),
    substitutes: m.substitutes ?? [],
    preprod: m.preprod ?? [],
  };
}

/**
 * Exclusions the catalog adds where CMS's 2019-2020 data leaves `exclusion` null although the exclusion
 * exists (documented in catalog.ts: HIE_4's two 2019 exclusions; each public health measure's X_EX_1..3,
 * which CMS's own 2021+ data lists on the measure). Nothing else may differ.
 */
const ph = (id: string) => [`${id}_EX_1`, `${id}_EX_2`, `${id}_EX_3`];
const PH_2019_2020 = Object.fromEntries(["PI_PHCDRR_1", "PI_PHCDRR_2", "PI_PHCDRR_3", "PI_PHCDRR_4", "PI_PHCDRR_5"].map((id) => [id, ph(id)]));
const DOCUMENTED_EXCLUSION_ADDITIONS: Partial<Record<PerformanceYear, Record<string, string[]>>> = {
  2019: { PI_HIE_4: ["PI_LVITC_2", "PI_CUITC_1"], ...PH_2019_2020 },
  2020: PH_2019_2020,
};

const CATALOG_FIELDS = ["title", "isRequired", "isBonus", "metricType", "objective", "reportingCategory", "exclusion", "substitutes", "preprod"] as const;

describe.skipIf(!haveShared)("catalog vs CMS's qpp-measures-data (v11.1.0)", () => {
  describe.each(YEARS)("%i: getCatalog", (year) => {
    it("has exactly CMS's PI measures, each field equal (ids, titles, required, bonus, metric type, objective, reporting category, exclusions, substitutes, PRE/PROD pairs)", () => {
      const theirs = cms(year).map(cmsAsCatalog);
      const added = DOCUMENTED_EXCLUSION_ADDITIONS[year] ?? {};
      for (const t of theirs) if (added[t.measureId]) t.exclusion = [...t.exclusion, ...(added[t.measureId] ?? [])];
      const ours = getCatalog(year).measures.map((m) => ({
        measureId: m.measureId,
        title: m.title,
        isRequired: m.isRequired,
        isBonus: m.isBonus,
        metricType: m.metricType,
        objective: m.objective,
        reportingCategory: m.reportingCategory === "" ? null : m.reportingCategory,
        exclusion: m.exclusionMeasureIds,
        substitutes: m.substitutes,
        preprod: m.engagementLevelIds,
      }));
      expect(differences(ours, theirs, CATALOG_FIELDS)).toEqual([]);
      expect(ours.length).toBe(theirs.length);
    });
  });

  it("counts of PI entries per year are CMS's (reference §2.2: 39, 37, 38, 26, 39, 38, 38, 39)", () => {
    expect(YEARS.map((y) => getCatalog(y).measures.length)).toEqual([39, 37, 38, 26, 39, 38, 38, 39]);
    expect(YEARS.map((y) => cms(y).length)).toEqual([39, 37, 38, 26, 39, 38, 38, 39]);
  });

  it("2019: the points the year file gives equal CMS's own 2019 `weight` (EP_1 10, EP_2 5, EP_3 5, HIE_1 20, HIE_4 20, PEA_1 40)", () => {
    const scored = ["PI_EP_1", "PI_EP_2", "PI_EP_3", "PI_HIE_1", "PI_HIE_4", "PI_PEA_1"];
    const weights = Object.fromEntries(cms(2019).filter((m) => scored.includes(m.measureId)).map((m) => [m.measureId, m.weight]));
    expect(weights).toEqual({ PI_EP_1: 10, PI_EP_2: 5, PI_EP_3: 5, PI_HIE_1: 20, PI_HIE_4: 20, PI_PEA_1: 40 });
    const catalog = getCatalog(2019);
    expect(Object.fromEntries(scored.map((id) => [id, catalog.byId.get(id)?.weight]))).toEqual(weights);
  });

  describe("2019-2022: the npm package (5.5.4) against CMS's current data", () => {
    const RAW: Record<2019 | 2020 | 2021 | 2022, readonly Record<string, unknown>[]> = {
      2019: raw2019 as unknown as Record<string, unknown>[],
      2020: raw2020 as unknown as Record<string, unknown>[],
      2021: raw2021 as unknown as Record<string, unknown>[],
      2022: raw2022 as unknown as Record<string, unknown>[],
    };
    const RAW_FIELDS = ["title", "description", "isRequired", "isBonus", "metricType", "objective", "reportingCategory", "exclusion", "substitutes", "weight", "firstPerformanceYear", "lastPerformanceYear"];
    const piOf = (rows: readonly Record<string, unknown>[]) => rows.filter((m) => m.category === "pi");

    it.each([2019, 2020, 2021] as const)("%i: the package's PI entries equal CMS's, field by field", (year) => {
      expect(differences(piOf(RAW[year]), cms(year) as unknown as Record<string, unknown>[], RAW_FIELDS)).toEqual([]);
    });

    it("2022: the package differs from CMS only in PHCDRR_2/4/5 `substitutes`, the one correction catalog.ts applies", () => {
      expect(differences(piOf(RAW[2022]), cms(2022) as unknown as Record<string, unknown>[], RAW_FIELDS)).toEqual([
        'PI_PHCDRR_2.substitutes: ours ["PI_PHCDRR_4","PI_PHCDRR_5"], CMS []',
        'PI_PHCDRR_4.substitutes: ours ["PI_PHCDRR_2","PI_PHCDRR_5"], CMS []',
        'PI_PHCDRR_5.substitutes: ours ["PI_PHCDRR_2","PI_PHCDRR_4"], CMS []',
      ]);
      const catalog = getCatalog(2022);
      expect(["PI_PHCDRR_2", "PI_PHCDRR_4", "PI_PHCDRR_5"].map((id) => catalog.byId.get(id)?.substitutes)).toEqual([[], [], []]);
    });
  });

  describe("2023-2026: the typed tables of lib/mips/catalog-data", () => {
    const TABLES: Record<2023 | 2024 | 2025 | 2026, readonly CatalogTableRow[]> = { 2023: PI_2023, 2024: PI_2024, 2025: PI_2025, 2026: PI_2026 };
    const TABLE_FIELDS = ["title", "metricType", "isRequired", "isBonus", "objective", "reportingCategory", "exclusion", "substitutes", "preprod", "firstPerformanceYear", "lastPerformanceYear"];
    /** A missing `preprod` key and null are the same; so are a missing `exclusion` and null. */
    const normalise = (m: Record<string, unknown>): Record<string, unknown> & { measureId: string } => ({ ...m, measureId: String(m.measureId), preprod: m.preprod ?? null, exclusion: m.exclusion ?? null });

    it.each([2023, 2024, 2025, 2026] as const)("%i: the table equals CMS's file, row for row and field by field", (year) => {
      const ours = TABLES[year].map((r) => normalise(r as unknown as Record<string, unknown>));
      const theirs = cms(year).map((m) => normalise(m as unknown as Record<string, unknown>));
      expect(differences(ours, theirs, TABLE_FIELDS)).toEqual([]);
      expect(new Set(ids(ours)).size).toBe(ours.length); // no measure twice
    });

    it("2026 adds PI_PHCDRR_6 (public health via TEFCA, a bonus) and has no PRE/PROD pair for it; 2024 drops PI_EP_2_EX_3", () => {
      const m = PI_2026.find((r) => r.measureId === "PI_PHCDRR_6");
      expect(m).toMatchObject({ isBonus: true, isRequired: false, metricType: "boolean" });
      expect(ids(PI_2026)).not.toContain("PI_PHCDRR_6_PRE");
      expect(ids(PI_2023)).toContain("PI_EP_2_EX_3");
      expect(ids(PI_2024)).not.toContain("PI_EP_2_EX_3");
    });
  });
});

describe("2027 is not supported yet", () => {
  it("getCatalog(2027) is refused as not supported yet, with the supported range, although CMS already publishes 2027 data", () => {
    let error: unknown;
    try {
      getCatalog(2027 as PerformanceYear);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("BAD_INPUT");
    expect((error as AppError).message).toBe("performance year 2027 is not supported yet: its rules are not final or not yet sourced (supported: 2017-2026)");
  });
});
