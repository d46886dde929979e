/**
 * Runs one streamed import job: claims it (queued, or running but abandoned by a killed worker), opens
 * its session (one transaction), hands it to the kind's importer, and records the final report. Progress
 * (rows read, bytes read, problems found) is written to the job row through another connection every
 * quarter second, which is also when a cancel request is noticed: the importer then stops and the
 * transaction rolls back. A commit and the job's "succeeded" are written in the same transaction, so a
 * crash at any point leaves either everything or nothing, and the job can run again. The staged file goes
 * with the final state when the job cannot run again (committed, or refused for its problems: same
 * transaction); otherwise it is kept for a retry until the sweep (jobs.ts) removes it.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { importJobs, importUploadChunks, type ImportJob, type ImportJobKind } from "@/db/schema";
import { AppError, type Issue } from "@/lib/errors";
import type { OrgScope } from "../scope";
import { MAX_REPORTED_PROBLEMS, readStagedFile, type NewProductView } from "./jobs";
import { canWriteConcurrently, openJobSession, type JobSession } from "./session";

export class ImportJobCancelled extends Error {
  constructor() {
    super("The import was cancelled.");
  }
}

/** Thrown by a test's hook to stop a job the way a killed process would: no final report written. */
export class SimulatedCrash extends Error {}

export interface JobProgress {
  rowsRead: number;
  bytesRead: number;
  problemsFound: number;
}

/** What an importer works with. */
export interface JobContext {
  job: ImportJob;
  scope: OrgScope;
  db: Db;
  session: JobSession;
  progress: JobProgress;
  /** The staged file, chunk by chunk; counts bytesRead (a second pass over it says `count: false`). */
  file(options?: { count?: boolean; tx?: Db }): AsyncIterable<Buffer>;
  /** Records a problem (every one is counted, the first MAX_REPORTED_PROBLEMS kept), sorted by `order`. */
  problem(issue: Issue, order: number): void;
  problems(): Issue[];
  /** Writes progress and checks for a cancel at most every 250 ms (always when `force`); throws ImportJobCancelled. */
  tick(force?: boolean): Promise<void>;
  /** Inside the transaction, as the commit's last statement: the job succeeded with this report. */
  succeed(tx: Db, report: { outcome: Record<string, unknown>; message: string }): Promise<void>;
  /** A test seam: called at named points (after staging, before the commit). */
  checkpoint(name: string): Promise<void>;
}

export type JobResult =
  | { status: "succeeded" }
  | { status: "failed"; message: string }
  /** The file is valid but names CEHRT IDs new to their TIN: nothing is imported until their vendors are named. */
  | { status: "needs_vendors"; message: string; newProducts: NewProductView[] };
export type Importer = (ctx: JobContext) => Promise<JobResult>;

export interface RunOptions {
  /** Test seam: runs at each checkpoint; throwing SimulatedCrash stops the job as a killed process would. */
  onCheckpoint?: (name: string, job: ImportJob) => void | Promise<void>;
  /** Per-job progress observers (PGlite: the page's poll is answered from the row, written between phases). */
  tickMs?: number;
}

const jobWhere = (organizationId: string, jobId: string) => and(eq(importJobs.organizationId, organizationId), eq(importJobs.id, jobId));

/** Marks the job running (attempts + 1, counters reset) if it is queued or running (an abandoned run); null otherwise. */
async function claim(db: Db, organizationId: string, jobId: string): Promise<ImportJob | null> {
  const [job] = await db
    .update(importJobs)
    .set({ status: "running", attempts: sql`${importJobs.attempts} + 1`, rowsRead: 0, bytesRead: 0, problemsFound: 0, problems: [], message: "Reading the file", updatedAt: new Date() })
    .where(and(jobWhere(organizationId, jobId), inArray(importJobs.status, ["queued", "running"]), eq(importJobs.cancelRequested, false)))
    .returning();
  return job ?? null;
}

