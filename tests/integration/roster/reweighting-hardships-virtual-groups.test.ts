import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TRPCError } from "@trpc/server";
import { fileHardship } from "@/server/services/roster/hardships";
import { createVirtualGroup } from "@/server/services/roster/virtual-groups";
import type { ClinicianType } from "@/lib/mips";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { callerAs, createTestTenant, type TestTenant } from "../helpers/tenant";
import { FIGURES_ABOVE_THRESHOLD, issuesOf, uniqueNpi, uniqueTin } from "./roster-fixtures";

let database: TestDatabase;
let tenant: TestTenant;
let other: TestTenant;

beforeAll(async () => {
  database = await createTestDatabase();
  tenant = await createTestTenant(database.db, "reweighting");
  other = await createTestTenant(database.db, "other");
});
afterAll(() => database.close());

const admin = () => callerAs(database.db, tenant.admin);
const org = () => tenant.organization.slug;

/** A TIN with clinicians of the given types, all billing under it in 2018 with figures above the threshold. */
async function tinWith(name: string, members: { lastName: string; type: ClinicianType; hospitalBased?: boolean }[]) {
  const api = admin();
  const tin = await api.tins.create({ organization: org(), tin: uniqueTin(), name });
  const clinicians = [];
  for (const m of members) {
    const c = await api.clinicians.create({ organization: org(), npi: uniqueNpi(), firstName: "Dr", lastName: m.lastName, clinicianType: m.type });
    const membership = await api.clinicians.addMembership({ organization: org(), tinId: tin.id, clinicianId: c.id, startDate: "2018-01-01" });
    await api.clinicians.setYearStatus({ organization: org(), membershipId: membership.id, performanceYear: 2018, ...FIGURES_ABOVE_THRESHOLD, hospitalBased: m.hospitalBased ?? false });
    clinicians.push(c);
  }
  return { tin, clinicians };
}

