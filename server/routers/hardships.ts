import { changeHardshipStatusInput, fileHardshipInput, listHardshipsInput } from "@/lib/roster/schemas";
import { changeHardshipStatus, fileHardship, listHardships } from "../services/roster/hardships";
import { adminProcedure, createTRPCRouter, orgProcedure } from "../trpc";

export const hardshipsRouter = createTRPCRouter({
  list: orgProcedure("admin", "executive").input(listHardshipsInput).query(({ ctx, input }) => listHardships(ctx.db, ctx.scope, input)),
  file: adminProcedure.input(fileHardshipInput).mutation(({ ctx, input }) => fileHardship(ctx.db, ctx.scope, { ...input, now: new Date() })),
  changeStatus: adminProcedure.input(changeHardshipStatusInput).mutation(({ ctx, input }) => changeHardshipStatus(ctx.db, ctx.scope, { ...input, now: new Date() })),
});
