/**
 * A complete vendor QPP JSON (quality, IA and PI sets) imports whole: its quality and IA sets are stored
 * with the report (report_measurement_sets, in the import's transaction), come back in the exported
 * submission, are combined explicitly when several files carry them, stay inside their tenant and go with
 * their report when it is deleted.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq } from "drizzle-orm";
import { measureReports, reportMeasurementSets } from "@/db/schema";
import { iaCatalog } from "@/lib/mips/ia-catalog";
import { validateSubmission } from "@/lib/mips";
import { readQrda3 } from "@/lib/formats";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { callerAs } from "../helpers/tenant";
import { createCehrtTenant, textFile, type CehrtTenant } from "./setup";

let database: TestDatabase;
let other: CehrtTenant;

const [IA_A, IA_B] = [...iaCatalog(2018).keys()];

const PI = (cehrtId: string) => ({
  category: "pi",
  submissionMethod: "electronicHealthRecord",
  performanceStart: "2018-01-01",
  performanceEnd: "2018-12-31",
  cehrtId,
  measurements: [
    { measureId: "PI_PPHI_1", value: true },
    { measureId: "PI_INFBLO_1", value: true },
    { measureId: "PI_ONCDIR_1", value: true },
    { measureId: "PI_ONCACB_1", value: true },
    { measureId: "PI_EP_1", value: { numerator: 8, denominator: 10 } },
    { measureId: "PI_PEA_1", value: { numerator: 5, denominator: 10 } },
    { measureId: "PI_HIE_1", value: { numerator: 3, denominator: 10 } },
    { measureId: "PI_HIE_2", value: { numerator: 4, denominator: 10 } },
  ],
});

const QUALITY = {
  category: "quality",
  submissionMethod: "electronicHealthRecord",
  performanceStart: "2018-01-01",
  performanceEnd: "2018-12-31",
  measurements: [
    { measureId: "001", value: { isEndToEndReported: true, performanceMet: 10, performanceNotMet: 20, eligiblePopulation: 40, eligiblePopulationExclusion: 5, eligiblePopulationException: 5 } },
    { measureId: "236", value: { isEndToEndReported: true, performanceMet: 30, performanceNotMet: 10, eligiblePopulation: 40 } },
  ],
};

function iaSet(ids: readonly string[]) {
  return { category: "ia", submissionMethod: "electronicHealthRecord", performanceStart: "2018-01-01", performanceEnd: "2018-12-31", measurements: ids.map((measureId) => ({ measureId, value: true })) };
}

function groupFile(sets: unknown[]) {
  return JSON.stringify({ performanceYear: 2018, entityType: "group", taxpayerIdentificationNumber: "123456789", nationalProviderIdentifier: null, measurementSets: sets });
}

beforeAll(async () => {
  database = await createTestDatabase();
  other = await createCehrtTenant(database.db, "sets-other");
});
afterAll(() => database.close());

// Each test has its own tenant and imports what it needs (the integration tests run shuffled).
let t: CehrtTenant;
let tenants = 0;
async function freshTenant(): Promise<CehrtTenant> {
  t = await createCehrtTenant(database.db, `sets-${++tenants}`);
  return t;
}
const admin = (x: CehrtTenant = t) => callerAs(database.db, x.admin);
const org = (x: CehrtTenant = t) => ({ organization: x.organization.slug });

const COMPLETE = () => groupFile([QUALITY, iaSet([IA_A!]), PI("0015E8ABCDEFGH1")]);
const SECOND = () =>
  groupFile([{ ...QUALITY, measurements: [{ measureId: "236", value: { isEndToEndReported: true, performanceMet: 1, performanceNotMet: 1, eligiblePopulation: 2 } }] }, iaSet([IA_B!]), PI("0015E8ABCDEFGH2")]);
async function importBoth() {
  await freshTenant();
  await admin().dataImports.commit({ ...org(), files: [textFile("complete.json", COMPLETE())], vendors: [{ cehrtId: "0015E8ABCDEFGH1", vendor: "Vendor Q" }] });
  await admin().dataImports.commit({ ...org(), files: [textFile("second-product.json", SECOND())], vendors: [{ cehrtId: "0015E8ABCDEFGH2", vendor: "Vendor Q2" }] });
}

async function storedSets(x: CehrtTenant) {
  const [row] = await database.db.select({ n: count() }).from(reportMeasurementSets).where(eq(reportMeasurementSets.organizationId, x.organization.id));
  return row!.n;
}

describe("quality and IA sets of imported files", () => {
  it("imports a complete QPP JSON whole and exports its quality and IA sets as they came in", async () => {
    await freshTenant();
    const file = COMPLETE();
    const preview = await admin().dataImports.preview({ ...org(), files: [textFile("complete.json", file)] });
    expect(preview.problemCount).toBe(0);
    expect(preview.files[0]!.reports[0]!.keptSets).toEqual([
      { category: "quality", measureCount: 2 },
      { category: "ia", measureCount: 1 },
    ]);
    await admin().dataImports.commit({ ...org(), files: [textFile("complete.json", file)], vendors: [{ cehrtId: "0015E8ABCDEFGH1", vendor: "Vendor Q" }] });
    expect(await storedSets(t)).toBe(2);

    const exported = await admin().measureReports.export({ ...org(), kind: "group", tinId: t.tinId, performanceYear: 2018 });
    const byCategory = Object.fromEntries(exported.submission.measurementSets.map((s) => [s.category, s]));
    expect(Object.keys(byCategory).sort()).toEqual(["ia", "pi", "quality"]);
    expect(byCategory.quality).toEqual(QUALITY);
    expect(byCategory.ia).toEqual(iaSet([IA_A!]));
    expect(exported.findings).toEqual([]);
    const valid = validateSubmission(exported.submission);
    expect(valid.ok && valid.findings).toEqual([]);
    // As QRDA III: the same sets come back through our reader (the PI set's cehrtEdition is derived, not carried).
    const qrda = await admin().measureReports.exportQrda3({ ...org(), kind: "group", tinId: t.tinId, performanceYear: 2018 });
    expect(qrda.fileName).toBe("qrda3-2018-group-123456789.xml");
    const read = readQrda3(qrda.xml, qrda.fileName).submission;
    const { cehrtEdition: _edition, ...pi } = byCategory.pi as typeof byCategory.pi & { cehrtEdition?: string };
    expect(read).toStrictEqual({ ...exported.submission, measurementSets: [pi, QUALITY, iaSet([IA_A!])] });
    expect(qrda.findings.map((f) => f.path)).toEqual(pi === byCategory.pi ? [] : ["measurementSets[0].cehrtEdition"]);
    // The other tenant sees none of it.
    expect(await storedSets(other)).toBe(0);
  });

  it("combines the sets of two group files one value per measure, saying which file's value is kept", async () => {
    await importBoth();
    const exported = await admin().measureReports.export({ ...org(), kind: "group", tinId: t.tinId, performanceYear: 2018 });
    const quality = exported.submission.measurementSets.find((s) => s.category === "quality")!;
    expect(quality.measurements).toEqual([QUALITY.measurements[0], { measureId: "236", value: { isEndToEndReported: true, performanceMet: 1, performanceNotMet: 1, eligiblePopulation: 2 } }]);
    const ia = exported.submission.measurementSets.find((s) => s.category === "ia")!;
    expect(ia.measurements.map((m) => m.measureId)).toEqual([IA_A, IA_B]);
    const text = exported.findings.map((f) => `${f.path}: ${f.message}`);
    expect(text).toEqual(
      expect.arrayContaining([expect.stringMatching(/^measurementSets\.quality\.electronicHealthRecord\.236: Quality \(electronicHealthRecord\) measure 236 is in 2 files \(complete\.json .*, second-product\.json .*\); the export carries the value of the latest import, second-product\.json/)]),
    );
  });

  it("deleting a report deletes its sets", async () => {
    await importBoth();
    expect(await storedSets(t)).toBe(4);
    const [report] = await database.db
      .select({ id: measureReports.id, version: measureReports.version })
      .from(measureReports)
      .where(and(eq(measureReports.organizationId, t.organization.id), eq(measureReports.fileName, "second-product.json")));
    await admin().measureReports.delete({ ...org(), reportId: report!.id, expectedVersion: report!.version });
    expect(await storedSets(t)).toBe(2);
    const [left] = await database.db
      .select({ n: count() })
      .from(reportMeasurementSets)
      .where(and(eq(reportMeasurementSets.organizationId, t.organization.id), eq(reportMeasurementSets.measureReportId, report!.id)));
    expect(left!.n).toBe(0);
  });
});
