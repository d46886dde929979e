import { z } from "zod";
import { changePassword } from "../services/account";
import { PASSWORD_MIN_LENGTH } from "../services/passwords";
import { listActiveSessions, revokeAllSessions, revokeSession } from "../services/sessions";
import { listMySignIns } from "../services/sign-in-events";
import { confirmEnrolment, disableTwoFactor, startEnrolment, twoFactorStatus } from "../services/two-factor";
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
  /** Your recent sign-ins (and failed attempts, lockouts, second-factor failures), newest first. */
  signIns: protectedProcedure
    .output(z.array(z.object({ id: z.number(), kind: z.string(), ip: z.string().nullable(), userAgent: z.string().nullable(), at: z.date() })))
    .query(({ ctx }) => listMySignIns(ctx.db, { userId: ctx.user.id })),
  twoFactorStatus: protectedProcedure
    .output(z.object({ enabled: z.boolean(), recoveryCodesLeft: z.number(), sessionVerified: z.boolean() }))
    .query(async ({ ctx }) => ({ ...(await twoFactorStatus(ctx.db, ctx.user.id)), sessionVerified: ctx.user.twoFactorVerified })),
  /** A new authenticator secret with its QR code; two-factor stays off until confirmed with a code. */
  startTwoFactor: protectedProcedure
    .output(z.object({ secret: z.string(), otpauthUri: z.string(), qrCodeDataUrl: z.string() }))
    .mutation(({ ctx }) => startEnrolment(ctx.db, { userId: ctx.user.id })),
  /** Turns two-factor on with a first code; answers the 10 recovery codes, shown this once. */
  confirmTwoFactor: protectedProcedure
    .input(z.object({ code: z.string().trim().regex(/^\d{6}$/, "the 6 digits your authenticator app shows") }))
    .output(z.object({ recoveryCodes: z.array(z.string()) }))
    .mutation(({ ctx, input }) => confirmEnrolment(ctx.db, { userId: ctx.user.id, sessionId: ctx.user.sessionId, code: input.code, ip: ctx.ip })),
  disableTwoFactor: protectedProcedure
    .input(z.object({ password: z.string().min(1, "your password").max(200), code: z.string().trim().min(6, "a current code or a recovery code").max(40) }))
    .mutation(async ({ ctx, input }) => {
      await disableTwoFactor(ctx.db, { userId: ctx.user.id, password: input.password, code: input.code, ip: ctx.ip });
      return { enabled: false };
    }),
});
