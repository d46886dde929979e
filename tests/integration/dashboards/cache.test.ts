/**
 * Dashboards cached per organization data version (server/services/dashboards/cache.ts, migration
 * 0013): a read without a write in between is served from the cache; every kind of write to what a
 * dashboard reads (a report, its values, a membership's figures, a hardship, a reporting choice, a TIN)
 * bumps the organization's version in its transaction, so the next read recomputes and equals the
 * services' figures computed without any cache. A rolled-back write and another organization's write
 * change nothing.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { measureValues, tins } from "@/db/schema";
import { setReportingChoice } from "@/server/services/cehrt/aggregation";
import { createProduct } from "@/server/services/cehrt/products";
import { saveManualReport } from "@/server/services/cehrt/reports";
import { dashboardCache, organizationDataVersion } from "@/server/services/dashboards/cache";
import { organizationOverview } from "@/server/services/dashboards/overview";
import { tinDashboard } from "@/server/services/dashboards/tin";
import { fileHardship } from "@/server/services/roster/hardships";
import { createTin } from "@/server/services/roster/tins";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { callerAs } from "../helpers/tenant";
import { createCehrtTenant, type CehrtTenant } from "../cehrt/setup";

let database: TestDatabase;
let t: CehrtTenant;
let other: CehrtTenant;
let productId: string;

const YEAR = 2018;
const TODAY = "2018-11-23";
const Q1 = { performanceYear: YEAR, performanceStart: "2018-01-01", performanceEnd: "2018-03-31" };
const ADMIN = { userId: "00000000-0000-0000-0000-000000000000", role: "admin" as const };
const nd = (measureId: string, numerator: number, denominator: number) => ({ measureId, numerator, denominator, yesNo: null });
const yes = (measureId: string) => ({ measureId, numerator: null, denominator: null, yesNo: true });
const VALUES = [yes("PI_PPHI_1"), yes("PI_INFBLO_1"), yes("PI_ONCDIR_1"), nd("PI_EP_1", 50, 100), nd("PI_PEA_1", 72, 100), nd("PI_HIE_1", 30, 60), nd("PI_HIE_2", 10, 40), nd("PI_CCTPE_1", 5, 100)];

beforeAll(async () => {
  database = await createTestDatabase();
  other = await createCehrtTenant(database.db, "cache-other");
});
// Each test its own organization (the tests run in any order): a TIN with a product, reporting as a group in Q1.
beforeEach(async () => {
  t = await createCehrtTenant(database.db, "cache");
  const p = await createProduct(database.db, t.adminScope, { tinId: t.tinId, vendor: "Vendor A", productName: "A EHR", cehrtId: "0015EAAAAAAAAAA" });
  productId = p.id;
  await setReportingChoice(database.db, t.adminScope, { tinId: t.tinId, performanceYear: YEAR, mode: "group", performanceStart: Q1.performanceStart, performanceEnd: Q1.performanceEnd });
});
afterAll(() => database.close());

const exec = () => callerAs(database.db, t.executive);
const overview = () => exec().dashboards.overview({ organization: t.organization.slug, performanceYear: YEAR });
const tinPage = () => exec().dashboards.tin({ organization: t.organization.slug, tinId: t.tinId, performanceYear: YEAR, today: TODAY });
const version = () => organizationDataVersion(database.db, t.adminScope);
/** The figures computed by the services directly, without the cache. */
const fresh = async () => ({
  overview: await organizationOverview(database.db, t.adminScope, { performanceYear: YEAR }),
  tin: await tinDashboard(database.db, t.adminScope, ADMIN, { tinId: t.tinId, performanceYear: YEAR, today: TODAY, clinicianPage: 1, clinicianPageSize: 25 }),
});

async function expectCurrent() {
  const [o, d, f] = [await overview(), await tinPage(), await fresh()];
  expect(o).toEqual(f.overview);
  expect(d).toEqual(f.tin);
  return { o, d };
}

