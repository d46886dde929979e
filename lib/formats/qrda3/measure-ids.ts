/**
 * Measure ids in vendor files often use an older or odd spelling: 2017's ACI ids in a 2018 file
 * (`ACI_EP_1`), hyphens for underscores (`ACI-PEA-1`). CMS renamed the category in 2018 without renaming
 * the measures (ACI_x -> PI_x), so such an id maps to the performance year's id when the catalog
 * confirms the target exists; anything else is unknown.
 */
import { type PerformanceYear, findMeasure } from "../../mips/catalog";

export type MeasureIdMapping =
  | { kind: "exact"; measureId: string }
  | { kind: "mapped"; measureId: string; from: string }
  | { kind: "unknown"; from: string };

/** 2017 ids start with ACI_; from 2018 every PI id starts with PI_ (an ACI_ spelling maps to it). */
function yearPrefix(year: PerformanceYear): { own: string; other: string } {
  return year === 2017 ? { own: "ACI_", other: "PI_" } : { own: "PI_", other: "ACI_" };
}

export function mapMeasureId(rawId: string, year: PerformanceYear): MeasureIdMapping {
  const id = rawId.trim();
  if (findMeasure(year, id)) return { kind: "exact", measureId: id };
  let candidate = id.toUpperCase().replaceAll("-", "_");
  const { own, other } = yearPrefix(year);
  if (candidate.startsWith(other)) candidate = own + candidate.slice(other.length);
  return findMeasure(year, candidate) ? { kind: "mapped", measureId: candidate, from: id } : { kind: "unknown", from: id };
}
