import { z } from "zod";
import { ROSTER_COLUMNS } from "@/lib/roster/import-columns";
import { performanceYearField, rosterImportInput } from "@/lib/roster/schemas";
import { exportRosterCsv } from "../services/roster/roster-export";
import { commitImport, previewImport } from "../services/roster/roster-import";
import { adminProcedure, createTRPCRouter, orgProcedure } from "../trpc";
import { limitConcurrency, who } from "../limits/concurrency";

export const rosterImportRouter = createTRPCRouter({
  /** The documented columns (for the import page). */
  columns: orgProcedure("admin", "executive").query(() => ROSTER_COLUMNS),
  /** Every problem at once and what a commit would change; writes nothing. A mutation: the file is the body. */
  preview: adminProcedure.input(rosterImportInput).mutation(({ ctx, input }) => limitConcurrency("importPreview", who(ctx), () => previewImport(ctx.db, ctx.scope, input))),
  /** All or nothing, in one transaction. */
  commit: adminProcedure.input(rosterImportInput).mutation(({ ctx, input }) => commitImport(ctx.db, ctx.scope, input)),
  export: orgProcedure("admin", "executive")
    .input(z.object({ performanceYear: performanceYearField.optional() }))
    .query(({ ctx, input }) => limitConcurrency("export", who(ctx), () => exportRosterCsv(ctx.db, ctx.scope, input))),
});
