/**
 * The one audit helper. Every mutation calls it with the transaction that makes the change, so the
 * entry and the change commit or roll back together.
 */
import { and, count, desc, eq, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, users } from "@/db/schema";
import type { OrgScope } from "./scope";

/** Typed action names: `<target>.<verb>`. */
export type AuditAction =
  | "organization.created"
  | "member.added"
  | "member.role_changed"
  | "member.removed"
  | "user.password_changed"
  | (`${string}.${string}` & {});

export interface AuditEntryInput {
  action: AuditAction;
  targetType: string;
  targetId: string;
  before?: unknown;
  after?: unknown;
}

export async function recordAudit(tx: Db, scope: OrgScope, entry: AuditEntryInput): Promise<void> {
  await tx.insert(auditLog).values({
    organizationId: scope.organizationId,
    actorUserId: scope.actorUserId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    ip: scope.ip,
  });
}

export interface AuditPageParams {
  page: number;
  pageSize: number;
  action?: string;
}

/**
 * One page of the organization's audit entries matching `filter` (extra conditions; the organization's
 * own filter is always added here), newest first, with the total for the pager. The one query behind the
 * plain audit log (listAuditEntries) and the filtered audit trail (audit-trail.ts's listAuditTrail).
 */
export async function auditLogPage(db: Db, scope: OrgScope, filter: SQL | undefined, params: { page: number; pageSize: number }) {
  const where = and(eq(auditLog.organizationId, scope.organizationId), filter);
  const [rows, totals] = await Promise.all([
    db
      .select({
        id: auditLog.id,
        action: auditLog.action,
        targetType: auditLog.targetType,
        targetId: auditLog.targetId,
        before: auditLog.before,
        after: auditLog.after,
        ip: auditLog.ip,
        createdAt: auditLog.createdAt,
        actorEmail: users.email,
        actorName: users.name,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorUserId))
      .where(where)
      .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
      .limit(params.pageSize)
      .offset((params.page - 1) * params.pageSize),
    db.select({ total: count() }).from(auditLog).where(where),
  ]);
  return { rows, total: totals[0]?.total ?? 0 };
}

/** One page of the organization's audit log, newest first, with the total for the pager. */
export async function listAuditEntries(db: Db, scope: OrgScope, params: AuditPageParams) {
  const { rows, total } = await auditLogPage(db, scope, params.action ? eq(auditLog.action, params.action) : undefined, params);
  return { entries: rows, total, page: params.page, pageSize: params.pageSize };
}

/** Who made the latest audited change to a target, for "changed by X at T" conflict messages. */
export async function lastChange(db: Db, scope: OrgScope, targetType: string, targetId: string) {
  const [row] = await db
    .select({ at: auditLog.createdAt, actorName: users.name, actorEmail: users.email })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(
      and(
        eq(auditLog.organizationId, scope.organizationId),
        eq(auditLog.targetType, targetType),
        eq(auditLog.targetId, targetId),
      ),
    )
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(1);
  return row ?? null;
}

/** The CONFLICT message for an update against a stale version. */
export async function staleVersionMessage(db: Db, scope: OrgScope, targetType: string, targetId: string, what: string) {
  const change = await lastChange(db, scope, targetType, targetId);
  const by = change ? ` by ${change.actorName ?? change.actorEmail ?? "the system"} at ${change.at.toISOString()}` : "";
  return `This ${what} was changed${by} after you opened it. Reload to see the current values, then apply your change again.`;
}
