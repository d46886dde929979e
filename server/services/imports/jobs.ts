/**
 * Streamed import jobs (issue 13): the job row the page polls (import_jobs) and the staged file
 * (import_upload_chunks). An upload is read from the request as a stream and written to Postgres in
 * 1 MB chunks as it arrives (never the whole file in memory), refused past STREAMED_IMPORT_MAX_BYTES;
 * the job (run.ts) reads the chunks back one at a time. Every query filters on the organization, except
 * the sweep, which is the queue's housekeeping over every organization.
 *
 * The staged file is kept exactly as long as the job can run again from it:
 * - committed: deleted in the commit's transaction;
 * - refused for its problems: deleted in the same transaction as the "failed" report (a new file is needed);
 * - cancelled, failed on our side, waiting for vendor names, or stalled (a lost worker): kept, so "Run the
 *   import again" works, until the job has not moved for STAGED_FILE_RETENTION_MS; then the sweep deletes
 *   it and marks the job (file_removed_at; a job still uploading, queued or running is failed with a
 *   message), and the job can no longer run again;
 * - an upload that never finished (the server or the browser went away mid-body): swept the same way.
 */
import { and, asc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { importJobs, importUploadChunks, type ImportJob, type ImportJobKind, type ImportJobStatus, type ImportJobVendorName } from "@/db/schema";
import { AppError, type Issue } from "@/lib/errors";
import { MAX_VENDOR_NAME } from "../cehrt/imports";
import type { OrgScope } from "../scope";

/** The largest file a streamed import takes (a 1,000,000-row measure CSV is about 90 MB). */
export const STREAMED_IMPORT_MAX_BYTES = 200 * 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;
/** Problems kept for the final report (all are counted); a file wrong on every row would not fit a page. */
export const MAX_REPORTED_PROBLEMS = 1_000;
/** A running job whose progress has not moved for this long lost its worker (a killed server): retryable. */
export const STALE_RUNNING_MS = 60_000;
/** How long a job that could run again keeps its staged file after it last moved (see the header). */
export const STAGED_FILE_RETENTION_MS = 24 * 60 * 60 * 1000;

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
  /** A job that failed, was cancelled, waits for vendor names or lost its worker, and can run again from the staged file. */
  canRetry: boolean;
  /** Until when the staged file is kept for running the job again (null: it is gone, or the job is under way). */
  fileKeptUntil: Date | null;
  /** needs_vendors: the CEHRT IDs new to their TIN, whose vendors' names the job needs (prefilled from the file's vendor column). */
  newProducts: NewProductView[];
  createdAt: Date;
  finishedAt: Date | null;
}

export interface NewProductView {
  cehrtId: string;
  suggestedVendor: string | null;
  tins: string[];
}

function isFinished(status: ImportJobStatus): boolean {
  return status === "succeeded" || status === "failed" || status === "cancelled";
}

function newProductsOf(job: ImportJob): NewProductView[] {
  const list = job.status === "needs_vendors" ? job.outcome?.newProducts : undefined;
  return Array.isArray(list) ? (list as NewProductView[]) : [];
}

export function toJobView(job: ImportJob, now = Date.now()): ImportJobView {
  const stale = job.status === "running" && now - job.updatedAt.getTime() > STALE_RUNNING_MS;
  const percent = isFinished(job.status) || job.status === "needs_vendors" ? 100 : job.byteSize > 0 ? Math.min(99, Math.floor((job.bytesRead / job.byteSize) * 100)) : 0;
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
    canRetry: isRetryable(job, stale),
    fileKeptUntil: isRetryable(job, stale) ? new Date(job.updatedAt.getTime() + STAGED_FILE_RETENTION_MS) : null,
    newProducts: newProductsOf(job),
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
  };
}

/** A file with problems needs a new file, not another run; a committed import is done; a swept file is gone. */
function isRetryable(job: ImportJob, stale: boolean): boolean {
  if (job.byteSize === 0 || job.fileRemovedAt !== null) return false;
  return (job.status === "failed" && job.problemsFound === 0) || job.status === "cancelled" || job.status === "needs_vendors" || stale;
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
  if (job.status === "queued" || job.status === "uploading" || job.status === "needs_vendors") {
    await db.update(importJobs).set({ status: "cancelled", cancelRequested: true, message: "Cancelled before it started; nothing was imported.", finishedAt: new Date(), updatedAt: new Date() }).where(and(where, inArray(importJobs.status, ["queued", "uploading", "needs_vendors"])));
  } else {
    await db.update(importJobs).set({ cancelRequested: true }).where(where);
  }
  return findImportJob(db, scope, jobId);
}

