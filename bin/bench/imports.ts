/**
 * `npm run bench:imports`: a generated measure-data CSV (default 20,000 rows: 2,000 clinicians on 20 TINs,
 * ten 2018 PI measures each, one CEHRT product per TIN) through the CEHRT import's preview (parse +
 * validate + batched look-ups) and commit (one transaction, multi-row statements), then a second file
 * with other numbers that replaces every report. Runs against a fresh database: a throw-away database on
 * the local Postgres at TEST_DATABASE_URL or DATABASE_URL, else an in-memory PGlite. The roster is seeded
 * through the roster import service. Prints figures.
 *
 * Then, on Postgres only, the streamed path (issue 13) at scale: a generated file of BENCH_STREAM_ROWS
 * (default 1,000,000) measure rows, 100,000 clinicians on 20 TINs, written to a temporary file, staged
 * and imported by a child process doing what the server does for POST /api/o/<org>/imports (stageUpload
 * from a file stream, then the job: csv-parse, checks, COPY into temp tables, one-transaction commit),
 * its peak RSS read from /proc (VmHWM); beside it a raw COPY of the same 1,000,000 value rows into the
 * same table (measure_values, rollup triggers on). BENCH_STREAM_ROWS=0 skips it.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir, loadavg } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { Client } from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { connectPostgres } from "../../db/client";
import { createProduct } from "../../server/services/cehrt/products";
import { createImportJob, stageUpload } from "../../server/services/imports/jobs";
import { IMPORT_WORKER_NODE_OPTIONS, runJob } from "../../server/services/imports/queue";
import { createThrowawayDatabase } from "../../db/throwaway";
import { sql } from "drizzle-orm";
import { organizations } from "../../db/schema";
import { toCsv } from "../../lib/roster/csv";
import { syntheticNpi, syntheticTin } from "../../lib/roster/generate";
import { ROSTER_HEADER } from "../../lib/roster/import-columns";
import {
  commitImport,
  previewImport,
} from "../../server/services/cehrt/imports";
import { commitImport as commitRoster } from "../../server/services/roster/roster-import";

const ROWS = Number(process.env.BENCH_ROWS ?? 20_000);
const TINS = 20;
/** Ten values per clinician: attestations, the security risk analysis, proportions, a registry. */
const MEASURES: [string, "yesNo" | "ratio"][] = [
  ["PI_PPHI_1", "yesNo"],
  ["PI_INFBLO_1", "yesNo"],
  ["PI_ONCDIR_1", "yesNo"],
  ["PI_EP_1", "ratio"],
  ["PI_PEA_1", "ratio"],
  ["PI_HIE_1", "ratio"],
  ["PI_HIE_2", "ratio"],
  ["PI_HIE_3", "ratio"],
  ["PI_PEA_2", "ratio"],
  ["PI_PHCDRR_1", "yesNo"],
];
const CLINICIANS = Math.ceil(ROWS / MEASURES.length);
const tinOf = (i: number) => syntheticTin(600_000_000 + (i % TINS));
const cehrtIdOf = (i: number) => `0015E${String(i % TINS).padStart(10, "0")}`;

function rosterCsv(): string {
  const body = [];
  for (let i = 0; i < CLINICIANS; i++) {
    body.push([
      tinOf(i),
      `Bench Practice ${i % TINS}`,
      syntheticNpi(30_000_000 + i),
      `First${i}`,
      `Last${i}`,
      "physician",
      "",
      "2017-01-01",
      "",
      2018,
      "no",
      "no",
      "no",
      "no",
      "no",
      "150000.00",
      200,
      "no",
      "no",
    ]);
  }
  return toCsv([ROSTER_HEADER, ...body]);
}

function measureCsv(seed: number): string {
  const lines = [
    "performance_year,tin,npi,cehrt_id,performance_start,performance_end,measure_id,numerator,denominator,yes_no",
  ];
  for (let i = 0; i < CLINICIANS; i++) {
    for (const [measureId, kind] of MEASURES) {
      const denominator = 100 + ((i + seed) % 50);
      const value =
        kind === "yesNo"
          ? ",,,yes"
          : `,${(i * 7 + seed) % denominator},${denominator},`;
      lines.push(
        `2018,${tinOf(i)},${syntheticNpi(30_000_000 + i)},${cehrtIdOf(i)},2018-01-01,2018-12-31,${measureId}${value}`,
      );
    }
  }
  return lines.join("\n") + "\n";
}

