/**
 * The aggregates maintained on write equal a full recomputation from the detail rows, after random
 * imports (new and replacing reports), manual entries, edits that move a report to another period or
 * product, deletes, and cascades (a clinician deleted with their reports). Likewise the stored per-TIN
 * reweighting summaries equal `tinStatuses` (every membership loaded) after random roster changes, and
 * the overview (rollups) equals each TIN's dashboard (its individual reports). Seeded: ROLLUP_SEED replays.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { clinicians, measureReportClinicianRollups, measureReportRollups, measureReports, measureValueRollups, measureValues, membershipYears, tinMemberships } from "@/db/schema";
import { syntheticNpi } from "@/lib/roster/generate";
import { commitImport } from "@/server/services/cehrt/imports";
import { createProduct } from "@/server/services/cehrt/products";
import { deleteReport, saveManualReport } from "@/server/services/cehrt/reports";
import { setReportingChoice, tinAggregation } from "@/server/services/cehrt/aggregation";
import { loadReports } from "@/server/services/cehrt/load";
import { individualAggregation, individualScoreSummary } from "@/server/services/cehrt/scores";
import { groupSummary, summarizeScore } from "@/server/services/dashboards/summary";
import { organizationOverview } from "@/server/services/dashboards/overview";
import { measureRows, tinDashboard, vendorShares } from "@/server/services/dashboards/tin";
import { whatIf } from "@/server/services/dashboards/what-if";
import { createClinician, updateClinician } from "@/server/services/roster/clinicians";
import { changeHardshipStatus, fileHardship } from "@/server/services/roster/hardships";
import { tinStatuses } from "@/server/services/roster/status";
import { reweightingSummaries } from "@/server/services/roster/tin-summary";
import { addMembership, setYearStatus, updateMembership } from "@/server/services/roster/tin-memberships";
import { createTin } from "@/server/services/roster/tins";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { createTestTenant, type TestTenant } from "../helpers/tenant";
import { pickWith, seededRandom } from "../../support/rng";

const SEED = Number(process.env.ROLLUP_SEED ?? Date.now() % 100_000);
const YEAR = 2026;
const PERIODS = [["2026-01-01", "2026-06-30"], ["2026-07-01", "2026-12-31"]] as const;
const ADMIN = { userId: "00000000-0000-0000-0000-000000000000", role: "admin" as const };
const VIEWER = { userId: "00000000-0000-0000-0000-000000000000", role: "executive" as const };

const random = seededRandom(SEED);
const pick = <T>(xs: readonly T[]): T => pickWith(random, xs);
const chance = (p: number) => random() < p;

let database: TestDatabase;
let t: TestTenant;
interface TinFixture { id: string; tin: string; cehrtIds: string[]; productIds: string[]; clinicians: { id: string; npi: string }[] }
const tinFixtures: TinFixture[] = [];
const FIGURES = { nonPatientFacing: false, hospitalBased: false, ascBased: false, rural: false, hpsa: false, allowedChargesCents: 200_000_00, partBBeneficiaries: 500, newlyEnrolled: false, advancedApmQp: false };

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  t = await createTestTenant(db, "rollups");
  const scope = t.adminScope;
  // Sizes around the small-practice line (15 eligible clinicians): 5, 12 and 18.
  for (const [i, size] of [5, 12, 18].entries()) {
    const tin = await createTin(db, scope, { tin: `55500000${i}`, name: `Rollup Practice ${i}` });
    const fixture: TinFixture = { id: tin.id, tin: tin.tin, cehrtIds: [], productIds: [], clinicians: [] };
    for (const v of [0, 1]) {
      const cehrtId = `0015E${i}${v}ROLLUP00`.padEnd(15, "0").slice(0, 15);
      const p = await createProduct(db, scope, { tinId: tin.id, vendor: `Vendor ${v}`, productName: `EHR ${v}`, cehrtId });
      fixture.cehrtIds.push(cehrtId);
      fixture.productIds.push(p.id);
    }
    for (let c = 0; c < size; c++) {
      const npi = syntheticNpi(55_000_000 + i * 100 + c);
      const clinician = await createClinician(db, scope, { npi, firstName: `F${c}`, lastName: `T${i}`, clinicianType: c % 6 === 5 ? "NP" : "physician", userId: null });
      const m = await addMembership(db, scope, { tinId: tin.id, clinicianId: clinician.id, startDate: "2020-01-01" });
      await setYearStatus(db, scope, { membershipId: m.id, performanceYear: YEAR, ...FIGURES });
      fixture.clinicians.push({ id: clinician.id, npi });
    }
    await setReportingChoice(db, scope, { tinId: tin.id, performanceYear: YEAR, mode: "group", performanceStart: PERIODS[0][0], performanceEnd: PERIODS[0][1] });
    tinFixtures.push(fixture);
  }
  console.log(`rollups test: ROLLUP_SEED=${SEED}`);
});
afterAll(() => database.close());

const key = (...parts: unknown[]) => parts.map((p) => String(p ?? "")).join("|");

/** Rollups recomputed from every stored value and report of the organization, in the rollups' shape. */
async function recomputed() {
  const db = database.db;
  const orgId = t.organization.id;
  const reports = await db.select().from(measureReports).where(eq(measureReports.organizationId, orgId));
  const values = await db.select().from(measureValues).where(eq(measureValues.organizationId, orgId));
  const reportOf = new Map(reports.map((r) => [r.id, r]));
  const sums = new Map<string, { valueCount: number; rateCount: number; numeratorSum: number; denominatorSum: number; yesCount: number; noCount: number }>();
  for (const v of values) {
    const r = reportOf.get(v.reportId)!;
    const k = key(r.performanceYear, r.tinId, r.productId, r.performanceStart, r.performanceEnd, v.measureId);
    const s = sums.get(k) ?? { valueCount: 0, rateCount: 0, numeratorSum: 0, denominatorSum: 0, yesCount: 0, noCount: 0 };
    s.valueCount++;
    if (v.numerator !== null) {
      s.rateCount++;
      s.numeratorSum += v.numerator;
      s.denominatorSum += v.denominator!;
    }
    if (v.yesNo === true) s.yesCount++;
    if (v.yesNo === false) s.noCount++;
    sums.set(k, s);
  }
  const counts = new Map<string, { reportCount: number; wholeTinReportCount: number }>();
  const perClinician = new Map<string, number>();
  for (const r of reports) {
    const k = key(r.performanceYear, r.tinId, r.productId, r.performanceStart, r.performanceEnd);
    const c = counts.get(k) ?? { reportCount: 0, wholeTinReportCount: 0 };
    c.reportCount++;
    if (r.clinicianId === null) c.wholeTinReportCount++;
    counts.set(k, c);
    const pk = key(r.performanceYear, r.tinId, r.clinicianId);
    perClinician.set(pk, (perClinician.get(pk) ?? 0) + 1);
  }
  return { sums, counts, perClinician };
}

