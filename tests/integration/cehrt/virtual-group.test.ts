/**
 * A virtual group's aggregation and export over its member TINs' stored reports: equal to lib/
 * aggregation of the same data, validated for export with the virtual group's CMS id, one period agreed
 * by the members' choices, and invisible to another organization. Each test builds its own virtual group
 * (`setUp()`), so the tests pass in any order.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCsvMeasures } from "@/lib/formats/csv-measures";
import { readQrda3 } from "@/lib/formats";
import { aggregateSubmissions } from "@/lib/mips/aggregation";
import { validateSubmission, type Submission } from "@/lib/mips";
import { syntheticNpi } from "@/lib/roster/generate";
import { createClinician } from "@/server/services/roster/clinicians";
import { addMembership } from "@/server/services/roster/tin-memberships";
import { createTin } from "@/server/services/roster/tins";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { callerAs } from "../helpers/tenant";
import { createCehrtTenant, refusal, textFile, type CehrtTenant } from "./setup";

let database: TestDatabase;
let t: CehrtTenant;
let secondTinId: string;
let virtualGroupId: string;
const SECOND_TIN = "555666777";
const SECOND_NPI = syntheticNpi(55_566_001);
const PERIOD = ["2018-01-01", "2018-03-31"] as const;

function csv(tin: string, npi: string, cehrtId: string, pea: [number, number], period: readonly [string, string] = PERIOD) {
  const row = (m: string, n: string, d: string, yn: string) => `2018,${tin},${npi},${cehrtId},${period[0]},${period[1]},${m},${n},${d},${yn}`;
  return [
    "performance_year,tin,npi,cehrt_id,performance_start,performance_end,measure_id,numerator,denominator,yes_no",
    row("PI_PPHI_1", "", "", "yes"),
    row("PI_INFBLO_1", "", "", "yes"),
    row("PI_ONCDIR_1", "", "", "yes"),
    row("PI_EP_1", "40", "80", ""),
    row("PI_PEA_1", String(pea[0]), String(pea[1]), ""),
    row("PI_HIE_1", "5", "10", ""),
    row("PI_HIE_2", "3", "12", ""),
  ].join("\n");
}

const FILES = [
  { name: "vg-member-1.csv", text: csv("123456789", "1234567893", "0015EVGAAAAAAAA", [50, 100]) },
  { name: "vg-member-2.csv", text: csv(SECOND_TIN, SECOND_NPI, "0015EVGBBBBBBBB", [30, 60]) },
];

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

/** A tenant with two TINs in one 2018 virtual group, each with one clinician's imported report (FILES). */
async function setUp(label: string) {
  t = await createCehrtTenant(database.db, label);
  const scope = t.adminScope;
  const tin = await createTin(database.db, scope, { tin: SECOND_TIN, name: "Second Practice" });
  secondTinId = tin.id;
  const c = await createClinician(database.db, scope, { npi: SECOND_NPI, firstName: "Dee", lastName: "Second", clinicianType: "physician", userId: null });
  await addMembership(database.db, scope, { tinId: tin.id, clinicianId: c.id, startDate: "2017-01-01" });
  const admin = callerAs(database.db, t.admin);
  const o = { organization: t.organization.slug };
  const vg = await admin.virtualGroups.create({ ...o, performanceYear: 2018, name: "Test VG", electionDate: "2017-12-01" });
  await admin.virtualGroups.addTin({ ...o, virtualGroupId: vg.id, tinId: t.tinId });
  await admin.virtualGroups.addTin({ ...o, virtualGroupId: vg.id, tinId: secondTinId });
  virtualGroupId = vg.id;
  await admin.dataImports.commit({ ...o, files: FILES.map((f) => textFile(f.name, f.text)),
    vendors: [
      { cehrtId: "0015EVGAAAAAAAA", vendor: "Vendor VG-A" },
      { cehrtId: "0015EVGBBBBBBBB", vendor: "Vendor VG-B" },
    ],
  });
}

const org = () => ({ organization: t.organization.slug });
const admin = () => callerAs(database.db, t.admin);

