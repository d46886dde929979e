/**
 * The QPP JSON reader and validator (lib/mips/submission.ts validateSubmission via lib/formats/qpp-json.ts):
 * every kind of problem is reported with its JSON path, all at once; format detection by content.
 */
import { describe, expect, it } from "vitest";
import { AppError } from "../../../lib/errors";
import { detectFormat, readQppJson, readQppJsonValue, readVendorFile } from "../../../lib/formats";
import { validateSubmission } from "../../../lib/mips/submission";
import { qppJsonDir, text } from "../../paths";

const example = () => text(`${qppJsonDir}/cms-2018-pi-submission-example.json`);

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

function issuesOf(value: unknown) {
  const result = validateSubmission(value);
  if (result.ok) throw new Error("expected issues");
  return result.issues;
}

function base() {
  return JSON.parse(example()) as {
    measurementSets: { performanceStart: string; performanceEnd: string; measurements: { measureId: string; value: unknown }[] }[];
    [k: string]: unknown;
  };
}

describe("CMS's 2018 example submission", () => {
  it("reads, with a warning for its NPI 9876543210 that fails the check digit", () => {
    const { submission, warnings } = readQppJson(example(), "cms.json");
    expect(submission.taxpayerIdentificationNumber).toBe("000456789");
    expect(submission.measurementSets[0]?.measurements).toHaveLength(9);
    expect(warnings).toEqual([
      {
        source: "cms.json",
        path: "nationalProviderIdentifier",
        message: 'NPI "9876543210" must be 10 digits starting with 1 or 2; it cannot join a roster until corrected',
      },
    ]);
  });
});

