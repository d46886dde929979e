/**
 * The audit trail as an admin reads it: sentences with field-by-field diffs naming the record by its
 * current name, filters by actor, action family, record and date range, and the CSV export with the
 * same filters. Executives and other organizations cannot read it; entries cannot be deleted.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { auditLog } from "@/db/schema";
import { csvStream } from "@/lib/csv/stream";
import { parseCsv } from "@/lib/roster/csv";
import { AUDIT_EXPORT } from "@/server/exports/audit";
import { createTestDatabase, type TestDatabase } from "./helpers/database";
import { addMembership, callerAs, createTestTenant, createUser, type TestTenant } from "./helpers/tenant";
import { FIGURES_ABOVE_THRESHOLD, uniqueNpi, uniqueTin } from "./roster/roster-fixtures";

let database: TestDatabase;
let tenant: TestTenant;
let other: TestTenant;

beforeAll(async () => {
  database = await createTestDatabase();
  tenant = await createTestTenant(database.db, "trail");
  other = await createTestTenant(database.db, "trail-other");
});
afterAll(() => database.close());

const org = () => tenant.organization.slug;

describe("audit trail", () => {
  it("answers 'who changed this and when' in a sentence, filtered by actor, family, record and date; exports the same as CSV", async () => {
    const admin = callerAs(database.db, tenant.admin);
    const second = await createUser(database.db, "second-admin");
    await addMembership(database.db, tenant.organization.id, second.id, "admin");
    const tin = await admin.tins.create({ organization: org(), tin: uniqueTin(), name: "Trail Clinic" });
    const c = await admin.clinicians.create({ organization: org(), npi: uniqueNpi(), firstName: "Ben", lastName: "Reyes", clinicianType: "physician" });
    const m = await admin.clinicians.addMembership({ organization: org(), tinId: tin.id, clinicianId: c.id, startDate: "2026-01-01" });
    const figures = await admin.clinicians.setYearStatus({ organization: org(), membershipId: m.id, performanceYear: 2026, ...FIGURES_ABOVE_THRESHOLD });
    await callerAs(database.db, second).clinicians.setYearStatus({ organization: org(), membershipId: m.id, performanceYear: 2026, ...FIGURES_ABOVE_THRESHOLD, hospitalBased: true, expectedVersion: figures.version });

    const bySecond = await admin.audit.trail({ organization: org(), actorUserId: second.id });
    expect(bySecond.total).toBe(1);
    expect(bySecond.entries[0]!.sentence).toBe(`${second.name} changed Ben Reyes (Trail Clinic, 2026)'s hospital-based status from no to yes`);
    expect(bySecond.entries[0]!.changes).toEqual([{ field: "hospitalBased", label: "hospital-based status", before: "no", after: "yes" }]);

    const clinicianFamily = await admin.audit.trail({ organization: org(), family: "clinician" });
    expect(clinicianFamily.entries.map((e) => e.action)).toEqual(["clinician.created"]);
    expect(clinicianFamily.entries[0]!.sentence).toBe(`${tenant.admin.name} added clinician Ben Reyes`);
    const history = await admin.audit.trail({ organization: org(), targetId: tin.id });
    expect(history.entries.map((e) => e.action)).toEqual(["tin.created"]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await admin.audit.trail({ organization: org(), from: today, to: today })).total).toBeGreaterThanOrEqual(5);
    expect((await admin.audit.trail({ organization: org(), to: "2020-01-01" })).total).toBe(0);

    // The CSV export, with the actor filter, streams and reads back.
    const search = new URLSearchParams({ actorUserId: second.id });
    const csv = await new Response(csvStream(AUDIT_EXPORT.header, AUDIT_EXPORT.pages(admin, { organization: org(), performanceYear: 2026, search }))).text();
    const records = parseCsv(csv).records.map((r) => r.cells);
    expect(records[0]).toEqual(AUDIT_EXPORT.header);
    expect(records).toHaveLength(2);
    expect(records[1]![3]).toContain("hospital-based status from no to yes");
    expect(records[1]![7]).toBe("hospital-based status: no -> yes");
  });

  it("executives get FORBIDDEN, other organizations NOT_FOUND; an entry cannot be deleted", async () => {
    await expect(callerAs(database.db, tenant.executive).audit.trail({ organization: org() })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerAs(database.db, other.admin).audit.trail({ organization: org() })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Its own entry (the tests run in any order): creating a TIN writes one.
    await callerAs(database.db, tenant.admin).tins.create({ organization: org(), tin: uniqueTin(), name: "Undeletable entry" });
    const [entry] = await database.db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.organizationId, tenant.organization.id)).limit(1);
    await expect(database.db.execute(sql`DELETE FROM audit_log WHERE id = ${entry!.id}`)).rejects.toThrow();
  });
});
