/**
 * Editing and removing a clinician's TIN membership through the clinicians router: the change happens and
 * is audited; a stale version, bad dates, a non-admin and another organization are refused with nothing
 * changed. Each test makes its own tenant.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, membershipYears, tinMemberships } from "@/db/schema";
import { syntheticNpi } from "@/lib/roster/generate";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { codeOf } from "../helpers/outcome";
import { callerAs, createTestTenant, type TestTenant } from "../helpers/tenant";

let database: TestDatabase;
let npi = 81_000_000;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

/** A tenant with one TIN, one clinician billing under it since 2017-01-01, and its 2018 figures. */
async function tenantWithMembership(label: string) {
  const tenant = await createTestTenant(database.db, label);
  const api = callerAs(database.db, tenant.admin);
  const o = { organization: tenant.organization.slug };
  const tin = await api.tins.create({ ...o, tin: "123123123", name: "Membership Clinic" });
  const clinician = await api.clinicians.create({ ...o, npi: syntheticNpi(npi++), firstName: "Mem", lastName: "Ber", clinicianType: "physician" });
  const membership = await api.clinicians.addMembership({ ...o, tinId: tin.id, clinicianId: clinician.id, startDate: "2017-01-01" });
  await api.clinicians.setYearStatus({ ...o, membershipId: membership.id, performanceYear: 2018, allowedChargesCents: 100_000_00, partBBeneficiaries: 300 });
  return { tenant, api, o, membership };
}

async function stored(membershipId: string) {
  const [row] = await database.db.select().from(tinMemberships).where(eq(tinMemberships.id, membershipId));
  return row;
}

async function audits(tenant: TestTenant, membershipId: string) {
  const rows = await database.db.select().from(auditLog).where(and(eq(auditLog.organizationId, tenant.organization.id), eq(auditLog.targetId, membershipId)));
  return rows.map((r) => r.action).sort();
}

describe("clinicians.updateMembership", () => {
  it("changes the dates with the version the form saw, and audits the change", async () => {
    const { tenant, api, o, membership } = await tenantWithMembership("mem-update");
    const updated = await api.clinicians.updateMembership({ ...o, membershipId: membership.id, startDate: "2017-03-01", endDate: "2018-06-30", expectedVersion: 1 });
    expect(updated).toMatchObject({ startDate: "2017-03-01", endDate: "2018-06-30", version: 2 });
    expect(await stored(membership.id)).toMatchObject({ startDate: "2017-03-01", endDate: "2018-06-30", version: 2 });
    expect(await audits(tenant, membership.id)).toEqual(["tin_membership.created", "tin_membership.updated"]);
  });

  it("refuses a stale version, an end before the start, a non-admin and another organization, changing nothing", async () => {
    const { tenant, api, o, membership } = await tenantWithMembership("mem-update-refused");
    const change = { ...o, membershipId: membership.id, startDate: "2017-03-01", endDate: null, expectedVersion: 1 };
    await api.clinicians.updateMembership(change);
    expect(await codeOf(api.clinicians.updateMembership(change))).toBe("CONFLICT");
    expect(await codeOf(api.clinicians.updateMembership({ ...change, expectedVersion: 2, startDate: "2018-05-01", endDate: "2018-04-30" }))).toBe("BAD_REQUEST");
    expect(await codeOf(callerAs(database.db, tenant.executive).clinicians.updateMembership({ ...change, expectedVersion: 2 }))).toBe("FORBIDDEN");
    const outsider = await createTestTenant(database.db, "mem-outsider");
    const theirs = { organization: outsider.organization.slug };
    expect(await codeOf(callerAs(database.db, outsider.admin).clinicians.updateMembership({ ...change, ...theirs, expectedVersion: 2 }))).toBe("NOT_FOUND");
    expect(await codeOf(callerAs(database.db, outsider.admin).clinicians.updateMembership({ ...change, expectedVersion: 2 }))).toBe("NOT_FOUND");
    expect(await stored(membership.id)).toMatchObject({ startDate: "2017-03-01", endDate: null, version: 2 });
  });
});

describe("clinicians.removeMembership", () => {
  it("removes the membership with its year figures, and audits it", async () => {
    const { tenant, api, o, membership } = await tenantWithMembership("mem-remove");
    expect(await api.clinicians.removeMembership({ ...o, membershipId: membership.id, expectedVersion: 1 })).toEqual({ membershipId: membership.id });
    expect(await stored(membership.id)).toBeUndefined();
    expect(await database.db.select().from(membershipYears).where(eq(membershipYears.membershipId, membership.id))).toHaveLength(0);
    expect(await audits(tenant, membership.id)).toEqual(["tin_membership.created", "tin_membership.removed"]);
    // Gone: a second removal finds nothing.
    expect(await codeOf(api.clinicians.removeMembership({ ...o, membershipId: membership.id, expectedVersion: 1 }))).toBe("NOT_FOUND");
  });

  it("refuses a stale version, a non-admin and another organization, keeping the membership", async () => {
    const { tenant, api, o, membership } = await tenantWithMembership("mem-remove-refused");
    const removal = { ...o, membershipId: membership.id, expectedVersion: 2 };
    expect(await codeOf(api.clinicians.removeMembership(removal))).toBe("CONFLICT");
    expect(await codeOf(callerAs(database.db, tenant.clinician).clinicians.removeMembership({ ...removal, expectedVersion: 1 }))).toBe("FORBIDDEN");
    const outsider = await createTestTenant(database.db, "mem-outsider");
    expect(await codeOf(callerAs(database.db, outsider.admin).clinicians.removeMembership({ ...removal, organization: outsider.organization.slug, expectedVersion: 1 }))).toBe("NOT_FOUND");
    expect(await stored(membership.id)).toMatchObject({ version: 1 });
    expect(await database.db.select().from(membershipYears).where(eq(membershipYears.membershipId, membership.id))).toHaveLength(1);
  });
});
