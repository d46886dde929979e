/**
 * Streamed imports end to end below the HTTP route: a file staged chunk by chunk (as the upload route
 * does), a job that parses it with csv-parse, checks it and commits it in one transaction; a file with
 * problems commits nothing and lists every problem; cancel; a job stopped midway (as a killed server
 * would) leaves nothing and runs again; another organization's job is NOT_FOUND; rollups stay equal to
 * a recomputation from the stored values.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, count, eq, sql, sum } from "drizzle-orm";
import { auditLog, importJobs, importUploadChunks, measureReports, measureValues } from "@/db/schema";
import { csvProblemIssues, readCsvMeasures } from "@/lib/formats/csv-measures";
import { toCsv } from "@/lib/roster/csv";
import { syntheticNpi } from "@/lib/roster/generate";
import { ROSTER_HEADER } from "@/lib/roster/import-columns";
import { createProduct } from "@/server/services/cehrt/products";
import { createImportJob, findImportJob, requestCancel, stageUpload, toJobView } from "@/server/services/imports/jobs";
import { runJob, useImportQueue, type ImportJobRef } from "@/server/services/imports/queue";
import { SimulatedCrash } from "@/server/services/imports/run";
import { commitImport as commitRoster } from "@/server/services/roster/roster-import";
import { createTin } from "@/server/services/roster/tins";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { codeOf } from "../helpers/outcome";
import { callerAs, createTestTenant, type TestTenant } from "../helpers/tenant";

const TIN = "712345678";
const CEHRT_ID = "0015ESTREAM0001";
const CLINICIANS = 300;
const HEADER = "performance_year,tin,npi,cehrt_id,performance_start,performance_end,measure_id,numerator,denominator,yes_no";
let database: TestDatabase;
let t: TestTenant;
let other: TestTenant;

const npiOf = (i: number) => syntheticNpi(81_000_000 + i);

function measureCsv(numerator: number): string {
  const lines = [HEADER];
  for (let i = 0; i < CLINICIANS; i++) {
    lines.push(`2018,${TIN},${npiOf(i)},${CEHRT_ID},2018-01-01,2018-12-31,PI_EP_1,${numerator},20,`);
    lines.push(`2018,${TIN},${npiOf(i)},${CEHRT_ID},2018-01-01,2018-12-31,PI_PPHI_1,,,yes`);
  }
  // Whole-TIN (group) data, no NPI.
  lines.push(`2018,${TIN},,${CEHRT_ID},2018-01-01,2018-12-31,PI_HIE_1,${numerator},30,`);
  return lines.join("\r\n") + "\r\n";
}

/** The bytes in uneven pieces, as a network delivers them. */
async function* pieces(text: string, size = 997): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function upload(tenant: TestTenant, kind: "cehrt_csv" | "roster_csv", fileName: string, text: string): Promise<ImportJobRef> {
  const { jobId } = await callerAs(database.db, tenant.admin).importJobs.begin({ organization: tenant.organization.slug, kind, fileName });
  const staged = await stageUpload(database.db, tenant.adminScope, { jobId, body: pieces(text) });
  expect(staged).toEqual({ ok: true, byteSize: Buffer.byteLength(text) });
  return { organizationId: tenant.organization.id, jobId };
}

function sameAsPreview(name: string, text: string) {
  const read = readCsvMeasures(text);
  return read.ok ? [] : csvProblemIssues(read.problems, name);
}

async function stored() {
  const [reports] = await database.db.select({ n: count() }).from(measureReports).where(eq(measureReports.organizationId, t.organization.id));
  const [values] = await database.db.select({ n: count(), numerators: sum(measureValues.numerator) }).from(measureValues).where(eq(measureValues.organizationId, t.organization.id));
  return { reports: reports!.n, values: values!.n, numerators: Number(values!.numerators ?? 0) };
}

