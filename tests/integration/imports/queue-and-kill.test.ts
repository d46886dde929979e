/**
 * On Postgres only (they need a server): the pg-boss queue runs an uploaded job to completion, and a
 * process killed (SIGKILL) inside a job's open transaction, after staging every row, leaves nothing
 * committed; the job, left "running", can be retried once stale and then commits.
 */
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq, sql } from "drizzle-orm";
import { importJobs, measureValues } from "@/db/schema";
import { syntheticNpi } from "@/lib/roster/generate";
import { toCsv } from "@/lib/roster/csv";
import { ROSTER_HEADER } from "@/lib/roster/import-columns";
import { createImportJob, findImportJob, prepareRetry, stageUpload, toJobView } from "@/server/services/imports/jobs";
import { runJob, startPgBossQueue } from "@/server/services/imports/queue";
import { commitImport as commitRoster } from "@/server/services/roster/roster-import";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { createTestTenant, type TestTenant } from "../helpers/tenant";

const serverUrl = process.env.TEST_DATABASE_URL;
const TIN = "733445566";
const HEADER = "performance_year,tin,npi,cehrt_id,performance_start,performance_end,measure_id,numerator,denominator,yes_no";
let database: TestDatabase;
let t: TestTenant;
let url: string;

const csv = (numerator: number) => [HEADER, ...Array.from({ length: 50 }, (_, i) => `2018,${TIN},${syntheticNpi(83_000_000 + i)},,2018-01-01,2018-12-31,PI_EP_1,${numerator},10,`)].join("\n");

async function staged(text: string) {
  const job = await createImportJob(database.db, t.adminScope, { kind: "cehrt_csv", fileName: "queued.csv" });
  await stageUpload(database.db, t.adminScope, { jobId: job.id, body: [Buffer.from(text)] });
  return { organizationId: t.organization.id, jobId: job.id };
}

async function values() {
  const [row] = await database.db.select({ n: count() }).from(measureValues).where(eq(measureValues.organizationId, t.organization.id));
  return row!.n;
}

describe.skipIf(!serverUrl)("streamed imports on a Postgres server", () => {
  beforeAll(async () => {
    database = await createTestDatabase();
    const u = new URL(serverUrl!);
    u.pathname = `/${database.name}`;
    url = u.toString();
    t = await createTestTenant(database.db, "queue");
    const rows = Array.from({ length: 50 }, (_, i) => [TIN, "Queue Practice", syntheticNpi(83_000_000 + i), `F${i}`, `L${i}`, "physician", "", "2017-01-01", "", "", "", "", "", "", "", "", "", "", ""]);
    await commitRoster(database.db, t.adminScope, { csv: toCsv([ROSTER_HEADER, ...rows]), fileName: "roster.csv" });
  });
  afterAll(() => database?.close());

  it("pg-boss hands a queued job to the worker, which commits it", async () => {
    const queue = await startPgBossQueue(database.db, url);
    try {
      const ref = await staged(csv(4));
      await queue.enqueue(ref);
      const deadline = Date.now() + 30_000;
      let job = await findImportJob(database.db, t.adminScope, ref.jobId);
      while (job.status !== "succeeded" && job.status !== "failed" && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        job = await findImportJob(database.db, t.adminScope, ref.jobId);
      }
      expect(job).toMatchObject({ status: "succeeded", attempts: 1 });
      expect(await values()).toBe(50);
    } finally {
      await queue.stop();
    }
  }, 60_000);

  it("a process killed inside the job's transaction leaves nothing; the stale job is retried and commits", async () => {
    const before = await values();
    const ref = await staged(csv(6));
    // Its own process group (npx, tsx, node), killed as one below.
    const child = spawn("npx", ["tsx", "tests/integration/imports/run-job-child.ts", url, ref.organizationId, ref.jobId], { stdio: ["ignore", "pipe", "inherit"], detached: true });
    await new Promise<void>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        if (out.includes("at before-commit")) resolve();
      });
      child.on("exit", (code) => reject(new Error(`the child exited (${code}) before its commit`)));
    });
    // Every row is staged in the child's open transaction: kill it there (the whole process group: npx, tsx, node).
    const exited = new Promise((resolve) => child.on("exit", resolve));
    process.kill(-child.pid!, "SIGKILL");
    await exited;
    // The server notices the dead connection and rolls its transaction back.
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const open = await database.db.execute(sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`);
      if (((open as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0) === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(await values()).toBe(before);
    let job = await findImportJob(database.db, t.adminScope, ref.jobId);
    expect(job.status).toBe("running");
    await database.db.update(importJobs).set({ updatedAt: new Date(Date.now() - 5 * 60_000) }).where(and(eq(importJobs.organizationId, t.organization.id), eq(importJobs.id, ref.jobId)));
    expect(toJobView(await findImportJob(database.db, t.adminScope, ref.jobId)).canRetry).toBe(true);
    await prepareRetry(database.db, t.adminScope, ref.jobId);
    job = (await runJob(database.db, ref))!;
    expect(job).toMatchObject({ status: "succeeded", attempts: 2 });
    // The 50 reports (replacing the first test's when it ran): the killed run left no half of them.
    expect(Number(job.outcome!.added) + Number(job.outcome!.replaced)).toBe(50);
    expect(await values()).toBe(50);
    const [sumRow] = await database.db.select({ n: sql<number>`sum(${measureValues.numerator})::int` }).from(measureValues).where(eq(measureValues.organizationId, t.organization.id));
    expect(sumRow!.n).toBe(6 * 50);
  }, 90_000);
});