async function stored() {
  const db = database.db;
  const orgId = t.organization.id;
  const sums = new Map(
    (await db.select().from(measureValueRollups).where(eq(measureValueRollups.organizationId, orgId))).map((r) => [
      key(r.performanceYear, r.tinId, r.productId, r.performanceStart, r.performanceEnd, r.measureId),
      { valueCount: r.valueCount, rateCount: r.rateCount, numeratorSum: Number(r.numeratorSum), denominatorSum: Number(r.denominatorSum), yesCount: r.yesCount, noCount: r.noCount },
    ]),
  );
  const counts = new Map(
    (await db.select().from(measureReportRollups).where(eq(measureReportRollups.organizationId, orgId))).map((r) => [
      key(r.performanceYear, r.tinId, r.productId, r.performanceStart, r.performanceEnd),
      { reportCount: r.reportCount, wholeTinReportCount: r.wholeTinReportCount },
    ]),
  );
  const perClinician = new Map(
    (await db.select().from(measureReportClinicianRollups).where(eq(measureReportClinicianRollups.organizationId, orgId))).map((r) => [key(r.performanceYear, r.tinId, r.clinicianId), r.reportCount]),
  );
  return { sums, counts, perClinician };
}

/** Random values; the SRA answer varies only in the first TIN (its products then disagree: aggregated from reports), elsewhere it is "yes" (product sums). */
function randomValues(tin?: TinFixture) {
  const rate = (measureId: string) => {
    const denominator = 1 + Math.floor(random() * 200);
    return { measureId, numerator: Math.floor(random() * (denominator + 1)), denominator, yesNo: null };
  };
  const yesNo = (measureId: string) => ({ measureId, numerator: null, denominator: null, yesNo: chance(0.8) });
  const sra = tin === tinFixtures[0] ? yesNo("PI_PPHI_1") : { measureId: "PI_PPHI_1", numerator: null, denominator: null, yesNo: true };
  return [rate("PI_EP_1"), rate("PI_PEA_1"), ...(chance(0.7) ? [rate("PI_HIE_1")] : []), sra, ...(chance(0.5) ? [yesNo("PI_PHCDRR_1")] : [])];
}

