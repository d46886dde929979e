/**
 * CMS's own expected-failure samples from qpp-conversion-tool's tests that are not in ../shared/fixtures, rebuilt
 * from a valid fixture by changing exactly what CMS's sample changes, and held to the finding CMS gives.
 */
import { describe, expect, it } from "vitest";
import { describeWarning, readQrda3 } from "../../../lib/formats";
import type { AnyMeasurementSet, Submission } from "../../../lib/mips/submission";
import { qrda3, text } from "../../paths";

function set(s: Submission, category: string): AnyMeasurementSet {
  const found = s.measurementSets.find((m) => m.category === category);
  if (!found) throw new Error(`no ${category} set`);
  return found;
}

const populationCount = '<value xsi:type="INT" value="';

/** Where the aggregate count of the `nth` (0-based) population of `kind` of a measure's organizer is. */
function countAt(xml: string, measureId: string, kind: string, nth: number): { start: number; end: number } {
  const organizer = xml.indexOf(`extension="${measureId}"`);
  const organizerEnd = xml.indexOf("</organizer>", organizer);
  let at = organizer;
  for (let i = 0; i <= nth; i++) {
    at = xml.indexOf(`<value xsi:type="CD" code="${kind}"`, at + 1);
    if (at === -1 || at > organizerEnd) throw new Error(`measure ${measureId} has no ${kind} population #${nth + 1}`);
  }
  const start = xml.indexOf(populationCount, at) + populationCount.length;
  return { start, end: xml.indexOf('"', start) };
}

function readCount(xml: string, measureId: string, kind: string, nth: number): number {
  const { start, end } = countAt(xml, measureId, kind, nth);
  return Number(xml.slice(start, end));
}

function setCount(xml: string, measureId: string, kind: string, nth: number, count: number): string {
  const { start, end } = countAt(xml, measureId, kind, nth);
  return xml.slice(0, start) + String(count) + xml.slice(end);
}

