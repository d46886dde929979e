/**
 * The per-TIN summary the 100% rule is decided from (server/services/roster/tin-summary.ts), so an
 * overview of 1,000 TINs and 50,000 clinicians does not group every membership on every request.
 *
 * `tin_roster_versions` counts changes to what decides a TIN's reweighting: triggers (migration
 * `roster_summary_triggers`) bump it in the same transaction as any insert, update or delete of the
 * TIN's memberships, their year figures, its hardship applications, or its clinicians' types. A summary
 * stores the version it was computed from; a reader recomputes it when the versions differ. Only the
 * rules' inputs are stored (clinician type, flags, deciding hardship, with counts), never lib/mips'
 * verdict, so a rules change needs no migration.
 */
import { bigint, foreignKey, integer, jsonb, pgTable, primaryKey, uuid } from "drizzle-orm/pg-core";
import { tins } from "./roster";

export const tinRosterVersions = pgTable(
  "tin_roster_versions",
  {
    organizationId: uuid().notNull(),
    tinId: uuid().notNull(),
    version: bigint({ mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ name: "tin_roster_versions_pkey", columns: [t.organizationId, t.tinId] }),
    foreignKey({ name: "tin_roster_versions_tin_fk", columns: [t.organizationId, t.tinId], foreignColumns: [tins.organizationId, tins.id] }).onDelete("cascade"),
  ],
);

/** One distinct combination of what decides a clinician's reweighting under a TIN, with how many clinicians have it. */
export interface ReweightingCombination {
  clinicianType: string;
  nonPatientFacing: boolean;
  hospitalBased: boolean;
  ascBased: boolean;
  /** The deciding hardship application: "reason|status", or null. */
  hardship: string | null;
  clinicians: number;
}

export const tinReweightingSummaries = pgTable(
  "tin_reweighting_summaries",
  {
    organizationId: uuid().notNull(),
    tinId: uuid().notNull(),
    performanceYear: integer().notNull(),
    /** The TIN's roster version this was computed from (0: no change recorded yet). */
    rosterVersion: bigint({ mode: "number" }).notNull(),
    combinations: jsonb().$type<ReweightingCombination[]>().notNull(),
  },
  (t) => [
    primaryKey({ name: "tin_reweighting_summaries_pkey", columns: [t.organizationId, t.tinId, t.performanceYear] }),
    foreignKey({ name: "tin_reweighting_summaries_tin_fk", columns: [t.organizationId, t.tinId], foreignColumns: [tins.organizationId, tins.id] }).onDelete("cascade"),
  ],
);

export type TinRosterVersion = typeof tinRosterVersions.$inferSelect;
export type TinReweightingSummaryRow = typeof tinReweightingSummaries.$inferSelect;
