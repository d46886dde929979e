/**
 * One property-based test per performance year 2019-2026 (fast-check). Each run builds a complete PI set
 * of the year from its own rules (every gate "yes", each required measure reported or excluded, one HIE
 * option, public health met the year's way, random optional bonuses, a random period of at least the
 * year's minimum), then checks:
 * - the total is within 0..100 and the explanation's points add up to it;
 * - every proportion measure with a numerator >= 1 earns at least 1 point and at most its maximum;
 * - removing any one required element (a gate, a required measure with its exclusions, the HIE option,
 *   the public health objective) gives 0, with a failure that names it.
 * The seed is printed; FC_SEED=<n> replays a run.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getCatalog } from "../../../lib/mips/catalog";
import { scorePiCategory } from "../../../lib/mips/scoring";
import type { MeasurementValue, PiCategoryScore } from "../../../lib/mips/scoring/types";
import { yearFacts } from "../../../lib/mips/years/index";
import type { PerformanceYear } from "../../../lib/mips/years";

type Values = Record<string, MeasurementValue>;
/** What one required element is: the ids to delete to remove it, and what the failure must name. */
interface Requirement {
  ids: string[];
  names: RegExp;
}
interface Case {
  values: Values;
  requirements: Requirement[];
  period: [string, string];
}

const YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026] as const;

const positive = fc.integer({ min: 1, max: 5000 }).chain((d) => fc.record({ numerator: fc.integer({ min: 1, max: d }), denominator: fc.constant(d) }));
const anyCounts = fc.integer({ min: 0, max: 5000 }).chain((d) => fc.record({ numerator: fc.integer({ min: 0, max: d }), denominator: fc.constant(d) }));
const named = (id: string) => new RegExp(`\\(${id}\\)|${id}\\b`);

