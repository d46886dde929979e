/**
 * What a practice enters about the MIPS categories the portal does not score (Quality, Improvement
 * Activities, Cost), per TIN and performance year, for the final-score estimate. Each score is stored in
 * hundredths of a percent (0-10000, an integer) or null when not entered (the page then shows the range
 * from 0% to 100% for it). Who entered it and when is kept on the row and in the audit log.
 */
import { sql } from "drizzle-orm";
import { check, foreignKey, integer, pgTable, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { tins } from "./roster";
import { users } from "./tenancy";

export const finalScoreInputs = pgTable(
  "final_score_inputs",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid().notNull(),
    tinId: uuid().notNull(),
    performanceYear: integer().notNull(),
    qualityHundredths: integer(),
    improvementActivitiesHundredths: integer(),
    costHundredths: integer(),
    enteredByUserId: uuid(),
    enteredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [
    uniqueIndex("final_score_inputs_organization_tin_year_key").on(t.organizationId, t.tinId, t.performanceYear),
    check(
      "final_score_inputs_range_check",
      sql`(${t.qualityHundredths} IS NULL OR ${t.qualityHundredths} BETWEEN 0 AND 10000) AND (${t.improvementActivitiesHundredths} IS NULL OR ${t.improvementActivitiesHundredths} BETWEEN 0 AND 10000) AND (${t.costHundredths} IS NULL OR ${t.costHundredths} BETWEEN 0 AND 10000)`,
    ),
    foreignKey({ name: "final_score_inputs_tin_fk", columns: [t.organizationId, t.tinId], foreignColumns: [tins.organizationId, tins.id] }).onDelete("cascade"),
    foreignKey({ name: "final_score_inputs_entered_by_fk", columns: [t.enteredByUserId], foreignColumns: [users.id] }).onDelete("set null"),
  ],
);

export type FinalScoreInputs = typeof finalScoreInputs.$inferSelect;
