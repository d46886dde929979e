/**
 * CEHRT data end to end: products, manual entry, imports, scores and exports. Every test starts from its
 * own tenant (`fresh()`) and sets up the data it needs, so the tests pass in any order (CI shuffles them).
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { auditLog, measureReports, measureValues } from "@/db/schema";
import { scoreSubmission, validateSubmission } from "@/lib/mips";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { callerAs } from "../helpers/tenant";
import { CMS_QRDA, createCehrtTenant, fileInput, MULTI_VENDOR, refusal, textFile, type CehrtTenant } from "./setup";

let database: TestDatabase;
/** The tenant of the running test (each test makes its own with `fresh()`). */
let t: CehrtTenant;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

async function fresh(label: string): Promise<CehrtTenant> {
  t = await createCehrtTenant(database.db, label);
  return t;
}

const org = () => ({ organization: t.organization.slug });
const admin = () => callerAs(database.db, t.admin);
const VENDOR_FILES = ["vendor-a-clinician-1.xml", "vendor-a-clinician-2.xml", "vendor-b-group.xml"];

/** The group score of the three vendor files, worked out in the import test. */
const GROUP_SCORE = { base: 50, performance: 24, bonus: 25, total: 99 };

/** Imports the two vendors' files (2018-01-01..2018-03-31) into the current tenant. */
async function importVendorFiles() {
  return admin().dataImports.commit({ ...org(), files: VENDOR_FILES.map((f) => fileInput(MULTI_VENDOR, f)) });
}

/** The NP's (1245319599) report of Q3 2018 from its own product: PEA 5/10, e-Prescribing excluded; no SRA, no attestations. */
const NP_Q3_CSV = [
  "performance_year,tin,npi,cehrt_id,performance_start,performance_end,measure_id,numerator,denominator,yes_no,exclusion,vendor",
  "2018,123456789,1245319599,0015EAAAAAAAAAA,2018-07-01,2018-09-30,PI_PEA_1,5,10,,,NP Clinic EHR",
  "2018,123456789,1245319599,0015EAAAAAAAAAA,2018-07-01,2018-09-30,PI_EP_1,0,0,,yes,",
].join("\n");

async function registerProduct(tenant: CehrtTenant, vendor: string, cehrtId: string) {
  return callerAs(database.db, tenant.admin).cehrtProducts.create({ organization: tenant.organization.slug, tinId: tenant.tinId, vendor, productName: `${vendor} EHR`, cehrtId });
}

function fullValues(over: Record<string, { numerator?: number; denominator?: number; yesNo?: boolean }> = {}) {
  const base: Record<string, { numerator?: number; denominator?: number; yesNo?: boolean }> = {
    PI_PPHI_1: { yesNo: true },
    PI_INFBLO_1: { yesNo: true },
    PI_ONCDIR_1: { yesNo: true },
    PI_EP_1: { numerator: 50, denominator: 100 },
    PI_PEA_1: { numerator: 72, denominator: 100 },
    PI_HIE_1: { numerator: 30, denominator: 60 },
    PI_HIE_2: { numerator: 10, denominator: 40 },
    ...over,
  };
  return Object.entries(base).map(([measureId, v]) => ({ measureId, numerator: v.numerator ?? null, denominator: v.denominator ?? null, yesNo: v.yesNo ?? null }));
}

