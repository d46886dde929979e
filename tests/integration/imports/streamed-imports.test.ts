/**
 * Streamed imports end to end below the HTTP route: a file staged chunk by chunk (as the upload route
 * does), a job that parses it with csv-parse, checks it and commits it in one transaction; a file with
 * problems commits nothing and lists every problem; cancel; a job stopped midway (as a killed server
 * would) leaves nothing and runs again; another organization's job is NOT_FOUND; rollups stay equal to
 * a recomputation from the stored values.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, count, eq, sql, sum } from "drizzle-orm";
import { auditLog, cehrtProducts, importJobs, importUploadChunks, measureReports, measureValues } from "@/db/schema";
import { csvProblemIssues, readCsvMeasures } from "@/lib/formats/csv-measures";
import { toCsv } from "@/lib/roster/csv";
import { syntheticNpi } from "@/lib/roster/generate";
import { ROSTER_HEADER } from "@/lib/roster/import-columns";
import { createProduct } from "@/server/services/cehrt/products";
import { createImportJob, findImportJob, requestCancel, stageUpload, sweepStagedFiles, toJobView } from "@/server/services/imports/jobs";
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

    // Valid rows, wrong organization facts: an unknown TIN, an NPI off the roster, an unregistered CEHRT ID
    // whose edition the ID does not tell (a new 0015... ID is not a problem: it asks for its vendor).
    const facts = [HEADER, `2018,999888777,${npiOf(1)},${CEHRT_ID},2018-01-01,2018-12-31,PI_EP_1,1,10,`, `2018,${TIN},${syntheticNpi(99_000_001)},${CEHRT_ID},2018-01-01,2018-12-31,PI_EP_1,1,10,`, `2018,${TIN},${npiOf(2)},0015ENOTREG0001,2018-01-01,2018-12-31,PI_EP_1,1,10,`, `2018,${TIN},${npiOf(3)},A015ENOTREG0001,2018-01-01,2018-12-31,PI_EP_1,1,10,`];
    const refused = await runJob(database.db, await upload(t, "cehrt_csv", "facts.csv", facts.join("\n")));
    expect(refused!.status).toBe("failed");
    expect(refused!.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^TIN 99-9888777 is not in this organization/),
      expect.stringMatching(/^NPI \d{10} is not on the roster of TIN 71-2345678 during 2018-01-01..2018-12-31/),
      "CEHRT ID A015ENOTREG0001 is not registered for this TIN and its edition cannot be derived from it; register the product (with its edition) first",
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

/** The job's staged chunks (how many). */
async function chunksOf(ref: ImportJobRef): Promise<number> {
  const [row] = await database.db.select({ n: count() }).from(importUploadChunks).where(and(eq(importUploadChunks.organizationId, ref.organizationId), eq(importUploadChunks.jobId, ref.jobId)));
  return row!.n;
}

/** Makes a job look untouched for `hours` (as if its worker, browser or user went away that long ago). */
async function age(ref: ImportJobRef, hours: number): Promise<void> {
  await database.db.update(importJobs).set({ updatedAt: new Date(Date.now() - hours * 3_600_000) }).where(and(eq(importJobs.organizationId, ref.organizationId), eq(importJobs.id, ref.jobId)));
}

