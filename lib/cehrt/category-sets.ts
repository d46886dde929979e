/**
 * Quality and improvement activities measurement sets of stored reports, combined into one submission's
 * sets. Scoring stays PI; these sets are data the portal carries from the vendor files to the export.
 *
 * The rule, kept simple and explicit: sets are matched by category and submission method; a measure
 * reported by one file is taken as it is; a measure reported by several files is taken from the latest
 * import (values are not added up: CMS takes one value per measure and set), and a finding names the files
 * and the one kept. The set's own fields (period) come from the latest file that has the set.
 */
import type { Issue } from "../errors";
import type { IaMeasurementSet, QualityMeasurementSet } from "../mips";

export type CategorySet = QualityMeasurementSet | IaMeasurementSet;

export interface CategorySetSource {
  /** What a user recognises (file name, NPI, product). */
  label: string;
  /** Import time: the later one wins. */
  createdAt: Date;
  sets: readonly CategorySet[];
}

const CATEGORY_NAME = { quality: "Quality", ia: "Improvement Activities" } as const;

function setKey(set: CategorySet): string {
  return `${set.category}|${set.submissionMethod ?? ""}`;
}

function setName(set: CategorySet): string {
  return `${CATEGORY_NAME[set.category]}${set.submissionMethod ? ` (${set.submissionMethod})` : ""}`;
}

export function combineCategorySets(sources: readonly CategorySetSource[]): { sets: CategorySet[]; findings: Issue[] } {
  const ordered = [...sources].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  type Entry = { measureId: string };
  const groups = new Map<string, { base: CategorySet; measures: Map<string, { measurement: Entry; label: string; from: string[] }>; labels: string[] }>();
  for (const source of ordered) {
    for (const set of source.sets) {
      const key = setKey(set);
      const group = groups.get(key) ?? { base: set, measures: new Map<string, { measurement: Entry; label: string; from: string[] }>(), labels: [] as string[] };
      group.base = set;
      group.labels.push(source.label);
      for (const m of set.measurements as readonly Entry[]) {
        const earlier = group.measures.get(m.measureId);
        group.measures.set(m.measureId, { measurement: m, label: source.label, from: [...(earlier?.from ?? []), source.label] });
      }
      groups.set(key, group);
    }
  }
  const sets: CategorySet[] = [];
  const findings: Issue[] = [];
  for (const group of groups.values()) {
    const measurements = [...group.measures.values()].map((m) => m.measurement);
    sets.push({ ...group.base, measurements } as CategorySet);
    const at = `measurementSets.${group.base.category}${group.base.submissionMethod ? `.${group.base.submissionMethod}` : ""}`;
    for (const [measureId, m] of group.measures) {
      if (m.from.length < 2) continue;
      findings.push({
        path: `${at}.${measureId}`,
        message: `${setName(group.base)} measure ${measureId} is in ${m.from.length} files (${m.from.join(", ")}); the export carries the value of the latest import, ${m.label} (values are not added up)`,
      });
    }
    if (group.labels.length > 1) {
      findings.push({
        path: at,
        message: `${setName(group.base)} data comes from ${group.labels.length} files (${group.labels.join(", ")}); measures are combined one value per measure, the set's period is that of the latest import, ${group.labels.at(-1)}`,
      });
    }
  }
  return { sets, findings };
}