function freshDatabase() {
  return createThrowawayDatabase({ serverUrl: process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL, prefix: "bench_imports", maxConnections: 2 });
}

function line(label: string, rows: number, ms: number) {
  console.log(
    `${label.padEnd(34)} ${rows.toLocaleString("en-US").padStart(7)} rows  ${(ms / 1000).toFixed(2).padStart(6)} s  ${Math.round(
      rows / (ms / 1000),
    )
      .toLocaleString("en-US")
      .padStart(8)} rows/s`,
  );
}

async function main() {
  if (process.argv[2] === "--job-child") return jobChild(process.argv.slice(3));
  await inMemoryBench();
  const streamRows = Number(process.env.BENCH_STREAM_ROWS ?? 1_000_000);
  if (streamRows > 0) await streamedBench(streamRows);
}

async function inMemoryBench() {
  const database = await freshDatabase();
  try {
    const [org] = await database.db
      .insert(organizations)
      .values({
        slug: `bench-${randomBytes(3).toString("hex")}`,
        name: "Bench",
      })
      .returning();
    const scope = { organizationId: org!.id, actorUserId: null, ip: null };
    let t = performance.now();
    const roster = await commitRoster(database.db, scope, {
      csv: rosterCsv(),
      fileName: "bench-roster.csv",
    });
    console.log(`bench:imports on ${database.label}`);
    line(
      "seed roster (roster import)",
      roster.summary.rowCount,
      performance.now() - t,
    );
    const first = Buffer.from(measureCsv(0));
    const second = Buffer.from(measureCsv(1));
    const rows = ROWS;
    console.log(
      `measure file: ${rows.toLocaleString("en-US")} rows, ${CLINICIANS.toLocaleString("en-US")} reports, ${(first.length / 1_000_000).toFixed(1)} MB`,
    );

    t = performance.now();
    const preview = await previewImport(database.db, scope, {
      files: [{ fileName: "bench-measures.csv", content: first }],
    });
    line("preview (parse + validate)", rows, performance.now() - t);
    if (!preview.canCommit)
      throw new Error(
        `generated file has problems: ${preview.files
          .flatMap((f) => f.problems)
          .slice(0, 3)
          .map((p) => `${p.path}: ${p.message}`)
          .join("; ")}`,
      );
    t = performance.now();
    // The preview asks the vendor of each new CEHRT ID (issue 15); the bench names them.
    const vendors = Array.from({ length: TINS }, (_, i) => ({ cehrtId: cehrtIdOf(i), vendor: "Bench EHR" }));
    const added = await commitImport(database.db, scope, {
      files: [{ fileName: "bench-measures.csv", content: first }],
      vendors,
    });
    line("commit (all new)", rows, performance.now() - t);
    t = performance.now();
    const again = await commitImport(database.db, scope, {
      files: [{ fileName: "bench-measures.csv", content: first }],
    });
    line("commit same file (checksum: skip)", rows, performance.now() - t);
    t = performance.now();
    const replaced = await commitImport(database.db, scope, {
      files: [{ fileName: "bench-measures-v2.csv", content: second }],
    });
    line("commit new numbers (all replace)", rows, performance.now() - t);
    console.log(
      `first commit: ${added.added} reports added, ${added.productsAdded} CEHRT products added; same file again skipped: ${again.skippedFiles.join(", ") || "none"}; second file: ${replaced.replaced} reports replaced`,
    );
  } finally {
    await database.close();
  }
}

// ------------------------------------------------------------------------------- streamed path at scale

const STREAM_TINS = 20;
const STREAM_MEASURES = MEASURES;

