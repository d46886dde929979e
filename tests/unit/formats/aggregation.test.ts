/**
 * Multi-vendor aggregation per TIN (lib/mips/aggregation.ts), rules: ../shared/domain/mips-rules.md 6.7
 * and issue 4: sums, SRA every-yes, public health / bonus any-yes, attestations, exclusions, CEHRT edition,
 * refusals naming the files, lineage.
 */
import { describe, expect, it } from "vitest";
import { AppError } from "../../../lib/errors";
import { readQrda3 } from "../../../lib/formats";
import { type AggregationSource, aggregateSubmissions } from "../../../lib/mips/aggregation";
import type { Measurement, Submission } from "../../../lib/mips/submission";
import { own, text } from "../../paths";

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

type Values = Record<string, boolean | [number, number]>;

function source(sourceName: string, values: Values, extra: { npi?: string; tin?: string; start?: string; end?: string; year?: number; cehrtId?: string; cehrtEdition?: string } = {}): AggregationSource {
  const year = extra.year ?? 2018;
  const measurements: Measurement[] = Object.entries(values).map(([measureId, v]) => ({
    measureId,
    value: typeof v === "boolean" ? v : { numerator: v[0], denominator: v[1] },
  }));
  const submission: Submission = {
    performanceYear: year,
    entityType: extra.npi ? "individual" : "group",
    taxpayerIdentificationNumber: extra.tin ?? "123456789",
    ...(extra.npi ? { nationalProviderIdentifier: extra.npi } : {}),
    measurementSets: [
      {
        category: year === 2017 ? "aci" : "pi",
        submissionMethod: "electronicHealthRecord",
        performanceStart: extra.start ?? `${year}-01-01`,
        performanceEnd: extra.end ?? `${year}-03-31`,
        measurements,
        ...(extra.cehrtId ? { cehrtId: extra.cehrtId } : {}),
        ...(extra.cehrtEdition ? { cehrtEdition: extra.cehrtEdition } : {}),
      },
    ],
  };
  return { sourceName, submission };
}

function valueOf(result: { submission: Submission }, measureId: string) {
  return result.submission.measurementSets[0]?.measurements.find((m) => m.measureId === measureId)?.value;
}

const E15 = { cehrtId: "0015EAAAAAAAAAA" };

