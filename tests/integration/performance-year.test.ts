/**
 * The performance year of procedures: an omitted year is the current performance year from the clock
 * (read per call), and an unsupported year is refused with a message naming the supported range.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { TRPCError } from "@trpc/server";
import { createTestDatabase, type TestDatabase } from "./helpers/database";
import { callerAs, createTestTenant, type TestTenant } from "./helpers/tenant";
import { issuesOf, uniqueNpi, uniqueTin } from "./roster/roster-fixtures";

let database: TestDatabase;
let tenant: TestTenant;

beforeAll(async () => {
  database = await createTestDatabase();
  tenant = await createTestTenant(database.db, "years");
});
afterAll(() => database.close());
afterEach(() => vi.useRealTimers());

/** Only Date is faked: timers stay real for the database driver. */
function clockAt(iso: string) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(iso));
}

describe("default performance year", () => {
  it("a TIN read without a year is judged on the clock's year: a clinician billing from 2018 counts on a 2018 clock, not on a 2017 one", async () => {
    const api = callerAs(database.db, tenant.admin);
    const organization = tenant.organization.slug;
    const tin = await api.tins.create({ organization, tin: uniqueTin(), name: "Clock Clinic" });
    const clinician = await api.clinicians.create({ organization, npi: uniqueNpi(), firstName: "Cora", lastName: "Clock", clinicianType: "physician" });
    await api.clinicians.addMembership({ organization, clinicianId: clinician.id, tinId: tin.id, startDate: "2018-01-01" });

    clockAt("2018-06-15T12:00:00Z");
    expect((await api.tins.get({ organization, tinId: tin.id })).status.clinicianCount).toBe(1);
    expect((await api.tins.list({ organization, search: "Clock Clinic" })).tins[0]?.eligibleClinicianCount).toBe(1);
    expect((await api.clinicians.get({ organization, clinicianId: clinician.id })).tins.map((t) => t.tinId)).toEqual([tin.id]);

    clockAt("2017-06-15T12:00:00Z");
    expect((await api.tins.get({ organization, tinId: tin.id })).status.clinicianCount).toBe(0);
    expect((await api.clinicians.get({ organization, clinicianId: clinician.id })).tins).toEqual([]);
  });
});

describe("unsupported performance years", () => {
  const refusal = async (call: Promise<unknown>) => {
    const error = await call.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
    return issuesOf(error);
  };

  it("2027 is refused as not supported yet, naming 2017-2026, by roster, data and dashboard procedures alike", async () => {
    const api = callerAs(database.db, tenant.admin);
    const organization = tenant.organization.slug;
    const tin = await api.tins.create({ organization, tin: uniqueTin(), name: "Future Clinic" });
    const message = expect.stringMatching(/performance year 2027 is not supported yet: its rules are not final or not yet sourced \(supported: 2017-2026\)/);
    expect(await refusal(api.tins.get({ organization, tinId: tin.id, performanceYear: 2027 }))).toEqual([{ path: "performanceYear", message }]);
    expect(await refusal(api.tins.list({ organization, performanceYear: 2027 }))).toEqual([{ path: "performanceYear", message }]);
    expect(await refusal(api.dashboards.overview({ organization, performanceYear: 2027 }))).toEqual([{ path: "performanceYear", message }]);
    expect(await refusal(api.measureReports.entryOptions({ organization, performanceYear: 2027 }))).toEqual([{ path: "performanceYear", message }]);
  });

  it("2016 and a year that is not a number are refused with the supported range", async () => {
    const api = callerAs(database.db, tenant.admin);
    const organization = tenant.organization.slug;
    expect(await refusal(api.dashboards.overview({ organization, performanceYear: 2016 }))).toEqual([
      { path: "performanceYear", message: expect.stringMatching(/performance year 2016 is not supported \(supported: 2017-2026\)/) },
    ]);
    expect(await refusal(api.tins.list({ organization, performanceYear: "abc" as unknown as number }))).toEqual([
      { path: "performanceYear", message: expect.stringMatching(/a performance year is required \(2017-2026\)/) },
    ]);
  });
});

describe("the year's own rules at the portal's edge", () => {
  it("hardship reasons are the year's: small practice may be applied for in 2018, is refused in 2026 saying why; the deadline is the year's", async () => {
    const api = callerAs(database.db, tenant.admin);
    const organization = tenant.organization.slug;
    const tin = await api.tins.create({ organization, tin: uniqueTin(), name: "Reasons Clinic" });
    const filed2018 = await api.hardships.file({ organization, tinId: tin.id, performanceYear: 2018, reason: "smallPractice", filedOn: "2018-06-01" });
    expect(filed2018).toMatchObject({ performanceYear: 2018, reason: "smallPractice", status: "pending" });
    const refused = await refusalOf(api.hardships.file({ organization, tinId: tin.id, performanceYear: 2026, reason: "smallPractice", filedOn: "2026-06-01" }));
    expect(refused).toEqual([{ path: "reason", message: expect.stringMatching(/"Small practice.*" is not a hardship reason in 2026 .*small practices are reweighted automatically/) }]);
    const filed2026 = await api.hardships.file({ organization, tinId: tin.id, performanceYear: 2026, reason: "insufficientInternetConnectivity", filedOn: "2026-06-01" });
    expect((await api.hardships.list({ organization, performanceYear: 2026 })).hardships.find((h) => h.id === filed2026.id)).toMatchObject({ deadline: "2026-12-31" });
  });

  it("a virtual group's election deadline is the year's: a 2026 group elected on 2026-01-05 is refused naming December 31, 2025", async () => {
    const api = callerAs(database.db, tenant.admin);
    const organization = tenant.organization.slug;
    const error = await api.virtualGroups.create({ organization, performanceYear: 2026, name: `Late ${uniqueTin()}`, electionDate: "2026-01-05" }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/A virtual group for 2026 had to elect by December 31, 2025/) });
    const onTime = await api.virtualGroups.create({ organization, performanceYear: 2026, name: `On time ${uniqueTin()}`, electionDate: "2025-12-15" });
    expect(onTime).toMatchObject({ performanceYear: 2026 });
  });
});

async function refusalOf(call: Promise<unknown>) {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  expect((error as TRPCError).code).toBe("BAD_REQUEST");
  return issuesOf(error);
}
