/**
 * Scores one measure set under the 2017-2018 structure: base score (50, all or nothing), performance
 * score (bands per measure, one public health registry at 10), bonus score (registry +5, IA via CEHRT
 * +10, 2015-Edition-only +10 in 2018), capped at 100. Rules page 6.1-6.5, 6.8; CMS 2018 PI presentation.
 */
import type { MeasureSetId, PerformanceYear, PiMeasure } from "../catalog";
import { measuresOfSet } from "../catalog";
import { proportionRow, rowOrder, yesNoRow } from "./measure-rows";
import { measurementValuesOf } from "./measurement-values";
import type {
  BonusAward,
  ExplanationLine,
  MeasureRow,
  MeasureSetScore,
  PrerequisiteFailure,
  ValidPiScoringInput,
} from "./types";

/** The year-specific figures of the 2017-2018 structure. */
export interface BasePerformanceBonusRules {
  /** Base score when every base requirement is met (CMS: "receive the 50% Base score"). */
  baseScore: number;
  /** Category score cap (CMS: "we will cap your total score at 100%"). */
  cap: number;
  /** +10 for reporting only the PI Objectives and Measures with only 2015 Edition CEHRT (2018); null in 2017. */
  cehrt2015EditionOnlyBonus: number | null;
}

/** What the caller knows about the whole submission, shared by both sets. */
export interface SetScoringContext {
  input: ValidPiScoringInput;
  rules: BasePerformanceBonusRules;
  /** Failures that do not depend on the set: attestations, performance period. */
  commonFailures: PrerequisiteFailure[];
  /** True when the submission also holds measures of the other set (rules out the 2015-Edition bonus). */
  otherSetReported: boolean;
}

function label(m: PiMeasure): string {
  return `${m.title} (${m.measureId})`;
}

/** Edition needed by the PI Objectives and Measures: 2015 Edition or a 2014/2015 mix (CMS 2018 PI presentation). */
function editionFailure(set: MeasureSetId, ctx: SetScoringContext): PrerequisiteFailure | null {
  if (set !== "pi" || ctx.input.cehrtEdition !== "2014") return null;
  return {
    rule: "cehrtEdition",
    message:
      "with 2014 Edition CEHRT only the Transition Objectives and Measures may be reported; " +
      "the PI Objectives and Measures need 2015 Edition CEHRT or a 2014/2015 mix",
  };
}

/** What scoring a year's measure set looks up on every call, worked out once per year and set. */
interface SetPlan {
  measures: readonly PiMeasure[];
  byId: ReadonlyMap<string, PiMeasure>;
  /**
   * Indices into `measures` in display order (rowOrder, ties in set order): the rows, built in set order,
   * are read out in this order instead of being sorted on every scoring (the same order: V8's sort is stable).
   */
  rowOrder: readonly number[];
  registryBonusWeight: number;
  ia: PiMeasure | undefined;
}
const setPlans = new Map<PerformanceYear, Map<MeasureSetId, SetPlan>>();

function setPlanFor(year: PerformanceYear, set: MeasureSetId): SetPlan {
  let ofYear = setPlans.get(year);
  if (!ofYear) {
    ofYear = new Map();
    setPlans.set(year, ofYear);
  }
  let plan = ofYear.get(set);
  if (!plan) {
    const measures = measuresOfSet(year, set);
    plan = {
      measures,
      byId: new Map(measures.map((m) => [m.measureId, m])),
      rowOrder: measures.map((m, i) => ({ rank: rowOrder(m), i })).sort((a, b) => a.rank - b.rank).map((x) => x.i),
      registryBonusWeight: Math.max(0, ...measures.filter((m) => m.kind === "registry" && m.isBonus).map((m) => m.weight)),
      ia: measures.find((m) => m.kind === "iaBonus"),
    };
    ofYear.set(set, plan);
  }
  return plan;
}