describe("CEHRT products", () => {
  it("derives the edition from the CEHRT ID, refuses a malformed ID, and audits", async () => {
    await fresh("cehrt-products");
    const product = await registerProduct(t, "Vendor A", "0015EAAAAAAAAAA");
    expect(product).toMatchObject({ edition: "2015", version: 1 });
    const bad = await refusal(admin().cehrtProducts.create({ ...org(), tinId: t.tinId, vendor: "X", productName: "Y", cehrtId: "0015-short" }));
    expect(bad.code).toBe("BAD_REQUEST");
    expect(bad.issues).toContainEqual(expect.objectContaining({ path: "cehrtId", message: expect.stringMatching(/15 letters or digits/) }));
    const unknownEdition = await refusal(admin().cehrtProducts.create({ ...org(), tinId: t.tinId, vendor: "X", productName: "Y", cehrtId: "A0000000000000Z" }));
    expect(unknownEdition.issues).toContainEqual(expect.objectContaining({ path: "edition" }));
    const entries = await database.db.select().from(auditLog).where(and(eq(auditLog.targetId, product.id), eq(auditLog.action, "cehrt_product.created")));
    expect(entries).toHaveLength(1);
  });

  it("records a security risk analysis and accepts evidence by content (PDF), refusing a renamed text file", async () => {
    await fresh("cehrt-sra");
    const product = await registerProduct(t, "Vendor A", "0015EAAAAAAAAAA");
    const analysis = await admin().cehrtProducts.recordAnalysis({ ...org(), productId: product!.id, performanceYear: 2018, completedOn: "2018-03-01", attestedBy: "Alex Admin" });
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF");
    const stored = await admin().cehrtProducts.uploadEvidence({ ...org(), analysisId: analysis.id, fileName: "sra.pdf", contentBase64: pdf.toString("base64") });
    expect(stored).toMatchObject({ mediaType: "application/pdf", sizeBytes: pdf.length });
    const fake = await refusal(admin().cehrtProducts.uploadEvidence({ ...org(), analysisId: analysis.id, fileName: "sra.pdf", contentBase64: Buffer.from("not a pdf").toString("base64") }));
    expect(fake.message).toMatch(/not a PDF, PNG or JPEG/);
    const back = await callerAs(database.db, t.executive).cehrtProducts.evidenceFile({ ...org(), evidenceId: stored.id });
    expect(Buffer.from(back.content).equals(pdf)).toBe(true);
    expect(back.mediaType).toBe("application/pdf");
    const listed = await admin().cehrtProducts.list({ ...org(), tinId: t.tinId, performanceYear: 2018 });
    expect(listed.find((p) => p.id === product!.id)?.analysis?.evidence).toHaveLength(1);
  });
});