/**
 * Puts a failed, cancelled, abandoned or vendor-waiting job back in the queue (the caller enqueues it).
 * `vendors` names the vendors of the CEHRT IDs the job reported as new (the run checks them as the
 * preview's commit does and registers the products in the import's transaction); a retry without them
 * keeps the names given before.
 */
export async function prepareRetry(db: Db, scope: OrgScope, jobId: string, params: { vendors?: readonly ImportJobVendorName[] | undefined } = {}): Promise<ImportJob> {
  const job = await findImportJob(db, scope, jobId);
  if (!toJobView(job).canRetry) {
    if (job.fileRemovedAt !== null && job.status !== "succeeded" && job.problemsFound === 0) {
      throw new AppError("CONFLICT", `The staged copy of ${job.fileName} was removed ${Math.round(STAGED_FILE_RETENTION_MS / 3_600_000)} hours after the import last ran; upload the file again.`);
    }
    throw new AppError("CONFLICT", job.status === "failed" ? "This file has problems: fix them and upload it again." : `This import is ${job.status}; only a failed, cancelled, stalled or vendor-waiting import can be run again.`);
  }
  const issues = (params.vendors ?? []).flatMap((v, i) =>
    v.vendor.trim().length > MAX_VENDOR_NAME ? [{ path: `vendors[${i}] (CEHRT ID ${v.cehrtId})`, message: `${v.vendor.trim().length} characters; a vendor's name has at most ${MAX_VENDOR_NAME}` }] : [],
  );
  if (issues.length > 0) throw new AppError("BAD_INPUT", "A vendor's name is too long.", issues);
  const vendorNames = params.vendors ? params.vendors.map((v) => ({ cehrtId: v.cehrtId.trim().toUpperCase(), vendor: v.vendor.replace(/\s+/g, " ").trim() })) : job.vendorNames;
  // Only a job that still has its file (the sweep may have just removed it) and is not already under way.
  const [queued] = await db
    .update(importJobs)
    .set({ status: "queued", cancelRequested: false, rowsRead: 0, bytesRead: 0, problemsFound: 0, problems: [], message: null, outcome: null, finishedAt: null, vendorNames, updatedAt: new Date() })
    .where(and(eq(importJobs.organizationId, scope.organizationId), eq(importJobs.id, jobId), isNull(importJobs.fileRemovedAt), eq(importJobs.status, job.status)))
    .returning();
  if (!queued) throw new AppError("CONFLICT", "This import changed meanwhile (it was run again, or its staged file was removed); reload the page.");
  return queued;
}

/**
 * Deletes the staged files of jobs that can no longer run again (committed or refused ones a crash left
 * with chunks), and of jobs that could but have not moved for `retentionMs` (an upload, queue or worker
 * that went away; a cancelled, failed or vendor-waiting job nobody ran again): they are marked
 * (file_removed_at; one still uploading, queued or running fails with a message) in the same statement.
 * Every organization's; returns how many jobs it swept.
 */
export async function sweepStagedFiles(db: Db, params: { now?: Date; retentionMs?: number } = {}): Promise<number> {
  const now = params.now ?? new Date();
  const cutoff = new Date(now.getTime() - (params.retentionMs ?? STAGED_FILE_RETENTION_MS));
  const hours = Math.round((params.retentionMs ?? STAGED_FILE_RETENTION_MS) / 3_600_000);
  const abandoned = `Nothing was imported: the import did not finish and did not move for ${hours} hours, so its staged file was removed. Upload the file again.`;
  const result = await db.execute(sql`
    WITH swept AS (
      UPDATE import_jobs SET file_removed_at = ${now.toISOString()}::timestamptz,
        status = CASE WHEN status IN ('uploading', 'queued', 'running') THEN 'failed' ELSE status END,
        message = CASE WHEN status IN ('uploading', 'queued', 'running') THEN ${abandoned}
                       WHEN status IN ('cancelled', 'failed', 'needs_vendors') AND NOT (status = 'failed' AND problems_found > 0)
                         THEN coalesce(message || ' ', '') || ${`The staged file was removed after ${hours} hours; upload it again to import it.`}
                       ELSE message END,
        finished_at = coalesce(finished_at, ${now.toISOString()}::timestamptz)
      WHERE file_removed_at IS NULL
        AND (status = 'succeeded' OR (status = 'failed' AND problems_found > 0) OR updated_at < ${cutoff.toISOString()}::timestamptz)
      RETURNING organization_id, id
    ), chunks AS (
      DELETE FROM import_upload_chunks c USING swept WHERE c.organization_id = swept.organization_id AND c.job_id = swept.id
    )
    SELECT count(*)::int AS n FROM swept`);
  const rows = Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? []);
  return Number((rows[0] as { n?: number } | undefined)?.n ?? 0);
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
