/**
 * Issue 12: vendor files of every year. CMS's 2025 samples convert as CMS's converter does (README of
 * ../shared/fixtures/qrda3/2025), QRDA III of every year 2019-2026 reads, entity types are recognised (APM
 * entity and subgroup refused by name), quality and IA sets are kept as data, and CMS's acceptance rules
 * refuse (PI) or flag (quality, IA) what CMS would reject, with the path and what CMS expects.
 */
import { describe, expect, it } from "vitest";
import { AppError } from "../../../lib/errors";
import { describeWarning, readQppJsonValue, readQrda3 } from "../../../lib/formats";
import { findMeasure } from "../../../lib/mips/catalog";
import { PERFORMANCE_YEARS } from "../../../lib/mips/years";
import { type AnyMeasurementSet, type Submission, validateSubmission } from "../../../lib/mips/submission";
import { qrda3, text } from "../../paths";

function convert(name: string, body?: string) {
  return readQrda3(body ?? text(qrda3(name)), name);
}
function set(s: Submission, category: string): AnyMeasurementSet {
  const found = s.measurementSets.find((x) => x.category === category);
  if (!found) throw new Error(`no ${category} set`);
  return found;
}
function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

const APP1_PI = {
  category: "pi",
  submissionMethod: "electronicHealthRecord",
  performanceStart: "2025-01-01",
  performanceEnd: "2025-12-31",
  measurements: [
    { measureId: "PI_EP_2", value: true },
    { measureId: "PI_EP_1", value: { numerator: 750, denominator: 800 } },
    { measureId: "PI_PEA_1", value: { numerator: 600, denominator: 800 } },
  ],
  cehrtId: "XX15CXXXXXXXXXX",
  programName: "app1",
};

describe("CMS's 2025 samples (qrda3/2025)", () => {
  it("App1-Indv-QRDA-III.xml: PY2025 individual, TIN 990000099, NPI 2567891421, CMS's PI set, one quality measure", () => {
    const { submission } = convert("2025/App1-Indv-QRDA-III.xml");
    expect(submission).toMatchObject({ performanceYear: 2025, entityType: "individual", taxpayerIdentificationNumber: "990000099", nationalProviderIdentifier: "2567891421" });
    expect(set(submission, "pi")).toStrictEqual(APP1_PI);
    expect(set(submission, "quality").measurements).toHaveLength(1);
  });

  it("App1-Group-QRDA-III.xml: MIPS_APP1_GROUP is a group (no NPI), TIN 990000099, the same PI set, one quality measure", () => {
    const { submission, warnings } = convert("2025/App1-Group-QRDA-III.xml");
    expect(submission.entityType).toBe("group");
    expect(submission.taxpayerIdentificationNumber).toBe("990000099");
    expect(submission.nationalProviderIdentifier).toBeUndefined();
    expect(set(submission, "pi")).toStrictEqual(APP1_PI);
    expect(set(submission, "quality").measurements).toEqual([
      { measureId: "2c928083-8907-ce68-0189-40f8279a0a19", value: { isEndToEndReported: true, performanceMet: 800, performanceNotMet: 100, eligiblePopulation: 1000, eligiblePopulationException: 100 } },
    ]);
    expect(warnings.map(describeWarning).join("\n")).not.toMatch(/not one of/);
  });

  it("valid-QRDA-III-latest-2025.xml: individual 000777777 / 0777777777 (check-digit warning), PI_PEA_1 600/800 over 2025-02-01..05-31, two quality and two IA measures", () => {
    const { submission, warnings } = convert("2025/valid-QRDA-III-latest-2025.xml");
    expect(submission).toMatchObject({ performanceYear: 2025, entityType: "individual", taxpayerIdentificationNumber: "000777777", nationalProviderIdentifier: "0777777777" });
    expect(set(submission, "pi")).toMatchObject({ performanceStart: "2025-02-01", performanceEnd: "2025-05-31", measurements: [{ measureId: "PI_PEA_1", value: { numerator: 600, denominator: 800 } }] });
    expect(set(submission, "quality").measurements).toHaveLength(2);
    expect(set(submission, "ia")).toMatchObject({ performanceStart: "2025-01-01", performanceEnd: "2025-04-30", measurements: [{ measureId: "IA_EPA_3", value: true }, { measureId: "IA_CC_10", value: true }] });
    expect(warnings.some((w) => /0777777777.*cannot join a roster/.test(w.message))).toBe(true);
  });

  it("Mvp_Mips-Group-Sample.xml: group 000777777 with a quality set only, said plainly, not an error", () => {
    const { submission, warnings } = convert("2025/Mvp_Mips-Group-Sample.xml");
    expect(submission).toMatchObject({ performanceYear: 2025, entityType: "group", taxpayerIdentificationNumber: "000777777" });
    expect(submission.measurementSets.map((s) => s.category)).toEqual(["quality"]);
    expect(submission.measurementSets[0]?.measurements).toHaveLength(1);
    expect(warnings.find((w) => w.path === "/ClinicalDocument")?.message).toMatch(/^no Promoting Interoperability section: the file holds quality data only, kept as it is; there is no PI data to score$/);
  });
});