describe("dashboard cache", () => {
  it("serves a second read without a write from the cache", async () => {
    const first = await overview();
    const hits = dashboardCache(database.db).hits;
    const second = await overview();
    expect(dashboardCache(database.db).hits).toBe(hits + 1);
    expect(second).toBe(first);
  });

  it("a new report (and its values) bumps the version once and the dashboards show it", async () => {
    const before = await expectCurrent();
    expect(before.d.group.status).not.toBe("scored");
    const v = await version();
    await saveManualReport(database.db, t.adminScope, ADMIN, { ...Q1, tinId: t.tinId, clinicianId: t.clinicianIds["1234567893"]!, productId, values: VALUES });
    // One transaction (the report and its values): one bump.
    expect(await version()).toBe(v + 1);
    const after = await expectCurrent();
    expect(after.d.group.status).toBe("scored");
    expect(after.o.tins.find((x) => x.tinId === t.tinId)!.cliniciansWithData).toBe(1);
  });

  it("an edit of a value alone (SQL, as any code path would) is seen", async () => {
    await saveManualReport(database.db, t.adminScope, ADMIN, { ...Q1, tinId: t.tinId, clinicianId: t.clinicianIds["1234567893"]!, productId, values: VALUES });
    const before = await expectCurrent();
    const pea = before.d.measures.find((m) => m.measureId === "PI_PEA_1")!;
    await database.db.update(measureValues).set({ numerator: 99 }).where(sql`${measureValues.organizationId} = ${t.organization.id} AND ${measureValues.measureId} = 'PI_PEA_1'`);
    const after = await expectCurrent();
    expect(after.d.measures.find((m) => m.measureId === "PI_PEA_1")!.numerator).toBe(99);
    expect(pea.numerator).toBe(72);
  });

  it("a hardship, a reporting choice and a new TIN are seen", async () => {
    const before = await expectCurrent();
    await fileHardship(database.db, t.adminScope, { tinId: t.tinId, clinicianId: t.clinicianIds["2567891421"]!, performanceYear: YEAR, reason: "insufficientInternetConnectivity", filedOn: "2018-11-15", notes: null, now: new Date("2018-11-15T12:00:00Z") });
    const withHardship = await expectCurrent();
    expect(withHardship.d.reweighting.blockers.find((b) => b.name === "Ben Test")!.why).not.toEqual(before.d.reweighting.blockers.find((b) => b.name === "Ben Test")!.why);

    await setReportingChoice(database.db, t.adminScope, { tinId: t.tinId, performanceYear: YEAR, mode: "individual", performanceStart: Q1.performanceStart, performanceEnd: Q1.performanceEnd, expectedVersion: 1 });
    expect((await expectCurrent()).o.tins.find((x) => x.tinId === t.tinId)!.reportingMode).toBe("individual");

    await createTin(database.db, t.adminScope, { tin: "918273645", name: "Cache Test Clinic" });
    expect((await expectCurrent()).o.headline.tinCount).toBe(before.o.headline.tinCount + 1);
  });

  it("a rolled-back write and another organization's write keep the version (and the cached entry)", async () => {
    const cached = await overview();
    const v = await version();
    await expect(
      database.db.transaction(async (tx) => {
        await tx.update(tins).set({ name: "Renamed then rolled back" }).where(eq(tins.id, t.tinId));
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    await createTin(database.db, other.adminScope, { tin: "918273646", name: "Another Tenant's Clinic" });
    expect(await version()).toBe(v);
    expect(await overview()).toBe(cached);
    expect(await organizationDataVersion(database.db, other.adminScope)).toBeGreaterThan(0);
  });

  it("a failed computation is not kept: the next read computes again", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    const read = () => exec().dashboards.tin({ organization: t.organization.slug, tinId: missing, performanceYear: YEAR, today: TODAY });
    await expect(read()).rejects.toThrow();
    const misses = dashboardCache(database.db).misses;
    await expect(read()).rejects.toThrow();
    expect(dashboardCache(database.db).misses).toBe(misses + 1);
  });
});
