/** The vendor a file names for a CEHRT product the portal does not know yet (the import's prefill). */
import { describe, expect, it } from "vitest";
import { readQrda3 } from "@/lib/formats";
import { describeCsvProblem, readCsvMeasures } from "@/lib/formats/csv-measures";
import { readQppJson } from "@/lib/formats/qpp-json";
import { qppJsonDir, qrda3, text } from "../../paths";
import { resolve } from "node:path";

const SAMPLE = "valid-QRDA-III-abridged.xml";

/** The CMS sample with its author's and custodian's organization names replaced. */
function withNames(author: string | null, custodian: string | null): string {
  let xml = text(qrda3(SAMPLE));
  // The sample has two authors; every author's (custodian's) organization name is replaced or removed.
  const swap = (tag: string, name: string | null) => {
    xml = xml.replace(new RegExp(`<${tag}>[\\s\\S]*?</${tag}>`, "g"), (block) => block.replace(/<name>[^<]*<\/name>/g, name === null ? "" : `<name>${name}</name>`));
  };
  swap("author", author);
  swap("custodian", custodian);
  return xml;
}

describe("QRDA III author / custodian organization", () => {
  it("reads CMS's sample: Good Health Clinic", () => {
    expect(readQrda3(text(qrda3(SAMPLE)), SAMPLE).sourceOrganization).toBe("Good Health Clinic");
  });

  it("prefers the author's organization, collapses spaces and decodes entities", () => {
    expect(readQrda3(withNames("  Acme &amp; Sons\n   EHR ", "Custodian Inc"), SAMPLE).sourceOrganization).toBe("Acme & Sons EHR");
  });

  it("falls back to the custodian, and to null when neither names one", () => {
    expect(readQrda3(withNames(null, "Custodian Inc"), SAMPLE).sourceOrganization).toBe("Custodian Inc");
    expect(readQrda3(withNames(null, null), SAMPLE).sourceOrganization).toBeNull();
  });

  it("QPP JSON names no vendor", () => {
    expect(readQppJson(text(resolve(qppJsonDir, "cms-2018-pi-submission-example.json")), "x.json").sourceOrganization ?? null).toBeNull();
  });
});

describe("CSV vendor column", () => {
  it("gives each group the first vendor named on its rows; without the column, none", () => {
    const head = "performance_year,tin,cehrt_id,performance_start,performance_end,measure_id,numerator,denominator,vendor";
    const result = readCsvMeasures(
      [head, "2018,123456789,0015EAAAAAAAAAA,2018-01-01,2018-12-31,PI_PEA_1,1,2,", "2018,123456789,0015EAAAAAAAAAA,2018-01-01,2018-12-31,PI_HIE_1,1,2, Acme  EHR "].join("\n"),
    );
    if (!result.ok) throw new Error(result.problems.map(describeCsvProblem).join("\n"));
    expect(result.groups.map((g) => g.vendor)).toEqual(["Acme EHR"]);
    const without = readCsvMeasures("performance_year,tin,cehrt_id,performance_start,performance_end,measure_id,numerator,denominator\n2018,123456789,0015EAAAAAAAAAA,2018-01-01,2018-12-31,PI_PEA_1,1,2");
    if (!without.ok) throw new Error(without.problems.map(describeCsvProblem).join("\n"));
    expect(without.groups[0]!.vendor).toBeNull();
  });
});