function writeStreamCsv(file: string, rows: number): Promise<void> {
  const clinicians = Math.ceil(rows / STREAM_MEASURES.length);
  async function* lines() {
    yield "performance_year,tin,npi,cehrt_id,performance_start,performance_end,measure_id,numerator,denominator,yes_no\n";
    let batch = "";
    let n = 0;
    for (let i = 0; i < clinicians && n < rows; i++) {
      for (const [measureId, kind] of STREAM_MEASURES) {
        if (n++ >= rows) break;
        const denominator = 100 + (i % 50);
        const value = kind === "yesNo" ? ",,,yes" : `,${(i * 7) % denominator},${denominator},`;
        batch += `2018,${streamTinOf(i)},${syntheticNpi(40_000_000 + i)},${streamCehrtIdOf(i)},2018-01-01,2018-12-31,${measureId}${value}\n`;
      }
      if (batch.length > 1 << 20) {
        yield batch;
        batch = "";
      }
    }
    if (batch) yield batch;
  }
  return pipeline(lines(), createWriteStream(file));
}
const streamTinOf = (i: number) => syntheticTin(610_000_000 + (i % STREAM_TINS));
const streamCehrtIdOf = (i: number) => `0015S${String(i % STREAM_TINS).padStart(10, "0")}`;

function streamRosterCsv(clinicians: number): string {
  const body = [];
  for (let i = 0; i < clinicians; i++) {
    body.push([streamTinOf(i), `Stream Practice ${i % STREAM_TINS}`, syntheticNpi(40_000_000 + i), `First${i}`, `Last${i}`, "physician", "", "2017-01-01", "", "", "", "", "", "", "", "", "", "", ""]);
  }
  return toCsv([ROSTER_HEADER, ...body]);
}

/** The child: what the server does for one streamed upload, alone in its process so its peak RSS is the import's. */
async function jobChild([url, organizationId, file]: string[]) {
  const handle = connectPostgres(url!, 3);
  try {
    const scope = { organizationId: organizationId!, actorUserId: null, ip: null };
    const job = await createImportJob(handle.db, scope, { kind: "cehrt_csv", fileName: path.basename(file!) });
    let t = performance.now();
    const staged = await stageUpload(handle.db, scope, { jobId: job.id, body: createReadStream(file!, { highWaterMark: 256 * 1024 }) });
    const stageMs = performance.now() - t;
    t = performance.now();
    const done = await runJob(handle.db, { organizationId: organizationId!, jobId: job.id });
    const jobMs = performance.now() - t;
    const status = readFileSync("/proc/self/status", "utf8");
    const peakKb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    console.log(JSON.stringify({ staged, stageMs, jobMs, peakKb, status: done?.status, message: done?.message, outcome: done?.outcome, problems: done?.problems.slice(0, 3) }));
  } finally {
    await handle.close();
  }
}