/** The rollup triggers' sums against a recomputation from the detail rows (both per TIN, product, period, measure). */
async function rollupsMatch(): Promise<void> {
  const org = t.organization.id;
  const result = await database.db.execute(sql`
    WITH recomputed AS (
      SELECT r.performance_year, r.tin_id, r.product_id, r.performance_start, r.performance_end, v.measure_id,
             count(*)::int AS value_count, coalesce(sum(v.numerator), 0)::bigint AS numerator_sum, coalesce(sum(v.denominator), 0)::bigint AS denominator_sum,
             count(*) FILTER (WHERE v.yes_no)::int AS yes_count
      FROM measure_values v JOIN measure_reports r ON r.organization_id = v.organization_id AND r.id = v.report_id
      WHERE v.organization_id = ${org}
      GROUP BY 1, 2, 3, 4, 5, 6
    ), rolled AS (
      SELECT performance_year, tin_id, product_id, performance_start, performance_end, measure_id, value_count, numerator_sum::bigint, denominator_sum::bigint, yes_count
      FROM measure_value_rollups WHERE organization_id = ${org} AND value_count > 0
    )
    SELECT (SELECT count(*) FROM (SELECT * FROM recomputed EXCEPT SELECT * FROM rolled) a)::int AS missing,
           (SELECT count(*) FROM (SELECT * FROM rolled EXCEPT SELECT * FROM recomputed) b)::int AS extra,
           (SELECT count(*) FROM recomputed)::int AS keys`);
  const rows = (result as unknown as { rows?: Record<string, number>[] }).rows ?? (result as unknown as Record<string, number>[]);
  expect(rows[0]).toMatchObject({ missing: 0, extra: 0 });
  expect(Number(rows[0]!.keys)).toBeGreaterThan(0);
}

/** A practice of its own for each test (the tests run in any order): the roster of TIN 71-2345678 and its CEHRT product. */
async function practice(): Promise<TestTenant> {
  const tenant = await createTestTenant(database.db, "streamed");
  const rows = Array.from({ length: CLINICIANS }, (_, i) => [TIN, "Stream Practice", npiOf(i), `F${i}`, `L${i}`, "physician", "", "2017-01-01", "", "", "", "", "", "", "", "", "", "", ""]);
  await commitRoster(database.db, tenant.adminScope, { csv: toCsv([ROSTER_HEADER, ...rows]), fileName: "roster.csv" });
  const [tin] = await database.db.execute(sql`SELECT id FROM tins WHERE organization_id = ${tenant.organization.id} AND tin = ${TIN}`).then((r) => (r as unknown as { rows?: { id: string }[] }).rows ?? (r as unknown as { id: string }[]));
  await createProduct(database.db, tenant.adminScope, { tinId: tin!.id, vendor: "Stream EHR", productName: "Stream", cehrtId: CEHRT_ID });
  return tenant;
}

beforeAll(async () => {
  database = await createTestDatabase();
  other = await createTestTenant(database.db, "streamed-other");
  await createTin(database.db, other.adminScope, { tin: TIN, name: "Other tenant's TIN" });
});
beforeEach(async () => {
  t = await practice();
});
afterAll(() => database.close());
afterEach(() => useImportQueue(undefined));