function csvOf(rows: { tin: TinFixture; npi: string; cehrtId: string; period: readonly [string, string]; values: ReturnType<typeof randomValues> }[]) {
  const lines = ["performance_year,tin,npi,cehrt_id,performance_start,performance_end,measure_id,numerator,denominator,yes_no"];
  for (const r of rows) {
    for (const v of r.values) {
      lines.push([YEAR, r.tin.tin, r.npi, r.cehrtId, r.period[0], r.period[1], v.measureId, v.numerator ?? "", v.denominator ?? "", v.yesNo === null ? "" : v.yesNo ? "yes" : "no"].join(","));
    }
  }
  return lines.join("\n");
}

/**
 * Refusals the random steps may meet, which change nothing (imports and saves are all or nothing): the report
 * exists already (CONFLICT), or the clinician's membership no longer covers the period (a roster step of
 * another test ended it; the tests run in any order).
 */
function expectedRefusal(error: unknown): boolean {
  const e = error as { code?: string; issues?: { message: string }[] };
  if (e.code === "CONFLICT") return true;
  return e.code === "BAD_INPUT" && (e.issues?.length ?? 0) > 0 && e.issues!.every((i) => /is not on the roster of TIN|does not bill under/.test(i.message));
}

async function randomDataChange(step: number) {
  const db = database.db;
  const scope = t.adminScope;
  const tin = pick(tinFixtures);
  const live = tin.clinicians;
  const roll = random();
  if (roll < 0.35 && live.length > 0) {
    // An import of a few clinicians' reports (some replace stored ones: same TIN/NPI/product/period).
    const rows = Array.from({ length: 1 + Math.floor(random() * 5) }, () => ({ tin, npi: pick(live).npi, cehrtId: pick(tin.cehrtIds), period: pick(PERIODS), values: randomValues(tin) }));
    const unique = [...new Map(rows.map((r) => [key(r.npi, r.cehrtId, r.period[0]), r])).values()];
    await commitImport(db, scope, { files: [{ fileName: `step-${step}.csv`, content: Buffer.from(csvOf(unique)) }] }).catch((error: unknown) => {
      if (!expectedRefusal(error)) throw error;
    });
  } else if (roll < 0.55) {
    const clinician = chance(0.2) ? null : live.length > 0 ? pick(live) : null;
    const period = pick(PERIODS);
    await saveManualReport(db, scope, ADMIN, {
      tinId: tin.id, clinicianId: clinician?.id ?? null, productId: pick(tin.productIds), performanceYear: YEAR, performanceStart: period[0], performanceEnd: period[1], values: randomValues(tin),
    }).catch((error: unknown) => {
      if (!expectedRefusal(error)) throw error; // that report exists already, or the membership ended: fine
    });
  } else if (roll < 0.75) {
    // An edit: new values, and sometimes another period or product (the report's key moves).
    const [report] = await db.select().from(measureReports).where(and(eq(measureReports.organizationId, t.organization.id), eq(measureReports.tinId, tin.id))).limit(1).offset(Math.floor(random() * 5));
    if (!report) return;
    const period = chance(0.5) ? pick(PERIODS) : ([report.performanceStart, report.performanceEnd] as const);
    await saveManualReport(db, scope, ADMIN, {
      reportId: report.id, expectedVersion: report.version, tinId: tin.id, clinicianId: report.clinicianId, productId: chance(0.5) ? pick(tin.productIds) : report.productId!,
      performanceYear: YEAR, performanceStart: period[0], performanceEnd: period[1], values: randomValues(tin),
    }).catch((error: unknown) => {
      if (!expectedRefusal(error)) throw error;
    });
  } else if (roll < 0.95) {
    const [report] = await db.select().from(measureReports).where(and(eq(measureReports.organizationId, t.organization.id), eq(measureReports.tinId, tin.id))).limit(1).offset(Math.floor(random() * 5));
    if (report) await deleteReport(db, scope, ADMIN, { reportId: report.id, expectedVersion: report.version });
  } else if (live.length > 3) {
    // A clinician deleted outright: their reports and values cascade.
    const gone = live.splice(Math.floor(random() * live.length), 1)[0]!;
    await db.delete(clinicians).where(and(eq(clinicians.organizationId, t.organization.id), eq(clinicians.id, gone.id)));
  }
}

