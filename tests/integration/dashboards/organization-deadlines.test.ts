/**
 * The organization's deadlines of a year with what is still open: TINs without data, clinicians blocking
 * reweighting, applications awaiting CMS, products without a security risk analysis. A past year is
 * closed and lists nothing open. Executives read it; clinicians and other organizations cannot.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { callerAs, createTestTenant, type TestTenant } from "../helpers/tenant";
import { FIGURES_ABOVE_THRESHOLD, uniqueNpi, uniqueTin } from "../roster/roster-fixtures";

let database: TestDatabase;
let tenant: TestTenant;
let other: TestTenant;

beforeAll(async () => {
  database = await createTestDatabase();
  tenant = await createTestTenant(database.db, "deadlines");
  other = await createTestTenant(database.db, "deadlines-other");
});
afterAll(() => database.close());

const org = () => tenant.organization.slug;

describe("organization deadlines", () => {
  it("2026 seen on 2026-07-01: the hardship deadline Dec 31, 2026 is open with the blocker and the pending application; submission lists the TIN without data and the product without an SRA", async () => {
    // Its own organization: the tests run in any order, and another test adds a TIN without data.
    const own = await createTestTenant(database.db, "deadlines-2026");
    const org = () => own.organization.slug;
    const admin = callerAs(database.db, own.admin);
    const tin = await admin.tins.create({ organization: org(), tin: uniqueTin(), name: "Northside Clinic" });
    const c = await admin.clinicians.create({ organization: org(), npi: uniqueNpi(), firstName: "Ben", lastName: "Reyes", clinicianType: "physician" });
    const m = await admin.clinicians.addMembership({ organization: org(), tinId: tin.id, clinicianId: c.id, startDate: "2026-01-01" });
    await admin.clinicians.setYearStatus({ organization: org(), membershipId: m.id, performanceYear: 2026, ...FIGURES_ABOVE_THRESHOLD });
    await admin.cehrtProducts.create({ organization: org(), tinId: tin.id, vendor: "Acme EHR", productName: "Chart", cehrtId: "0015E8BZ0F2E8WL" });
    await admin.hardships.file({ organization: org(), tinId: tin.id, clinicianId: c.id, performanceYear: 2026, reason: "insufficientInternetConnectivity", filedOn: "2026-01-15" });

    const deadlines = await callerAs(database.db, own.executive).deadlines.organization({ organization: org(), performanceYear: 2026, today: "2026-07-01" });
    const byKind = Object.fromEntries(deadlines.map((d) => [d.kind, d]));
    expect(byKind.hardshipApplication).toMatchObject({ date: "2026-12-31", state: "open", when: "183 days left", assumed: true });
    const hardshipOpen = byKind.hardshipApplication!.open.map((o) => o.text).join(" | ");
    // A one-clinician TIN is a small practice, reweighted automatically from 2022: nobody blocks it.
    expect(hardshipOpen).not.toMatch(/block/);
    expect(hardshipOpen).toMatch(/1 hardship application awaits CMS's decision/);
    const submissionOpen = byKind.submission!.open.map((o) => o.text).join(" | ");
    expect(submissionOpen).toMatch(/1 TIN has no data for 2026: Northside Clinic/);
    expect(submissionOpen).toMatch(/1 CEHRT product without a 2026 security risk analysis: Acme EHR Chart \(Northside Clinic\)/);
    expect(byKind.lastPeriodStart).toMatchObject({ date: "2026-07-05", when: "4 days left" });
  });

  it("reads the overview computed once per data version, and sees a write at once: a TIN given data leaves the no-data list", async () => {
    const own = await createTestTenant(database.db, "deadlines-cache");
    const org = () => own.organization.slug;
    const admin = callerAs(database.db, own.admin);
    const tin = await admin.tins.create({ organization: org(), tin: uniqueTin(), name: "Cached Clinic" });
    const noData = async () => {
      const deadlines = await admin.deadlines.organization({ organization: org(), performanceYear: 2026, today: "2026-07-01" });
      return deadlines.find((d) => d.kind === "submission")!.open.map((o) => o.text).join(" | ");
    };
    const before = await admin.dashboards.overview({ organization: org(), performanceYear: 2026 });
    expect(before.tins.map((t) => t.name)).toContain("Cached Clinic");
    expect(await noData()).toMatch(/1 TIN has no data for 2026: Cached Clinic/);
    const c = await admin.clinicians.create({ organization: org(), npi: uniqueNpi(), firstName: "Cam", lastName: "Cache", clinicianType: "physician" });
    await admin.clinicians.addMembership({ organization: org(), tinId: tin.id, clinicianId: c.id, startDate: "2026-01-01" });
    const product = await admin.cehrtProducts.create({ organization: org(), tinId: tin.id, vendor: "Acme EHR", productName: "Chart", cehrtId: "0015E8BZ0F2E8WL" });
    await admin.measureReports.save({ organization: org(), tinId: tin.id, clinicianId: c.id, productId: product.id, performanceYear: 2026, performanceStart: "2026-01-01", performanceEnd: "2026-06-29", values: [{ measureId: "PI_EP_1", numerator: 1, denominator: 2 }] });
    expect(await noData()).not.toMatch(/no data for 2026/);
  });

  it("2021 seen on 2021-07-01 (small practices not reweighted automatically yet): the clinician without a hardship is listed as blocking", async () => {
    const own = await createTestTenant(database.db, "deadlines-2021");
    const org = () => own.organization.slug;
    const admin = callerAs(database.db, own.admin);
    const tin = await admin.tins.create({ organization: org(), tin: uniqueTin(), name: "Eastside Clinic" });
    const c = await admin.clinicians.create({ organization: org(), npi: uniqueNpi(), firstName: "Ada", lastName: "Blocker", clinicianType: "physician" });
    const m = await admin.clinicians.addMembership({ organization: org(), tinId: tin.id, clinicianId: c.id, startDate: "2021-01-01" });
    await admin.clinicians.setYearStatus({ organization: org(), membershipId: m.id, performanceYear: 2021, ...FIGURES_ABOVE_THRESHOLD });
    const deadlines = await admin.deadlines.organization({ organization: org(), performanceYear: 2021, today: "2021-07-01" });
    const hardship = deadlines.find((d) => d.kind === "hardshipApplication")!;
    expect(hardship.state).toBe("open");
    expect(hardship.open.map((o) => o.text)).toContainEqual(expect.stringMatching(/^1 clinician blocks PI reweighting in 1 TIN: Eastside Clinic/));
  });

  it("a past year is closed: 'closed on <date>', nothing open", async () => {
    const deadlines = await callerAs(database.db, tenant.admin).deadlines.organization({ organization: org(), performanceYear: 2018, today: "2026-07-01" });
    expect(deadlines.every((d) => d.state === "closed" && d.open.length === 0)).toBe(true);
    expect(deadlines.find((d) => d.kind === "submission")!.when).toMatch(/^closed on /);
  });

  it("clinicians get FORBIDDEN, other organizations NOT_FOUND", async () => {
    await expect(callerAs(database.db, tenant.clinician).deadlines.organization({ organization: org(), performanceYear: 2026 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerAs(database.db, other.admin).deadlines.organization({ organization: org(), performanceYear: 2026 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