async function setCmsId(cmsId: string) {
  const [vg] = (await admin().virtualGroups.list({ ...org(), performanceYear: 2018 })).filter((g) => g.id === virtualGroupId);
  await admin().virtualGroups.update({ ...org(), virtualGroupId, expectedVersion: vg!.version, name: vg!.name, cmsId, electionDate: vg!.electionDate });
}

async function chooseVirtualGroup(tinId: string, period: readonly [string, string] = PERIOD) {
  const current = await admin().tinReporting.aggregation({ ...org(), tinId, performanceYear: 2018 });
  await admin().tinReporting.setChoice({ ...org(), tinId, performanceYear: 2018, mode: "virtualGroup", performanceStart: period[0], performanceEnd: period[1], expectedVersion: current.choice?.version ?? null });
}

/** The measurements as `id -> value`, for comparing submissions regardless of order. */
function valuesOf(s: Submission) {
  return Object.fromEntries(s.measurementSets.flatMap((set) => set.measurements.map((m) => [m.measureId, m.value])));
}

describe("virtual group aggregation and export", () => {
  it("refuses to export before CMS's virtual group id is recorded", async () => {
    await setUp("vg-no-cms-id");
    const refused = await refusal(admin().measureReports.export({ ...org(), kind: "virtualGroup", virtualGroupId, performanceYear: 2018 }));
    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.issues).toContainEqual(expect.objectContaining({ path: "cmsId" }));
  });

  it("aggregates both member TINs' reports exactly as lib/ aggregateSubmissions does, and exports a valid virtual group submission", async () => {
    await setUp("vg-export");
    await setCmsId("vg12345");
    await chooseVirtualGroup(t.tinId);
    await chooseVirtualGroup(secondTinId);
    const { aggregation, members } = await callerAs(database.db, t.executive).tinReporting.virtualGroup({ ...org(), virtualGroupId, performanceYear: 2018 });
    expect(members.map((m) => m.tin).sort()).toEqual(["123456789", SECOND_TIN]);
    expect(aggregation.problems).toEqual([]);
    expect(aggregation.included).toHaveLength(2);

    const expected = aggregateSubmissions(
      FILES.map((f) => {
        const read = readCsvMeasures(f.text);
        if (!read.ok) throw new Error("fixture CSV has problems");
        const { taxpayerIdentificationNumber: _tin, nationalProviderIdentifier: _npi, ...rest } = read.groups[0]!.submission;
        return { sourceName: f.name, submission: { ...rest, entityType: "virtualGroup" as const, entityId: "vg12345" } };
      }),
    );
    expect(valuesOf(aggregation.result!.submission)).toEqual(valuesOf(expected.submission));
    expect(valuesOf(expected.submission).PI_PEA_1).toEqual({ numerator: 80, denominator: 160 });
    // Lineage: PI_PEA_1 adds up from one report of each member TIN.
    const pea = aggregation.measures.find((m) => m.measureId === "PI_PEA_1")!;
    expect(pea.contributions.map((c) => c.fileName).sort()).toEqual(["vg-member-1.csv", "vg-member-2.csv"]);

    const exported = await admin().measureReports.export({ ...org(), kind: "virtualGroup", virtualGroupId, performanceYear: 2018 });
    expect(exported.fileName).toBe("qpp-2018-virtual-group-vg12345.json");
    expect(exported.submission).toMatchObject({ entityType: "virtualGroup", entityId: "vg12345", performanceYear: 2018 });
    expect(exported.submission).not.toHaveProperty("taxpayerIdentificationNumber");
    expect(validateSubmission(exported.submission).ok).toBe(true);

    // The same submission as QRDA III: our reader reads it back as the QPP JSON export (less our cehrtEdition extension).
    const qrda = await admin().measureReports.exportQrda3({ ...org(), kind: "virtualGroup", virtualGroupId, performanceYear: 2018 });
    expect(qrda.fileName).toBe("qrda3-2018-virtual-group-vg12345.xml");
    expect(qrda.xml).toContain('extension="MIPS_VIRTUALGROUP"');
    const read = readQrda3(qrda.xml, qrda.fileName).submission;
    expect(read).toStrictEqual({
      ...exported.submission,
      measurementSets: exported.submission.measurementSets.map((s) => {
        const { cehrtEdition: _e, ...rest } = s as typeof s & { cehrtEdition?: string };
        return { ...rest, submissionMethod: "electronicHealthRecord" };
      }),
    });
  });

  it("lists a problem when member TINs chose different periods, and refuses the export", async () => {
    await setUp("vg-periods");
    await setCmsId("vg12345");
    await chooseVirtualGroup(t.tinId);
    await chooseVirtualGroup(secondTinId, ["2018-04-01", "2018-06-30"]);
    const { aggregation } = await admin().tinReporting.virtualGroup({ ...org(), virtualGroupId, performanceYear: 2018 });
    expect(aggregation.problems[0]).toMatchObject({ path: "performancePeriod", message: expect.stringMatching(/member TINs chose different periods/) });
    const refused = await refusal(admin().measureReports.export({ ...org(), kind: "virtualGroup", virtualGroupId, performanceYear: 2018 }));
    expect(refused.code).toBe("BAD_REQUEST");
    // Agreeing on the period again lifts the refusal.
    await chooseVirtualGroup(secondTinId);
    const exported = await admin().measureReports.export({ ...org(), kind: "virtualGroup", virtualGroupId, performanceYear: 2018 });
    expect(exported.submission.measurementSets[0]).toMatchObject({ performanceStart: PERIOD[0], performanceEnd: PERIOD[1] });
  });

  it("is not visible to clinicians nor to another organization, even with its id", async () => {
    await setUp("vg-hidden");
    const other = await createCehrtTenant(database.db, "vg-other");
    expect((await refusal(callerAs(database.db, t.clinician).tinReporting.virtualGroup({ ...org(), virtualGroupId, performanceYear: 2018 }))).code).toBe("FORBIDDEN");
    expect((await refusal(callerAs(database.db, t.clinician).measureReports.export({ ...org(), kind: "virtualGroup", virtualGroupId, performanceYear: 2018 }))).code).toBe("FORBIDDEN");
    const outsider = callerAs(database.db, other.admin);
    const theirs = { organization: other.organization.slug };
    expect((await refusal(outsider.tinReporting.virtualGroup({ ...theirs, virtualGroupId, performanceYear: 2018 }))).code).toBe("NOT_FOUND");
    expect((await refusal(outsider.measureReports.export({ ...theirs, kind: "virtualGroup", virtualGroupId, performanceYear: 2018 }))).code).toBe("NOT_FOUND");
    expect((await refusal(outsider.tinReporting.virtualGroup({ ...org(), virtualGroupId, performanceYear: 2018 }))).code).toBe("NOT_FOUND");
  });

  it("re-checks the election rules at export: a member TIN grown past 10 eligible clinicians is named with its count", async () => {
    await setUp("vg-grown");
    await setCmsId("vg12345");
    await chooseVirtualGroup(t.tinId);
    await chooseVirtualGroup(secondTinId);
    // With the members' periods agreed, only the grown TIN stands in the way.
    expect((await admin().measureReports.export({ ...org(), kind: "virtualGroup", virtualGroupId, performanceYear: 2018 })).fileName).toBe("qpp-2018-virtual-group-vg12345.json");
    const scope = t.adminScope;
    for (let i = 0; i < 11; i++) {
      const c = await createClinician(database.db, scope, { npi: syntheticNpi(55_566_100 + i), firstName: "Extra", lastName: `Clinician ${i}`, clinicianType: "physician", userId: null });
      await addMembership(database.db, scope, { tinId: secondTinId, clinicianId: c.id, startDate: "2018-01-01" });
    }
    const refused = await refusal(admin().measureReports.export({ ...org(), kind: "virtualGroup", virtualGroupId, performanceYear: 2018 }));
    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.issues).toContainEqual({
      path: "memberTins.55-5666777",
      message: "TIN 55-5666777 (Second Practice) has 12 eligible clinicians in 2018; a virtual group member TIN may have at most 10",
    });
  });
});
