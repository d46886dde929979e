/** CMS's own QRDA III samples (../shared/fixtures/qrda3, README table): each converts as CMS expects. */
import { describe, expect, it } from "vitest";
import { AppError } from "../../../lib/errors";
import { readQrda3 } from "../../../lib/formats";
import { getCatalog } from "../../../lib/mips/catalog";
import { type MeasurementSet, piMeasurementSet } from "../../../lib/mips/submission";
import { qrda3, text } from "../../paths";

function convert(name: string) {
  return readQrda3(text(qrda3(name)), name);
}

function piSet(name: string): MeasurementSet {
  const set = piMeasurementSet(convert(name).submission);
  if (!set) throw new Error(`${name}: no PI set`);
  return set;
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

describe("valid-QRDA-III-latest.xml", () => {
  it("produces exactly CMS's expected PI set", () => {
    const expected: unknown = JSON.parse(text(qrda3("valid-QRDA-III-latest.pi-section.expected.json")));
    expect(piSet("valid-QRDA-III-latest.xml")).toStrictEqual(expected);
  });

  it("reads the header: individual, TIN 000777777, NPI 0777777777 with a check-digit warning", () => {
    const { submission, warnings } = convert("valid-QRDA-III-latest.xml");
    expect(submission).toMatchObject({
      performanceYear: 2018,
      entityType: "individual",
      taxpayerIdentificationNumber: "000777777",
      nationalProviderIdentifier: "0777777777",
    });
    expect(submission.measurementSets.map((s) => s.category)).toEqual(["pi", "quality", "ia"]);
    const npiWarning = warnings.find((w) => w.message.includes("0777777777"));
    expect(npiWarning?.message).toMatch(/cannot join a roster/);
    expect(npiWarning?.path).toMatch(/^\/ClinicalDocument\/documentationOf\[1\]\/serviceEvent\[1\]\/performer\[1\]/);
  });
});

describe("valid-QRDA-III-abridged.xml", () => {
  const expected = JSON.parse(text(qrda3("valid-QRDA-III-abridged.expected.json"))) as {
    performanceYear: number;
    entityType: string;
    taxpayerIdentificationNumber: string;
    nationalProviderIdentifier: string;
    measurementSets: { category: string; measurements: { measureId: string; value: unknown }[]; performanceStart: string; performanceEnd: string }[];
  };
  const cmsPi = expected.measurementSets.find((s) => s.category === "pi");

  it("has CMS's header values and period", () => {
    const { submission } = convert("valid-QRDA-III-abridged.xml");
    expect(submission).toMatchObject({
      performanceYear: expected.performanceYear,
      entityType: expected.entityType,
      taxpayerIdentificationNumber: expected.taxpayerIdentificationNumber,
      nationalProviderIdentifier: expected.nationalProviderIdentifier,
    });
    const set = piSet("valid-QRDA-III-abridged.xml");
    expect(set.performanceStart).toBe(cmsPi?.performanceStart);
    expect(set.performanceEnd).toBe(cmsPi?.performanceEnd);
  });

  it("has CMS's counts, with the odd ids mapped to 2018 ids", () => {
    const mapped = (id: string) => id.replace("-", "_").replace("-", "_").replace(/^ACI_/, "PI_");
    const expectedMeasurements = cmsPi?.measurements.map((m) => ({ measureId: mapped(m.measureId), value: m.value }));
    expect(piSet("valid-QRDA-III-abridged.xml").measurements).toStrictEqual(expectedMeasurements);
  });

  it("warns for each mapped id, naming the old and the new id and where it is", () => {
    const { warnings } = convert("valid-QRDA-III-abridged.xml");
    const mappings = warnings.filter((w) => w.message.startsWith("measure id"));
    expect(mappings.map((w) => w.message)).toEqual([
      'measure id "ACI-PEA-1" read as "PI_PEA_1" (the 2018 id)',
      'measure id "ACI_EP_1" read as "PI_EP_1" (the 2018 id)',
      'measure id "ACI_CCTPE_3" read as "PI_CCTPE_3" (the 2018 id)',
    ]);
    for (const w of mappings) expect(w.path).toMatch(/section\[1\]\/entry\[\d\]\/organizer\[1\] \(line \d+\)$/);
  });
});

describe("demo-mips-virtual-group.xml", () => {
  it("is a virtual group with entityId x12345 and no NPI", () => {
    const { submission } = convert("demo-mips-virtual-group.xml");
    expect(submission.entityType).toBe("virtualGroup");
    expect(submission.entityId).toBe("x12345");
    expect(submission.nationalProviderIdentifier).toBeUndefined();
  });
});

describe("MIPS_GROUP_QRDA_III_PI_IA_Sample1.xml (CMS's 2018 group sample)", () => {
  it("is a group for TIN 000456789 with CEHRT ID 0014ABC1D1EFG1H on the PI set", () => {
    const { submission } = convert("MIPS_GROUP_QRDA_III_PI_IA_Sample1.xml");
    expect(submission).toMatchObject({ performanceYear: 2018, entityType: "group", taxpayerIdentificationNumber: "000456789" });
    expect(submission.nationalProviderIdentifier).toBeUndefined();
    expect(piSet("MIPS_GROUP_QRDA_III_PI_IA_Sample1.xml").cehrtId).toBe("0014ABC1D1EFG1H");
  });

  it("holds every PI and transition measure it lists (all but the exclusions and PI_TRANS_HIE_1)", () => {
    const ids = piSet("MIPS_GROUP_QRDA_III_PI_IA_Sample1.xml").measurements.map((m) => m.measureId);
    const catalog = getCatalog(2018).measures;
    const expected = catalog
      .filter((m) => m.kind !== "exclusion" && !m.measureId.endsWith("_MULTI") && m.measureId !== "PI_IACEHRT_1")
      .map((m) => m.measureId)
      .filter((id) => id !== "PI_TRANS_HIE_1"); // this sample has no PI_TRANS_HIE_1 entry
    expect([...ids].sort()).toEqual([...expected].sort());
    expect(piSet("MIPS_GROUP_QRDA_III_PI_IA_Sample1.xml").measurements).toContainEqual({
      measureId: "PI_EP_1",
      value: { numerator: 750, denominator: 800 },
    });
  });
});

describe("CPCPlus_No_Quality_Section.xml", () => {
  it("holds every 2018 PI and transition measure plus the attestations", () => {
    const ids = piSet("CPCPlus_No_Quality_Section.xml").measurements.map((m) => m.measureId);
    const expected = getCatalog(2018)
      .measures.filter((m) => m.kind !== "exclusion" && !m.measureId.endsWith("_MULTI") && m.measureId !== "PI_IACEHRT_1")
      .map((m) => m.measureId);
    expect([...ids].sort()).toEqual([...expected].sort());
    expect(ids).toHaveLength(29);
  });

  it("reads CPC+ over five NPIs as the TIN's group report, and leaves out the placeholder CEHRT ID, with warnings", () => {
    const { submission, warnings } = convert("CPCPlus_No_Quality_Section.xml");
    expect(submission).toMatchObject({ entityType: "group", taxpayerIdentificationNumber: "990000099" });
    expect(piSet("CPCPlus_No_Quality_Section.xml").cehrtId).toBeUndefined();
    expect(warnings.map((w) => w.message).join("\n")).toMatch(/program "cpcplus".*group report \(5 NPIs\)/);
    expect(warnings.map((w) => w.message).join("\n")).toMatch(/CEHRT ID "CMS_EHR_Certification_Identification_Number_Goes_Here" is not a CMS EHR Certification ID/);
  });
});

describe("CPCPlus_WithOnlyACI_SampleQRDA-III.xml", () => {
  it("converts, mapping its 2017 ACI ids to 2018 PI ids", () => {
    expect(piSet("CPCPlus_WithOnlyACI_SampleQRDA-III.xml").measurements).toStrictEqual([
      { measureId: "PI_PPHI_1", value: true },
      { measureId: "PI_EP_1", value: { numerator: 750, denominator: 800 } },
      { measureId: "PI_PEA_1", value: { numerator: 600, denominator: 800 } },
    ]);
    expect(convert("CPCPlus_WithOnlyACI_SampleQRDA-III.xml").submission.taxpayerIdentificationNumber).toBe("990000099");
  });
});

describe("negative/not-a-QDRA-III-file.xml", () => {
  it("is refused: its root has no HL7 namespace", () => {
    const error = refusal(() => convert("negative/not-a-QDRA-III-file.xml"));
    expect(error.code).toBe("BAD_INPUT");
    expect(error.message).toBe(
      'negative/not-a-QDRA-III-file.xml is not a QRDA III document: its root element is <ClinicalDocument> without a namespace; expected <ClinicalDocument> in namespace "urn:hl7-org:v3"',
    );
  });
});

describe("odd/QRDA-III-without-required-measure.xml", () => {
  it("is refused as CMS's converter refuses it (error 22): the PI section has no Reporting Parameters Act of its own", () => {
    const error = refusal(() => convert("odd/QRDA-III-without-required-measure.xml"));
    expect(error.code).toBe("BAD_INPUT");
    // What is wrong, where, what is expected, and that CMS rejects it; the document-wide section does not count.
    expect(error.message).toMatch(
      /^odd\/QRDA-III-without-required-measure\.xml: the PI section has no Reporting Parameters Act of its own: expected an act with templateId "2\.16\.840\.1\.113883\.10\.20\.17\.3\.8" and effectiveTime low and high \(the performance period\) inside the PI section; the document-wide Reporting Parameters section at \/ClinicalDocument\S* does not count for it\. CMS rejects such a file \(its converter's error 22\)$/,
    );
    expect(error.issues).toEqual([{ path: expect.stringMatching(/^\/ClinicalDocument\/.*section/), message: expect.stringMatching(/^the PI section has no Reporting Parameters Act of its own/) }]);
  });
});

describe("odd/AciMeasurePerformedGarbage.xml", () => {
  it("does not crash and refuses the unknown measure TEST_MEASURE_ID, saying where it is", () => {
    const error = refusal(() => convert("odd/AciMeasurePerformedGarbage.xml"));
    expect(error.message).toMatch(/^odd\/AciMeasurePerformedGarbage\.xml: the PI section cannot be converted/);
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]?.message).toMatch(/unknown measure id "TEST_MEASURE_ID" for performance year 2018/);
    expect(error.issues[0]?.path).toMatch(/^\/ClinicalDocument\/component\[1\]\/structuredBody\[1\]\/component\[1\]\/section\[1\]\/entry\[1\]\/organizer\[1\] \(line \d+\)$/);
  });
});
