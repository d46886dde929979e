/**
 * The Improvement Activities (IA) catalog per performance year, used to check the IA measurement set of a
 * vendor file (every activity is a yes/no attestation). Scoring stays PI; this only says whether an
 * activity id exists in the year. Sources:
 * - 2017-2022: the npm package `qpp-measures-data` (`measures/<year>/measures-data.json`, category "ia");
 * - 2023-2026: typed tables of CMS's data (`catalog-data/ia-<year>.ts`, compared with CMS's current
 *   repository by tests/unit/mips/ia-catalog-vs-cms.test.ts).
 */
import measures2017 from "qpp-measures-data/measures/2017/measures-data.json";
import measures2018 from "qpp-measures-data/measures/2018/measures-data.json";
import measures2019 from "qpp-measures-data/measures/2019/measures-data.json";
import measures2020 from "qpp-measures-data/measures/2020/measures-data.json";
import measures2021 from "qpp-measures-data/measures/2021/measures-data.json";
import measures2022 from "qpp-measures-data/measures/2022/measures-data.json";
import { IA_2023 } from "./catalog-data/ia-2023";
import { IA_2024 } from "./catalog-data/ia-2024";
import { IA_2025 } from "./catalog-data/ia-2025";
import { IA_2026 } from "./catalog-data/ia-2026";
import type { IaCatalogRow } from "./catalog-data/ia-types";
import type { PerformanceYear } from "./years";

export type { IaCatalogRow } from "./catalog-data/ia-types";

interface RawEntry {
  category?: string;
  measureId: string;
  title: string;
  subcategoryId?: string | null;
  weight?: string | null;
  firstPerformanceYear?: number | null;
  lastPerformanceYear?: number | null;
}

function fromPackage(data: readonly unknown[]): IaCatalogRow[] {
  return (data as RawEntry[])
    .filter((m) => m.category === "ia")
    .map((m) => ({
      measureId: m.measureId,
      title: m.title,
      subcategoryId: m.subcategoryId ?? null,
      weight: m.weight === "medium" || m.weight === "high" ? m.weight : null,
      firstPerformanceYear: m.firstPerformanceYear ?? 2017,
      lastPerformanceYear: m.lastPerformanceYear ?? null,
    }));
}

const SOURCES: Record<PerformanceYear, () => readonly IaCatalogRow[]> = {
  2017: () => fromPackage(measures2017),
  2018: () => fromPackage(measures2018),
  2019: () => fromPackage(measures2019),
  2020: () => fromPackage(measures2020),
  2021: () => fromPackage(measures2021),
  2022: () => fromPackage(measures2022),
  2023: () => IA_2023,
  2024: () => IA_2024,
  2025: () => IA_2025,
  2026: () => IA_2026,
};

const catalogs = new Map<PerformanceYear, ReadonlyMap<string, IaCatalogRow>>();

/** The year's activities by id; built once per process. */
export function iaCatalog(year: PerformanceYear): ReadonlyMap<string, IaCatalogRow> {
  let catalog = catalogs.get(year);
  if (!catalog) {
    catalog = new Map(SOURCES[year]().map((row) => [row.measureId, row]));
    catalogs.set(year, catalog);
  }
  return catalog;
}

export function findIaActivity(year: PerformanceYear, measureId: string): IaCatalogRow | undefined {
  return iaCatalog(year).get(measureId);
}
