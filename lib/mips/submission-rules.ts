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
import { findMeasure, getCatalog, type PiMeasure } from "./catalog";
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

/**
 * `idsGiven`: the measure ids of `measurements` (any Map keyed by them), when the caller has one (built here
 * otherwise); `found[i]`: the catalog entry of `measurements[i]`, when the caller has looked them up.
 */
export function piAcceptanceIssues(
  year: PerformanceYear,
  measurements: readonly Measurement[],
  at: string,
  idsGiven?: ReadonlyMap<string, unknown>,
  found?: readonly (PiMeasure | undefined)[],
): Issue[] {
  const pi = yearFacts(year).pi;
  if (!pi) return [];
  const issues: Issue[] = [];
  let index = idsGiven;
  if (!index) {
    const built = new Map<string, number>();
    for (let i = 0; i < measurements.length; i++) built.set((measurements[i] as Measurement).measureId, i);
    index = built;
  }
  // The id's last position: built only for a problem.
  const path = (id: string) => {
    let position = 0;
    for (let i = measurements.length - 1; i >= 0; i--) {
      if ((measurements[i] as Measurement).measureId === id) {
        position = i;
        break;
      }
    }
    return `${at}.measurements[${position}].measureId`;
  };
  const catalog = getCatalog(year);

  for (let i = 0; i < measurements.length; i++) {
    const m = measurements[i] as Measurement;
    const measure = found ? found[i] : catalog.byId.get(m.measureId);
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
