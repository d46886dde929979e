/** Eligibility (rules page 2): types, newly enrolled, low-volume threshold per year, Advanced APM QP. */
import { describe, expect, it } from "vitest";
import { combineVolumes, evaluateEligibility } from "../../../lib/mips";
import type { EligibilityInput } from "../../../lib/mips";

const above2018 = { allowedChargesCents: 90_000_01, beneficiaries: 201 };
const base = (over: Partial<EligibilityInput> = {}): EligibilityInput => ({
  performanceYear: 2018,
  clinicianType: "physician",
  individualVolume: above2018,
  ...over,
});

describe("evaluateEligibility", () => {
  it("a physician above both 2018 thresholds must participate", () => {
    const r = evaluateEligibility(base());
    expect([r.status, r.required, r.mayReportVoluntarily]).toEqual(["eligible", true, false]);
  });

  it.each(["PA", "NP", "CNS", "CRNA"] as const)("%s is an eligible type", (clinicianType) => {
    expect(evaluateEligibility(base({ clinicianType })).required).toBe(true);
  });

  it.each(["physicalTherapist", "nurseMidwife", "clinicalPsychologist", "registeredDietitian"] as const)(
    "%s is not eligible in 2018 but may report voluntarily",
    (clinicianType) => {
      const r = evaluateEligibility(base({ clinicianType }));
      expect([r.status, r.required, r.mayReportVoluntarily]).toEqual(["notEligibleType", false, true]);
      expect(r.reasons[0]?.message).toMatch(/not a MIPS eligible clinician type/);
    },
  );

  it.each([
    [2018, { allowedChargesCents: 90_000_00, beneficiaries: 5000 }, true, /allowed charges \$90,000 <= \$90,000/],
    [2018, { allowedChargesCents: 90_000_01, beneficiaries: 200 }, true, /200 Part B beneficiaries <= 200/],
    [2018, { allowedChargesCents: 90_000_01, beneficiaries: 201 }, false, null],
    [2017, { allowedChargesCents: 30_000_00, beneficiaries: 101 }, true, /\$30,000 <= \$30,000/],
    [2017, { allowedChargesCents: 30_000_01, beneficiaries: 100 }, true, /100 Part B beneficiaries <= 100/],
    [2017, { allowedChargesCents: 30_000_01, beneficiaries: 101 }, false, null],
  ] as const)("low-volume %i %j -> exempt %s (at or below either figure)", (performanceYear, individualVolume, exempt, why) => {
    const r = evaluateEligibility(base({ performanceYear, individualVolume }));
    expect(r.status === "exempt").toBe(exempt);
    if (why) expect(r.reasons.find((x) => x.code === "lowVolume")?.message).toMatch(why);
  });

  it("group reporting applies the threshold to the group's combined figures", () => {
    const small = { allowedChargesCents: 20_000_00, beneficiaries: 50 };
    const group = combineVolumes([small, small, small, small, small]);
    expect(group).toEqual({ allowedChargesCents: 100_000_00, beneficiaries: 250 });
    expect(evaluateEligibility(base({ individualVolume: small })).status).toBe("exempt");
    const r = evaluateEligibility(base({ individualVolume: small, reportingAs: "group", groupVolume: group }));
    expect(r.status).toBe("eligible");
    expect(r.reasons[0]?.message).toMatch(/group's combined figures/);
  });

  it("newly enrolled is exempt", () => {
    expect(evaluateEligibility(base({ newlyEnrolled: true })).reasons.map((r) => r.code)).toEqual(["newlyEnrolled"]);
  });

  it.each([
    [{ paymentPercent: 25 }, true],
    [{ patientPercent: 20 }, true],
    [{ paymentPercent: 24.9, patientPercent: 19.9 }, false],
  ])("Advanced APM %j -> QP exempt %s", (advancedApm, exempt) => {
    expect(evaluateEligibility(base({ advancedApm })).status === "exempt").toBe(exempt);
  });

  it("refuses negative or fractional money, and group reporting without group figures", () => {
    expect(() => evaluateEligibility(base({ individualVolume: { allowedChargesCents: -1, beneficiaries: 3 } }))).toThrow(/individualVolume.allowedChargesCents: expected a whole number >= 0/);
    expect(() => evaluateEligibility(base({ individualVolume: { allowedChargesCents: 1.5, beneficiaries: 3 } }))).toThrow(/allowedChargesCents/);
    expect(() => evaluateEligibility(base({ reportingAs: "group" }))).toThrow(/groupVolume: required when reporting as a group/);
    expect(() => evaluateEligibility(base({ performanceYear: 2016 }))).toThrow(/2016 is not supported/);
  });
});
