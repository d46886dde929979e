/** PI reweighting (rules page 5): automatic, approved hardship only, data cancels, the 100% rule. */
import { describe, expect, it } from "vitest";
import { clinicianReweighting, groupReweighting } from "../../../lib/mips";
import type { GroupClinician } from "../../../lib/mips";

describe("clinicianReweighting", () => {
  it.each([
    ["non-patient facing", { nonPatientFacing: true }, "nonPatientFacing"],
    ["hospital-based", { hospitalBased: true }, "hospitalBased"],
    ["ASC-based", { ascBased: true }, "ascBased"],
  ] as const)("automatic: %s", (_n, flags, code) => {
    const r = clinicianReweighting({ clinicianType: "physician", ...flags, piDataSubmitted: false });
    expect(r.reweighted).toBe(true);
    expect(r.reasons).toEqual([expect.objectContaining({ code, basis: "automatic" })]);
  });

  it.each(["PA", "NP", "CNS", "CRNA"] as const)("automatic: clinician type %s", (clinicianType) => {
    expect(clinicianReweighting({ clinicianType, piDataSubmitted: false }).reweighted).toBe(true);
  });

  it("a physician without reasons is not reweighted", () => {
    const r = clinicianReweighting({ clinicianType: "physician", piDataSubmitted: false });
    expect([r.reweighted, r.qualifies]).toEqual([false, false]);
    expect(r.explanation[0]).toMatch(/no reweighting reason/);
  });

  it.each([
    ["approved", true],
    ["pending", false],
    ["dismissed", false],
  ] as const)("hardship application %s -> reweighted %s", (status, reweighted) => {
    const r = clinicianReweighting({ clinicianType: "physician", hardship: { reason: "insufficientInternetConnectivity", status }, piDataSubmitted: false });
    expect(r.reweighted).toBe(reweighted);
    if (!reweighted) expect(r.explanation.join("\n")).toMatch(new RegExp(`is ${status}: only an approved application counts`));
  });

  it("simply lacking CEHRT never qualifies, even if marked approved", () => {
    const r = clinicianReweighting({ clinicianType: "physician", hardship: { reason: "lack of CEHRT", status: "approved" }, piDataSubmitted: false });
    expect(r.reweighted).toBe(false);
    expect(r.explanation.join("\n")).toMatch(/simply lacking CEHRT never qualifies/);
  });

  it("submitting PI data cancels reweighting", () => {
    const r = clinicianReweighting({ clinicianType: "NP", hospitalBased: true, piDataSubmitted: true });
    expect([r.qualifies, r.reweighted]).toEqual([true, false]);
    expect(r.explanation.at(-1)).toMatch(/PI data was submitted, which cancels reweighting/);
  });
});

const np = (npi: string, tin?: string): GroupClinician => ({ npi, clinicianType: "NP", ...(tin ? { tin } : {}) });

describe("groupReweighting: the 100% rule", () => {
  it("every clinician qualifies (mix of automatic and approved hardship) -> reweighted", () => {
    const r = groupReweighting({
      entityType: "group",
      tin: "000456789",
      clinicians: [np("1234567893"), { npi: "2567891421", clinicianType: "physician", hardship: { reason: "smallPractice", status: "approved" } }],
      piDataSubmitted: false,
    });
    expect(r.reweighted).toBe(true);
    expect(r.blockingClinicians).toEqual([]);
    expect(r.reasons.join("\n")).toMatch(/100% rule met: all 2 MIPS eligible clinician/);
  });

  it("one physician without a reason blocks it, and is named with why", () => {
    const r = groupReweighting({
      entityType: "group",
      tin: "000456789",
      clinicians: [np("1234567893"), { npi: "2567891421", clinicianType: "physician", hardship: { reason: "extremeAndUncontrollableCircumstances", status: "pending" } }],
      piDataSubmitted: false,
    });
    expect(r.reweighted).toBe(false);
    expect(r.blockingClinicians).toEqual([
      { npi: "2567891421", tin: "000456789", why: expect.stringMatching(/physician with no automatic reweighting reason.*is pending: only an approved application counts/) },
    ]);
    expect(r.reasons.join("\n")).toMatch(/100% rule not met: 1 of 2 .* \(2567891421\)/);
  });

  it("all qualify but the group submitted PI data: scored, not reweighted", () => {
    const r = groupReweighting({ entityType: "group", clinicians: [np("1234567893")], piDataSubmitted: true });
    expect(r.reweighted).toBe(false);
    expect(r.reasons.join("\n")).toMatch(/submitted PI data, which cancels reweighting/);
  });

  it("clinicians of types not MIPS eligible are outside the rule", () => {
    const r = groupReweighting({ entityType: "group", clinicians: [np("1234567893"), { npi: "1000000004", clinicianType: "physicalTherapist" }], piDataSubmitted: false });
    expect(r.reweighted).toBe(true);
    expect(r.notMipsEligible.map((c) => c.npi)).toEqual(["1000000004"]);
  });

  it("no clinicians listed: not reweighted, with the reason", () => {
    const r = groupReweighting({ entityType: "group", clinicians: [], piDataSubmitted: false });
    expect(r.reweighted).toBe(false);
    expect(r.reasons[0]).toMatch(/no MIPS eligible clinicians listed/);
  });

  it("virtual group: the rule runs across every member TIN; the blocker is named with its TIN", () => {
    const r = groupReweighting({
      entityType: "virtualGroup",
      clinicians: [np("1234567893", "111111111"), np("2567891421", "222222222"), { npi: "1234567893", tin: "222222222", clinicianType: "physician" }],
      piDataSubmitted: false,
    });
    expect(r.reweighted).toBe(false);
    expect(r.blockingClinicians.map((b) => [b.npi, b.tin])).toEqual([["1234567893", "222222222"]]);
    expect(r.reasons.join("\n")).toMatch(/the virtual group must report PI/);
  });

  it("warns about NPIs failing the check digit; refuses duplicates and foreign TINs in a group", () => {
    const warn = groupReweighting({ entityType: "group", clinicians: [np("1234567890")], piDataSubmitted: false });
    expect(warn.messages[0]).toMatch(/NPI "1234567890" fails its check digit.*cannot join a roster/);
    expect(() => groupReweighting({ entityType: "group", clinicians: [np("1234567893"), np("1234567893")], piDataSubmitted: false })).toThrow(/listed more than once/);
    expect(() => groupReweighting({ entityType: "group", tin: "000456789", clinicians: [np("1234567893", "999999999")], piDataSubmitted: false })).toThrow(/not the group's TIN 000456789/);
  });

  it("a group with its TIN refuses an NPI listed twice, with or without the TIN on the clinician", () => {
    const twice = (a: GroupClinician, b: GroupClinician) => () => groupReweighting({ entityType: "group", tin: "000456789", clinicians: [np("2567891421"), a, b], piDataSubmitted: false });
    expect(twice(np("1234567893"), np("1234567893", "000456789"))).toThrow(/clinicians\[2\]: NPI 1234567893 under TIN 000456789 is listed more than once/);
    expect(twice(np("1234567893", "000456789"), np("1234567893"))).toThrow(/listed more than once/);
    expect(twice(np("1234567893"), np("1234567893"))).toThrow(/listed more than once/);
    expect(twice(np("1234567893"), np("1477552816"))).not.toThrow();
  });
});