async function randomRosterChange() {
  const db = database.db;
  const scope = t.adminScope;
  const tin = pick(tinFixtures);
  if (tin.clinicians.length === 0) return;
  const c = pick(tin.clinicians);
  const [m] = await db.select().from(tinMemberships).where(and(eq(tinMemberships.organizationId, t.organization.id), eq(tinMemberships.tinId, tin.id), eq(tinMemberships.clinicianId, c.id)));
  const roll = random();
  if (roll < 0.3) {
    const [y] = await db.select().from(membershipYears).where(and(eq(membershipYears.organizationId, t.organization.id), eq(membershipYears.membershipId, m!.id), eq(membershipYears.performanceYear, YEAR)));
    await setYearStatus(db, scope, { membershipId: m!.id, performanceYear: YEAR, ...FIGURES, hospitalBased: chance(0.6), nonPatientFacing: chance(0.2), expectedVersion: y?.version });
  } else if (roll < 0.5) {
    // The same application already pending cannot be filed again (CONFLICT): then nothing changes.
    const h = await fileHardship(db, scope, { tinId: tin.id, clinicianId: chance(0.15) ? null : c.id, performanceYear: YEAR, reason: "extremeAndUncontrollableCircumstances", circumstanceKind: "disaster", circumstanceStart: "2026-02-01", circumstanceEnd: "2026-03-01", filedOn: "2026-04-01", notes: null, now: new Date("2026-05-01T12:00:00Z") }).catch(
      (error: unknown) => {
        if ((error as { code?: string }).code === "CONFLICT") return null;
        throw error;
      },
    );
    if (h && chance(0.7)) await changeHardshipStatus(db, scope, { hardshipId: h.id, status: chance(0.7) ? "approved" : "dismissed", expectedVersion: h.version, now: new Date("2026-05-02T12:00:00Z") });
  } else if (roll < 0.7) {
    // The membership ends before the year, or runs through it again.
    await updateMembership(db, scope, { membershipId: m!.id, startDate: "2020-01-01", endDate: chance(0.5) ? "2025-06-30" : null, expectedVersion: m!.version });
  } else {
    const [row] = await db.select().from(clinicians).where(and(eq(clinicians.organizationId, t.organization.id), eq(clinicians.id, c.id)));
    await updateClinician(db, scope, { clinicianId: c.id, expectedVersion: row!.version, npi: row!.npi, firstName: row!.firstName, lastName: row!.lastName, clinicianType: pick(["physician", "NP", "other"] as const), userId: null });
  }
}

/**
 * The comparisons below need data: the random changes run once, inside the first test that needs them
 * (the tests run in any order), checking the rollups every 6 steps.
 */
let randomData: Promise<void> | null = null;
function withRandomData(): Promise<void> {
  randomData ??= (async () => {
    for (let step = 0; step < 60; step++) {
      await randomDataChange(step);
      if (step % 6 === 5) expect(await stored(), `after step ${step} (ROLLUP_SEED=${SEED})`).toEqual(await recomputed());
    }
  })();
  return randomData;
}