describe("manual entry", () => {
  it("reports every problem inline and saves nothing", async () => {
    await fresh("cehrt-inline");
    const product = await registerProduct(t, "Vendor A", "0015EAAAAAAAAAA");
    const bad = await refusal(
      admin().measureReports.save({
        ...org(),
        tinId: t.tinId,
        clinicianId: t.clinicianIds["2567891421"]!,
        productId: product!.id,
        performanceYear: 2018,
        performanceStart: "2018-01-01",
        performanceEnd: "2018-02-15",
        values: [
          { measureId: "PI_PEA_1", numerator: 12, denominator: 10 },
          { measureId: "PI_EP_1", numerator: 3, denominator: 10 },
          { measureId: "PI_LVPP_1", yesNo: true },
          { measureId: "ACI_PEA_1", numerator: 1, denominator: 2 },
          { measureId: "PI_PPHI_1", numerator: 1, denominator: 2 },
        ],
      }),
    );
    expect(bad.code).toBe("BAD_REQUEST");
    const text = bad.issues.map((i) => `${i.path}: ${i.message}`);
    expect(text).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^performanceEnd: .*46 days; PI.* needs at least 90/),
        expect.stringMatching(/^values\.PI_PEA_1\.numerator: .*exceeds denominator/),
        expect.stringMatching(/^values\.PI_EP_1\.numerator: .*exclusion PI_LVPP_1 is claimed, so report 0\/0/),
        expect.stringMatching(/^values\.ACI_PEA_1\.measureId: .*belongs to performance year 2017/),
        expect.stringMatching(/^values\.PI_PPHI_1\.yesNo: .*is yes\/no/),
      ]),
    );
    const fraction = await refusal(
      admin().measureReports.save({ ...org(), tinId: t.tinId, clinicianId: null, productId: product!.id, performanceYear: 2018, performanceStart: "2018-01-01", performanceEnd: "2018-12-31", values: [{ measureId: "PI_PEA_1", numerator: 1.5, denominator: 10 }] }),
    );
    expect(fraction.issues).toContainEqual(expect.objectContaining({ path: "values.0.numerator", message: expect.stringMatching(/whole number/) }));
    const rows = await database.db.select().from(measureReports).where(eq(measureReports.organizationId, t.organization.id));
    expect(rows).toHaveLength(0);
  });

  it("a clinician enters a report for their own NPI, sees only their own, and cannot touch another NPI; an executive cannot write", async () => {
    await fresh("cehrt-manual");
    await registerProduct(t, "Vendor A", "0015EAAAAAAAAAA");
    const clinician = callerAs(database.db, t.clinician);
    const options = await clinician.measureReports.entryOptions({ ...org(), performanceYear: 2018 });
    expect(options.clinicians.map((c) => c.npi)).toEqual(["1234567893"]);
    const productId = options.products[0]!.id;
    const own = { ...org(), tinId: t.tinId, productId, performanceYear: 2018, performanceStart: "2018-04-01", performanceEnd: "2018-06-30", values: fullValues() };
    const saved = await clinician.measureReports.save({ ...own, clinicianId: t.clinicianIds["1234567893"]! });
    expect(saved).toMatchObject({ npi: "1234567893", sourceKind: "manual", version: 1 });
    const list = await clinician.measureReports.list({ ...org() });
    expect(list.reports.map((r) => r.id)).toEqual([saved.id]);
    expect((await refusal(clinician.measureReports.save({ ...own, clinicianId: t.clinicianIds["2567891421"]! }))).code).toBe("FORBIDDEN");
    expect((await refusal(clinician.measureReports.save({ ...own, clinicianId: null }))).code).toBe("FORBIDDEN");
    expect((await refusal(callerAs(database.db, t.executive).measureReports.save({ ...own, clinicianId: t.clinicianIds["1234567893"]! }))).code).toBe("FORBIDDEN");
    // Another clinician's report is not even revealed.
    const bens = await admin().measureReports.save({ ...own, clinicianId: t.clinicianIds["2567891421"]! });
    expect((await refusal(clinician.measureReports.get({ ...org(), reportId: bens.id }))).code).toBe("NOT_FOUND");
    expect((await refusal(clinician.measureReports.delete({ ...org(), reportId: bens.id, expectedVersion: 1 }))).code).toBe("NOT_FOUND");
    // Edits need the version the form saw.
    const edited = await clinician.measureReports.save({ ...own, clinicianId: t.clinicianIds["1234567893"]!, reportId: saved.id, expectedVersion: 1, values: fullValues({ PI_PEA_1: { numerator: 80, denominator: 100 } }) });
    expect(edited.version).toBe(2);
    expect((await refusal(clinician.measureReports.save({ ...own, clinicianId: t.clinicianIds["1234567893"]!, reportId: saved.id, expectedVersion: 1 }))).code).toBe("CONFLICT");
    await admin().measureReports.delete({ ...org(), reportId: bens.id, expectedVersion: 1 });
    await clinician.measureReports.delete({ ...org(), reportId: saved.id, expectedVersion: 2 });
    const audit = await database.db.select().from(auditLog).where(and(eq(auditLog.targetId, saved.id), eq(auditLog.organizationId, t.organization.id)));
    expect(audit.map((a) => a.action).sort()).toEqual(["measure_report.created", "measure_report.deleted", "measure_report.updated"]);
  });

  it("warns before saving that PI data cancels the automatic reweighting of an NP", async () => {
    await fresh("cehrt-warning");
    const warning = await admin().measureReports.warning({ ...org(), tinId: t.tinId, clinicianId: t.clinicianIds["1245319599"]!, performanceYear: 2018 });
    expect(warning.reweightingCancelled).toMatch(/Cy Test \(NPI 1245319599\).*reweighted.*submitting PI data cancels the reweighting/);
    const none = await admin().measureReports.warning({ ...org(), tinId: t.tinId, clinicianId: t.clinicianIds["1234567893"]!, performanceYear: 2018 });
    expect(none.reweightingCancelled).toBeNull();
  });
});