function caseFor(year: PerformanceYear): fc.Arbitrary<Case> {
  const facts = yearFacts(year);
  const pi = facts.pi;
  if (!pi) throw new Error(`${year} has no performance-based facts`);
  const catalog = getCatalog(year);
  const exclusionsOf = (id: string) => catalog.byId.get(id)?.exclusionMeasureIds ?? [];
  const levelsOf = (id: string) => (pi.publicHealth.shape === "required" && pi.publicHealth.engagementLevels ? (catalog.byId.get(id)?.engagementLevelIds ?? []) : []);
  const part = (...parts: fc.Arbitrary<[Values, Requirement[]]>[]) => fc.tuple(...parts);

  /** A required measure: its value (counts >= 1 or "yes") or one of its exclusions. */
  const required = (id: string): fc.Arbitrary<[Values, Requirement[]]> => {
    const m = catalog.byId.get(id);
    const own: fc.Arbitrary<Values> = m?.metricType === "proportion" ? positive.map((v) => ({ [id]: v })) : fc.constant({ [id]: true });
    const choices = [own, ...exclusionsOf(id).map((ex) => fc.constant<Values>({ [ex]: true }))];
    return fc.oneof(...choices).map((v) => [v, [{ ids: [id, ...exclusionsOf(id)], names: named(id) }]]);
  };

  const gates = part(
    fc.constant<[Values, Requirement[]]>([Object.fromEntries(pi.mustBeYes.map((id) => [id, true])), pi.mustBeYes.map((id) => ({ ids: [id], names: named(id) }))]),
    fc.tuple(...pi.mustBeAnswered.map(() => fc.boolean())).map((answers): [Values, Requirement[]] => [
      Object.fromEntries(pi.mustBeAnswered.map((id, i) => [id, answers[i] ?? true])),
      pi.mustBeAnswered.map((id) => ({ ids: [id], names: named(id) })),
    ]),
    fc.option(fc.boolean()).map((b): [Values, Requirement[]] => [b === null ? {} : { PI_ONCACB_1: b }, []]),
  );

  // Scored measures outside the HIE objective and public health: EP_1, PEA_1, PDMP when required (2023+).
  const hieIds = new Set(pi.hieOptions.flat());
  const scoredRequired = Object.keys(pi.measurePoints).filter((id) => !hieIds.has(id) && catalog.byId.get(id)?.isRequired);
  const measures = fc.tuple(...scoredRequired.map(required));

  const bonuses = fc.tuple(
    ...pi.bonusMeasures.map((b) => {
      // 2019: the opioid agreement is counts; the PDMP query yes/no or counts [SPN19 vs QMD]; later yes/no.
      const value: fc.Arbitrary<MeasurementValue> =
        catalog.byId.get(b.measureId)?.metricType === "proportion" ? anyCounts : pi.proportionAcceptedAsYes.includes(b.measureId) ? fc.oneof(fc.boolean(), anyCounts) : fc.boolean();
      return fc.option(value).map((v): [Values, Requirement[]] => [v === null ? {} : { [b.measureId]: v }, []]);
    }),
  );

  const hie = fc.integer({ min: 0, max: pi.hieOptions.length - 1 }).chain((i): fc.Arbitrary<[Values, Requirement[]]> => {
    const option = pi.hieOptions[i] ?? [];
    if (option.length === 1) {
      const id = option[0] as string;
      return fc.constant([{ [id]: true }, [{ ids: [id], names: named(id) }, { ids: [id], names: /Health Information Exchange objective not reported|PI_HIE/ }]]);
    }
    return fc.tuple(...option.map(required)).map((parts) => [Object.assign({}, ...parts.map(([v]) => v)) as Values, parts.flatMap(([, r]) => r)]);
  });

  const level = (id: string): fc.Arbitrary<Values> => {
    const levels = levelsOf(id);
    return levels.length === 0 ? fc.constant({}) : fc.option(fc.constantFrom(...levels)).map((l) => (l === null ? {} : { [l]: true }));
  };
  const ph = pi.publicHealth;
  let publicHealth: fc.Arbitrary<[Values, Requirement[]]>;
  if (ph.shape === "anyTwo") {
    const all = ph.measureIds.flatMap((id) => [id, ...exclusionsOf(id)]);
    const status = (id: string): fc.Arbitrary<Values> => fc.oneof(fc.constant<Values>({}), fc.constant<Values>({ [id]: true }), ...exclusionsOf(id).map((ex) => fc.constant<Values>({ [ex]: true })));
    publicHealth = fc.tuple(...ph.measureIds.map(status)).map((parts): [Values, Requirement[]] => {
      let values = Object.assign({}, ...parts) as Values;
      if (Object.keys(values).length < 2) values = { [ph.measureIds[0] as string]: true, [exclusionsOf(ph.measureIds[1] as string)[0] as string]: true };
      return [values, [{ ids: all, names: /public health and clinical data exchange: two registry measures/ }]];
    });
  } else {
    const yesWithLevel = (id: string) => level(id).map((l): Values => ({ [id]: true, ...l }));
    const req = ph.requiredIds.map((id) =>
      fc.oneof(yesWithLevel(id), ...exclusionsOf(id).map((ex) => fc.constant<Values>({ [ex]: true }))).map((v): [Values, Requirement[]] => [v, [{ ids: [id, ...levelsOf(id), ...exclusionsOf(id)], names: named(id) }]]),
    );
    const answerOnly = ph.answerOnlyIds.map((id) =>
      fc.oneof(yesWithLevel(id), fc.constant<Values>({ [id]: false }), ...exclusionsOf(id).map((ex) => fc.constant<Values>({ [ex]: true }))).map((v): [Values, Requirement[]] => [v, [{ ids: [id, ...levelsOf(id), ...exclusionsOf(id)], names: named(id) }]]),
    );
    const optional = ph.bonusIds.map((id) => fc.oneof(fc.constant<Values>({}), fc.constant<Values>({ [id]: false }), yesWithLevel(id)).map((v): [Values, Requirement[]] => [v, []]));
    publicHealth = fc.tuple(...req, ...answerOnly, ...optional).map((parts) => [Object.assign({}, ...parts.map(([v]) => v)) as Values, parts.flatMap(([, r]) => r)]);
  }

  const minDays = pi.minimumPerformancePeriodDays;
  const daysInYear = year % 4 === 0 ? 366 : 365;
  const period = fc.integer({ min: 0, max: daysInYear - minDays }).chain((start) =>
    fc.integer({ min: start + minDays - 1, max: daysInYear - 1 }).map((end): [string, string] => {
      const date = (d: number) => new Date(Date.UTC(year, 0, 1 + d)).toISOString().slice(0, 10);
      return [date(start), date(end)];
    }),
  );

  return fc.tuple(gates, measures, bonuses, hie, publicHealth, period).map(([g, m, b, h, p, dates]) => {
    const parts: [Values, Requirement[]][] = [...g, ...m, ...b, h, p];
    return { values: Object.assign({}, ...parts.map(([v]) => v)) as Values, requirements: parts.flatMap(([, r]) => r), period: dates };
  });
}

