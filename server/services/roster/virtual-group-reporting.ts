/**
 * The virtual group rule of reporting choices: a TIN that is a member of a virtual group in a year
 * reports as part of that virtual group, so its reporting choice for that year is the virtual group
 * (set when it joins, other choices refused naming the group); a TIN outside any virtual group cannot
 * choose virtual group reporting.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { tinReportingChoices, virtualGroups, virtualGroupTins, type ReportingMode } from "@/db/schema";
import { badInput } from "@/lib/errors";
import { recordAudit } from "../audit";
import type { OrgScope } from "../scope";

/** The virtual group the TIN belongs to in the year, or null. */
export async function virtualGroupOfTin(db: Db, scope: OrgScope, params: { tinId: string; performanceYear: number }) {
  const [row] = await db
    .select({ id: virtualGroups.id, name: virtualGroups.name })
    .from(virtualGroupTins)
    .innerJoin(virtualGroups, and(eq(virtualGroups.id, virtualGroupTins.virtualGroupId), eq(virtualGroups.organizationId, scope.organizationId)))
    .where(and(eq(virtualGroupTins.organizationId, scope.organizationId), eq(virtualGroupTins.tinId, params.tinId), eq(virtualGroupTins.performanceYear, params.performanceYear)));
  return row ?? null;
}

/** Refuses a reporting mode the virtual group rule does not allow, saying why and what to do. */
export async function assertReportingModeAllowed(db: Db, scope: OrgScope, params: { tinId: string; performanceYear: number; mode: ReportingMode }) {
  const group = await virtualGroupOfTin(db, scope, params);
  if (group && params.mode !== "virtualGroup") {
    const how = params.mode === "group" ? "as a group on its own" : "individually";
    throw badInput(
      `This TIN is a member of the virtual group "${group.name}" for ${params.performanceYear}, so it reports as part of that virtual group and cannot report ${how}. To report ${how}, remove it from the virtual group first.`,
      [{ path: "mode", message: `a member of the virtual group "${group.name}" in ${params.performanceYear} reports as the virtual group` }],
    );
  }
  if (!group && params.mode === "virtualGroup") {
    throw badInput(`This TIN is not a member of a virtual group for ${params.performanceYear}. Add it to one on the Virtual groups page first, or choose individual or group reporting.`, [
      { path: "mode", message: `not in a virtual group for ${params.performanceYear}` },
    ]);
  }
}

/** Makes the TIN's reporting choice for the year the virtual group (when it joins one); the period, if any, is kept. Audited. */
export async function reportAsVirtualGroup(tx: Db, scope: OrgScope, params: { tinId: string; performanceYear: number; virtualGroupName: string }) {
  const key = and(eq(tinReportingChoices.organizationId, scope.organizationId), eq(tinReportingChoices.tinId, params.tinId), eq(tinReportingChoices.performanceYear, params.performanceYear));
  const [before] = await tx.select().from(tinReportingChoices).where(key).for("update");
  if (before?.mode === "virtualGroup") return;
  const why = `joined the virtual group "${params.virtualGroupName}"`;
  if (before) {
    const [after] = await tx
      .update(tinReportingChoices)
      .set({ mode: "virtualGroup", version: sql`${tinReportingChoices.version} + 1`, updatedAt: new Date() })
      .where(and(eq(tinReportingChoices.organizationId, scope.organizationId), eq(tinReportingChoices.id, before.id)))
      .returning();
    await recordAudit(tx, scope, { action: "tin_reporting_choice.updated", targetType: "tin_reporting_choice", targetId: before.id, before, after: { ...after, why } });
    return;
  }
  const [row] = await tx
    .insert(tinReportingChoices)
    .values({ organizationId: scope.organizationId, tinId: params.tinId, performanceYear: params.performanceYear, mode: "virtualGroup" })
    .returning();
  await recordAudit(tx, scope, { action: "tin_reporting_choice.created", targetType: "tin_reporting_choice", targetId: row!.id, after: { ...row, why } });
}