describe("staged files of streamed imports", () => {
  it("are deleted with the final state of a job that cannot run again: committed, refused for problems", async () => {
    const ok = await upload(t, "cehrt_csv", "kept-not.csv", measureCsv(2));
    expect(await chunksOf(ok)).toBeGreaterThan(0);
    const done = await runJob(database.db, ok);
    expect(done).toMatchObject({ status: "succeeded", fileRemovedAt: expect.any(Date) });
    expect(await chunksOf(ok)).toBe(0);

    const lines = measureCsv(2).split("\r\n");
    lines[2] = `2018,${TIN},${npiOf(0)},${CEHRT_ID},2018-01-01,2018-12-31,PI_EP_1,30,20,`;
    const bad = await upload(t, "cehrt_csv", "bad-kept-not.csv", lines.join("\n"));
    const refused = await runJob(database.db, bad);
    expect(refused).toMatchObject({ status: "failed", fileRemovedAt: expect.any(Date) });
    expect(refused!.problemsFound).toBeGreaterThan(0);
    expect(await chunksOf(bad)).toBe(0);

    const roster = await upload(t, "roster_csv", "roster-bad.csv", toCsv([ROSTER_HEADER, [TIN, "P", "1234567890", "B", "N", "physician", "", "2018-01-01", "", "", "", "", "", "", "", "", "", "", ""]]));
    expect(await runJob(database.db, roster)).toMatchObject({ status: "failed", fileRemovedAt: expect.any(Date) });
    expect(await chunksOf(roster)).toBe(0);
  });

  it("are kept for a retry of a cancelled or stalled job, which still commits; the sweep removes them after 24 hours and the job can no longer run", async () => {
    const admin = callerAs(database.db, t.admin);
    const enqueued: ImportJobRef[] = [];
    useImportQueue({ kind: "in-process", enqueue: async (r) => void enqueued.push(r), stop: async () => undefined });
    const cancelled = await upload(t, "cehrt_csv", "cancel-then-retry.csv", measureCsv(3));
    const view = await admin.importJobs.cancel({ organization: t.organization.slug, jobId: cancelled.jobId });
    expect(view).toMatchObject({ status: "cancelled", canRetry: true, fileKeptUntil: expect.any(Date) });
    expect(view.fileKeptUntil!.getTime()).toBeGreaterThan(Date.now() + 23 * 3_600_000);
    expect(await chunksOf(cancelled)).toBeGreaterThan(0);
    // A sweep now leaves it (recent); the retry commits from the staged file.
    await sweepStagedFiles(database.db);
    expect(await chunksOf(cancelled)).toBeGreaterThan(0);
    await admin.importJobs.retry({ organization: t.organization.slug, jobId: cancelled.jobId });
    expect(await runJob(database.db, cancelled)).toMatchObject({ status: "succeeded" });
    expect((await stored()).numerators).toBe(3 * (CLINICIANS + 1));
    expect(await chunksOf(cancelled)).toBe(0);

    // Cancelled a day ago, a crashed worker's job, an upload that never finished: swept.
    const old = await upload(t, "cehrt_csv", "cancelled-long-ago.csv", measureCsv(4));
    await requestCancel(database.db, t.adminScope, old.jobId);
    const stalled = await upload(t, "cehrt_csv", "stalled.csv", measureCsv(4));
    await expect(runJob(database.db, stalled, { onCheckpoint: () => Promise.reject(new SimulatedCrash("killed")) })).rejects.toBeInstanceOf(SimulatedCrash);
    const { jobId } = await admin.importJobs.begin({ organization: t.organization.slug, kind: "cehrt_csv", fileName: "half-uploaded.csv" });
    const half = { organizationId: t.organization.id, jobId };
    await database.db.insert(importUploadChunks).values({ organizationId: t.organization.id, jobId, seq: 0, data: Buffer.from(HEADER) });
    const recent = await upload(t, "cehrt_csv", "recent.csv", measureCsv(4));
    await requestCancel(database.db, t.adminScope, recent.jobId);
    for (const ref of [old, stalled, half]) await age(ref, 25);
    await age(recent, 23);

    expect(await sweepStagedFiles(database.db)).toBeGreaterThanOrEqual(3);
    for (const ref of [old, stalled, half]) expect(await chunksOf(ref)).toBe(0);
    expect(await chunksOf(recent)).toBeGreaterThan(0);
    const oldView = await admin.importJobs.get({ organization: t.organization.slug, jobId: old.jobId });
    expect(oldView).toMatchObject({ status: "cancelled", canRetry: false, fileKeptUntil: null, message: expect.stringMatching(/staged file was removed after 24 hours; upload it again/) });
    expect(await admin.importJobs.get({ organization: t.organization.slug, jobId: stalled.jobId })).toMatchObject({ status: "failed", canRetry: false, message: expect.stringMatching(/did not move for 24 hours/) });
    expect(await admin.importJobs.get({ organization: t.organization.slug, jobId: half.jobId })).toMatchObject({ status: "failed", canRetry: false });
    await expect(admin.importJobs.retry({ organization: t.organization.slug, jobId: old.jobId })).rejects.toThrow(/staged copy of cancelled-long-ago.csv was removed 24 hours after .* upload the file again/);
    // A worker handed the swept job late finds nothing to claim.
    expect(await runJob(database.db, stalled)).toBeNull();
    expect((await stored()).numerators).toBe(3 * (CLINICIANS + 1));
  });
});

