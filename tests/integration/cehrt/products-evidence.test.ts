/**
 * CEHRT products edited with versions, security risk analyses and their evidence files: the download
 * procedure the route handler calls (app/api/o/[org]/evidence/[evidenceId]) answers admins and
 * executives, refuses clinicians, and hides other tenants' files behind NOT_FOUND.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, evidenceFiles } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { callerAs } from "../helpers/tenant";
import { createTin } from "@/server/services/roster/tins";
import { createCehrtTenant, refusal, textFile, type CehrtTenant } from "./setup";

let database: TestDatabase;
let t: CehrtTenant;
let other: CehrtTenant;

beforeAll(async () => {
  database = await createTestDatabase();
  t = await createCehrtTenant(database.db, "evidence");
  other = await createCehrtTenant(database.db, "evidence-other");
});
afterAll(() => database.close());

const org = () => ({ organization: t.organization.slug });
const admin = () => callerAs(database.db, t.admin);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

async function productWithAnalysis(cehrtId: string) {
  const product = await admin().cehrtProducts.create({ ...org(), tinId: t.tinId, vendor: "Vendor E", productName: "E EHR", cehrtId });
  const analysis = await admin().cehrtProducts.recordAnalysis({ ...org(), productId: product.id, performanceYear: 2018, completedOn: "2018-02-15", attestedBy: "Pat Practice" });
  return { product, analysis };
}

describe("product edits", () => {
  it("saves with the version it was opened with and refuses a stale version with who changed it", async () => {
    const { product } = await productWithAnalysis("0015EPRODUCT001");
    const fields = { ...org(), tinId: t.tinId, productId: product.id, vendor: "Vendor E2", productName: "E EHR 2", cehrtId: product.cehrtId, inUseFrom: "2018-01-01", inUseTo: "" };
    const saved = await admin().cehrtProducts.update({ ...fields, expectedVersion: 1 });
    expect(saved).toMatchObject({ vendor: "Vendor E2", version: 2, inUseFrom: "2018-01-01", inUseTo: null });
    const stale = await refusal(admin().cehrtProducts.update({ ...fields, vendor: "Lost edit", expectedVersion: 1 }));
    expect(stale.code).toBe("CONFLICT");
    expect(stale.message).toMatch(/was changed by .* after you opened it/);
    const [after] = await admin().cehrtProducts.list({ ...org(), tinId: t.tinId, performanceYear: 2018 }).then((ps) => ps.filter((p) => p.id === product.id));
    expect(after?.vendor).toBe("Vendor E2");
    const reversed = await refusal(admin().cehrtProducts.update({ ...fields, inUseFrom: "2018-06-01", inUseTo: "2018-05-01", expectedVersion: 2 }));
    expect(reversed.issues).toContainEqual(expect.objectContaining({ path: "inUseTo", message: expect.stringMatching(/before the first day in use/) }));
    expect((await refusal(callerAs(database.db, t.executive).cehrtProducts.update({ ...fields, expectedVersion: 2 }))).code).toBe("FORBIDDEN");
  });
});

describe("security risk analysis and evidence", () => {
  it("refuses an analysis dated outside the year and a stale analysis update", async () => {
    const { product, analysis } = await productWithAnalysis("0015EPRODUCT002");
    const outside = await refusal(admin().cehrtProducts.recordAnalysis({ ...org(), productId: product.id, performanceYear: 2018, completedOn: "2017-12-31", attestedBy: "Pat" }));
    expect(outside.issues).toContainEqual(expect.objectContaining({ path: "completedOn", message: expect.stringMatching(/not in 2018/) }));
    await admin().cehrtProducts.recordAnalysis({ ...org(), productId: product.id, performanceYear: 2018, completedOn: "2018-03-01", attestedBy: "Pat", expectedVersion: analysis.version });
    const stale = await refusal(admin().cehrtProducts.recordAnalysis({ ...org(), productId: product.id, performanceYear: 2018, completedOn: "2018-04-01", attestedBy: "Lee", expectedVersion: analysis.version }));
    expect(stale.code).toBe("CONFLICT");
    const [listed] = await admin().cehrtProducts.list({ ...org(), tinId: t.tinId, performanceYear: 2018 }).then((ps) => ps.filter((p) => p.id === product.id));
    expect(listed?.analysis).toMatchObject({ completedOn: "2018-03-01", attestedBy: "Pat", version: 2 });
  });

  it("stores a PNG by its content, serves it to admins and executives with the sniffed type, refuses clinicians, and audits", async () => {
    const { analysis } = await productWithAnalysis("0015EPRODUCT003");
    // The name says PDF, the bytes say PNG: the stored type and the extension are the content's.
    const stored = await admin().cehrtProducts.uploadEvidence({ ...org(), analysisId: analysis.id, fileName: "scan.pdf", contentBase64: PNG.toString("base64") });
    expect(stored).toMatchObject({ mediaType: "image/png", fileName: "scan.png" });
    for (const user of [t.admin, t.executive]) {
      const file = await callerAs(database.db, user).cehrtProducts.evidenceFile({ ...org(), evidenceId: stored.id });
      expect(file).toMatchObject({ fileName: "scan.png", mediaType: "image/png" });
      expect(Buffer.from(file.content).equals(PNG)).toBe(true);
    }
    expect((await refusal(callerAs(database.db, t.clinician).cehrtProducts.evidenceFile({ ...org(), evidenceId: stored.id }))).code).toBe("FORBIDDEN");
    // An HTML name on a PNG is served as .png; a matching extension (.jpeg for a JPEG) is kept.
    const html = await admin().cehrtProducts.uploadEvidence({ ...org(), analysisId: analysis.id, fileName: "report.html", contentBase64: PNG.toString("base64") });
    expect(html.fileName).toBe("report.png");
    const noExtension = await admin().cehrtProducts.uploadEvidence({ ...org(), analysisId: analysis.id, fileName: "scan", contentBase64: PNG.toString("base64") });
    expect(noExtension.fileName).toBe("scan.png");
    expect((await refusal(callerAs(database.db, t.executive).cehrtProducts.uploadEvidence({ ...org(), analysisId: analysis.id, fileName: "x.png", contentBase64: PNG.toString("base64") }))).code).toBe("FORBIDDEN");
    const audits = await database.db.select().from(auditLog).where(and(eq(auditLog.targetId, stored.id), eq(auditLog.action, "evidence_file.uploaded")));
    expect(audits).toHaveLength(1);
  });

  it("refuses an empty file and a file over 10 MB, storing nothing", async () => {
    const { analysis } = await productWithAnalysis("0015EPRODUCT004");
    const empty = await refusal(admin().cehrtProducts.uploadEvidence({ ...org(), analysisId: analysis.id, fileName: "empty.pdf", contentBase64: "" }));
    expect(empty.message).toMatch(/empty/);
    const big = Buffer.alloc(10 * 1024 * 1024 + 1);
    big.write("%PDF-1.4");
    const tooBig = await refusal(admin().cehrtProducts.uploadEvidence({ ...org(), analysisId: analysis.id, fileName: "big.pdf", contentBase64: big.toString("base64") }));
    expect(tooBig.code).toBe("BAD_REQUEST");
    expect(tooBig.message + tooBig.issues.map((i) => i.message).join(" ")).toMatch(/10 MB/);
    const rows = await database.db.select({ id: evidenceFiles.id }).from(evidenceFiles).where(eq(evidenceFiles.analysisId, analysis.id));
    expect(rows).toHaveLength(0);
  });

  it("another organization's member gets NOT_FOUND for the file, the analysis and the product, with their ids", async () => {
    const { product, analysis } = await productWithAnalysis("0015EPRODUCT005");
    const stored = await admin().cehrtProducts.uploadEvidence({ ...org(), analysisId: analysis.id, fileName: "sra.png", contentBase64: PNG.toString("base64") });
    const outsider = callerAs(database.db, other.admin);
    const theirs = { organization: other.organization.slug };
    expect((await refusal(outsider.cehrtProducts.evidenceFile({ ...theirs, evidenceId: stored.id }))).code).toBe("NOT_FOUND");
    expect((await refusal(outsider.cehrtProducts.evidenceFile({ ...org(), evidenceId: stored.id }))).code).toBe("NOT_FOUND");
    expect((await refusal(outsider.cehrtProducts.uploadEvidence({ ...theirs, analysisId: analysis.id, fileName: "x.png", contentBase64: PNG.toString("base64") }))).code).toBe("NOT_FOUND");
    expect((await refusal(outsider.cehrtProducts.recordAnalysis({ ...theirs, productId: product.id, performanceYear: 2018, completedOn: "2018-05-01", attestedBy: "X" }))).code).toBe("NOT_FOUND");
    expect(
      (await refusal(outsider.cehrtProducts.update({ ...theirs, tinId: t.tinId, productId: product.id, vendor: "X", productName: "Y", cehrtId: product.cehrtId, expectedVersion: 1 }))).code,
    ).toBe("NOT_FOUND");
  });
});

describe("concurrent edits", () => {
  it("two saves opened at the same version: exactly one wins, the other gets CONFLICT, nothing is overwritten silently", async () => {
    const product = await admin().cehrtProducts.create({ ...org(), tinId: t.tinId, vendor: "Vendor R", productName: "R EHR", cehrtId: "0015EPRODUCT010" });
    const fields = { ...org(), tinId: t.tinId, productId: product.id, productName: "R EHR", cehrtId: product.cehrtId, inUseFrom: "", inUseTo: "", expectedVersion: 1 };
    const outcomes = await Promise.all(
      ["Admin A's vendor", "Admin B's vendor"].map((vendor) =>
        admin()
          .cehrtProducts.update({ ...fields, vendor })
          .then((p) => `saved ${p.vendor}`, (e: { code?: string }) => e.code ?? "error"),
      ),
    );
    expect(outcomes.filter((o) => o === "CONFLICT")).toHaveLength(1);
    const winner = outcomes.find((o) => o.startsWith("saved"))!.slice("saved ".length);
    const [stored] = await admin().cehrtProducts.list({ ...org(), tinId: t.tinId, performanceYear: 2018 }).then((ps) => ps.filter((p) => p.id === product.id));
    expect(stored).toMatchObject({ vendor: winner, version: 2 });
  });

  it("an analysis update without the version it was opened with is refused once the analysis exists", async () => {
    const { product } = await productWithAnalysis("0015EPRODUCT011");
    const blind = await refusal(admin().cehrtProducts.recordAnalysis({ ...org(), productId: product.id, performanceYear: 2018, completedOn: "2018-05-01", attestedBy: "Blind" }));
    expect(blind.code).toBe("CONFLICT");
  });
});

describe("security risk analysis covers every product in use (rules 6.7)", () => {
  it("refuses a group export while a product in use has neither a recorded analysis nor data, and names it", async () => {
    // Its own tenant: the other tests' products (in use, without analysis) would be named too.
    const sra = await createCehrtTenant(database.db, "evidence-sra");
    const api = callerAs(database.db, sra.admin);
    const o = { organization: sra.organization.slug };
    // The TIN has data from one product (its file carries the SRA answer); a second product is in use without data.
    const row = (m: string, n: string, d: string, yn: string) => `2018,123456789,1234567893,0015EPRODUCT021,2018-01-01,2018-03-31,${m},${n},${d},${yn}`;
    const csv = [
      "performance_year,tin,npi,cehrt_id,performance_start,performance_end,measure_id,numerator,denominator,yes_no",
      row("PI_PPHI_1", "", "", "yes"),
      row("PI_INFBLO_1", "", "", "yes"),
      row("PI_ONCDIR_1", "", "", "yes"),
      row("PI_EP_1", "40", "80", ""),
      row("PI_PEA_1", "50", "100", ""),
      row("PI_HIE_1", "5", "10", ""),
      row("PI_HIE_2", "3", "12", ""),
    ].join("\n");
    await api.dataImports.commit({ ...o, files: [textFile("sra-covered.csv", csv)], vendors: [{ cehrtId: "0015EPRODUCT021", vendor: "Vendor S" }] });
    const unused = await api.cehrtProducts.create({ ...o, tinId: sra.tinId, vendor: "Vendor U", productName: "Unused EHR", cehrtId: "0015EPRODUCT020", inUseFrom: "2018-01-01", inUseTo: "" });
    const refused = await refusal(api.measureReports.export({ ...o, kind: "group", tinId: sra.tinId, performanceYear: 2018 }));
    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.issues).toContainEqual(
      expect.objectContaining({ path: "securityRiskAnalysis.0015EPRODUCT020", message: expect.stringMatching(/Vendor U Unused EHR .* no security risk analysis recorded for 2018/) }),
    );
    await api.cehrtProducts.recordAnalysis({ ...o, productId: unused.id, performanceYear: 2018, completedOn: "2018-02-01", attestedBy: "Pat" });
    // With the analysis recorded, nothing else stands in the way: the product whose own file answered the
    // SRA is covered by its data, and the export goes through with the SRA "yes".
    const after = await api.measureReports.export({ ...o, kind: "group", tinId: sra.tinId, performanceYear: 2018 });
    const measurements = after.submission.measurementSets[0]!.measurements;
    expect(measurements.find((m) => m.measureId === "PI_PPHI_1")?.value).toBe(true);
  });
});

describe("clinicians and products", () => {
  it("a clinician lists only the products of TINs they bill under, without the attester or evidence", async () => {
    const { product } = await productWithAnalysis("0015EPRODUCT030");
    const clinician = callerAs(database.db, t.clinician);
    const mine = await clinician.cehrtProducts.list({ ...org(), tinId: t.tinId, performanceYear: 2018 });
    const seen = mine.find((p) => p.id === product.id);
    expect(seen?.analysis).toMatchObject({ completedOn: "2018-02-15", attestedBy: "", evidence: [] });
    const elsewhere = await createTin(database.db, t.adminScope, { tin: "987654321", name: "Not Mine Clinic" });
    expect((await refusal(clinician.cehrtProducts.list({ ...org(), tinId: elsewhere.id, performanceYear: 2018 }))).code).toBe("FORBIDDEN");
    const asAdmin = await admin().cehrtProducts.list({ ...org(), tinId: t.tinId, performanceYear: 2018 });
    expect(asAdmin.find((p) => p.id === product.id)?.analysis?.attestedBy).toBe("Pat Practice");
  });
});
