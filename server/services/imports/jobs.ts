/**
 * Streamed import jobs (issue 13): the job row the page polls (import_jobs) and the staged file
 * (import_upload_chunks). An upload is read from the request as a stream and written to Postgres in
 * 1 MB chunks as it arrives (never the whole file in memory), refused past STREAMED_IMPORT_MAX_BYTES;
 * the job (run.ts) reads the chunks back one at a time. Every query filters on the organization.
 */
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { importJobs, importUploadChunks, type ImportJob, type ImportJobKind, type ImportJobStatus } from "@/db/schema";
import { AppError, type Issue } from "@/lib/errors";
import type { OrgScope } from "../scope";

/** The largest file a streamed import takes (a 1,000,000-row measure CSV is about 90 MB). */
export const STREAMED_IMPORT_MAX_BYTES = 200 * 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;
/** Problems kept for the final report (all are counted); a file wrong on every row would not fit a page. */
export const MAX_REPORTED_PROBLEMS = 1_000;
/** A running job whose progress has not moved for this long lost its worker (a killed server): retryable. */
export const STALE_RUNNING_MS = 60_000;

export const IMPORT_JOB_KINDS = ["cehrt_csv", "roster_csv"] as const satisfies readonly ImportJobKind[];

/** What the page shows of a job. */
export interface ImportJobView {
  id: string;
  kind: ImportJobKind;
  fileName: string;
  status: ImportJobStatus;
  byteSize: number;
  bytesRead: number;
  rowsRead: number;
  problemsFound: number;
  /** 0-100: bytes parsed of the bytes staged (100 once finished). */
  percent: number;
  problems: Issue[];
  outcome: Record<string, unknown> | null;
  message: string | null;
  cancelRequested: boolean;
  attempts: number;
  /** A job that failed, was cancelled, or lost its worker, and can run again from the staged file. */
  canRetry: boolean;
  createdAt: Date;
  finishedAt: Date | null;
}

function isFinished(status: ImportJobStatus): boolean {
  return status === "succeeded" || status === "failed" || status === "cancelled";
}

export function toJobView(job: ImportJob, now = Date.now()): ImportJobView {
  const stale = job.status === "running" && now - job.updatedAt.getTime() > STALE_RUNNING_MS;
  const percent = isFinished(job.status) ? 100 : job.byteSize > 0 ? Math.min(99, Math.floor((job.bytesRead / job.byteSize) * 100)) : 0;
  return {
    id: job.id,
    kind: job.kind,
    fileName: job.fileName,
    status: job.status,
    byteSize: job.byteSize,
    bytesRead: job.bytesRead,
    rowsRead: job.rowsRead,
    problemsFound: job.problemsFound,
    percent,
    problems: job.problems,
    outcome: job.outcome ?? null,
    message: job.message,
    cancelRequested: job.cancelRequested,
    attempts: job.attempts,
    // A file with problems needs a new file, not another run; a finished import is done.
    canRetry: job.byteSize > 0 && ((job.status === "failed" && job.problemsFound === 0) || job.status === "cancelled" || stale),
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
  };
}

export async function createImportJob(db: Db, scope: OrgScope, params: { kind: ImportJobKind; fileName: string }): Promise<{ id: string }> {
  const [job] = await db
    .insert(importJobs)
    .values({ organizationId: scope.organizationId, kind: params.kind, fileName: params.fileName, createdBy: scope.actorUserId })
    .returning({ id: importJobs.id });
  return job!;
}

export async function findImportJob(db: Db, scope: OrgScope, jobId: string): Promise<ImportJob> {
  const [job] = await db
    .select()
    .from(importJobs)
    .where(and(eq(importJobs.organizationId, scope.organizationId), eq(importJobs.id, jobId)));
  if (!job) throw new AppError("NOT_FOUND", "No such import in this organization.");
  return job;
}

export type StageResult = { ok: true; byteSize: number } | { ok: false; tooLarge: true; limit: number };

/**
 * Writes the body into the job's chunks as it arrives; past `limit` bytes it stops reading, deletes
 * what it staged and the job, and says so (the route answers 413). The job must be "uploading".
 */
