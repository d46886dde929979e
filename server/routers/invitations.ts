/** The invitee's side of an invitation: open the emailed link, accept by signing in or as a new user. */
import { z } from "zod";
import { MEMBERSHIP_ROLES } from "@/db/schema";
import { acceptInvitation, acceptInvitationAsNewUser, previewInvitation } from "../services/invitations";
import { PASSWORD_MIN_LENGTH } from "../services/passwords";
import { createTRPCRouter, protectedProcedure, publicProcedure } from "../trpc";

const tokenField = z.string().min(20, "an invitation token").max(200);

export const acceptAsNewUserInput = z
  .object({
    token: tokenField,
    name: z.string().trim().min(1, "your name").max(200),
    password: z.string().min(PASSWORD_MIN_LENGTH, `at least ${PASSWORD_MIN_LENGTH} characters`).max(200),
    confirmPassword: z.string(),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "does not match the password" });

const acceptedOutput = z.object({ organizationSlug: z.string(), role: z.enum(MEMBERSHIP_ROLES) });

export const invitationsRouter = createTRPCRouter({
  preview: publicProcedure
    .input(z.object({ token: tokenField }))
    .output(z.object({ email: z.string(), role: z.enum(MEMBERSHIP_ROLES), organizationName: z.string(), expiresAt: z.date(), accountExists: z.boolean() }))
    .query(({ ctx, input }) => previewInvitation(ctx.db, { token: input.token })),
  accept: protectedProcedure
    .input(z.object({ token: tokenField }))
    .output(acceptedOutput)
    .mutation(({ ctx, input }) => acceptInvitation(ctx.db, { token: input.token, userId: ctx.user.id, ip: ctx.ip })),
  acceptAsNewUser: publicProcedure
    .input(acceptAsNewUserInput)
    .output(acceptedOutput.extend({ email: z.string() }))
    .mutation(({ ctx, input }) => acceptInvitationAsNewUser(ctx.db, { token: input.token, name: input.name, password: input.password, ip: ctx.ip })),
});