describe("aggregates maintained on write", () => {
  it("equal a full recomputation after random imports, edits, deletes and cascades", async () => {
    await withRandomData();
    const final = await recomputed();
    expect(final.sums.size).toBeGreaterThan(0);
    expect(await stored()).toEqual(final);
  });

  it("stored reweighting summaries equal the statuses of every membership after random roster changes", async () => {
    const db = database.db;
    const tinIds = tinFixtures.map((f) => f.id);
    for (let step = 0; step < 30; step++) {
      await randomRosterChange();
      if (step % 3 !== 2) continue;
      const [summaries, statuses] = await Promise.all([reweightingSummaries(db, t.adminScope, tinIds, YEAR), tinStatuses(db, t.adminScope, tinIds, YEAR)]);
      for (const tinId of tinIds) {
        const s = statuses.get(tinId)!;
        expect(summaries.get(tinId), `TIN ${tinId} after step ${step} (ROLLUP_SEED=${SEED})`).toEqual({
          tinId,
          clinicianCount: s.clinicianCount,
          eligibleClinicianCount: s.eligibleClinicianCount,
          smallPractice: s.smallPractice,
          groupQualifiesForReweighting: s.group.reweighted,
          blockingCount: s.blocking.length,
        });
      }
    }
  });

  it("the overview and what-if (from rollups and summaries) equal each TIN's dashboard (from its reports and roster)", async () => {
    await withRandomData();
    const db = database.db;
    const overview = await organizationOverview(db, t.adminScope, { performanceYear: YEAR });
    // Both ways are compared: TINs from product sums and the one whose SRA answers differ inside a product.
    expect(overview.tins.some((r) => r.aggregatedFrom === "productSums" && r.status === "scored")).toBe(true);
    for (const row of overview.tins) {
      const dashboard = await tinDashboard(db, t.adminScope, VIEWER, { tinId: row.tinId, performanceYear: YEAR, today: "2026-11-23", clinicianPage: 1, clinicianPageSize: 25 });
      const { status, piScore, finalScorePoints, breakdown, baseMet, attestationsComplete } = dashboard.group;
      expect({ status: row.status, piScore: row.piScore, finalScorePoints: row.finalScorePoints, breakdown: row.breakdown, baseMet: row.baseMet, attestationsComplete: row.attestationsComplete }).toEqual({
        status, piScore, finalScorePoints, breakdown, baseMet, attestationsComplete,
      });
      // The dashboard's group (product sums) equals the aggregation of every report of the TIN.
      const exact = (await tinAggregation(db, t.adminScope, { tinId: row.tinId, performanceYear: YEAR })).aggregation;
      expect(dashboard.group).toEqual(groupSummary(exact, dashboard.reweighting.groupQualifies));
      expect(dashboard.measures).toEqual(measureRows(exact.score));
      expect({ included: dashboard.includedReports, excluded: dashboard.excludedReports }).toEqual({ included: exact.included.length, excluded: exact.excluded.length });
      const byKey = (xs: { measureId: string; vendor: string }[]) => [...xs].sort((a, b) => `${a.measureId}|${a.vendor}`.localeCompare(`${b.measureId}|${b.vendor}`));
      expect(byKey(dashboard.vendorShares)).toEqual(byKey(vendorShares(exact)));
      expect(row.groupQualifiesForReweighting).toBe(dashboard.reweighting.groupQualifies);
      expect(row.blockingCount).toBe(dashboard.reweighting.blockers.length);
      expect(row.clinicianCount).toBe(dashboard.clinicians.total);
      if (row.status === "scored") {
        const w = await whatIf(db, t.adminScope, { tinId: row.tinId, performanceYear: YEAR, overrides: [] });
        expect(w.before.piScore).toBe(piScore);
        expect(w.before.measures).toEqual(dashboard.measures);
      }
    }
  });

  it("an individual scored from its one report equals the individual aggregation of its reports (the TIN dashboard's shortcut)", async () => {
    await withRandomData();
    const db = database.db;
    let shortcuts = 0;
    for (const tin of tinFixtures) {
      const reports = await loadReports(db, t.adminScope, { tinIds: [tin.id], performanceYear: YEAR });
      const chosen = { start: PERIODS[0][0], end: PERIODS[0][1] };
      for (const c of tin.clinicians) {
        const own = reports.filter((r) => r.clinicianId === c.id);
        if (own.length === 0) continue;
        for (const period of [chosen, null]) {
          const fast = individualScoreSummary(c.id, own, period);
          const full = individualAggregation(own, period);
          if (own.filter((r) => !period || (r.performanceStart === period.start && r.performanceEnd === period.end)).length === 1) shortcuts++;
          expect(summarizeScore(fast.score, fast.submission, fast.problems.map((p) => p.message)), `NPI ${c.npi} (ROLLUP_SEED=${SEED})`).toEqual(
            summarizeScore(full.aggregation.score, full.submission, [...full.aggregation.problems, ...full.aggregation.scoreProblems].map((p) => p.message)),
          );
          expect(fast.score?.measures ?? null).toEqual(full.aggregation.score?.measures ?? null);
        }
      }
    }
    expect(shortcuts).toBeGreaterThan(0);
  });
});
