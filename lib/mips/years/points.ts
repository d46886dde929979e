/**
 * The most points each measure can earn in a year, for the catalog's `weight` (2019+; 2017-2018 weights
 * are CMS's own data). Public health points belong to the objective and are shown on its required measures.
 */
import type { PerformanceYear } from "../years";
import { yearFacts } from "./index";

export function measurePointsOf(year: PerformanceYear): Readonly<Record<string, number>> {
  const pi = yearFacts(year).pi;
  if (!pi) return {};
  const points: Record<string, number> = { ...pi.measurePoints };
  for (const b of pi.bonusMeasures) points[b.measureId] = b.points;
  const ph = pi.publicHealth;
  if (ph.shape === "required") {
    for (const id of ph.requiredIds) points[id] = ph.points;
    for (const id of ph.bonusIds) points[id] = ph.bonusPoints;
  } else {
    for (const id of ph.measureIds) points[id] = ph.points;
  }
  return points;
}
