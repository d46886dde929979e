/**
 * Streamed imports: a file uploaded as a stream is staged in Postgres as chunks (import_upload_chunks,
 * 1 MB of bytea each), then a job (pg-boss on Postgres, in-process on the embedded PGlite) parses and
 * commits it in one transaction. import_jobs is what the page polls (status, rows read, problems found)
 * and the final report; the queue itself only carries the job's id. Tenant-owned like every table:
 * organization_id leads the keys, chunks reference their job through (organization_id, id).
 */
import { sql } from "drizzle-orm";
import { bigint, boolean, check, customType, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { organizations, users } from "./tenancy";

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/** What a streamed import brings in: CEHRT measure data (CSV) or the roster (CSV). */
export type ImportJobKind = "cehrt_csv" | "roster_csv";
/**
 * uploading -> queued -> running -> succeeded | failed (problems or an error) | cancelled, or
 * needs_vendors: the file is valid but names CEHRT IDs new to their TIN; the user names their vendors and
 * the job runs again (queued) with them.
 */
export type ImportJobStatus = "uploading" | "queued" | "running" | "needs_vendors" | "succeeded" | "failed" | "cancelled";

/** The vendor's name the user gave for a CEHRT ID new to the organization (as the preview's commit takes it). */
export interface ImportJobVendorName {
  cehrtId: string;
  vendor: string;
}

export const importJobs = pgTable(
  "import_jobs",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid().notNull(),
    kind: text().$type<ImportJobKind>().notNull(),
    fileName: text().notNull(),
    status: text().$type<ImportJobStatus>().notNull().default("uploading"),
    /** Bytes staged (the upload), and bytes the job has parsed so far (its percent). */
    byteSize: bigint({ mode: "number" }).notNull().default(0),
    bytesRead: bigint({ mode: "number" }).notNull().default(0),
    rowsRead: integer().notNull().default(0),
    problemsFound: integer().notNull().default(0),
    /** The problems reported (every one up to a cap; problemsFound counts them all). */
    problems: jsonb().$type<{ path: string; message: string }[]>().notNull().default([]),
    /** What a successful commit did (counts), for the final report. */
    outcome: jsonb().$type<Record<string, unknown>>(),
    /** A sentence for the final report (why it failed, what was committed). */
    message: text(),
    cancelRequested: boolean().notNull().default(false),
    /** The vendors' names of new CEHRT products, given when the job asked for them (null: not asked yet). */
    vendorNames: jsonb().$type<ImportJobVendorName[]>(),
    attempts: integer().notNull().default(0),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
    /**
     * When the staged file (its import_upload_chunks) was deleted: at the commit, when the file is refused
     * for its problems, or by the sweep once a job that could run again has waited STAGED_FILE_RETENTION_MS
     * (server/services/imports/jobs.ts). Set, the job can no longer run again.
     */
    fileRemovedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    unique("import_jobs_organization_id_key").on(t.organizationId, t.id),
    index("import_jobs_organization_created_idx").on(t.organizationId, t.createdAt),
    check("import_jobs_status_check", sql`${t.status} IN ('uploading', 'queued', 'running', 'needs_vendors', 'succeeded', 'failed', 'cancelled')`),
    check("import_jobs_kind_check", sql`${t.kind} IN ('cehrt_csv', 'roster_csv')`),
    foreignKey({ name: "import_jobs_organization_fk", columns: [t.organizationId], foreignColumns: [organizations.id] }).onDelete("cascade"),
    foreignKey({ name: "import_jobs_created_by_fk", columns: [t.createdBy], foreignColumns: [users.id] }).onDelete("set null"),
  ],
);

export type ImportJob = typeof importJobs.$inferSelect;

export const importUploadChunks = pgTable(
  "import_upload_chunks",
  {
    organizationId: uuid().notNull(),
    jobId: uuid().notNull(),
    seq: integer().notNull(),
    data: bytea().notNull(),
  },
  (t) => [
    primaryKey({ name: "import_upload_chunks_pkey", columns: [t.organizationId, t.jobId, t.seq] }),
    foreignKey({ name: "import_upload_chunks_job_fk", columns: [t.organizationId, t.jobId], foreignColumns: [importJobs.organizationId, importJobs.id] }).onDelete("cascade"),
  ],
);