function runChild(args: string[]): Promise<{ stageMs: number; jobMs: number; peakKb: number; status: string; message: string; outcome: Record<string, number> }> {
  const self = typeof __filename !== "undefined" ? __filename : fileURLToPath(import.meta.url);
  const [command, argv] = self.endsWith(".ts") ? ["npx", ["tsx", self, "--job-child", ...args]] : [process.execPath, [self, "--job-child", ...args]];
  return new Promise((resolve, reject) => {
    // The import worker's heap settings (bin/import-worker.ts, IMPORT_WORKER_NODE_OPTIONS): V8 otherwise lets the
    // garbage of a million parsed rows pile up to several hundred MB before collecting it (the live heap stays ~70 MB).
    const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} ${process.env.BENCH_CHILD_NODE_OPTIONS ?? IMPORT_WORKER_NODE_OPTIONS}`.trim() };
    console.log(`import process: NODE_OPTIONS="${env.NODE_OPTIONS}"`);
    const child = spawn(command as string, argv as string[], { stdio: ["ignore", "pipe", "inherit"], env });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("exit", (code) => {
      const last = out.trim().split("\n").pop() ?? "";
      if (code !== 0 || !last.startsWith("{")) reject(new Error(`the import child exited with ${code}: ${out.slice(-500)}`));
      else resolve(JSON.parse(last));
    });
  });
}

async function streamedBench(rows: number) {
  const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!serverUrl) {
    console.log("streamed import at scale: skipped (needs a local Postgres: TEST_DATABASE_URL or DATABASE_URL)");
    return;
  }
  const database = await createThrowawayDatabase({ serverUrl, prefix: "bench_stream", maxConnections: 3 });
  const dir = mkdtempSync(path.join(tmpdir(), "bench-stream-"));
  const url = new URL(serverUrl);
  url.pathname = `/${database.name}`;
  try {
    const [org] = await database.db.insert(organizations).values({ slug: `bench-stream-${randomBytes(3).toString("hex")}`, name: "Bench stream" }).returning();
    const scope = { organizationId: org!.id, actorUserId: null, ip: null };
    const clinicians = Math.ceil(rows / STREAM_MEASURES.length);
    let t = performance.now();
    await commitRoster(database.db, scope, { csv: streamRosterCsv(clinicians), fileName: "bench-roster.csv" });
    const tinRows = (await database.db.execute(sql`SELECT id, tin FROM tins WHERE organization_id = ${org!.id}`)) as unknown as { rows: { id: string; tin: string }[] };
    for (let i = 0; i < STREAM_TINS; i++) {
      const tin = tinRows.rows.find((r) => r.tin === streamTinOf(i))!;
      await createProduct(database.db, scope, { tinId: tin.id, vendor: "Bench EHR", productName: `Bench ${i}`, cehrtId: streamCehrtIdOf(i) });
    }
    console.log(`\nstreamed import at scale on ${database.label}`);
    line("seed roster + products", clinicians, performance.now() - t);
    const file = path.join(dir, "bench-stream.csv");
    await writeStreamCsv(file, rows);
    console.log(`measure file: ${rows.toLocaleString("en-US")} rows, ${clinicians.toLocaleString("en-US")} reports, ${(statSync(file).size / 1_000_000).toFixed(1)} MB on disk`);

    const load = loadavg().map((l) => l.toFixed(2)).join(" ");
    const result = await runChild([url.toString(), org!.id, file]);
    if (result.status !== "succeeded") throw new Error(`the streamed import did not succeed: ${result.message}`);
    const jobTotal = result.stageMs + result.jobMs;

    // The baseline: the same value rows, COPYed raw into the same table (reports in place, triggers on).
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    const dump = path.join(dir, "values.copy");
    const reportsDump = path.join(dir, "reports.copy");
    const reportColumns = "id, organization_id, tin_id, clinician_id, product_id, performance_year, performance_start, performance_end, source_kind, file_name, checksum, import_id, imported_by";
    await pipeline(client.query(copyTo(`COPY (SELECT organization_id, report_id, measure_id, numerator, denominator, yes_no FROM measure_values WHERE organization_id = '${org!.id}') TO STDOUT`)), createWriteStream(dump));
    await pipeline(client.query(copyTo(`COPY (SELECT ${reportColumns} FROM measure_reports WHERE organization_id = '${org!.id}') TO STDOUT`)), createWriteStream(reportsDump));
    await client.query(`DELETE FROM measure_values WHERE organization_id = $1`, [org!.id]);
    await client.query(`DELETE FROM measure_reports WHERE organization_id = $1`, [org!.id]);
    t = performance.now();
    await pipeline(createReadStream(reportsDump), client.query(copyFrom(`COPY measure_reports (${reportColumns}) FROM STDIN`)));
    const copyReportsMs = performance.now() - t;
    t = performance.now();
    await pipeline(createReadStream(dump), client.query(copyFrom(`COPY measure_values (organization_id, report_id, measure_id, numerator, denominator, yes_no) FROM STDIN`)));
    const copyMs = performance.now() - t;
    const copied = await client.query<{ n: string }>(`SELECT count(*) AS n FROM measure_values WHERE organization_id = $1`, [org!.id]);
    await client.end();

    console.log(`load average before the import: ${load}; after: ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
    line("streamed: upload staged (chunks)", rows, result.stageMs);
    line("streamed: job (parse, check, commit)", rows, result.jobMs);
    line("streamed: upload + job", rows, jobTotal);
    line("raw COPY into measure_values", Number(copied.rows[0]!.n), copyMs);
    line("raw COPY reports + values", Number(copied.rows[0]!.n), copyReportsMs + copyMs);
    console.log(`streamed / COPY of the values: ${(jobTotal / copyMs).toFixed(2)}x (job alone ${(result.jobMs / copyMs).toFixed(2)}x; target <= 3x)`);
    console.log(`streamed / COPY of the reports and values: ${(jobTotal / (copyReportsMs + copyMs)).toFixed(2)}x`);
    console.log(`import process peak RSS (VmHWM): ${(result.peakKb / 1024).toFixed(0)} MB (target <= 256 MB)`);
    console.log(`job: ${result.message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(
    `bench:imports failed: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
