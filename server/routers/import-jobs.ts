import { z } from "zod";
import { IMPORT_JOB_KINDS, createImportJob, findImportJob, prepareRetry, requestCancel, toJobView } from "../services/imports/jobs";
import { getImportQueue } from "../services/imports/queue";
import { adminProcedure, createTRPCRouter } from "../trpc";

const jobInput = z.object({ jobId: z.uuid("an import job id is expected") });

const jobView = z.object({
  id: z.string(),
  kind: z.enum(IMPORT_JOB_KINDS),
  fileName: z.string(),
  status: z.enum(["uploading", "queued", "running", "needs_vendors", "succeeded", "failed", "cancelled"]),
  byteSize: z.number(),
  bytesRead: z.number(),
  rowsRead: z.number(),
  problemsFound: z.number(),
  percent: z.number(),
  problems: z.array(z.object({ path: z.string(), message: z.string() })),
  outcome: z.record(z.string(), z.unknown()).nullable(),
  message: z.string().nullable(),
  cancelRequested: z.boolean(),
  attempts: z.number(),
  canRetry: z.boolean(),
  fileKeptUntil: z.date().nullable(),
  newProducts: z.array(z.object({ cehrtId: z.string(), suggestedVendor: z.string().nullable(), tins: z.array(z.string()) })),
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
});

/** Streamed imports (the file itself goes to POST /api/o/<org>/imports, which calls `begin`). */
export const importJobsRouter = createTRPCRouter({
  /** A job waiting for its file; the upload route streams the body into it. */
  begin: adminProcedure
    .input(z.object({ kind: z.enum(IMPORT_JOB_KINDS), fileName: z.string().trim().min(1, "a file name is required").max(255, "at most 255 characters") }))
    .output(z.object({ jobId: z.string(), organizationId: z.string() }))
    .mutation(async ({ ctx, input }) => ({ jobId: (await createImportJob(ctx.db, ctx.scope, input)).id, organizationId: ctx.scope.organizationId })),
  /** What the page polls: status, rows read, problems found, percent; then the final report. */
  get: adminProcedure
    .input(jobInput)
    .output(jobView)
    .query(async ({ ctx, input }) => toJobView(await findImportJob(ctx.db, ctx.scope, input.jobId))),
  cancel: adminProcedure
    .input(jobInput)
    .output(jobView)
    .mutation(async ({ ctx, input }) => toJobView(await requestCancel(ctx.db, ctx.scope, input.jobId))),
  /** Runs a failed, cancelled, abandoned or vendor-waiting job again from its staged file (with the new CEHRT IDs' vendors). */
  retry: adminProcedure
    .input(
      jobInput.extend({
        vendors: z
          .array(z.object({ cehrtId: z.string().trim().min(1, "a CEHRT ID is required"), vendor: z.string().max(500, "at most 500 characters") }))
          .max(1000, "at most 1,000 vendor names")
          .optional(),
      }),
    )
    .output(jobView)
    .mutation(async ({ ctx, input }) => {
      const job = await prepareRetry(ctx.db, ctx.scope, input.jobId, { vendors: input.vendors });
      const queue = await getImportQueue({ db: ctx.db, kind: ctx.databaseKind });
      await queue.enqueue({ organizationId: ctx.scope.organizationId, jobId: job.id });
      return toJobView(job);
    }),
});