describe("CMS's negative/mipsDenominatorInitialPopulationFailure.xml (qpp-conversion-tool, QPPCT-296)", () => {
  // CMS's sample is its valid MIPS individual sample with denominators raised above their initial populations in
  // three sub-populations: one of a single-rate measure ("Has 1 Invalid Denom") and two of a multi-rate measure
  // ("Has 2 Invalid Denom"). CMS's converter refuses it with three DENOMINATOR_COUNT_INVALID errors (error 13),
  // one per sub-population, each naming the denominator's population id. Rebuilt here from the same valid sample.
  // eCQM version ids in the file; CMS's 2018 measures data maps them to QPP measures 236 and 371.
  const singleRate = "40280382-5abd-fa46-015b-49abb28d38b2";
  const multiRate = "40280382-5b4d-eebc-015b-5e87add90267"; // three rates
  const valid = text(qrda3("valid-QRDA-III-latest.xml"));
  let changed = valid;
  const raised: [string, number][] = [
    [singleRate, 0],
    [multiRate, 0],
    [multiRate, 2],
  ];
  for (const [measure, rate] of raised) changed = setCount(changed, measure, "DENOM", rate, readCount(valid, measure, "IPOP", rate) + 1);

  it("the valid sample keeps both measures (the change alone makes the difference)", () => {
    const { submission, warnings } = readQrda3(valid, "valid.xml");
    const ids = set(submission, "quality").measurements.map((m) => m.measureId);
    expect(ids).toEqual(expect.arrayContaining(["236", "371"]));
    expect(warnings.filter((w) => w.cmsRejects)).toEqual([]);
  });

  it("reports each of the three sub-populations as CMS does, naming the measure, the denominator's population and both counts", () => {
    const { warnings } = readQrda3(changed, "denominator-above-ipop.xml");
    const findings = warnings.filter((w) => w.cmsRejects && /error 13/.test(w.message));
    expect(findings.map((f) => f.message)).toEqual([
      `quality measure 236: denominator ${readCount(valid, singleRate, "IPOP", 0) + 1} (population 1D456B20-71F7-4477-BD23-D39600D5A095) is larger than the initial population ${readCount(valid, singleRate, "IPOP", 0)}; CMS refuses it (converter error 13: the denominator must not exceed the initial population)`,
      `quality measure 371: denominator ${readCount(valid, multiRate, "IPOP", 0) + 1} (population AFCACA89-68B1-4415-8D48-341237EDEC02) is larger than the initial population ${readCount(valid, multiRate, "IPOP", 0)}; CMS refuses it (converter error 13: the denominator must not exceed the initial population)`,
      `quality measure 371: denominator ${readCount(valid, multiRate, "IPOP", 2) + 1} (population E31974D3-5AB2-42F5-ACE3-77415D503785) is larger than the initial population ${readCount(valid, multiRate, "IPOP", 2)}; CMS refuses it (converter error 13: the denominator must not exceed the initial population)`,
    ]);
    for (const f of findings) {
      expect(f.path).toMatch(/^\/ClinicalDocument\/component\[\d+\]\/structuredBody\[1\]\/.*organizer\[1\] \(line \d+\)$/);
      expect(describeWarning(f)).toMatch(/^denominator-above-ipop\.xml: \/ClinicalDocument\/\S+ \(line \d+\): CMS will reject this file: quality measure /);
    }
  });

  it("leaves the two measures out of the quality set and keeps the rest; the PI data converts as from the valid file", () => {
    const before = readQrda3(valid, "valid.xml").submission;
    const { submission } = readQrda3(changed, "denominator-above-ipop.xml");
    const ids = set(submission, "quality").measurements.map((m) => m.measureId);
    expect(ids).not.toContain("236");
    expect(ids).not.toContain("371");
    expect(ids).toEqual(set(before, "quality").measurements.map((m) => m.measureId).filter((id) => id !== "236" && id !== "371"));
    expect(set(submission, "pi")).toStrictEqual(set(before, "pi"));
  });

  it("a denominator equal to the initial population is accepted (the rule is 'not above')", () => {
    const equal = setCount(valid, multiRate, "DENOM", 1, readCount(valid, multiRate, "IPOP", 1));
    const { warnings } = readQrda3(equal, "equal.xml");
    expect(warnings.filter((w) => w.cmsRejects)).toEqual([]);
  });
});

