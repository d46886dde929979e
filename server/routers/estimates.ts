import { z } from "zod";
import { performanceYearInput } from "@/lib/cehrt/schemas";
import { saveFinalScoreInputsInput } from "@/lib/mips/final-score-inputs-schema";
import { getFinalScoreInputs, saveFinalScoreInputs } from "../services/estimates/final-score-inputs";
import { adminProcedure, createTRPCRouter, orgProcedure } from "../trpc";

/** The final-score estimate's entered categories: executives and admins read them; admins save them. */
export const estimatesRouter = createTRPCRouter({
  finalScoreInputs: orgProcedure("admin", "executive")
    .input(z.object({ tinId: z.uuid(), performanceYear: performanceYearInput }))
    .query(({ ctx, input }) => getFinalScoreInputs(ctx.db, ctx.scope, input)),
  saveFinalScoreInputs: adminProcedure.input(saveFinalScoreInputsInput).mutation(({ ctx, input }) => saveFinalScoreInputs(ctx.db, ctx.scope, input)),
});
