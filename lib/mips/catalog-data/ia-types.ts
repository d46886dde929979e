/** One Improvement Activity of a year, in CMS's own field names (qpp-measures-data `measures-data.json`). */
export interface IaCatalogRow {
  measureId: string;
  title: string;
  subcategoryId: string | null;
  /** "medium" or "high" until 2024; CMS dropped activity weights from 2025 (null). */
  weight: "medium" | "high" | null;
  firstPerformanceYear: number;
  lastPerformanceYear: number | null;
}
