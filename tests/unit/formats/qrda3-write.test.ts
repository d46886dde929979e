/**
 * QRDA III export (lib/formats/qrda3/write.ts): what we write, our own reader reads back equal — for
 * group and virtual group submissions with PI, quality and IA sets, for every CMS sample and own fixture
 * that converts, and what QRDA III cannot carry is listed, never silently lost.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { readQrda3, readVendorFile, writeQrda3 } from "../../../lib/formats";
import { iaCatalog } from "../../../lib/mips/ia-catalog";
import { type AnyMeasurementSet, type Submission, validateSubmission } from "../../../lib/mips";
import { own, qrda3 } from "../../paths";

const [IA_A, IA_B] = [...iaCatalog(2025).keys()];

function roundTrip(s: Submission) {
  const written = writeQrda3(s);
  return { ...written, read: readQrda3(written.xml, "export.xml") };
}

/** What the reader gives for a set: its submission method read as electronicHealthRecord, no edition. */
function carried(s: Submission): Submission {
  const { clinicians: _c, groupStatuses: _g, ...rest } = s;
  return {
    ...rest,
    measurementSets: s.measurementSets.map((set) => {
      const { cehrtEdition: _e, ...x } = set as AnyMeasurementSet & { cehrtEdition?: string };
      return { ...x, submissionMethod: "electronicHealthRecord" } as AnyMeasurementSet;
    }),
  } as Submission;
}

const PERIOD = { performanceStart: "2025-01-01", performanceEnd: "2025-12-31" };

const GROUP: Submission = {
  performanceYear: 2025,
  entityType: "group",
  taxpayerIdentificationNumber: "123456789",
  measurementSets: [
    {
      category: "pi",
      submissionMethod: "electronicHealthRecord",
      ...PERIOD,
      cehrtId: "0015E8ABCDEFGH1",
      measurements: [
        { measureId: "PI_PPHI_1", value: true },
        { measureId: "PI_INFBLO_1", value: true },
        { measureId: "PI_EP_1", value: { numerator: 80, denominator: 100 } },
        { measureId: "PI_PEA_1", value: { numerator: 0, denominator: 12 } },
      ],
    },
    {
      category: "quality",
      submissionMethod: "electronicHealthRecord",
      ...PERIOD,
      measurements: [
        { measureId: "001", value: { isEndToEndReported: true, performanceMet: 10, performanceNotMet: 20, eligiblePopulation: 40, eligiblePopulationExclusion: 5, eligiblePopulationException: 5 } },
        { measureId: "236", value: { isEndToEndReported: true, performanceMet: 30, performanceNotMet: 10, eligiblePopulation: 40 } },
        {
          measureId: "2c928085-7198-38ee-0171-9da6456007ab",
          value: {
            isEndToEndReported: true,
            strata: [
              { stratum: "A1B2", performanceMet: 3, performanceNotMet: 4, eligiblePopulation: 8, eligiblePopulationExclusion: 1 },
              { stratum: "C3D4", performanceMet: 2, performanceNotMet: 2, eligiblePopulation: 5, eligiblePopulationExclusion: 1 },
            ],
          },
        },
      ],
    },
    { category: "ia", submissionMethod: "electronicHealthRecord", performanceStart: "2025-01-01", performanceEnd: "2025-03-31", measurements: [{ measureId: IA_A!, value: true }, { measureId: IA_B!, value: false }] },
  ],
} as Submission;

describe("QRDA III export", () => {
  it("a group submission with PI, quality and IA reads back equal", () => {
    expect(validateSubmission(GROUP).ok).toBe(true);
    const { read, notCarried, xml } = roundTrip(GROUP);
    expect(notCarried).toEqual([]);
    expect(read.submission).toStrictEqual(GROUP);
    expect(xml).toContain('extension="MIPS_GROUP"');
    expect(xml).toContain('<id nullFlavor="NA"/><representedOrganization><id root="2.16.840.1.113883.4.2" extension="123456789"/>');
  });

  it("a virtual group submission reads back equal, its CMS id in the performer", () => {
    const { taxpayerIdentificationNumber: _tin, ...rest } = GROUP;
    const vg = { ...rest, entityType: "virtualGroup", entityId: "VG-000123" } as Submission;
    const { read, notCarried, xml } = roundTrip(vg);
    expect(notCarried).toEqual([]);
    expect(read.submission).toStrictEqual(vg);
    expect(xml).toContain('extension="MIPS_VIRTUALGROUP"');
  });

  it("an individual submission reads back equal", () => {
    const indiv = { ...GROUP, entityType: "individual", nationalProviderIdentifier: "1234567893" } as Submission;
    expect(roundTrip(indiv).read.submission).toStrictEqual(indiv);
  });

  it("lists what QRDA III cannot carry and leaves it out", () => {
    const [pi, quality, ia] = GROUP.measurementSets;
    const s = {
      ...GROUP,
      clinicians: [{ npi: "1234567893", clinicianType: "physician" }],
      measurementSets: [
        { ...pi, cehrtEdition: "2015" },
        { ...quality, measurements: [...quality!.measurements, { measureId: "047", value: { isEndToEndReported: false, performanceMet: 1, performanceNotMet: 1, eligiblePopulation: 2 } }, { measureId: "226", value: { isEndToEndReported: true, performanceMet: 1, performanceNotMet: 5, eligiblePopulation: 2 } }] },
        ia,
      ],
    } as unknown as Submission;
    const { read, notCarried } = roundTrip(s);
    expect(notCarried.map((i) => `${i.path}: ${i.message}`)).toEqual([
      "clinicians: the clinicians list (our extension, used for reweighting) has no place in QRDA III; left out",
      "measurementSets[0].cehrtEdition: CEHRT edition 2015 (our extension): QRDA III carries the CEHRT ID only, 0015E8ABCDEFGH1, from which the edition is derived on reading; left out",
      "measurementSets[1].measurements[3]: quality measure 047: not end-to-end reported (QRDA III measure data is end-to-end electronic); left out of the QRDA III document",
      "measurementSets[1].measurements[4]: quality measure 226: performanceNotMet is not eligiblePopulation - performanceMet - exclusions - exceptions, which is what QRDA III's populations express; left out of the QRDA III document",
    ]);
    expect(read.submission).toStrictEqual(GROUP);
  });

  const CONVERTING = [
    qrda3("2025/App1-Group-QRDA-III.xml"),
    qrda3("2025/App1-Indv-QRDA-III.xml"),
    qrda3("2025/Mvp_Mips-Group-Sample.xml"),
    qrda3("2025/valid-QRDA-III-latest-2025.xml"),
    qrda3("CPCPlus_No_Quality_Section.xml"),
    qrda3("CPCPlus_WithOnlyACI_SampleQRDA-III.xml"),
    qrda3("MIPS_GROUP_QRDA_III_PI_IA_Sample1.xml"),
    qrda3("demo-mips-virtual-group.xml"),
    qrda3("valid-QRDA-III-abridged.xml"),
    qrda3("valid-QRDA-III-latest.xml"),
    own("multi-vendor/vendor-a-clinician-1.xml"),
    own("multi-vendor/vendor-b-group.xml"),
    own("multi-vendor/vendor-c-clinician-3.json"),
  ];
  it.each(CONVERTING)("%s: converted, exported as QRDA III and read back gives the same submission", (path) => {
    const first = readVendorFile(readFileSync(path), path).submission;
    const { read } = roundTrip(first);
    expect(read.submission).toStrictEqual(carried(first));
  });
});
