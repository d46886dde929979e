import { z } from "zod";
import { changePassword } from "../services/account";
import { PASSWORD_MIN_LENGTH } from "../services/passwords";
import { listActiveSessions, revokeAllSessions, revokeSession } from "../services/sessions";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const changePasswordInput = z
  .object({
    currentPassword: z.string().min(1, "enter your current password").max(200),
    newPassword: z.string().min(PASSWORD_MIN_LENGTH, `at least ${PASSWORD_MIN_LENGTH} characters`).max(200),
    confirmPassword: z.string().max(200),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "does not match the new password" });

const sessionOutput = z.object({
  sessionId: z.uuid(),
  createdAt: z.date(),
  lastSeenAt: z.date(),
  expiresAt: z.date(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});

export const accountRouter = createTRPCRouter({
  me: protectedProcedure
    .output(z.object({ id: z.uuid(), email: z.string(), name: z.string() }))
    .query(({ ctx }) => ({ id: ctx.user.id, email: ctx.user.email, name: ctx.user.name })),
  changePassword: protectedProcedure.input(changePasswordInput).mutation(({ ctx, input }) =>
    changePassword(ctx.db, { userId: ctx.user.id, currentPassword: input.currentPassword, newPassword: input.newPassword, ip: ctx.ip }),
  ),
  /** Your live sessions (this one marked), for the account page. */
  sessions: protectedProcedure
    .output(z.array(sessionOutput))
    .query(({ ctx }) => listActiveSessions(ctx.db, { userId: ctx.user.id, currentSessionId: ctx.user.sessionId })),
  /** Ends one of your sessions; another user's session id is simply not found. */
  revokeSession: protectedProcedure
    .input(z.object({ sessionId: z.uuid() }))
    .mutation(async ({ ctx, input }) => ({ revoked: await revokeSession(ctx.db, { userId: ctx.user.id, sessionId: input.sessionId }) })),
  /** Ends every session of yours, this one included. */
  signOutEverywhere: protectedProcedure.mutation(async ({ ctx }) => ({ revoked: await revokeAllSessions(ctx.db, { userId: ctx.user.id }) })),
});
