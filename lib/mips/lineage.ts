/**
 * Lineage of an aggregated group submission: for each measure, which source (vendor file) contributed
 * which numbers or answers, which rule combined them and why (rules: ../shared/domain/mips-rules.md 6.7).
 * The web app shows it; `mips aggregate --lineage` prints it.
 */
import type { CehrtEdition } from "./identifiers";
import type { EntityType, ProportionValue } from "./submission";

export type MeasureValue = boolean | ProportionValue;

/**
 * How a measure's group value is derived from the sources' values:
 * - sum: numerator/denominator measures, sum of numerators over sum of denominators;
 * - everyYes: Security Risk Analysis, yes only if every source (CEHRT) says yes;
 * - anyYes: public health / registry and the IA-via-CEHRT bonus, yes if any source says yes;
 * - noneNoSomeYes: attestations, yes only if none says no and at least one says yes;
 * - everyClaims: exclusions, claimed only if every source reporting the measure claims it.
 */
export type AggregationRule = "sum" | "everyYes" | "anyYes" | "noneNoSomeYes" | "everyClaims";

export interface Contribution {
  sourceName: string;
  value: MeasureValue;
}

export interface MeasureLineage {
  measureId: string;
  rule: AggregationRule;
  /** The group's value; null when the measure is left out of the group submission (a dropped exclusion). */
  value: MeasureValue | null;
  /** Why the value is what it is, in words a user can check against the sources. */
  explanation: string;
  contributions: Contribution[];
  /** Sources that do not report this measure. */
  notReportedBy: string[];
}

export interface SourceLineage {
  sourceName: string;
  entityType: EntityType;
  taxpayerIdentificationNumber?: string;
  nationalProviderIdentifier?: string;
  entityId?: string;
  cehrtId?: string;
  /** The source's CEHRT edition, from its cehrtEdition or derived from its cehrtId; null when unknown. */
  cehrtEdition: CehrtEdition | null;
  measureCount: number;
}

export interface Lineage {
  sources: SourceLineage[];
  cehrtEdition: { value: CehrtEdition | null; explanation: string };
  measures: MeasureLineage[];
}

/** Compact text form of a value for explanations: `600/800`, `yes`, `no`. */
export function showValue(value: MeasureValue): string {
  return typeof value === "boolean" ? (value ? "yes" : "no") : `${value.numerator}/${value.denominator}`;
}
