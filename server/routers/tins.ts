import { z } from "zod";
import { archiveTinInput, createTinInput, listTinsInput, performanceYearField, updateTinInput, currentYearDefault } from "@/lib/roster/schemas";
import { listHardships } from "../services/roster/hardships";
import { tinStatuses, virtualGroupOfTin } from "../services/roster/status";
import { archiveTin, createTin, getTin, listTins, tinOptions, updateTin } from "../services/roster/tins";
import { withinTenantShare } from "../limits/tenant-gate";
import { cachedForVersion } from "../services/dashboards/cache";
import { adminProcedure, createTRPCRouter, orgProcedure } from "../trpc";

/** Admins and executives read the roster; clinicians see only their own clinician record (clinicians router). */
const rosterReader = orgProcedure("admin", "executive");

export const tinsRouter = createTRPCRouter({
  // Within the organization's share of the server (server/limits/tenant-gate.ts).
  // Cached per organization data version (services/dashboards/cache.ts), keyed by the whole input (page, filters, year).
  list: rosterReader.input(listTinsInput).query(({ ctx, input }) => cachedForVersion(ctx.db, ctx.scope, `tins.list|${JSON.stringify({ ...input, organization: undefined })}`, () => withinTenantShare(ctx.scope.organizationId, async () => {
    const page = await listTins(ctx.db, ctx.scope, input);
    const statuses = await tinStatuses(ctx.db, ctx.scope, page.tins.map((t) => t.id), input.performanceYear, { countSubmittedData: true });
    return {
      ...page,
      tins: page.tins.map((t) => {
        const s = statuses.get(t.id)!;
        return { ...t, eligibleClinicianCount: s.eligibleClinicianCount, smallPractice: s.smallPractice, reweighted: s.group.reweighted, blockingCount: s.blocking.length, piReportCount: s.piReportCount, piDataNote: s.piDataNote };
      }),
    };
  }))),
  options: rosterReader.query(({ ctx }) => tinOptions(ctx.db, ctx.scope)),
  /**
   * A TIN with its clinicians, statuses (the 100% rule and who blocks it), virtual group and a page of its
   * hardship applications in the year (`hardshipPage`, `hardshipPageSize`; `hardshipTotal` counts them all).
   * The status holds every clinician: the 100% rule needs them all; the TIN page shows them a page at a time.
   */
  get: rosterReader
    .input(
      z.object({
        tinId: z.uuid(),
        performanceYear: performanceYearField.default(currentYearDefault),
        hardshipPage: z.number().int().min(1).default(1),
        hardshipPageSize: z.number().int().min(1).max(200).default(200),
      }),
    )
    .query(async ({ ctx, input }) => {
      const tin = await getTin(ctx.db, ctx.scope, input.tinId);
      const [statuses, hardships, virtualGroup] = await Promise.all([
        tinStatuses(ctx.db, ctx.scope, [tin.id], input.performanceYear, { countSubmittedData: true }),
        listHardships(ctx.db, ctx.scope, { tinId: tin.id, performanceYear: input.performanceYear, page: input.hardshipPage, pageSize: input.hardshipPageSize }),
        virtualGroupOfTin(ctx.db, ctx.scope, tin.id, input.performanceYear),
      ]);
      return { tin, status: statuses.get(tin.id)!, hardships: hardships.hardships, hardshipTotal: hardships.total, virtualGroup };
    }),
  create: adminProcedure.input(createTinInput).mutation(({ ctx, input }) => createTin(ctx.db, ctx.scope, { tin: input.tin, name: input.name })),
  update: adminProcedure.input(updateTinInput).mutation(({ ctx, input }) => updateTin(ctx.db, ctx.scope, input)),
  archive: adminProcedure.input(archiveTinInput).mutation(({ ctx, input }) => archiveTin(ctx.db, ctx.scope, input)),
});