function run(year: number, values: Values, period: [string, string]): PiCategoryScore {
  return scorePiCategory({ performanceYear: year, measurements: values, cehrtEdition: null, performanceStart: period[0], performanceEnd: period[1] });
}

const explained = (r: PiCategoryScore) => r.explanation.reduce((s, l) => s + l.points, 0);

describe.each(YEARS)("%i: scoring properties", (year) => {
  const seed = Number(process.env.FC_SEED ?? 20_190_000 + year);
  it(`complete sets: total <= 100, explanation adds up, floor of 1 point, a missing required element gives 0 naming it (seed ${seed})`, () => {
    console.log(`properties-by-year ${year}: fast-check seed ${seed} (replay with FC_SEED=${seed})`);
    fc.assert(
      fc.property(caseFor(year), fc.nat(), (c, pick) => {
        const r = run(year, c.values, c.period);
        expect(r.failedPrerequisites).toEqual([]);
        expect(r.total).toBeGreaterThan(0);
        expect(r.total).toBeLessThanOrEqual(100);
        expect(r.uncappedTotal).toBeGreaterThanOrEqual(r.total);
        expect(explained(r)).toBe(r.total);
        expect(r.finalScorePoints).toBe((r.total * yearFacts(year).weights.pi) / 100);
        const bonusIds = new Set(yearFacts(year).pi?.bonusMeasures.map((b) => b.measureId));
        for (const m of r.measures) {
          expect(m.points).toBeLessThanOrEqual(Math.max(m.maxPoints, 0));
          if (m.numerator === null || m.numerator < 1 || m.maxPoints === 0) continue;
          // A bonus measure's points are in `bonuses` (its row shows 0); a scored one earns at least 1 on its row.
          if (bonusIds.has(m.measureId)) expect(r.bonuses.some((b) => b.measureIds.includes(m.measureId))).toBe(true);
          else expect(m.points, `${m.measureId} ${m.numerator}/${m.denominator}`).toBeGreaterThanOrEqual(1);
        }

        const requirement = c.requirements[pick % c.requirements.length] as Requirement;
        const without: Values = Object.fromEntries(Object.entries(c.values).filter(([id]) => !requirement.ids.includes(id)));
        const zero = run(year, without, c.period);
        expect(zero.total, `without ${requirement.ids.join("/")}`).toBe(0);
        expect(zero.prerequisitesMet).toBe(false);
        expect(zero.failedPrerequisites.map((f) => f.message).join("\n")).toMatch(requirement.names);
        expect(explained(zero)).toBe(0);
      }),
      { seed, numRuns: 300 },
    );
  });

  it(`any set at all (random values over the year's catalog): never a crash, within 0..100, explanation adds up (seed ${seed + 1})`, () => {
    const catalog = getCatalog(year);
    const entries = catalog.measures.map((m) => fc.option(m.metricType === "proportion" ? anyCounts.map((v): MeasurementValue => v) : fc.boolean().map((b): MeasurementValue => b), { freq: 2 }));
    fc.assert(
      fc.property(fc.tuple(...entries), (vals) => {
        const values: Values = {};
        vals.forEach((v, i) => {
          const m = catalog.measures[i];
          if (m && v !== null) values[m.measureId] = v;
        });
        let r: PiCategoryScore;
        try {
          r = run(year, values, [`${year}-01-01`, `${year}-12-31`]);
        } catch (error) {
          // The only refusals are CMS's: a measure with its exclusion, mixed HIE options, both engagement levels.
          expect(String((error as Error).message)).toMatch(/its exclusion .* is claimed|HIE objective is reported twice|both engagement levels|problems in the/);
          return;
        }
        expect(r.total).toBeLessThanOrEqual(100);
        expect(explained(r)).toBe(r.total);
        if (!r.prerequisitesMet) expect(r.total).toBe(0);
      }),
      { seed: seed + 1, numRuns: 300 },
    );
  });
});