describe("imports", () => {
  it("a bad file among good ones: nothing is imported and every problem is listed", async () => {
    await fresh("cehrt-bad-file");
    const files = [
      ...VENDOR_FILES.map((f) => fileInput(MULTI_VENDOR, f)),
      fileInput(MULTI_VENDOR, "other-tin.xml"),
      fileInput(CMS_QRDA, "valid-QRDA-III-latest.xml"),
      textFile("bad.csv", "performance_year,tin,npi,cehrt_id,performance_start,performance_end,measure_id,numerator,denominator,yes_no\n2018,123456789,9876543210,,2018-01-01,2018-03-31,PI_PEA_1,5,4,\n"),
    ];
    const preview = await admin().dataImports.preview({ ...org(), files });
    expect(preview.canCommit).toBe(false);
    const problems = preview.files.flatMap((f) => f.problems.map((p) => `${p.path}: ${p.message}`));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/other-tin\.xml: TIN: TIN 98-7654321 is not in this organization/),
        expect.stringMatching(/valid-QRDA-III-latest\.xml: TIN: TIN 00-0777777 is not in this organization/),
        expect.stringMatching(/valid-QRDA-III-latest\.xml: NPI: NPI "0777777777" must be 10 digits starting with 1 or 2/),
        expect.stringMatching(/bad\.csv: row 2, column npi: NPI "9876543210" must be 10 digits starting with 1 or 2/),
        expect.stringMatching(/bad\.csv: row 2, column numerator: .*exceeds denominator/),
      ]),
    );
    const refused = await refusal(admin().dataImports.commit({ ...org(), files }));
    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.message).toMatch(/Nothing was imported/);
    expect(refused.issues.length).toBe(problems.length);
    const rows = await database.db.select().from(measureReports).where(eq(measureReports.organizationId, t.organization.id));
    expect(rows).toHaveLength(0);
  });

  it("imports two vendors' files; the group aggregation sums them (hand-computed) and the lineage adds up, in SQL too", async () => {
    await fresh("cehrt-two-vendors");
    await registerProduct(t, "Vendor A", "0015EAAAAAAAAAA");
    const files = VENDOR_FILES.map((f) => fileInput(MULTI_VENDOR, f));
    const preview = await admin().dataImports.preview({ ...org(), files });
    expect(preview.canCommit).toBe(true);
    expect(preview.files.flatMap((f) => f.reports.map((r) => `${r.action} ${r.npi ?? "TIN"} ${r.productLabel}`))).toEqual([
      "add 1234567893 Vendor A Vendor A EHR",
      "add 2567891421 Vendor A Vendor A EHR",
      "add TIN new product 0015EBBBBBBBBBB",
    ]);
    const outcome = await admin().dataImports.commit({ ...org(), files });
    expect(outcome).toMatchObject({ added: 3, replaced: 0, productsAdded: 1, skippedFiles: [] });

    const { aggregation } = await admin().tinReporting.aggregation({ ...org(), tinId: t.tinId, performanceYear: 2018 });
    expect(aggregation.included).toHaveLength(3);
    // Sums of the three files (clinician 1 + clinician 2 + vendor B's group file):
    //   PI_EP_1  100/200 + 30/40 + 70/160 = 200/400     PI_PEA_1 50/100 + 20/50 + 30/50 = 100/200
    //   PI_HIE_1   0/0   +  5/10 + 15/30 =  20/40      PI_HIE_2 10/20  +  4/10 +  6/20 =  20/50
    const measured = Object.fromEntries(aggregation.result!.submission.measurementSets[0]!.measurements.map((m) => [m.measureId, m.value]));
    expect(measured).toMatchObject({
      PI_EP_1: { numerator: 200, denominator: 400 },
      PI_PEA_1: { numerator: 100, denominator: 200 },
      PI_HIE_1: { numerator: 20, denominator: 40 },
      PI_HIE_2: { numerator: 20, denominator: 50 },
      PI_PPHI_1: true,
      PI_PHCDRR_1: true,
      PI_PHCDRR_2: true,
      PI_IACEHRT_1: true,
    });
    // Only clinician 1 claims the PI_LVOTC_1 exclusion: the group does not, and sums PI_HIE_1 instead.
    expect(measured).not.toHaveProperty("PI_LVOTC_1");
    // Group score: base 50 (SRA yes, every base measure has a numerator)
    //   + performance: PEA 50% -> 5, HIE_1 50% -> 5, HIE_2 40% -> 4, one registry (PHCDRR_1) -> 10 = 24
    //   + bonus: a second registry (PHCDRR_2) 5, IA using CEHRT 10, 2015 Edition only 10 = 25
    //   = 99.
    expect(aggregation.score?.score).toEqual(GROUP_SCORE);
    // Lineage: each summed number is the sum of its contributions, each naming a stored report, file and product.
    const summed = aggregation.measures.filter((m) => m.rule === "sum");
    expect(summed.map((m) => m.measureId).sort()).toEqual(["PI_EP_1", "PI_HIE_1", "PI_HIE_2", "PI_PEA_1"]);
    for (const m of summed) {
      const value = m.value as { numerator: number; denominator: number };
      const nums = m.contributions.map((c) => c.value as { numerator: number; denominator: number });
      expect(nums.reduce((s, v) => s + v.numerator, 0)).toBe(value.numerator);
      expect(nums.reduce((s, v) => s + v.denominator, 0)).toBe(value.denominator);
      for (const c of m.contributions) {
        expect(VENDOR_FILES).toContain(c.fileName);
        expect(c.product).toMatch(/^(Vendor A Vendor A EHR|Vendor B Systems imported from vendor-b-group\.xml)$/);
      }
    }
    const pea = summed.find((m) => m.measureId === "PI_PEA_1")!;
    expect(pea.contributions.map((c) => c.value)).toEqual([
      { numerator: 50, denominator: 100 },
      { numerator: 20, denominator: 50 },
      { numerator: 30, denominator: 50 },
    ]);
    // And the stored values add up in SQL as well: 50 + 20 + 30 = 100 over 100 + 50 + 50 = 200.
    const [stored] = await database.db
      .select({ rows: sql<number>`count(*)::int`, numerator: sql<number>`sum(${measureValues.numerator})::int`, denominator: sql<number>`sum(${measureValues.denominator})::int` })
      .from(measureValues)
      .where(and(eq(measureValues.organizationId, t.organization.id), eq(measureValues.measureId, "PI_PEA_1")));
    expect(stored).toEqual({ rows: 3, numerator: 100, denominator: 200 });
  });

  it("re-importing the same file is recognised by its checksum and changes nothing", async () => {
    await fresh("cehrt-reimport");
    await importVendorFiles();
    const before = await database.db.select().from(measureReports).where(eq(measureReports.organizationId, t.organization.id));
    expect(before).toHaveLength(3);
    const preview = await admin().dataImports.preview({ ...org(), files: [fileInput(MULTI_VENDOR, "vendor-a-clinician-1.xml")] });
    expect(preview.files[0]).toMatchObject({ alreadyImported: true, reports: [] });
    expect(preview.canCommit).toBe(false);
    const outcome = await admin().dataImports.commit({ ...org(), files: [fileInput(MULTI_VENDOR, "vendor-a-clinician-1.xml")] });
    expect(outcome).toMatchObject({ added: 0, replaced: 0, skippedFiles: ["vendor-a-clinician-1.xml"] });
    const after = await database.db.select().from(measureReports).where(eq(measureReports.organizationId, t.organization.id));
    expect(after.map((r) => r.id).sort()).toEqual(before.map((r) => r.id).sort());
  });

  it("a changed file for the same TIN/NPI/product/period replaces the stored report", async () => {
    await fresh("cehrt-replace");
    await importVendorFiles();
    const text = readFileSync(path.join(MULTI_VENDOR, "vendor-a-clinician-1.xml"), "utf8").replace(/<!--.*?-->/gs, "").concat("\n<!-- corrected export -->\n");
    const preview = await admin().dataImports.preview({ ...org(), files: [textFile("vendor-a-clinician-1-corrected.xml", text)] });
    expect(preview.files[0]!.reports[0]).toMatchObject({ action: "replace", npi: "1234567893" });
    const outcome = await admin().dataImports.commit({ ...org(), files: [textFile("vendor-a-clinician-1-corrected.xml", text)] });
    expect(outcome).toMatchObject({ added: 0, replaced: 1 });
    const rows = await database.db.select().from(measureReports).where(eq(measureReports.organizationId, t.organization.id));
    expect(rows).toHaveLength(3);
  });

  it("a report of another period is listed as excluded with the reason; choosing the period keeps the group on it", async () => {
    await fresh("cehrt-period");
    await importVendorFiles();
    await admin().dataImports.commit({ ...org(), files: [fileInput(MULTI_VENDOR, "other-period.xml")] });
    const unchosen = await admin().tinReporting.aggregation({ ...org(), tinId: t.tinId, performanceYear: 2018 });
    expect(unchosen.aggregation.period).toBeNull();
    expect(unchosen.aggregation.problems[0]!.message).toMatch(/cover 2 periods.*choose the group's period/);
    await admin().tinReporting.setChoice({ ...org(), tinId: t.tinId, performanceYear: 2018, mode: "group", performanceStart: "2018-01-01", performanceEnd: "2018-03-31" });
    const chosen = await admin().tinReporting.aggregation({ ...org(), tinId: t.tinId, performanceYear: 2018 });
    expect(chosen.aggregation.included).toHaveLength(3);
    expect(chosen.aggregation.excluded).toHaveLength(1);
    expect(chosen.aggregation.excluded[0]!.reason).toMatch(/period 2018-04-01\.\.2018-06-30 differs from the group's 2018-01-01\.\.2018-03-31/);
    const short = await refusal(admin().tinReporting.setChoice({ ...org(), tinId: t.tinId, performanceYear: 2018, mode: "group", performanceStart: "2018-01-01", performanceEnd: "2018-01-31", expectedVersion: chosen.choice!.version }));
    expect(short.issues[0]!.message).toMatch(/at least 90/);
  });

  it("imports CMS's group QRDA III sample for a roster that holds its TIN", async () => {
    const cms = await fresh("cms");
    const api = callerAs(database.db, cms.admin);
    await api.tins.create({ organization: cms.organization.slug, tin: "000456789", name: "CMS sample group" });
    const outcome = await api.dataImports.commit({ organization: cms.organization.slug, files: [fileInput(CMS_QRDA, "MIPS_GROUP_QRDA_III_PI_IA_Sample1.xml")] });
    expect(outcome).toMatchObject({ added: 1, productsAdded: 1 });
    const reports = await api.measureReports.list({ organization: cms.organization.slug });
    expect(reports.reports[0]).toMatchObject({ tinDisplay: "00-0456789", npi: null, cehrtId: "0014ABC1D1EFG1H", measureCount: 28, sourceKind: "qrda3" });
  });

  it("imports a CSV file", async () => {
    await fresh("cehrt-csv");
    const preview = await admin().dataImports.preview({ ...org(), files: [textFile("q3.csv", NP_Q3_CSV)] });
    expect(preview.canCommit).toBe(true);
    expect(preview.files[0]!.warnings.join(" ")).toMatch(/submitting PI data cancels the reweighting/);
    const outcome = await admin().dataImports.commit({ ...org(), files: [textFile("q3.csv", NP_Q3_CSV)] });
    expect(outcome.added).toBe(1);
    const [report] = (await admin().measureReports.list({ ...org() })).reports;
    expect(report).toMatchObject({ npi: "1245319599", sourceKind: "csv", measureCount: 3 }); // PEA, EP and its exclusion PI_LVPP_1
  });
});