describe("two vendors with individual reports plus a group-level report (hand-written QRDA III files)", () => {
  const files = ["vendor-a-clinician-1.xml", "vendor-a-clinician-2.xml", "vendor-b-group.xml"];
  const sources = files.map((f) => ({ sourceName: f, submission: readQrda3(text(own(`multi-vendor/${f}`)), f).submission }));
  const result = aggregateSubmissions(sources);

  it("is one group submission for the TIN, same period, 2015 Edition", () => {
    expect(result.submission).toMatchObject({ performanceYear: 2018, entityType: "group", taxpayerIdentificationNumber: "123456789" });
    expect(result.submission.nationalProviderIdentifier).toBeUndefined();
    expect(result.submission.measurementSets[0]).toMatchObject({
      category: "pi",
      performanceStart: "2018-01-01",
      performanceEnd: "2018-03-31",
      cehrtEdition: "2015",
    });
    expect(result.submission.measurementSets[0]?.cehrtId).toBeUndefined(); // two products: no single id
  });

  it("sums numerators and denominators", () => {
    expect(valueOf(result, "PI_EP_1")).toEqual({ numerator: 200, denominator: 400 });
    expect(valueOf(result, "PI_PEA_1")).toEqual({ numerator: 100, denominator: 200 });
    expect(valueOf(result, "PI_HIE_2")).toEqual({ numerator: 20, denominator: 50 });
  });

  it("drops the exclusion only one source claims, sums the measure, and warns", () => {
    expect(valueOf(result, "PI_LVOTC_1")).toBeUndefined();
    expect(valueOf(result, "PI_HIE_1")).toEqual({ numerator: 20, denominator: 40 });
    const warning = result.warnings.find((w) => w.measureId === "PI_LVOTC_1");
    expect(warning?.message).toBe(
      "exclusion PI_LVOTC_1 is claimed by vendor-a-clinician-1.xml but not by vendor-a-clinician-2.xml, vendor-b-group.xml; the group does not claim it and PI_HIE_1 is summed instead",
    );
  });

  it("applies the yes/no rules: SRA every yes, public health any yes, attestation none-no-some-yes", () => {
    expect(valueOf(result, "PI_PPHI_1")).toBe(true);
    expect(valueOf(result, "PI_PHCDRR_1")).toBe(true); // clinician 1 no, clinician 2 yes
    expect(valueOf(result, "PI_PHCDRR_2")).toBe(true); // only vendor B
    expect(valueOf(result, "PI_IACEHRT_1")).toBe(true);
    expect(valueOf(result, "PI_INFBLO_1")).toBe(true); // vendor B silent, none said no
  });

  it("keeps lineage: which source contributed which numbers, and who did not report", () => {
    const ep = result.lineage.measures.find((m) => m.measureId === "PI_EP_1");
    expect(ep).toEqual({
      measureId: "PI_EP_1",
      rule: "sum",
      value: { numerator: 200, denominator: 400 },
      explanation: "sum of vendor-a-clinician-1.xml 100/200, vendor-a-clinician-2.xml 30/40, vendor-b-group.xml 70/160 = 200/400",
      contributions: [
        { sourceName: "vendor-a-clinician-1.xml", value: { numerator: 100, denominator: 200 } },
        { sourceName: "vendor-a-clinician-2.xml", value: { numerator: 30, denominator: 40 } },
        { sourceName: "vendor-b-group.xml", value: { numerator: 70, denominator: 160 } },
      ],
      notReportedBy: [],
    });
    const lvotc = result.lineage.measures.find((m) => m.measureId === "PI_LVOTC_1");
    expect(lvotc).toMatchObject({ rule: "everyClaims", value: null, notReportedBy: ["vendor-a-clinician-2.xml", "vendor-b-group.xml"] });
    expect(result.lineage.sources.map((s) => [s.sourceName, s.entityType, s.nationalProviderIdentifier ?? null, s.cehrtEdition])).toEqual([
      ["vendor-a-clinician-1.xml", "individual", "1234567893", "2015"],
      ["vendor-a-clinician-2.xml", "individual", "2567891421", "2015"],
      ["vendor-b-group.xml", "group", null, "2015"],
    ]);
  });
});

describe("refusals name the files", () => {
  const a = () => source("a.xml", { PI_EP_1: [1, 2] }, { npi: "1234567893" });

  it("mixed performance periods", () => {
    const error = refusal(() => aggregateSubmissions([a(), source("b.json", { PI_EP_1: [1, 2] }, { start: "2018-04-01", end: "2018-06-30" })]));
    expect(error.code).toBe("BAD_INPUT");
    expect(error.message).toBe(
      "cannot aggregate sources with different performance periods: a.xml (2018-01-01..2018-03-31), b.json (2018-04-01..2018-06-30)",
    );
  });

  it("another TIN", () => {
    const error = refusal(() => aggregateSubmissions([a(), source("other.xml", { PI_EP_1: [1, 2] }, { tin: "987654321" })]));
    expect(error.message).toBe("cannot aggregate sources with different TINs: a.xml (123456789), other.xml (987654321)");
    expect(error.issues).toEqual([
      { path: "a.xml", message: "TIN 123456789" },
      { path: "other.xml", message: "TIN 987654321" },
    ]);
  });

  it("different years", () => {
    const error = refusal(() => aggregateSubmissions([a(), source("old.json", { ACI_EP_1: [1, 2] }, { year: 2017 })]));
    expect(error.message).toBe("cannot aggregate sources with different performance years: a.xml (2018), old.json (2017)");
  });

  it("the same file twice, an invalid source, and no source", () => {
    expect(refusal(() => aggregateSubmissions([a(), a()])).issues).toEqual([{ path: "a.xml", message: "given twice; its data would be counted twice" }]);
    const bad = source("bad.json", { PI_EP_1: [3, 2] });
    expect(refusal(() => aggregateSubmissions([a(), bad])).issues).toEqual([
      { path: "bad.json: measurementSets[0].measurements[0].value.numerator", message: 'measure "PI_EP_1" (2018): numerator must not exceed denominator' },
    ]);
    expect(refusal(() => aggregateSubmissions([])).message).toBe("nothing to aggregate: give at least one source");
  });

  it("a virtual group report mixed with TIN reports", () => {
    const vg: AggregationSource = {
      sourceName: "vg.xml",
      submission: { ...source("vg.xml", { PI_EP_1: [1, 2] }).submission, entityType: "virtualGroup", entityId: "x12345" },
    };
    expect(refusal(() => aggregateSubmissions([a(), vg])).message).toBe(
      "cannot aggregate a virtual group's report with TIN reports: vg.xml is a virtual group report, a.xml not",
    );
    const vg2: AggregationSource = { sourceName: "vg2.xml", submission: { ...vg.submission } };
    const result = aggregateSubmissions([vg, vg2]);
    expect(result.submission).toMatchObject({ entityType: "virtualGroup", entityId: "x12345" });
  });
});

