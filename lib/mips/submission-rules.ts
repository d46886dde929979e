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
import { findMeasure, getCatalog } from "./catalog";
import type { Measurement } from "./submission";
import { yearFacts } from "./years/index";
import type { PerformanceYear } from "./years";

/** Per year: the HIE referral-loop option and its alternatives, each with its measures' exclusions. */
interface HiePlan {
  referralLoops: readonly string[] | null;
  loopIds: readonly string[];
  alternativeIds: readonly string[];
}
const hiePlans = new Map<PerformanceYear, HiePlan>();

function hiePlanFor(year: PerformanceYear): HiePlan {
  let plan = hiePlans.get(year);
  if (!plan) {
    const options = yearFacts(year).pi?.hieOptions ?? [];
    const withExclusions = (ids: readonly string[]) => ids.flatMap((id) => [id, ...(findMeasure(year, id)?.exclusionMeasureIds ?? [])]);
    const referralLoops = options.find((o) => o.length > 1) ?? null;
    plan = {
      referralLoops,
      loopIds: referralLoops ? withExclusions(referralLoops) : [],
      alternativeIds: referralLoops ? options.filter((o) => o !== referralLoops).flatMap(withExclusions) : [],
    };
    hiePlans.set(year, plan);
  }
  return plan;
}

/** `positions`: each measure id's last index in `measurements`, when the caller has it (built here otherwise). */
export function piAcceptanceIssues(year: PerformanceYear, measurements: readonly Measurement[], at: string, positions?: ReadonlyMap<string, number>): Issue[] {
  const pi = yearFacts(year).pi;
  if (!pi) return [];
  const issues: Issue[] = [];
  let index = positions;
  if (!index) {
    const built = new Map<string, number>();
    for (let i = 0; i < measurements.length; i++) built.set((measurements[i] as Measurement).measureId, i);
    index = built;
  }
  const path = (id: string) => `${at}.measurements[${index.get(id) ?? 0}].measureId`;
  const catalog = getCatalog(year);

  for (const m of measurements) {
    const measure = catalog.byId.get(m.measureId);
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

  const hie = hiePlanFor(year);
  if (hie.referralLoops) {
    const given = (ids: readonly string[]) => ids.filter((id) => index.has(id));
    const loops = given(hie.loopIds);
    const alternatives = loops.length > 0 ? given(hie.alternativeIds) : [];
    if (loops.length > 0 && alternatives.length > 0) {
      issues.push({
        path: path(alternatives[0] ?? ""),
        message: `HIE alternatives mixed in ${year}: ${alternatives.join(", ")} with ${loops.join(", ")}; CMS refuses such a file (converter problem 102): send either ${hie.referralLoops.join(" and ")} (or their exclusions) or ${alternatives.join(" / ")}`,
      });
    }
  }
  return issues;
}
