import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { auditLog } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { codeOf } from "../helpers/outcome";
import { callerAs, createTestTenant, type TestTenant } from "../helpers/tenant";
import { FIGURES_ABOVE_THRESHOLD, issuesOf, uniqueNpi, uniqueTin } from "./roster-fixtures";

let database: TestDatabase;
let tenant: TestTenant;
let other: TestTenant;

beforeAll(async () => {
  database = await createTestDatabase();
  tenant = await createTestTenant(database.db, "roster");
  other = await createTestTenant(database.db, "other");
});
afterAll(() => database.close());

describe("TINs", () => {
  it("an admin creates a TIN given as XX-XXXXXXX; it is stored as 9 digits, listed, shown with the dash, and audited", async () => {
    const api = callerAs(database.db, tenant.admin);
    const tin = uniqueTin();
    const created = await api.tins.create({ organization: tenant.organization.slug, tin: `${tin.slice(0, 2)}-${tin.slice(2)}`, name: "North Clinic" });
    expect(created).toMatchObject({ tin, name: "North Clinic", version: 1, tinDisplay: `${tin.slice(0, 2)}-${tin.slice(2)}` });
    const list = await api.tins.list({ organization: tenant.organization.slug, search: "north" });
    expect(list.tins.map((t) => t.id)).toContain(created.id);
    const entries = await database.db.select().from(auditLog).where(and(eq(auditLog.targetId, created.id), eq(auditLog.action, "tin.created")));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorUserId: tenant.admin.id, organizationId: tenant.organization.id });
  });

  it("refuses a malformed TIN and a missing name, listing both fields", async () => {
    const api = callerAs(database.db, tenant.admin);
    const error = await api.tins.create({ organization: tenant.organization.slug, tin: "12-34", name: " " }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
    expect(issuesOf(error)).toEqual([
      { path: "tin", message: expect.stringMatching(/a TIN is 9 digits/) },
      { path: "name", message: expect.stringMatching(/a TIN name is required/) },
    ]);
  });

  it("refuses a TIN that already exists in the organization, but another organization may have it", async () => {
    const tin = uniqueTin();
    const api = callerAs(database.db, tenant.admin);
    await api.tins.create({ organization: tenant.organization.slug, tin, name: "First" });
    await expect(api.tins.create({ organization: tenant.organization.slug, tin, name: "Second" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/already in this organization/) });
    const theirs = await callerAs(database.db, other.admin).tins.create({ organization: other.organization.slug, tin, name: "Theirs" });
    expect(theirs.tin).toBe(tin);
  });

  it("an update against a stale version is refused, naming who changed it; nothing is overwritten", async () => {
    const api = callerAs(database.db, tenant.admin);
    const created = await api.tins.create({ organization: tenant.organization.slug, tin: uniqueTin(), name: "Versioned" });
    const first = await api.tins.update({ organization: tenant.organization.slug, tinId: created.id, tin: created.tin, name: "Renamed once", expectedVersion: 1 });
    expect(first.version).toBe(2);
    const stale = await api.tins.update({ organization: tenant.organization.slug, tinId: created.id, tin: created.tin, name: "Stale edit", expectedVersion: 1 }).catch((e: unknown) => e as TRPCError);
    expect(stale).toMatchObject({ code: "CONFLICT" });
    expect((stale as TRPCError).message).toContain(tenant.admin.name);
    expect((stale as TRPCError).message).toMatch(/Reload/);
    const current = await api.tins.get({ organization: tenant.organization.slug, tinId: created.id });
    expect(current.tin.name).toBe("Renamed once");
  });

  it("archiving hides a TIN from the list unless archived ones are asked for", async () => {
    const api = callerAs(database.db, tenant.admin);
    const created = await api.tins.create({ organization: tenant.organization.slug, tin: uniqueTin(), name: "Closing Practice" });
    await api.tins.archive({ organization: tenant.organization.slug, tinId: created.id, expectedVersion: 1, archived: true });
    const active = await api.tins.list({ organization: tenant.organization.slug, search: "Closing Practice" });
    expect(active.tins).toHaveLength(0);
    const all = await api.tins.list({ organization: tenant.organization.slug, search: "Closing Practice", includeArchived: true });
    expect(all.tins.map((t) => t.id)).toEqual([created.id]);
  });

  it("role matrix: executives read but cannot change; clinicians cannot read TINs; another organization's admin gets NOT_FOUND", async () => {
    const created = await callerAs(database.db, tenant.admin).tins.create({ organization: tenant.organization.slug, tin: uniqueTin(), name: "Matrix" });
    const org = tenant.organization.slug;
    const exec = callerAs(database.db, tenant.executive);
    expect(await codeOf(exec.tins.get({ organization: org, tinId: created.id }))).toBe("OK");
    expect(await codeOf(exec.tins.create({ organization: org, tin: uniqueTin(), name: "No" }))).toBe("FORBIDDEN");
    expect(await codeOf(exec.tins.update({ organization: org, tinId: created.id, tin: created.tin, name: "No", expectedVersion: 1 }))).toBe("FORBIDDEN");
    const clinician = callerAs(database.db, tenant.clinician);
    expect(await codeOf(clinician.tins.list({ organization: org }))).toBe("FORBIDDEN");
    const outsider = callerAs(database.db, other.admin);
    expect(await codeOf(outsider.tins.get({ organization: org, tinId: created.id }))).toBe("NOT_FOUND");
    // Their own organization does not have this TIN either.
    expect(await codeOf(outsider.tins.get({ organization: other.organization.slug, tinId: created.id }))).toBe("NOT_FOUND");
    expect(await codeOf(outsider.tins.update({ organization: other.organization.slug, tinId: created.id, tin: created.tin, name: "Hijack", expectedVersion: 1 }))).toBe("NOT_FOUND");
  });
});

