/**
 * The fast path of submission.ts (submission-fast-path.ts) against the zod schemas it stands in for: on
 * random valid and nearly valid inputs, whenever the fast path answers, zod accepts the input and returns
 * the very same value (same keys in the same order, undefined kept apart from absent); and on well-formed
 * submissions it does answer (so the fast path is the one scoring uses).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { measurementSetSchema, submissionSchema, validateSubmission } from "../../../lib/mips/submission";
import { measurementSetFast, submissionHeaderFast } from "../../../lib/mips/submission-fast-path";

/** JSON with key order and undefined made visible, so two values compare exactly. */
function exact(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v === undefined ? "(undefined)" : typeof v === "number" && !Number.isFinite(v) ? `(number ${String(v)})` : v));
}

const weird = fc.constantFrom<unknown>(
  undefined,
  null,
  -1,
  -0,
  0,
  1.5,
  2 ** 53,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  "",
  "x",
  true,
  false,
  {},
  [],
  "2026-02-29",
  "2024-02-29",
  "2026-13-01",
  "2026-1-01",
  "1234567893",
  "123456789",
  "12345678901",
  "0015H1234567890",
  "0015h1234567890",
  "2014/2015",
  "2016",
  "pi",
  "aci",
  "quality",
  "approved",
  "NP",
  "nurse",
);

/** A field's value: usually a valid one, sometimes a weird one. */
const field = <T,>(valid: fc.Arbitrary<T>) => fc.oneof({ arbitrary: valid, weight: 30 }, { arbitrary: weird, weight: 1 });

/** A record whose keys may be missing, and that may carry extra keys (before or after the others). */
function looseRecord(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  const entries = Object.entries(fields).map(([k, arb]) => fc.option(arb.map((v) => [k, v] as const), { freq: 12 }));
  return fc
    .tuple(fc.tuple(...entries), fc.oneof({ arbitrary: fc.constant([]), weight: 4 }, { arbitrary: fc.array(fc.tuple(fc.constantFrom("extra", "note", "value", "measureId", "__proto__x"), weird), { maxLength: 2 }), weight: 1 }), fc.boolean(), fc.boolean())
    .map(([kv, extras, extrasFirst, reverse]) => {
      const pairs: (readonly [string, unknown])[] = kv.filter((e): e is readonly [string, unknown] => e !== null);
      if (reverse) pairs.reverse();
      const all = extrasFirst ? [...extras, ...pairs] : [...pairs, ...extras];
      const out: Record<string, unknown> = {};
      for (const [k, v] of all) out[k] = v;
      return out;
    });
}

const count = fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.constantFrom(0, 2 ** 53 - 1, 2 ** 53, -1, 0.5));
const proportion = fc.oneof(
  fc.integer({ min: 0, max: 1000 }).chain((d) => fc.record({ numerator: fc.integer({ min: 0, max: d }), denominator: fc.constant(d) })),
  looseRecord({ numerator: count, denominator: count }),
);
const measurement = looseRecord({
  measureId: field(fc.constantFrom("PI_EP_1", "PI_PPHI_1", "PI_HIE_1", "X", "")),
  value: field(fc.oneof(fc.boolean(), proportion)),
});
const date = fc.oneof(fc.integer({ min: 0, max: 400 }).map((d) => new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10)), fc.constantFrom("2026-02-29", "2024-02-30", "2026-04-31", "26-01-01"));
const piSet = looseRecord({
  category: field(fc.constantFrom("pi", "aci")),
  submissionMethod: field(fc.constantFrom("electronicHealthRecord", "registry")),
  performanceStart: field(date),
  performanceEnd: field(date),
  measurements: field(fc.array(fc.oneof({ arbitrary: measurement, weight: 8 }, { arbitrary: weird, weight: 1 }), { maxLength: 6 })),
  cehrtEdition: field(fc.constantFrom("2014", "2015", "2014/2015")),
  cehrtId: field(fc.constantFrom("0015H1234567890", "0015ABCDEFGHIJK", "ABC")),
});
const npi = fc.constantFrom("1234567893", "1000000004", "2000000009", "123456789");
const clinician = looseRecord({
  npi: field(npi),
  tin: field(fc.constantFrom("123456789", "987654321", "12345678")),
  clinicianType: field(fc.constantFrom("physician", "NP", "PA", "CRNA", "physicalTherapist", "other")),
  nonPatientFacing: field(fc.boolean()),
  hospitalBased: field(fc.boolean()),
  ascBased: field(fc.boolean()),
  hardship: field(looseRecord({ reason: field(fc.constantFrom("smallPractice", "noCehrt", "decertifiedEhrTechnology")), status: field(fc.constantFrom("pending", "approved", "dismissed")) })),
});
const submission = looseRecord({
  performanceYear: field(fc.constantFrom(2017, 2018, 2019, 2024, 2026, 2027)),
  entityType: field(fc.constantFrom("individual", "group", "virtualGroup")),
  taxpayerIdentificationNumber: field(fc.constantFrom("123456789", "000000001", "12-3456789")),
  nationalProviderIdentifier: fc.oneof(field(npi), fc.constant(null)),
  entityId: field(fc.constantFrom("VG-1", "")),
  measurementSets: field(fc.array(fc.oneof(piSet, looseRecord({ category: fc.constantFrom("ia", "quality"), measurements: fc.constant([]) })), { maxLength: 2 })),
  clinicians: field(fc.array(fc.oneof({ arbitrary: clinician, weight: 8 }, { arbitrary: weird, weight: 1 }), { maxLength: 4 })),
  groupStatuses: field(looseRecord({ hospitalBased: field(fc.boolean()), nonPatientFacing: field(fc.boolean()), ascBased: field(fc.boolean()) })),
});

