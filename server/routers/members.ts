import { z } from "zod";
import { MEMBERSHIP_ROLES } from "@/db/schema";
import { addMember, changeMemberRole, listMembers, removeMember } from "../services/members";
import { PASSWORD_MIN_LENGTH } from "../services/passwords";
import { adminProcedure, createTRPCRouter } from "../trpc";

/** The add-member form and the router share this schema. */
export const addMemberInput = z.object({
  email: z.email("a valid email address"),
  role: z.enum(MEMBERSHIP_ROLES),
  name: z.string().trim().max(200).optional(),
  initialPassword: z
    .string()
    .min(PASSWORD_MIN_LENGTH, `at least ${PASSWORD_MIN_LENGTH} characters`)
    .max(200)
    .optional()
    .or(z.literal("").transform(() => undefined)),
});

export const membersRouter = createTRPCRouter({
  list: adminProcedure.query(({ ctx }) => listMembers(ctx.db, ctx.scope)),
  add: adminProcedure.input(addMemberInput).mutation(({ ctx, input }) =>
    addMember(ctx.db, ctx.scope, {
      email: input.email,
      role: input.role,
      name: input.name,
      initialPassword: input.initialPassword,
    }),
  ),
  changeRole: adminProcedure
    .input(z.object({ membershipId: z.uuid(), role: z.enum(MEMBERSHIP_ROLES), expectedVersion: z.int().positive() }))
    .mutation(({ ctx, input }) =>
      changeMemberRole(ctx.db, ctx.scope, { membershipId: input.membershipId, role: input.role, expectedVersion: input.expectedVersion }),
    ),
  remove: adminProcedure
    .input(z.object({ membershipId: z.uuid() }))
    .mutation(({ ctx, input }) => removeMember(ctx.db, ctx.scope, { membershipId: input.membershipId })),
});