describe("streamed CEHRT CSV import", () => {
  it("commits a staged file in one job: reports, values, rollups, audit, a final report; then replaces it from a second file", async () => {
    const ref = await upload(t, "cehrt_csv", "stream-1.csv", measureCsv(3));
    const job = await runJob(database.db, ref);
    expect(job).toMatchObject({ status: "succeeded", rowsRead: 2 * CLINICIANS + 1, problemsFound: 0 });
    expect(job!.outcome).toMatchObject({ added: CLINICIANS + 1, replaced: 0, values: 2 * CLINICIANS + 1 });
    expect(await stored()).toEqual({ reports: CLINICIANS + 1, values: 2 * CLINICIANS + 1, numerators: 3 * (CLINICIANS + 1) });
    await rollupsMatch();
    const view = await callerAs(database.db, t.admin).importJobs.get({ organization: t.organization.slug, jobId: ref.jobId });
    expect(view).toMatchObject({ status: "succeeded", percent: 100, canRetry: false, message: expect.stringMatching(/301 report\(s\) added, 0 replaced, 601 measure values/) });
    // The staged chunks are gone once committed.
    const [chunks] = await database.db.select({ n: count() }).from(importUploadChunks).where(eq(importUploadChunks.jobId, ref.jobId));
    expect(chunks!.n).toBe(0);

    const again = await runJob(database.db, await upload(t, "cehrt_csv", "stream-1-again.csv", measureCsv(3)));
    expect(again).toMatchObject({ status: "succeeded", message: expect.stringMatching(/imported before/) });

    const second = await runJob(database.db, await upload(t, "cehrt_csv", "stream-2.csv", measureCsv(7)));
    expect(second!.outcome).toMatchObject({ added: 0, replaced: CLINICIANS + 1 });
    expect(await stored()).toEqual({ reports: CLINICIANS + 1, values: 2 * CLINICIANS + 1, numerators: 7 * (CLINICIANS + 1) });
    await rollupsMatch();
    const [audits] = await database.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.organizationId, t.organization.id), eq(auditLog.action, "measure_report.imported")));
    expect(audits!.n).toBe(2);
  });

  it("refuses a file with problems whole, listing every one with its row and column (rows and organization checks)", async () => {
    const before = await stored();
    const lines = measureCsv(5).trimEnd().split("\r\n");
    lines[3] = `2018,${TIN},${npiOf(1)},${CEHRT_ID},2018-01-01,2018-12-31,PI_EP_1,20,10,`; // numerator > denominator
    lines[8] = `2018,12345,${npiOf(3)},${CEHRT_ID},2018-01-01,2018-12-31,PI_EP_1,1,10,`; // not a TIN
    lines[10] = `2018,${TIN},${npiOf(4)},${CEHRT_ID},2018-01-01,2018-12-31,PI_EP_1,1,10,`; // PI_EP_1 twice for NPI 4 (row 10 has it)
    lines.push(`2018,${TIN},${npiOf(4)},${CEHRT_ID},2018-01-01,2018-12-31,PI_EP_1,2,10,`); // ... and again
    const bad = await runJob(database.db, await upload(t, "cehrt_csv", "bad.csv", lines.join("\n")));
    expect(bad).toMatchObject({ status: "failed", message: expect.stringMatching(/^Nothing was imported: \d+ problem\(s\) in bad.csv/) });
    const paths = bad!.problems.map((p) => p.path);
    expect(paths).toContain("bad.csv: row 4, column numerator");
    expect(paths).toContain("bad.csv: row 9, column tin");
    expect(bad!.problems).toContainEqual({ path: `bad.csv: row ${lines.length}, column measure_id`, message: "PI_EP_1 is already given on row 10 for the same TIN, NPI, CEHRT ID and period" });
    // The same problems, in the same words and order, as the preview's reader of the whole text.
    expect(bad!.problems).toEqual(sameAsPreview("bad.csv", lines.join("\n")));
    expect(bad!.problemsFound).toBe(bad!.problems.length);
    expect(toJobView(bad!).canRetry).toBe(false);
    expect(await stored()).toEqual(before);

    // Valid rows, wrong organization facts: an unknown TIN, an NPI off the roster, an unregistered CEHRT ID.
    const facts = [HEADER, `2018,999888777,${npiOf(1)},${CEHRT_ID},2018-01-01,2018-12-31,PI_EP_1,1,10,`, `2018,${TIN},${syntheticNpi(99_000_001)},${CEHRT_ID},2018-01-01,2018-12-31,PI_EP_1,1,10,`, `2018,${TIN},${npiOf(2)},0015ENOTREG0001,2018-01-01,2018-12-31,PI_EP_1,1,10,`];
    const refused = await runJob(database.db, await upload(t, "cehrt_csv", "facts.csv", facts.join("\n")));
    expect(refused!.status).toBe("failed");
    expect(refused!.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^TIN 99-9888777 is not in this organization/),
      expect.stringMatching(/^NPI \d{10} is not on the roster of TIN 71-2345678 during 2018-01-01..2018-12-31/),
      expect.stringMatching(/^CEHRT ID 0015ENOTREG0001 is not registered for TIN 71-2345678/),
    ]);
    expect(await stored()).toEqual(before);

    const empty = await runJob(database.db, await upload(t, "cehrt_csv", "header-only.csv", HEADER + "\n"));
    expect(empty!.problems).toEqual([{ path: "header-only.csv: row 2", message: "the file has a header but no data rows" }]);
    const columnsCsv = "tin,npi,colour\n1,2,3\n";
    const columns = await runJob(database.db, await upload(t, "cehrt_csv", "columns.csv", columnsCsv));
    expect(columns!.problems).toEqual(sameAsPreview("columns.csv", columnsCsv));
    expect(columns!.problems.map((p) => p.message)).toContain('missing column "measure_id" (a measure id of the year from CMS\'s catalog, e.g. PI_EP_1)');
    const quoteCsv = `${HEADER}\n2018,"${TIN}"x,${npiOf(1)},${CEHRT_ID},2018-01-01,2018-12-31,PI_EP_1,1,10,\n`;
    const quote = await runJob(database.db, await upload(t, "cehrt_csv", "quote.csv", quoteCsv));
    expect(quote!.problems).toEqual(sameAsPreview("quote.csv", quoteCsv));
    expect(quote!.problems[0]).toEqual({ path: "quote.csv: row 2", message: expect.stringMatching(/text after a closing quote in cell 2/) });
  });

  it("cancels: a queued job at once, a running one at its next check, with nothing kept", async () => {
    const before = await stored();
    const admin = callerAs(database.db, t.admin);
    const queued = await upload(t, "cehrt_csv", "queued.csv", measureCsv(11));
    expect(await admin.importJobs.cancel({ organization: t.organization.slug, jobId: queued.jobId })).toMatchObject({ status: "cancelled", canRetry: true });
    expect(await runJob(database.db, queued)).toBeNull();

    const running = await upload(t, "cehrt_csv", "running.csv", measureCsv(11));
    const job = await runJob(database.db, running, {
      onCheckpoint: async (name) => {
        if (name === "staged") await requestCancel(database.db, t.adminScope, running.jobId);
      },
    });
    expect(job).toMatchObject({ status: "cancelled", message: expect.stringMatching(/nothing was imported/) });
    expect(await stored()).toEqual(before);
    await expect(admin.importJobs.cancel({ organization: t.organization.slug, jobId: running.jobId }).catch((e: Error) => e.message)).resolves.toMatch(/already been cancelled/);
  });

  it("a job stopped midway (killed before its commit) leaves nothing, and runs again to completion", async () => {
    const before = await stored();
    const ref = await upload(t, "cehrt_csv", "crash.csv", measureCsv(13));
    await expect(
      runJob(database.db, ref, {
        onCheckpoint: (name) => {
          if (name === "before-commit") throw new SimulatedCrash("killed");
        },
      }),
    ).rejects.toBeInstanceOf(SimulatedCrash);
    expect(await stored()).toEqual(before);
    let job = await findImportJob(database.db, t.adminScope, ref.jobId);
    expect(job.status).toBe("running");
    expect(toJobView(job).canRetry).toBe(false); // its worker could still be alive: not yet
    await database.db.update(importJobs).set({ updatedAt: new Date(Date.now() - 5 * 60_000) }).where(and(eq(importJobs.organizationId, t.organization.id), eq(importJobs.id, ref.jobId)));

    const enqueued: ImportJobRef[] = [];
    useImportQueue({ kind: "in-process", enqueue: async (r) => void enqueued.push(r), stop: async () => undefined });
    const retried = await callerAs(database.db, t.admin).importJobs.retry({ organization: t.organization.slug, jobId: ref.jobId });
    expect(retried).toMatchObject({ status: "queued", canRetry: false });
    expect(enqueued).toEqual([ref]);
    job = (await runJob(database.db, ref))!;
    expect(job).toMatchObject({ status: "succeeded", attempts: 2 });
    expect((await stored()).numerators).toBe(13 * (CLINICIANS + 1));
    await rollupsMatch();
  });

  it("refuses an upload over the limit (the job and its chunks are gone) and an empty one", async () => {
    const { jobId } = await callerAs(database.db, t.admin).importJobs.begin({ organization: t.organization.slug, kind: "cehrt_csv", fileName: "big.csv" });
    expect(await stageUpload(database.db, t.adminScope, { jobId, body: pieces("x".repeat(5000)), limit: 4096 })).toEqual({ ok: false, tooLarge: true, limit: 4096 });
    expect(await database.db.select().from(importJobs).where(and(eq(importJobs.organizationId, t.organization.id), eq(importJobs.id, jobId)))).toEqual([]);
    const empty = await createImportJob(database.db, t.adminScope, { kind: "cehrt_csv", fileName: "empty.csv" });
    await expect(stageUpload(database.db, t.adminScope, { jobId: empty.id, body: pieces("") })).rejects.toThrow(/The file is empty/);
  });
});