describe("entity types from the program name", () => {
  const app1 = text(qrda3("2025/App1-Indv-QRDA-III.xml"));
  const withProgram = (name: string) => app1.replace('extension="MIPS_APP1_INDIV"', `extension="${name}"`);

  it.each([
    ["MIPS_INDIV", "individual"],
    ["MIPS_GROUP", "group"],
    ["APP_PLUS_GROUP", "group"],
  ])("%s is read as %s", (program, entityType) => {
    expect(convert(`${program}.xml`, withProgram(program)).submission.entityType).toBe(entityType);
  });

  it.each([
    ["MIPS_APMENTITY", /an APM Entity report/],
    ["MIPS_APP1_APMENTITY", /an APM Entity report \(APM Performance Pathway\)/],
    ["MIPS_SUBGROUP", /a MIPS subgroup report/],
    ["PCF", /Primary Care First/],
  ])("%s is recognised and refused, saying what it is and what we read", (program, what) => {
    const error = refusal(() => convert(`${program}.xml`, withProgram(program)));
    expect(error.message).toMatch(what);
    expect(error.message).toMatch(/individuals, groups and virtual groups only/);
    expect(error.issues[0]?.path).toBe("/ClinicalDocument/informationRecipient[1]/intendedRecipient[1]/id[1]");
  });

  it("MIPS_VIRTUALGROUP needs the virtual group id", () => {
    expect(refusal(() => convert("vg.xml", withProgram("MIPS_VIRTUALGROUP"))).issues[0]?.message).toMatch(/virtual group id/);
  });
});

describe("QRDA III of every year 2019-2026", () => {
  const app1 = text(qrda3("2025/App1-Indv-QRDA-III.xml"));
  for (const year of PERFORMANCE_YEARS.filter((y) => y >= 2019)) {
    it(`${year}: the PI section reads with the year's measure ids and periods`, () => {
      const body = app1.replaceAll('value="20250101"', `value="${year}0101"`).replaceAll('value="20251231"', `value="${year}1231"`);
      const { submission } = convert(`app1-${year}.xml`, body);
      expect(submission.performanceYear).toBe(year);
      const pi = set(submission, "pi");
      expect(pi.measurements.map((m) => m.measureId)).toEqual(["PI_EP_2", "PI_EP_1", "PI_PEA_1"]);
      expect(pi.measurements.every((m) => findMeasure(year, m.measureId))).toBe(true);
      expect(validateSubmission(submission).ok).toBe(true);
    });
  }

  it("a measure id of another year is refused naming the id and the year", () => {
    const body = text(qrda3("2025/App1-Indv-QRDA-III.xml")).replace('extension="PI_PEA_1"', 'extension="PI_HIE_3"');
    const error = refusal(() => convert("hie3.xml", body));
    expect(error.issues.map((i) => i.message).join("\n")).toMatch(/unknown measure id "PI_HIE_3" for performance year 2025/);
  });

  it("PI_HIE_5 with PI_HIE_1 (problem 102) and a measure with its exclusion are refused with the path", () => {
    const hie = text(qrda3("2025/App1-Indv-QRDA-III.xml")).replace('extension="PI_EP_2"', 'extension="PI_HIE_5"').replace('extension="PI_PEA_1"', 'extension="PI_HIE_1"');
    const error = refusal(() => convert("hie.xml", hie));
    expect(error.issues.map((i) => i.message).join("\n")).toMatch(/HIE alternatives mixed in 2025: PI_HIE_5 with PI_HIE_1; CMS refuses such a file \(converter problem 102\)/);
  });

  it("a quality denominator above the initial population (CMS error 13) is a finding, the PI data still converts", () => {
    const body = text(qrda3("2025/App1-Indv-QRDA-III.xml")).replace('<value xsi:type="INT" value="1000"/>', '<value xsi:type="INT" value="900"/>');
    const { submission, warnings } = convert("denom.xml", body);
    expect(set(submission, "pi").measurements).toHaveLength(3);
    expect(set(submission, "quality").measurements).toHaveLength(0);
    const finding = warnings.find((w) => w.cmsRejects && /error 13/.test(w.message));
    expect(finding?.message).toMatch(/denominator 1000 \(population F0F5F489-3AE0-4128-A3D3-7427B5F333A4\) is larger than the initial population 900/);
    expect(finding?.path).toMatch(/^\/ClinicalDocument\/.*organizer\[1\] \(line \d+\)$/);
    expect(describeWarning(finding!)).toMatch(/CMS will reject this file: quality measure/);
  });
});

