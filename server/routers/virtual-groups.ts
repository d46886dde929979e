import { z } from "zod";
import { createVirtualGroupInput, deleteVirtualGroupInput, performanceYearField, updateVirtualGroupInput, virtualGroupTinInput } from "@/lib/roster/schemas";
import {
  addVirtualGroupTin,
  createVirtualGroup,
  deleteVirtualGroup,
  getVirtualGroup,
  listVirtualGroups,
  removeVirtualGroupTin,
  updateVirtualGroup,
} from "../services/roster/virtual-groups";
import { adminProcedure, createTRPCRouter, orgProcedure } from "../trpc";

const rosterReader = orgProcedure("admin", "executive");

export const virtualGroupsRouter = createTRPCRouter({
  list: rosterReader
    .input(z.object({ performanceYear: performanceYearField.optional() }))
    .query(({ ctx, input }) => listVirtualGroups(ctx.db, ctx.scope, input)),
  get: rosterReader.input(z.object({ virtualGroupId: z.uuid() })).query(({ ctx, input }) => getVirtualGroup(ctx.db, ctx.scope, input.virtualGroupId)),
  create: adminProcedure.input(createVirtualGroupInput).mutation(({ ctx, input }) => createVirtualGroup(ctx.db, ctx.scope, { ...input, now: new Date() })),
  update: adminProcedure.input(updateVirtualGroupInput).mutation(({ ctx, input }) => updateVirtualGroup(ctx.db, ctx.scope, { ...input, now: new Date() })),
  delete: adminProcedure.input(deleteVirtualGroupInput).mutation(({ ctx, input }) => deleteVirtualGroup(ctx.db, ctx.scope, input)),
  addTin: adminProcedure.input(virtualGroupTinInput).mutation(({ ctx, input }) => addVirtualGroupTin(ctx.db, ctx.scope, input)),
  removeTin: adminProcedure.input(virtualGroupTinInput).mutation(({ ctx, input }) => removeVirtualGroupTin(ctx.db, ctx.scope, input)),
});
