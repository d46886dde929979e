/**
 * A per-organization data version, so computed dashboards can be cached and never served stale
 * (server/services/dashboards/cache.ts).
 *
 * Triggers (migration `organization_data_versions`) on every table a dashboard reads (roster, CEHRT
 * data, reporting choices, estimates) note the organizations a statement changed in
 * `organization_data_changes` (one row per statement and organization, from the statement's transition
 * tables: no per-row cost for imports). A deferred constraint trigger on that table bumps
 * `organization_data_versions.version` when the transaction commits, in the same transaction as the
 * write: a reader that sees the data sees the new version. The version row is locked only during the
 * commit, never while the transaction still takes other locks, so it adds no deadlock. Nobody writes
 * these tables otherwise.
 */
import { bigint, bigserial, pgTable, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./tenancy";

export const organizationDataVersions = pgTable("organization_data_versions", {
  organizationId: uuid()
    .primaryKey()
    .references(() => organizations.id, { onDelete: "cascade" }),
  version: bigint({ mode: "number" }).notNull(),
});

/** Changes of the transaction not yet counted (emptied by the deferred trigger at commit). */
export const organizationDataChanges = pgTable("organization_data_changes", {
  id: bigserial({ mode: "number" }).primaryKey(),
  organizationId: uuid().notNull(),
});

export type OrganizationDataVersion = typeof organizationDataVersions.$inferSelect;