describe("each kind of problem, with its JSON path", () => {
  it("unknown measure id and a measure of another year", () => {
    const s = base();
    s.measurementSets[0]!.measurements[0]!.measureId = "PI_NOPE_9";
    s.measurementSets[0]!.measurements[1]!.measureId = "ACI_ONCDIR_1";
    expect(issuesOf(s)).toEqual([
      { path: "measurementSets[0].measurements[0].measureId", message: 'unknown measure "PI_NOPE_9" for performance year 2018 (category "pi")' },
      { path: "measurementSets[0].measurements[1].measureId", message: 'measure "ACI_ONCDIR_1" belongs to performance year 2017, not 2018' },
    ]);
  });

  it("value shapes: yes/no given a proportion, a proportion given yes/no, a string", () => {
    const s = base();
    s.measurementSets[0]!.measurements[0]!.value = { numerator: 1, denominator: 1 }; // PI_INFBLO_1
    s.measurementSets[0]!.measurements[2]!.value = true; // PI_EP_1
    expect(issuesOf(s)).toEqual([
      { path: "measurementSets[0].measurements[0].value", message: 'measure "PI_INFBLO_1" is yes/no: expected true or false' },
      { path: "measurementSets[0].measurements[2].value", message: 'measure "PI_EP_1" is a proportion: expected { numerator, denominator }' },
    ]);
    const t = base();
    t.measurementSets[0]!.measurements[0]!.value = "yes";
    expect(issuesOf(t)).toEqual([{ path: "measurementSets[0].measurements[0].value", message: 'measure "PI_INFBLO_1" (2018): expected true/false or { numerator, denominator }' }]);
  });

  it("counts: negative, fractional, numerator > denominator, all at once", () => {
    const s = base();
    s.measurementSets[0]!.measurements[2]!.value = { numerator: -1, denominator: 5 };
    s.measurementSets[0]!.measurements[3]!.value = { numerator: 1.5, denominator: 5 };
    s.measurementSets[0]!.measurements[5]!.value = { numerator: 9, denominator: 5 };
    expect(issuesOf(s)).toEqual([
      { path: "measurementSets[0].measurements[2].value.numerator", message: 'measure "PI_EP_1" (2018): expected a whole number >= 0, not a negative count' },
      { path: "measurementSets[0].measurements[3].value.numerator", message: 'measure "PI_PEA_1" (2018): expected a whole number, not a fraction' },
      { path: "measurementSets[0].measurements[5].value.numerator", message: 'measure "PI_HIE_1" (2018): numerator must not exceed denominator' },
    ]);
  });

  it("dates: not a date, outside the year, end before start", () => {
    const s = base();
    s.measurementSets[0]!.performanceStart = "2018-13-01";
    expect(issuesOf(s)).toEqual([{ path: "measurementSets[0].performanceStart", message: "expected a date YYYY-MM-DD" }]);
    const t = base();
    t.measurementSets[0]!.performanceStart = "2018-09-01";
    t.measurementSets[0]!.performanceEnd = "2019-01-31";
    expect(issuesOf(t)).toEqual([{ path: "measurementSets[0].performanceEnd", message: "2019-01-31 is outside performance year 2018" }]);
    const u = base();
    u.measurementSets[0]!.performanceStart = "2018-09-01";
    u.measurementSets[0]!.performanceEnd = "2018-03-01";
    expect(issuesOf(u)).toEqual([
      { path: "measurementSets[0].performanceEnd", message: "performance period ends (2018-03-01) before it starts (2018-09-01)" },
    ]);
  });

  it("identifiers and entity: TIN shape, missing NPI for an individual, unknown entity type", () => {
    const s = base();
    s.taxpayerIdentificationNumber = "12-345";
    delete s.nationalProviderIdentifier;
    expect(issuesOf(s)).toEqual([{ path: "taxpayerIdentificationNumber", message: "expected a 9-digit TIN" }]);
    const t = base();
    delete t.nationalProviderIdentifier;
    expect(issuesOf(t)).toEqual([{ path: "nationalProviderIdentifier", message: "required for an individual submission" }]);
    const u = base();
    u.entityType = "practice";
    expect(issuesOf(u)[0]?.path).toBe("entityType");
  });

  it("a duplicate measure and an unsupported year", () => {
    const s = base();
    s.measurementSets[0]!.measurements.push({ measureId: "PI_EP_1", value: { numerator: 1, denominator: 2 } });
    expect(issuesOf(s)).toEqual([{ path: "measurementSets[0].measurements[9].measureId", message: 'measure "PI_EP_1" appears more than once' }]);
    const t = base();
    t.performanceYear = 2027;
    expect(issuesOf(t)).toEqual([{ path: "performanceYear", message: "performance year 2027 is not supported yet: its rules are not final or not yet sourced (supported: 2017-2026)" }]);
  });

  it("the reader throws one BAD_INPUT naming the file and holding every issue of a kind", () => {
    // validateSubmission reports shape problems first, then (on a well-shaped submission) every catalog
    // and cross-field problem; each round lists all of its problems.
    const s = base();
    s.measurementSets[0]!.measurements[0]!.measureId = "PI_NOPE_9";
    s.measurementSets[0]!.measurements[2]!.value = true;
    s.measurementSets[0]!.performanceEnd = "2017-12-31";
    const error = refusal(() => readQppJsonValue(s, "bad.json"));
    expect(error.code).toBe("BAD_INPUT");
    expect(error.message).toBe("bad.json is not a valid QPP submission (4 problem(s))");
    expect(error.issues.map((i) => i.path)).toEqual([
      "measurementSets[0].performanceEnd",
      "measurementSets[0].performanceEnd",
      "measurementSets[0].measurements[0].measureId",
      "measurementSets[0].measurements[2].value",
    ]);
    const shapes = base();
    shapes.measurementSets[0]!.measurements[2]!.value = { numerator: -3, denominator: 2.5 };
    shapes.taxpayerIdentificationNumber = 123;
    expect(refusal(() => readQppJsonValue(shapes, "shapes.json")).issues.map((i) => i.path)).toEqual([
      "taxpayerIdentificationNumber",
      "measurementSets[0].measurements[2].value.numerator",
      "measurementSets[0].measurements[2].value.denominator",
    ]);
  });

  it("not JSON at all", () => {
    expect(refusal(() => readQppJson("{ nope", "x.json")).message).toMatch(/^x\.json is not valid JSON: /);
  });
});

describe("format detection by content", () => {
  it("tells XML from JSON whatever the file name, skipping a BOM and whitespace", () => {
    expect(detectFormat("\uFEFF  \n<?xml version='1.0'?><a/>")).toBe("qrda3");
    expect(detectFormat("\n { }")).toBe("qpp-json");
    expect(detectFormat("%PDF-1.4")).toBe("unknown");
    expect(detectFormat("")).toBe("unknown");
    expect(readVendorFile(example(), "looks-like.xml").format).toBe("qpp-json");
    expect(readVendorFile(new TextEncoder().encode(example()), "upload.bin").format).toBe("qpp-json");
  });
});
