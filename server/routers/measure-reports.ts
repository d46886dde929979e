import { z } from "zod";
import { exportInput, listReportsInput, manualReportInput, performanceYearInput } from "@/lib/cehrt/schemas";
import { exportQrda3, exportSubmission } from "../services/cehrt/export";
import { deleteReport, entryOptions, getReport, listReports, manualReportWarning, saveManualReport } from "../services/cehrt/reports";
import { tinScores } from "../services/cehrt/scores";
import { createTRPCRouter, orgProcedure } from "../trpc";
import { limitConcurrency, who } from "../limits/concurrency";

/** Every member reads (clinicians only their own NPI's data, enforced in the services). */
const member = orgProcedure("admin", "executive", "clinician");
/** Admins and clinicians enter data; executives read only. */
const writer = orgProcedure("admin", "clinician");
const viewerOf = (ctx: { user: { id: string }; membership: { role: "admin" | "clinician" | "executive" } }) => ({ userId: ctx.user.id, role: ctx.membership.role });

export const measureReportsRouter = createTRPCRouter({
  list: member.input(listReportsInput).query(({ ctx, input }) => listReports(ctx.db, ctx.scope, viewerOf(ctx), input)),
  get: member.input(z.object({ reportId: z.uuid() })).query(({ ctx, input }) => getReport(ctx.db, ctx.scope, viewerOf(ctx), input.reportId)),
  /** The TINs, and one TIN's clinicians and products (`tinId`, default the first TIN). */
  entryOptions: member.input(z.object({ performanceYear: performanceYearInput, tinId: z.uuid().optional() })).query(({ ctx, input }) => entryOptions(ctx.db, ctx.scope, viewerOf(ctx), input)),
  /** Before saving: would this data cancel a reweighting? */
  warning: member
    .input(z.object({ tinId: z.uuid(), clinicianId: z.uuid().nullable(), performanceYear: performanceYearInput }))
    .query(({ ctx, input }) => manualReportWarning(ctx.db, ctx.scope, viewerOf(ctx), input)),
  save: writer.input(manualReportInput).mutation(({ ctx, input }) => saveManualReport(ctx.db, ctx.scope, viewerOf(ctx), input)),
  delete: writer
    .input(z.object({ reportId: z.uuid(), expectedVersion: z.number().int().min(1) }))
    .mutation(({ ctx, input }) => deleteReport(ctx.db, ctx.scope, viewerOf(ctx), input)),
  scores: member
    .input(z.object({ tinId: z.uuid(), performanceYear: performanceYearInput, page: z.number().int().min(1).optional(), pageSize: z.number().int().min(1).max(100).optional(), group: z.boolean().optional() }))
    .query(({ ctx, input }) => tinScores(ctx.db, ctx.scope, viewerOf(ctx), input)),
  /** The QPP Submissions JSON, validated; a refusal (BAD_REQUEST) lists what is missing. */
  export: member.input(exportInput).mutation(({ ctx, input }) => limitConcurrency("export", who(ctx), () => exportSubmission(ctx.db, ctx.scope, viewerOf(ctx), input))),
  /** The same submission as a QRDA III document (read back by our reader before it is returned). */
  exportQrda3: member.input(exportInput).mutation(({ ctx, input }) => limitConcurrency("export", who(ctx), () => exportQrda3(ctx.db, ctx.scope, viewerOf(ctx), input))),
});
