/**
 * Dashboards against hand-computed figures. The seeded TIN 123456789 reports as a group for Q1 2018 with
 * two CEHRT vendors (both 2015 Edition, SRA done for both):
 *   Ada (physician, vendor A): EP 50/100, PEA 72/100, HIE_1 30/60, HIE_2 10/40, VDT 5/100
 *   Ben (physician, vendor B, hardship pending): EP 20/50, PEA 40/100, HIE_1 10/40, HIE_2 15/60, immunization registry yes
 *   Cy (NP): no data (qualifies for reweighting automatically)
 * Group sums: PEA 112/200 = 56% -> band 6 -> 6 points, next band at 121 (band 7 needs > 120);
 * HIE_1 40/100 -> 4 (next 41); HIE_2 25/100 -> 3 (next 31); VDT 5/100 -> 1 (next 11); registry 10.
 * Base 50 + performance 24 + 2015-Edition bonus 10 = 84% -> 21 final-score points.
 * Individually: Ada 50 + (8+5+3+1) + 10 = 77 -> 19.25; Ben 50 + (4+3+3+10) + 10 = 80 -> 20; mean 19.63 < 21.
 * Blocking the 100% rule: Ada (no application) and Ben (pending application).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProduct, recordAnalysis } from "@/server/services/cehrt/products";
import { saveManualReport } from "@/server/services/cehrt/reports";
import { setReportingChoice, tinAggregation } from "@/server/services/cehrt/aggregation";
import { createClinician } from "@/server/services/roster/clinicians";
import { changeHardshipStatus, fileHardship } from "@/server/services/roster/hardships";
import { addMembership, setYearStatus } from "@/server/services/roster/tin-memberships";
import { createTin } from "@/server/services/roster/tins";
import type { OrgScope } from "@/server/services/scope";
import type { Db } from "@/db/client";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { callerAs } from "../helpers/tenant";
import { createCehrtTenant, refusal, type CehrtTenant } from "../cehrt/setup";

let database: TestDatabase;
let t: CehrtTenant;
let other: CehrtTenant;
let hardshipId: string;
let reweightedTinId: string;
let mixedTinId: string;

const YEAR = 2018;
const Q1 = { performanceYear: YEAR, performanceStart: "2018-01-01", performanceEnd: "2018-03-31" };
const ADMIN = { userId: "00000000-0000-0000-0000-000000000000", role: "admin" as const };
const ATTESTATIONS = [
  { measureId: "PI_PPHI_1", numerator: null, denominator: null, yesNo: true },
  { measureId: "PI_INFBLO_1", numerator: null, denominator: null, yesNo: true },
  { measureId: "PI_ONCDIR_1", numerator: null, denominator: null, yesNo: true },
];
const nd = (measureId: string, numerator: number, denominator: number) => ({ measureId, numerator, denominator, yesNo: null });
const yes = (measureId: string) => ({ measureId, numerator: null, denominator: null, yesNo: true });

const FIGURES = { nonPatientFacing: false, hospitalBased: false, ascBased: false, rural: false, hpsa: false, allowedChargesCents: 200_000_00, partBBeneficiaries: 500, newlyEnrolled: false, advancedApmQp: false };

async function clinicianOn(db: Db, scope: OrgScope, tinId: string, npi: string, firstName: string, type: "physician" | "PA") {
  const c = await createClinician(db, scope, { npi, firstName, lastName: "Test", clinicianType: type, userId: null });
  const m = await addMembership(db, scope, { tinId, clinicianId: c.id, startDate: "2017-01-01" });
  await setYearStatus(db, scope, { membershipId: m.id, performanceYear: YEAR, ...FIGURES });
  return c;
}

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  t = await createCehrtTenant(db, "dash");
  other = await createCehrtTenant(db, "dash-other");
  const scope = t.adminScope;
  const ada = t.clinicianIds["1234567893"]!;
  const ben = t.clinicianIds["2567891421"]!;
  const a = await createProduct(db, scope, { tinId: t.tinId, vendor: "Vendor A", productName: "A EHR", cehrtId: "0015EAAAAAAAAAA" });
  const b = await createProduct(db, scope, { tinId: t.tinId, vendor: "Vendor B", productName: "B EHR", cehrtId: "0015EBBBBBBBBBB" });
  for (const p of [a, b]) await recordAnalysis(db, scope, { productId: p.id, performanceYear: YEAR, completedOn: "2018-02-01", attestedBy: "Test Admin" });
  await setReportingChoice(db, scope, { tinId: t.tinId, performanceYear: YEAR, mode: "group", performanceStart: Q1.performanceStart, performanceEnd: Q1.performanceEnd });
  await saveManualReport(db, scope, ADMIN, {
    ...Q1, tinId: t.tinId, clinicianId: ada, productId: a.id,
    values: [...ATTESTATIONS, nd("PI_EP_1", 50, 100), nd("PI_PEA_1", 72, 100), nd("PI_HIE_1", 30, 60), nd("PI_HIE_2", 10, 40), nd("PI_CCTPE_1", 5, 100)],
  });
  await saveManualReport(db, scope, ADMIN, {
    ...Q1, tinId: t.tinId, clinicianId: ben, productId: b.id,
    values: [...ATTESTATIONS, nd("PI_EP_1", 20, 50), nd("PI_PEA_1", 40, 100), nd("PI_HIE_1", 10, 40), nd("PI_HIE_2", 15, 60), yes("PI_PHCDRR_1")],
  });
  const h = await fileHardship(db, scope, { tinId: t.tinId, clinicianId: ben, performanceYear: YEAR, reason: "insufficientInternetConnectivity", filedOn: "2018-11-15", notes: null, now: new Date("2018-11-15T12:00:00Z") });
  hardshipId = h.id;

  // A TIN whose only clinician is a PA (qualifies automatically) and no data: reweighted.
  const reweighted = await createTin(db, scope, { tin: "987654321", name: "All Qualify Clinic" });
  reweightedTinId = reweighted.id;
  await clinicianOn(db, scope, reweighted.id, "1245319581", "Pat", "PA");

  // A TIN where one vendor's two reports disagree on the SRA (one silent): the SQL product sums cannot
  // be used, and the overview must fall back to the reports and still agree with the aggregation.
  const mixed = await createTin(db, scope, { tin: "555666777", name: "Mixed Answers Clinic" });
  mixedTinId = mixed.id;
  const c1 = await clinicianOn(db, scope, mixed.id, "1679576722", "Dee", "physician");
  const c2 = await clinicianOn(db, scope, mixed.id, "1497758544", "Eli", "physician");
  const m = await createProduct(db, scope, { tinId: mixed.id, vendor: "Vendor M", productName: "M EHR", cehrtId: "0015EMMMMMMMMMM" });
  await saveManualReport(db, scope, ADMIN, { ...Q1, tinId: mixed.id, clinicianId: c1.id, productId: m.id, values: [...ATTESTATIONS, nd("PI_EP_1", 5, 10), nd("PI_PEA_1", 5, 10), nd("PI_HIE_1", 5, 10), nd("PI_HIE_2", 5, 10)] });
  await saveManualReport(db, scope, ADMIN, { ...Q1, tinId: mixed.id, clinicianId: c2.id, productId: m.id, values: [...ATTESTATIONS.slice(1), nd("PI_EP_1", 5, 10), nd("PI_PEA_1", 9, 10), nd("PI_HIE_1", 5, 10), nd("PI_HIE_2", 5, 10)] });
});
afterAll(() => database.close());

const org = () => ({ organization: t.organization.slug });
const asAdmin = () => callerAs(database.db, t.admin);
const asExec = () => callerAs(database.db, t.executive);
const asClinician = () => callerAs(database.db, t.clinician);
const tinInput = (tinId = t.tinId) => ({ ...org(), tinId, performanceYear: YEAR, today: "2018-11-23" });

describe("TIN dashboard", () => {
  it("shows the group score, per-measure bands, points and exact next-band numerators", async () => {
    const d = await asExec().dashboards.tin(tinInput());
    expect(d.group).toMatchObject({ status: "scored", piScore: 84, finalScorePoints: 21, baseMet: true, attestationsComplete: true });
    expect(d.group.breakdown).toEqual({ base: 50, performance: 24, bonus: 10, total: 84 });
    const byId = Object.fromEntries(d.measures.map((m) => [m.measureId, m]));
    expect(byId.PI_PEA_1).toMatchObject({ numerator: 112, denominator: 200, rate: "56.00%", band: 6, points: 6, maxPoints: 10, nextBandNumerator: 121, moreNeeded: 9 });
    expect(byId.PI_HIE_1).toMatchObject({ numerator: 40, denominator: 100, band: 4, points: 4, nextBandNumerator: 41, moreNeeded: 1 });
    expect(byId.PI_HIE_2).toMatchObject({ numerator: 25, denominator: 100, band: 3, points: 3, nextBandNumerator: 31, moreNeeded: 6 });
    expect(byId.PI_CCTPE_1).toMatchObject({ numerator: 5, denominator: 100, band: 1, points: 1, nextBandNumerator: 11 });
    // e-Prescribing counts for the base only: no next band to chase.
    expect(byId.PI_EP_1).toMatchObject({ numerator: 70, denominator: 150, maxPoints: 0, nextBandNumerator: null });
  });

  it("splits each measure by vendor from the lineage", async () => {
    const d = await asAdmin().dashboards.tin(tinInput());
    const pea = d.vendorShares.filter((s) => s.measureId === "PI_PEA_1").sort((x, y) => x.vendor.localeCompare(y.vendor));
    expect(pea).toEqual([
      { measureId: "PI_PEA_1", vendor: "Vendor A A EHR", numerator: 72, denominator: 100 },
      { measureId: "PI_PEA_1", vendor: "Vendor B B EHR", numerator: 40, denominator: 100 },
    ]);
  });

  it("compares individual and group scores and says which way the TIN does better", async () => {
    const d = await asExec().dashboards.tin(tinInput());
    const byName = Object.fromEntries(d.clinicians.rows.map((c) => [c.name, c]));
    expect(byName["Ada Test"]!.individual).toMatchObject({ status: "scored", piScore: 77, finalScorePoints: 19.25 });
    expect(byName["Ben Test"]!.individual).toMatchObject({ status: "scored", piScore: 80, finalScorePoints: 20 });
    expect(byName["Cy Test"]!.individual.status).toBe("reweighted");
    expect(d.individualVsGroup).toMatchObject({ groupPoints: 21, meanIndividualPoints: 19.63, scoredIndividually: 2 });
    expect(d.individualVsGroup.verdict).toMatch(/better as a group: 21 PI points against 19.63/);
  });

  it("names the blockers, why, and what would change it; approving the hardship removes that blocker", async () => {
    const d = await asExec().dashboards.tin(tinInput());
    expect(d.reweighting.reweighted).toBe(false);
    expect(d.reweighting.blockers.map((b) => b.name).sort()).toEqual(["Ada Test", "Ben Test"]);
    const ben = d.reweighting.blockers.find((b) => b.name === "Ben Test")!;
    expect(ben.why).toMatch(/pending/);
    expect(ben.advice).toMatch(/The hardship application of Ben Test \(insufficient internet connectivity\) awaits CMS.s decision/);
    const ada = d.reweighting.blockers.find((b) => b.name === "Ada Test")!;
    expect(ada.advice).toMatch(/File a hardship application for Ada Test with CMS by 2018-12-31 \(38 days left\)/);

    await changeHardshipStatus(database.db, t.adminScope, { hardshipId, status: "approved", expectedVersion: 1, now: new Date("2018-11-20T12:00:00Z") });
    try {
      const after = await asExec().dashboards.tin(tinInput());
      expect(after.reweighting.blockers.map((b) => b.name)).toEqual(["Ada Test"]);
      // Ben now qualifies, but his submitted data is still scored (data cancels reweighting).
      expect(after.group.piScore).toBe(84);
    } finally {
      await changeHardshipStatus(database.db, t.adminScope, { hardshipId, status: "pending", expectedVersion: 2, now: new Date("2018-11-21T12:00:00Z") });
    }
  });

  it("paginates the clinicians", async () => {
    const d = await asExec().dashboards.tin({ ...tinInput(), clinicianPage: 2, clinicianPageSize: 2 });
    expect(d.clinicians).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(d.clinicians.rows).toHaveLength(1);
  });
});

describe("what-if", () => {
  it("re-scores with a changed numerator and a bonus answer, saving nothing", async () => {
    const base = { ...org(), tinId: t.tinId, performanceYear: YEAR };
    const pea = await asExec().dashboards.whatIf({ ...base, overrides: [{ measureId: "PI_PEA_1", numerator: 121 }] });
    expect(pea.before.piScore).toBe(84);
    expect(pea.after.piScore).toBe(85);
    expect(pea.after.measures.find((m) => m.measureId === "PI_PEA_1")).toMatchObject({ numerator: 121, band: 7, points: 7, nextBandNumerator: 141 });
    const both = await asExec().dashboards.whatIf({ ...base, overrides: [{ measureId: "PI_PEA_1", numerator: 121 }, { measureId: "PI_IACEHRT_1", yesNo: true }] });
    expect(both.after).toMatchObject({ piScore: 95, finalScorePoints: 23.75 });
    const still = await asExec().dashboards.tin(tinInput());
    expect(still.group.piScore).toBe(84);
  });

  it("refuses a numerator above the denominator, naming the override", async () => {
    const bad = await refusal(asAdmin().dashboards.whatIf({ ...org(), tinId: t.tinId, performanceYear: YEAR, overrides: [{ measureId: "PI_HIE_1", numerator: 101 }] }));
    expect(bad.code).toBe("BAD_REQUEST");
    expect(bad.issues).toContainEqual(expect.objectContaining({ path: "overrides.0.numerator", message: expect.stringMatching(/must not exceed the denominator 100/) }));
  });
});

describe("organization overview", () => {
  it("lists every TIN with its standing and headline figures", async () => {
    const o = await asExec().dashboards.overview({ ...org(), performanceYear: YEAR });
    const row = o.tins.find((x) => x.tinId === t.tinId)!;
    expect(row).toMatchObject({
      reportingMode: "group", status: "scored", piScore: 84, finalScorePoints: 21, baseMet: true, attestationsComplete: true,
      blockingCount: 2, clinicianCount: 3, cliniciansWithData: 2, vendorsWithData: 2, vendorsRegistered: 2, aggregatedFrom: "productSums",
    });
    expect(o.tins.find((x) => x.tinId === reweightedTinId)).toMatchObject({ status: "reweighted", piScore: null, blockingCount: 0, groupQualifiesForReweighting: true });
    expect(o.headline).toMatchObject({ tinCount: 3, reweightedTins: 1, blockingClinicians: 4 });
  });

  it("agrees with the TIN aggregation when a vendor's reports disagree on yes/no answers", async () => {
    const o = await asExec().dashboards.overview({ ...org(), performanceYear: YEAR });
    const row = o.tins.find((x) => x.tinId === mixedTinId)!;
    expect(row.aggregatedFrom).toBe("reports");
    const { aggregation } = await tinAggregation(database.db, t.adminScope, { tinId: mixedTinId, performanceYear: YEAR });
    // One report is silent on the SRA: the group answers no, so the base score and the category are 0.
    expect(aggregation.score?.score?.total).toBe(0);
    expect(row).toMatchObject({ status: "scored", piScore: 0, baseMet: false });
  });
});

describe("clinician view", () => {
  it("shows the clinician their own reports, individual score and what raises it", async () => {
    const d = await asClinician().dashboards.clinician({ ...org(), performanceYear: YEAR });
    expect(d.isOwn).toBe(true);
    expect(d.clinician.npi).toBe("1234567893");
    expect(d.reports).toHaveLength(1);
    const tin = d.tins.find((x) => x.tinId === t.tinId)!;
    expect(tin.score).toMatchObject({ status: "scored", piScore: 77, finalScorePoints: 19.25 });
    expect(tin.raises).toContainEqual(expect.objectContaining({ measureId: "PI_PEA_1", numerator: 72, nextBandNumerator: 81, moreNeeded: 9 }));
    expect(tin.reweighting).toMatchObject({ qualifies: false, blocksGroup: true });
  });

  it("refuses a clinician another clinician's view", async () => {
    const r = await refusal(asClinician().dashboards.clinician({ ...org(), performanceYear: YEAR, clinicianId: t.clinicianIds["2567891421"]! }));
    expect(r.code).toBe("FORBIDDEN");
  });

  it("lets an executive open any clinician's view", async () => {
    const d = await asExec().dashboards.clinician({ ...org(), performanceYear: YEAR, clinicianId: t.clinicianIds["2567891421"]! });
    expect(d.isOwn).toBe(false);
    expect(d.tins[0]!.score.piScore).toBe(80);
    expect(d.tins[0]!.reweighting.hardship?.status).toBe("pending");
  });
});

describe("roles and tenants", () => {
  it("refuses clinicians the organization and TIN dashboards and what-ifs", async () => {
    // Each call starts only when awaited: a rejection left waiting would be reported as unhandled.
    for (const call of [
      () => asClinician().dashboards.overview({ ...org(), performanceYear: YEAR }),
      () => asClinician().dashboards.tin(tinInput()),
      () => asClinician().dashboards.whatIf({ ...org(), tinId: t.tinId, performanceYear: YEAR, overrides: [] }),
    ]) {
      expect((await refusal(call())).code).toBe("FORBIDDEN");
    }
  });

  it("refuses another organization's members, and never shows another tenant's TIN or clinician", async () => {
    const outsider = callerAs(database.db, other.admin);
    expect((await refusal(outsider.dashboards.overview({ ...org(), performanceYear: YEAR }))).code).toBe("NOT_FOUND");
    expect((await refusal(outsider.dashboards.tin(tinInput()))).code).toBe("NOT_FOUND");
    const theirs = { organization: other.organization.slug };
    expect((await refusal(outsider.dashboards.tin({ ...theirs, tinId: t.tinId, performanceYear: YEAR }))).code).toBe("NOT_FOUND");
    expect((await refusal(outsider.dashboards.whatIf({ ...theirs, tinId: t.tinId, performanceYear: YEAR, overrides: [] }))).code).toBe("NOT_FOUND");
    expect((await refusal(outsider.dashboards.clinician({ ...theirs, performanceYear: YEAR, clinicianId: t.clinicianIds["2567891421"]! }))).code).toBe("NOT_FOUND");
    const own = await outsider.dashboards.overview({ ...theirs, performanceYear: YEAR });
    expect(own.tins.map((x) => x.tinId)).not.toContain(t.tinId);
  });
});
