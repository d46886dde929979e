import { z } from "zod";
import { listAuditEntries } from "../services/audit";
import { auditFilterOptions, listAuditTrail } from "../services/audit-trail";
import { adminProcedure, createTRPCRouter } from "../trpc";

export const AUDIT_PAGE_SIZE = 50;

const day = z.iso.date("expected a date YYYY-MM-DD");
const text = (max: number) => z.string().trim().max(max).optional().transform((v) => v || undefined);

/** The audit log's filters: who, what kind of change, which record, when (UTC days, inclusive). */
export const auditFiltersInput = z.object({
  actorUserId: z.union([z.uuid("expected a member"), z.literal("")]).optional().transform((v) => v || undefined),
  family: text(60),
  action: text(100),
  targetType: text(60),
  targetId: text(100),
  from: z.union([day, z.literal("")]).optional().transform((v) => v || undefined),
  to: z.union([day, z.literal("")]).optional().transform((v) => v || undefined),
});

export const auditRouter = createTRPCRouter({
  list: adminProcedure
    .input(z.object({ page: z.int().min(1).default(1), action: z.string().trim().max(100).optional() }))
    .query(({ ctx, input }) =>
      listAuditEntries(ctx.db, ctx.scope, { page: input.page, pageSize: AUDIT_PAGE_SIZE, action: input.action || undefined }),
    ),
  /** Entries as sentences with their field-by-field diff, filtered. `pageSize` up to 1000 serves the CSV export. */
  trail: adminProcedure
    .input(auditFiltersInput.extend({ page: z.int().min(1).max(1_000_000).default(1), pageSize: z.int().min(1).max(1000).default(AUDIT_PAGE_SIZE) }))
    .query(({ ctx, input }) => listAuditTrail(ctx.db, ctx.scope, input)),
  filterOptions: adminProcedure.query(({ ctx }) => auditFilterOptions(ctx.db, ctx.scope)),
});
