import { clearHardshipDecisionInput, fileHardshipInput, listHardshipsInput, recordHardshipDecisionInput, updateHardshipDetailsInput, withdrawHardshipInput } from "@/lib/roster/schemas";
import { fileHardship, listHardships, recordHardshipDecision, updateHardshipDetails, withdrawHardship } from "../services/roster/hardships";
import { adminProcedure, createTRPCRouter, orgProcedure } from "../trpc";

/** Hardship applications as filed with CMS, and CMS's decisions as the practice received them. */
export const hardshipsRouter = createTRPCRouter({
  list: orgProcedure("admin", "executive").input(listHardshipsInput).query(({ ctx, input }) => listHardships(ctx.db, ctx.scope, input)),
  file: adminProcedure.input(fileHardshipInput).mutation(({ ctx, input }) => fileHardship(ctx.db, ctx.scope, { ...input, now: new Date() })),
  /** Withdraws a pending application (decided ones stay on record). */
  withdraw: adminProcedure.input(withdrawHardshipInput).mutation(({ ctx, input }) => withdrawHardship(ctx.db, ctx.scope, input)),
  /** Records CMS's decision (approved or dismissed), the day CMS decided and CMS's reference. */
  recordDecision: adminProcedure.input(recordHardshipDecisionInput).mutation(({ ctx, input }) => recordHardshipDecision(ctx.db, ctx.scope, { ...input, now: new Date() })),
  /** Clears a decision recorded by mistake: the application is pending again (CMS has not decided). */
  clearDecision: adminProcedure
    .input(clearHardshipDecisionInput)
    .mutation(({ ctx, input }) => recordHardshipDecision(ctx.db, ctx.scope, { ...input, decision: "pending", now: new Date() })),
  /** CMS's application reference and the notes. */
  update: adminProcedure.input(updateHardshipDetailsInput).mutation(({ ctx, input }) => updateHardshipDetails(ctx.db, ctx.scope, input)),
});
