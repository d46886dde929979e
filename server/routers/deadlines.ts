import { z } from "zod";
import { performanceYearInput } from "@/lib/cehrt/schemas";
import { organizationDeadlines } from "../services/deadlines/organization-deadlines";
import { createTRPCRouter, orgProcedure } from "../trpc";

const today = () => new Date().toISOString().slice(0, 10);

/** The year's deadlines for the whole organization with what is still open (executives and admins). */
export const deadlinesRouter = createTRPCRouter({
  organization: orgProcedure("admin", "executive")
    .input(z.object({ performanceYear: performanceYearInput, today: z.iso.date("expected a date YYYY-MM-DD").optional() }))
    .query(({ ctx, input }) => organizationDeadlines(ctx.db, ctx.scope, { performanceYear: input.performanceYear, today: input.today ?? today() })),
});
