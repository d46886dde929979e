import { z } from "zod";
import {
  addMembershipInput,
  archiveClinicianInput,
  createClinicianInput,
  listCliniciansInput,
  performanceYearField,
  currentYearDefault,
  removeMembershipInput,
  setYearStatusInput,
  updateClinicianInput,
  updateMembershipInput,
} from "@/lib/roster/schemas";
import {
  archiveClinician,
  clinicianOfUser,
  clinicianUserOptions,
  createClinician,
  getClinician,
  listClinicians,
  updateClinician,
} from "../services/roster/clinicians";
import { addMembership, removeMembership, setYearStatus, updateMembership } from "../services/roster/tin-memberships";
import { adminProcedure, anyMemberProcedure, createTRPCRouter } from "../trpc";

const viewerOf = (ctx: { membership: { role: "admin" | "clinician" | "executive" }; user: { id: string } }) => ({ role: ctx.membership.role, userId: ctx.user.id });

export const cliniciansRouter = createTRPCRouter({
  /** Admins and executives: every clinician; clinicians: their own record only. */
  list: anyMemberProcedure.input(listCliniciansInput).query(({ ctx, input }) => listClinicians(ctx.db, ctx.scope, viewerOf(ctx), input)),
  get: anyMemberProcedure
    .input(z.object({ clinicianId: z.uuid(), performanceYear: performanceYearField.default(currentYearDefault) }))
    .query(({ ctx, input }) => getClinician(ctx.db, ctx.scope, viewerOf(ctx), input)),
  /** The caller's own clinician record in this organization, if linked. */
  mine: anyMemberProcedure.query(({ ctx }) => clinicianOfUser(ctx.db, ctx.scope, ctx.user.id)),
  /** The "linked user" picker: clinician users not linked to another record (editing `clinicianId`, its own first). */
  userOptions: adminProcedure
    .input(z.object({ clinicianId: z.uuid().optional() }))
    .query(({ ctx, input }) => clinicianUserOptions(ctx.db, ctx.scope, { clinicianId: input.clinicianId })),
  create: adminProcedure.input(createClinicianInput).mutation(({ ctx, input }) => createClinician(ctx.db, ctx.scope, input)),
  update: adminProcedure.input(updateClinicianInput).mutation(({ ctx, input }) => updateClinician(ctx.db, ctx.scope, input)),
  archive: adminProcedure.input(archiveClinicianInput).mutation(({ ctx, input }) => archiveClinician(ctx.db, ctx.scope, input)),
  addMembership: adminProcedure.input(addMembershipInput).mutation(({ ctx, input }) => addMembership(ctx.db, ctx.scope, input)),
  updateMembership: adminProcedure.input(updateMembershipInput).mutation(({ ctx, input }) => updateMembership(ctx.db, ctx.scope, input)),
  removeMembership: adminProcedure.input(removeMembershipInput).mutation(({ ctx, input }) => removeMembership(ctx.db, ctx.scope, input)),
  setYearStatus: adminProcedure.input(setYearStatusInput).mutation(({ ctx, input }) => setYearStatus(ctx.db, ctx.scope, input)),
});
