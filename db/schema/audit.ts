/**
 * The audit log: one row per change, written in the same transaction as the change. Append-only: a
 * trigger (migration 0001) refuses UPDATE and DELETE, so nobody can edit history (CMS may ask for
 * supporting documentation for six years).
 */
import { bigserial, foreignKey, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organizations, users } from "./tenancy";

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    organizationId: uuid().notNull(),
    /** Null for changes made by the system (seed, imports run from the command line). */
    actorUserId: uuid(),
    /** Typed action name, e.g. `member.added`, `clinician.updated`, `measure_report.imported`. */
    action: text().notNull(),
    targetType: text().notNull(),
    targetId: text().notNull(),
    before: jsonb(),
    after: jsonb(),
    ip: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("audit_log_organization_created_idx").on(t.organizationId, t.createdAt.desc(), t.id.desc()),
    // Restrict, not cascade or set null: history outlives nothing it refers to, and the trigger refuses updates.
    foreignKey({ name: "audit_log_organization_fk", columns: [t.organizationId], foreignColumns: [organizations.id] }),
    foreignKey({ name: "audit_log_actor_fk", columns: [t.actorUserId], foreignColumns: [users.id] }),
  ],
);

export type AuditEntry = typeof auditLog.$inferSelect;
