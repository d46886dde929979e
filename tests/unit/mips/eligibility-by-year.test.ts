/**
 * MIPS eligibility per year (mips-rules-by-year.md §1.6; lib/mips/years/<year>.ts): clinician types (2019
 * adds PT, OT, SLP, audiologists, clinical psychologists, dietitians; 2022 clinical social workers and
 * certified nurse-midwives) and the low-volume threshold with its third criterion (200 covered
 * professional services) and the opt-in from 2019 (exceed one or two of the three).
 */
import { describe, expect, it } from "vitest";
import { evaluateEligibility, isMipsEligibleType, lowVolumeThreshold, mipsEligibleTypesFor, type EligibilityInput } from "../../../lib/mips/eligibility";
import type { ClinicianType } from "../../../lib/mips/submission";
import { PERFORMANCE_YEARS, type PerformanceYear } from "../../../lib/mips/years";

const BASE: ClinicianType[] = ["physician", "PA", "NP", "CNS", "CRNA"];
const NEW_2019: ClinicianType[] = ["physicalTherapist", "occupationalTherapist", "speechLanguagePathologist", "audiologist", "clinicalPsychologist", "registeredDietitian"];
const NEW_2022: ClinicianType[] = ["clinicalSocialWorker", "nurseMidwife"];

function expectedTypes(year: PerformanceYear): ClinicianType[] {
  return [...BASE, ...(year >= 2019 ? NEW_2019 : []), ...(year >= 2022 ? NEW_2022 : [])];
}

/** Above every 2019 criterion: $90,000.01 allowed charges, 201 beneficiaries, 201 covered services. */
const ABOVE = { allowedChargesCents: 90_000_01, beneficiaries: 201, coveredServices: 201 };
const clinician = (year: number, volume: EligibilityInput["individualVolume"], clinicianType: ClinicianType = "physician"): EligibilityInput => ({ performanceYear: year, clinicianType, individualVolume: volume });

describe("eligible clinician types by year", () => {
  it.each([...PERFORMANCE_YEARS])("%i: the year's list", (year) => {
    expect([...mipsEligibleTypesFor(year)].sort()).toEqual(expectedTypes(year).sort());
    expect(isMipsEligibleType("other", year)).toBe(false);
  });

  it.each(NEW_2019)("%s: eligible from 2019, not in 2018", (type) => {
    expect([isMipsEligibleType(type, 2018), isMipsEligibleType(type, 2019)]).toEqual([false, true]);
    expect(evaluateEligibility(clinician(2018, ABOVE, type)).status).toBe("notEligibleType");
    expect(evaluateEligibility(clinician(2019, ABOVE, type))).toMatchObject({ status: "eligible", required: true });
  });

  it.each(NEW_2022)("%s: eligible from 2022, not in 2021", (type) => {
    expect([isMipsEligibleType(type, 2021), isMipsEligibleType(type, 2022)]).toEqual([false, true]);
    const r = evaluateEligibility(clinician(2021, ABOVE, type));
    expect(r).toMatchObject({ status: "notEligibleType", required: false, mayReportVoluntarily: true });
    expect(r.reasons[0]?.message).toMatch(new RegExp(`clinician type "${type}" is not a MIPS eligible clinician type in 2021`));
    expect(evaluateEligibility(clinician(2026, ABOVE, type)).status).toBe("eligible");
  });
});

describe("low-volume threshold: three criteria and the opt-in from 2019", () => {
  it("the thresholds: 2017 $30,000 / 100; 2018 $90,000 / 200; 2019-2026 $90,000 / 200 / 200 services", () => {
    expect(lowVolumeThreshold(2017)).toEqual({ allowedChargesCents: 30_000_00, beneficiaries: 100, coveredServices: null });
    expect(lowVolumeThreshold(2018)).toEqual({ allowedChargesCents: 90_000_00, beneficiaries: 200, coveredServices: null });
    for (const year of PERFORMANCE_YEARS.filter((y) => y >= 2019)) expect(lowVolumeThreshold(year)).toEqual({ allowedChargesCents: 90_000_00, beneficiaries: 200, coveredServices: 200 });
  });

  it.each([2019, 2022, 2026])("%i: above all three -> must participate; exactly 200 services -> exempt, may opt in (exceeds 2 of 3)", (year) => {
    expect(evaluateEligibility(clinician(year, ABOVE))).toMatchObject({ status: "eligible", required: true, mayOptIn: false });
    const r = evaluateEligibility(clinician(year, { ...ABOVE, coveredServices: 200 }));
    expect(r).toMatchObject({ status: "exempt", required: false, mayOptIn: true });
    expect(r.reasons.map((x) => x.message).join("\n")).toMatch(new RegExp(`200 covered professional services <= 200[\\s\\S]*exceeds 2 of the 3 low-volume criteria: may opt in to MIPS for ${year}`));
  });

  it("2019: exceeding only the services (charges and beneficiaries at the threshold) -> exempt, may opt in (1 of 3); none exceeded -> no opt-in", () => {
    expect(evaluateEligibility(clinician(2019, { allowedChargesCents: 90_000_00, beneficiaries: 200, coveredServices: 201 }))).toMatchObject({ status: "exempt", mayOptIn: true });
    expect(evaluateEligibility(clinician(2019, { allowedChargesCents: 90_000_00, beneficiaries: 200, coveredServices: 200 }))).toMatchObject({ status: "exempt", mayOptIn: false });
  });

  it("2018: two criteria and no opt-in; services are not a criterion", () => {
    expect(evaluateEligibility(clinician(2018, { ...ABOVE, coveredServices: 5 }))).toMatchObject({ status: "eligible" });
    expect(evaluateEligibility(clinician(2018, { ...ABOVE, beneficiaries: 200 }))).toMatchObject({ status: "exempt", mayOptIn: false });
  });

  it("2019+: unknown services are said, and the clinician is judged on charges and beneficiaries", () => {
    const r = evaluateEligibility(clinician(2023, { allowedChargesCents: 90_000_01, beneficiaries: 201 }));
    expect(r.status).toBe("eligible");
    expect(r.reasons.map((x) => x.code)).toContain("coveredServicesUnknown");
  });

  it("reporting as a group: the group's combined figures decide (a low-volume clinician in a large group must report)", () => {
    const r = evaluateEligibility({ ...clinician(2024, { allowedChargesCents: 10_000_00, beneficiaries: 20, coveredServices: 30 }), reportingAs: "group", groupVolume: { allowedChargesCents: 900_000_00, beneficiaries: 2000, coveredServices: 5000 } });
    expect(r).toMatchObject({ status: "eligible", required: true });
  });

  it("newly enrolled: exempt and no opt-in; 2027 refused as not supported yet", () => {
    expect(evaluateEligibility({ ...clinician(2025, { ...ABOVE, coveredServices: 200 }), newlyEnrolled: true })).toMatchObject({ status: "exempt", mayOptIn: false });
    expect(() => evaluateEligibility(clinician(2027, ABOVE))).toThrow(/performance year 2027 is not supported yet/);
  });
});