export function scoreMeasureSet(set: MeasureSetId, ctx: SetScoringContext): MeasureSetScore {
  const { input, rules } = ctx;
  const values = measurementValuesOf(input);
  const plan = setPlanFor(input.performanceYear, set);
  const measures = plan.measures;
  const failures: PrerequisiteFailure[] = [...ctx.commonFailures];
  const edition = editionFailure(set, ctx);
  if (edition) failures.push(edition);
  const rows: MeasureRow[] = [];
  // The index in `measures` of each row, to read the rows out in display order.
  const rowMeasureIndex: number[] = [];
  const baseNotes: string[] = [];

  const claimed = (exclusionId: string | null): boolean => exclusionId !== null && values.get(exclusionId) === true;

  for (let i = 0; i < measures.length; i++) {
    const m = measures[i] as PiMeasure;
    const value = values.get(m.measureId);
    switch (m.kind) {
      case "attestation": {
        if (value === undefined && !m.isRequired) break;
        rows.push(yesNoRow(m, typeof value === "boolean" ? value : undefined, m.isRequired ? "required attestation: must be yes" : "optional attestation"));
        break;
      }
      case "securityRiskAnalysis": {
        const answer = typeof value === "boolean" ? value : undefined;
        if (answer !== true) {
          failures.push({
            rule: "securityRiskAnalysis",
            measureId: m.measureId,
            message: `${label(m)} ${answer === false ? "answered no" : "not reported"}: the base score needs "yes"`,
          });
        } else baseNotes.push(`${m.measureId} yes`);
        rows.push(yesNoRow(m, answer, "base measure: must be yes"));
        break;
      }
      case "proportion": {
        const excluded = m.isRequired && claimed(m.exclusionMeasureId);
        const counts = typeof value === "object" ? value : undefined;
        let note = m.isRequired ? "base measure" : "performance measure";
        if (excluded) {
          note = `exclusion ${m.exclusionMeasureId ?? ""} claimed: base requirement met, 0 performance points`;
          if (counts && (counts.numerator > 0 || counts.denominator > 0)) {
            note += ` (the reported ${counts.numerator}/${counts.denominator} is not scored; CMS expects 0/0 with an exclusion)`;
          }
          baseNotes.push(`${m.measureId} excluded`);
        } else if (m.isRequired) {
          if (!counts) {
            const how = m.exclusionMeasureId ? ` and its exclusion ${m.exclusionMeasureId} not claimed` : "";
            failures.push({ rule: "baseMeasure", measureId: m.measureId, message: `${label(m)} not reported${how}: the base score needs a numerator of at least 1` });
          } else if (counts.numerator < 1) {
            const how = m.exclusionMeasureId ? ` without its exclusion ${m.exclusionMeasureId} claimed` : "";
            failures.push({ rule: "baseMeasure", measureId: m.measureId, message: `${label(m)} has numerator 0${how}: the base score needs a numerator of at least 1` });
          } else baseNotes.push(`${m.measureId} ${counts.numerator}/${counts.denominator}`);
        }
        if (counts || m.isRequired) {
          if (m.weight === 0 && !excluded) note += " (earns no performance points)";
          rows.push(proportionRow(m, value, excluded, note));
        }
        break;
      }
      case "registry":
      case "exclusion":
      case "iaBonus": {
        if (value === undefined) break;
        const note =
          m.kind === "exclusion"
            ? `exclusion for ${m.excludesMeasureId ?? "a base measure"}`
            : m.kind === "iaBonus"
              ? "Improvement Activities completed using CEHRT (bonus)"
              : m.isBonus
                ? "further registry engagement (bonus)"
                : "public health / clinical data registry";
        rows.push(yesNoRow(m, value === true, note));
        break;
      }
    }
    // At most one row per measure.
    if (rows.length > rowMeasureIndex.length) rowMeasureIndex.push(i);
  }

  // Public health (rules 6.4-6.5): a "yes" on ONE performance registry earns its weight (10); any further
  // registry "yes" (a second performance registry, or any bonus registry such as *_MULTI; in 2017 every
  // registry but immunization) earns the registry bonus once.
  const bonuses: BonusAward[] = [];
  const registryRows = rows.filter((r) => r.kind === "registry" && r.value === true);
  const performanceRegistry = registryRows.find((r) => !plan.byId.get(r.measureId)?.isBonus);
  if (performanceRegistry) {
    const weight = plan.byId.get(performanceRegistry.measureId)?.weight ?? 0;
    performanceRegistry.points = weight;
    performanceRegistry.maxPoints = weight;
    performanceRegistry.note = "public health / clinical data registry: counted once for the performance score";
  }
  const furtherRegistries = registryRows.filter((r) => r !== performanceRegistry);
  const registryBonusWeight = plan.registryBonusWeight;
  if (furtherRegistries.length > 0 && registryBonusWeight > 0) {
    for (const r of furtherRegistries) r.note = "registry beyond the one counted for performance: registry bonus";
    bonuses.push({
      rule: "registry",
      points: registryBonusWeight,
      measureIds: furtherRegistries.map((r) => r.measureId),
      message: `+${registryBonusWeight} registry bonus: "yes" to ${furtherRegistries.map((r) => r.measureId).join(", ")} beyond the registry counted for the performance score (once, not per registry)`,
    });
  }
  const ia = plan.ia;
  if (ia && values.get(ia.measureId) === true) {
    bonuses.push({ rule: "improvementActivitiesViaCehrt", points: ia.weight, measureIds: [ia.measureId], message: `+${ia.weight} bonus: Improvement Activities completed using CEHRT (${ia.measureId} yes)` });
  }
  const editionBonus = rules.cehrt2015EditionOnlyBonus;
  if (editionBonus !== null && set === "pi" && input.cehrtEdition === "2015" && !ctx.otherSetReported) {
    bonuses.push({ rule: "cehrt2015EditionOnly", points: editionBonus, measureIds: [], message: `+${editionBonus} bonus: only PI Objectives and Measures reported, with only 2015 Edition CEHRT` });
  }

  const slots: (MeasureRow | undefined)[] = new Array<MeasureRow | undefined>(measures.length);
  for (let r = 0; r < rows.length; r++) slots[rowMeasureIndex[r] as number] = rows[r];
  const ordered: MeasureRow[] = [];
  for (const i of plan.rowOrder) {
    const row = slots[i];
    if (row !== undefined) ordered.push(row);
  }
  return finish(set, ctx, failures, ordered, bonuses, baseNotes);
}

