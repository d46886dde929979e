import { describe, expect, it } from "vitest";
import { describeImportProblem, readRosterCsv, ROSTER_HEADER } from "@/lib/roster/import-columns";
import { parseClinicianType } from "@/lib/roster/labels";
import { parseDate, parseDollarsToCents, parseYesNo } from "@/lib/roster/values";
import { syntheticNpi } from "@/lib/roster/generate";
import { isValidNpi } from "@/lib/mips";

const header = ROSTER_HEADER.join(",");

describe("readRosterCsv", () => {
  it("reads a valid row: TIN without dash, dollars to cents, yes/no, US dates, type aliases", () => {
    const npi = syntheticNpi(42);
    const { rows, problems } = readRosterCsv(`${header}\n12-3456789,Clinic,${npi},Ann,Lee,MD,Derm,3/1/2018,,2018,y,no,,,,"$90,000.50",201,,yes\n`);
    expect(problems).toEqual([]);
    expect(rows[0]).toMatchObject({
      row: 2, tin: "123456789", npi, clinicianType: "physician", membershipStart: "2018-03-01",
      year: { performanceYear: 2018, nonPatientFacing: true, allowedChargesCents: 9_000_050, partBBeneficiaries: 201, advancedApmQp: true },
    });
  });

  it("reports missing and unknown columns against the header row", () => {
    const { problems } = readRosterCsv("TIN,NPI,Colour\n");
    expect(problems.map((p) => p.column)).toEqual(["Colour", "First name", "Last name", "Clinician type", "Membership start"]);
    expect(describeImportProblem(problems[0]!)).toMatch(/^row 1, column "Colour": unknown column "Colour"; expected one of: TIN, TIN name/);
  });

  it("reports rows that contradict each other (same NPI, different name; duplicate TIN/NPI/year)", () => {
    const npi = syntheticNpi(7);
    const { problems } = readRosterCsv(`${header}\n111111111,A,${npi},Ann,Lee,NP,,2018-01-01,,2018\n111111111,A,${npi},Anne,Lee,NP,,2018-01-01,,2018\n`);
    expect(problems.map((p) => `${p.row}|${p.column}`)).toEqual(["3|First name", "3|null"]);
  });

  it("a row with more cells than the header is reported, not silently cut", () => {
    const { problems } = readRosterCsv(`TIN,NPI,First name,Last name,Clinician type,Membership start\n111111111,${syntheticNpi(1)},A,B,NP,2018-01-01,extra\n`);
    expect(problems).toEqual([expect.objectContaining({ row: 2, column: null, problem: "the row has 7 cells but the header has 6" })]);
  });
});

describe("values", () => {
  it("parses the values people type", () => {
    expect(parseDate("2018-02-29")).toBeNull();
    expect(parseDate("12/31/2018")).toBe("2018-12-31");
    expect(parseDollarsToCents("1,234.5")).toBe(123_450);
    expect(parseDollarsToCents("-5")).toBeNull();
    expect(parseYesNo("maybe")).toBeNull();
    expect(parseClinicianType("Nurse practitioner")).toBe("NP");
    expect(parseClinicianType("LCSW")).toBe("clinicalSocialWorker");
  });
  it("synthetic NPIs are valid", () => {
    for (let i = 0; i < 100; i++) expect(isValidNpi(syntheticNpi(i * 7919))).toBe(true);
  });
});