describe("exclusions", () => {
  it("are claimed for the group when every source reporting the measure claims them", () => {
    const result = aggregateSubmissions([
      source("a", { PI_EP_1: [0, 0], PI_LVPP_1: true }, { npi: "1234567893" }),
      source("b", { PI_LVPP_1: true }, { npi: "2567891421" }),
      source("c", { PI_PEA_1: [5, 10] }), // does not report e-Prescribing at all: not asked
    ]);
    expect(valueOf(result, "PI_LVPP_1")).toBe(true);
    expect(valueOf(result, "PI_EP_1")).toEqual({ numerator: 0, denominator: 0 });
    expect(result.warnings.filter((w) => w.measureId === "PI_LVPP_1")).toEqual([]);
  });

  it("are dropped, with the numbers summed, when one source reports the measure instead", () => {
    const result = aggregateSubmissions([
      source("a", { PI_EP_1: [0, 0], PI_LVPP_1: true }, { npi: "1234567893" }),
      source("b", { PI_EP_1: [40, 60] }, { npi: "2567891421" }),
    ]);
    expect(valueOf(result, "PI_LVPP_1")).toBeUndefined();
    expect(valueOf(result, "PI_EP_1")).toEqual({ numerator: 40, denominator: 60 });
  });

  it("stay claimed but warn when the group's summed denominator reaches 100", () => {
    const result = aggregateSubmissions([
      source("a", { PI_HIE_1: [0, 60], PI_LVOTC_1: true }, { npi: "1234567893" }),
      source("b", { PI_HIE_1: [0, 50], PI_LVOTC_1: true }, { npi: "2567891421" }),
    ]);
    expect(valueOf(result, "PI_LVOTC_1")).toBe(true);
    expect(result.warnings.find((w) => w.measureId === "PI_LVOTC_1")?.message).toMatch(/denominator is 110; the exclusion needs fewer than 100/);
  });

  it("are not claimed when nobody claims them (false stays false)", () => {
    const result = aggregateSubmissions([source("a", { PI_LVPP_1: false, PI_EP_1: [1, 2] }), source("b", { PI_EP_1: [1, 2] }, { npi: "1234567893" })]);
    expect(valueOf(result, "PI_LVPP_1")).toBe(false);
  });
});

