/**
 * The Quality, Improvement Activities and Cost scores a practice enters for a TIN and year, for the
 * final-score estimate (db/schema/estimates.ts). Percentages with up to two decimals are stored as
 * integer hundredths. Saving replaces the TIN's entry for the year, records who entered it, and is
 * audited; a stale version (someone saved meanwhile) is refused with who and when.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { finalScoreInputs, tins, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { EnteredCategory } from "@/lib/mips/final-score-range";
import { recordAudit, staleVersionMessage } from "../audit";
import type { OrgScope } from "../scope";
import { isUniqueViolation, notFound } from "../roster/guards";

export type EnteredScores = Record<EnteredCategory, number | null>;

export interface SavedFinalScoreInputs {
  scores: EnteredScores;
  enteredBy: string | null;
  enteredAt: Date;
  version: number;
}

const toHundredths = (v: number | null) => (v === null ? null : Math.round(v * 100));
const fromHundredths = (v: number | null) => (v === null ? null : v / 100);

async function requireTin(db: Db, scope: OrgScope, tinId: string) {
  const [tin] = await db.select({ id: tins.id }).from(tins).where(and(eq(tins.organizationId, scope.organizationId), eq(tins.id, tinId)));
  if (!tin) throw notFound("TIN");
}

/** The TIN's saved entry for the year, or null when nobody has entered anything yet. */
export async function getFinalScoreInputs(db: Db, scope: OrgScope, params: { tinId: string; performanceYear: number }): Promise<SavedFinalScoreInputs | null> {
  await requireTin(db, scope, params.tinId);
  const [row] = await db
    .select({
      quality: finalScoreInputs.qualityHundredths,
      improvementActivities: finalScoreInputs.improvementActivitiesHundredths,
      cost: finalScoreInputs.costHundredths,
      enteredAt: finalScoreInputs.enteredAt,
      version: finalScoreInputs.version,
      name: users.name,
      email: users.email,
    })
    .from(finalScoreInputs)
    .leftJoin(users, eq(users.id, finalScoreInputs.enteredByUserId))
    .where(and(eq(finalScoreInputs.organizationId, scope.organizationId), eq(finalScoreInputs.tinId, params.tinId), eq(finalScoreInputs.performanceYear, params.performanceYear)));
  if (!row) return null;
  return {
    scores: { quality: fromHundredths(row.quality), improvementActivities: fromHundredths(row.improvementActivities), cost: fromHundredths(row.cost) },
    enteredBy: row.name ?? row.email ?? null,
    enteredAt: row.enteredAt,
    version: row.version,
  };
}

export interface SaveFinalScoreInputsParams {
  tinId: string;
  performanceYear: number;
  scores: EnteredScores;
  /** The version the form saw; absent when there was no entry yet. */
  expectedVersion?: number | null | undefined;
}

export async function saveFinalScoreInputs(db: Db, scope: OrgScope, params: SaveFinalScoreInputsParams): Promise<SavedFinalScoreInputs> {
  const values = {
    qualityHundredths: toHundredths(params.scores.quality),
    improvementActivitiesHundredths: toHundredths(params.scores.improvementActivities),
    costHundredths: toHundredths(params.scores.cost),
  };
  await db.transaction(async (tx) => {
    await requireTin(tx, scope, params.tinId);
    const key = and(eq(finalScoreInputs.organizationId, scope.organizationId), eq(finalScoreInputs.tinId, params.tinId), eq(finalScoreInputs.performanceYear, params.performanceYear));
    const [before] = await tx.select().from(finalScoreInputs).where(key).for("update");
    const audited = (v: typeof values) => ({ performanceYear: params.performanceYear, quality: fromHundredths(v.qualityHundredths), improvementActivities: fromHundredths(v.improvementActivitiesHundredths), cost: fromHundredths(v.costHundredths) });
    if (before) {
      if (params.expectedVersion !== before.version) {
        throw new AppError("CONFLICT", await staleVersionMessage(tx, scope, "final_score_inputs", before.id, "final-score estimate"));
      }
      await tx
        .update(finalScoreInputs)
        .set({ ...values, enteredByUserId: scope.actorUserId, enteredAt: new Date(), version: before.version + 1 })
        .where(and(eq(finalScoreInputs.organizationId, scope.organizationId), eq(finalScoreInputs.id, before.id)));
      await recordAudit(tx, scope, { action: "final_score_inputs.updated", targetType: "final_score_inputs", targetId: before.id, before: audited(before), after: audited(values) });
      return;
    }
    const [row] = await tx
      .insert(finalScoreInputs)
      .values({ organizationId: scope.organizationId, tinId: params.tinId, performanceYear: params.performanceYear, ...values, enteredByUserId: scope.actorUserId })
      .returning({ id: finalScoreInputs.id })
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) throw new AppError("CONFLICT", "Someone saved this TIN's estimate meanwhile. Reload to see it, then apply your change again.");
        throw error;
      });
    await recordAudit(tx, scope, { action: "final_score_inputs.created", targetType: "final_score_inputs", targetId: row!.id, after: audited(values) });
  });
  return (await getFinalScoreInputs(db, scope, params))!;
}