describe("scores and export", () => {
  it("scores each clinician and the group (hand-computed); the group export validates and round-trips through scoreSubmission and the CLI", async () => {
    await fresh("cehrt-scores");
    await importVendorFiles();
    await admin().dataImports.commit({ ...org(), files: [textFile("q3.csv", NP_Q3_CSV)] });
    await admin().tinReporting.setChoice({ ...org(), tinId: t.tinId, performanceYear: 2018, mode: "group", performanceStart: "2018-01-01", performanceEnd: "2018-03-31" });
    const scores = await admin().measureReports.scores({ ...org(), tinId: t.tinId, performanceYear: 2018 });
    const byNpi = Object.fromEntries(scores.individuals.map((i) => [i.npi, i.aggregation.score?.score ?? null]));
    expect(byNpi).toEqual({
      // Clinician 1: base 50; PEA 50/100 -> 5, HIE_1 excluded (PI_LVOTC_1) -> 0, HIE_2 10/20 -> 5, registry "no" -> 0;
      // bonus 2015 Edition only 10: 50 + 10 + 10 = 70.
      "1234567893": { base: 50, performance: 10, bonus: 10, total: 70 },
      // Clinician 2: base 50; PEA 20/50 -> 4, HIE_1 5/10 -> 5, HIE_2 4/10 -> 4, registry yes -> 10; bonus 10: 50 + 23 + 10 = 83.
      "2567891421": { base: 50, performance: 23, bonus: 10, total: 83 },
      // The NP reported no Security Risk Analysis and no HIE measures: no base score, the category scores 0.
      "1245319599": { base: 0, performance: 0, bonus: 0, total: 0 },
    });
    // The group (the three files of 2018-01-01..2018-03-31; the NP's Q3 report is excluded): 99 (see the import test).
    expect(scores.group?.score?.score).toEqual(GROUP_SCORE);
    expect(scores.group?.excluded.map((e) => e.report.npi)).toEqual(["1245319599"]);

    // A page at a time (the CEHRT data page): clinicians in name order, the same scores, no group computed.
    const paged = await Promise.all([1, 2].map((page) => admin().measureReports.scores({ ...org(), tinId: t.tinId, performanceYear: 2018, page, pageSize: 2, group: false })));
    expect(paged.map((p) => [p.individualsTotal, p.page, p.pageSize, p.individuals.length, p.group])).toEqual([
      [3, 1, 2, 2, null],
      [3, 2, 2, 1, null],
    ]);
    const pagedNames = paged.flatMap((p) => p.individuals.map((i) => i.name));
    expect(pagedNames).toEqual([...pagedNames].sort((a, b) => a.localeCompare(b)));
    expect(Object.fromEntries(paged.flatMap((p) => p.individuals).map((i) => [i.npi, i.aggregation.score?.score ?? null]))).toEqual(byNpi);

    const exported = await admin().measureReports.export({ ...org(), kind: "group", tinId: t.tinId, performanceYear: 2018 });
    expect(exported.fileName).toBe("qpp-2018-group-123456789.json");
    expect(validateSubmission(exported.submission).ok).toBe(true);
    expect(scoreSubmission(exported.submission).score).toEqual(GROUP_SCORE);
    const cli = execFileSync("npm", ["run", "-s", "mips", "--", "score", "-"], { input: JSON.stringify(exported.submission), encoding: "utf8" });
    expect(JSON.parse(cli).score).toEqual(GROUP_SCORE);
  }, 60_000);

  it("refuses an export that lacks attestations or base measures, listing what is missing", async () => {
    await fresh("cehrt-incomplete");
    await admin().dataImports.commit({ ...org(), files: [textFile("q3.csv", NP_Q3_CSV)] });
    const refused = await refusal(admin().measureReports.export({ ...org(), kind: "individual", tinId: t.tinId, clinicianId: t.clinicianIds["1245319599"]!, performanceYear: 2018 }));
    expect(refused.code).toBe("BAD_REQUEST");
    const text = refused.issues.map((i) => `${i.path}: ${i.message}`);
    expect(text).toEqual(expect.arrayContaining([expect.stringMatching(/^PI_INFBLO_1: attestation/), expect.stringMatching(/^PI_PPHI_1: base measure/), expect.stringMatching(/^PI_HIE_1: base measure .* is not reported/)]));
  });

  it("a clinician exports only their own individual submission", async () => {
    await fresh("cehrt-own-export");
    await importVendorFiles();
    const clinician = callerAs(database.db, t.clinician);
    expect((await refusal(clinician.measureReports.export({ ...org(), kind: "group", tinId: t.tinId, performanceYear: 2018 }))).code).toBe("FORBIDDEN");
    expect((await refusal(clinician.measureReports.export({ ...org(), kind: "individual", tinId: t.tinId, clinicianId: t.clinicianIds["2567891421"]!, performanceYear: 2018 }))).code).toBe("FORBIDDEN");
    const mine = await clinician.measureReports.scores({ ...org(), tinId: t.tinId, performanceYear: 2018 });
    expect(mine.individuals.map((i) => i.npi)).toEqual(["1234567893"]);
    expect(mine.group).toBeNull();
    const own = await clinician.measureReports.export({ ...org(), kind: "individual", tinId: t.tinId, clinicianId: t.clinicianIds["1234567893"]!, performanceYear: 2018 });
    expect(own.submission).toMatchObject({ entityType: "individual", nationalProviderIdentifier: "1234567893" });
  });
});

