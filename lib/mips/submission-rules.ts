/**
 * CMS's acceptance rules on a PI measurement set of the 2019+ shape, beyond the shape and catalog checks
 * (a file breaking one is refused by CMS, so we refuse it before submission, saying where and why):
 * - a measure and one of its exclusions both sent (from 2019 an exclusion is sent instead of the measure);
 * - the HIE objective's alternatives mixed: PI_HIE_5 (or PI_HIE_6) with PI_HIE_1 / PI_HIE_4 or their
 *   exclusions (CMS's converter: problem 102, "A PI section cannot contain PI_HIE_5 with PI_HIE_1,
 *   PI_LVOTC_1, PI_HIE_4, or PI_LVITC_2").
 * 2017-2018 sets are not checked here: then an exclusion went with the measure as 0/0.
 */
import type { Issue } from "../errors";
import { findMeasure } from "./catalog";
import type { Measurement } from "./submission";
import { yearFacts } from "./years/index";
import type { PerformanceYear } from "./years";

export function piAcceptanceIssues(year: PerformanceYear, measurements: readonly Measurement[], at: string): Issue[] {
  const pi = yearFacts(year).pi;
  if (!pi) return [];
  const issues: Issue[] = [];
  const index = new Map(measurements.map((m, i) => [m.measureId, i]));
  const path = (id: string) => `${at}.measurements[${index.get(id) ?? 0}].measureId`;

  for (const m of measurements) {
    const measure = findMeasure(year, m.measureId);
    if (!measure || measure.kind === "exclusion") continue;
    for (const exclusionId of measure.exclusionMeasureIds) {
      if (index.has(exclusionId)) {
        issues.push({
          path: path(exclusionId),
          message: `${m.measureId} and its exclusion ${exclusionId} are both sent: from 2019 (here ${year}) CMS expects the measure or its exclusion, not both`,
        });
      }
    }
  }

  const touched = (ids: readonly string[]) => ids.flatMap((id) => [id, ...(findMeasure(year, id)?.exclusionMeasureIds ?? [])]).filter((id) => index.has(id));
  const referralLoops = pi.hieOptions.find((o) => o.length > 1);
  if (referralLoops) {
    const loops = touched(referralLoops);
    const alternatives = pi.hieOptions.filter((o) => o !== referralLoops).flatMap(touched);
    if (loops.length > 0 && alternatives.length > 0) {
      issues.push({
        path: path(alternatives[0] ?? ""),
        message: `HIE alternatives mixed in ${year}: ${alternatives.join(", ")} with ${loops.join(", ")}; CMS refuses such a file (converter problem 102): send either ${referralLoops.join(" and ")} (or their exclusions) or ${alternatives.join(" / ")}`,
      });
    }
  }
  return issues;
}
