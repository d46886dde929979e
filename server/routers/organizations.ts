import { listMyOrganizations } from "../services/organizations";
import { countMembersByRole } from "../services/members";
import { anyMemberProcedure, createTRPCRouter, protectedProcedure } from "../trpc";

export const organizationsRouter = createTRPCRouter({
  /** The caller's organizations, for the switcher. */
  mine: protectedProcedure.query(({ ctx }) => listMyOrganizations(ctx.db, ctx.user.id)),
  /** The organization and the caller's role in it, with its member counts by role. */
  get: anyMemberProcedure.query(async ({ ctx }) => ({
    organization: ctx.org,
    role: ctx.membership.role,
    membersByRole: await countMembersByRole(ctx.db, ctx.scope),
  })),
});
