/**
 * Rules section 2: "for group reporting the [low-volume] threshold is applied to the group's combined
 * figures". A TIN's reporting choice for the year (CEHRT service) decides whose figures its clinicians'
 * eligibility is judged on, in the statuses and in the clinician list's eligibility filter alike.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClinicianType } from "@/lib/mips";
import { setReportingChoice } from "@/server/services/cehrt/aggregation";
import { archiveClinician, createClinician, listClinicians } from "@/server/services/roster/clinicians";
import { tinStatuses } from "@/server/services/roster/status";
import { addMembership, setYearStatus } from "@/server/services/roster/tin-memberships";
import { createTin } from "@/server/services/roster/tins";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { createTestTenant, type TestTenant } from "../helpers/tenant";
import { uniqueNpi, uniqueTin } from "./roster-fixtures";

let database: TestDatabase;
let tenant: TestTenant;

beforeAll(async () => {
  database = await createTestDatabase();
  tenant = await createTestTenant(database.db, "group-volume");
});
afterAll(() => database.close());

const NO_SPECIAL_STATUS = { nonPatientFacing: false, hospitalBased: false, ascBased: false, rural: false, hpsa: false, newlyEnrolled: false, advancedApmQp: false };

/** A TIN whose clinicians each bill under it in 2018 with the given figures (dollars, beneficiaries). */
async function tinWith(name: string, members: { lastName: string; type?: ClinicianType; dollars: number; beneficiaries: number; endDate?: string }[]) {
  const { db } = database;
  const scope = tenant.adminScope;
  const tin = await createTin(db, scope, { tin: uniqueTin(), name });
  const clinicians = [];
  for (const m of members) {
    const c = await createClinician(db, scope, { npi: uniqueNpi(), firstName: "Dr", lastName: m.lastName, clinicianType: m.type ?? "physician" });
    const membership = await addMembership(db, scope, { tinId: tin.id, clinicianId: c.id, startDate: "2017-01-01", endDate: m.endDate ?? null });
    await setYearStatus(db, scope, { membershipId: membership.id, performanceYear: 2018, ...NO_SPECIAL_STATUS, allowedChargesCents: m.dollars * 100, partBBeneficiaries: m.beneficiaries });
    clinicians.push(c);
  }
  return { tin, clinicians };
}

async function eligibilityOf(tinId: string) {
  const status = (await tinStatuses(database.db, tenant.adminScope, [tinId], 2018)).get(tinId)!;
  return Object.fromEntries(status.clinicians.map((c) => [c.lastName, { status: c.eligibility?.status, note: c.eligibilityNote }]));
}

async function listedEligible(tinId: string) {
  const page = await listClinicians(database.db, tenant.adminScope, { role: "admin", userId: tenant.admin.id }, { performanceYear: 2018, tinId, eligibility: "eligible", includeArchived: true, page: 1, pageSize: 50 });
  return page.clinicians.map((c) => c.lastName).sort();
}

describe("low-volume threshold under group reporting", () => {
  it("a clinician exempt on their own figures is eligible when their TIN reports as a group above the threshold; the filter agrees", async () => {
    const { tin } = await tinWith("Group Volume", [
      { lastName: "Small", dollars: 40_000, beneficiaries: 120 },
      { lastName: "Large", dollars: 300_000, beneficiaries: 600 },
      // Left mid-year (still billed under the TIN in 2018) and archived since: their figures count too.
      { lastName: "Departed", type: "PA", dollars: 20_000, beneficiaries: 50, endDate: "2018-06-30" },
    ]);
    // Individually (no choice, then an explicit "individual"): each clinician's own figures.
    for (const mode of [null, "individual"] as const) {
      if (mode) await setReportingChoice(database.db, tenant.adminScope, { tinId: tin.id, performanceYear: 2018, mode });
      const own = await eligibilityOf(tin.id);
      expect(own.Small).toMatchObject({ status: "exempt", note: expect.stringMatching(/clinician's figures\): allowed charges \$40,000 <= \$90,000 and 120 Part B beneficiaries <= 200/) });
      expect(own.Large!.status).toBe("eligible");
      expect(await listedEligible(tin.id)).toEqual(["Large"]);
    }

    await setReportingChoice(database.db, tenant.adminScope, { tinId: tin.id, performanceYear: 2018, mode: "group", expectedVersion: 1 });
    const combined = await eligibilityOf(tin.id);
    expect(combined.Small).toMatchObject({ status: "eligible", note: expect.stringMatching(/group's combined figures: \$360,000, 770 beneficiaries/) });
    expect(combined.Departed!.status).toBe("eligible");
    expect(await listedEligible(tin.id)).toEqual(["Departed", "Large", "Small"]);
  });

  it("a group whose combined figures stay at or below the threshold exempts every clinician, naming the combined figures", async () => {
    const { tin, clinicians } = await tinWith("Small Group", [
      { lastName: "One", dollars: 30_000, beneficiaries: 90 },
      { lastName: "Two", dollars: 50_000, beneficiaries: 150 },
    ]);
    await archiveClinician(database.db, tenant.adminScope, { clinicianId: clinicians[1]!.id, expectedVersion: clinicians[1]!.version, archived: true });
    await setReportingChoice(database.db, tenant.adminScope, { tinId: tin.id, performanceYear: 2018, mode: "group" });
    const combined = await eligibilityOf(tin.id);
    // $80,000 <= $90,000 although 240 beneficiaries > 200: either figure at or below exempts.
    expect(combined.One).toMatchObject({ status: "exempt", note: expect.stringMatching(/group's combined figures\): allowed charges \$80,000 <= \$90,000$/) });
    expect(combined.Two!.status).toBe("exempt");
    expect(await listedEligible(tin.id)).toEqual([]);
  });
});