describe("the submission fast path gives zod's result whenever it answers", () => {
  it("header: submissionHeaderFast equals submissionSchema.safeParse(...).data", () => {
    let answered = 0;
    fc.assert(
      fc.property(submission, (input) => {
        const fast = submissionHeaderFast(input);
        if (fast === null) return;
        answered++;
        const slow = submissionSchema.safeParse(input);
        expect(slow.success).toBe(true);
        expect(exact(fast)).toBe(exact(slow.data));
      }),
      { numRuns: 3000 },
    );
    expect(answered).toBeGreaterThan(20);
  });

  it("PI set: measurementSetFast equals measurementSetSchema.safeParse(...).data", () => {
    let answered = 0;
    fc.assert(
      fc.property(piSet, (raw) => {
        const fast = measurementSetFast(raw);
        if (fast === null) return;
        answered++;
        const slow = measurementSetSchema.safeParse(raw);
        expect(slow.success).toBe(true);
        expect(exact(fast)).toBe(exact(slow.data));
      }),
      { numRuns: 3000 },
    );
    expect(answered).toBeGreaterThan(20);
  });

  it("anything at all: the fast path never accepts what zod refuses", () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withObjectString: true }), (input) => {
        const fast = submissionHeaderFast(input);
        if (fast !== null) expect(submissionSchema.safeParse(input).success).toBe(true);
        const set = measurementSetFast(input);
        if (set !== null) expect(measurementSetSchema.safeParse(input).success).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("an own __proto__ key (JSON.parse makes one) is left to zod: no copy gets another prototype", () => {
    const input = JSON.parse(
      '{"performanceYear":2026,"entityType":"group","taxpayerIdentificationNumber":"123456789","__proto__":{"polluted":1},"measurementSets":[{"category":"pi","measurements":[],"__proto__":{"p":2}}]}',
    ) as { measurementSets: unknown[] };
    expect(submissionHeaderFast(input)).toBeNull();
    expect(measurementSetFast(input.measurementSets[0])).toBeNull();
    const result = validateSubmission(input);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Object.getPrototypeOf(result.submission)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(result.submission.measurementSets[0])).toBe(Object.prototype);
  });

  it("a well-formed submission takes the fast path, and validates as before", () => {
    const input = {
      performanceYear: 2026,
      entityType: "group",
      taxpayerIdentificationNumber: "123456789",
      nationalProviderIdentifier: null,
      measurementSets: [
        { category: "pi", performanceStart: "2026-01-01", performanceEnd: "2026-12-31", measurements: [{ measureId: "PI_EP_1", value: { numerator: 1, denominator: 2, note: "dropped" } }], vendor: "kept" },
      ],
      clinicians: [{ npi: "1234567893", clinicianType: "physician", hardship: { reason: "smallPractice", status: "pending", extra: 1 }, extra: true }],
      groupStatuses: { hospitalBased: false },
      source: "kept",
    };
    const header = submissionHeaderFast(input);
    expect(header).not.toBeNull();
    expect(exact(header)).toBe(exact(submissionSchema.parse(input)));
    expect(measurementSetFast(input.measurementSets[0])).not.toBeNull();
    const result = validateSubmission(input);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Object.keys(result.submission)).toEqual(["performanceYear", "entityType", "taxpayerIdentificationNumber", "measurementSets", "clinicians", "groupStatuses", "source"]);
    expect(result.submission.measurementSets[0]).toEqual({
      category: "pi",
      performanceStart: "2026-01-01",
      performanceEnd: "2026-12-31",
      measurements: [{ measureId: "PI_EP_1", value: { numerator: 1, denominator: 2 } }],
      vendor: "kept",
    });
    expect(result.submission.clinicians).toEqual([{ npi: "1234567893", clinicianType: "physician", hardship: { reason: "smallPractice", status: "pending" } }]);
  });
});
