import { z } from "zod";
import { MEMBERSHIP_ROLES } from "@/db/schema";
import { inviteMember, listInvitations, resendInvitation, revokeInvitation } from "../services/invitations";
import { changeMemberRole, listMembers, removeMember } from "../services/members";
import { adminProcedure, createTRPCRouter } from "../trpc";

/** The invite form and the router share this schema. */
export const inviteMemberInput = z.object({
  email: z.email("a valid email address").max(320),
  role: z.enum(MEMBERSHIP_ROLES),
});

const invitationOutput = z.object({
  invitationId: z.uuid(),
  email: z.string(),
  role: z.enum(MEMBERSHIP_ROLES),
  expiresAt: z.date(),
  sentAt: z.date(),
  createdAt: z.date(),
  expired: z.boolean(),
});

export const membersRouter = createTRPCRouter({
  list: adminProcedure.query(({ ctx }) => listMembers(ctx.db, ctx.scope)),
  /** Sends an invitation; the answer is the same whether or not the email has an account anywhere. */
  invite: adminProcedure
    .input(inviteMemberInput)
    .output(invitationOutput)
    .mutation(({ ctx, input }) => inviteMember(ctx.db, ctx.scope, { email: input.email, role: input.role })),
  invitations: adminProcedure.output(z.array(invitationOutput)).query(({ ctx }) => listInvitations(ctx.db, ctx.scope)),
  resendInvitation: adminProcedure
    .input(z.object({ invitationId: z.uuid() }))
    .output(invitationOutput)
    .mutation(({ ctx, input }) => resendInvitation(ctx.db, ctx.scope, { invitationId: input.invitationId })),
  revokeInvitation: adminProcedure
    .input(z.object({ invitationId: z.uuid() }))
    .mutation(({ ctx, input }) => revokeInvitation(ctx.db, ctx.scope, { invitationId: input.invitationId })),
  changeRole: adminProcedure
    .input(z.object({ membershipId: z.uuid(), role: z.enum(MEMBERSHIP_ROLES), expectedVersion: z.int().positive() }))
    .mutation(({ ctx, input }) =>
      changeMemberRole(ctx.db, ctx.scope, { membershipId: input.membershipId, role: input.role, expectedVersion: input.expectedVersion }),
    ),
  remove: adminProcedure
    .input(z.object({ membershipId: z.uuid() }))
    .mutation(({ ctx, input }) => removeMember(ctx.db, ctx.scope, { membershipId: input.membershipId })),
});
