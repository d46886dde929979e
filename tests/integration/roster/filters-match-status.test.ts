/**
 * The clinician list filters eligibility and reweighting in SQL (clinician-filters.ts) while the status
 * columns come from lib/mips. On a varied roster (every type, figures around both thresholds, flags,
 * hardships of every status, memberships in and out of the year, PI data submitted for some TIN/NPI pairs
 * in the year and some in another year, archived clinicians and an archived TIN, a TIN reporting as a
 * group), both must select the same clinicians.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { measureReports } from "@/db/schema";
import { CLINICIAN_TYPES, HARDSHIP_STATUSES, isMipsEligibleType } from "@/lib/mips";
import { archiveClinician, createClinician } from "@/server/services/roster/clinicians";
import { changeHardshipStatus, fileHardship } from "@/server/services/roster/hardships";
import { addMembership, setYearStatus } from "@/server/services/roster/tin-memberships";
import { archiveTin, createTin } from "@/server/services/roster/tins";
import { setReportingChoice } from "@/server/services/cehrt/aggregation";
import { clinicianStatuses } from "@/server/services/roster/status";
import { listClinicians } from "@/server/services/roster/clinicians";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { createTestTenant, type TestTenant } from "../helpers/tenant";
import { uniqueNpi, uniqueTin } from "./roster-fixtures";
import { pickWith, seededRandom } from "../../support/rng";

let database: TestDatabase;
let tenant: TestTenant;

beforeAll(async () => {
  database = await createTestDatabase();
  tenant = await createTestTenant(database.db, "filters");
  const db = database.db;
  const scope = tenant.adminScope;
  const random = seededRandom(2018);
  const pick = <T,>(items: readonly T[]) => pickWith(random, items);
  const tins = [];
  for (let i = 0; i < 3; i++) tins.push(await createTin(db, scope, { tin: uniqueTin(), name: `Filter TIN ${i}` }));
  // TIN 0 reports as a group in 2018 (low-volume threshold on its combined figures), TIN 1 individually
  // in 2018 and as a group in 2017 only (which must not count for 2018).
  await setReportingChoice(db, scope, { tinId: tins[0]!.id, performanceYear: 2018, mode: "group" });
  await setReportingChoice(db, scope, { tinId: tins[1]!.id, performanceYear: 2018, mode: "individual" });
  await setReportingChoice(db, scope, { tinId: tins[1]!.id, performanceYear: 2017, mode: "group" });
  for (let i = 0; i < 40; i++) {
    const c = await createClinician(db, scope, { npi: uniqueNpi(), firstName: `F${i}`, lastName: `Filter${i}`, clinicianType: pick(CLINICIAN_TYPES) });
    for (const tin of tins) {
      if (random() < 0.4) continue;
      const start = pick(["2016-05-01", "2018-03-01", "2019-02-01"]);
      const m = await addMembership(db, scope, { tinId: tin.id, clinicianId: c.id, startDate: start, endDate: random() < 0.2 ? "2017-06-30" > start ? "2017-06-30" : null : null });
      if (random() < 0.8) {
        await setYearStatus(db, scope, {
          membershipId: m.id,
          performanceYear: 2018,
          allowedChargesCents: pick([0, 90_000_00, 90_000_01, 500_000_00]),
          partBBeneficiaries: pick([0, 200, 201, 900]),
          nonPatientFacing: random() < 0.15,
          hospitalBased: random() < 0.15,
          ascBased: random() < 0.1,
          rural: random() < 0.3,
          hpsa: random() < 0.2,
          newlyEnrolled: random() < 0.1,
          advancedApmQp: random() < 0.1,
        });
      }
      if (random() < 0.3) {
        // A TIN-wide application already pending for the TIN cannot be filed again (CONFLICT): skip it then.
        const h = await fileHardship(db, scope, { tinId: tin.id, clinicianId: random() < 0.8 ? c.id : null, performanceYear: 2018, reason: "smallPractice", filedOn: "2018-06-01", now: new Date("2018-07-01") }).catch(
          (error: unknown) => {
            if ((error as { code?: unknown }).code === "CONFLICT") return null;
            throw error;
          },
        );
        const status = pick(HARDSHIP_STATUSES);
        if (h && status !== "pending") await changeHardshipStatus(db, scope, { hardshipId: h.id, status, expectedVersion: h.version, now: new Date("2018-08-01") });
      }
      // PI data for the pair: in 2018 (cancels reweighting), or in 2017 only (must not count for 2018).
      const data = random();
      if (data < 0.35) {
        const year = data < 0.28 ? 2018 : 2017;
        await db.insert(measureReports).values({
          organizationId: tenant.organization.id,
          tinId: tin.id,
          clinicianId: c.id,
          performanceYear: year,
          performanceStart: `${year}-01-01`,
          performanceEnd: `${year}-03-31`,
          sourceKind: "manual",
        });
      }
    }
    // Archived clinicians still count for the year they billed in (archiving tidies lists only).
    if (i % 9 === 4) await archiveClinician(db, scope, { clinicianId: c.id, expectedVersion: c.version, archived: true });
  }
  // So do the memberships of an archived TIN.
  await archiveTin(db, scope, { tinId: tins[2]!.id, expectedVersion: tins[2]!.version, archived: true });
});
afterAll(() => database.close());

async function idsBy(filter: Omit<Parameters<typeof listClinicians>[3], "page" | "pageSize">) {
  const page = await listClinicians(database.db, tenant.adminScope, { role: "admin", userId: tenant.admin.id }, { ...filter, includeArchived: true, page: 1, pageSize: 200 });
  return page.clinicians.map((c) => c.id).sort();
}

describe("SQL filters agree with lib/mips statuses", () => {
  it("for every eligibility and reweighting filter, with and without a TIN", async () => {
    const statuses = await clinicianStatuses(database.db, tenant.adminScope, {}, 2018, { countSubmittedData: true });
    const expected = (predicate: (s: (typeof statuses)[number]) => boolean, tinId?: string) =>
      [...new Set(statuses.filter((s) => (!tinId || s.tinId === tinId) && predicate(s)).map((s) => s.clinicianId))].sort();
    const eligibility = {
      eligible: (s: (typeof statuses)[number]) => s.eligibility?.status === "eligible",
      exempt: (s: (typeof statuses)[number]) => s.eligibility?.status === "exempt",
      noFigures: (s: (typeof statuses)[number]) => s.eligibility === null && isMipsEligibleType(s.clinicianType),
      notEligibleType: (s: (typeof statuses)[number]) => !isMipsEligibleType(s.clinicianType),
    } as const;
    const reweighting = {
      reweighted: (s: (typeof statuses)[number]) => s.reweighting.reweighted,
      dataSubmitted: (s: (typeof statuses)[number]) => s.reweighting.qualifies && !s.reweighting.reweighted,
      blocking: (s: (typeof statuses)[number]) => isMipsEligibleType(s.clinicianType) && !s.reweighting.qualifies,
    } as const;
    const tinIds = [undefined, ...new Set(statuses.map((s) => s.tinId))];
    let nonEmpty = 0;
    for (const tinId of tinIds) {
      for (const [key, predicate] of Object.entries(eligibility)) {
        const want = expected(predicate, tinId);
        nonEmpty += want.length > 0 ? 1 : 0;
        expect(await idsBy({ performanceYear: 2018, tinId, eligibility: key as keyof typeof eligibility }), `eligibility=${key} tin=${tinId}`).toEqual(want);
      }
      for (const [key, predicate] of Object.entries(reweighting)) {
        const want = expected(predicate, tinId);
        nonEmpty += want.length > 0 ? 1 : 0;
        expect(await idsBy({ performanceYear: 2018, tinId, reweighting: key as keyof typeof reweighting }), `reweighting=${key} tin=${tinId}`).toEqual(want);
      }
    }
    // The roster is varied enough for the comparison to mean something.
    expect(nonEmpty).toBeGreaterThan(18);
    expect(statuses.some((s) => s.reweighting.qualifies && !s.reweighting.reweighted)).toBe(true);
    expect(statuses.some((s) => s.reweighting.qualifies && s.reweighting.reweighted)).toBe(true);
    expect(statuses.some((s) => s.tinName === "Filter TIN 2")).toBe(true);
    // Group reporting changed someone's status: exempt on their own figures, eligible on the group's.
    expect(statuses.some((s) => s.tinName === "Filter TIN 0" && s.eligibility?.status === "eligible" && s.figures!.partBBeneficiaries <= 200)).toBe(true);
  });
});
