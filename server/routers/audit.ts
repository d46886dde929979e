import { z } from "zod";
import { listAuditEntries } from "../services/audit";
import { adminProcedure, createTRPCRouter } from "../trpc";

export const AUDIT_PAGE_SIZE = 50;

export const auditRouter = createTRPCRouter({
  list: adminProcedure
    .input(z.object({ page: z.int().min(1).default(1), action: z.string().trim().max(100).optional() }))
    .query(({ ctx, input }) =>
      listAuditEntries(ctx.db, ctx.scope, { page: input.page, pageSize: AUDIT_PAGE_SIZE, action: input.action || undefined }),
    ),
});
