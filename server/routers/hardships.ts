import { changeHardshipStatusInput, fileHardshipInput, listHardshipsInput, withdrawHardshipInput } from "@/lib/roster/schemas";
import { changeHardshipStatus, fileHardship, listHardships, withdrawHardship } from "../services/roster/hardships";
import { adminProcedure, createTRPCRouter, orgProcedure } from "../trpc";

export const hardshipsRouter = createTRPCRouter({
  list: orgProcedure("admin", "executive").input(listHardshipsInput).query(({ ctx, input }) => listHardships(ctx.db, ctx.scope, input)),
  file: adminProcedure.input(fileHardshipInput).mutation(({ ctx, input }) => fileHardship(ctx.db, ctx.scope, { ...input, now: new Date() })),
  /** Withdraws a pending application (decided ones stay on record). */
  withdraw: adminProcedure.input(withdrawHardshipInput).mutation(({ ctx, input }) => withdrawHardship(ctx.db, ctx.scope, input)),
  changeStatus: adminProcedure.input(changeHardshipStatusInput).mutation(({ ctx, input }) => changeHardshipStatus(ctx.db, ctx.scope, { ...input, now: new Date() })),
});
