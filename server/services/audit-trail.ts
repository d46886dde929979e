/**
 * Reading the audit log as people do: filtered by who (actor), what kind of change (action family, e.g.
 * "clinician" or "hardship"), which record (target), and when (a date range, UTC days); each entry
 * described in a sentence with a field-by-field diff (lib/audit/describe.ts), naming its target by the
 * record's current name where it still exists. Entries are kept six years and never edited or deleted
 * (migration 0001's trigger refuses UPDATE and DELETE; the app's database role may only INSERT/SELECT).
 */
import { and, asc, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, memberships, clinicians, hardshipApplications, tinMemberships, membershipYears, tins, users, virtualGroups, finalScoreInputs, tinReportingChoices } from "@/db/schema";
import { auditChanges, describeAuditEntry, type FieldChange } from "@/lib/audit/describe";
import { formatTin } from "@/lib/mips/identifiers";
import { AppError } from "@/lib/errors";
import { auditLogPage } from "./audit";
import type { OrgScope } from "./scope";

/** CMS may request supporting documentation for six years; entries are kept at least that long. */
export const AUDIT_RETENTION_YEARS = 6;

export interface AuditFilters {
  actorUserId?: string | undefined;
  /** An action family: the part before the dot ("clinician" for clinician.created, clinician.updated...). */
  family?: string | undefined;
  /** An exact action name (kept for the existing filter). */
  action?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  /** First and last UTC day, inclusive (YYYY-MM-DD). */
  from?: string | undefined;
  to?: string | undefined;
}

export interface AuditTrailEntry {
  id: number;
  createdAt: Date;
  action: string;
  targetType: string;
  targetId: string;
  actorName: string | null;
  actorEmail: string | null;
  ip: string | null;
  sentence: string;
  changes: FieldChange[];
  targetName: string | null;
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The filters' conditions (auditLogPage adds the organization's own filter). */
function filterWhere(f: AuditFilters): SQL | undefined {
  return and(
    f.actorUserId ? eq(auditLog.actorUserId, f.actorUserId) : undefined,
    f.family ? sql`split_part(${auditLog.action}, '.', 1) = ${f.family}` : undefined,
    f.action ? eq(auditLog.action, f.action) : undefined,
    f.targetType ? eq(auditLog.targetType, f.targetType) : undefined,
    f.targetId ? eq(auditLog.targetId, f.targetId) : undefined,
    f.from ? gte(auditLog.createdAt, new Date(`${f.from}T00:00:00Z`)) : undefined,
    f.to ? lt(auditLog.createdAt, new Date(`${nextDay(f.to)}T00:00:00Z`)) : undefined,
  );
}