export async function stageUpload(db: Db, scope: OrgScope, params: { jobId: string; body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>; limit?: number }): Promise<StageResult> {
  const limit = params.limit ?? STREAMED_IMPORT_MAX_BYTES;
  const job = await findImportJob(db, scope, params.jobId);
  if (job.status !== "uploading") throw new AppError("CONFLICT", "This import already has its file.");
  let seq = 0;
  let size = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (pendingBytes === 0) return;
    const data = Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    await db.insert(importUploadChunks).values({ organizationId: scope.organizationId, jobId: job.id, seq: seq++, data });
  };
  const discard = async () => {
    await db.delete(importJobs).where(and(eq(importJobs.organizationId, scope.organizationId), eq(importJobs.id, job.id)));
  };
  try {
    for await (const part of params.body) {
      size += part.byteLength;
      if (size > limit) {
        await discard();
        return { ok: false, tooLarge: true, limit };
      }
      pending.push(Buffer.from(part.buffer, part.byteOffset, part.byteLength));
      pendingBytes += part.byteLength;
      if (pendingBytes >= CHUNK_BYTES) await flush();
    }
    await flush();
  } catch (error) {
    await discard();
    throw error;
  }
  if (size === 0) {
    await discard();
    throw new AppError("BAD_INPUT", "The file is empty: choose a CSV file with a header row and data rows.", [{ path: job.fileName, message: "0 bytes received" }]);
  }
  await db
    .update(importJobs)
    .set({ byteSize: size, status: "queued", updatedAt: new Date() })
    .where(and(eq(importJobs.organizationId, scope.organizationId), eq(importJobs.id, job.id)));
  return { ok: true, byteSize: size };
}

/** The staged file, chunk by chunk (one chunk in memory at a time). */
export async function* readStagedFile(db: Db, scope: OrgScope, jobId: string): AsyncGenerator<Buffer> {
  let seq = -1;
  for (;;) {
    const [chunk] = await db
      .select({ seq: importUploadChunks.seq, data: importUploadChunks.data })
      .from(importUploadChunks)
      .where(and(eq(importUploadChunks.organizationId, scope.organizationId), eq(importUploadChunks.jobId, jobId), gt(importUploadChunks.seq, seq)))
      .orderBy(asc(importUploadChunks.seq))
      .limit(1);
    if (!chunk) return;
    seq = chunk.seq;
    yield chunk.data;
  }
}

/**
 * Asks a job to stop. A queued job is cancelled at once; a running one stops at its next check and
 * rolls back (nothing of it is kept). A finished job cannot be cancelled.
 */
export async function requestCancel(db: Db, scope: OrgScope, jobId: string): Promise<ImportJob> {
  const job = await findImportJob(db, scope, jobId);
  if (isFinished(job.status)) throw new AppError("CONFLICT", `This import has already ${job.status === "succeeded" ? "been committed" : job.status === "failed" ? "failed" : "been cancelled"}; there is nothing to cancel.`);
  const where = and(eq(importJobs.organizationId, scope.organizationId), eq(importJobs.id, jobId));
  if (job.status === "queued" || job.status === "uploading") {
    await db.update(importJobs).set({ status: "cancelled", cancelRequested: true, message: "Cancelled before it started; nothing was imported.", finishedAt: new Date(), updatedAt: new Date() }).where(and(where, inArray(importJobs.status, ["queued", "uploading"])));
  } else {
    await db.update(importJobs).set({ cancelRequested: true }).where(where);
  }
  return findImportJob(db, scope, jobId);
}

/** Puts a failed, cancelled or abandoned job back in the queue (the caller enqueues it). */
export async function prepareRetry(db: Db, scope: OrgScope, jobId: string): Promise<ImportJob> {
  const job = await findImportJob(db, scope, jobId);
  if (!toJobView(job).canRetry) {
    throw new AppError("CONFLICT", job.status === "failed" ? "This file has problems: fix them and upload it again." : `This import is ${job.status}; only a failed, cancelled or stalled import can be run again.`);
  }
  await db
    .update(importJobs)
    .set({ status: "queued", cancelRequested: false, rowsRead: 0, bytesRead: 0, problemsFound: 0, problems: [], message: null, outcome: null, finishedAt: null, updatedAt: new Date() })
    .where(and(eq(importJobs.organizationId, scope.organizationId), eq(importJobs.id, jobId)));
  return findImportJob(db, scope, jobId);
}

/** The organization's recent imports, newest first. */
export async function recentImportJobs(db: Db, scope: OrgScope, limit = 10): Promise<ImportJob[]> {
  return db
    .select()
    .from(importJobs)
    .where(eq(importJobs.organizationId, scope.organizationId))
    .orderBy(sql`${importJobs.createdAt} desc`)
    .limit(limit);
}