describe("yes/no rules", () => {
  it("Security Risk Analysis: yes only if every source says yes; a source reporting the set without it counts as no", () => {
    expect(valueOf(aggregateSubmissions([source("a", { PI_PPHI_1: true }), source("b", { PI_PPHI_1: true }, { npi: "1234567893" })]), "PI_PPHI_1")).toBe(true);
    expect(valueOf(aggregateSubmissions([source("a", { PI_PPHI_1: true }), source("b", { PI_PPHI_1: false }, { npi: "1234567893" })]), "PI_PPHI_1")).toBe(false);
    const silent = aggregateSubmissions([source("a", { PI_PPHI_1: true }), source("b", { PI_EP_1: [1, 2] }, { npi: "1234567893" })]);
    expect(valueOf(silent, "PI_PPHI_1")).toBe(false);
    expect(silent.warnings.find((w) => w.measureId === "PI_PPHI_1")?.message).toMatch(/^b does not report the Security Risk Analysis PI_PPHI_1; it must cover every CEHRT in use/);
  });

  it("public health and bonus: yes if any says yes", () => {
    const r = aggregateSubmissions([
      source("a", { PI_PHCDRR_3: false, PI_IACEHRT_1: false }),
      source("b", { PI_PHCDRR_3: true, PI_IACEHRT_1: true }, { npi: "1234567893" }),
    ]);
    expect(valueOf(r, "PI_PHCDRR_3")).toBe(true);
    expect(valueOf(r, "PI_IACEHRT_1")).toBe(true);
    const none = aggregateSubmissions([source("a", { PI_PHCDRR_3: false }), source("b", { PI_PHCDRR_3: false }, { npi: "1234567893" })]);
    expect(valueOf(none, "PI_PHCDRR_3")).toBe(false);
  });

  it("attestations: yes only if none says no and at least one says yes", () => {
    const yes = aggregateSubmissions([source("a", { PI_ONCDIR_1: true }), source("b", { PI_EP_1: [1, 2] }, { npi: "1234567893" })]);
    expect(valueOf(yes, "PI_ONCDIR_1")).toBe(true);
    const no = aggregateSubmissions([source("a", { PI_ONCDIR_1: true }), source("b", { PI_ONCDIR_1: false }, { npi: "1234567893" })]);
    expect(valueOf(no, "PI_ONCDIR_1")).toBe(false);
    expect(no.lineage.measures.find((m) => m.measureId === "PI_ONCDIR_1")?.explanation).toBe("no because b said no");
  });
});

describe("CEHRT edition of the group", () => {
  const agg = (...extras: { cehrtId?: string; cehrtEdition?: string }[]) =>
    aggregateSubmissions(extras.map((e, i) => source(`s${i}`, { PI_EP_1: [1, 2] }, { ...e, ...(i > 0 ? { npi: "1234567893" } : {}) })));
  const edition = (r: ReturnType<typeof agg>) => r.submission.measurementSets[0]?.cehrtEdition;

  it("2015 when every source is 2015, 2014 when every one is 2014, else 2014/2015", () => {
    expect(edition(agg(E15, { cehrtEdition: "2015" }))).toBe("2015");
    expect(edition(agg({ cehrtId: "0014EAAAAAAAAAA" }, { cehrtEdition: "2014" }))).toBe("2014");
    expect(edition(agg(E15, { cehrtId: "0014EAAAAAAAAAA" }))).toBe("2014/2015");
    expect(edition(agg(E15, { cehrtId: "0015HAAAAAAAAAA" }))).toBe("2014/2015");
  });

  it("a source without edition or CEHRT ID: warned, and 2015 is not claimed", () => {
    const r = agg(E15, {});
    expect(edition(r)).toBeUndefined();
    expect(r.warnings.map((w) => w.message)).toContain(
      "s1 states no CEHRT edition (no cehrtEdition, and no cehrtId it can be derived from); the group is not claimed as 2015 Edition only",
    );
    expect(edition(agg(E15, { cehrtId: "0014EAAAAAAAAAA" }, {}))).toBe("2014/2015"); // the mix is certain anyway
  });

  it("keeps the CEHRT ID when every source shares it", () => {
    expect(agg(E15, E15).submission.measurementSets[0]?.cehrtId).toBe("0015EAAAAAAAAAA");
  });
});

describe("other warnings", () => {
  it("says when one source stands for the whole TIN, and when a file holds the same data as another", () => {
    expect(aggregateSubmissions([source("only", { PI_EP_1: [1, 2] })]).warnings[0]?.message).toMatch(/^only one source/);
    const twice = aggregateSubmissions([source("a", { PI_EP_1: [1, 2] }), source("b", { PI_EP_1: [1, 2] })]);
    expect(twice.warnings.map((w) => w.message)).toContain("b holds exactly the same data as a; if it is the same export twice, remove one (both are summed)");
  });
});
