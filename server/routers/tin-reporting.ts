import { z } from "zod";
import { performanceYearInput, reportingChoiceInput } from "@/lib/cehrt/schemas";
import { setReportingChoice, tinAggregation } from "../services/cehrt/aggregation";
import { virtualGroupAggregation } from "../services/cehrt/export";
import { tinBestWindow } from "../services/cehrt/best-window";
import { cachedForVersion } from "../services/dashboards/cache";
import { withinTenantShare } from "../limits/tenant-gate";
import { adminProcedure, createTRPCRouter, orgProcedure } from "../trpc";

const staff = orgProcedure("admin", "executive");

export const tinReportingRouter = createTRPCRouter({
  /** The TIN's reporting choice, its group aggregation (included/excluded reports, lineage) and group score. */
  aggregation: staff.input(z.object({ tinId: z.uuid(), performanceYear: performanceYearInput })).query(({ ctx, input }) => tinAggregation(ctx.db, ctx.scope, input)),
  virtualGroup: staff
    .input(z.object({ virtualGroupId: z.uuid(), performanceYear: performanceYearInput }))
    .query(({ ctx, input }) => virtualGroupAggregation(ctx.db, ctx.scope, input)),
  /** The continuous window of the year's minimum length with the highest group PI score, against the full span of the data. */
  bestWindow: staff
    .input(z.object({ tinId: z.uuid(), performanceYear: performanceYearInput }))
    .query(({ ctx, input }) =>
      cachedForVersion(ctx.db, ctx.scope, `bestWindow|${input.tinId}|${input.performanceYear}`, () => withinTenantShare(ctx.scope.organizationId, () => tinBestWindow(ctx.db, ctx.scope, input))),
    ),
  setChoice: adminProcedure.input(reportingChoiceInput).mutation(({ ctx, input }) => setReportingChoice(ctx.db, ctx.scope, input)),
});