describe("streamed CEHRT CSV import of new CEHRT products", () => {
  const NEW_A = "0015ENEWPROD001";
  const NEW_B = "0015HNEWPROD002";
  function newProductsCsv(): string {
    const lines = [`${HEADER},vendor`];
    for (let i = 0; i < 20; i++) lines.push(`2018,${TIN},${npiOf(i)},${NEW_A},2018-01-01,2018-12-31,PI_EP_1,4,20,,Acme  Health`);
    for (let i = 20; i < 30; i++) lines.push(`2018,${TIN},${npiOf(i)},${NEW_B},2018-01-01,2018-12-31,PI_EP_1,5,20,,`);
    lines.push(`2018,${TIN},${npiOf(40)},${CEHRT_ID},2018-01-01,2018-12-31,PI_EP_1,6,20,,`);
    return lines.join("\n") + "\n";
  }
  async function products() {
    return database.db.select({ cehrtId: cehrtProducts.cehrtId, vendor: cehrtProducts.vendor, edition: cehrtProducts.edition }).from(cehrtProducts).where(eq(cehrtProducts.organizationId, t.organization.id)).orderBy(cehrtProducts.cehrtId);
  }

  it("asks for the vendors of CEHRT IDs new to their TIN, then registers them and commits in one transaction", async () => {
    const admin = callerAs(database.db, t.admin);
    const enqueued: ImportJobRef[] = [];
    useImportQueue({ kind: "in-process", enqueue: async (r) => void enqueued.push(r), stop: async () => undefined });
    const before = await stored();
    const ref = await upload(t, "cehrt_csv", "new-products.csv", newProductsCsv());
    const first = await runJob(database.db, ref);
    expect(first).toMatchObject({ status: "needs_vendors", problemsFound: 0 });
    const asked = await admin.importJobs.get({ organization: t.organization.slug, jobId: ref.jobId });
    expect(asked).toMatchObject({ status: "needs_vendors", canRetry: true, message: expect.stringMatching(/^Nothing was imported yet: 2 CEHRT ID\(s\) in new-products.csv are new to their TIN/) });
    expect(asked.newProducts).toEqual([
      { cehrtId: NEW_A, suggestedVendor: "Acme Health", tins: ["71-2345678"] },
      { cehrtId: NEW_B, suggestedVendor: null, tins: ["71-2345678"] },
    ]);
    expect(await stored()).toEqual(before);
    expect((await products()).map((p) => p.cehrtId)).toEqual([CEHRT_ID]);

    // A blank name for NEW_B: asked again, with the preview's words; still nothing imported.
    await admin.importJobs.retry({ organization: t.organization.slug, jobId: ref.jobId, vendors: [{ cehrtId: NEW_B, vendor: "  " }] });
    const again = await runJob(database.db, ref);
    expect(again).toMatchObject({ status: "needs_vendors", message: expect.stringMatching(/vendor of CEHRT ID 0015HNEWPROD002: the CEHRT ID is new to TIN 71-2345678 \(in new-products.csv\): enter the vendor's name/) });
    expect(again!.message).not.toMatch(/0015ENEWPROD001:/); // not given: the file's vendor column names it
    expect(await stored()).toEqual(before);

    // A run that dies after registering the products, before its commit, leaves none of them.
    await admin.importJobs.retry({ organization: t.organization.slug, jobId: ref.jobId, vendors: [{ cehrtId: NEW_A, vendor: "Acme Health Inc." }, { cehrtId: NEW_B.toLowerCase(), vendor: "Hybrid   EHR" }] });
    await expect(runJob(database.db, ref, { onCheckpoint: (name) => (name === "products-registered" ? Promise.reject(new SimulatedCrash("killed")) : undefined) })).rejects.toBeInstanceOf(SimulatedCrash);
    expect((await products()).map((p) => p.cehrtId)).toEqual([CEHRT_ID]);
    expect(await stored()).toEqual(before);

    // Run again (stalled job) without naming them again: the names given before are kept.
    await age(ref, 0.1);
    await admin.importJobs.retry({ organization: t.organization.slug, jobId: ref.jobId });
    const done = await runJob(database.db, ref);
    expect(done).toMatchObject({ status: "succeeded", outcome: expect.objectContaining({ added: 31, productsAdded: 2 }), message: expect.stringMatching(/31 report\(s\) added, 0 replaced, 31 measure values; 2 CEHRT product\(s\) registered/) });
    expect(await products()).toEqual([
      { cehrtId: NEW_A, vendor: "Acme Health Inc.", edition: "2015" },
      { cehrtId: CEHRT_ID, vendor: "Stream EHR", edition: "2015" },
      { cehrtId: NEW_B, vendor: "Hybrid EHR", edition: "2014/2015" },
    ].sort((x, y) => x.cehrtId.localeCompare(y.cehrtId)));
    const byProduct = await database.db.execute(sql`
      SELECT p.cehrt_id, count(*)::int AS reports FROM measure_reports r JOIN cehrt_products p ON p.organization_id = r.organization_id AND p.id = r.product_id
      WHERE r.organization_id = ${t.organization.id} GROUP BY p.cehrt_id ORDER BY p.cehrt_id`);
    const rows = (byProduct as unknown as { rows?: { cehrt_id: string; reports: number }[] }).rows ?? (byProduct as unknown as { cehrt_id: string; reports: number }[]);
    expect(rows.map((r) => [r.cehrt_id, Number(r.reports)])).toEqual([[NEW_A, 20], [CEHRT_ID, 1], [NEW_B, 10]].sort((x, y) => String(x[0]).localeCompare(String(y[0]))));
    const audits = await database.db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.organizationId, t.organization.id), eq(auditLog.action, "cehrt_product.created")));
    expect(audits.length).toBe(3); // the practice's own product and the two new ones
    await rollupsMatch();
  });

  it("a member of another organization cannot name the vendors of this organization's job", async () => {
    const ref = await upload(t, "cehrt_csv", "new-products.csv", newProductsCsv());
    expect(await runJob(database.db, ref)).toMatchObject({ status: "needs_vendors" });
    expect(await codeOf(callerAs(database.db, other.admin).importJobs.retry({ organization: other.organization.slug, jobId: ref.jobId, vendors: [{ cehrtId: NEW_A, vendor: "X" }] }))).toBe("NOT_FOUND");
    expect(await findImportJob(database.db, t.adminScope, ref.jobId)).toMatchObject({ status: "needs_vendors", vendorNames: null });
  });
});
