/** Forgotten passwords: ask for a link by email, then set a new password with it. Both public. */
import { z } from "zod";
import { requestPasswordReset, resetPassword } from "../services/password-reset";
import { PASSWORD_MIN_LENGTH } from "../services/passwords";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const completeResetInput = z
  .object({
    token: z.string().min(20, "a reset token").max(200),
    newPassword: z.string().min(PASSWORD_MIN_LENGTH, `at least ${PASSWORD_MIN_LENGTH} characters`).max(200),
    confirmPassword: z.string().max(200),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "does not match the new password" });

export const passwordResetRouter = createTRPCRouter({
  /** The same answer whether or not the email has an account. */
  request: publicProcedure
    .input(z.object({ email: z.email("a valid email address").max(320) }))
    .output(z.object({ message: z.string() }))
    .mutation(({ ctx, input }) => requestPasswordReset(ctx.db, { email: input.email })),
  complete: publicProcedure
    .input(completeResetInput)
    .output(z.object({ email: z.string() }))
    .mutation(({ ctx, input }) => resetPassword(ctx.db, { token: input.token, newPassword: input.newPassword, ip: ctx.ip })),
});
