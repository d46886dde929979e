/**
 * The queue that runs streamed import jobs, behind one interface. On Postgres: pg-boss (its tables in
 * the `pgboss` schema), one job at a time per server process, with a heartbeat, so a job whose server
 * was killed is handed out again after HEARTBEAT_SECONDS (its transaction died with the connection, so
 * nothing of the first run is left) and at most RETRY_LIMIT times. The embedded PGlite (no
 * DATABASE_URL) has no server for pg-boss to run against: the same jobs run in this process, one after
 * the other. Which one is used follows the database in use (db/client.ts). A process that works the
 * queue also sweeps staged files nobody can use any more (jobs.ts: sweepStagedFiles) when it starts and
 * every SWEEP_INTERVAL_MS; the sweep is idempotent, so several workers may run it.
 */
import type { Db, DatabaseKind } from "@/db/client";
import type { ImportJob, ImportJobKind } from "@/db/schema";
import { importCehrtCsv } from "./cehrt-csv";
import { sweepStagedFiles } from "./jobs";
import { importRosterCsv } from "./roster-csv";
import { runImportJob, type Importer, type RunOptions } from "./run";
import workerHeap from "./worker-heap.json";

export const IMPORTERS: Record<ImportJobKind, Importer> = { cehrt_csv: importCehrtCsv, roster_csv: importRosterCsv };

export interface ImportJobRef {
  organizationId: string;
  jobId: string;
}

export interface ImportQueue {
  readonly kind: "pg-boss" | "in-process";
  enqueue(ref: ImportJobRef): Promise<void>;
  stop(): Promise<void>;
}

/** Runs a job now (the queues call this; so do tests and the bench). */
export function runJob(db: Db, ref: ImportJobRef, options?: RunOptions): Promise<ImportJob | null> {
  return runImportJob(db, ref, IMPORTERS, options);
}

/**
 * The V8 heap settings of a process that runs import jobs (bin/import-worker.ts, started by bin/start.mjs, which
 * reads them from worker-heap.json too): a small young generation and
 * an old generation capped at 160 MB make V8 collect the parsed rows' garbage as it goes; the job's live heap
 * is about 70 MB at a million rows (bench:imports prints the process's peak RSS).
 */
export const IMPORT_WORKER_NODE_OPTIONS: string = workerHeap.nodeOptions;

const QUEUE_NAME = "import-jobs";
const SWEEP_INTERVAL_MS = 60 * 60 * 1000;

/** Sweeps now and then every hour until the returned stop is called (the timer does not keep the process alive). */
export function startStagedFileSweeper(db: Db, intervalMs = SWEEP_INTERVAL_MS): { stop(): void; swept: Promise<number> } {
  const sweep = () =>
    sweepStagedFiles(db).catch((error: unknown) => {
      console.error("import queue: sweeping staged files failed:", error instanceof Error ? error.message : error);
      return 0;
    });
  const swept = sweep();
  const timer = setInterval(() => void sweep(), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer), swept };
}
const HEARTBEAT_SECONDS = 30;
const RETRY_LIMIT = 3;

/** pg-boss on the Postgres at `connectionString` (the same database as `db`). */
export async function startPgBossQueue(db: Db, connectionString: string, options: { work?: boolean } = {}): Promise<ImportQueue> {
  const { PgBoss } = await import("pg-boss");
  const boss = new PgBoss({ connectionString, max: 3 });
  boss.on("error", (error: Error) => console.error("import queue (pg-boss):", error.message));
  await boss.start();
  await boss.createQueue(QUEUE_NAME, { retryLimit: RETRY_LIMIT, retryDelay: 5, heartbeatSeconds: HEARTBEAT_SECONDS, expireInSeconds: 2 * 60 * 60 });
  const sweeper = options.work !== false ? startStagedFileSweeper(db) : null;
  if (options.work !== false) {
    await boss.work<ImportJobRef>(QUEUE_NAME, { localConcurrency: 1, batchSize: 1 }, async ([job]) => {
      if (job) await runJob(db, job.data);
    });
  }
  return {
    kind: "pg-boss",
    async enqueue(ref) {
      await boss.send(QUEUE_NAME, ref);
    },
    async stop() {
      sweeper?.stop();
      await boss.stop({ graceful: true, timeout: 10_000 });
    },
  };
}

/**
 * Creates pg-boss's schema and the queue with the owner's connection (`npm run db:migrate`), then lets the
 * application role use them: the portal's role cannot create schemas.
 */
export async function installImportQueue(connectionString: string, appRole?: string): Promise<void> {
  const { PgBoss } = await import("pg-boss");
  const boss = new PgBoss({ connectionString, max: 1, supervise: false, schedule: false });
  boss.on("error", (error: Error) => console.error("import queue (pg-boss):", error.message));
  await boss.start();
  await boss.createQueue(QUEUE_NAME, { retryLimit: RETRY_LIMIT, retryDelay: 5, heartbeatSeconds: HEARTBEAT_SECONDS, expireInSeconds: 2 * 60 * 60 });
  await boss.stop({ graceful: false });
  if (!appRole) return;
  const { Client } = await import("pg");
  const client = new Client({ connectionString });
  await client.connect();
  try {
    for (const statement of [
      `GRANT USAGE ON SCHEMA pgboss TO ${appRole}`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pgboss TO ${appRole}`,
      `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA pgboss TO ${appRole}`,
      `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA pgboss TO ${appRole}`,
      `ALTER DEFAULT PRIVILEGES IN SCHEMA pgboss GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${appRole}`,
    ]) {
      await client.query(statement);
    }
  } finally {
    await client.end();
  }
}

/** The jobs run in this process, in order (the embedded PGlite demo). */
export function inProcessQueue(db: Db, options?: RunOptions): ImportQueue {
  const sweeper = startStagedFileSweeper(db);
  let chain: Promise<unknown> = sweeper.swept;
  return {
    kind: "in-process",
    async enqueue(ref) {
      chain = chain.then(() => runJob(db, ref, options)).catch((error: unknown) => console.error(`import job ${ref.jobId}:`, error));
    },
    async stop() {
      sweeper.stop();
      await chain;
    },
  };
}

const globalForQueue = globalThis as unknown as { importQueue?: Promise<ImportQueue> };

/** The process's queue for the app's database (started once). Tests set their own with `useImportQueue`. */
export function getImportQueue(handle: { db: Db; kind: DatabaseKind }): Promise<ImportQueue> {
  globalForQueue.importQueue ??= (async () => {
    const url = process.env.DATABASE_URL;
    // IMPORT_WORKER=external: this process only queues; `npm run import-worker` works the queue.
    if (handle.kind === "postgres" && url) return startPgBossQueue(handle.db, url, { work: process.env.IMPORT_WORKER !== "external" });
    return inProcessQueue(handle.db);
  })().catch((error: unknown) => {
    globalForQueue.importQueue = undefined;
    throw error;
  });
  return globalForQueue.importQueue;
}

export function useImportQueue(queue: ImportQueue | undefined): void {
  globalForQueue.importQueue = queue ? Promise.resolve(queue) : undefined;
}
