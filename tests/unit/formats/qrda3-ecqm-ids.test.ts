/**
 * eCQM version ids to QPP quality measure ids (lib/formats/qrda3/ecqm-catalog.ts), as CMS's converter maps them
 * from its measures data: for 2017-2021, where CMS's qpp-measures-data lists the eCQMs; later years keep the id.
 */
import { describe, expect, it } from "vitest";
import { readQrda3, writeQrda3 } from "../../../lib/formats";
import { ecqmByMeasureId, ecqmByVersionId } from "../../../lib/formats/qrda3/ecqm-catalog";
import type { AnyMeasurementSet, Submission } from "../../../lib/mips/submission";
import measures2018 from "qpp-measures-data/measures/2018/measures-data.json";
import { qrda3, text } from "../../paths";

function quality(s: Submission): AnyMeasurementSet {
  const found = s.measurementSets.find((m) => m.category === "quality");
  if (!found) throw new Error("no quality set");
  return found;
}

describe("the eCQM map", () => {
  it("holds CMS's eCQMs of 2017-2021, none of 2022+, case-insensitive", () => {
    expect(ecqmByVersionId(2018, "40280382-5abd-fa46-015b-4981e40b37e6")?.measureId).toBe("001");
    expect(ecqmByVersionId(2018, "40280382-5ABD-FA46-015B-4981E40B37E6")?.measureId).toBe("001");
    expect(ecqmByVersionId(2017, "40280381-51f0-825b-0152-22a639d81762")?.measureId).toBe("366");
    expect(ecqmByVersionId(2021, "2c928085-7198-38ee-0171-9d78a0d406b3")?.measureId).toBe("001");
    // A version id belongs to its year: 2018's CMS122v6 is not 2019's measure.
    expect(ecqmByVersionId(2019, "40280382-5abd-fa46-015b-4981e40b37e6")).toBeUndefined();
    expect(ecqmByVersionId(2025, "2c928083-8907-ce68-0189-40f8279a0a19")).toBeUndefined();
    expect(ecqmByMeasureId(2018, "371")?.uuid.toLowerCase()).toBe("40280382-5b4d-eebc-015b-5e87add90267");
  });

  it("every 2018 eCQM of CMS's data maps to its measure id and back", () => {
    const ecqms = (measures2018 as { category?: string; measureId?: string; eMeasureUuid?: string }[]).filter((m) => m.category === "quality" && m.eMeasureUuid);
    expect(ecqms.length).toBeGreaterThan(40);
    for (const m of ecqms) {
      expect(ecqmByVersionId(2018, m.eMeasureUuid ?? "")?.measureId).toBe(m.measureId);
      expect(ecqmByMeasureId(2018, m.measureId ?? "")?.uuid).toBe(m.eMeasureUuid);
    }
  });
});

describe("QRDA III quality sections with CMS's measure ids", () => {
  it("CMS's 2018 group sample: QPP measure ids, no 'kept by their eCQM version id' warning", () => {
    const { submission, warnings } = readQrda3(text(qrda3("MIPS_GROUP_QRDA_III_PI_IA_Sample1.xml")), "group.xml");
    expect(quality(submission).measurements.map((m) => m.measureId)).toEqual(["236", "112", "113", "110", "111", "001", "008", "318", "130"]);
    expect(warnings.some((w) => /eCQM version id/.test(w.message))).toBe(false);
  });

  it("a multi-rate measure's rates are named from CMS's data (371: the three periods of CMS160)", () => {
    const { submission } = readQrda3(text(qrda3("valid-QRDA-III-latest.xml")), "latest.xml");
    const m371 = quality(submission).measurements.find((m) => m.measureId === "371");
    const strata = (m371?.value as { strata: { stratum: string; eligiblePopulation: number }[] }).strata;
    expect(strata.map((s) => s.stratum)).toEqual(["4MonthsOfEnd", "4&8MonthsAfterStart", "4MonthsOfStart"]);
    expect(strata.map((s) => s.eligiblePopulation)).toEqual([600, 800, 580]);
  });

  it("a 2025 file keeps its eCQM version ids, with the warning naming the year", () => {
    const { submission, warnings } = readQrda3(text(qrda3("2025/App1-Group-QRDA-III.xml")), "app1.xml");
    expect(quality(submission).measurements.map((m) => m.measureId)).toEqual(["2c928083-8907-ce68-0189-40f8279a0a19"]);
    expect(warnings.find((w) => /eCQM version id/.test(w.message))?.message).toMatch(/holds for 2017-2021 only .* does not list these for 2025/);
  });

  it("the QRDA III export writes the eCQM version id and the rates' numerator populations back, and reads back equal", () => {
    const { submission } = readQrda3(text(qrda3("valid-QRDA-III-latest.xml")), "latest.xml");
    const { xml } = writeQrda3(submission, { now: new Date("2026-12-01T00:00:00Z") });
    expect(xml).toContain('extension="40280382-5b4d-eebc-015b-5e87add90267"');
    expect(xml).toContain('<id root="6E41C227-F801-45AC-8271-0E9325CE1481"/>');
    expect(xml).not.toMatch(/extension="371"/);
    expect(readQrda3(xml, "export.xml").submission).toStrictEqual(submission);
  });
});
