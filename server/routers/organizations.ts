import { z } from "zod";
import { listMyOrganizations, setAdminTwoFactorPolicy } from "../services/organizations";
import { countMembersByRole } from "../services/members";
import { adminProcedure, anyMemberProcedure, createTRPCRouter, missingRequiredTwoFactor, orgContextProcedure, protectedProcedure } from "../trpc";

export const organizationsRouter = createTRPCRouter({
  /** The caller's organizations, for the switcher. */
  mine: protectedProcedure.query(({ ctx }) => listMyOrganizations(ctx.db, ctx.user.id)),
  /** The organization and the caller's role in it (every page's layout: kept to the one membership lookup). */
  get: orgContextProcedure.query(({ ctx }) => ({
    organization: ctx.org,
    role: ctx.membership.role,
    /** An admin here without a second factor, where the organization requires one: every other procedure refuses. */
    twoFactorRequired: missingRequiredTwoFactor(ctx.membership, ctx.user),
  })),
  /** The organization's member counts by role (its home page). */
  memberCounts: anyMemberProcedure.query(({ ctx }) => countMembersByRole(ctx.db, ctx.scope)),
  /** "Admins must use two-factor" on or off. */
  setAdminTwoFactorPolicy: adminProcedure
    .input(z.object({ required: z.boolean() }))
    .mutation(({ ctx, input }) => setAdminTwoFactorPolicy(ctx.db, ctx.scope, { required: input.required, callerTwoFactorVerified: ctx.user.twoFactorVerified })),
});
