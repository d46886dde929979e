/**
 * The TIN scorecard PDF, rendered on the server from the procedures' figures: its text (pdftotext) holds
 * the TIN, its score, the clinician blocking reweighting, the deadlines and the "Estimate" footer.
 * Clinicians and other organizations cannot load it.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderTinScorecard } from "@/components/reports/tin-scorecard";
import { loadTinScorecard } from "@/server/reports/tin-scorecard";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { callerAs, createTestTenant, type TestTenant } from "../helpers/tenant";
import { FIGURES_ABOVE_THRESHOLD, uniqueNpi, uniqueTin } from "../roster/roster-fixtures";

let database: TestDatabase;
let tenant: TestTenant;
let other: TestTenant;

beforeAll(async () => {
  database = await createTestDatabase();
  tenant = await createTestTenant(database.db, "scorecard");
  other = await createTestTenant(database.db, "scorecard-other");
});
afterAll(() => database.close());

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), "pdf-"));
  const file = path.join(dir, "report.pdf");
  writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
}

describe("TIN scorecard", () => {
  it("a PDF whose text names the TIN, its score, the blocker with why, the deadlines and the estimate footer", async () => {
    const org = tenant.organization.slug;
    const admin = callerAs(database.db, tenant.admin);
    const tin = await admin.tins.create({ organization: org, tin: uniqueTin(), name: "Scorecard Clinic" });
    const c = await admin.clinicians.create({ organization: org, npi: uniqueNpi(), firstName: "Ben", lastName: "Reyes", clinicianType: "physician" });
    const m = await admin.clinicians.addMembership({ organization: org, tinId: tin.id, clinicianId: c.id, startDate: "2021-01-01" });
    await admin.clinicians.setYearStatus({ organization: org, membershipId: m.id, performanceYear: 2021, ...FIGURES_ABOVE_THRESHOLD });
    const data = await loadTinScorecard(callerAs(database.db, tenant.executive), { organization: org, tinId: tin.id, performanceYear: 2021, now: new Date("2021-06-01T12:00:00Z") });
    const pdf = await renderTinScorecard(data);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfText(pdf).replace(/\s+/g, " ");
    expect(text).toContain("PI scorecard: Scorecard Clinic");
    expect(text).toContain("PI category score: 0 (no data: the TIN must report PI)");
    expect(text).toContain("Not reweighted: 1 clinician(s) block it.");
    expect(text).toMatch(/Ben Reyes \(NPI \d{10}\)/);
    expect(text).toContain("Hardship and exception applications");
    expect(text).toContain("December 31, 2021");
    expect(text).toContain("Estimate: final-score figures are estimates");
    expect(text).toContain(`${tenant.organization.name} · performance year 2021 · generated 2021-06-01 12:00 UTC`);
  });

  it("clinicians get FORBIDDEN; another organization NOT_FOUND", async () => {
    const org = tenant.organization.slug;
    const tin = await callerAs(database.db, tenant.admin).tins.create({ organization: org, tin: uniqueTin(), name: "Private Clinic" });
    const now = new Date();
    await expect(loadTinScorecard(callerAs(database.db, tenant.clinician), { organization: org, tinId: tin.id, performanceYear: 2026, now })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(loadTinScorecard(callerAs(database.db, other.admin), { organization: other.organization.slug, tinId: tin.id, performanceYear: 2026, now })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