export async function runImportJob(db: Db, ref: { organizationId: string; jobId: string }, importers: Record<ImportJobKind, Importer>, options: RunOptions = {}): Promise<ImportJob | null> {
  const { organizationId, jobId } = ref;
  const job = await claim(db, organizationId, jobId);
  if (!job) {
    // A job cancelled while queued is already final; anything else finished before.
    return null;
  }
  const scope: OrgScope = { organizationId, actorUserId: job.createdBy, ip: null };
  const progress: JobProgress = { rowsRead: 0, bytesRead: 0, problemsFound: 0 };
  const kept: { issue: Issue; order: number }[] = [];
  const tickMs = options.tickMs ?? 250;
  let lastTick = 0;
  const session = await openJobSession(db);
  let finished = false;
  /** The final report; `removeFile` (the job cannot run again): the staged file is deleted in the same transaction. */
  const finish = async (values: Partial<typeof importJobs.$inferInsert>, removeFile = false) => {
    finished = true;
    const now = new Date();
    const report = { ...values, rowsRead: progress.rowsRead, bytesRead: progress.bytesRead, problemsFound: progress.problemsFound, problems: sortedProblems(), finishedAt: now, updatedAt: now };
    if (!removeFile) {
      await db.update(importJobs).set(report).where(jobWhere(organizationId, jobId));
      return;
    }
    await db.transaction(async (tx) => {
      await tx.delete(importUploadChunks).where(and(eq(importUploadChunks.organizationId, organizationId), eq(importUploadChunks.jobId, jobId)));
      await tx.update(importJobs).set({ ...report, fileRemovedAt: now }).where(jobWhere(organizationId, jobId));
    });
  };
  const sortedProblems = () => kept.sort((a, b) => a.order - b.order).map((k) => k.issue);
  const ctx: JobContext = {
    job,
    scope,
    db,
    session,
    progress,
    async *file(options) {
      // Inside PGlite's transaction the one connection is the transaction's; on Postgres it is busy with the COPY.
      const source = options?.tx && !canWriteConcurrently(session) ? options.tx : db;
      for await (const chunk of readStagedFile(source, scope, jobId)) {
        if (options?.count !== false) progress.bytesRead += chunk.byteLength;
        yield chunk;
      }
    },
    problem(issue, order) {
      progress.problemsFound++;
      if (kept.length < MAX_REPORTED_PROBLEMS) kept.push({ issue, order });
    },
    problems: sortedProblems,
    async tick(force = false) {
      const now = Date.now();
      if (!force && now - lastTick < tickMs) return;
      lastTick = now;
      if (!canWriteConcurrently(session)) return;
      const [row] = await db
        .update(importJobs)
        .set({ rowsRead: progress.rowsRead, bytesRead: progress.bytesRead, problemsFound: progress.problemsFound, updatedAt: new Date() })
        .where(jobWhere(organizationId, jobId))
        .returning({ cancelRequested: importJobs.cancelRequested });
      if (row?.cancelRequested) throw new ImportJobCancelled();
    },
    async succeed(tx, report) {
      await tx.delete(importUploadChunks).where(and(eq(importUploadChunks.organizationId, organizationId), eq(importUploadChunks.jobId, jobId)));
      await tx
        .update(importJobs)
        .set({ status: "succeeded", outcome: report.outcome, message: report.message, rowsRead: progress.rowsRead, bytesRead: progress.bytesRead, problemsFound: 0, problems: [], finishedAt: new Date(), updatedAt: new Date(), fileRemovedAt: new Date() })
        .where(jobWhere(organizationId, jobId));
      finished = true;
    },
    async checkpoint(name) {
      await options.onCheckpoint?.(name, job);
    },
  };
  try {
    const result = await importers[job.kind](ctx);
    if (result.status === "succeeded") {
      if (!finished) throw new Error(`the ${job.kind} importer did not record its report`);
      await session.commit();
    } else if (result.status === "needs_vendors") {
      await session.rollback();
      // The file is kept: the job runs again once the vendors are named.
      await finish({ status: "needs_vendors", message: result.message, outcome: { newProducts: result.newProducts } });
    } else {
      await session.rollback();
      // A file with problems is refused; its staged copy is of no further use. An importer's failure
      // without problems (none so far) would be retryable: keep the file then.
      await finish({ status: "failed", message: result.message }, progress.problemsFound > 0);
    }
  } catch (error) {
    await session.rollback();
    if (error instanceof SimulatedCrash) throw error;
    if (error instanceof ImportJobCancelled) {
      await finish({ status: "cancelled", message: "Cancelled; nothing was imported. The file is kept: run it again, or upload another." });
    } else if (error instanceof AppError) {
      for (const issue of error.issues) ctx.problem(issue, 0);
      // A refusal with problems needs a new file (its staged copy goes); one without can run again.
      if (error.issues.length === 0) await finish({ status: "failed", message: error.message });
      else await finish({ status: "failed", message: error.message, problemsFound: progress.problemsFound }, true);
    } else {
      console.error(`import job ${jobId} failed:`, error);
      progress.problemsFound = 0;
      kept.length = 0;
      await finish({ status: "failed", message: "Something went wrong on our side while importing; nothing was imported. Run it again." });
    }
  } finally {
    session.release();
  }
  const [after] = await db.select().from(importJobs).where(jobWhere(organizationId, jobId));
  return after ?? null;
}
