/** The input of "save the final-score estimate": each score a percentage 0-100 with up to two decimals, or null when not known. */
import { z } from "zod";
import { performanceYearField } from "../performance-year";

const score = (label: string) =>
  z
    .number({ error: `${label}: expected a percentage from 0 to 100` })
    .min(0, `${label}: expected a percentage from 0 to 100`)
    .max(100, `${label}: expected a percentage from 0 to 100`)
    .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, `${label}: at most two decimals`)
    .nullable();

export const finalScoreInputsFields = z.object({
  quality: score("Quality score"),
  improvementActivities: score("Improvement Activities score"),
  cost: score("Cost score"),
});

export const saveFinalScoreInputsInput = z.object({
  tinId: z.uuid("expected a TIN id"),
  performanceYear: performanceYearField,
  scores: finalScoreInputsFields,
  expectedVersion: z.number().int().min(1).nullish(),
});
