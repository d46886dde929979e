import { z } from "zod";
import { performanceYearInput } from "@/lib/cehrt/schemas";
import { clinicianDashboard } from "../services/dashboards/clinician";
import { tinDashboard } from "../services/dashboards/tin";
import { whatIf } from "../services/dashboards/what-if";
import { createTRPCRouter, orgProcedure } from "../trpc";
import { limitConcurrency, who } from "../limits/concurrency";
import { withinTenantShare } from "../limits/tenant-gate";
import { cachedForVersion } from "../services/dashboards/cache";
import { cachedOrganizationOverview } from "../services/dashboards/cached-overview";
import { OVERVIEW_FILTERS, OVERVIEW_SORTS, overviewPage } from "../services/dashboards/overview-page";
import type { OrgScope } from "../services/scope";
import type { Db } from "@/db/client";

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

/** The organization overview of the year, computed once per data version (within the tenant's share). */
function cachedOverview(ctx: { db: Db; scope: OrgScope }, performanceYear: number) {
  return cachedOrganizationOverview(ctx.db, ctx.scope, performanceYear);
}

export const dashboardsRouter = createTRPCRouter({
  // Dashboards and lists run within the organization's share of the server (server/limits/tenant-gate.ts).
  // Overview and TIN dashboard: cached per organization data version (services/dashboards/cache.ts); only a
  // miss computes, within the share. Entries are keyed by every input that changes the answer.
  overview: staff.input(z.object({ performanceYear: performanceYearInput })).query(({ ctx, input }) => cachedOverview(ctx, input.performanceYear)),
  /** The overview page: headline figures over every TIN, and one page of the TINs matching the filters. */
  overviewPage: staff
    .input(
      z.object({
        performanceYear: performanceYearInput,
        search: z.string().trim().max(100, "expected at most 100 characters").default(""),
        show: z.enum(OVERVIEW_FILTERS).default("all"),
        sort: z.enum(OVERVIEW_SORTS).default("name"),
        order: z.enum(["asc", "desc"]).default("asc"),
        page: z.number().int().min(1).max(100_000).default(1),
        pageSize: z.number().int().min(1).max(100).default(25),
      }),
    )
    .query(async ({ ctx, input }) => overviewPage(await cachedOverview(ctx, input.performanceYear), input)),
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
    .query(({ ctx, input }) => {
      const params = { ...input, today: input.today ?? today() };
      // Admins and executives see the same TIN dashboard (the viewer matters only for clinicians, who cannot open it).
      const key = `tin|${params.tinId}|${params.performanceYear}|${params.today}|${params.clinicianPage}|${params.clinicianPageSize}`;
      return cachedForVersion(ctx.db, ctx.scope, key, () => withinTenantShare(ctx.scope.organizationId, () => tinDashboard(ctx.db, ctx.scope, viewerOf(ctx), params)));
    }),
  /** Re-scores the TIN's group data with the overrides; nothing is saved. */
  whatIf: staff.input(whatIfInput).query(({ ctx, input }) => limitConcurrency("whatIf", who(ctx), () => whatIf(ctx.db, ctx.scope, input))),
  /** A clinician's own view (clinicians: only their own; another clinician id is refused). */
  clinician: member
    .input(z.object({ clinicianId: z.uuid().nullish(), performanceYear: performanceYearInput }))
    .query(({ ctx, input }) => withinTenantShare(ctx.scope.organizationId, () => clinicianDashboard(ctx.db, ctx.scope, viewerOf(ctx), input))),
});