describe("the 100% rule through the router", () => {
  it("a TIN is reweighted only when every eligible clinician qualifies; the blocker is named with why, until their hardship is approved", async () => {
    const { tin, clinicians } = await tinWith("Hundred Percent", [
      { lastName: "Assistant", type: "PA" },
      { lastName: "Hospitalist", type: "physician", hospitalBased: true },
      { lastName: "Blocker", type: "physician" },
      { lastName: "Therapist", type: "physicalTherapist" },
    ]);
    const blocker = clinicians[2]!;
    let detail = await admin().tins.get({ organization: org(), tinId: tin.id, performanceYear: 2018 });
    expect(detail.status.group.reweighted).toBe(false);
    expect(detail.status.blocking).toEqual([
      expect.objectContaining({ clinicianId: blocker.id, npi: blocker.npi, name: "Dr Blocker", why: expect.stringMatching(/no automatic reweighting reason and no approved hardship/) }),
    ]);
    expect(detail.status.group.notMipsEligible.map((c) => c.npi)).toEqual([clinicians[3]!.npi]);

    // A pending application does not count, and the reason says so.
    const hardship = await admin().hardships.file({ organization: org(), tinId: tin.id, clinicianId: blocker.id, performanceYear: 2018, reason: "insufficientInternetConnectivity", filedOn: "2018-10-01" });
    expect(hardship).toMatchObject({ status: "pending", decidedOn: null, filedOn: "2018-10-01" });
    detail = await admin().tins.get({ organization: org(), tinId: tin.id, performanceYear: 2018 });
    expect(detail.status.group.reweighted).toBe(false);
    expect(detail.status.blocking[0]!.why).toMatch(/pending: only an approved application counts/);
    const blocking = await admin().clinicians.list({ organization: org(), tinId: tin.id, reweighting: "blocking", performanceYear: 2018 });
    expect(blocking.clinicians.map((c) => c.id)).toEqual([blocker.id]);

    await admin().hardships.recordDecision({ organization: org(), hardshipId: hardship.id, decision: "approved", decidedOn: "2018-11-02", expectedVersion: hardship.version });
    detail = await admin().tins.get({ organization: org(), tinId: tin.id, performanceYear: 2018 });
    expect(detail.status.group.reweighted).toBe(true);
    expect(detail.status.blocking).toEqual([]);
    expect(detail.hardships[0]).toMatchObject({ status: "approved", deadline: "2018-12-31" });
    expect((await admin().clinicians.list({ organization: org(), tinId: tin.id, reweighting: "blocking", performanceYear: 2018 })).total).toBe(0);
    expect((await admin().clinicians.list({ organization: org(), tinId: tin.id, reweighting: "reweighted", performanceYear: 2018 })).total).toBe(3);

    // A stale status change is refused.
    await expect(admin().hardships.recordDecision({ organization: org(), hardshipId: hardship.id, decision: "dismissed", decidedOn: "2018-11-03", expectedVersion: hardship.version })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("archiving the clinician who blocks a TIN does not reweight it: they billed under the TIN in the year and are still named", async () => {
    const { tin, clinicians } = await tinWith("Archived Blocker", [
      { lastName: "Nurse", type: "NP" },
      { lastName: "Archived", type: "physician" },
    ]);
    const blocker = clinicians[1]!;
    await admin().clinicians.archive({ organization: org(), clinicianId: blocker.id, expectedVersion: blocker.version, archived: true });
    for (const [archiveTin, label] of [[false, "clinician archived"], [true, "TIN archived too"]] as const) {
      if (archiveTin) await admin().tins.archive({ organization: org(), tinId: tin.id, expectedVersion: tin.version, archived: true });
      const detail = await admin().tins.get({ organization: org(), tinId: tin.id, performanceYear: 2018 });
      expect(detail.status.group.reweighted, label).toBe(false);
      expect(detail.status.clinicianCount, label).toBe(2);
      expect(detail.status.blocking, label).toEqual([expect.objectContaining({ clinicianId: blocker.id, name: "Dr Archived" })]);
      // The list hides archived clinicians unless asked; asked, the blocker is found by the same filter.
      const listed = (includeArchived: boolean) => admin().clinicians.list({ organization: org(), tinId: tin.id, reweighting: "blocking", includeArchived, performanceYear: 2018 });
      expect((await listed(false)).total, label).toBe(0);
      expect((await listed(true)).clinicians.map((c) => c.id), label).toEqual([blocker.id]);
      // Their own record still shows them blocking the TIN in 2018.
      const record = await admin().clinicians.get({ organization: org(), clinicianId: blocker.id, performanceYear: 2018 });
      expect(record.tins.map((t) => [t.tinId, t.reweighting.qualifies]), label).toEqual([[tin.id, false]]);
    }
  });

  it("a TIN-wide approved hardship covers every clinician of the TIN", async () => {
    const { tin } = await tinWith("Whole TIN", [{ lastName: "One", type: "physician" }, { lastName: "Two", type: "physician" }]);
    const h = await admin().hardships.file({ organization: org(), tinId: tin.id, performanceYear: 2018, reason: "smallPractice", filedOn: "2018-06-01" });
    await admin().hardships.recordDecision({ organization: org(), hardshipId: h.id, decision: "approved", decidedOn: "2018-07-01", expectedVersion: 1 });
    const detail = await admin().tins.get({ organization: org(), tinId: tin.id, performanceYear: 2018 });
    expect(detail.status.group.reweighted).toBe(true);
    expect(detail.status.smallPractice).toBe(true);
  });
});

describe("hardship applications", () => {
  it("filing after December 31 of the performance year is refused, saying why; nothing is written", async () => {
    const { tin } = await tinWith("Late Filer", [{ lastName: "Late", type: "physician" }]);
    const error = await admin().hardships.file({ organization: org(), tinId: tin.id, performanceYear: 2018, reason: "smallPractice", filedOn: "2019-01-02" }).catch((e: unknown) => e as TRPCError);
    expect(error).toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/had to be filed by December 31, 2018/) });
    expect(issuesOf(error)).toEqual([{ path: "filedOn", message: expect.stringMatching(/on or before 2018-12-31/) }]);
    // "Today" defaults the filing date: on 2019-01-02 a 2018 application is late, on 2018-12-31 it is on time.
    await expect(fileHardship(database.db, tenant.adminScope, { tinId: tin.id, performanceYear: 2018, reason: "smallPractice", now: new Date("2019-01-02T09:00:00Z") })).rejects.toThrow(/December 31, 2018/);
    const onTime = await fileHardship(database.db, tenant.adminScope, { tinId: tin.id, performanceYear: 2018, reason: "smallPractice", now: new Date("2018-12-31T12:00:00Z") });
    expect(onTime.filedOn).toBe("2018-12-31");
    const list = await admin().hardships.list({ organization: org(), tinId: tin.id });
    expect(list.total).toBe(1);
  });

  it("extreme and uncontrollable circumstances need the kind and both dates; a future filing date is refused", async () => {
    const { tin } = await tinWith("Storm", [{ lastName: "Storm", type: "physician" }]);
    const error = await admin().hardships.file({ organization: org(), tinId: tin.id, performanceYear: 2018, reason: "extremeAndUncontrollableCircumstances", filedOn: "2018-09-01" }).catch((e: unknown) => e);
    expect(issuesOf(error).map((i) => i.path)).toEqual(["circumstanceKind", "circumstanceStart", "circumstanceEnd"]);
    const ok = await admin().hardships.file({
      organization: org(), tinId: tin.id, performanceYear: 2018, reason: "extremeAndUncontrollableCircumstances",
      circumstanceKind: "disaster", circumstanceStart: "2018-09-10", circumstanceEnd: "2018-10-20", filedOn: "2018-11-01",
    });
    expect(ok).toMatchObject({ circumstanceKind: "disaster", status: "pending" });
    await expect(fileHardship(database.db, tenant.adminScope, { tinId: tin.id, performanceYear: 2018, reason: "smallPractice", filedOn: "2018-12-01", now: new Date("2018-11-01T00:00:00Z") })).rejects.toThrow(/in the future/);
  });

  it("role matrix: executives list but cannot file or approve; clinicians cannot list; other organizations get NOT_FOUND", async () => {
    const { tin } = await tinWith("Roles", [{ lastName: "Roles", type: "physician" }]);
    const h = await admin().hardships.file({ organization: org(), tinId: tin.id, performanceYear: 2018, reason: "smallPractice", filedOn: "2018-05-05" });
    const exec = callerAs(database.db, tenant.executive);
    expect((await exec.hardships.list({ organization: org() })).total).toBeGreaterThan(0);
    await expect(exec.hardships.recordDecision({ organization: org(), hardshipId: h.id, decision: "approved", decidedOn: "2018-12-01", expectedVersion: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerAs(database.db, tenant.clinician).hardships.list({ organization: org() })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerAs(database.db, other.admin).hardships.recordDecision({ organization: other.organization.slug, hardshipId: h.id, decision: "approved", decidedOn: "2018-12-01", expectedVersion: 1 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(callerAs(database.db, other.admin).hardships.file({ organization: other.organization.slug, tinId: tin.id, performanceYear: 2018, reason: "smallPractice", filedOn: "2018-05-05" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("virtual groups", () => {
  it("election after December 31 of the year before is refused; on time it is created", async () => {
    const error = await admin().virtualGroups.create({ organization: org(), performanceYear: 2018, name: "Too Late VG", electionDate: "2018-01-02" }).catch((e: unknown) => e as TRPCError);
    expect(error).toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/had to elect by December 31, 2017/) });
    expect(issuesOf(error)[0]).toMatchObject({ path: "electionDate" });
    await expect(createVirtualGroup(database.db, tenant.adminScope, { performanceYear: 2018, name: "Future", electionDate: "2017-12-01", now: new Date("2017-11-01T00:00:00Z") })).rejects.toThrow(/in the future/);
    const vg = await admin().virtualGroups.create({ organization: org(), performanceYear: 2018, name: "On Time VG", cmsId: "x12345", electionDate: "2017-12-15" });
    expect(vg).toMatchObject({ name: "On Time VG", cmsId: "x12345", version: 1 });
  });

  it("refuses a member TIN with more than 10 eligible clinicians, or already in another virtual group, naming the TIN and the count; computes the 100% rule across member TINs", async () => {
    const big = await tinWith("Big Practice", Array.from({ length: 11 }, (_, i) => ({ lastName: `Big${i}`, type: "physician" as const })));
    const small1 = await tinWith("Small One", [{ lastName: "SmallNP", type: "NP" }]);
    const small2 = await tinWith("Small Two", [{ lastName: "SmallDoc", type: "physician" }]);
    const vg = await admin().virtualGroups.create({ organization: org(), performanceYear: 2018, name: "Small Practices VG", electionDate: "2017-11-30" });
    const otherVg = await admin().virtualGroups.create({ organization: org(), performanceYear: 2018, name: "Other VG", electionDate: "2017-11-30" });
    const tooBig = await admin().virtualGroups.addTin({ organization: org(), virtualGroupId: vg.id, tinId: big.tin.id }).catch((e: unknown) => e as TRPCError);
    expect(tooBig).toMatchObject({ code: "BAD_REQUEST" });
    expect((tooBig as TRPCError).message).toContain(`TIN ${big.tin.tinDisplay} (Big Practice) has 11 eligible clinicians in 2018`);
    await admin().virtualGroups.addTin({ organization: org(), virtualGroupId: vg.id, tinId: small1.tin.id });
    await admin().virtualGroups.addTin({ organization: org(), virtualGroupId: vg.id, tinId: small2.tin.id });
    const taken = await admin().virtualGroups.addTin({ organization: org(), virtualGroupId: otherVg.id, tinId: small1.tin.id }).catch((e: unknown) => e as TRPCError);
    expect(taken).toMatchObject({ code: "CONFLICT", message: expect.stringContaining(`TIN ${small1.tin.tinDisplay} (Small One) is already in the virtual group "Small Practices VG" for 2018`) });

    const detail = await admin().virtualGroups.get({ organization: org(), virtualGroupId: vg.id });
    expect(detail.tins.map((t) => t.name)).toEqual(["Small One", "Small Two"]);
    expect(detail.status.group.reweighted).toBe(false);
    expect(detail.status.blocking.map((b) => b.name)).toEqual(["Dr SmallDoc"]);
    const tinPage = await admin().tins.get({ organization: org(), tinId: small2.tin.id, performanceYear: 2018 });
    expect(tinPage.virtualGroup).toMatchObject({ id: vg.id, name: "Small Practices VG" });

    await expect(callerAs(database.db, tenant.executive).virtualGroups.addTin({ organization: org(), virtualGroupId: vg.id, tinId: big.tin.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerAs(database.db, other.admin).virtualGroups.get({ organization: other.organization.slug, virtualGroupId: vg.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
