/**
 * A clinician sees only the TINs they bill under (issue 14): measureReports.scores for another TIN of
 * the same organization answers NOT_FOUND (it used to return the TIN's number, name and reporting
 * choice); their own TIN still answers, with their own score only.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTin } from "@/server/services/roster/tins";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { codeOf } from "../helpers/outcome";
import { callerAs } from "../helpers/tenant";
import { createCehrtTenant, type CehrtTenant } from "./setup";

let database: TestDatabase;
let tenant: CehrtTenant;
let otherTinId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  tenant = await createCehrtTenant(database.db, "clinician-tins");
  otherTinId = (await createTin(database.db, tenant.adminScope, { tin: "987654321", name: "Someone Else's Clinic" })).id;
});
afterAll(() => database.close());

describe("a clinician's TINs", () => {
  it("measureReports.scores: another TIN of the organization is NOT_FOUND for a clinician, visible to admins and executives", async () => {
    const input = { organization: tenant.organization.slug, tinId: otherTinId, performanceYear: 2018 };
    expect(await codeOf(callerAs(database.db, tenant.clinician).measureReports.scores(input))).toBe("NOT_FOUND");
    expect(await codeOf(callerAs(database.db, tenant.admin).measureReports.scores(input))).toBe("OK");
    expect(await codeOf(callerAs(database.db, tenant.executive).measureReports.scores(input))).toBe("OK");
  });

  it("measureReports.warning: another TIN is NOT_FOUND for a clinician, even with their own clinician id", async () => {
    const own = tenant.clinicianIds["1234567893"]!;
    const api = callerAs(database.db, tenant.clinician);
    expect(await codeOf(api.measureReports.warning({ organization: tenant.organization.slug, tinId: otherTinId, clinicianId: own, performanceYear: 2018 }))).toBe("NOT_FOUND");
    expect(await codeOf(api.measureReports.warning({ organization: tenant.organization.slug, tinId: tenant.tinId, clinicianId: own, performanceYear: 2018 }))).toBe("OK");
  });

  it("measureReports.scores: the clinician's own TIN answers, without the group score", async () => {
    const scores = await callerAs(database.db, tenant.clinician).measureReports.scores({ organization: tenant.organization.slug, tinId: tenant.tinId, performanceYear: 2018 });
    expect(scores.tin.id).toBe(tenant.tinId);
    expect(scores.group).toBeNull();
  });
});