function finish(
  set: MeasureSetId,
  ctx: SetScoringContext,
  failures: PrerequisiteFailure[],
  rows: MeasureRow[],
  bonuses: BonusAward[],
  baseNotes: string[],
): MeasureSetScore {
  const { rules } = ctx;
  const explanation: ExplanationLine[] = [];
  if (failures.length > 0) {
    for (const row of rows) {
      if (row.points > 0) row.note += " (not counted: a prerequisite failed)";
      row.points = 0;
    }
    for (const f of failures) {
      explanation.push({ rule: "prerequisite", ...(f.measureId ? { measureId: f.measureId } : {}), points: 0, message: f.message });
    }
    explanation.push({ rule: "base", points: 0, message: "base score not met: the category scores 0 (CMS: all base requirements or nothing)" });
    return {
      measureSet: set,
      prerequisitesMet: false,
      failedPrerequisites: failures,
      baseMet: false,
      base: 0,
      performance: 0,
      bonus: 0,
      uncappedTotal: 0,
      total: 0,
      measures: rows,
      bonuses: [],
      explanation,
    };
  }
  explanation.push({ rule: "base", points: rules.baseScore, message: `base score met (${baseNotes.join(", ")}): ${rules.baseScore}` });
  let performance = 0;
  for (const row of rows) {
    performance += row.points;
    if (row.maxPoints === 0 && row.points === 0) continue;
    const detail = row.rate !== null ? `${row.numerator ?? 0}/${row.denominator ?? 0} = ${row.rate}, band ${row.band ?? 0}` : "yes";
    explanation.push({ rule: "performance", measureId: row.measureId, points: row.points, message: `${row.title} (${row.measureId}): ${detail} -> ${row.points} of ${row.maxPoints}` });
  }
  let bonus = 0;
  for (const b of bonuses) {
    bonus += b.points;
    explanation.push({ rule: "bonus", points: b.points, message: b.message });
  }
  const uncappedTotal = rules.baseScore + performance + bonus;
  const total = Math.min(rules.cap, uncappedTotal);
  if (uncappedTotal > rules.cap) {
    explanation.push({ rule: "cap", points: total - uncappedTotal, message: `${uncappedTotal}% capped at ${rules.cap}%` });
  }
  return {
    measureSet: set,
    prerequisitesMet: true,
    failedPrerequisites: [],
    baseMet: true,
    base: rules.baseScore,
    performance,
    bonus,
    uncappedTotal,
    total,
    measures: rows,
    bonuses,
    explanation,
  };
}