describe("another organization", () => {
  it("cannot read or change this organization's data, even with its ids", async () => {
    const other = await createCehrtTenant(database.db, "cehrt-other");
    await fresh("cehrt-owner");
    await importVendorFiles();
    const outsider = callerAs(database.db, other.admin);
    const [report] = (await admin().measureReports.list({ ...org() })).reports;
    expect((await refusal(outsider.measureReports.get({ ...org(), reportId: report!.id }))).code).toBe("NOT_FOUND");
    expect((await refusal(outsider.measureReports.get({ organization: other.organization.slug, reportId: report!.id }))).code).toBe("NOT_FOUND");
    expect((await refusal(outsider.tinReporting.aggregation({ organization: other.organization.slug, tinId: t.tinId, performanceYear: 2018 }))).code).toBe("NOT_FOUND");
    expect((await refusal(outsider.measureReports.delete({ organization: other.organization.slug, reportId: report!.id, expectedVersion: 1 }))).code).toBe("NOT_FOUND");
    expect((await refusal(outsider.measureReports.export({ organization: other.organization.slug, kind: "group", tinId: t.tinId, performanceYear: 2018 }))).code).toBe("NOT_FOUND");
    expect(await outsider.cehrtProducts.list({ organization: other.organization.slug, tinId: t.tinId, performanceYear: 2018 }).then(() => "OK", (e: { code: string }) => e.code)).toBe("NOT_FOUND");
    // The other organization's own list stays empty: the same TIN number there is a different TIN.
    expect((await outsider.measureReports.list({ organization: other.organization.slug })).total).toBe(0);
    expect((await admin().measureReports.list({ ...org() })).total).toBe(3);
  });
});
