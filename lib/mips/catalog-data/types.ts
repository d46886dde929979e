/**
 * One row of a year's PI measure table, in CMS's own field names (qpp-measures-data `measures-data.json`),
 * so a table can be compared field by field with CMS's file.
 */
export interface CatalogTableRow {
  measureId: string;
  title: string;
  metricType: "boolean" | "proportion";
  isRequired: boolean;
  isBonus: boolean;
  objective: string;
  /** "required", "bonus", "exclusion", or null (the optional ONC-ACB attestation). */
  reportingCategory: string | null;
  /** Exclusion ids that may be sent instead of this measure (never both). */
  exclusion: string[] | null;
  /** Alternatives (HIE_1/HIE_4 vs HIE_5 vs HIE_6; PRE vs PROD; an exclusion's siblings). */
  substitutes: string[];
  /** The measure's engagement-level pair (`PI_PHCDRR_1_PRE`, `PI_PHCDRR_1_PROD`), from 2023. */
  preprod: string[] | null | undefined;
  firstPerformanceYear: number;
  lastPerformanceYear: number | null;
}
