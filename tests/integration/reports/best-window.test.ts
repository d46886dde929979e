/**
 * The best reporting window of a TIN from quarterly whole-TIN reports (2018, 90 days): the quarter with
 * the best rates wins against the full year, the admin makes it the TIN's reporting period, and a TIN
 * whose data is one report for the year is told it cannot be split. Another organization gets NOT_FOUND.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveManualReport } from "@/server/services/cehrt/reports";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { callerAs, createTestTenant, type TestTenant } from "../helpers/tenant";
import { uniqueTin } from "../roster/roster-fixtures";

let database: TestDatabase;
let tenant: TestTenant;
let other: TestTenant;

beforeAll(async () => {
  database = await createTestDatabase();
  tenant = await createTestTenant(database.db, "window");
  other = await createTestTenant(database.db, "window-other");
});
afterAll(() => database.close());

const QUARTERS = [
  ["2018-01-01", "2018-03-31", 40],
  ["2018-04-01", "2018-06-30", 95],
  ["2018-07-01", "2018-09-30", 60],
  ["2018-10-01", "2018-12-31", 20],
] as const;

function values(rate: number) {
  return [
    { measureId: "PI_PPHI_1", yesNo: true },
    { measureId: "PI_INFBLO_1", yesNo: true },
    { measureId: "PI_ONCDIR_1", yesNo: true },
    { measureId: "PI_EP_1", numerator: rate, denominator: 100 },
    { measureId: "PI_PEA_1", numerator: rate, denominator: 100 },
    { measureId: "PI_HIE_1", numerator: rate, denominator: 100 },
    { measureId: "PI_HIE_2", numerator: rate, denominator: 100 },
  ].map((v) => ({ numerator: null, denominator: null, yesNo: null, ...v }));
}

async function tinWithReports(name: string, periods: readonly (readonly [string, string, number])[]) {
  const org = tenant.organization.slug;
  const admin = callerAs(database.db, tenant.admin);
  const tin = await admin.tins.create({ organization: org, tin: uniqueTin(), name });
  const product = await admin.cehrtProducts.create({ organization: org, tinId: tin.id, vendor: "Acme", productName: "Chart", cehrtId: "0015EACME0000W1", edition: "2015" });
  for (const [start, end, rate] of periods) {
    await saveManualReport(database.db, tenant.adminScope, { userId: tenant.admin.id, role: "admin" }, { tinId: tin.id, clinicianId: null, productId: product.id, performanceYear: 2018, performanceStart: start, performanceEnd: end, values: values(rate) });
  }
  return tin;
}

describe("best reporting window", () => {
  it("quarterly data: Q2 (95%) beats the full year (mean 53.75%); the admin makes it the reporting period", async () => {
    const org = tenant.organization.slug;
    const tin = await tinWithReports("Window Clinic", QUARTERS);
    const exec = callerAs(database.db, tenant.executive);
    const r = await exec.tinReporting.bestWindow({ organization: org, tinId: tin.id, performanceYear: 2018 });
    if (!r.splittable) throw new Error(r.reason);
    expect(r).toMatchObject({ minimumDays: 90, slices: 4, windowCount: 10, problems: [] });
    expect(r.best).toMatchObject({ start: "2018-04-01", end: "2018-06-30", days: 91 });
    expect(r.fullSpan).toMatchObject({ start: "2018-01-01", end: "2018-12-31", days: 365 });
    expect(r.best!.score!).toBeGreaterThan(r.fullSpan!.score!);

    const admin = callerAs(database.db, tenant.admin);
    await admin.tinReporting.setChoice({ organization: org, tinId: tin.id, performanceYear: 2018, mode: "group", performanceStart: r.best!.start, performanceEnd: r.best!.end });
    const dashboard = await exec.dashboards.tin({ organization: org, tinId: tin.id, performanceYear: 2018 });
    expect(dashboard.period).toEqual({ start: "2018-04-01", end: "2018-06-30" });
    expect(dashboard.group.piScore).toBe(r.best!.score);
  });

  it("one report for the whole year cannot be split, and says so", async () => {
    const tin = await tinWithReports("Whole Year Clinic", [["2018-01-01", "2018-12-31", 80]]);
    const r = await callerAs(database.db, tenant.admin).tinReporting.bestWindow({ organization: tenant.organization.slug, tinId: tin.id, performanceYear: 2018 });
    expect(r).toMatchObject({ splittable: false, reason: expect.stringMatching(/one report for 2018-01-01 to 2018-12-31: it cannot be split/) });
  });

  it("another organization cannot read it", async () => {
    const tin = await callerAs(database.db, tenant.admin).tins.create({ organization: tenant.organization.slug, tin: uniqueTin(), name: "Private Window" });
    await expect(callerAs(database.db, other.admin).tinReporting.bestWindow({ organization: other.organization.slug, tinId: tin.id, performanceYear: 2018 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
