import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { auditLog } from "@/db/schema";
import { listAuditEntries, recordAudit } from "@/server/services/audit";
import { createTestDatabase, type TestDatabase } from "./helpers/database";
import { callerAs, createTestTenant, type TestTenant } from "./helpers/tenant";

let database: TestDatabase;
let tenant: TestTenant;
let other: TestTenant;

beforeAll(async () => {
  database = await createTestDatabase();
  tenant = await createTestTenant(database.db, "audit");
  other = await createTestTenant(database.db, "audit-other");
  for (let i = 0; i < 60; i++) {
    await recordAudit(database.db, tenant.adminScope, { action: "test.entry", targetType: "test", targetId: String(i), after: { i } });
  }
  await recordAudit(database.db, other.adminScope, { action: "test.entry", targetType: "test", targetId: "other" });
});
afterAll(() => database.close());

describe("audit log", () => {
  it("nobody can update, delete or truncate entries, not even with direct SQL", async () => {
    for (const statement of [sql`update audit_log set action = 'tampered'`, sql`delete from audit_log`, sql`truncate audit_log`]) {
      const error: unknown = await database.db.execute(statement).then(
        () => null,
        (e: unknown) => e,
      );
      // drizzle wraps the database error ("Failed query: ...") with Postgres's as the cause.
      const text = error instanceof Error ? `${error.message} ${error.cause instanceof Error ? error.cause.message : ""}` : "no error";
      expect(text).toMatch(/audit_log is append-only/);
    }
    const rows = await database.db.select().from(auditLog).where(eq(auditLog.organizationId, tenant.organization.id));
    expect(rows).toHaveLength(60);
  });

  it("an admin reads it newest first, 50 per page, with the total, and only their organization's", async () => {
    const api = callerAs(database.db, tenant.admin);
    const first = await api.audit.list({ organization: tenant.organization.slug, page: 1 });
    expect(first.total).toBe(60);
    expect(first.entries).toHaveLength(50);
    expect(first.entries[0]!.targetId).toBe("59");
    const second = await api.audit.list({ organization: tenant.organization.slug, page: 2 });
    expect(second.entries.map((e) => e.targetId)).toEqual(["9", "8", "7", "6", "5", "4", "3", "2", "1", "0"]);
    expect(second.entries.some((e) => e.targetId === "other")).toBe(false);
  });

  it("filters by action: only the entries of that action, all of them, and none of another organization's", async () => {
    // Its own tenant, so the other tests' counts do not depend on whether this one ran first.
    const own = await createTestTenant(database.db, "audit-filter");
    const entries: [`test.${string}`, string][] = [["test.kept", "k1"], ["test.dropped", "d1"], ["test.kept", "k2"], ["test.dropped", "d2"], ["test.dropped", "d3"]];
    for (const [action, targetId] of entries) {
      await recordAudit(database.db, own.adminScope, { action, targetType: "test", targetId });
    }
    await recordAudit(database.db, other.adminScope, { action: "test.kept", targetType: "test", targetId: "other-org" });
    const kept = await listAuditEntries(database.db, own.adminScope, { page: 1, pageSize: 10, action: "test.kept" });
    expect(kept.total).toBe(2);
    expect(kept.entries.map((e) => e.targetId)).toEqual(["k2", "k1"]);
    const unfiltered = await listAuditEntries(database.db, own.adminScope, { page: 1, pageSize: 10 });
    expect(unfiltered.total).toBe(5);
    const none = await listAuditEntries(database.db, own.adminScope, { page: 1, pageSize: 10, action: "no.such" });
    expect(none.total).toBe(0);
  });

  it("executives and clinicians cannot read it", async () => {
    await expect(callerAs(database.db, tenant.executive).audit.list({ organization: tenant.organization.slug })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerAs(database.db, tenant.clinician).audit.list({ organization: tenant.organization.slug })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
