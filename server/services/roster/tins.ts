/**
 * TINs of an organization: list (search, pagination in SQL, counts per TIN), read, create, edit,
 * archive/restore. 9-digit TIN unique within the organization. Every change is audited in its transaction.
 */
import { and, asc, count, eq, ilike, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { tinMemberships, tins, virtualGroups, virtualGroupTins } from "@/db/schema";
import { formatTin } from "@/lib/mips/identifiers";
import { AppError } from "@/lib/errors";
import { recordAudit } from "../audit";
import type { OrgScope } from "../scope";
import { assertVersion, isUniqueViolation, notFound, yearBounds } from "./guards";

const tinColumns = {
  id: tins.id,
  tin: tins.tin,
  name: tins.name,
  archivedAt: tins.archivedAt,
  version: tins.version,
  createdAt: tins.createdAt,
  updatedAt: tins.updatedAt,
};

export interface ListTinsParams {
  search?: string | null;
  includeArchived?: boolean;
  performanceYear: number;
  page: number;
  pageSize: number;
}

/** One page of TINs with the number of clinicians billing under each in the year (counted in SQL). */
export async function listTins(db: Db, scope: OrgScope, params: ListTinsParams) {
  const search = params.search?.trim();
  const digits = search?.replace(/-/g, "");
  const where = and(
    eq(tins.organizationId, scope.organizationId),
    params.includeArchived ? undefined : isNull(tins.archivedAt),
    search ? or(ilike(tins.name, `%${escapeLike(search)}%`), digits && /^\d+$/.test(digits) ? ilike(tins.tin, `%${digits}%`) : undefined) : undefined,
  );
  const [rows, totals] = await Promise.all([
    db
      .select({ ...tinColumns, virtualGroupName: virtualGroups.name, virtualGroupId: virtualGroups.id })
      .from(tins)
      .leftJoin(
        virtualGroupTins,
        and(eq(virtualGroupTins.tinId, tins.id), eq(virtualGroupTins.organizationId, scope.organizationId), eq(virtualGroupTins.performanceYear, params.performanceYear)),
      )
      .leftJoin(virtualGroups, and(eq(virtualGroups.id, virtualGroupTins.virtualGroupId), eq(virtualGroups.organizationId, scope.organizationId)))
      .where(where)
      .orderBy(asc(tins.name), asc(tins.tin))
      .limit(params.pageSize)
      .offset((params.page - 1) * params.pageSize),
    db.select({ total: count() }).from(tins).where(where),
  ]);
  // Clinicians billing in the year, counted for the page's TINs only (not every membership of the organization).
  const counts = await clinicianCounts(db, scope, rows.map((r) => r.id), params.performanceYear);
  return {
    tins: rows.map((r) => ({ ...r, clinicianCount: counts.get(r.id) ?? 0, tinDisplay: formatTin(r.tin) })),
    total: totals[0]?.total ?? 0,
    page: params.page,
    pageSize: params.pageSize,
  };
}

/** Memberships active in the year per TIN, for these TINs. One query. */
async function clinicianCounts(db: Db, scope: OrgScope, tinIds: readonly string[], year: number) {
  if (tinIds.length === 0) return new Map<string, number>();
  const { first, last } = yearBounds(year);
  const rows = await db
    .select({ tinId: tinMemberships.tinId, n: count() })
    .from(tinMemberships)
    .where(
      and(
        eq(tinMemberships.organizationId, scope.organizationId),
        inArray(tinMemberships.tinId, [...tinIds]),
        sql`${tinMemberships.startDate} <= ${last}`,
        sql`(${tinMemberships.endDate} IS NULL OR ${tinMemberships.endDate} >= ${first})`,
      ),
    )
    .groupBy(tinMemberships.tinId);
  return new Map(rows.map((r) => [r.tinId, r.n]));
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Every TIN of the organization as id/TIN/name, for pickers (a health system has about 50). */
export async function tinOptions(db: Db, scope: OrgScope) {
  const rows = await db
    .select({ id: tins.id, tin: tins.tin, name: tins.name })
    .from(tins)
    .where(and(eq(tins.organizationId, scope.organizationId), isNull(tins.archivedAt)))
    .orderBy(asc(tins.name))
    .limit(1000);
  return rows.map((r) => ({ ...r, tinDisplay: formatTin(r.tin) }));
}

export async function getTin(db: Db, scope: OrgScope, tinId: string) {
  const [row] = await db.select(tinColumns).from(tins).where(and(eq(tins.id, tinId), eq(tins.organizationId, scope.organizationId)));
  if (!row) throw notFound("TIN");
  return { ...row, tinDisplay: formatTin(row.tin) };
}

function duplicateTin(tin: string): AppError {
  return new AppError("CONFLICT", `TIN ${formatTin(tin)} is already in this organization's roster.`, [{ path: "tin", message: `TIN ${formatTin(tin)} already exists; edit that TIN instead` }]);
}

async function assertTinFree(tx: Db, scope: OrgScope, tin: string, exceptId?: string) {
  const [existing] = await tx.select({ id: tins.id }).from(tins).where(and(eq(tins.organizationId, scope.organizationId), eq(tins.tin, tin)));
  if (existing && existing.id !== exceptId) throw duplicateTin(tin);
}

export async function createTin(db: Db, scope: OrgScope, params: { tin: string; name: string }) {
  try {
    return await db.transaction(async (tx) => {
      await assertTinFree(tx, scope, params.tin);
      const [row] = await tx.insert(tins).values({ organizationId: scope.organizationId, tin: params.tin, name: params.name }).returning(tinColumns);
      const created = row!;
      await recordAudit(tx, scope, { action: "tin.created", targetType: "tin", targetId: created.id, after: { tin: created.tin, name: created.name } });
      return { ...created, tinDisplay: formatTin(created.tin) };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateTin(params.tin);
    throw error;
  }
}

async function lockTin(tx: Db, scope: OrgScope, tinId: string) {
  const [row] = await tx
    .select(tinColumns)
    .from(tins)
    .where(and(eq(tins.id, tinId), eq(tins.organizationId, scope.organizationId)))
    .for("update");
  if (!row) throw notFound("TIN");
  return row;
}

export async function updateTin(db: Db, scope: OrgScope, params: { tinId: string; tin: string; name: string; expectedVersion: number }) {
  try {
    return await db.transaction(async (tx) => {
      const current = await lockTin(tx, scope, params.tinId);
      await assertVersion(tx, scope, current, params.expectedVersion, "tin", "TIN");
      await assertTinFree(tx, scope, params.tin, current.id);
      const [row] = await tx
        .update(tins)
        .set({ tin: params.tin, name: params.name, version: sql`${tins.version} + 1`, updatedAt: new Date() })
        .where(and(eq(tins.id, current.id), eq(tins.organizationId, scope.organizationId)))
        .returning(tinColumns);
      await recordAudit(tx, scope, { action: "tin.updated", targetType: "tin", targetId: current.id, before: { tin: current.tin, name: current.name }, after: { tin: params.tin, name: params.name } });
      return { ...row!, tinDisplay: formatTin(row!.tin) };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateTin(params.tin);
    throw error;
  }
}

/** Archives (or restores) a TIN: it leaves lists and statuses but keeps its history. */
export async function archiveTin(db: Db, scope: OrgScope, params: { tinId: string; expectedVersion: number; archived: boolean }) {
  return db.transaction(async (tx) => {
    const current = await lockTin(tx, scope, params.tinId);
    await assertVersion(tx, scope, current, params.expectedVersion, "tin", "TIN");
    const archivedAt = params.archived ? new Date() : null;
    const [row] = await tx
      .update(tins)
      .set({ archivedAt, version: sql`${tins.version} + 1`, updatedAt: new Date() })
      .where(and(eq(tins.id, current.id), eq(tins.organizationId, scope.organizationId)))
      .returning(tinColumns);
    await recordAudit(tx, scope, {
      action: params.archived ? "tin.archived" : "tin.restored",
      targetType: "tin",
      targetId: current.id,
      before: { archivedAt: current.archivedAt },
      after: { archivedAt },
    });
    return { ...row!, tinDisplay: formatTin(row!.tin) };
  });
}