describe("CMS's rest-api/src/test/resources/fail_validation.xml (qpp-conversion-tool, shouldFailForSubmissionApiValidation)", () => {
  // CMS's REST API test expects this file to be refused by the QPP Submissions API (422, errors[0].type
  // "ValidationError") although its converter converts it. It is CMS's qrda-files/valid-QRDA-III-2017.xml with one
  // change (the two files differ by one character): measure 236's DENEX count 50 -> 500, so numerator 800 +
  // exclusions 500 exceed the denominator 1000 and the converter writes performanceNotMet -300. Rebuilt here from
  // the 2018 edition of the same sample (same counts, 2018 eCQM ids).
  const singleRate = "40280382-5abd-fa46-015b-49abb28d38b2"; // QPP measure 236
  const multiRate = "40280382-5b4d-eebc-015b-5e87add90267"; // QPP measure 371, three rates
  const valid = text(qrda3("valid-QRDA-III-latest.xml"));
  const changed = setCount(valid, singleRate, "DENEX", 0, 500);

  it("the valid sample has measure 236 with 1000 / 800 / 50 (denominator, numerator, exclusions) and no finding", () => {
    expect([readCount(valid, singleRate, "DENOM", 0), readCount(valid, singleRate, "NUMER", 0), readCount(valid, singleRate, "DENEX", 0)]).toEqual([1000, 800, 50]);
    const { submission, warnings } = readQrda3(valid, "valid.xml");
    expect(set(submission, "quality").measurements.find((m) => m.measureId === "236")?.value).toMatchObject({ performanceMet: 800, performanceNotMet: 150, eligiblePopulation: 1000, eligiblePopulationExclusion: 50 });
    expect(warnings.filter((w) => w.cmsRejects)).toEqual([]);
  });

  it("imports with one finding, shown before submission: CMS will reject the file because 236's counts make performanceNotMet negative", () => {
    const { warnings } = readQrda3(changed, "fail_validation.xml");
    const findings = warnings.filter((w) => w.cmsRejects);
    expect(findings.map((f) => f.message)).toEqual([
      "quality measure 236 (numerator population 709D84FA-637D-42CD-8934-43C3FBAD0979): numerator 800 + exclusions 500 + exceptions 0 is 1300, more than the denominator 1000; CMS's converter would send performanceNotMet -300 (denominator - numerator - exclusions - exceptions) and the QPP Submissions API refuses a negative count (ValidationError). CMS expects numerator + exclusions + exceptions <= denominator; the measure is left out",
    ]);
    const [finding] = findings;
    expect(finding?.path).toMatch(/^\/ClinicalDocument\/component\[\d+\]\/structuredBody\[1\]\/component\[\d+\]\/section\[1\]\/entry\[1\]\/organizer\[1\] \(line \d+\)$/);
    expect(finding && describeWarning(finding)).toMatch(/^fail_validation\.xml: \/ClinicalDocument\/\S+ \(line \d+\): CMS will reject this file: quality measure 236 /);
  });

  it("leaves 236 out of the quality set and keeps the other measures and the PI and IA data as from the valid file", () => {
    const before = readQrda3(valid, "valid.xml").submission;
    const { submission } = readQrda3(changed, "fail_validation.xml");
    expect(set(submission, "quality").measurements.map((m) => m.measureId)).toEqual(set(before, "quality").measurements.map((m) => m.measureId).filter((id) => id !== "236"));
    expect(set(submission, "pi")).toStrictEqual(set(before, "pi"));
    expect(set(submission, "ia")).toStrictEqual(set(before, "ia"));
  });

  it("the rule is numerator + exclusions + exceptions <= denominator: 800 + 200 = 1000 converts (performanceNotMet 0), 800 + 201 does not", () => {
    const fits = readQrda3(setCount(valid, singleRate, "DENEX", 0, 200), "fits.xml");
    expect(fits.warnings.filter((w) => w.cmsRejects)).toEqual([]);
    expect(set(fits.submission, "quality").measurements.find((m) => m.measureId === "236")?.value).toMatchObject({ performanceMet: 800, performanceNotMet: 0 });
    const over = readQrda3(setCount(valid, singleRate, "DENEX", 0, 201), "over.xml");
    expect(over.warnings.filter((w) => w.cmsRejects).map((w) => w.message)).toEqual([expect.stringContaining("quality measure 236 (numerator population 709D84FA-637D-42CD-8934-43C3FBAD0979): numerator 800 + exclusions 201 + exceptions 0 is 1001, more than the denominator 1000; CMS's converter would send performanceNotMet -1 ")]);
  });

  it("in a multi-rate measure the finding names the rate's numerator population (371's second rate)", () => {
    const denominator = readCount(valid, multiRate, "DENOM", 1);
    const numerator = readCount(valid, multiRate, "NUMER", 1);
    const { warnings } = readQrda3(setCount(valid, multiRate, "DENEX", 1, denominator - numerator + 1), "rate2.xml");
    expect(warnings.filter((w) => w.cmsRejects).map((w) => w.message)).toEqual([
      `quality measure 371 (numerator population 7B13A87F-621F-4682-BE2C-B0900AEF6AE5): numerator ${numerator} + exclusions ${denominator - numerator + 1} + exceptions 0 is ${denominator + 1}, more than the denominator ${denominator}; CMS's converter would send performanceNotMet -1 (denominator - numerator - exclusions - exceptions) and the QPP Submissions API refuses a negative count (ValidationError). CMS expects numerator + exclusions + exceptions <= denominator; the measure is left out`,
    ]);
  });
});
