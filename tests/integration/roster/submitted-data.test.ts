/**
 * Rules section 5: submitting PI data cancels reweighting. The roster's live status counts measure
 * reports of the year (per TIN/NPI for a clinician, every report of the TIN for the group) on the TIN
 * page, the clinician list (status and SQL filter) and detail, while the default status (used by the
 * CEHRT "would cancel" warning and the dashboards) stays "before data".
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { measureReports } from "@/db/schema";
import type { ClinicianType } from "@/lib/mips";
import { reweightingCancellations } from "@/server/services/cehrt/reweighting-warning";
import { clinicianStatuses, tinStatuses, virtualGroupStatuses } from "@/server/services/roster/status";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { callerAs, createTestTenant, type TestTenant } from "../helpers/tenant";
import { FIGURES_ABOVE_THRESHOLD, uniqueNpi, uniqueTin } from "./roster-fixtures";

let database: TestDatabase;
let tenant: TestTenant;

beforeAll(async () => {
  database = await createTestDatabase();
  tenant = await createTestTenant(database.db, "pi-data");
});
afterAll(() => database.close());

const admin = () => callerAs(database.db, tenant.admin);
const org = () => tenant.organization.slug;

async function tinWith(name: string, members: { lastName: string; type: ClinicianType; hospitalBased?: boolean }[]) {
  const api = admin();
  const tin = await api.tins.create({ organization: org(), tin: uniqueTin(), name });
  const clinicians = [];
  for (const m of members) {
    const c = await api.clinicians.create({ organization: org(), npi: uniqueNpi(), firstName: "Dr", lastName: m.lastName, clinicianType: m.type });
    const membership = await api.clinicians.addMembership({ organization: org(), tinId: tin.id, clinicianId: c.id, startDate: "2017-01-01" });
    for (const year of [2017, 2018]) {
      await api.clinicians.setYearStatus({ organization: org(), membershipId: membership.id, performanceYear: year, ...FIGURES_ABOVE_THRESHOLD, hospitalBased: m.hospitalBased ?? false });
    }
    clinicians.push(c);
  }
  return { tin, clinicians };
}

async function report(tinId: string, clinicianId: string | null, year: number, start = `${year}-01-01`) {
  await database.db.insert(measureReports).values({
    organizationId: tenant.organization.id,
    tinId,
    clinicianId,
    performanceYear: year,
    performanceStart: start,
    performanceEnd: `${year}-12-31`,
    sourceKind: "manual",
  });
}

describe("submitted PI data cancels reweighting in the live status", () => {
  it("a clinician's own data for the year cancels their reweighting, on the detail, the list and its filter; other years do not count", async () => {
    const { tin, clinicians } = await tinWith("Data Clinic", [
      { lastName: "Practitioner", type: "NP" },
      { lastName: "Hospitalist", type: "physician", hospitalBased: true },
    ]);
    const [np, hospitalist] = clinicians as [(typeof clinicians)[number], (typeof clinicians)[number]];
    await report(tin.id, np.id, 2017);
    let detail = await admin().clinicians.get({ organization: org(), clinicianId: np.id, performanceYear: 2018 });
    expect(detail.tins[0]).toMatchObject({ piReportCount: 0, piDataNote: null, reweighting: { reweighted: true } });

    await report(tin.id, np.id, 2018, "2018-01-01");
    await report(tin.id, np.id, 2018, "2018-04-01");
    detail = await admin().clinicians.get({ organization: org(), clinicianId: np.id, performanceYear: 2018 });
    expect(detail.tins[0]).toMatchObject({
      piReportCount: 2,
      piDataNote: "PI data submitted for 2018 (2 reports) — this cancels the automatic reweighting; the data is scored",
      reweighting: { reweighted: false, qualifies: true },
    });
    // 2017 still has its one report, counted for 2017 only.
    const detail2017 = await admin().clinicians.get({ organization: org(), clinicianId: np.id, performanceYear: 2017 });
    expect(detail2017.tins[0]).toMatchObject({ piReportCount: 1, reweighting: { reweighted: false } });

    const list = await admin().clinicians.list({ organization: org(), tinId: tin.id, performanceYear: 2018 });
    expect(list.clinicians.find((c) => c.id === np.id)!.tins[0]!.reweighting.reweighted).toBe(false);
    const ids = async (reweighting: "reweighted" | "dataSubmitted" | "blocking") =>
      (await admin().clinicians.list({ organization: org(), tinId: tin.id, performanceYear: 2018, reweighting })).clinicians.map((c) => c.id);
    expect(await ids("dataSubmitted")).toEqual([np.id]);
    expect(await ids("reweighted")).toEqual([hospitalist.id]);
    expect(await ids("blocking")).toEqual([]);
  });

  it("a TIN whose clinicians all qualify is no longer reweighted once the TIN has data for the year, and says why", async () => {
    const { tin } = await tinWith("Group Data", [
      { lastName: "Assistant", type: "PA" },
      { lastName: "Anesthetist", type: "CRNA" },
    ]);
    let detail = await admin().tins.get({ organization: org(), tinId: tin.id, performanceYear: 2018 });
    expect(detail.status).toMatchObject({ piReportCount: 0, piDataNote: null, group: { reweighted: true } });

    await report(tin.id, null, 2018);
    detail = await admin().tins.get({ organization: org(), tinId: tin.id, performanceYear: 2018 });
    expect(detail.status.group.reweighted).toBe(false);
    expect(detail.status.blocking).toEqual([]);
    expect(detail.status.piDataNote).toBe("PI data submitted for 2018 (1 report) — this cancels the group's reweighting under the 100% rule; the data is scored");
    expect(detail.status.group.reasons.join(" ")).toMatch(/submitted PI data, which cancels reweighting/);
    // A whole-TIN report is the group's, not an individual clinician's.
    expect(detail.status.clinicians.every((c) => c.reweighting.reweighted && c.piReportCount === 0)).toBe(true);

    const list = await admin().tins.list({ organization: org(), performanceYear: 2018, search: "Group Data" });
    expect(list.tins.find((t) => t.id === tin.id)).toMatchObject({ reweighted: false, blockingCount: 0, piReportCount: 1 });
  });

  it("existing callers keep the status before data: default options, the CEHRT warning, virtual groups without the option", async () => {
    const { tin, clinicians } = await tinWith("Compat Clinic", [{ lastName: "Nurse", type: "NP" }]);
    await report(tin.id, clinicians[0]!.id, 2018);
    const scope = tenant.adminScope;
    const [before] = await clinicianStatuses(database.db, scope, { tinIds: [tin.id] }, 2018);
    expect(before).toMatchObject({ piReportCount: null, piDataNote: null, reweighting: { reweighted: true } });
    const tinBefore = (await tinStatuses(database.db, scope, [tin.id], 2018)).get(tin.id)!;
    expect(tinBefore).toMatchObject({ piReportCount: null, group: { reweighted: true } });
    const counted = (await tinStatuses(database.db, scope, [tin.id], 2018, { countSubmittedData: true })).get(tin.id)!;
    expect(counted).toMatchObject({ piReportCount: 1, group: { reweighted: false } });

    // The CEHRT warning still says the data "would cancel" a reweighting, although data exists.
    const warnings = await reweightingCancellations(database.db, scope, [{ tinId: tin.id, clinicianId: clinicians[0]!.id, performanceYear: 2018 }]);
    expect([...warnings.values()].join(" ")).toMatch(/would have the PI category reweighted/);

    const vg = await admin().virtualGroups.create({ organization: org(), performanceYear: 2018, name: "Compat VG", electionDate: "2017-12-01" });
    await admin().virtualGroups.addTin({ organization: org(), virtualGroupId: vg.id, tinId: tin.id });
    expect((await virtualGroupStatuses(database.db, scope, [vg])).get(vg.id)).toMatchObject({ piReportCount: null, group: { reweighted: true } });
    expect((await virtualGroupStatuses(database.db, scope, [vg], { countSubmittedData: true })).get(vg.id)).toMatchObject({ piReportCount: 1, group: { reweighted: false } });
  });
});