describe("clinicians", () => {
  it("an admin adds a clinician with a valid NPI; a bad check digit is refused with the expected digit", async () => {
    const api = callerAs(database.db, tenant.admin);
    const npi = uniqueNpi();
    const created = await api.clinicians.create({ organization: tenant.organization.slug, npi, firstName: "Ada", lastName: "Lovelace", clinicianType: "physician", specialty: "Cardiology" });
    expect(created).toMatchObject({ npi, clinicianType: "physician", version: 1 });
    const wrong = `${npi.slice(0, 9)}${(Number(npi[9]) + 1) % 10}`;
    const error = (await api.clinicians.create({ organization: tenant.organization.slug, npi: wrong, firstName: "X", lastName: "Y", clinicianType: "NP" }).catch((e: unknown) => e)) as TRPCError;
    expect(error.code).toBe("BAD_REQUEST");
    expect(issuesOf(error)).toEqual([{ path: "npi", message: expect.stringContaining(`expected last digit ${npi[9]}`) }]);
    await expect(api.clinicians.create({ organization: tenant.organization.slug, npi, firstName: "Dup", lastName: "Licate", clinicianType: "NP" })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("a clinician-role member sees only the clinician record linked to them", async () => {
    const admin = callerAs(database.db, tenant.admin);
    const org = tenant.organization.slug;
    const mine = await admin.clinicians.create({ organization: org, npi: uniqueNpi(), firstName: "Casey", lastName: "Mine", clinicianType: "NP", userId: tenant.clinician.id });
    const someoneElse = await admin.clinicians.create({ organization: org, npi: uniqueNpi(), firstName: "Sam", lastName: "Else", clinicianType: "physician" });
    const me = callerAs(database.db, tenant.clinician);
    const list = await me.clinicians.list({ organization: org });
    expect(list.clinicians.map((c) => c.id)).toEqual([mine.id]);
    expect(list.total).toBe(1);
    expect((await me.clinicians.get({ organization: org, clinicianId: mine.id })).id).toBe(mine.id);
    expect(await codeOf(me.clinicians.get({ organization: org, clinicianId: someoneElse.id }))).toBe("FORBIDDEN");
    expect(await codeOf(me.clinicians.update({ organization: org, clinicianId: mine.id, npi: mine.npi, firstName: "C", lastName: "M", clinicianType: "NP", expectedVersion: 1 }))).toBe("FORBIDDEN");
    // Only clinician-role members can be linked.
    await expect(
      admin.clinicians.create({ organization: org, npi: uniqueNpi(), firstName: "E", lastName: "X", clinicianType: "NP", userId: tenant.executive.id }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", cause: { issues: [{ path: "userId" }] } });
  });

  it("another organization's member cannot read or change a clinician", async () => {
    const created = await callerAs(database.db, tenant.admin).clinicians.create({ organization: tenant.organization.slug, npi: uniqueNpi(), firstName: "Private", lastName: "Person", clinicianType: "PA" });
    const outsider = callerAs(database.db, other.admin);
    expect(await codeOf(outsider.clinicians.get({ organization: tenant.organization.slug, clinicianId: created.id }))).toBe("NOT_FOUND");
    expect(await codeOf(outsider.clinicians.get({ organization: other.organization.slug, clinicianId: created.id }))).toBe("NOT_FOUND");
    expect(await codeOf(outsider.clinicians.archive({ organization: other.organization.slug, clinicianId: created.id, expectedVersion: 1, archived: true }))).toBe("NOT_FOUND");
  });

  it("memberships and year figures drive live eligibility; figures at the threshold exempt, above it make eligible", async () => {
    const api = callerAs(database.db, tenant.admin);
    const org = tenant.organization.slug;
    const tin = await api.tins.create({ organization: org, tin: uniqueTin(), name: "Figures Clinic" });
    const doc = await api.clinicians.create({ organization: org, npi: uniqueNpi(), firstName: "Eli", lastName: "Gible", clinicianType: "physician" });
    const small = await api.clinicians.create({ organization: org, npi: uniqueNpi(), firstName: "Low", lastName: "Volume", clinicianType: "physician" });
    const m1 = await api.clinicians.addMembership({ organization: org, tinId: tin.id, clinicianId: doc.id, startDate: "2017-01-01" });
    const m2 = await api.clinicians.addMembership({ organization: org, tinId: tin.id, clinicianId: small.id, startDate: "2018-03-01" });
    await expect(api.clinicians.addMembership({ organization: org, tinId: tin.id, clinicianId: doc.id, startDate: "2018-01-01" })).rejects.toMatchObject({ code: "CONFLICT" });
    const badDates = await api.clinicians.addMembership({ organization: org, tinId: tin.id, clinicianId: doc.id, startDate: "2018-05-01", endDate: "2018-01-01" }).catch((e: unknown) => e);
    expect(badDates).toMatchObject({ code: "BAD_REQUEST" });
    expect(issuesOf(badDates)).toEqual([{ path: "endDate", message: "the end date must be on or after the start date" }]);
    await api.clinicians.setYearStatus({ organization: org, membershipId: m1.id, performanceYear: 2018, ...FIGURES_ABOVE_THRESHOLD });
    const figures = await api.clinicians.setYearStatus({ organization: org, membershipId: m2.id, performanceYear: 2018, allowedChargesCents: 90_000_00, partBBeneficiaries: 1000 });
    // A second writer who did not see the figures is refused.
    await expect(api.clinicians.setYearStatus({ organization: org, membershipId: m2.id, performanceYear: 2018, allowedChargesCents: 1, partBBeneficiaries: 1 })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(api.clinicians.setYearStatus({ organization: org, membershipId: m2.id, performanceYear: 2018, allowedChargesCents: -1, partBBeneficiaries: 1.5, expectedVersion: figures.version })).rejects.toMatchObject({ code: "BAD_REQUEST" });

    const detail = await api.tins.get({ organization: org, tinId: tin.id, performanceYear: 2018 });
    const byName = new Map(detail.status.clinicians.map((c) => [c.lastName, c]));
    expect(byName.get("Gible")!.eligibility!.status).toBe("eligible");
    expect(byName.get("Volume")!.eligibility!.status).toBe("exempt");
    expect(byName.get("Volume")!.eligibilityNote).toMatch(/\$90,000 <= \$90,000/);
    // In 2017 only the first one bills under the TIN, and has no 2017 figures.
    const y2017 = await api.tins.get({ organization: org, tinId: tin.id, performanceYear: 2017 });
    expect(y2017.status.clinicians.map((c) => c.lastName)).toEqual(["Gible"]);
    expect(y2017.status.clinicians[0]!.eligibility).toBeNull();

    const eligible = await api.clinicians.list({ organization: org, tinId: tin.id, eligibility: "eligible", performanceYear: 2018 });
    expect(eligible.clinicians.map((c) => c.lastName)).toEqual(["Gible"]);
    const exempt = await api.clinicians.list({ organization: org, tinId: tin.id, eligibility: "exempt", performanceYear: 2018 });
    expect(exempt.clinicians.map((c) => c.lastName)).toEqual(["Volume"]);
  });

  it("search, type filter and pagination happen in SQL with a total", async () => {
    const api = callerAs(database.db, tenant.admin);
    const org = tenant.organization.slug;
    for (let i = 0; i < 5; i++) {
      await api.clinicians.create({ organization: org, npi: uniqueNpi(), firstName: `Page${i}`, lastName: "Zebrafish", clinicianType: i % 2 ? "CRNA" : "audiologist" });
    }
    const page1 = await api.clinicians.list({ organization: org, search: "zebra", page: 1, pageSize: 2 });
    const page3 = await api.clinicians.list({ organization: org, search: "zebra", page: 3, pageSize: 2 });
    expect(page1.total).toBe(5);
    expect(page1.clinicians).toHaveLength(2);
    expect(page3.clinicians).toHaveLength(1);
    const crna = await api.clinicians.list({ organization: org, search: "Zebrafish", clinicianType: "CRNA" });
    expect(crna.total).toBe(2);
    const full = await api.clinicians.list({ organization: org, search: "Page3 Zebra" });
    expect(full.clinicians.map((c) => c.firstName)).toEqual(["Page3"]);
  });
});