describe("streamed roster CSV import", () => {
  it("commits a roster file through a job, and refuses one with problems listing them by row and column", async () => {
    const rows = [[TIN, "Stream Practice", syntheticNpi(82_000_001), "New", "Clinician", "physician", "", "2018-01-01", "", "", "", "", "", "", "", "", "", "", ""]];
    const ok = await runJob(database.db, await upload(t, "roster_csv", "roster-add.csv", toCsv([ROSTER_HEADER, ...rows])));
    expect(ok).toMatchObject({ status: "succeeded", rowsRead: 1, message: expect.stringMatching(/Imported roster-add.csv: 1 row/) });
    const bad = [[TIN, "Stream Practice", "1234567890", "Bad", "Npi", "physician", "", "2018-01-01", "", "", "", "", "", "", "", "", "", "", ""]];
    const refused = await runJob(database.db, await upload(t, "roster_csv", "roster-bad.csv", toCsv([ROSTER_HEADER, ...bad])));
    expect(refused).toMatchObject({ status: "failed" });
    expect(refused!.problems[0]!.path).toMatch(/^roster-bad.csv: row 2, column/);
    expect(refused!.problemsFound).toBeGreaterThan(0);
  });
});

describe("streamed import tenancy", () => {
  it("another organization's job is NOT_FOUND through every procedure and the staging service; nothing changes", async () => {
    const ref = await upload(t, "cehrt_csv", "mine.csv", measureCsv(1));
    const theirs = callerAs(database.db, other.admin);
    const o = { organization: other.organization.slug, jobId: ref.jobId };
    expect(await codeOf(theirs.importJobs.get(o))).toBe("NOT_FOUND");
    expect(await codeOf(theirs.importJobs.cancel(o))).toBe("NOT_FOUND");
    expect(await codeOf(theirs.importJobs.retry(o))).toBe("NOT_FOUND");
    await expect(stageUpload(database.db, other.adminScope, { jobId: ref.jobId, body: pieces("a") })).rejects.toThrow(/No such import/);
    // Running my job under their organization finds nothing to claim.
    expect(await runJob(database.db, { organizationId: other.organization.id, jobId: ref.jobId })).toBeNull();
    expect((await findImportJob(database.db, t.adminScope, ref.jobId)).status).toBe("queued");
    // An executive or clinician of the organization itself is FORBIDDEN.
    expect(await codeOf(callerAs(database.db, t.executive).importJobs.get({ organization: t.organization.slug, jobId: ref.jobId }))).toBe("FORBIDDEN");
  });
});
