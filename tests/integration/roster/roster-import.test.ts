import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TRPCError } from "@trpc/server";
import { and, count, eq } from "drizzle-orm";
import { auditLog, clinicians, membershipYears, tinMemberships, tins } from "@/db/schema";
import { parseCsv } from "@/lib/roster/csv";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { callerAs, createTestTenant, type TestTenant } from "../helpers/tenant";
import { issuesOf } from "./roster-fixtures";

const fixture = (name: string) => readFileSync(path.join(process.cwd(), "tests/fixtures/roster", name), "utf8");

let database: TestDatabase;
let tenant: TestTenant;
let other: TestTenant;

beforeAll(async () => {
  database = await createTestDatabase();
  tenant = await createTestTenant(database.db, "import");
  other = await createTestTenant(database.db, "other");
});
afterAll(() => database.close());

async function rosterCounts(organizationId: string) {
  const n = async (table: typeof tins | typeof clinicians | typeof tinMemberships | typeof membershipYears) =>
    (await database.db.select({ n: count() }).from(table).where(eq(table.organizationId, organizationId)))[0]!.n;
  return { tins: await n(tins), clinicians: await n(clinicians), memberships: await n(tinMemberships), years: await n(membershipYears) };
}

describe("roster CSV import", () => {
  it("a file with several bad rows: the preview lists every problem (row, column, what, expected), the commit writes nothing", async () => {
    const api = callerAs(database.db, tenant.admin);
    const csv = fixture("roster-with-errors.csv");
    const preview = await api.rosterImport.preview({ organization: tenant.organization.slug, csv });
    expect(preview.ok).toBe(false);
    const found = preview.problems.map((p) => `${p.row}|${p.column}`);
    expect(found).toEqual([
      "3|NPI",
      "4|TIN",
      "4|Clinician type",
      "5|Membership start",
      "5|Allowed charges",
      "6|Last name",
      "6|Performance year",
      "6|Hospital-based",
      "7|TIN name",
    ]);
    expect(preview.problems[0]).toMatchObject({ problem: expect.stringMatching(/fails its check digit \(expected last digit 3\)/), expected: expect.stringMatching(/10-digit NPI/) });
    expect(preview.problems.find((p) => p.column === "TIN name")!.problem).toMatch(/TIN 22-2222222 is not in the roster yet/);

    const error = await api.rosterImport.commit({ organization: tenant.organization.slug, csv }).catch((e: unknown) => e as TRPCError);
    expect(error).toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/9 problems; nothing was imported/) });
    expect(issuesOf(error)).toHaveLength(9);
    expect(issuesOf(error)[0]).toEqual({ path: 'row 3, column "NPI"', message: expect.stringMatching(/check digit.*; expected a 10-digit NPI/) });
    expect(await rosterCounts(tenant.organization.id)).toEqual({ tins: 0, clinicians: 0, memberships: 0, years: 0 });
  });

  it("the corrected file imports everything in one go, and importing it again changes nothing", async () => {
    const tenant = await createTestTenant(database.db, "corrected");
    const api = callerAs(database.db, tenant.admin);
    const csv = fixture("roster-corrected.csv");
    const preview = await api.rosterImport.preview({ organization: tenant.organization.slug, csv });
    expect(preview.problems).toEqual([]);
    expect(preview.summary).toMatchObject({ rowCount: 7, tins: { new: 2, existing: 0 }, clinicians: { new: 5, existing: 0 }, memberships: { new: 6, existing: 0 }, yearFigures: 6 });
    const result = await api.rosterImport.commit({ organization: tenant.organization.slug, csv, fileName: "roster-corrected.csv" });
    expect(result.changed).toEqual({ tins: 2, clinicians: 5, memberships: 6, yearFigures: 6 });
    expect(await rosterCounts(tenant.organization.id)).toEqual({ tins: 2, clinicians: 5, memberships: 6, years: 6 });
    const [ada] = await database.db.select().from(clinicians).where(and(eq(clinicians.organizationId, tenant.organization.id), eq(clinicians.npi, "1900000013")));
    expect(ada).toMatchObject({ clinicianType: "physician", specialty: "Cardiology" });
    const [summary] = await database.db.select().from(auditLog).where(and(eq(auditLog.organizationId, tenant.organization.id), eq(auditLog.action, "roster.imported")));
    expect(summary).toMatchObject({ actorUserId: tenant.admin.id });
    expect((await database.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.organizationId, tenant.organization.id), eq(auditLog.action, "clinician.created"))))[0]!.n).toBe(5);

    // Statuses are live: Ada is eligible in 2018 and exempt (low volume) in 2017.
    const [clinic] = await database.db.select().from(tins).where(and(eq(tins.organizationId, tenant.organization.id), eq(tins.tin, "111111111")));
    const y2018 = await api.tins.get({ organization: tenant.organization.slug, tinId: clinic!.id, performanceYear: 2018 });
    expect(y2018.status.clinicians.find((c) => c.npi === "1900000013")!.eligibility!.status).toBe("eligible");
    const y2017 = await api.tins.get({ organization: tenant.organization.slug, tinId: clinic!.id, performanceYear: 2017 });
    expect(y2017.status.clinicians.find((c) => c.npi === "1900000013")!.eligibility!.status).toBe("exempt");

    const again = await api.rosterImport.commit({ organization: tenant.organization.slug, csv });
    expect(again.changed).toEqual({ tins: 0, clinicians: 0, memberships: 0, yearFigures: 0 });
    expect(again.summary.clinicians).toEqual({ new: 0, existing: 5 });
  });

  it("an export imports back unchanged and neutralises spreadsheet formulas", async () => {
    // Its own tenant with the corrected roster, so it does not depend on the import test running first.
    const tenant = await createTestTenant(database.db, "export");
    const api = callerAs(database.db, tenant.admin);
    await api.rosterImport.commit({ organization: tenant.organization.slug, csv: fixture("roster-corrected.csv") });
    const [clinic] = await database.db.select().from(tins).where(and(eq(tins.organizationId, tenant.organization.id), eq(tins.tin, "222222222")));
    await api.tins.update({ organization: tenant.organization.slug, tinId: clinic!.id, tin: clinic!.tin, name: "=HYPERLINK(\"http://evil\")", expectedVersion: clinic!.version });
    const exported = await callerAs(database.db, tenant.executive).rosterImport.export({ organization: tenant.organization.slug });
    expect(exported.rowCount).toBe(7);
    const records = parseCsv(exported.csv).records;
    const evil = records.find((r) => r.cells[0] === "222222222")!;
    expect(evil.cells[1]).toBe("'=HYPERLINK(\"http://evil\")");
    const again = await api.rosterImport.commit({ organization: tenant.organization.slug, csv: exported.csv });
    expect(again.changed).toEqual({ tins: 0, clinicians: 0, memberships: 0, yearFigures: 0 });
  });

  it("only admins import; executives may export; another organization cannot touch this roster", async () => {
    const csv = fixture("roster-corrected.csv");
    await expect(callerAs(database.db, tenant.executive).rosterImport.commit({ organization: tenant.organization.slug, csv })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerAs(database.db, tenant.clinician).rosterImport.export({ organization: tenant.organization.slug })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerAs(database.db, other.admin).rosterImport.commit({ organization: tenant.organization.slug, csv })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // The same file in the other organization creates that organization's own records.
    const theirs = await callerAs(database.db, other.admin).rosterImport.commit({ organization: other.organization.slug, csv });
    expect(theirs.summary.clinicians).toEqual({ new: 5, existing: 0 });
  });
});
