/**
 * The final-score estimate's entered categories, saved per TIN and year with who entered them: nothing
 * is prefilled (no entry until someone saves one), a stale save is refused naming who saved meanwhile,
 * executives read but cannot save, other organizations see nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { callerAs, createTestTenant, type TestTenant } from "../helpers/tenant";
import { uniqueTin } from "../roster/roster-fixtures";

let database: TestDatabase;
let tenant: TestTenant;
let other: TestTenant;

beforeAll(async () => {
  database = await createTestDatabase();
  tenant = await createTestTenant(database.db, "estimate");
  other = await createTestTenant(database.db, "estimate-other");
});
afterAll(() => database.close());

const org = () => tenant.organization.slug;

describe("final-score inputs", () => {
  it("nothing until saved; saved with who entered it; partial entries keep unknowns as null; audited", async () => {
    const admin = callerAs(database.db, tenant.admin);
    const tin = await admin.tins.create({ organization: org(), tin: uniqueTin(), name: "Estimate Practice" });
    expect(await admin.estimates.finalScoreInputs({ organization: org(), tinId: tin.id, performanceYear: 2026 })).toBeNull();

    const saved = await admin.estimates.saveFinalScoreInputs({ organization: org(), tinId: tin.id, performanceYear: 2026, scores: { quality: 72.5, improvementActivities: null, cost: 40 } });
    expect(saved).toMatchObject({ scores: { quality: 72.5, improvementActivities: null, cost: 40 }, enteredBy: tenant.admin.name, version: 1 });
    // Another year is separate.
    expect(await admin.estimates.finalScoreInputs({ organization: org(), tinId: tin.id, performanceYear: 2025 })).toBeNull();

    const exec = callerAs(database.db, tenant.executive);
    expect(await exec.estimates.finalScoreInputs({ organization: org(), tinId: tin.id, performanceYear: 2026 })).toMatchObject({ scores: { quality: 72.5 } });
    await expect(exec.estimates.saveFinalScoreInputs({ organization: org(), tinId: tin.id, performanceYear: 2026, scores: { quality: 1, improvementActivities: 1, cost: 1 }, expectedVersion: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const updated = await admin.estimates.saveFinalScoreInputs({ organization: org(), tinId: tin.id, performanceYear: 2026, scores: { quality: 80, improvementActivities: 100, cost: 40 }, expectedVersion: 1 });
    expect(updated.version).toBe(2);
    // A stale save (the form saw version 1) is refused, naming who saved.
    await expect(admin.estimates.saveFinalScoreInputs({ organization: org(), tinId: tin.id, performanceYear: 2026, scores: { quality: 10, improvementActivities: 10, cost: 10 }, expectedVersion: 1 })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining(tenant.admin.name),
    });
    const audit = await database.db.select({ action: auditLog.action, before: auditLog.before, after: auditLog.after }).from(auditLog).where(and(eq(auditLog.organizationId, tenant.organization.id), eq(auditLog.targetType, "final_score_inputs")));
    expect(audit.map((a) => a.action).sort()).toEqual(["final_score_inputs.created", "final_score_inputs.updated"]);
    expect(audit.find((a) => a.action === "final_score_inputs.updated")).toMatchObject({ before: { quality: 72.5, improvementActivities: null }, after: { quality: 80, improvementActivities: 100 } });
  });

  it("refuses a score outside 0-100 or with more than two decimals, naming the category", async () => {
    const admin = callerAs(database.db, tenant.admin);
    const tin = await admin.tins.create({ organization: org(), tin: uniqueTin(), name: "Bad Input" });
    const refused = await admin.estimates.saveFinalScoreInputs({ organization: org(), tinId: tin.id, performanceYear: 2026, scores: { quality: 101, improvementActivities: 1.234, cost: null } }).then(() => new Error("saved"), (e: unknown) => e as Error);
    expect(refused.message).toMatch(/Quality score: expected a percentage from 0 to 100/);
    expect(refused.message).toMatch(/Improvement Activities score: at most two decimals/);
  });

  it("another organization cannot read or save a TIN's estimate", async () => {
    const admin = callerAs(database.db, tenant.admin);
    const tin = await admin.tins.create({ organization: org(), tin: uniqueTin(), name: "Private" });
    const outsider = callerAs(database.db, other.admin);
    await expect(outsider.estimates.finalScoreInputs({ organization: other.organization.slug, tinId: tin.id, performanceYear: 2026 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(outsider.estimates.saveFinalScoreInputs({ organization: other.organization.slug, tinId: tin.id, performanceYear: 2026, scores: { quality: 1, improvementActivities: 1, cost: 1 } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(outsider.estimates.finalScoreInputs({ organization: org(), tinId: tin.id, performanceYear: 2026 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