describe("a vendor's complete QPP JSON (quality, IA and PI; group with nationalProviderIdentifier null)", () => {
  const complete = () => ({
    performanceYear: 2025,
    entityType: "group",
    taxpayerIdentificationNumber: "990000099",
    nationalProviderIdentifier: null,
    measurementSets: [
      { category: "quality", submissionMethod: "electronicHealthRecord", performanceStart: "2025-01-01", performanceEnd: "2025-12-31", programName: "mips", measurements: [
        { measureId: "236", value: { isEndToEndReported: true, performanceMet: 800, performanceNotMet: 100, eligiblePopulation: 1000, eligiblePopulationExclusion: 50, eligiblePopulationException: 50 } },
        { measureId: "001", value: { isEndToEndReported: true, strata: [{ performanceMet: 5, performanceNotMet: 5, eligiblePopulation: 10, stratum: "overall" }] } },
        { measureId: "047", value: true },
      ] },
      { category: "ia", submissionMethod: "electronicHealthRecord", performanceStart: "2025-01-01", performanceEnd: "2025-12-31", measurements: [{ measureId: "IA_EPA_3", value: true }] },
      { category: "pi", submissionMethod: "electronicHealthRecord", performanceStart: "2025-01-01", performanceEnd: "2025-12-31", measurements: [{ measureId: "PI_EP_1", value: { numerator: 750, denominator: 800 } }] },
    ],
  });

  it("reads whole, without warnings, every set kept as it came in", () => {
    const { submission, warnings } = readQppJsonValue(complete(), "vendor.json");
    expect(warnings).toEqual([]);
    const expected = complete();
    const { nationalProviderIdentifier: _null, ...rest } = expected;
    expect(submission).toStrictEqual(rest);
  });

  it("quality and IA problems are warnings with their JSON path; PI is kept and the bad measurement left out", () => {
    const file = complete();
    const quality = file.measurementSets[0]!.measurements as { measureId: string; value: unknown }[];
    quality[0]!.value = { performanceMet: 900, performanceNotMet: 200, eligiblePopulation: 1000 };
    quality[1]!.value = "yes";
    (file.measurementSets[1]!.measurements as unknown[]).push({ measureId: "IA_NOT_REAL", value: true });
    const { submission, warnings } = readQppJsonValue(file, "vendor.json");
    expect(warnings.map((w) => w.path)).toEqual(["measurementSets[0].measurements[0].value.eligiblePopulation", "measurementSets[0].measurements[1].value", "measurementSets[1].measurements[1].measureId"]);
    expect(warnings[2]?.message).toMatch(/"IA_NOT_REAL" is not an improvement activity of CMS's 2025 catalog/);
    expect(set(submission, "quality").measurements.map((m) => m.measureId)).toEqual(["047"]);
    expect(set(submission, "pi").measurements).toHaveLength(1);
  });

  it("a PI measure and its exclusion both, and an unknown category, are refused with their paths", () => {
    const file = complete();
    (file.measurementSets[2]!.measurements as unknown[]).push({ measureId: "PI_LVPP_1", value: true });
    (file.measurementSets as unknown[]).push({ category: "cost", measurements: [] });
    const result = validateSubmission(file);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      { path: "measurementSets[2].measurements[1].measureId", message: "PI_EP_1 and its exclusion PI_LVPP_1 are both sent: from 2019 (here 2025) CMS expects the measure or its exclusion, not both" },
      { path: "measurementSets[3].category", message: 'category "cost": expected "pi" (Promoting Interoperability), "quality" or "ia"' },
    ]);
  });
});
