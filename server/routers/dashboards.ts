import { z } from "zod";
import { performanceYearInput } from "@/lib/cehrt/schemas";
import { clinicianDashboard } from "../services/dashboards/clinician";
import { organizationOverview } from "../services/dashboards/overview";
import { tinDashboard } from "../services/dashboards/tin";
import { whatIf } from "../services/dashboards/what-if";
import { createTRPCRouter, orgProcedure } from "../trpc";
import { limitConcurrency, who } from "../limits/concurrency";
import { withinTenantShare } from "../limits/tenant-gate";

/** Executives and admins read the organization's dashboards; clinicians only their own view. */
const staff = orgProcedure("admin", "executive");
const member = orgProcedure("admin", "executive", "clinician");
const viewerOf = (ctx: { user: { id: string }; membership: { role: "admin" | "clinician" | "executive" } }) => ({ userId: ctx.user.id, role: ctx.membership.role });
const isoDay = z.iso.date("expected a date YYYY-MM-DD");
const today = () => new Date().toISOString().slice(0, 10);
const count = z.number().int("expected a whole number").min(0, "expected 0 or more").max(1_000_000_000);

export const whatIfInput = z.object({
  tinId: z.uuid(),
  performanceYear: performanceYearInput,
  overrides: z
    .array(z.object({ measureId: z.string().trim().min(1).max(40), numerator: count.optional(), denominator: count.optional(), yesNo: z.boolean().optional() }))
    .max(40),
});

export const dashboardsRouter = createTRPCRouter({
  // Dashboards and lists run within the organization's share of the server (server/limits/tenant-gate.ts).
  overview: staff.input(z.object({ performanceYear: performanceYearInput })).query(({ ctx, input }) => withinTenantShare(ctx.scope.organizationId, () => organizationOverview(ctx.db, ctx.scope, input))),
  tin: staff
    .input(
      z.object({
        tinId: z.uuid(),
        performanceYear: performanceYearInput,
        today: isoDay.optional(),
        clinicianPage: z.number().int().min(1).default(1),
        clinicianPageSize: z.number().int().min(1).max(100).default(25),
      }),
    )
    .query(({ ctx, input }) => withinTenantShare(ctx.scope.organizationId, () => tinDashboard(ctx.db, ctx.scope, viewerOf(ctx), { ...input, today: input.today ?? today() }))),
  /** Re-scores the TIN's group data with the overrides; nothing is saved. */
  whatIf: staff.input(whatIfInput).query(({ ctx, input }) => limitConcurrency("whatIf", who(ctx), () => whatIf(ctx.db, ctx.scope, input))),
  /** A clinician's own view (clinicians: only their own; another clinician id is refused). */
  clinician: member
    .input(z.object({ clinicianId: z.uuid().nullish(), performanceYear: performanceYearInput }))
    .query(({ ctx, input }) => withinTenantShare(ctx.scope.organizationId, () => clinicianDashboard(ctx.db, ctx.scope, viewerOf(ctx), input))),
});