const isUuid = (v: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

/** Current names of the targets that still exist, keyed `type:id` (one query per kind of target on the page). */
async function targetNames(db: Db, scope: OrgScope, entries: { targetType: string; targetId: string }[]): Promise<Map<string, string>> {
  const ids = (type: string) => [...new Set(entries.filter((e) => e.targetType === type && isUuid(e.targetId)).map((e) => e.targetId))];
  const names = new Map<string, string>();
  const org = scope.organizationId;
  const person = (r: { firstName: string | null; lastName: string | null }) => `${r.firstName ?? ""} ${r.lastName ?? ""}`.trim();
  const jobs: Promise<void>[] = [];
  const clinicianIds = ids("clinician");
  if (clinicianIds.length) {
    jobs.push(
      db.select({ id: clinicians.id, firstName: clinicians.firstName, lastName: clinicians.lastName }).from(clinicians).where(and(eq(clinicians.organizationId, org), inArray(clinicians.id, clinicianIds)))
        .then((rows) => rows.forEach((r) => names.set(`clinician:${r.id}`, person(r)))),
    );
  }
  const tinIds = ids("tin");
  if (tinIds.length) {
    jobs.push(db.select({ id: tins.id, name: tins.name, tin: tins.tin }).from(tins).where(and(eq(tins.organizationId, org), inArray(tins.id, tinIds))).then((rows) => rows.forEach((r) => names.set(`tin:${r.id}`, `${r.name} (${formatTin(r.tin)})`))));
  }
  const yearIds = ids("membership_year");
  if (yearIds.length) {
    jobs.push(
      db
        .select({ id: membershipYears.id, firstName: clinicians.firstName, lastName: clinicians.lastName, tinName: tins.name, year: membershipYears.performanceYear })
        .from(membershipYears)
        .innerJoin(tinMemberships, and(eq(tinMemberships.organizationId, org), eq(tinMemberships.id, membershipYears.membershipId)))
        .innerJoin(clinicians, and(eq(clinicians.organizationId, org), eq(clinicians.id, tinMemberships.clinicianId)))
        .innerJoin(tins, and(eq(tins.organizationId, org), eq(tins.id, tinMemberships.tinId)))
        .where(and(eq(membershipYears.organizationId, org), inArray(membershipYears.id, yearIds)))
        .then((rows) => rows.forEach((r) => names.set(`membership_year:${r.id}`, `${person(r)} (${r.tinName}, ${r.year})`))),
    );
  }
  const membershipIds = ids("tin_membership");
  if (membershipIds.length) {
    jobs.push(
      db
        .select({ id: tinMemberships.id, firstName: clinicians.firstName, lastName: clinicians.lastName, tinName: tins.name })
        .from(tinMemberships)
        .innerJoin(clinicians, and(eq(clinicians.organizationId, org), eq(clinicians.id, tinMemberships.clinicianId)))
        .innerJoin(tins, and(eq(tins.organizationId, org), eq(tins.id, tinMemberships.tinId)))
        .where(and(eq(tinMemberships.organizationId, org), inArray(tinMemberships.id, membershipIds)))
        .then((rows) => rows.forEach((r) => names.set(`tin_membership:${r.id}`, `${person(r)} under ${r.tinName}`))),
    );
  }
  const hardshipIds = ids("hardship_application");
  if (hardshipIds.length) {
    jobs.push(
      db
        .select({ id: hardshipApplications.id, firstName: clinicians.firstName, lastName: clinicians.lastName, tinName: tins.name })
        .from(hardshipApplications)
        .innerJoin(tins, and(eq(tins.organizationId, org), eq(tins.id, hardshipApplications.tinId)))
        .leftJoin(clinicians, and(eq(clinicians.organizationId, org), eq(clinicians.id, hardshipApplications.clinicianId)))
        .where(and(eq(hardshipApplications.organizationId, org), inArray(hardshipApplications.id, hardshipIds)))
        .then((rows) => rows.forEach((r) => names.set(`hardship_application:${r.id}`, r.firstName ? person(r) : `the whole TIN ${r.tinName}`))),
    );
  }
  for (const [type, table] of [["tin_reporting_choice", tinReportingChoices], ["final_score_inputs", finalScoreInputs]] as const) {
    const list = ids(type);
    if (list.length) {
      jobs.push(
        db
          .select({ id: table.id, tinName: tins.name })
          .from(table)
          .innerJoin(tins, and(eq(tins.organizationId, org), eq(tins.id, table.tinId)))
          .where(and(eq(table.organizationId, org), inArray(table.id, list)))
          .then((rows) => rows.forEach((r) => names.set(`${type}:${r.id}`, r.tinName))),
      );
    }
  }
  const groupIds = ids("virtual_group");
  if (groupIds.length) {
    jobs.push(db.select({ id: virtualGroups.id, name: virtualGroups.name }).from(virtualGroups).where(and(eq(virtualGroups.organizationId, org), inArray(virtualGroups.id, groupIds))).then((rows) => rows.forEach((r) => names.set(`virtual_group:${r.id}`, r.name))));
  }
  await Promise.all(jobs);
  return names;
}

/**
 * A filter naming someone or something this organization's log never mentions is refused as NOT_FOUND
 * (another tenant's ids are not probed by filtering); a former member who made changes stays filterable.
 */
async function assertKnownFilterIds(db: Db, scope: OrgScope, f: AuditFilters) {
  const org = scope.organizationId;
  if (f.actorUserId) {
    const [member] = await db.select({ id: memberships.id }).from(memberships).where(and(eq(memberships.organizationId, org), eq(memberships.userId, f.actorUserId)));
    const [acted] = member ? [member] : await db.select({ id: auditLog.id }).from(auditLog).where(and(eq(auditLog.organizationId, org), eq(auditLog.actorUserId, f.actorUserId))).limit(1);
    if (!acted) throw new AppError("NOT_FOUND", "No such member in this organization's audit log.");
  }
  if (f.targetId) {
    const [named] = await db.select({ id: auditLog.id }).from(auditLog).where(and(eq(auditLog.organizationId, org), eq(auditLog.targetId, f.targetId))).limit(1);
    if (!named) throw new AppError("NOT_FOUND", "No change to that record is in this organization's audit log.");
  }
}

export async function listAuditTrail(db: Db, scope: OrgScope, params: AuditFilters & { page: number; pageSize: number }) {
  await assertKnownFilterIds(db, scope, params);
  const { rows, total } = await auditLogPage(db, scope, filterWhere(params), params);
  const names = await targetNames(db, scope, rows);
  const entries: AuditTrailEntry[] = rows.map((r) => {
    const targetName = names.get(`${r.targetType}:${r.targetId}`) ?? null;
    return {
      id: r.id,
      createdAt: r.createdAt,
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      actorName: r.actorName,
      actorEmail: r.actorEmail,
      ip: r.ip,
      targetName,
      sentence: describeAuditEntry({ action: r.action, targetType: r.targetType, before: r.before, after: r.after, actorName: r.actorName, targetName }),
      changes: auditChanges(r.before, r.after),
    };
  });
  return { entries, total, page: params.page, pageSize: params.pageSize };
}

/** Who appears in the log and which action families, for the filter's choices. */
export async function auditFilterOptions(db: Db, scope: OrgScope) {
  const family = sql<string>`split_part(${auditLog.action}, '.', 1)`;
  const [actors, families] = await Promise.all([
    db
      .selectDistinct({ id: users.id, name: users.name, email: users.email })
      .from(auditLog)
      .innerJoin(users, eq(users.id, auditLog.actorUserId))
      .where(eq(auditLog.organizationId, scope.organizationId))
      .orderBy(asc(users.name)),
    db.selectDistinct({ family }).from(auditLog).where(eq(auditLog.organizationId, scope.organizationId)).orderBy(family),
  ]);
  return { actors, families: families.map((f) => f.family) };
}
