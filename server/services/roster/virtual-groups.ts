/**
 * Virtual groups (rules section 3, from 2018): two or more TINs, each a solo practitioner or a group of
 * 10 or fewer eligible clinicians, electing to report together for a performance year. Election is due
 * by the year's election deadline (December 31 of the year before); a TIN belongs to at most one virtual group in a year. "Today" is a
 * parameter, so the deadline rule is testable.
 */
import { and, asc, count, eq, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { tins, virtualGroups, virtualGroupTins } from "@/db/schema";
import { formatTin } from "@/lib/mips/identifiers";
import { AppError, badInput } from "@/lib/errors";
import { isoDay } from "@/lib/roster/values";
import { deadlineOf, longDate } from "@/lib/roster/deadlines";
import { recordAudit } from "../audit";
import { reportAsVirtualGroup } from "./virtual-group-reporting";
import type { OrgScope } from "../scope";
import { assertVersion, isUniqueViolation, notFound } from "./guards";
import { tinStatuses, virtualGroupMembers, virtualGroupStatuses } from "./status";

/** A member TIN may have at most 10 eligible clinicians (CMS: "10 or fewer eligible clinicians"). */
export const VIRTUAL_GROUP_MAX_TIN_CLINICIANS = 10;

/** CMS: a virtual group is "two or more TINs" electing to report together (rules section 3). */
export const VIRTUAL_GROUP_MIN_TINS = 2;

/** Why a virtual group with this many member TINs cannot (yet) be a valid virtual group, or null. */
export function memberTinWarning(memberTinCount: number): string | null {
  if (memberTinCount >= VIRTUAL_GROUP_MIN_TINS) return null;
  return `This virtual group has ${memberTinCount} member TIN${memberTinCount === 1 ? "" : "s"}; CMS requires two or more TINs to elect as a virtual group. Add ${VIRTUAL_GROUP_MIN_TINS - memberTinCount} more before the election (or delete the group).`;
}

async function memberTinCount(tx: Db, scope: OrgScope, virtualGroupId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(virtualGroupTins)
    .where(and(eq(virtualGroupTins.organizationId, scope.organizationId), eq(virtualGroupTins.virtualGroupId, virtualGroupId)));
  return row?.n ?? 0;
}

/** The election for a performance year is due by the year's election deadline (December 31 of the year before). */
export function electionDeadline(performanceYear: number): string {
  return deadlineOf(performanceYear, "virtualGroupElection");
}

const columns = {
  id: virtualGroups.id,
  performanceYear: virtualGroups.performanceYear,
  name: virtualGroups.name,
  cmsId: virtualGroups.cmsId,
  electionDate: virtualGroups.electionDate,
  version: virtualGroups.version,
};

function checkElectionDate(performanceYear: number, electionDate: string, now: Date) {
  const today = isoDay(now);
  const deadline = electionDeadline(performanceYear);
  if (electionDate > today) {
    throw badInput(`The election date ${electionDate} is in the future; enter the day the virtual group elected with CMS (today is ${today}).`, [
      { path: "electionDate", message: `expected a date on or before today (${today})` },
    ]);
  }
  if (electionDate > deadline) {
    throw badInput(
      `A virtual group for ${performanceYear} had to elect by ${longDate(deadline)} (the election deadline of ${performanceYear}); an election on ${electionDate} is too late.`,
      [{ path: "electionDate", message: `expected an election date on or before ${deadline}` }],
    );
  }
}

function duplicateName(name: string, year: number) {
  return new AppError("CONFLICT", `A virtual group named "${name}" already exists for ${year}.`, [{ path: "name", message: "choose another name" }]);
}

/** Virtual groups of a year (or all), each with member TINs and its 100% rule status. */
export async function listVirtualGroups(db: Db, scope: OrgScope, params: { performanceYear?: number | undefined }) {
  const groups = await db
    .select(columns)
    .from(virtualGroups)
    .where(and(eq(virtualGroups.organizationId, scope.organizationId), params.performanceYear ? eq(virtualGroups.performanceYear, params.performanceYear) : undefined))
    .orderBy(asc(virtualGroups.performanceYear), asc(virtualGroups.name))
    .limit(500);
  const [members, statuses] = await Promise.all([virtualGroupMembers(db, scope, groups.map((g) => g.id)), virtualGroupStatuses(db, scope, groups, { countSubmittedData: true })]);
  return groups.map((g) => ({
    ...g,
    deadline: electionDeadline(g.performanceYear),
    tins: members.filter((m) => m.virtualGroupId === g.id).map((m) => ({ tinId: m.tinId, tin: m.tin, tinDisplay: formatTin(m.tin), name: m.name })),
    status: statuses.get(g.id)!,
    memberTinWarning: memberTinWarning(members.filter((m) => m.virtualGroupId === g.id).length),
  }));
}

export async function getVirtualGroup(db: Db, scope: OrgScope, virtualGroupId: string) {
  const [group] = await db.select(columns).from(virtualGroups).where(and(eq(virtualGroups.id, virtualGroupId), eq(virtualGroups.organizationId, scope.organizationId)));
  if (!group) throw notFound("virtual group");
  const [members, statuses] = await Promise.all([virtualGroupMembers(db, scope, [group.id]), virtualGroupStatuses(db, scope, [group], { countSubmittedData: true })]);
  const tinStatus = await tinStatuses(db, scope, members.map((m) => m.tinId), group.performanceYear);
  return {
    ...group,
    deadline: electionDeadline(group.performanceYear),
    tins: members.map((m) => ({
      tinId: m.tinId,
      tin: m.tin,
      tinDisplay: formatTin(m.tin),
      name: m.name,
      eligibleClinicianCount: tinStatus.get(m.tinId)?.eligibleClinicianCount ?? 0,
      clinicianCount: tinStatus.get(m.tinId)?.clinicianCount ?? 0,
    })),
    status: statuses.get(group.id)!,
    memberTinWarning: memberTinWarning(members.length),
  };
}

export async function createVirtualGroup(db: Db, scope: OrgScope, params: { performanceYear: number; name: string; cmsId?: string | null | undefined; electionDate: string; now: Date }) {
  checkElectionDate(params.performanceYear, params.electionDate, params.now);
  try {
    return await db.transaction(async (tx) => {
      const [same] = await tx
        .select({ id: virtualGroups.id })
        .from(virtualGroups)
        .where(and(eq(virtualGroups.organizationId, scope.organizationId), eq(virtualGroups.performanceYear, params.performanceYear), eq(virtualGroups.name, params.name)));
      if (same) throw duplicateName(params.name, params.performanceYear);
      const values = { performanceYear: params.performanceYear, name: params.name, cmsId: params.cmsId ?? null, electionDate: params.electionDate };
      const [row] = await tx.insert(virtualGroups).values({ organizationId: scope.organizationId, ...values }).returning(columns);
      await recordAudit(tx, scope, { action: "virtual_group.created", targetType: "virtual_group", targetId: row!.id, after: values });
      return row!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName(params.name, params.performanceYear);
    throw error;
  }
}

async function lockGroup(tx: Db, scope: OrgScope, virtualGroupId: string) {
  const [row] = await tx
    .select(columns)
    .from(virtualGroups)
    .where(and(eq(virtualGroups.id, virtualGroupId), eq(virtualGroups.organizationId, scope.organizationId)))
    .for("update");
  if (!row) throw notFound("virtual group");
  return row;
}

export async function updateVirtualGroup(
  db: Db,
  scope: OrgScope,
  params: { virtualGroupId: string; name: string; cmsId?: string | null | undefined; electionDate: string; expectedVersion: number; now: Date },
) {
  try {
    return await db.transaction(async (tx) => {
      const current = await lockGroup(tx, scope, params.virtualGroupId);
      await assertVersion(tx, scope, current, params.expectedVersion, "virtual_group", "virtual group");
      checkElectionDate(current.performanceYear, params.electionDate, params.now);
      const [same] = await tx
        .select({ id: virtualGroups.id })
        .from(virtualGroups)
        .where(and(eq(virtualGroups.organizationId, scope.organizationId), eq(virtualGroups.performanceYear, current.performanceYear), eq(virtualGroups.name, params.name), ne(virtualGroups.id, current.id)));
      if (same) throw duplicateName(params.name, current.performanceYear);
      const cmsId = params.cmsId ?? null;
      if (cmsId !== null && cmsId !== current.cmsId) {
        // The CMS ID is the outcome of the election; CMS elects only groups of two or more TINs.
        const tinCount = await memberTinCount(tx, scope, current.id);
        if (tinCount < VIRTUAL_GROUP_MIN_TINS) {
          throw badInput(`A CMS virtual group ID records an election, and CMS elects only virtual groups of two or more TINs; "${current.name}" has ${tinCount}. Add the member TINs first.`, [
            { path: "cmsId", message: `the group has ${tinCount} member TIN(s); expected at least ${VIRTUAL_GROUP_MIN_TINS} before recording the CMS ID` },
          ]);
        }
      }
      const after = { name: params.name, cmsId, electionDate: params.electionDate };
      const [row] = await tx
        .update(virtualGroups)
        .set({ ...after, version: sql`${virtualGroups.version} + 1`, updatedAt: new Date() })
        .where(and(eq(virtualGroups.id, current.id), eq(virtualGroups.organizationId, scope.organizationId)))
        .returning(columns);
      await recordAudit(tx, scope, {
        action: "virtual_group.updated",
        targetType: "virtual_group",
        targetId: current.id,
        before: { name: current.name, cmsId: current.cmsId, electionDate: current.electionDate },
        after,
      });
      return row!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", `A virtual group named "${params.name}" already exists for that year.`, [{ path: "name", message: "choose another name" }]);
    throw error;
  }
}

/**
 * Adds a member TIN. Refused, naming the TIN and the count, when the TIN has more than 10 eligible
 * clinicians in the year, or is already in another virtual group that year.
 */
export async function addVirtualGroupTin(db: Db, scope: OrgScope, params: { virtualGroupId: string; tinId: string }) {
  try {
    return await db.transaction(async (tx) => {
      const group = await lockGroup(tx, scope, params.virtualGroupId);
      const [tin] = await tx
        .select({ id: tins.id, tin: tins.tin, name: tins.name })
        .from(tins)
        .where(and(eq(tins.id, params.tinId), eq(tins.organizationId, scope.organizationId)));
      if (!tin) throw notFound("TIN");
      const label = `TIN ${formatTin(tin.tin)} (${tin.name})`;
      const [existing] = await tx
        .select({ virtualGroupId: virtualGroupTins.virtualGroupId, name: virtualGroups.name })
        .from(virtualGroupTins)
        .innerJoin(virtualGroups, and(eq(virtualGroups.id, virtualGroupTins.virtualGroupId), eq(virtualGroups.organizationId, scope.organizationId)))
        .where(and(eq(virtualGroupTins.organizationId, scope.organizationId), eq(virtualGroupTins.tinId, tin.id), eq(virtualGroupTins.performanceYear, group.performanceYear)));
      if (existing) {
        const where = existing.virtualGroupId === group.id ? "this virtual group" : `the virtual group "${existing.name}"`;
        throw new AppError("CONFLICT", `${label} is already in ${where} for ${group.performanceYear}; a TIN belongs to at most one virtual group in a year.`, [
          { path: "tinId", message: `already in ${where} for ${group.performanceYear}` },
        ]);
      }
      const status = (await tinStatuses(tx, scope, [tin.id], group.performanceYear)).get(tin.id)!;
      if (status.eligibleClinicianCount > VIRTUAL_GROUP_MAX_TIN_CLINICIANS) {
        throw badInput(
          `${label} has ${status.eligibleClinicianCount} eligible clinicians in ${group.performanceYear}; a virtual group member TIN may have at most ${VIRTUAL_GROUP_MAX_TIN_CLINICIANS}.`,
          [{ path: "tinId", message: `${status.eligibleClinicianCount} eligible clinicians; at most ${VIRTUAL_GROUP_MAX_TIN_CLINICIANS} allowed` }],
        );
      }
      await tx.insert(virtualGroupTins).values({ organizationId: scope.organizationId, virtualGroupId: group.id, tinId: tin.id, performanceYear: group.performanceYear });
      await recordAudit(tx, scope, {
        action: "virtual_group.tin_added",
        targetType: "virtual_group",
        targetId: group.id,
        after: { tin: tin.tin, name: tin.name, eligibleClinicians: status.eligibleClinicianCount },
      });
      // A member TIN reports as the virtual group in that year.
      await reportAsVirtualGroup(tx, scope, { tinId: tin.id, performanceYear: group.performanceYear, virtualGroupName: group.name });
      return { virtualGroupId: group.id, tinId: tin.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", "That TIN was just added to a virtual group for this year by someone else. Reload the page.");
    throw error;
  }
}

export async function removeVirtualGroupTin(db: Db, scope: OrgScope, params: { virtualGroupId: string; tinId: string }) {
  return db.transaction(async (tx) => {
    const group = await lockGroup(tx, scope, params.virtualGroupId);
    const [removed] = await tx
      .delete(virtualGroupTins)
      .where(and(eq(virtualGroupTins.organizationId, scope.organizationId), eq(virtualGroupTins.virtualGroupId, group.id), eq(virtualGroupTins.tinId, params.tinId)))
      .returning({ tinId: virtualGroupTins.tinId });
    if (!removed) throw notFound("member TIN of this virtual group");
    if (group.cmsId !== null) {
      const left = await memberTinCount(tx, scope, group.id);
      if (left < VIRTUAL_GROUP_MIN_TINS) {
        // Thrown inside the transaction: the removal is rolled back.
        throw badInput(
          `"${group.name}" was elected with CMS (ID ${group.cmsId}) and would be left with ${left} member TIN; a virtual group needs two or more TINs. Add another TIN first, or delete the virtual group.`,
          [{ path: "tinId", message: `an elected virtual group keeps at least ${VIRTUAL_GROUP_MIN_TINS} member TINs` }],
        );
      }
    }
    await recordAudit(tx, scope, { action: "virtual_group.tin_removed", targetType: "virtual_group", targetId: group.id, before: { tinId: params.tinId } });
    return { virtualGroupId: group.id, tinId: params.tinId };
  });
}

/**
 * Deletes a virtual group and its member TIN list (the TINs themselves stay). Audited with the group
 * and its members as "before"; refused against a stale version.
 */
export async function deleteVirtualGroup(db: Db, scope: OrgScope, params: { virtualGroupId: string; expectedVersion: number }) {
  return db.transaction(async (tx) => {
    const group = await lockGroup(tx, scope, params.virtualGroupId);
    await assertVersion(tx, scope, group, params.expectedVersion, "virtual_group", "virtual group");
    const members = await virtualGroupMembers(tx, scope, [group.id]);
    await tx.delete(virtualGroupTins).where(and(eq(virtualGroupTins.organizationId, scope.organizationId), eq(virtualGroupTins.virtualGroupId, group.id)));
    await tx.delete(virtualGroups).where(and(eq(virtualGroups.id, group.id), eq(virtualGroups.organizationId, scope.organizationId)));
    await recordAudit(tx, scope, {
      action: "virtual_group.deleted",
      targetType: "virtual_group",
      targetId: group.id,
      before: {
        performanceYear: group.performanceYear,
        name: group.name,
        cmsId: group.cmsId,
        electionDate: group.electionDate,
        tins: members.map((m) => ({ tin: m.tin, name: m.name })),
      },
    });
    return { id: group.id };
  });
}
