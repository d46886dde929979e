import { z } from "zod";
import { changePassword } from "../services/account";
import { PASSWORD_MIN_LENGTH } from "../services/passwords";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const changePasswordInput = z
  .object({
    currentPassword: z.string().min(1, "enter your current password"),
    newPassword: z.string().min(PASSWORD_MIN_LENGTH, `at least ${PASSWORD_MIN_LENGTH} characters`).max(200),
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "does not match the new password" });

export const accountRouter = createTRPCRouter({
  me: protectedProcedure.query(({ ctx }) => ctx.user),
  changePassword: protectedProcedure.input(changePasswordInput).mutation(({ ctx, input }) =>
    changePassword(ctx.db, { userId: ctx.user.id, currentPassword: input.currentPassword, newPassword: input.newPassword, ip: ctx.ip }),
  ),
});
